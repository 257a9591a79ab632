package rooms

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// ErrNoNextPage is returned by Page.Next on the last page.
var ErrNoNextPage = errors.New("rooms: no next page")

// ErrPaginationInconsistent is wrapped by the error returned when the server's
// paging contradicts itself: a page other than the one asked for, a page that
// repeats the previous one, or still more pages at page 2×total_pages+10 of
// the walk's first answer (see the package documentation, "Pagination").
var ErrPaginationInconsistent = errors.New("rooms: inconsistent pagination")

// Page is one page of a list operation: its items and the paging state the
// API returned with them.
type Page[T any] struct {
	// Items are the resources of this page, in the API's order.
	Items []T
	// PageNumber is the number of this page, starting at 1: the one the API
	// reported, or the one asked for when it did not say.
	PageNumber int
	// PageSize is the page size the API reported, or the one asked for (the
	// API default of 20 when none was) when it did not say.
	PageSize int
	// TotalPages is the number of pages the API reported, or derived from
	// TotalResults and PageSize; 0 when the API reported neither (see
	// HasNext).
	TotalPages int
	// TotalResults is the number of resources the API reported; 0 when it
	// did not say.
	TotalResults int
	// RateLimit is where the account's rate-limit budget stood when the API
	// answered with this page (zero when the answer did not say).
	RateLimit RateLimit

	l          *lister[T] // fetches the following pages; nil for a hand-made Page
	path       string     // request path, for errors
	limit      int        // the highest page number a walk may reach
	totalKnown bool       // TotalPages came from the API's meta
}

// HasNext reports whether there is a page after this one. When the API
// reported its total (total_pages, or total_results and page_size), a page
// before the last has a next one; when it did not, a full page has one and a
// short page (fewer items than PageSize) is the last. An empty page never
// has a next one, whatever its meta says.
func (p *Page[T]) HasNext() bool {
	if p.l == nil || len(p.Items) == 0 {
		return false
	}
	if p.totalKnown {
		return p.PageNumber < p.TotalPages
	}
	return len(p.Items) >= p.PageSize
}

// lastKnown returns the last page number a walk may prefetch up to: the
// announced total, within the walk's limit, or this page's number when no
// total was announced (a walk then fetches one page at a time).
func (p *Page[T]) lastKnown() int {
	if !p.totalKnown {
		return p.PageNumber
	}
	return min(p.TotalPages, p.limit)
}

// Next fetches the page after p, with the same filters and page size. It
// returns ErrNoNextPage when HasNext is false, and an error wrapping
// ErrPaginationInconsistent when the server answers with another page number,
// repeats p, or goes past the page limit of the walk.
func (p *Page[T]) Next(ctx context.Context) (*Page[T], error) {
	if !p.HasNext() {
		return nil, ErrNoNextPage
	}
	if p.PageNumber >= p.limit {
		return nil, fmt.Errorf("%w: GET %s: still more pages after page %d, beyond the %d the first page allows",
			ErrPaginationInconsistent, p.path, p.PageNumber, p.limit)
	}
	next, err := p.l.page(ctx, p.PageNumber+1, p.limit)
	if err != nil {
		return nil, err
	}
	if err := next.repeats(p); err != nil {
		return nil, err
	}
	return next, nil
}

// repeats reports an error when p holds the same items as prev.
func (p *Page[T]) repeats(prev *Page[T]) error {
	a, b := p.Items, prev.Items
	if len(a) == 0 || len(a) != len(b) {
		return nil
	}
	key := p.l.key
	if key(&a[0]) == key(&b[0]) && key(&a[len(a)-1]) == key(&b[len(b)-1]) {
		return fmt.Errorf("%w: GET %s: page %d repeats page %d", ErrPaginationInconsistent, p.path, p.PageNumber, prev.PageNumber)
	}
	return nil
}

// pageLimit is the hard cap on page numbers for a walk whose first page
// reported totalPages: twice as many plus 10, so that a listing may grow
// while it is read but a server that keeps announcing more cannot loop forever.
// A walk whose first page reported no total may go up to the largest page
// number the API takes (math.MaxInt32); a repeated page still ends it.
func pageLimit(totalPages int) int { return 2*totalPages + 10 }

