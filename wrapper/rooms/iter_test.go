package rooms

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pager serves GET /rooms over `items` rooms named "1".."items", honouring
// page[number] and page[size]. fault, when set, may answer a page itself.
type pager struct {
	items, size int
	fault       func(n int, w http.ResponseWriter, r *http.Request) bool

	mu        sync.Mutex
	requested []int
	sizes     []string
	inFlight  int
	maxFlight int
}

func (p *pager) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	n := 1
	if s := q.Get("page[number]"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	size := p.size
	if s := q.Get("page[size]"); s != "" {
		size, _ = strconv.Atoi(s)
	}
	p.mu.Lock()
	p.requested = append(p.requested, n)
	p.sizes = append(p.sizes, q.Get("page[size]"))
	p.inFlight++
	p.maxFlight = max(p.maxFlight, p.inFlight)
	p.mu.Unlock()
	defer func() { p.mu.Lock(); p.inFlight--; p.mu.Unlock() }()
	if p.fault != nil && p.fault(n, w, r) {
		return
	}
	writeJSON(w, 200, p.page(n, size))
}

// page renders page n of the listing.
func (p *pager) page(n, size int) string {
	total := (p.items + size - 1) / size
	var items []string
	for i := (n-1)*size + 1; i <= min(n*size, p.items); i++ {
		items = append(items, roomJSON(uuidN(i), strconv.Itoa(i)))
	}
	return pageJSON(items, n, size, total, p.items)
}

func (p *pager) pages() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]int(nil), p.requested...)
}

// names collects the unique names a walk yields, and its first error.
func names(seq func(func(Room, error) bool)) ([]string, error) {
	var out []string
	for r, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, r.UniqueName)
	}
	return out, nil
}

func seqNames(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}

func servePager(t *testing.T, p *pager, opts ...Option) *Client {
	c, mux, _ := setup(t, opts...)
	mux.Handle("GET /rooms", p)
	return c
}

// TestListIterWalks checks plain walks, with and without prefetch.
func TestListIterWalks(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		items     int
		params    *ListRoomsParams
		want      []string
		wantPages []int
	}{
		{"empty", 0, nil, nil, []int{1}},
		{"one page", 3, nil, seqNames(1, 3), []int{1}},
		{"exactly one full page", 20, nil, seqNames(1, 20), []int{1}},
		{"many pages", 55, &ListRoomsParams{ListOptions: ListOptions{PageSize: 25}}, seqNames(1, 55), []int{1, 2, 3}},
		{"from page 2", 55, &ListRoomsParams{ListOptions: ListOptions{PageNumber: 2, PageSize: 25}}, seqNames(26, 55), []int{2, 3}},
		{"start past the end", 10, &ListRoomsParams{ListOptions: ListOptions{PageNumber: 4, PageSize: 5}}, nil, []int{4}},
	}
	for _, tc := range cases {
		for _, prefetch := range []int{0, 1, 4} {
			t.Run(tc.name+"/prefetch "+strconv.Itoa(prefetch), func(t *testing.T) {
				t.Parallel()
				p := &pager{items: tc.items, size: 20}
				c := servePager(t, p)
				got, err := names(c.Rooms.ListIter(context.Background(), tc.params, WithPrefetch(prefetch)))
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				// Prefetched pages may reach the server in any order.
				assert.ElementsMatch(t, tc.wantPages, p.pages())
				assert.LessOrEqual(t, p.maxFlight, max(prefetch, 1))
			})
		}
	}
}

// TestListIterEarlyBreak checks that breaking stops fetching.
func TestListIterEarlyBreak(t *testing.T) {
	t.Parallel()
	p := &pager{items: 100, size: 10}
	c := servePager(t, p)
	var got []string
	for r, err := range c.Rooms.ListIter(context.Background(), nil) {
		require.NoError(t, err)
		got = append(got, r.UniqueName)
		if len(got) == 15 {
			break
		}
	}
	assert.Equal(t, seqNames(1, 15), got)
	assert.Equal(t, []int{1, 2}, p.pages())
}

