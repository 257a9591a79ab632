package roomstest

import (
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
	"github.com/stretchr/testify/assert"
)

type stamped struct {
	name string
	at   time.Time
}

func names(items []*stamped) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.name
	}
	return out
}

// TestTimeIndexKeepsListOrder: by timestamp, ties in insertion order,
// whatever order the timestamps come in; remove takes out exactly the
// item given, also among ties.
func TestTimeIndexKeepsListOrder(t *testing.T) {
	base := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return base.Add(time.Duration(m) * time.Minute) }
	x := newTimeIndex(func(s *stamped) time.Time { return s.at })
	items := map[string]*stamped{}
	for _, it := range []struct {
		name string
		min  int
	}{
		{"b1", 2}, {"c1", 3}, {"a1", 1}, {"b2", 2}, {"d1", 4}, {"a2", 1}, {"b3", 2}, {"z0", 0}, {"d2", 4},
	} {
		s := &stamped{it.name, at(it.min)}
		items[it.name] = s
		x.insert(s)
	}
	assert.Equal(t, []string{"z0", "a1", "a2", "b1", "b2", "b3", "c1", "d1", "d2"}, names(x.all()))

	x.remove(items["b2"])
	x.remove(items["z0"])
	x.remove(items["d2"])
	x.remove(&stamped{"b9", at(2)}) // not in the index: nothing happens
	x.remove(&stamped{"q", at(9)})
	assert.Equal(t, []string{"a1", "a2", "b1", "b3", "c1", "d1"}, names(x.all()))

	x.insert(&stamped{"b4", at(2)})
	assert.Equal(t, []string{"a1", "a2", "b1", "b3", "b4", "c1", "d1"}, names(x.all()))
	assert.Len(t, x.values(), 7)

	var missing *timeIndex[stamped]
	assert.Empty(t, missing.all(), "a room without sessions has no index")
	assert.Empty(t, missing.values())
}

// TestTimeIndexWithin: the binary search finds exactly the items a date
// filter on the index's own timestamp keeps, also at day boundaries.
func TestTimeIndexWithin(t *testing.T) {
	day := func(s string) *openapi_types.Date {
		v, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return &openapi_types.Date{Time: v}
	}
	x := newTimeIndex(func(s *stamped) time.Time { return s.at })
	for _, it := range []struct{ name, at string }{
		{"24-end", "2021-04-24T23:59:59.999999Z"},
		{"25-start", "2021-04-25T00:00:00Z"},
		{"25-noon", "2021-04-25T12:00:00Z"},
		{"25-end", "2021-04-25T23:59:59.999999Z"},
		{"26-start", "2021-04-26T00:00:00Z"},
		{"27", "2021-04-27T08:00:00+09:00"}, // 2021-04-26 in UTC
	} {
		at, err := time.Parse(time.RFC3339Nano, it.at)
		if err != nil {
			t.Fatal(err)
		}
		x.insert(&stamped{it.name, at})
	}
	tests := []struct {
		name         string
		eq, gte, lte *openapi_types.Date
		want         []string
	}{
		{"no bound", nil, nil, nil, []string{"24-end", "25-start", "25-noon", "25-end", "26-start", "27"}},
		{"eq", day("2021-04-25"), nil, nil, []string{"25-start", "25-noon", "25-end"}},
		{"gte", nil, day("2021-04-26"), nil, []string{"26-start", "27"}},
		{"lte", nil, nil, day("2021-04-24"), []string{"24-end"}},
		{"gte and lte", nil, day("2021-04-25"), day("2021-04-25"), []string{"25-start", "25-noon", "25-end"}},
		{"eq outside gte", day("2021-04-25"), day("2021-04-26"), nil, []string{}},
		{"lte before gte", nil, day("2021-04-26"), day("2021-04-25"), []string{}},
		{"nothing that day", day("2020-01-01"), nil, nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, names(x.within(newDayRange(tt.eq, tt.gte, tt.lte))))
			var scanned []string
			keep := dateFilter(tt.eq, tt.gte, tt.lte, func(s *stamped) time.Time { return s.at })
			for _, it := range x.all() {
				if keep == nil || keep(it) {
					scanned = append(scanned, it.name)
				}
			}
			assert.Equal(t, tt.want, append([]string{}, scanned...), "the filter agrees with the search")
		})
	}
}
