package rooms

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
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
	clock          clock
}

// Option configures a Client. Options validate their input: NewClient
// returns the first error an option reports.
type Option func(*config) error

// WithAPIKey sets the Telnyx API key sent as a bearer token on every request.
// Without it NewClient reads the key from the TELNYX_API_KEY environment variable.
func WithAPIKey(key string) Option {
	return func(c *config) error {
		if strings.TrimSpace(key) == "" {
			return errors.New("rooms: WithAPIKey: the API key is empty")
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
// or past the tenth is refused, a redirect to another host loses the
// Authorization header, and then the original CheckRedirect, if any, decides.
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
// delays take their DefaultRetryPolicy values; negative values are refused.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxRetries < 0 {
			return fmt.Errorf("rooms: WithRetryPolicy: MaxRetries %d is negative", p.MaxRetries)
		}
		if p.BaseDelay < 0 || p.MaxDelay < 0 || p.MaxRetryAfter < 0 {
			return errors.New("rooms: WithRetryPolicy: delays must not be negative")
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
// string keeps the default, "telnyx-rooms-go/<version>".
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if strings.ContainsAny(ua, "\r\n") {
			return errors.New("rooms: WithUserAgent: the user agent contains a line break")
		}
		if ua != "" {
			c.userAgent = ua
		}
		return nil
	}
}

// WithMaxResponseBytes bounds the size of a success response body. A larger
// body fails with a *DecodeError wrapping ErrResponseTooLarge instead of
// being read into memory. The default is DefaultMaxResponseBytes (16 MiB).
// Error bodies are always read up to 1 MiB only.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("rooms: WithMaxResponseBytes: %d is not positive", n)
		}
		c.maxResponse = n
		return nil
	}
}

// validateBaseURL accepts https anywhere, and http on loopback or when allowed.
func validateBaseURL(raw string, allowHTTP bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("rooms: base URL: %w", err)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("rooms: base URL %q has no host", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("rooms: base URL %q must not carry user info, a query or a fragment", u.Redacted())
	}
	switch u.Scheme {
	case "https":
		return u, nil
	case "http":
		if allowHTTP || isLoopback(u.Hostname()) {
			return u, nil
		}
		return nil, fmt.Errorf("rooms: base URL %q is plain http on a non-loopback host; use https or WithInsecureHTTP", raw)
	default:
		return nil, fmt.Errorf("rooms: base URL %q: scheme must be https (or http on loopback)", raw)
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func envAPIKey() string { return strings.TrimSpace(os.Getenv(APIKeyEnv)) }