// TestListIterContextCancel checks that a cancelled ctx ends the walk with its error.
func TestListIterContextCancel(t *testing.T) {
	t.Parallel()
	for _, prefetch := range []int{0, 3} {
		p := &pager{items: 100, size: 10}
		c := servePager(t, p)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n := 0
		var gotErr error
		for _, err := range c.Rooms.ListIter(ctx, nil, WithPrefetch(prefetch)) {
			if err != nil {
				gotErr = err
				continue // a walk yields its error once, then ends
			}
			n++
			if n == 3 {
				cancel()
			}
		}
		assert.ErrorIs(t, gotErr, context.Canceled)
		assert.Equal(t, 3, n, "no item after the cancel")
	}
}

// TestListIterDoesNotMutateParams checks that a walk copies the parameters
// when ListIter is called and leaves the caller's struct alone.
func TestListIterDoesNotMutateParams(t *testing.T) {
	t.Parallel()
	p := &pager{items: 30, size: 20}
	c := servePager(t, p)
	params := &ListRoomsParams{UniqueName: "", ListOptions: ListOptions{PageSize: 10}}
	seq := c.Rooms.ListIter(context.Background(), params)
	params.PageSize = 5 // a later change does not affect the walk
	got, err := names(seq)
	require.NoError(t, err)
	assert.Equal(t, seqNames(1, 30), got)
	assert.Equal(t, []string{"10", "10", "10"}, p.sizes)
	assert.Equal(t, ListRoomsParams{ListOptions: ListOptions{PageSize: 5}}, *params)

	// Ranging the same walk again starts over.
	got, err = names(seq)
	require.NoError(t, err)
	assert.Len(t, got, 30)
}

// TestListIterMisbehavingServer checks that a lying server cannot make a walk
// loop forever, and which lies end it cleanly and which with an error.
func TestListIterMisbehavingServer(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		items     int
		fault     func(p *pager) func(n int, w http.ResponseWriter, r *http.Request) bool
		want      []string
		wantErr   error
		wantPages int
	}{
		{
			name: "repeated page", items: 50, wantErr: ErrPaginationInconsistent, want: seqNames(1, 10), wantPages: 2,
			fault: func(p *pager) func(int, http.ResponseWriter, *http.Request) bool {
				return func(n int, w http.ResponseWriter, r *http.Request) bool {
					if n == 1 {
						return false
					}
					// Page 1's items again, labelled as the page asked for.
					writeJSON(w, 200, pageJSON(pageItems(1, 10), n, 10, 5, 50))
					return true
				}
			},
		},
		{
			name: "meta names another page", items: 50, wantErr: ErrPaginationInconsistent, want: seqNames(1, 10), wantPages: 2,
			fault: func(p *pager) func(int, http.ResponseWriter, *http.Request) bool {
				return func(n int, w http.ResponseWriter, r *http.Request) bool {
					if n == 1 {
						return false
					}
					writeJSON(w, 200, p.page(1, 10))
					return true
				}
			},
		},
		{
			name: "endless total_pages", wantErr: ErrPaginationInconsistent, want: seqNames(1, 14), wantPages: 14,
			fault: func(p *pager) func(int, http.ResponseWriter, *http.Request) bool {
				return func(n int, w http.ResponseWriter, r *http.Request) bool {
					// Always one more page, with fresh items: limit is 2*2+10.
					writeJSON(w, 200, pageJSON(pageItems(n, n), n, 1, n+1, n+1))
					return true
				}
			},
		},
		{
			name: "empty page while meta claims more", items: 50, want: seqNames(1, 10), wantPages: 2,
			fault: func(p *pager) func(int, http.ResponseWriter, *http.Request) bool {
				return func(n int, w http.ResponseWriter, r *http.Request) bool {
					if n == 1 {
						return false
					}
					writeJSON(w, 200, pageJSON(nil, n, 10, 5, 50))
					return true
				}
			},
		},
		{
			name: "total_pages shrinks", items: 50, want: seqNames(1, 20), wantPages: 2,
			fault: func(p *pager) func(int, http.ResponseWriter, *http.Request) bool {
				return func(n int, w http.ResponseWriter, r *http.Request) bool {
					if n == 1 {
						return false
					}
					writeJSON(w, 200, pageJSON(pageItems(11, 20), n, 10, 2, 20))
					return true
				}
			},
		},
		{
			name: "error on page 3", items: 50, wantErr: ErrUnprocessable, want: seqNames(1, 20), wantPages: 3,
			fault: func(p *pager) func(int, http.ResponseWriter, *http.Request) bool {
				return func(n int, w http.ResponseWriter, r *http.Request) bool {
					if n != 3 {
						return false
					}
					writeJSON(w, 422, `{"errors":[{"code":"10015","title":"Bad page"}]}`)
					return true
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := &pager{items: tc.items, size: 10}
			p.fault = tc.fault(p)
			c := servePager(t, p)
			got, err := names(c.Rooms.ListIter(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 10}}))
			if tc.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.wantErr)
			}
			assert.Equal(t, tc.want, got)
			assert.Len(t, p.pages(), tc.wantPages)
		})
	}
}

