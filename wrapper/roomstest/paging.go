package roomstest

import "github.com/seed1c924325/telnyx-rooms-go/gen"

// Paging defaults and bounds of the contract (page[size], page[number]).
const (
	defaultPageSize = 20
	maxPageSize     = 250
)

// pageOf cuts one page out of the items every non-nil predicate keeps
// (items are in list order) and describes it, copying only the page's
// items: without filters the page is found by position, with filters one
// pass over the pointers counts the matches. Request validation has
// already enforced 1 <= page[size] <= 250 and page[number] >= 1;
// out-of-range values that reach it anyway are clamped. A page past the
// end is empty (never null) with the true totals; total_pages is
// ceil(total_results / page_size), so no results means 0 pages.
func pageOf[T any](items []*T, size, number *int32, preds ...predicate[*T]) ([]T, gen.PaginationMeta) {
	pageSize, pageNumber := pageBounds(size, number)
	start := (pageNumber - 1) * pageSize
	end := start + pageSize
	page := []T{}
	var total int64
	if preds = active(preds); len(preds) == 0 {
		total = int64(len(items))
		for _, p := range items[min(start, total):min(end, total)] {
			page = append(page, *p)
		}
	} else {
		for _, p := range items {
			if !keeps(preds, p) {
				continue
			}
			if total >= start && total < end {
				page = append(page, *p)
			}
			total++
		}
	}
	return page, gen.PaginationMeta{
		PageNumber:   int32(pageNumber),
		PageSize:     int32(pageSize),
		TotalPages:   int32((total + pageSize - 1) / pageSize),
		TotalResults: int32(total),
	}
}

// pageBounds is the page size and number a list asks for: the defaults for
// those it does not set, out-of-range values clamped.
func pageBounds(size, number *int32) (pageSize, pageNumber int64) {
	pageSize, pageNumber = defaultPageSize, 1
	if size != nil {
		pageSize = min(max(int64(*size), 1), maxPageSize)
	}
	if number != nil {
		pageNumber = max(int64(*number), 1)
	}
	return pageSize, pageNumber
}
