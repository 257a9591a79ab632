package roomstest

import (
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
)

// predicate keeps the items of a list that match one filter. A nil
// predicate is a filter the request did not set.
type predicate[T any] func(T) bool

// filter returns the items every non-nil predicate keeps, in their order.
func filter[T any](items []T, preds ...predicate[T]) []T {
	out := items[:0:0]
	for _, it := range items {
		keep := true
		for _, p := range preds {
			if p != nil && !p(it) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, it)
		}
	}
	return out
}

// civilDay is a calendar date in UTC as one comparable number, yyyymmdd.
func civilDay(t time.Time) int {
	y, m, d := t.UTC().Date()
	return y*10000 + int(m)*100 + d
}

// dateFilter implements a filter[date_X][eq|gte|lte] triple: the field's
// calendar date in UTC must equal eq and lie within [gte, lte], bounds
// included (decision D2). A zero field (an unset ended_at or left_at) never
// matches a set filter.
func dateFilter[T any](eq, gte, lte *openapi_types.Date, field func(T) time.Time) predicate[T] {
	if eq == nil && gte == nil && lte == nil {
		return nil
	}
	return func(it T) bool {
		t := field(it)
		if t.IsZero() {
			return false
		}
		day := civilDay(t)
		if eq != nil && day != civilDay(eq.Time) {
			return false
		}
		if gte != nil && day < civilDay(gte.Time) {
			return false
		}
		if lte != nil && day > civilDay(lte.Time) {
			return false
		}
		return true
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
