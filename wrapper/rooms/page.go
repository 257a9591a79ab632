package rooms

import (
	"context"
	"errors"
	"fmt"
	"net/http"

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
	// PageNumber is the number of this page, starting at 1.
	PageNumber int
	// PageSize is the page size the API used.
	PageSize int
	// TotalPages is the number of pages the API reported.
	TotalPages int
	// TotalResults is the number of resources the API reported.
	TotalResults int
	// RateLimit is where the account's rate-limit budget stood when the API
	// answered with this page (zero when the answer did not say).
	RateLimit RateLimit

	l     *lister[T] // fetches the following pages; nil for a hand-made Page
	path  string     // request path, for errors
	limit int        // the highest page number a walk may reach
}

// HasNext reports whether the API announced a page after this one. An empty
// page never has a next one, whatever its meta says.
func (p *Page[T]) HasNext() bool {
	return p.l != nil && len(p.Items) > 0 && p.PageNumber < p.TotalPages
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
func pageLimit(totalPages int) int { return 2*totalPages + 10 }

// lister fetches the pages of one list operation with fixed filters. It is
// immutable once built, so pages can be fetched concurrently.
type lister[T any] struct {
	c     *Client
	err   error // a validation error, reported instead of fetching
	start int   // page[number] of the first page; 0 means not sent (page 1)
	build func(number *int32) (*http.Request, error)
	key   func(*T) string
}

// listEnvelope is the body of every list operation.
type listEnvelope[T any] struct {
	Data []T                 `json:"data"`
	Meta *gen.PaginationMeta `json:"meta"`

	rateLimit RateLimit // of the answer, not of the body
}

func (e *listEnvelope[T]) setRateLimit(rl RateLimit) { e.rateLimit = rl }

func (e *listEnvelope[T]) check() error {
	switch m := e.Meta; {
	case e.Data == nil:
		return errors.New(`missing "data" array`)
	case m == nil:
		return errors.New(`missing "meta"`)
	case m.PageNumber < 1 || m.PageSize < 0 || m.TotalPages < 0 || m.TotalResults < 0:
		return fmt.Errorf("impossible meta %+v", *m)
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
	var np *int32
	if number > 0 {
		n := int32(number)
		np = &n
	}
	req, err := l.build(np)
	if err != nil {
		return nil, err
	}
	var env listEnvelope[T]
	if err := l.c.do(ctx, req, retryAll, &env); err != nil {
		return nil, err
	}
	m := env.Meta
	if want := max(number, 1); int(m.PageNumber) != want {
		return nil, fmt.Errorf("%w: GET %s: asked for page %d, got page %d", ErrPaginationInconsistent, req.URL.Path, want, m.PageNumber)
	}
	p := &Page[T]{
		Items:      env.Data,
		PageNumber: int(m.PageNumber), PageSize: int(m.PageSize),
		TotalPages: int(m.TotalPages), TotalResults: int(m.TotalResults),
		RateLimit: env.rateLimit,
		l:         l, path: req.URL.Path, limit: limit,
	}
	if limit == 0 {
		p.limit = max(pageLimit(p.TotalPages), p.PageNumber)
	}
	return p, nil
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

// actionEnvelope is the body of the session actions: {"data": {"result": "ok"}}.
// An empty body is accepted too: the status already says the action succeeded.
type actionEnvelope struct {
	Data *gen.ActionResult `json:"data"`
}

func (*actionEnvelope) emptyOK() {}

// action sends a request built by a gen builder whose answer carries no resource.
func action(ctx context.Context, c *Client, req *http.Request, err error) error {
	if err != nil {
		return err
	}
	return c.do(ctx, req, retryAll, &actionEnvelope{})
}
