package rooms

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says how often and how long the client waits before trying a
// request again. The zero value never retries. Which failures are retried
// depends on the operation; the package documentation has the table.
//
// Any non-negative value is accepted: a delay longer than MaxRetryWait is
// treated as MaxRetryWait, and MaxRetries has no upper bound (the caller's
// context ends a long run of retries; no wait is started that would
// outlive its deadline).
type RetryPolicy struct {
	// MaxRetries is the number of retries after the first attempt.
	MaxRetries int
	// BaseDelay is the backoff before the first retry; it doubles per retry.
	// The actual wait is drawn uniformly from [0, backoff] ("full jitter").
	// Zero means the default, 500 ms.
	BaseDelay time.Duration
	// MaxDelay caps one backoff delay. Zero means the default, 8 s.
	MaxDelay time.Duration
	// MaxRetryAfter caps how long a server's Retry-After header can make the
	// client wait: a longer Retry-After is shortened to MaxRetryAfter.
	// Zero means the default, 30 s.
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

// MaxRetryWait is the longest the client waits between two attempts: a
// RetryPolicy delay above it is treated as MaxRetryWait, and a Retry-After
// header asking for more is read as MaxRetryWait.
const MaxRetryWait = 24 * time.Hour

// withDefaults fills zero delays with the default ones and clamps every
// delay to [0, MaxRetryWait].
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	fill := func(v, def time.Duration) time.Duration {
		if v == 0 {
			return def
		}
		return min(max(v, 0), MaxRetryWait)
	}
	p.BaseDelay = fill(p.BaseDelay, d.BaseDelay)
	p.MaxDelay = fill(p.MaxDelay, d.MaxDelay)
	p.MaxRetryAfter = fill(p.MaxRetryAfter, d.MaxRetryAfter)
	p.MaxRetries = max(p.MaxRetries, 0)
	return p
}

// backoff returns the wait before retry number n (1 for the first retry):
// uniform in [0, min(MaxDelay, BaseDelay·2^(n-1))]. It is defined for every
// n and every policy, even one withDefaults has not clamped: no product or
// sum can overflow. math/rand/v2's top-level functions are safe for
// concurrent use and keep no state of ours.
func (p RetryPolicy) backoff(n int) time.Duration {
	ceil := p.MaxDelay
	if shift := n - 1; shift >= 0 && shift < 32 && p.BaseDelay <= p.MaxDelay>>shift {
		ceil = p.BaseDelay << shift
	}
	switch {
	case ceil <= 0:
		return 0
	case ceil == math.MaxInt64:
		return rand.N(ceil) // [0, ceil): ceil+1 would overflow
	}
	return rand.N(ceil + 1)
}

// delay returns the wait before retry number n: the server's Retry-After
// (capped at MaxRetryAfter) when it sent one, the jittered backoff otherwise.
// It is never negative.
func (p RetryPolicy) delay(n int, retryAfter time.Duration, hasRetryAfter bool) time.Duration {
	if hasRetryAfter {
		return max(min(retryAfter, p.MaxRetryAfter), 0)
	}
	return p.backoff(n)
}

// retryClass says which failures an operation may retry.
type retryClass uint8

const (
	// retryAll: every operation but create. A repeat has the same effect as
	// one call (reads, PATCH, DELETE, end/kick/mute/unmute) or is harmless
	// (a second client token).
	retryAll retryClass = iota
	// retryCreate: POST /rooms, POST /room_compositions and the bulk
	// DELETE /room_recordings, which are not idempotent. Retried only when the
	// server refused it (429) or it provably never left (dial/DNS failure).
	retryCreate
)

// retryableStatus reports whether an answer with this status is retried.
// It is decided on the status alone, whatever the body says.
func retryableStatus(class retryClass, code int) bool {
	if code == http.StatusTooManyRequests {
		return true
	}
	if class == retryCreate {
		return false
	}
	switch code {
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableError reports whether a transport error (no answer at all) is
// retried. ctx is the caller's context: once it is done nothing is retried.
func retryableError(ctx context.Context, class retryClass, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrRedirectRefused) || isCertError(err) {
		return false
	}
	if class == retryCreate {
		return neverSent(err)
	}
	return true
}

// neverSent reports whether err proves the request never reached a server:
// the connection could not be dialled or the host name did not resolve.
func neverSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// isCertError reports a TLS certificate problem, which a retry cannot fix.
func isCertError(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid)
}

// maxRetryAfterHeader caps what a Retry-After header is read as, in both
// of its forms.
const maxRetryAfterHeader = MaxRetryWait

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date,
// capped at a day.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(maxRetryAfterHeader/time.Second) {
			return maxRetryAfterHeader, true
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfterHeader), true
	}
	return 0, false
}
