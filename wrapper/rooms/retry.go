package rooms

import "time"

// RetryPolicy says how often and how long the client waits before trying a
// request again. The zero value never retries.
type RetryPolicy struct {
	// MaxRetries is the number of retries after the first attempt.
	MaxRetries int
	// BaseDelay is the backoff before the first retry; it doubles per retry.
	BaseDelay time.Duration
	// MaxDelay caps one backoff delay.
	MaxDelay time.Duration
	// MaxRetryAfter caps how long a server's Retry-After header can make the client wait.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy returns the policy a Client uses unless WithRetryPolicy
// says otherwise: 2 retries, 500 ms base delay doubling up to 8 s with full
// jitter, and Retry-After honoured up to 30 s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxRetries:    2,
		BaseDelay:     500 * time.Millisecond,
		MaxDelay:      8 * time.Second,
		MaxRetryAfter: 30 * time.Second,
	}
}
