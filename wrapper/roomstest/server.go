package roomstest

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"

	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// BasePath is the path prefix the fake serves the API under, as the real
// API lives under https://api.telnyx.com/v2. A client that drops the base
// URL's path therefore gets 404 from the fake, as it would from Telnyx.
const BasePath = "/v2"

// DefaultAPIKey is the bearer key Server.Client sends when no WithAPIKey
// option was given (the fake then accepts any non-empty key).
const DefaultAPIKey = "roomstest-api-key"

// Server is an in-memory fake of the Telnyx Video Rooms API. Build one with
// NewServer (listening on 127.0.0.1, like httptest.NewServer) or NewHandler
// (not listening; serve Handler on a listener of your choice). It is safe for
// concurrent use: HTTP requests and the Go test controls may run at the same
// time from many goroutines.
type Server struct {
	// URL is the base URL of the API, such as http://127.0.0.1:41234/v2,
	// without a trailing slash: point a client's base URL at it. It is empty
	// for a Server built by NewHandler.
	URL string

	cfg      config
	contract *contract
	st       *store
	faults   *faultTable
	limiter  *rateLimiter   // nil without WithRateLimit
	hooks    *deliverer     // the webhooks (delivery.go)
	settling sync.WaitGroup // settleOnTime, without WithClock
	api      http.Handler   // generated routing and strict server
	mux      *http.ServeMux // the generated routes, inside api
	handler  http.Handler   // the whole pipeline, served by Handler
	ts       *httptest.Server
	done     chan struct{}
	closing  sync.Once
	conns    atomic.Int64 // connections accepted by ts

	vmu        sync.Mutex
	violations []string

	// corrupt, when non-nil, may rewrite each recorded response before it is
	// validated. Only this package's tests set it, to prove that response
	// validation catches a broken response.
	corrupt func(operationID string, rec *httptest.ResponseRecorder)
}

// NewServer starts a fake on a random port of 127.0.0.1 and returns it.
// Call Close when done (t.Cleanup(s.Close) in tests).
func NewServer(opts ...Option) *Server {
	s := NewHandler(opts...)
	s.ts = httptest.NewUnstartedServer(s.handler)
	s.ts.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.ts.Start()
	s.URL = s.ts.URL + BasePath
	s.st.noteBase(s.ts.URL)
	return s
}

// NewHandler builds a fake that does not listen: serve s.Handler() on any
// listener (as roomsctl serve does) and use the test controls as with
// NewServer; the API base URL is then "http://" + address + BasePath. Its
// URL field is empty, Client fails, and Close only ends requests waiting in
// injected latency.
func NewHandler(opts ...Option) *Server {
	var cfg config
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	c, err := sharedContract()
	if err != nil { // the spec is embedded in gen: this is a build defect
		panic("roomstest: loading the contract embedded in package gen/genserver: " + err.Error())
	}
	s := &Server{
		cfg:      cfg,
		contract: c,
		st:       newStore(cfg.clock),
		faults:   newFaultTable(),
		limiter:  newRateLimiter(cfg),
		done:     make(chan struct{}),
	}
	s.hooks = newDeliverer(cfg, c, s.recordViolation)
	s.st.hooks = s.hooks
	if cfg.seed {
		s.st.seed()
	}
	strict := genserver.NewStrictHandlerWithOptions(&api{st: s.st}, nil, genserver.StrictHTTPServerOptions{
		RequestErrorHandlerFunc:  requestErrorHandler,
		ResponseErrorHandlerFunc: responseErrorHandler,
	})
	s.mux = http.NewServeMux()
	s.api = genserver.HandlerWithOptions(strict, genserver.StdHTTPServerOptions{BaseRouter: s.mux, ErrorHandlerFunc: paramErrorHandler})
	s.handler = http.HandlerFunc(s.serve)
	if cfg.clock == nil { // the real clock: complete recordings and compositions on time
		s.settling.Add(1)
		go s.settleOnTime()
	}
	return s
}

// Handler returns the fake's complete HTTP handler (routing under BasePath,
// fault injection, auth, contract validation, the 25 operations, the media
// files of download URLs), to serve on any listener.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the server, ends any injected latency still waiting, and
// blocks until outstanding requests finish. It then cancels the webhook
// delivery attempts under way and waits for them (they and the events
// still queued are recorded as DeliveryCanceled); nothing is delivered
// after Close returns. It is safe to call more than once.
func (s *Server) Close() {
	s.closing.Do(func() {
		close(s.done)
		s.settling.Wait()
		if s.ts != nil {
			s.ts.Close()
		}
		s.hooks.close()
	})
}

// Client returns a rooms.Client pointed at the fake: its API key (the
// WithAPIKey one, else DefaultAPIKey), base URL and HTTP client are preset;
// opts are applied after them and may override them.
func (s *Server) Client(opts ...rooms.Option) (*rooms.Client, error) {
	if s.ts == nil {
		return nil, errors.New("roomstest: Client: this Server does not listen (built by NewHandler); serve Handler() and use rooms.WithBaseURL")
	}
	key := s.cfg.apiKey
	if key == "" {
		key = DefaultAPIKey
	}
	preset := []rooms.Option{rooms.WithAPIKey(key), rooms.WithBaseURL(s.URL), rooms.WithHTTPClient(s.ts.Client())}
	return rooms.NewClient(append(preset, opts...)...)
}

// ConnectionsOpened returns how many connections clients have opened to a
// Server built by NewServer (0 for NewHandler). A client that drains and
// closes every response body reuses its keep-alive connections, so a burst
// of sequential calls should open only one.
func (s *Server) ConnectionsOpened() int { return int(s.conns.Load()) }

// ContractViolations returns, oldest first, every response that failed
// validation against the contract (see WithResponseValidation). Tests
// should assert it is empty.
func (s *Server) ContractViolations() []string {
	s.vmu.Lock()
	defer s.vmu.Unlock()
	return append([]string(nil), s.violations...)
}

func (s *Server) recordViolation(v string) {
	s.vmu.Lock()
	defer s.vmu.Unlock()
	s.violations = append(s.violations, v)
}
