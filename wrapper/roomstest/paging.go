package roomstest

import "github.com/seed1c924325/telnyx-rooms-go/gen"

// Paging defaults and bounds of the contract (page[size], page[number]).
const (
	defaultPageSize = 20
	maxPageSize     = 250
)

// paginate cuts one page out of items, which are already filtered and in
// list order, and describes it. Request validation has already enforced
// 1 <= page[size] <= 250 and page[number] >= 1; out-of-range values that
// reach it anyway are clamped. A page past the end is empty (never null)
// with the true totals; total_pages is ceil(total_results / page_size),
// so no results means 0 pages.
func paginate[T any](items []T, size, number *int32) ([]T, gen.PaginationMeta) {
	pageSize, pageNumber := int64(defaultPageSize), int64(1)
	if size != nil {
		pageSize = min(max(int64(*size), 1), maxPageSize)
	}
	if number != nil {
		pageNumber = max(int64(*number), 1)
	}
	total := int64(len(items))
	start := min((pageNumber-1)*pageSize, total)
	end := min(start+pageSize, total)
	page := make([]T, end-start)
	copy(page, items[start:end])
	return page, gen.PaginationMeta{
		PageNumber:   int32(pageNumber),
		PageSize:     int32(pageSize),
		TotalPages:   int32((total + pageSize - 1) / pageSize),
		TotalResults: int32(total),
	}
}
