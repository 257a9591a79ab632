package rooms

import (
	"context"
	"math"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
)

// TestExtremeOptions checks that the largest values every option accepts
// work, none of them panics, and each delay is clamped to MaxRetryWait: a
// server answers 503 (with a Retry-After, or none) and then 200, and the
// client waits once, on a fake clock, as long as the clamped policy says.
func TestExtremeOptions(t *testing.T) {
	t.Parallel()
	const top = time.Duration(math.MaxInt64)
	cases := []struct {
		name       string
		opts       []Option
		retryAfter string
		// wait: the exact wait, or with jitter the most it may be.
		wait   time.Duration
		jitter bool
	}{
		{name: "the review's policy", opts: []Option{WithRetryPolicy(RetryPolicy{MaxRetries: 1, BaseDelay: top, MaxDelay: top})},
			wait: MaxRetryWait, jitter: true},
		{name: "a huge base delay, a small cap", opts: []Option{WithRetryPolicy(RetryPolicy{MaxRetries: 1, BaseDelay: top, MaxDelay: time.Second})},
			wait: time.Second, jitter: true},
		{name: "Retry-After beyond a day, no cap", opts: []Option{WithRetryPolicy(RetryPolicy{MaxRetries: 1, MaxRetryAfter: top})},
			retryAfter: "9223372036854775807", wait: MaxRetryWait},
		{name: "endless retries", opts: []Option{WithRetryPolicy(RetryPolicy{MaxRetries: math.MaxInt, BaseDelay: top, MaxDelay: top, MaxRetryAfter: top})},
			retryAfter: "90000", wait: MaxRetryWait},
		{name: "the longest attempt timeout", opts: []Option{WithRetryPolicy(RetryPolicy{MaxRetries: 1}), WithAttemptTimeout(top)},
			retryAfter: "1", wait: time.Second},
		{name: "the largest response limit", opts: []Option{WithRetryPolicy(RetryPolicy{MaxRetries: 1}), WithMaxResponseBytes(math.MaxInt64)},
			retryAfter: "0", wait: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			clk := fakeclock.New(time.Now(), fakeclock.AutoSleep())
			c, mux, _ := setup(t, append([]Option{withClock(clk)}, tc.opts...)...)
			var calls atomic.Int32
			mux.HandleFunc("GET /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					if tc.retryAfter != "" {
						w.Header().Set("Retry-After", tc.retryAfter)
					}
					writeJSON(w, 503, `{"errors":[{"code":"10007","title":"Unavailable"}]}`)
					return
				}
				writeJSON(w, 200, `{"data":`+roomJSON(roomID, "a")+`}`)
			})
			room, err := c.Rooms.Get(context.Background(), roomID, nil)
			require.NoError(t, err)
			assert.Equal(t, roomID, room.ID)
			assert.EqualValues(t, 2, calls.Load())
			waits := clk.Sleeps()
			require.Len(t, waits, 1)
			if tc.jitter {
				assert.GreaterOrEqual(t, waits[0], time.Duration(0))
				assert.LessOrEqual(t, waits[0], tc.wait)
			} else {
				assert.Equal(t, tc.wait, waits[0])
			}
		})
	}
}

// TestRetryPolicyClamped checks what NewClient keeps of a policy.
func TestRetryPolicyClamped(t *testing.T) {
	t.Parallel()
	const top = time.Duration(math.MaxInt64)
	c, err := NewClient(WithAPIKey(testKey), WithRetryPolicy(RetryPolicy{MaxRetries: math.MaxInt, BaseDelay: top, MaxDelay: top, MaxRetryAfter: top}))
	require.NoError(t, err)
	assert.Equal(t, RetryPolicy{MaxRetries: math.MaxInt, BaseDelay: MaxRetryWait, MaxDelay: MaxRetryWait, MaxRetryAfter: MaxRetryWait}, c.retry)
	c, err = NewClient(WithAPIKey(testKey), WithMaxResponseBytes(math.MaxInt64))
	require.NoError(t, err)
	assert.EqualValues(t, math.MaxInt64-1, c.maxResponse, "one byte is read past the limit")
}

// TestRetryPolicyErrorsNameTheField checks that a refused policy says which
// field is wrong.
func TestRetryPolicyErrorsNameTheField(t *testing.T) {
	t.Parallel()
	for field, p := range map[string]RetryPolicy{
		"MaxRetries -1":                 {MaxRetries: -1},
		"BaseDelay -1ns":                {BaseDelay: -1},
		"MaxDelay -2562047h47m":         {MaxDelay: math.MinInt64},
		"MaxRetryAfter -1s":             {MaxRetryAfter: -time.Second},
		"BaseDelay -1h0m0s is negative": {BaseDelay: -time.Hour, MaxDelay: -time.Hour},
	} {
		_, err := NewClient(WithAPIKey(testKey), WithRetryPolicy(p))
		require.Error(t, err, field)
		assert.Contains(t, err.Error(), field)
	}
}
