package rooms

import (
	"context"
	"iter"
	"sync"
)

// maxPrefetch bounds WithPrefetch.
const maxPrefetch = 16

// IterOption configures a ListIter walk.
type IterOption func(*iterConfig)

type iterConfig struct{ prefetch int }

// WithPrefetch makes a ListIter walk fetch up to n following pages
// concurrently while the caller consumes the current one. Items still come in
// the API's order, and an error fetching page k is yielded after every item
// of the pages before k. A fetch counts against n until its answer arrives:
// while the page is decoded, or waits for the caller to reach it, the next
// fetch is already on its way. A walk holds at most 2n pages ahead of the
// caller's, fetched or being fetched. Pages are only fetched up to the total
// the API announced; when it announced none, pages are fetched one at a
// time. n is capped at 16; n <= 0 (the default) fetches one page at a time.
// When the caller stops early, pending fetches are cancelled and waited for
// before the loop returns.
func WithPrefetch(n int) IterOption {
	return func(c *iterConfig) { c.prefetch = min(max(n, 0), maxPrefetch) }
}

// prefetchAhead is how many times WithPrefetch's n a walk may hold in pages
// ahead of the caller's: room for a page that is slow to come while the
// others keep the connections busy.
const prefetchAhead = 2

// fetchEvent is what a prefetching fetch reports: first that its answer
// arrived (an event with page number 0), then its outcome.
type fetchEvent[T any] struct {
	number int // of the page; 0 when the event says an answer arrived
	page   *Page[T]
	err    error
}

// prefetcher runs the fetches of a walk with WithPrefetch. It is used by the
// walk's own goroutine only; the fetches report to it through events.
type prefetcher[T any] struct {
	ctx      context.Context
	wg       *sync.WaitGroup
	l        *lister[T]
	n        int                   // most fetches waiting for an answer
	launched int                   // highest page number fetched or being fetched
	waiting  int                   // fetches started whose answer has not arrived
	running  int                   // fetches started whose outcome is not in ready
	events   chan fetchEvent[T]    // room for every event of running fetches: a fetch never blocks on it
	ready    map[int]fetchEvent[T] // outcomes of pages the caller has not reached, by number
}

func newPrefetcher[T any](ctx context.Context, wg *sync.WaitGroup, l *lister[T], n, first int) *prefetcher[T] {
	return &prefetcher[T]{ctx: ctx, wg: wg, l: l, n: n, launched: first,
		events: make(chan fetchEvent[T], 2*prefetchAhead*n), ready: map[int]fetchEvent[T]{}}
}

// fill starts fetches while fewer than n wait for an answer and the walk
// holds fewer than prefetchAhead×n pages ahead of cur, the caller's page.
func (f *prefetcher[T]) fill(cur *Page[T]) {
	last := cur.lastKnown()
	for f.waiting < f.n && f.launched < last && f.launched-cur.PageNumber < prefetchAhead*f.n {
		f.launched++
		f.waiting++
		f.running++
		f.wg.Add(1)
		go f.fetch(f.launched, cur.limit)
	}
}

// fetch fetches page number and reports its events.
func (f *prefetcher[T]) fetch(number, limit int) {
	defer f.wg.Done()
	var once sync.Once
	answered := func() { once.Do(func() { f.events <- fetchEvent[T]{} }) }
	p, err := f.l.watchedPage(f.ctx, number, limit, answered)
	answered() // a fetch that failed without an answer stops waiting too
	f.events <- fetchEvent[T]{number: number, page: p, err: err}
}

// collect handles one event, waiting for it when wait is set (otherwise
// it reports false when there is none), and starts the fetches it makes
// room for.
func (f *prefetcher[T]) collect(cur *Page[T], wait bool) bool {
	var e fetchEvent[T]
	if wait {
		e = <-f.events
	} else {
		select {
		case e = <-f.events:
		default:
			return false
		}
	}
	if e.number == 0 {
		f.waiting--
	} else {
		f.running--
		f.ready[e.number] = e
	}
	f.fill(cur)
	return true
}

// take returns the outcome of page number, waiting for it; ok is false
// when that page was never fetched.
func (f *prefetcher[T]) take(number int, cur *Page[T]) (e fetchEvent[T], ok bool) {
	for {
		if e, ok := f.ready[number]; ok {
			delete(f.ready, number)
			return e, true
		}
		if number > f.launched || f.running == 0 {
			return e, false
		}
		f.collect(cur, true)
	}
}

// all walks every page from l.start and yields each item. On failure it
// yields one zero item with the error and stops.
func (l *lister[T]) all(ctx context.Context, opts []IterOption) iter.Seq2[T, error] {
	var cfg iterConfig
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return func(yield func(T, error) bool) {
		var zero T
		ctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		defer wg.Wait() // runs after cancel: no fetch outlives the loop
		defer cancel()

		page, err := l.first(ctx)
		if err != nil {
			yield(zero, err)
			return
		}
		f := newPrefetcher(ctx, &wg, l, cfg.prefetch, page.PageNumber)
		for {
			if len(page.Items) > 0 {
				f.fill(page)
			}
			for i := range page.Items {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				if !yield(page.Items[i], nil) {
					return
				}
				if f.running > 0 {
					// Start what answers that came meanwhile make room for,
					// rather than after the caller's whole page.
					f.collect(page, false)
				}
			}
			if !page.HasNext() {
				return
			}
			var next *Page[T]
			if e, ok := f.take(page.PageNumber+1, page); ok {
				next, err = e.page, e.err
				if err == nil {
					err = next.repeats(page)
				}
			} else {
				next, err = page.Next(ctx)
				f.launched = max(f.launched, page.PageNumber+1)
			}
			if err != nil {
				yield(zero, err)
				return
			}
			page = next
		}
	}
}
