package rooms

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/internal/termtext"
)

// DefaultBaseURL is the Telnyx API root every request is relative to.
const DefaultBaseURL = "https://api.telnyx.com/v2"

// APIKeyEnv is the environment variable NewClient reads the API key from
// when no WithAPIKey option is given.
const APIKeyEnv = "TELNYX_API_KEY"

// DefaultMaxResponseBytes is the largest success response body the client
// reads unless WithMaxResponseBytes says otherwise: 16 MiB, far above the
// largest page the API sends (250 rooms with their sessions).
const DefaultMaxResponseBytes = 16 << 20

// config collects what the options set; NewClient turns it into a Client.
type config struct {
	apiKey         string
	baseURL        string
	allowHTTP      bool
	httpClient     *http.Client
	retry          RetryPolicy
	attemptTimeout time.Duration
	logger         *slog.Logger
	userAgent      string
	maxResponse    int64
	rateHook       *func(RateLimit) // WithRateLimitHook; a pointer keeps config comparable
	pacing         *pacingConfig    // WithPacing; nil without it
	clock          clock
}

// Option configures a Client. Options validate their input: NewClient
// returns the first error an option reports.
type Option func(*config) error

// WithAPIKey sets the Telnyx API key sent as a bearer token on every request.
// Without it NewClient reads the key from the TELNYX_API_KEY environment variable.
// A key is visible ASCII (0x21 to 0x7E): one with a space or a control
// character, which no request could carry, is refused with a
// *ValidationError for the field "Authorization" that never shows the key.
func WithAPIKey(key string) Option {
	return func(c *config) error {
		if strings.TrimSpace(key) == "" {
			return errors.New("rooms: WithAPIKey: the API key is empty")
		}
		if err := checkAPIKey(key); err != nil {
			return err
		}
		c.apiKey = key
		return nil
	}
}

// WithBaseURL points the client at another API root, such as a
// roomstest.Server. Plain http is accepted only for loopback hosts unless
// WithInsecureHTTP is also given.
func WithBaseURL(rawURL string) Option {
	return func(c *config) error {
		c.baseURL = strings.TrimRight(rawURL, "/")
		return nil
	}
}

// WithInsecureHTTP allows a plain-http base URL on a non-loopback host. The API
// key then travels unencrypted: use it only on networks you control.
func WithInsecureHTTP() Option {
	return func(c *config) error {
		c.allowHTTP = true
		return nil
	}
}

// WithHTTPClient sets the *http.Client requests go through (default: one with
// net/http's default transport settings that keeps DefaultMaxIdleConnsPerHost
// idle connections). The client is copied: its Transport, Jar and Timeout
// are kept, and its CheckRedirect is wrapped: a redirect from https to http
// or past the tenth is refused, and so is a 307 or 308 that would re-send a
// request body to another host (all with ErrRedirectRefused); any other
// redirect to another host loses the Authorization header; then the
// original CheckRedirect, if any, decides.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("rooms: WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithRetryPolicy replaces the default retry policy (see RetryPolicy). Zero
// delays take their DefaultRetryPolicy values, delays above MaxRetryWait
// are treated as MaxRetryWait, and negative values are refused with an
// error naming the field.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxRetries < 0 {
			return fmt.Errorf("rooms: WithRetryPolicy: MaxRetries %d is negative", p.MaxRetries)
		}
		for _, d := range []struct {
			name string
			v    time.Duration
		}{{"BaseDelay", p.BaseDelay}, {"MaxDelay", p.MaxDelay}, {"MaxRetryAfter", p.MaxRetryAfter}} {
			if d.v < 0 {
				return fmt.Errorf("rooms: WithRetryPolicy: %s %v is negative", d.name, d.v)
			}
		}
		c.retry = p
		return nil
	}
}

// WithAttemptTimeout bounds every single attempt (connect, send, read the
// whole response). Zero means no per-attempt bound; ctx still applies.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("rooms: WithAttemptTimeout: %v is negative", d)
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithLogger sets the logger that receives one Debug record per attempt and a
// Warn record per retry. Records never contain the API key.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithUserAgent sets the User-Agent header sent with every request. An empty
// string keeps the default, "telnyx-rooms-go/<version>". A value with a
// control character (a tab aside), which net/http would refuse to send, is
// refused with a *ValidationError for the field "User-Agent".
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if err := checkUserAgent(ua); err != nil {
			return err
		}
		if ua != "" {
			c.userAgent = ua
		}
		return nil
	}
}

// WithMaxResponseBytes bounds the size of a success response body. A larger
// body fails with a *DecodeError wrapping ErrResponseTooLarge instead of
// being read into memory. The default is DefaultMaxResponseBytes (16 MiB);
// n must be positive, and values above math.MaxInt64-1 are treated as
// math.MaxInt64-1 (the client reads one byte past the limit to see that a
// body is too large). Error bodies are always read up to 1 MiB only.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("rooms: WithMaxResponseBytes: %d is not positive", n)
		}
		c.maxResponse = min(n, math.MaxInt64-1)
		return nil
	}
}

// validateBaseURL accepts https anywhere, and http on loopback or when allowed.
// Its errors name the base URL by scheme and host only (shownURL): a key
// pasted into its user info, path, query or fragment never reaches them.
func validateBaseURL(raw string, allowHTTP bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("rooms: base URL: not a valid URL")
	}
	if u.Host == "" {
		return nil, fmt.Errorf("rooms: base URL %q has no host", shownURL(u))
	}
	if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("rooms: base URL %q must not carry user info, a query or a fragment", shownURL(u))
	}
	switch u.Scheme {
	case "https":
		return u, nil
	case "http":
		if allowHTTP || isLoopback(u.Hostname()) {
			return u, nil
		}
		return nil, fmt.Errorf("rooms: base URL %q is plain http on a non-loopback host; use https or WithInsecureHTTP", shownURL(u))
	default:
		return nil, fmt.Errorf("rooms: base URL %q: scheme must be https (or http on loopback)", shownURL(u))
	}
}

// shownURL is how an error names a base URL: its scheme and host, escaped.
func shownURL(u *url.URL) string {
	return termtext.Escape(u.Scheme + "://" + u.Host)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func envAPIKey() string { return strings.TrimSpace(os.Getenv(APIKeyEnv)) }
