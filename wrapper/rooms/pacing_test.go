package rooms_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// arrivals returns, in order, when the answers the hook saw arrived.
func (r *rateLimits) arrivals() []time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]time.Time, len(r.all))
	for i, rl := range r.all {
		out[i] = rl.ResetAt.Add(-rl.Reset)
	}
	return out
}

// perWindow counts the answers of each window, a window starting at every
// answer with Remaining = limit-1.
func perWindow(remaining []int, limit int) []int {
	var out []int
	for _, r := range remaining {
		if r == limit-1 || out == nil {
			out = append(out, 0)
		}
		out[len(out)-1]++
	}
	return out
}

func TestPacingSpreadsTheBudgetOverTheWindow(t *testing.T) {
	var seen rateLimits
	srv, c, clk := rateLimitedFake(t, 10, 10*time.Second, rooms.WithPacing(), rooms.WithRateLimitHook(seen.hook))
	for range 25 {
		_, err := c.Rooms.List(t.Context(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 25, srv.Requests("listRooms"), "no 429: every call took one request")
	assert.Equal(t, []int{10, 10, 5}, perWindow(seen.remaining(), 10), "every window's budget is spent, no more")
	// The 10 calls of a window are spread over it: one every tenth, the
	// first when it opens, the last a tenth before it ends.
	at := seen.arrivals()
	window := at[10].Sub(at[0])
	assert.Equal(t, 10*time.Second, window, "the second window opens when the first ends")
	for i := 1; i < 10; i++ {
		assert.Equal(t, window/10, at[i].Sub(at[i-1]), "gap before call %d", i)
	}
	assert.Len(t, clk.Sleeps(), 24, "one wait before every call but the first")
}

func TestPacingManyGoroutinesOnOneClient(t *testing.T) {
	var seen rateLimits
	srv, c, _ := rateLimitedFake(t, 20, 10*time.Second, rooms.WithPacing(), rooms.WithRateLimitHook(seen.hook))
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := range 5 {
				var err error
				if (g+i)%2 == 0 {
					_, err = c.Rooms.List(t.Context(), nil)
				} else {
					_, err = c.Rooms.Create(t.Context(), &rooms.RoomParams{UniqueName: rooms.Ptr(fmt.Sprintf("bulk-%d-%d", g, i))})
				}
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 80, srv.Requests(roomstest.AllRoutes), "no 429: every call took one request")
	counts := perWindow(seen.remaining(), 20)
	assert.Equal(t, 80, sum(counts))
	for i, n := range counts {
		assert.LessOrEqual(t, n, 20, "window %d", i)
	}
}

func sum(ns []int) int {
	total := 0
	for _, n := range ns {
		total += n
	}
	return total
}

// TestPacingSharesAKeyBetweenClients takes turns between two clients of
// one key, which see each other only through the headers.
func TestPacingSharesAKeyBetweenClients(t *testing.T) {
	var seen rateLimits
	srv, a, clk := rateLimitedFake(t, 30, 10*time.Second, rooms.WithPacing(), rooms.WithRateLimitHook(seen.hook))
	b, err := srv.Client(rooms.WithClock(clk), rooms.WithPacing(), rooms.WithRateLimitHook(seen.hook))
	require.NoError(t, err)
	for range 60 {
		for _, c := range []*rooms.Client{a, b} {
			_, err := c.Rooms.List(t.Context(), nil)
			require.NoError(t, err)
		}
	}
	assert.Equal(t, 120, srv.Requests("listRooms"), "no 429: every call took one request")
	counts := perWindow(seen.remaining(), 30)
	assert.Equal(t, 120, sum(counts))
	for i, n := range counts {
		assert.LessOrEqual(t, n, 30, "window %d", i)
	}
	full := 0
	for _, n := range counts[:len(counts)-1] {
		if n >= 27 {
			full++
		}
	}
	assert.Equal(t, len(counts)-1, full, "every window but the last spends 90%% of its budget or more: %v", counts)
}

func TestPacingReserve(t *testing.T) {
	var seen rateLimits
	srv, c, _ := rateLimitedFake(t, 10, 10*time.Second, rooms.WithPacing(rooms.PacingReserve(3)), rooms.WithRateLimitHook(seen.hook))
	for range 14 {
		_, err := c.Rooms.List(t.Context(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 14, srv.Requests("listRooms"))
	assert.Equal(t, []int{9, 8, 7, 6, 5, 4, 3, 9, 8, 7, 6, 5, 4, 3}, seen.remaining(), "3 of every window are left")

	_, err := rooms.NewClient(rooms.WithAPIKey("k"), rooms.WithPacing(rooms.PacingReserve(-1)))
	require.ErrorContains(t, err, "PacingReserve: -1 is negative")
	_, err = rooms.NewClient(rooms.WithAPIKey("k"), rooms.WithPacing(nil))
	require.NoError(t, err, "a nil PacingOption is skipped")
}

// TestPacingAfterAnotherClientSpentTheBudget: a client that does not pace
// spends the window; the paced client's first request gets the 429, and
// it waits for the next window instead of trying again before.
func TestPacingAfterAnotherClientSpentTheBudget(t *testing.T) {
	var seen rateLimits
	srv, greedy, clk := rateLimitedFake(t, 5, 10*time.Second)
	paced, err := srv.Client(rooms.WithClock(clk), rooms.WithPacing(), rooms.WithRateLimitHook(seen.hook))
	require.NoError(t, err)
	for range 5 {
		_, err := greedy.Rooms.List(t.Context(), nil)
		require.NoError(t, err)
	}
	for range 3 {
		_, err := paced.Rooms.List(t.Context(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 5+1+3, srv.Requests("listRooms"), "one 429, then three calls in the next window")
	assert.Equal(t, []int{0, 4, 3, 2}, seen.remaining())
}

func TestPacingWaitEndsWithTheContext(t *testing.T) {
	clk := fakeclock.New(time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC))
	srv := roomstest.NewServer(roomstest.WithClock(clk.Now), roomstest.WithRateLimit(1, time.Minute))
	t.Cleanup(srv.Close)
	c, err := srv.Client(rooms.WithClock(clk), rooms.WithPacing())
	require.NoError(t, err)
	_, err = c.Rooms.List(t.Context(), nil)
	require.NoError(t, err, "the first call spends the budget")

	ctx, cancel := context.WithCancel(t.Context())
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := c.Rooms.List(ctx, nil)
			errs <- err
		}()
	}
	// One call waits on the clock for the window to end, the other for
	// its turn.
	require.NoError(t, clk.WaitTimers(t.Context(), 1))
	cancel()
	for range 2 {
		err := <-errs
		require.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "rooms: GET /v2/rooms: context canceled")
	}
	assert.Equal(t, 1, srv.Requests("listRooms"), "nothing was sent while waiting")
	assert.Equal(t, 0, clk.Pending(), "the wait's timer is stopped")
}

// TestPacingWithoutRateLimitHeaders: once an answer says the API sends no
// rate-limit headers, calls go at once and in parallel.
func TestPacingWithoutRateLimitHeaders(t *testing.T) {
	const parallel = 8
	var inside atomic.Int32
	all := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if inside.Add(1) == parallel+1 { // the probe, then the parallel calls
			close(all)
		}
		if inside.Load() > 1 {
			select { // every parallel call is held until all are in
			case <-all:
			case <-r.Context().Done():
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`))
	}))
	t.Cleanup(srv.Close)
	clk := fakeclock.New(time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC))
	c, err := rooms.NewClient(rooms.WithAPIKey("k"), rooms.WithBaseURL(srv.URL), rooms.WithClock(clk), rooms.WithPacing())
	require.NoError(t, err)
	_, err = c.Rooms.List(t.Context(), nil)
	require.NoError(t, err)

	var wg sync.WaitGroup
	for range parallel {
		wg.Go(func() {
			_, err := c.Rooms.List(t.Context(), nil)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Empty(t, clk.Sleeps(), "no pacing wait")
}

// TestPacingProbesFirst: before the first answer a paced client sends one
// request at a time, so that many goroutines starting at once do not
// overrun a budget they know nothing of yet.
func TestPacingProbesFirst(t *testing.T) {
	const goroutines = 6
	arrived := make(chan struct{}, goroutines)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Ratelimit-Limit", "1000")
		w.Header().Set("X-Ratelimit-Remaining", "900")
		w.Header().Set("X-Ratelimit-Reset", "60")
		_, _ = w.Write([]byte(`{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`))
	}))
	t.Cleanup(srv.Close)
	clk := fakeclock.New(time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC), fakeclock.AutoSleep())
	c, err := rooms.NewClient(rooms.WithAPIKey("k"), rooms.WithBaseURL(srv.URL), rooms.WithClock(clk), rooms.WithPacing())
	require.NoError(t, err)

	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			_, err := c.Rooms.List(t.Context(), nil)
			assert.NoError(t, err)
		})
	}
	<-arrived
	assert.Empty(t, arrived, "only the probe is sent before an answer")
	close(release)
	wg.Wait()
	assert.Len(t, arrived, goroutines-1, "then the others")
}

// TestPacingWaitIsCappedByMaxRetryAfter: a window the headers say ends in
// 100 s holds an attempt only MaxRetryAfter, as a Retry-After would.
func TestPacingWaitIsCappedByMaxRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Ratelimit-Limit", "10")
		w.Header().Set("X-Ratelimit-Remaining", "0")
		w.Header().Set("X-Ratelimit-Reset", "100")
		_, _ = w.Write([]byte(`{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`))
	}))
	t.Cleanup(srv.Close)
	clk := fakeclock.New(time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC))
	c, err := rooms.NewClient(rooms.WithAPIKey("k"), rooms.WithBaseURL(srv.URL), rooms.WithClock(clk),
		rooms.WithRetryPolicy(rooms.RetryPolicy{MaxRetryAfter: 2 * time.Second}), rooms.WithPacing())
	require.NoError(t, err)
	_, err = c.Rooms.List(t.Context(), nil)
	require.NoError(t, err)

	done := make(chan error, 1)
	go func() {
		_, err := c.Rooms.List(t.Context(), nil)
		done <- err
	}()
	require.NoError(t, clk.WaitTimers(t.Context(), 2), "the cap and the wait for the window's end")
	assert.Equal(t, int32(1), calls.Load(), "the second call waits")
	clk.Advance(2 * time.Second)
	require.NoError(t, <-done)
	assert.Equal(t, int32(2), calls.Load(), "sent once the cap is reached")
}
