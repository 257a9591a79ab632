package roomstest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// AllRoutes is the route name that Inject and Requests accept to mean every
// operation.
const AllRoutes = "*"

// FaultKind says what an injected Fault does to a request.
type FaultKind int

const (
	// FaultDelay only waits Fault.Latency; the request is then handled normally.
	FaultDelay FaultKind = iota
	// FaultStatus answers Fault.Status (such as 429, 500, 502, 503 or 504)
	// with a Telnyx error envelope. The handler does not run: state is unchanged.
	FaultStatus
	// FaultReset closes the connection without sending a byte, as a crashed
	// proxy would (TCP RST where the platform allows). The handler does not
	// run: state is unchanged.
	FaultReset
	// FaultTruncate runs the request normally (state changes), then sends the
	// status, the headers with the full Content-Length, and only the first
	// half of the body before closing the connection: the client reads an
	// unexpected EOF.
	FaultTruncate
	// FaultHTML answers Fault.Status (default 502) with an HTML error page,
	// as a load balancer in front of the API would. The handler does not run.
	FaultHTML
)

// Fault is a failure the fake produces on purpose for the requests of one
// route; see Server.Inject. The helpers Delay, FailNext, RateLimitNext,
// ResetNext, TruncateNext and HTMLNext build the common ones; as with
// Fault.Times, their n == 0 means every request until ResetFaults.
type Fault struct {
	// Kind is what happens to the request.
	Kind FaultKind
	// Status is the HTTP status of FaultStatus (required, 400..599) and of
	// FaultHTML (default 502).
	Status int
	// RetryAfter is sent verbatim as the Retry-After header of a FaultStatus
	// answer: delay-seconds such as "2" or an HTTP-date. A 429 without one
	// carries "Retry-After: 0", so that clients retry without waiting.
	RetryAfter string
	// Latency delays the request before anything else happens, whatever
	// the Kind. The wait ends early when the client gives up (request
	// context done) or the Server closes; the connection is then dropped
	// without a response and the handler does not run.
	Latency time.Duration
	// Times is how many requests the fault affects; 0 means every request
	// until Server.ResetFaults.
	Times int
}

// Delay returns a Fault that holds every request of the route for d before
// handling it normally.
func Delay(d time.Duration) Fault { return Fault{Kind: FaultDelay, Latency: d} }

// FailNext returns a Fault that answers the next n requests with status and
// a Telnyx error envelope, without running the handler.
func FailNext(n, status int) Fault { return Fault{Kind: FaultStatus, Status: status, Times: n} }

// RateLimitNext returns a Fault that answers the next n requests with 429
// Too Many Requests and the given Retry-After header value ("" sends "0").
func RateLimitNext(n int, retryAfter string) Fault {
	return Fault{Kind: FaultStatus, Status: http.StatusTooManyRequests, RetryAfter: retryAfter, Times: n}
}

// ResetNext returns a Fault that drops the connection of the next n
// requests without a response.
func ResetNext(n int) Fault { return Fault{Kind: FaultReset, Times: n} }

// TruncateNext returns a Fault that cuts the body of the next n responses
// in half (after the handler ran).
func TruncateNext(n int) Fault { return Fault{Kind: FaultTruncate, Times: n} }

// HTMLNext returns a Fault that answers the next n requests with an HTML
// error page and status (0 means 502).
func HTMLNext(n, status int) Fault { return Fault{Kind: FaultHTML, Status: status, Times: n} }

func (f Fault) check() error {
	switch {
	case f.Times < 0:
		return fmt.Errorf("fault.Times %d is negative", f.Times)
	case f.Latency < 0:
		return fmt.Errorf("fault.Latency %v is negative", f.Latency)
	case f.Kind < FaultDelay || f.Kind > FaultHTML:
		return fmt.Errorf("unknown Kind %d", f.Kind)
	case f.Kind == FaultStatus && (f.Status < 400 || f.Status > 599):
		return fmt.Errorf("FaultStatus needs a Status in 400..599, got %d", f.Status)
	case f.Kind == FaultHTML && f.Status != 0 && (f.Status < 400 || f.Status > 599):
		return fmt.Errorf("FaultHTML needs a Status in 400..599 (or 0), got %d", f.Status)
	}
	return nil
}

