package rooms

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrefetchStartsOnAnswer checks that a prefetching walk starts the next
// fetch as soon as an answer arrives, before its body is decoded: page 2
// sends its headers and then holds its body back until page 4 has been
// asked for, which with WithPrefetch(2) only the answer of page 2 or 3 can
// make room for, and page 3 answers after page 4 is asked for too.
func TestPrefetchStartsOnAnswer(t *testing.T) {
	t.Parallel()
	p := &pager{items: 100, size: 10}
	page4 := make(chan struct{})
	var once sync.Once
	waited := make(chan bool, 1)
	p.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		switch n {
		case 2:
			body := p.page(2, 10)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, body[:9])
			w.(http.Flusher).Flush()
			select {
			case <-page4:
				waited <- true
			case <-time.After(10 * time.Second): // safety net: fails below
				waited <- false
			}
			_, _ = io.WriteString(w, body[9:])
			return true
		case 3:
			<-page4 // answer only once page 4 is on its way: page 2 must make room
		case 4:
			once.Do(func() { close(page4) })
		}
		return false
	}
	c := servePager(t, p)
	got, err := names(c.Rooms.ListIter(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 10}}, WithPrefetch(2)))
	require.NoError(t, err)
	assert.Equal(t, seqNames(1, 100), got)
	assert.True(t, <-waited, "page 4 was not asked for while the body of page 2 was held back")
	assert.LessOrEqual(t, p.maxFlight, 3, "page 2 and at most two fetches waiting for an answer")
}

// bodyClosedTransport closes closed once the body of the answer to page
// number is closed: the client has decoded that page.
type bodyClosedTransport struct {
	base   http.RoundTripper
	number string
	closed chan struct{}
	once   sync.Once
}

func (t *bodyClosedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err == nil && r.URL.Query().Get("page[number]") == t.number {
		resp.Body = &notifyingBody{ReadCloser: resp.Body, done: func() { t.once.Do(func() { close(t.closed) }) }}
	}
	return resp, err
}

type notifyingBody struct {
	io.ReadCloser
	done func()
}

func (b *notifyingBody) Close() error {
	err := b.ReadCloser.Close()
	b.done()
	return err
}

// TestPrefetchHoldsAtMostTwiceAhead checks, end to end, that the fetches
// after a page that does not answer go on: with WithPrefetch(2) and page 2
// pending, pages 3 to 5 are fetched (TestPrefetcherBounds checks that the
// walk stops there); once page 2 answers, the walk ends in order.
func TestPrefetchHoldsAtMostTwiceAhead(t *testing.T) {
	t.Parallel()
	p := &pager{items: 100, size: 10}
	rt := &bodyClosedTransport{base: http.DefaultTransport.(*http.Transport).Clone(), number: "5", closed: make(chan struct{})}
	var whilePending []int
	p.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 2 {
			select {
			case <-rt.closed: // page 5 is decoded
			case <-time.After(10 * time.Second): // safety net: fails below
			}
			whilePending = p.pages()
		}
		return false
	}
	c := servePager(t, p, WithHTTPClient(&http.Client{Transport: rt}))
	got, err := names(c.Rooms.ListIter(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 10}}, WithPrefetch(2)))
	require.NoError(t, err)
	assert.Equal(t, seqNames(1, 100), got)
	assert.Subset(t, whilePending, []int{1, 2, 3, 4, 5}, "pages asked for while page 2 was pending")
	assert.LessOrEqual(t, p.maxFlight, 2)
}

// TestPrefetcherBounds drives a prefetcher by hand, with fetches that fail
// at once without a request, and checks its two bounds in every state: at
// most n fetches waiting for an answer, at most 2n pages ahead of the
// caller's page.
func TestPrefetcherBounds(t *testing.T) {
	t.Parallel()
	errNoRequest := errors.New("no request")
	l := &lister[Room]{build: func(*int32) (*http.Request, error) { return nil, errNoRequest }}
	for _, n := range []int{1, 2, 4} {
		var wg sync.WaitGroup
		f := newPrefetcher(context.Background(), &wg, l, n, 1)
		cur := &Page[Room]{PageNumber: 1, TotalPages: 100, totalKnown: true, limit: 1000}
		f.fill(cur)
		assert.Equal(t, 1+n, f.launched, "n=%d: first fill", n)
		for f.running > 0 {
			require.True(t, f.collect(cur, true))
			assert.LessOrEqual(t, f.waiting, n, "n=%d", n)
			assert.LessOrEqual(t, f.launched-cur.PageNumber, 2*n, "n=%d", n)
		}
		wg.Wait()
		assert.Equal(t, 1+2*n, f.launched, "n=%d: pages fetched while the caller stays on page 1", n)
		assert.Len(t, f.ready, 2*n)
		for number := 2; number <= 1+2*n; number++ {
			e, ok := f.take(number, cur)
			require.True(t, ok, "n=%d: page %d", n, number)
			assert.ErrorIs(t, e.err, errNoRequest)
		}
		// The caller moves on to page 3: two more pages fit ahead of it.
		cur = &Page[Room]{PageNumber: 3, TotalPages: 100, totalKnown: true, limit: 1000}
		f.fill(cur)
		for f.running > 0 {
			f.collect(cur, true)
		}
		wg.Wait()
		assert.Equal(t, 3+2*n, f.launched, "n=%d: after moving to page 3", n)
	}
}
