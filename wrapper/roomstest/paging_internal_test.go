package roomstest

import (
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
	"github.com/stretchr/testify/assert"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func TestPageOf(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	p := func(v int32) *int32 { return &v }
	odd := func(v *int) bool { return *v%2 == 1 }
	tests := []struct {
		name         string
		items        []int
		size, number *int32
		want         []int
		meta         gen.PaginationMeta
		preds        []predicate[*int]
	}{
		{"defaults", items, nil, nil, items, gen.PaginationMeta{PageNumber: 1, PageSize: 20, TotalPages: 1, TotalResults: 5}, nil},
		{"exact pages", items, p(5), p(1), items, gen.PaginationMeta{PageNumber: 1, PageSize: 5, TotalPages: 1, TotalResults: 5}, nil},
		{"rounds pages up", items, p(2), p(3), []int{5}, gen.PaginationMeta{PageNumber: 3, PageSize: 2, TotalPages: 3, TotalResults: 5}, nil},
		{"past the end", items, p(2), p(4), []int{}, gen.PaginationMeta{PageNumber: 4, PageSize: 2, TotalPages: 3, TotalResults: 5}, nil},
		{"nothing", nil, nil, nil, []int{}, gen.PaginationMeta{PageNumber: 1, PageSize: 20, TotalPages: 0, TotalResults: 0}, nil},
		{"clamps a size too small", items, p(0), nil, []int{1}, gen.PaginationMeta{PageNumber: 1, PageSize: 1, TotalPages: 5, TotalResults: 5}, nil},
		{"clamps a size too large", items, p(1000), nil, items, gen.PaginationMeta{PageNumber: 1, PageSize: 250, TotalPages: 1, TotalResults: 5}, nil},
		{"clamps a page number", items, nil, p(-3), items, gen.PaginationMeta{PageNumber: 1, PageSize: 20, TotalPages: 1, TotalResults: 5}, nil},
		{"a page number far past the end", items, p(250), p(1<<31 - 1), []int{}, gen.PaginationMeta{PageNumber: 1<<31 - 1, PageSize: 250, TotalPages: 1, TotalResults: 5}, nil},
		{"unset predicates filter nothing", items, p(2), p(2), []int{3, 4}, gen.PaginationMeta{PageNumber: 2, PageSize: 2, TotalPages: 3, TotalResults: 5}, []predicate[*int]{nil, nil}},
		{"filters, then pages", items, p(2), p(1), []int{1, 3}, gen.PaginationMeta{PageNumber: 1, PageSize: 2, TotalPages: 2, TotalResults: 3}, []predicate[*int]{nil, odd}},
		{"filters, last page", items, p(2), p(2), []int{5}, gen.PaginationMeta{PageNumber: 2, PageSize: 2, TotalPages: 2, TotalResults: 3}, []predicate[*int]{odd}},
		{"filters, past the end", items, p(2), p(3), []int{}, gen.PaginationMeta{PageNumber: 3, PageSize: 2, TotalPages: 2, TotalResults: 3}, []predicate[*int]{odd}},
		{"every predicate must keep an item", items, nil, nil, []int{5}, gen.PaginationMeta{PageNumber: 1, PageSize: 20, TotalPages: 1, TotalResults: 1}, []predicate[*int]{odd, func(v *int) bool { return *v > 4 }}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ptrs := make([]*int, len(tt.items))
			for i := range tt.items {
				ptrs[i] = &tt.items[i]
			}
			got, meta := pageOf(ptrs, tt.size, tt.number, tt.preds...)
			assert.NotNil(t, got)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.meta, meta)
		})
	}
}

func TestDateFilterIsInclusiveAndUTC(t *testing.T) {
	d := func(s string) *openapi_types.Date {
		v, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return &openapi_types.Date{Time: v}
	}
	at := func(t *time.Time) time.Time { return *t }
	east := time.FixedZone("UTC+9", 9*3600)
	tests := []struct {
		name         string
		eq, gte, lte *openapi_types.Date
		t            time.Time
		want         bool
	}{
		{"eq same day, first instant", d("2021-04-25"), nil, nil, time.Date(2021, 4, 25, 0, 0, 0, 0, time.UTC), true},
		{"eq same day, last instant", d("2021-04-25"), nil, nil, time.Date(2021, 4, 25, 23, 59, 59, 999999999, time.UTC), true},
		{"eq next day", d("2021-04-25"), nil, nil, time.Date(2021, 4, 26, 0, 0, 0, 0, time.UTC), false},
		{"eq compares the UTC date", d("2021-04-24"), nil, nil, time.Date(2021, 4, 25, 8, 0, 0, 0, east), true},
		{"gte on the day", nil, d("2021-04-25"), nil, time.Date(2021, 4, 25, 0, 0, 0, 0, time.UTC), true},
		{"gte the day before", nil, d("2021-04-25"), nil, time.Date(2021, 4, 24, 23, 59, 59, 0, time.UTC), false},
		{"lte on the day", nil, nil, d("2021-04-25"), time.Date(2021, 4, 25, 23, 59, 59, 0, time.UTC), true},
		{"lte the day after", nil, nil, d("2021-04-25"), time.Date(2021, 4, 26, 0, 0, 0, 0, time.UTC), false},
		{"unset time never matches", d("2021-04-25"), nil, nil, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dateFilter(tt.eq, tt.gte, tt.lte, at)
			assert.Equal(t, tt.want, p(&tt.t))
		})
	}
	assert.Nil(t, dateFilter[*time.Time](nil, nil, nil, at), "no bound set: no filter")
	page, meta := pageOf([]*time.Time{{}}, nil, nil, dateFilter(d("2021-01-01"), nil, nil, at))
	assert.Equal(t, []time.Time{}, page)
	assert.Zero(t, meta.TotalResults)
}