// pendingFault is an injected fault and how many requests it still affects
// (left 0: unlimited).
type pendingFault struct {
	f    Fault
	left int
}

// faultTable holds the injected faults and the request counters.
type faultTable struct {
	mu     sync.Mutex
	queues map[string][]*pendingFault
	counts map[string]int
	// counted is closed and replaced whenever a request is counted.
	counted chan struct{}
}

func newFaultTable() *faultTable {
	return &faultTable{queues: map[string][]*pendingFault{}, counts: map[string]int{}, counted: make(chan struct{})}
}

func (ft *faultTable) inject(route string, f Fault) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.queues[route] = append(ft.queues[route], &pendingFault{f: f, left: f.Times})
}

func (ft *faultTable) reset() {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	clear(ft.queues)
}

// count records one request of route (and of AllRoutes).
func (ft *faultTable) count(route string) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.counts[AllRoutes]++
	if route != AllRoutes {
		ft.counts[route]++
	}
	close(ft.counted)
	ft.counted = make(chan struct{})
}

// waitRequests blocks until route has been counted n times or ctx is done.
func (ft *faultTable) waitRequests(ctx context.Context, route string, n int) error {
	for {
		ft.mu.Lock()
		got, counted := ft.counts[route], ft.counted
		ft.mu.Unlock()
		if got >= n {
			return nil
		}
		select {
		case <-counted:
		case <-ctx.Done():
			return fmt.Errorf("roomstest: waiting for %d requests of %s, %d so far: %w", n, route, got, ctx.Err())
		}
	}
}

func (ft *faultTable) requests(route string) int {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	return ft.counts[route]
}

// next takes the fault for one request of route: the first pending fault
// injected for the route, else the first one injected for AllRoutes.
func (ft *faultTable) next(route string) (Fault, bool) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	for _, key := range []string{route, AllRoutes} {
		q := ft.queues[key]
		if len(q) == 0 {
			continue
		}
		head := q[0]
		if head.left > 0 {
			head.left--
			if head.left == 0 {
				ft.queues[key] = q[1:]
			}
		}
		return head.f, true
	}
	return Fault{}, false
}

// wait sleeps d unless the request or the server ends first; it reports
// whether the full delay elapsed.
func wait(r *http.Request, done <-chan struct{}, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-done:
		return false
	}
}

// writeStatusFault answers an injected FaultStatus.
func writeStatusFault(w http.ResponseWriter, f Fault) {
	code := codeUnexpected
	switch f.Status {
	case http.StatusTooManyRequests:
		code = codeTooManyRequests
	case http.StatusGatewayTimeout, http.StatusRequestTimeout:
		code = codeTimeout
	}
	retryAfter := f.RetryAfter
	if retryAfter == "" && f.Status == http.StatusTooManyRequests {
		retryAfter = "0"
	}
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	title := http.StatusText(f.Status)
	if title == "" {
		title = "Error"
	}
	writeEnvelope(w, f.Status, gen.Error{Code: code, Title: title,
		Detail: fmt.Sprintf("roomstest: injected fault, status %d.", f.Status)})
}

// writeHTMLFault answers an injected FaultHTML.
func writeHTMLFault(w http.ResponseWriter, f Fault) {
	status := f.Status
	if status == 0 {
		status = http.StatusBadGateway
	}
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	body := "<!DOCTYPE html>\n<html><head><title>" + text + "</title></head>\n<body><center><h1>" + text +
		"</h1></center><hr><center>roomstest</center></body></html>\n"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// resetConnection drops the client's connection without a response.
func resetConnection(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	conn, _, err := rc.Hijack()
	if err != nil {
		// Not hijackable (HTTP/2): abort the stream instead.
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0) // close with RST, not FIN
	}
	_ = conn.Close()
}