// pageItems renders rooms from..to.
func pageItems(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, roomJSON(uuidN(i), strconv.Itoa(i)))
	}
	return out
}

// TestPageNext checks a manual walk with HasNext and Next.
func TestPageNext(t *testing.T) {
	t.Parallel()
	p := &pager{items: 25, size: 10}
	c := servePager(t, p)
	page, err := c.Rooms.List(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 10}})
	require.NoError(t, err)
	var got []string
	for {
		for _, r := range page.Items {
			got = append(got, r.UniqueName)
		}
		if !page.HasNext() {
			break
		}
		page, err = page.Next(context.Background())
		require.NoError(t, err)
	}
	assert.Equal(t, seqNames(1, 25), got)
	assert.Equal(t, 3, page.PageNumber)
	_, err = page.Next(context.Background())
	assert.ErrorIs(t, err, ErrNoNextPage)
	assert.False(t, (&Page[Room]{PageNumber: 1, TotalPages: 5, Items: make([]Room, 1)}).HasNext(), "a hand-made page has no next")
}

// TestPageNextLimit checks that Next refuses to go beyond the walk's limit.
func TestPageNextLimit(t *testing.T) {
	t.Parallel()
	p := &pager{}
	p.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, 200, pageJSON(pageItems(n, n), n, 1, n+1, n+1))
		return true
	}
	c := servePager(t, p)
	page, err := c.Rooms.List(context.Background(), nil)
	require.NoError(t, err)
	for page.HasNext() {
		next, err := page.Next(context.Background())
		if err != nil {
			require.ErrorIs(t, err, ErrPaginationInconsistent)
			break
		}
		page = next
	}
	assert.Equal(t, pageLimit(2), page.PageNumber)
}

// TestPrefetchOrderAndConcurrency checks that prefetched pages keep their
// order and really are fetched concurrently: page 2 is only answered once
// page 3 has been asked for, which needs a fetch ahead.
func TestPrefetchOrderAndConcurrency(t *testing.T) {
	t.Parallel()
	p := &pager{items: 250, size: 10}
	page3 := make(chan struct{})
	var once sync.Once
	p.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		switch n {
		case 2:
			select {
			case <-page3:
			case <-time.After(10 * time.Second): // safety net: fails below
			}
		case 3:
			once.Do(func() { close(page3) })
		}
		// Later pages answer in scrambled order.
		time.Sleep(time.Duration(n*7%4) * time.Millisecond)
		return false
	}
	c := servePager(t, p)
	got, err := names(c.Rooms.ListIter(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 10}}, WithPrefetch(4)))
	require.NoError(t, err)
	assert.Equal(t, seqNames(1, 250), got)
	select {
	case <-page3:
	default:
		t.Fatal("page 3 was not fetched ahead of page 2")
	}
	assert.Len(t, p.pages(), 25, "no page beyond the total is fetched")
	assert.LessOrEqual(t, p.maxFlight, 4)
}

