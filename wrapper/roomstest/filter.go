package roomstest

import (
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
)

// predicate keeps the items of a list that match one filter. A nil
// predicate is a filter the request did not set.
type predicate[T any] func(T) bool

// active returns the predicates the request set.
func active[T any](preds []predicate[T]) []predicate[T] {
	var out []predicate[T]
	for _, p := range preds {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// keeps reports whether every predicate keeps it.
func keeps[T any](preds []predicate[T], it T) bool {
	for _, p := range preds {
		if !p(it) {
			return false
		}
	}
	return true
}

// dayRange is the instants whose calendar date in UTC satisfies a
// filter[date_X][eq|gte|lte] triple: equal to eq and within [gte, lte],
// bounds included (decision D2). It is the half-open interval [from, to)
// of UTC midnights, so that checking an instant is two comparisons.
type dayRange struct {
	set            bool // some bound is set: without one there is no filter
	hasFrom, hasTo bool
	from, to       time.Time
}

func newDayRange(eq, gte, lte *openapi_types.Date) dayRange {
	var r dayRange
	atLeast := func(d *openapi_types.Date, next int) {
		if d == nil {
			return
		}
		if t := midnight(d.Time, next); !r.hasFrom || t.After(r.from) {
			r.from, r.hasFrom = t, true
		}
	}
	before := func(d *openapi_types.Date) {
		if d == nil {
			return
		}
		if t := midnight(d.Time, 1); !r.hasTo || t.Before(r.to) {
			r.to, r.hasTo = t, true
		}
	}
	atLeast(eq, 0)
	atLeast(gte, 0)
	before(eq)
	before(lte)
	r.set = r.hasFrom || r.hasTo
	return r
}

// midnight is the start, in UTC, of the day days after d's UTC date.
func midnight(d time.Time, days int) time.Time {
	y, m, day := d.UTC().Date()
	return time.Date(y, m, day+days, 0, 0, 0, 0, time.UTC)
}

// contains reports whether t lies in the range.
func (r dayRange) contains(t time.Time) bool {
	return (!r.hasFrom || !t.Before(r.from)) && (!r.hasTo || t.Before(r.to))
}

// dateFilter implements a filter[date_X][eq|gte|lte] triple on field (see
// dayRange). A zero field (an unset ended_at or left_at) never matches a
// set filter.
func dateFilter[T any](eq, gte, lte *openapi_types.Date, field func(T) time.Time) predicate[T] {
	r := newDayRange(eq, gte, lte)
	if !r.set {
		return nil
	}
	return func(it T) bool {
		t := field(it)
		return !t.IsZero() && r.contains(t)
	}
}

// equalFilter implements an exact-match filter such as filter[unique_name],
// filter[room_id], filter[active], filter[context] or filter[session_id].
func equalFilter[T any, V comparable](want *V, field func(T) V) predicate[T] {
	if want == nil {
		return nil
	}
	return func(it T) bool { return field(it) == *want }
}
