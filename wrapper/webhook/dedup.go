package webhook

import (
	"context"
	"sync"
	"time"
)

// Deduplicator remembers which events a receiver has handled, so that an
// event Telnyx delivers twice is handled once. A fleet of receivers behind
// a load balancer shares one by implementing it over a shared store (Redis
// SET NX with an expiry, a unique key in SQL); MemoryDeduplicator serves one
// process. Implementations must be safe for concurrent use.
type Deduplicator interface {
	// Claim records id as being handled and reports true, or reports false
	// when id was claimed before and not released. Only one of concurrent
	// claims of the same id may report true.
	Claim(ctx context.Context, id string) (bool, error)
	// Release forgets a claim whose handling failed, so that the next
	// delivery of the event is handled.
	Release(ctx context.Context, id string) error
}

// Defaults of NewMemoryDeduplicator.
const (
	// DefaultDedupEntries is how many event ids are remembered at most.
	DefaultDedupEntries = 10000
	// DefaultDedupAge is how long an event id is remembered at most.
	DefaultDedupAge = 24 * time.Hour
)

// MemoryDeduplicator is an in-memory Deduplicator bounded in entries and in
// age: it remembers at most the newest max entries claimed within the last
// max age. It is safe for concurrent use.
type MemoryDeduplicator struct {
	maxEntries int
	maxAge     time.Duration
	now        func() time.Time

	mu      sync.Mutex
	claimed map[string]time.Time
	order   []dedupEntry // claims, oldest first; may hold released ones
}

type dedupEntry struct {
	id string
	at time.Time
}

// DedupOption configures a MemoryDeduplicator.
type DedupOption func(*MemoryDeduplicator)

// WithMaxEntries bounds how many ids are remembered (DefaultDedupEntries by
// default); values below 1 are ignored.
func WithMaxEntries(n int) DedupOption {
	return func(d *MemoryDeduplicator) {
		if n > 0 {
			d.maxEntries = n
		}
	}
}

// WithMaxAge bounds how long an id is remembered (DefaultDedupAge by
// default); values not positive are ignored.
func WithMaxAge(age time.Duration) DedupOption {
	return func(d *MemoryDeduplicator) {
		if age > 0 {
			d.maxAge = age
		}
	}
}

// WithDedupClock sets the clock ages are measured with (time.Now by default).
func WithDedupClock(now func() time.Time) DedupOption {
	return func(d *MemoryDeduplicator) {
		if now != nil {
			d.now = now
		}
	}
}

// NewMemoryDeduplicator returns an empty MemoryDeduplicator.
func NewMemoryDeduplicator(opts ...DedupOption) *MemoryDeduplicator {
	d := &MemoryDeduplicator{maxEntries: DefaultDedupEntries, maxAge: DefaultDedupAge, now: time.Now, claimed: map[string]time.Time{}}
	for _, opt := range opts {
		if opt != nil {
			opt(d)
		}
	}
	return d
}

// Claim implements Deduplicator. It never fails.
func (d *MemoryDeduplicator) Claim(_ context.Context, id string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	d.expire(now)
	if _, seen := d.claimed[id]; seen {
		return false, nil
	}
	d.claimed[id] = now
	d.order = append(d.order, dedupEntry{id: id, at: now})
	for len(d.claimed) > d.maxEntries {
		d.dropOldest()
	}
	return true, nil
}

// Release implements Deduplicator. It never fails.
func (d *MemoryDeduplicator) Release(_ context.Context, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.claimed, id)
	return nil
}

// Len returns how many ids are remembered now.
func (d *MemoryDeduplicator) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(d.now())
	return len(d.claimed)
}

// expire forgets the claims older than maxAge. Claims are in order of the
// clock, so it stops at the first young one.
func (d *MemoryDeduplicator) expire(now time.Time) {
	for len(d.order) > 0 && now.Sub(d.order[0].at) > d.maxAge {
		d.dropOldest()
	}
	// Keep the queue from growing with released entries.
	if len(d.order) > 2*d.maxEntries {
		kept := d.order[:0]
		for _, e := range d.order {
			if at, ok := d.claimed[e.id]; ok && at.Equal(e.at) {
				kept = append(kept, e)
			}
		}
		clear(d.order[len(kept):])
		d.order = kept
	}
}

// dropOldest forgets the oldest claim still in the queue.
func (d *MemoryDeduplicator) dropOldest() {
	e := d.order[0]
	d.order[0] = dedupEntry{}
	d.order = d.order[1:]
	if at, ok := d.claimed[e.id]; ok && at.Equal(e.at) {
		delete(d.claimed, e.id)
	}
}
