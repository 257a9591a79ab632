package rooms

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is where the account's rate-limit budget stood when the API
// answered, from the x-ratelimit-limit, x-ratelimit-remaining and
// x-ratelimit-reset headers (decision D55 of openapi.yaml). Telnyx limits
// an account, not a client: every process that uses the same API key
// spends the same budget, and each answer says what is left of it.
//
// The zero value means that the answer did not carry the three headers as
// non-negative integers with Remaining at most Limit (an answer from a
// proxy in front of the API, say); Known tells the two apart.
type RateLimit struct {
	// Limit is the number of requests the account may make in one window.
	Limit int
	// Remaining is the number of requests it may still make in the current
	// window, the one answered included.
	Remaining int
	// Reset is how long after the answer the window ends and the budget
	// refills, in whole seconds as the API sends it.
	Reset time.Duration
	// ResetAt is the time the answer arrived plus Reset, on the client's
	// clock.
	ResetAt time.Time
}

// Known reports whether r comes from rate-limit headers, as opposed to
// being the zero value of an answer without them.
func (r RateLimit) Known() bool { return !r.ResetAt.IsZero() }

// The rate-limit response headers (D55), in canonical form.
const (
	headerRateLimit     = "X-Ratelimit-Limit"
	headerRateRemaining = "X-Ratelimit-Remaining"
	headerRateReset     = "X-Ratelimit-Reset"
)

// parseRateLimit reads the rate-limit headers of an answer that arrived at
// now. Anything but three integers from 0 to math.MaxInt32 with remaining
// at most limit gives the zero RateLimit: a broken header is ignored, not
// trusted for waiting or pacing.
func parseRateLimit(h http.Header, now time.Time) RateLimit {
	limit, ok1 := headerCount(h, headerRateLimit)
	remaining, ok2 := headerCount(h, headerRateRemaining)
	reset, ok3 := headerCount(h, headerRateReset)
	if !ok1 || !ok2 || !ok3 || remaining > limit {
		return RateLimit{}
	}
	d := time.Duration(reset) * time.Second
	return RateLimit{Limit: limit, Remaining: remaining, Reset: d, ResetAt: now.Add(d)}
}

// headerCount reads a header holding one integer from 0 to math.MaxInt32.
func headerCount(h http.Header, name string) (int, bool) {
	v := h[name]
	if len(v) != 1 {
		return 0, false
	}
	s := strings.TrimSpace(v[0])
	if s == "" || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32) // at most math.MaxInt32
	if err != nil {
		return 0, false
	}
	return int(n), true
}

// answerSink is implemented by response envelopes that want to hear of a
// successful answer as soon as its headers arrive, before its body is
// decoded: the pages of lists keep its rate limit, and a prefetching walk
// starts its next fetch then.
type answerSink interface{ answered(RateLimit) }

// WithRateLimitHook calls fn with the rate limit of every answer that
// carries one (see RateLimit): successes, errors and each attempt of a
// retried call, in the order they arrive. It runs on the goroutine of the
// call, before the call returns, possibly on many goroutines at once: fn
// must be quick and safe for concurrent use. Use it to watch the budget
// (metrics, logs) on calls whose results do not carry it; a Page and an
// *APIError carry their own.
func WithRateLimitHook(fn func(RateLimit)) Option {
	return func(c *config) error {
		if fn == nil {
			return errors.New("rooms: WithRateLimitHook: nil function")
		}
		c.rateHook = &fn
		return nil
	}
}

// observeRateLimit reads the rate limit of an answer, hands it to the hook,
// and returns it.
func (c *Client) observeRateLimit(h http.Header) RateLimit {
	rl := parseRateLimit(h, c.clock.Now())
	if !rl.Known() {
		return rl
	}
	if c.rateHook != nil {
		c.rateHook(rl)
	}
	return rl
}
