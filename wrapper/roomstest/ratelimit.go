package roomstest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The rate-limit response headers of decision D55 of openapi.yaml.
const (
	headerRateLimit     = "X-Ratelimit-Limit"
	headerRateRemaining = "X-Ratelimit-Remaining"
	headerRateReset     = "X-Ratelimit-Reset"
)

// rateLimitHeaderNames lists them, for copying from one answer to another.
var rateLimitHeaderNames = [...]string{headerRateLimit, headerRateRemaining, headerRateReset}

// minRateKeySweep is the number of keys the limiter holds before it first
// forgets the keys whose window has ended.
const minRateKeySweep = 1024

// WithRateLimit makes the fake limit every API key to budget requests per
// window, as Telnyx limits an account (decisions D55 and D56 of
// openapi.yaml). A window starts with the first request of a key after its
// previous window ended. Every authenticated request on a known route
// spends one unit, whatever its outcome; once the budget is spent the fake
// answers 429 with code 10011 in the error envelope, without Retry-After
// and without spending anything, until the window ends. Every answer to an
// authenticated request carries x-ratelimit-limit (the budget),
// x-ratelimit-remaining (what is left after this request) and
// x-ratelimit-reset (whole seconds, rounded up, until the window ends);
// a 401 carries none. Time is the fake's clock (WithClock), so a test moves
// windows on without waiting. A budget above math.MaxInt32 is
// math.MaxInt32; a budget or window that is not positive leaves the fake
// without a rate limit, as without this option.
func WithRateLimit(budget int, window time.Duration) Option {
	return func(c *config) {
		if budget <= 0 || window <= 0 {
			c.rateBudget, c.rateWindow = 0, 0
			return
		}
		c.rateBudget, c.rateWindow = min(budget, math.MaxInt32), window
	}
}

// rateLimiter keeps the window of every API key it has seen.
type rateLimiter struct {
	budget  int
	window  time.Duration
	now     func() time.Time
	mu      sync.Mutex
	keys    map[string]*rateWindow
	sweepAt int // len(keys) at which expired windows are next forgotten
}

// rateWindow is one key's current window.
type rateWindow struct {
	end  time.Time
	used int
}

// rateDecision is what the limiter decided for one request.
type rateDecision struct {
	allowed          bool
	limit, remaining int
	reset            int // whole seconds until the window ends, rounded up
	window           time.Duration
}

// newRateLimiter returns the limiter of cfg, or nil when it has none.
func newRateLimiter(cfg config) *rateLimiter {
	if cfg.rateBudget <= 0 {
		return nil
	}
	now := cfg.clock
	if now == nil {
		now = time.Now
	}
	return &rateLimiter{
		budget: cfg.rateBudget, window: cfg.rateWindow, now: now,
		keys: make(map[string]*rateWindow), sweepAt: minRateKeySweep,
	}
}

// take spends one unit of key's budget, if any is left.
func (l *rateLimiter) take(key string) rateDecision {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w := l.keys[key]
	if w == nil || !now.Before(w.end) {
		if w == nil {
			l.sweep(now)
			w = new(rateWindow)
			l.keys[key] = w
		}
		w.end, w.used = now.Add(l.window), 0
	}
	d := rateDecision{limit: l.budget, window: l.window, reset: ceilSeconds(w.end.Sub(now))}
	if w.used < l.budget {
		w.used++
		d.allowed = true
	}
	d.remaining = l.budget - w.used
	return d
}

// sweep forgets the keys whose window has ended once the map has grown to
// sweepAt, so that a fake that accepts any key (no WithAPIKey) and is sent
// many keys holds memory only for the keys of running windows.
func (l *rateLimiter) sweep(now time.Time) {
	if len(l.keys) < l.sweepAt {
		return
	}
	for k, w := range l.keys {
		if !now.Before(w.end) {
			delete(l.keys, k)
		}
	}
	l.sweepAt = max(minRateKeySweep, 2*len(l.keys))
}

// ceilSeconds is d in whole seconds, rounded up, at least 1 for a positive
// d, and at most math.MaxInt32 (the header's format).
func ceilSeconds(d time.Duration) int {
	switch {
	case d <= 0:
		return 0
	case d > time.Duration(math.MaxInt32)*time.Second:
		return math.MaxInt32
	}
	return int((d + time.Second - 1) / time.Second)
}

// setHeaders writes the three rate-limit headers.
func (d rateDecision) setHeaders(h http.Header) {
	h.Set(headerRateLimit, strconv.Itoa(d.limit))
	h.Set(headerRateRemaining, strconv.Itoa(d.remaining))
	h.Set(headerRateReset, strconv.Itoa(d.reset))
}

// tooManyRequests is the 429 answer of a spent budget.
func (d rateDecision) tooManyRequests() *apiError {
	return newAPIError(http.StatusTooManyRequests, codeTooManyRequests, "Too many requests",
		fmt.Sprintf("The rate limit of %d requests per %v for this API key is spent; it refills in %d s.",
			d.limit, d.window, d.reset))
}

// copyRateLimitHeaders copies the rate-limit headers of one answer to another.
func copyRateLimitHeaders(dst, src http.Header) {
	for _, name := range rateLimitHeaderNames {
		if v := src.Values(name); len(v) > 0 {
			dst[name] = v
		}
	}
}

// bearerKey returns the key of an Authorization header that authenticate
// accepted.
func bearerKey(r *http.Request) string {
	_, key, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	return strings.TrimSpace(key)
}
