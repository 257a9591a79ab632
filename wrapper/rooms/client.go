package rooms

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Client talks to the Telnyx Video Rooms API. Create one with NewClient and
// share it: it is safe for concurrent use by many goroutines.
type Client struct {
	// Rooms creates, reads, updates and deletes rooms and lists their sessions.
	Rooms *RoomsService
	// Sessions lists room sessions, ends them, and kicks, mutes or unmutes participants.
	Sessions *SessionsService
	// Participants lists and reads room participants.
	Participants *ParticipantsService
	// Tokens issues and refreshes the client tokens that let participants join a room.
	Tokens *TokensService
	// Recordings lists, reads and deletes the recordings of room sessions.
	Recordings *RecordingsService
	// Compositions composes the recordings of a room session into one
	// video, and lists, reads and deletes compositions.
	Compositions *CompositionsService

	// creds returns the API key and its Authorization header; see secretFunc.
	creds          func() *credentials
	baseURL        *url.URL
	server         string // baseURL with a trailing slash, for the gen request builders
	httpClient     *http.Client
	retry          RetryPolicy
	attemptTimeout time.Duration
	logger         *slog.Logger
	maxResponse    int64
	clock          clock
	rateHook       func(RateLimit) // nil without WithRateLimitHook
	pacer          *pacer          // nil without WithPacing

	// Header values shared by every request; never mutated after NewClient.
	hdrUA, hdrAccept []string
	// readers holds the *bodyReader that response bodies are decoded through.
	readers sync.Pool
	// rt holds the request templates, derived on first use (see routes).
	rt         *routes
	routesOnce sync.Once
}

// service is embedded in every service so that all of them share one Client.
type service struct{ client *Client }

// RoomsService groups the room operations. Get it from Client.Rooms.
type RoomsService service

// SessionsService groups the room session operations. Get it from Client.Sessions.
type SessionsService service

// ParticipantsService groups the room participant operations. Get it from Client.Participants.
type ParticipantsService service

// TokensService groups the client token operations. Get it from Client.Tokens.
type TokensService service

// RecordingsService groups the room recording operations. Get it from Client.Recordings.
type RecordingsService service

// CompositionsService groups the room composition operations. Get it from Client.Compositions.
type CompositionsService service

// BaseURL returns the API root the client sends requests to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// NewClient returns a Client configured by opts. Without WithAPIKey the key is
// read from the TELNYX_API_KEY environment variable; with neither, NewClient
// fails and says how to set one.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{
		baseURL:     DefaultBaseURL,
		retry:       DefaultRetryPolicy(),
		userAgent:   defaultUserAgent,
		maxResponse: DefaultMaxResponseBytes,
		clock:       wallClock{},
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.apiKey == "" {
		cfg.apiKey = envAPIKey()
	}
	if cfg.apiKey == "" {
		return nil, errors.New("rooms: no API key: set the " + APIKeyEnv + " environment variable or pass rooms.WithAPIKey")
	}
	if err := checkAPIKey(cfg.apiKey); err != nil { // from the environment: WithAPIKey checked its own
		return nil, err
	}
	if cfg.httpClient == nil {
		cfg.httpClient = defaultHTTPClient()
	}
	base, err := validateBaseURL(cfg.baseURL, cfg.allowHTTP)
	if err != nil {
		return nil, err
	}
	c := &Client{
		creds:          secretFunc(credentials{key: cfg.apiKey, header: []string{"Bearer " + cfg.apiKey}}),
		baseURL:        base,
		server:         base.String() + "/",
		httpClient:     safeRedirects(cfg.httpClient),
		retry:          cfg.retry.withDefaults(),
		attemptTimeout: cfg.attemptTimeout,
		logger:         cfg.logger,
		maxResponse:    cfg.maxResponse,
		clock:          cfg.clock,
		hdrUA:          []string{cfg.userAgent},
		hdrAccept:      []string{"application/json"},
	}
	if cfg.rateHook != nil {
		c.rateHook = *cfg.rateHook
	}
	if cfg.pacing != nil {
		c.pacer = newPacer(cfg.clock, *cfg.pacing, c.retry.MaxRetryAfter)
	}
	c.Rooms = (*RoomsService)(&service{client: c})
	c.Sessions = (*SessionsService)(&service{client: c})
	c.Participants = (*ParticipantsService)(&service{client: c})
	c.Tokens = (*TokensService)(&service{client: c})
	c.Recordings = (*RecordingsService)(&service{client: c})
	c.Compositions = (*CompositionsService)(&service{client: c})
	return c, nil
}

// DefaultMaxIdleConnsPerHost is how many idle connections to the API a Client
// keeps open when no WithHTTPClient is given. net/http's default of 2 would
// close most connections after every burst of concurrent calls and open new
// ones (with a new TLS handshake each) on the next.
const DefaultMaxIdleConnsPerHost = 64

// defaultHTTPClient returns the *http.Client of a Client created without
// WithHTTPClient: net/http's default transport settings (proxy from the
// environment, HTTP/2, timeouts) with DefaultMaxIdleConnsPerHost.
func defaultHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = DefaultMaxIdleConnsPerHost
	return &http.Client{Transport: tr}
}