// defaultPageSize is the API's page[size] when none is sent.
const defaultPageSize = 20

// lister fetches the pages of one list operation with fixed filters. It is
// immutable once built, so pages can be fetched concurrently.
type lister[T any] struct {
	c     *Client
	err   error // a validation error, reported instead of fetching
	start int   // page[number] of the first page; 0 means not sent (page 1)
	size  int   // page[size] asked for; 0 means not sent (defaultPageSize)
	build func(number *int32) (*http.Request, error)
	key   func(*T) string
}

// pageSizeOf returns the page[size] a query sends, or 0 when it sends none.
func pageSizeOf(size *int32) int {
	if size == nil {
		return 0
	}
	return int(*size)
}

// listEnvelope is the body of every list operation.
type listEnvelope[T any] struct {
	Data []T       `json:"data"`
	Meta *pageMeta `json:"meta"`

	limit     int       // the most items Data may hold; 0 means maxPageSize
	rateLimit RateLimit // of the answer, not of the body
	onAnswer  func()    // called when a successful answer arrives, if not nil
}

// pageMeta is the paging state of a list answer. The API requires none of
// its fields (decision D42 of the contract): a nil field was not sent.
type pageMeta struct {
	PageNumber   *int32 `json:"page_number"`
	PageSize     *int32 `json:"page_size"`
	TotalPages   *int32 `json:"total_pages"`
	TotalResults *int32 `json:"total_results"`
}

// totalPages returns total_pages, or the number of pages total_results and
// page_size make; ok is false when m says neither.
func (m *pageMeta) totalPages() (n int, ok bool) {
	switch {
	case m == nil:
		return 0, false
	case m.TotalPages != nil:
		return int(*m.TotalPages), true
	case m.TotalResults != nil && m.PageSize != nil && *m.PageSize > 0:
		size := int(*m.PageSize)
		return (int(*m.TotalResults) + size - 1) / size, true
	}
	return 0, false
}

// field returns *v, or -1 when v was not sent.
func field(v *int32) int {
	if v == nil {
		return -1
	}
	return int(*v)
}

func (e *listEnvelope[T]) answered(rl RateLimit) {
	e.rateLimit = rl
	if e.onAnswer != nil {
		e.onAnswer()
	}
}

func (e *listEnvelope[T]) check() error {
	if e.Data == nil {
		return errors.New(`missing "data" array`)
	}
	if m := e.Meta; m != nil {
		if (m.PageNumber != nil && *m.PageNumber < 1) || (m.PageSize != nil && *m.PageSize < 0) ||
			(m.TotalPages != nil && *m.TotalPages < 0) || (m.TotalResults != nil && *m.TotalResults < 0) {
			return fmt.Errorf("impossible meta {PageNumber:%d PageSize:%d TotalPages:%d TotalResults:%d} (-1: not sent)",
				field(m.PageNumber), field(m.PageSize), field(m.TotalPages), field(m.TotalResults))
		}
	}
	for i := range e.Data {
		if c, ok := any(&e.Data[i]).(idChecker); ok {
			if err := c.checkIDs(); err != nil {
				return fmt.Errorf("data[%d].%w", i, err)
			}
		}
	}
	return nil
}

// first fetches the first page of a walk.
func (l *lister[T]) first(ctx context.Context) (*Page[T], error) {
	if l.err != nil {
		return nil, l.err
	}
	return l.page(ctx, l.start, 0)
}

// page fetches page number (0: let the API pick page 1). limit is the walk's
// page limit, or 0 to derive it from this page.
func (l *lister[T]) page(ctx context.Context, number, limit int) (*Page[T], error) {
	return l.watchedPage(ctx, number, limit, nil)
}