// TestPrefetchErrorInPosition checks that a failed page's error comes after
// every item of the pages before it, and nothing after it.
func TestPrefetchErrorInPosition(t *testing.T) {
	t.Parallel()
	p := &pager{items: 100, size: 10}
	p.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 4 {
			writeJSON(w, 404, `{"errors":[{"code":"10005","title":"Gone"}]}`)
			return true
		}
		return false
	}
	c := servePager(t, p)
	got, err := names(c.Rooms.ListIter(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 10}}, WithPrefetch(8)))
	require.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, seqNames(1, 30), got)
}

// inFlightTransport counts round trips in progress.
type inFlightTransport struct {
	n    atomic.Int32
	base http.RoundTripper
}

func (t *inFlightTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	defer t.n.Add(-1)
	return t.base.RoundTrip(r)
}

// TestPrefetchEarlyBreakLeavesNothingRunning checks that breaking out of a
// prefetching walk cancels the pending fetches and waits for them.
func TestPrefetchEarlyBreakLeavesNothingRunning(t *testing.T) {
	t.Parallel()
	p := &pager{items: 200, size: 10}
	started := make(chan struct{}, 16)
	p.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 1 {
			return false
		}
		started <- struct{}{}
		<-r.Context().Done() // hang until the client gives up
		return true
	}
	rt := &inFlightTransport{base: http.DefaultTransport.(*http.Transport).Clone()}
	c := servePager(t, p, WithHTTPClient(&http.Client{Transport: rt}))
	for _, err := range c.Rooms.ListIter(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 10}}, WithPrefetch(5)) {
		require.NoError(t, err)
		// Wait until every prefetch reached the server, then leave.
		for range 5 {
			<-started
		}
		break
	}
	assert.EqualValues(t, 0, rt.n.Load(), "a fetch outlived the loop")
}

// TestWithPrefetchBounds checks the clamping of WithPrefetch.
func TestWithPrefetchBounds(t *testing.T) {
	t.Parallel()
	for in, want := range map[int]int{-3: 0, 0: 0, 5: 5, 1000: maxPrefetch} {
		var cfg iterConfig
		WithPrefetch(in)(&cfg)
		assert.Equal(t, want, cfg.prefetch, in)
	}
}

// TestEveryListIter walks each of the five list operations over two pages.
func TestEveryListIter(t *testing.T) {
	t.Parallel()
	two := func(item func(int) string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(r.URL.Query().Get("page[number]"))
			n = max(n, 1)
			writeJSON(w, 200, pageJSON([]string{item(n)}, n, 1, 2, 2))
		}
	}
	roomItem := func(n int) string { return roomJSON(uuidN(n), "r") }
	sessItem := func(n int) string { return sessionJSON(uuidN(n)) }
	partItem := func(n int) string { return participantJSON(uuidN(n), "c") }
	ctx := context.Background()
	cases := []struct {
		pattern string
		item    func(int) string
		walk    func(c *Client) (int, error)
	}{
		{"GET /rooms", roomItem, func(c *Client) (int, error) { return countSeq(c.Rooms.ListIter(ctx, nil, WithPrefetch(1))) }},
		{"GET /rooms/" + roomID + "/sessions", sessItem, func(c *Client) (int, error) { return countSeq(c.Rooms.ListSessionsIter(ctx, roomID, nil)) }},
		{"GET /room_sessions", sessItem, func(c *Client) (int, error) { return countSeq(c.Sessions.ListIter(ctx, nil)) }},
		{"GET /room_sessions/" + sessionID + "/participants", partItem, func(c *Client) (int, error) {
			return countSeq(c.Sessions.ListParticipantsIter(ctx, sessionID, nil))
		}},
		{"GET /room_participants", partItem, func(c *Client) (int, error) { return countSeq(c.Participants.ListIter(ctx, nil)) }},
	}
	for _, tc := range cases {
		c, mux, _ := setup(t)
		mux.HandleFunc(tc.pattern, two(tc.item))
		n, err := tc.walk(c)
		require.NoError(t, err, tc.pattern)
		assert.Equal(t, 2, n, tc.pattern)
	}
}

func countSeq[T any](seq func(func(T, error) bool)) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
