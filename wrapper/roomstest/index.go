package roomstest

import (
	"slices"
	"time"
)

// timeIndex keeps resources in list order: by a timestamp fixed when the
// resource is created (created_at, joined_at), then by creation order. A
// list reads it in order and copies only its page, so that a list costs
// what its page costs plus a pass over pointers, not a copy and a sort of
// the whole store under the store's lock (issue 12: at 10k rooms a list
// took 1000 times a get).
//
// Inserting at the end, as resources created now are, is an append;
// resources with older timestamps (the seed world, a clock set back) are
// placed by binary search.
type timeIndex[T any] struct {
	at    func(*T) time.Time
	items []*T
}

func newTimeIndex[T any](at func(*T) time.Time) *timeIndex[T] {
	return &timeIndex[T]{at: at}
}

// insert adds p after every item with the same or an earlier timestamp.
func (x *timeIndex[T]) insert(p *T) {
	t := x.at(p)
	if n := len(x.items); n == 0 || !t.Before(x.at(x.items[n-1])) {
		x.items = append(x.items, p)
		return
	}
	i, _ := slices.BinarySearchFunc(x.items, t, func(it *T, t time.Time) int {
		if x.at(it).After(t) {
			return 1
		}
		return -1 // ties sort before t: p goes after them
	})
	x.items = slices.Insert(x.items, i, p)
}

// remove deletes p, if present.
func (x *timeIndex[T]) remove(p *T) {
	t := x.at(p)
	i, _ := slices.BinarySearchFunc(x.items, t, x.compare)
	for ; i < len(x.items) && x.at(x.items[i]).Equal(t); i++ {
		if x.items[i] == p {
			x.items = slices.Delete(x.items, i, i+1)
			return
		}
	}
}

// all returns the items in list order. The slice is the index's own: read
// it under the store's lock and do not keep it.
func (x *timeIndex[T]) all() []*T {
	if x == nil {
		return nil
	}
	return x.items
}

// within returns the items whose timestamp lies in r (all of them when r
// sets no bound), in list order, by binary search: the index's own slice,
// as for all. A list filtered by date on the index's own timestamp
// therefore costs its page, not a pass over the store.
func (x *timeIndex[T]) within(r dayRange) []*T {
	items := x.all()
	lo, hi := 0, len(items)
	if r.hasFrom {
		lo, _ = slices.BinarySearchFunc(items, r.from, x.compare)
	}
	if r.hasTo {
		hi, _ = slices.BinarySearchFunc(items, r.to, x.compare)
	}
	if lo >= hi {
		return nil
	}
	return items[lo:hi]
}

func (x *timeIndex[T]) compare(it *T, t time.Time) int { return x.at(it).Compare(t) }

// values returns copies of the items, in list order.
func (x *timeIndex[T]) values() []T {
	out := make([]T, len(x.all()))
	for i, p := range x.all() {
		out[i] = *p
	}
	return out
}
