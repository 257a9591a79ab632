package roomstest_test

import (
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// rateHeaders reads the three rate-limit headers of an answer; ok is false
// when any of them is missing.
func rateHeaders(t *testing.T, h http.Header) (limit, remaining, reset int, ok bool) {
	t.Helper()
	vals := [3]int{}
	for i, name := range []string{"X-Ratelimit-Limit", "X-Ratelimit-Remaining", "X-Ratelimit-Reset"} {
		v := h.Get(name)
		if v == "" {
			return 0, 0, 0, false
		}
		n, err := strconv.Atoi(v)
		require.NoError(t, err, "%s: %q", name, v)
		vals[i] = n
	}
	return vals[0], vals[1], vals[2], true
}

func TestRateLimitSpendsTheBudgetThenAnswers429UntilTheWindowEnds(t *testing.T) {
	f := newFixture(t, roomstest.WithRateLimit(3, 10*time.Second))
	type step struct {
		advance            time.Duration
		method, path, body string
		status             int
		remaining, reset   int
	}
	steps := []step{
		{0, http.MethodGet, "/rooms", "", http.StatusOK, 2, 10},
		// A refused request (here 422) spends a unit like any other.
		{1500 * time.Millisecond, http.MethodGet, "/rooms?page[size]=0", "", http.StatusUnprocessableEntity, 1, 9},
		{0, http.MethodPost, "/rooms", `{"unique_name":"a"}`, http.StatusCreated, 0, 9},
		// Spent: 429, and the refusal spends nothing.
		{7 * time.Second, http.MethodGet, "/rooms", "", http.StatusTooManyRequests, 0, 2},
		{1400 * time.Millisecond, http.MethodGet, "/rooms", "", http.StatusTooManyRequests, 0, 1},
		// 10 s after the first request the window ends; the next request starts another.
		{100 * time.Millisecond, http.MethodGet, "/rooms", "", http.StatusOK, 2, 10},
		{9999 * time.Millisecond, http.MethodGet, "/rooms", "", http.StatusOK, 1, 1},
	}
	for i, s := range steps {
		f.clock.Advance(s.advance)
		status, h, body := f.do(t, s.method, s.path, s.body)
		require.Equal(t, s.status, status, "step %d: %s", i, body)
		limit, remaining, reset, ok := rateHeaders(t, h)
		require.True(t, ok, "step %d carries the rate-limit headers", i)
		assert.Equal(t, []int{3, s.remaining, s.reset}, []int{limit, remaining, reset}, "step %d: limit, remaining, reset", i)
		if status == http.StatusTooManyRequests {
			e := envelope(t, body)
			assert.Equal(t, string(rooms.CodeTooManyRequests), e.Code)
			assert.Empty(t, h.Get("Retry-After"), "Telnyx sends no Retry-After: x-ratelimit-reset says when")
			assert.Contains(t, e.Detail, "refills in "+strconv.Itoa(s.reset)+" s")
		}
	}
	assert.Equal(t, 7, f.srv.Requests(roomstest.AllRoutes))
}

func TestRateLimitIsPerKeyAndHeadersAreOnEveryAuthenticatedAnswer(t *testing.T) {
	f := newFixture(t, roomstest.WithRateLimit(2, time.Minute))
	cases := []struct {
		name, method, path, auth string
		status, remaining        int
		headers                  bool
	}{
		{"key A, list", http.MethodGet, "/rooms", "Bearer key-a", http.StatusOK, 1, true},
		{"key A, unknown room", http.MethodGet, "/rooms/7b61621f-62e0-4aad-ab11-9fd19e272e73", "Bearer key-a", http.StatusNotFound, 0, true},
		{"key A, spent", http.MethodDelete, "/rooms/7b61621f-62e0-4aad-ab11-9fd19e272e73", "Bearer key-a", http.StatusTooManyRequests, 0, true},
		{"key B has its own budget", http.MethodGet, "/rooms", "Bearer key-b", http.StatusOK, 1, true},
		{"no key: 401, no account, no headers", http.MethodGet, "/rooms", "", http.StatusUnauthorized, 0, false},
		{"key B again", http.MethodGet, "/room_sessions", "Bearer key-b", http.StatusOK, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, h, body := doRaw(t, c.method, f.srv.URL+c.path, "", c.auth)
			require.Equal(t, c.status, status, "%s", body)
			limit, remaining, reset, ok := rateHeaders(t, h)
			require.Equal(t, c.headers, ok, "rate-limit headers present")
			if ok {
				assert.Equal(t, []int{2, c.remaining, 60}, []int{limit, remaining, reset})
			}
		})
	}
}

func TestRateLimitOffWithoutTheOptionOrWithNonPositiveValues(t *testing.T) {
	for name, opts := range map[string][]roomstest.Option{
		"no option":   nil,
		"zero budget": {roomstest.WithRateLimit(0, time.Second)},
		"zero window": {roomstest.WithRateLimit(5, 0)},
		"negative":    {roomstest.WithRateLimit(-1, -time.Second)},
		"turned off":  {roomstest.WithRateLimit(1, time.Hour), roomstest.WithRateLimit(0, 0)},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, opts...)
			for range 3 {
				status, h, body := f.do(t, http.MethodGet, "/rooms", "")
				require.Equal(t, http.StatusOK, status, "%s", body)
				_, _, _, ok := rateHeaders(t, h)
				assert.False(t, ok, "no rate-limit headers without a rate limit")
			}
		})
	}
}

// TestRateLimitSpendsExactlyTheBudgetUnderConcurrency sends many requests
// at once on one window: exactly the budget succeeds, each remaining value
// is given out once.
func TestRateLimitSpendsExactlyTheBudgetUnderConcurrency(t *testing.T) {
	const budget, senders = 40, 100
	f := newFixture(t, roomstest.WithRateLimit(budget, time.Minute))
	var (
		mu        sync.Mutex
		ok, spent int
		seen      = map[int]int{}
		wg        sync.WaitGroup
	)
	for range senders {
		wg.Go(func() {
			status, h, _ := f.do(t, http.MethodGet, "/rooms", "")
			_, remaining, _, _ := rateHeaders(t, h)
			mu.Lock()
			defer mu.Unlock()
			switch status {
			case http.StatusOK:
				ok++
				seen[remaining]++
			case http.StatusTooManyRequests:
				spent++
			}
		})
	}
	wg.Wait()
	assert.Equal(t, budget, ok)
	assert.Equal(t, senders-budget, spent)
	for r := range budget {
		assert.Equal(t, 1, seen[r], "remaining %d given out once", r)
	}
}

// TestRateLimitLeavesInjectedFaultsAlone checks that a fault answered in
// front of the API (as a proxy would) neither spends budget nor carries the
// API's headers.
func TestRateLimitLeavesInjectedFaultsAlone(t *testing.T) {
	f := newFixture(t, roomstest.WithRateLimit(2, time.Minute))
	// An injected status fault answers before authentication: it spends nothing.
	f.srv.Inject("listRooms", roomstest.FailNext(1, http.StatusServiceUnavailable))
	status, h, _ := f.do(t, http.MethodGet, "/rooms", "")
	require.Equal(t, http.StatusServiceUnavailable, status)
	_, _, _, ok := rateHeaders(t, h)
	assert.False(t, ok, "a fault in front of the API carries no rate-limit headers")
	for want := 1; want >= 0; want-- {
		status, h, _ = f.do(t, http.MethodGet, "/rooms", "")
		require.Equal(t, http.StatusOK, status)
		_, remaining, _, _ := rateHeaders(t, h)
		assert.Equal(t, want, remaining)
	}
}