// watchedPage is page that also calls onAnswer, when not nil, as soon as a
// successful answer's headers arrive, before its body is decoded.
func (l *lister[T]) watchedPage(ctx context.Context, number, limit int, onAnswer func()) (*Page[T], error) {
	var np *int32
	if number > 0 {
		n := int32(number)
		np = &n
	}
	req, err := l.build(np)
	if err != nil {
		return nil, err
	}
	env := listEnvelope[T]{limit: l.size, onAnswer: onAnswer}
	if env.limit == 0 {
		env.limit = askedSize(req)
	}
	if err := l.c.do(ctx, req, retryAll, &env); err != nil {
		return nil, err
	}
	want := max(number, 1)
	p := &Page[T]{Items: env.Data, PageNumber: want, PageSize: askedSize(req), RateLimit: env.rateLimit, l: l, path: req.URL.Path, limit: limit}
	if m := env.Meta; m != nil {
		if m.PageNumber != nil && int(*m.PageNumber) != want {
			return nil, fmt.Errorf("%w: GET %s: asked for page %d, got page %d", ErrPaginationInconsistent, req.URL.Path, want, *m.PageNumber)
		}
		if m.PageSize != nil && *m.PageSize > 0 {
			p.PageSize = int(*m.PageSize)
		}
		if m.TotalResults != nil {
			p.TotalResults = int(*m.TotalResults)
		}
		p.TotalPages, p.totalKnown = m.totalPages()
	}
	if limit == 0 {
		p.limit = math.MaxInt32
		if p.totalKnown {
			p.limit = max(pageLimit(p.TotalPages), p.PageNumber)
		}
	}
	return p, nil
}

// askedSize returns the page[size] of a list request, or the API default.
func askedSize(req *http.Request) int {
	if n, err := strconv.Atoi(req.URL.Query().Get("page[size]")); err == nil && n > 0 {
		return n
	}
	return defaultPageSize
}

// dataEnvelope is the body of every single-resource operation.
type dataEnvelope[T any] struct {
	Data *T `json:"data"`
}

func (e *dataEnvelope[T]) check() error {
	if e.Data == nil {
		return errors.New(`missing "data"`)
	}
	if c, ok := any(e.Data).(idChecker); ok {
		if err := c.checkIDs(); err != nil {
			return fmt.Errorf("data.%w", err)
		}
	}
	return nil
}

// one sends a request built by a gen builder and returns the decoded "data".
func one[T any](ctx context.Context, c *Client, class retryClass, req *http.Request, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	var env dataEnvelope[T]
	if err := c.do(ctx, req, class, &env); err != nil {
		return nil, err
	}
	return env.Data, nil
}

// actionEnvelope is the body of the session actions. Per decision D44 of the
// contract a success is exactly {"data": {"result": "ok"}}: anything else
// (an empty body, another result, an error list) is not taken for one.
type actionEnvelope struct {
	Data *gen.ActionResult
	// errs is the "errors" list of the body, decoded as an error answer's is
	// (bounded by maxErrorDetails and maxErrorMeta).
	errs errorBody
}

// UnmarshalJSONFrom decodes an action answer from dec.
func (e *actionEnvelope) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	e.errs.metaLeft = maxErrorMeta
	return decodeObject(dec, func(name string) error {
		switch name {
		case "data":
			return json.UnmarshalDecode(dec, &e.Data)
		case "errors":
			return e.errs.decodeList(dec)
		}
		return dec.SkipValue()
	})
}

// errorLister is implemented by envelopes that keep an error list sent in
// a success answer.
type errorLister interface{ errorList() *errorBody }

func (e *actionEnvelope) errorList() *errorBody { return &e.errs }

// errActionErrors is the check error of a success answer that carries a
// Telnyx error list; decode turns it into an *APIError with that list.
var errActionErrors = errors.New("success answer with an error list")

func (e *actionEnvelope) check() error {
	switch {
	case len(e.errs.Errors) > 0 || e.errs.omitted > 0:
		return errActionErrors
	case e.Data == nil:
		return errors.New(`missing "data": an action succeeds with {"data": {"result": "ok"}}`)
	case e.Data.Result != "ok":
		return fmt.Errorf(`action not confirmed: "result" is %q, not "ok"`, clip(e.Data.Result))
	}
	return nil
}

// action sends a request built by a gen builder whose answer carries no resource.
func action(ctx context.Context, c *Client, req *http.Request, err error) error {
	if err != nil {
		return err
	}
	return c.do(ctx, req, retryAll, &actionEnvelope{})
}
