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
// of the pages before k. Pages are only fetched up to the total the API
// announced; when it announced none, pages are fetched one at a time. n is capped at 16; n <= 0 (the default) fetches one page at a
// time. When the caller stops early, pending fetches are cancelled and waited
// for before the loop returns.
func WithPrefetch(n int) IterOption {
	return func(c *iterConfig) { c.prefetch = min(max(n, 0), maxPrefetch) }
}

// pageResult is the outcome of one prefetched page.
type pageResult[T any] struct {
	page *Page[T]
	err  error
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
		// queue holds the pending fetches of the pages after page, in order;
		// launched is the highest page number fetched or being fetched.
		var queue []chan pageResult[T]
		launched := page.PageNumber
		fill := func(p *Page[T]) {
			last := p.lastKnown()
			for len(queue) < cfg.prefetch && launched < last {
				launched++
				ch := make(chan pageResult[T], 1)
				queue = append(queue, ch)
				wg.Add(1)
				go func(n int) {
					defer wg.Done()
					np, err := l.page(ctx, n, p.limit)
					ch <- pageResult[T]{np, err}
				}(launched)
			}
		}
		for {
			if len(page.Items) > 0 {
				fill(page)
			}
			for i := range page.Items {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				if !yield(page.Items[i], nil) {
					return
				}
			}
			if !page.HasNext() {
				return
			}
			var next *Page[T]
			if len(queue) > 0 {
				r := <-queue[0]
				queue = queue[1:]
				next, err = r.page, r.err
				if err == nil {
					err = next.repeats(page)
				}
			} else {
				next, err = page.Next(ctx)
				launched = max(launched, page.PageNumber+1)
			}
			if err != nil {
				yield(zero, err)
				return
			}
			page = next
		}
	}
}
