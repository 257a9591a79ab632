package rooms_test

import (
	"errors"
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

// rateLimits records what a WithRateLimitHook saw.
type rateLimits struct {
	mu  sync.Mutex
	all []rooms.RateLimit
}

func (r *rateLimits) hook(rl rooms.RateLimit) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, rl)
}

func (r *rateLimits) remaining() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]int, len(r.all))
	for i, rl := range r.all {
		out[i] = rl.Remaining
	}
	return out
}

// rateLimitedFake is a fake limited to budget requests per window and a
// client of it; the two share one fake clock whose Sleep moves time itself,
// so that the client's waits are recorded and take no real time.
func rateLimitedFake(t *testing.T, budget int, window time.Duration, opts ...rooms.Option) (*roomstest.Server, *rooms.Client, *fakeclock.Clock) {
	t.Helper()
	clk := fakeclock.New(time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC), fakeclock.AutoSleep())
	srv := roomstest.NewServer(roomstest.WithResponseValidation(), roomstest.WithClock(clk.Now), roomstest.WithRateLimit(budget, window))
	t.Cleanup(func() {
		srv.Close()
		assert.Empty(t, srv.ContractViolations())
	})
	c, err := srv.Client(append([]rooms.Option{rooms.WithClock(clk)}, opts...)...)
	require.NoError(t, err)
	return srv, c, clk
}

func TestRateLimitOnPagesErrorsAndTheHook(t *testing.T) {
	var seen rateLimits
	_, c, clk := rateLimitedFake(t, 5, time.Minute, rooms.WithRateLimitHook(seen.hook))
	ctx := t.Context()
	start := clk.Now()

	page, err := c.Rooms.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, rooms.RateLimit{Limit: 5, Remaining: 4, Reset: time.Minute, ResetAt: start.Add(time.Minute)}, page.RateLimit)
	assert.True(t, page.RateLimit.Known())

	clk.Advance(1500 * time.Millisecond)
	_, err = c.Rooms.Get(ctx, "7b61621f-62e0-4aad-ab11-9fd19e272e73", nil)
	var apiErr *rooms.APIError
	require.ErrorAs(t, err, &apiErr)
	require.ErrorIs(t, err, rooms.ErrNotFound)
	// 58.5 s are left, sent as 59 (whole seconds, rounded up).
	assert.Equal(t, rooms.RateLimit{Limit: 5, Remaining: 3, Reset: 59 * time.Second, ResetAt: clk.Now().Add(59 * time.Second)}, apiErr.RateLimit)

	_, err = c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("r")})
	require.NoError(t, err)
	assert.Equal(t, []int{4, 3, 2}, seen.remaining(), "the hook sees every answer, in order")
}

func TestA429WaitsForTheRateLimitReset(t *testing.T) {
	var seen rateLimits
	srv, c, clk := rateLimitedFake(t, 1, 10*time.Second, rooms.WithRateLimitHook(seen.hook))
	ctx := t.Context()
	_, err := c.Rooms.List(ctx, nil)
	require.NoError(t, err)
	clk.Advance(3 * time.Second)

	page, err := c.Rooms.List(ctx, nil)
	require.NoError(t, err, "the retry after the reset finds a new window")
	assert.Equal(t, []time.Duration{7 * time.Second}, clk.Sleeps(), "one wait: x-ratelimit-reset of the 429")
	assert.Equal(t, 3, srv.Requests("listRooms"))
	assert.Equal(t, 0, page.RateLimit.Remaining)
	assert.Equal(t, []int{0, 0, 0}, seen.remaining(), "the 429 is seen by the hook too")
}

func TestA429WaitIsCappedByMaxRetryAfter(t *testing.T) {
	policy := rooms.RetryPolicy{MaxRetries: 1, MaxRetryAfter: 2 * time.Second}
	srv, c, clk := rateLimitedFake(t, 1, time.Minute, rooms.WithRetryPolicy(policy))
	ctx := t.Context()
	_, err := c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("first")})
	require.NoError(t, err)

	// A create is retried after a 429: the server refused it.
	_, err = c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("second")})
	require.ErrorIs(t, err, rooms.ErrRateLimited)
	assert.True(t, rooms.HasErrorCode(err, rooms.CodeTooManyRequests))
	var apiErr *rooms.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 2, apiErr.Attempts)
	assert.Zero(t, apiErr.RetryAfter, "the fake, as Telnyx, sends no Retry-After")
	assert.Equal(t, 0, apiErr.RateLimit.Remaining)
	assert.Equal(t, 58*time.Second, apiErr.RateLimit.Reset, "the last attempt's: 2 s after the first 429")
	assert.Equal(t, []time.Duration{2 * time.Second}, clk.Sleeps(), "60 s capped at MaxRetryAfter")
	assert.Equal(t, 3, srv.Requests("createRoom"))
}

// TestWhichHeaderA429WaitsFor answers one 429 with the given headers, then
// 200, and checks the one wait in between.
func TestWhichHeaderA429WaitsFor(t *testing.T) {
	const backoffCeil = 250 * time.Millisecond
	tests := []struct {
		name    string
		headers map[string]string
		want    time.Duration // -1: a jittered backoff, at most backoffCeil
	}{
		{"reset only", map[string]string{"X-Ratelimit-Limit": "10", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "7"}, 7 * time.Second},
		{"Retry-After wins", map[string]string{"Retry-After": "3", "X-Ratelimit-Limit": "10", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "40"}, 3 * time.Second},
		{"reset capped", map[string]string{"X-Ratelimit-Limit": "10", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "100"}, 30 * time.Second},
		{"reset 0: backoff", map[string]string{"X-Ratelimit-Limit": "10", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "0"}, -1},
		{"broken reset: backoff", map[string]string{"X-Ratelimit-Limit": "10", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "soon"}, -1},
		{"remaining above limit: backoff", map[string]string{"X-Ratelimit-Limit": "10", "X-Ratelimit-Remaining": "11", "X-Ratelimit-Reset": "5"}, -1},
		{"no headers: backoff", nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if calls.Add(1) == 1 {
					for k, v := range tt.headers {
						w.Header().Set(k, v)
					}
					w.WriteHeader(http.StatusTooManyRequests)
					_, _ = w.Write([]byte(`{"errors":[{"code":"10011","title":"Too many requests"}]}`))
					return
				}
				_, _ = w.Write([]byte(`{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`))
			}))
			t.Cleanup(srv.Close)
			clk := fakeclock.New(time.Now(), fakeclock.AutoSleep())
			c, err := rooms.NewClient(rooms.WithAPIKey("k"), rooms.WithBaseURL(srv.URL), rooms.WithClock(clk),
				rooms.WithRetryPolicy(rooms.RetryPolicy{MaxRetries: 1, BaseDelay: backoffCeil, MaxDelay: backoffCeil, MaxRetryAfter: 30 * time.Second}))
			require.NoError(t, err)
			_, err = c.Rooms.List(t.Context(), nil)
			require.NoError(t, err)
			sleeps := clk.Sleeps()
			require.Len(t, sleeps, 1)
			if tt.want < 0 {
				assert.LessOrEqual(t, sleeps[0], backoffCeil)
			} else {
				assert.Equal(t, tt.want, sleeps[0])
			}
		})
	}
}

func TestWithRateLimitHookRefusesNil(t *testing.T) {
	_, err := rooms.NewClient(rooms.WithAPIKey("k"), rooms.WithRateLimitHook(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithRateLimitHook")
	assert.False(t, errors.Is(err, rooms.ErrRateLimited))
}
