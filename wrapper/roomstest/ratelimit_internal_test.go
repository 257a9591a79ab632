package roomstest

import (
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResponseValidationChecksTheRateLimitHeaders breaks a rate-limit
// header on purpose: the contract's header schema catches it, and the 500
// that replaces the answer still carries the headers as they were.
func TestResponseValidationChecksTheRateLimitHeaders(t *testing.T) {
	srv := NewServer(WithSeedData(), WithResponseValidation(), WithRateLimit(5, time.Minute))
	defer srv.Close()
	srv.corrupt = func(op string, rec *httptest.ResponseRecorder) {
		if op == "viewRoom" {
			rec.Header().Set(headerRateReset, "soon")
		}
	}
	resp := get(t, srv, "/rooms/"+SeedRoomID)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusInternalServerError, resp.StatusCode, "body: %s", body)
	assert.Contains(t, string(body), "x-ratelimit-reset")
	assert.Equal(t, "5", resp.Header.Get(headerRateLimit))
	assert.Equal(t, "4", resp.Header.Get(headerRateRemaining))
	assert.Equal(t, "soon", resp.Header.Get(headerRateReset))
	require.Len(t, srv.ContractViolations(), 1)

	ok := get(t, srv, "/rooms")
	assert.Equal(t, http.StatusOK, ok.StatusCode)
	assert.Equal(t, "3", ok.Header.Get(headerRateRemaining))
	assert.Len(t, srv.ContractViolations(), 1)
}

func TestCeilSeconds(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want int
	}{
		{-time.Second, 0}, {0, 0}, {time.Nanosecond, 1}, {time.Second, 1},
		{time.Second + 1, 2}, {59*time.Second + 999*time.Millisecond, 60},
		{time.Duration(math.MaxInt32) * time.Second, math.MaxInt32},
		{time.Duration(math.MaxInt64), math.MaxInt32},
	} {
		assert.Equal(t, c.want, ceilSeconds(c.d), "%v", c.d)
	}
}

func TestWithRateLimitClampsTheBudgetToTheHeaderFormat(t *testing.T) {
	var cfg config
	WithRateLimit(math.MaxInt, time.Second)(&cfg)
	assert.Equal(t, math.MaxInt32, cfg.rateBudget)
	d := newRateLimiter(cfg).take("k")
	assert.Equal(t, math.MaxInt32, d.limit)
	assert.Equal(t, math.MaxInt32-1, d.remaining)
}

// TestRateLimiterForgetsEndedWindows sends one request with each of many
// keys, lets their windows end, and checks that the limiter's memory holds
// only the keys of running windows.
func TestRateLimiterForgetsEndedWindows(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newRateLimiter(config{rateBudget: 1, rateWindow: time.Second, clock: func() time.Time { return now }})
	for i := range minRateKeySweep {
		require.True(t, l.take("key-"+strconv.Itoa(i)).allowed)
	}
	require.Len(t, l.keys, minRateKeySweep)
	now = now.Add(time.Second)
	assert.True(t, l.take("fresh").allowed, "a new key after the sweep")
	assert.Len(t, l.keys, 1, "the ended windows are forgotten")
	assert.True(t, l.take("key-0").allowed, "a forgotten key starts a new window")
	assert.False(t, l.take("key-0").allowed)
}
