package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// serveLimits are the limits of the HTTP server of `roomsctl serve`, which
// may run for days with clients that misbehave: every one of them is set,
// so that no client can hold a connection (or the shutdown) for ever.
type serveLimits struct {
	// readHeader bounds the time to read a request's headers
	// (http.Server.ReadHeaderTimeout).
	readHeader time.Duration
	// read bounds the time to read a whole request, headers and body
	// (http.Server.ReadTimeout): a body that never ends is cut there and
	// answered 408.
	read time.Duration
	// write bounds the time from the end of a request's headers to the end
	// of its response (http.Server.WriteTimeout): a client that does not
	// read its response is dropped there.
	write time.Duration
	// idle bounds how long a keep-alive connection waits for its next
	// request (http.Server.IdleTimeout).
	idle time.Duration
	// maxHeaderBytes bounds the size of a request's headers
	// (http.Server.MaxHeaderBytes); larger ones get 431.
	maxHeaderBytes int
	// shutdownGrace is how long Ctrl-C waits for requests in flight to
	// finish before it closes every connection still open.
	shutdownGrace time.Duration
}

// defaultServeLimits are the limits `roomsctl serve` runs with. Its
// requests are small (bodies of at most 1 MiB, answers of a page of at
// most 250 resources) and its clients usually local, so each limit is
// generous to a client doing its job and short for one that is not.
func defaultServeLimits() serveLimits {
	return serveLimits{
		readHeader:     10 * time.Second,
		read:           30 * time.Second,
		write:          30 * time.Second,
		idle:           60 * time.Second,
		maxHeaderBytes: 64 << 10,
		shutdownGrace:  500 * time.Millisecond,
	}
}

// describe lists the limits in one line, for the startup banner.
func (l serveLimits) describe() string {
	return fmt.Sprintf("limits: request headers within %v and at most %d KiB, a whole request within %v, its response within %v; "+
		"idle keep-alive connections closed after %v; Ctrl-C waits %v for requests in flight",
		l.readHeader, l.maxHeaderBytes>>10, l.read, l.write, l.idle, l.shutdownGrace)
}

// httpServer is an http.Server with the limits set and a count of the
// connections it has open.
type httpServer struct {
	*http.Server
	open atomic.Int64
}

func newHTTPServer(h http.Handler, l serveLimits) *httpServer {
	s := &httpServer{}
	s.Server = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.readHeader,
		ReadTimeout:       l.read,
		WriteTimeout:      l.write,
		IdleTimeout:       l.idle,
		MaxHeaderBytes:    l.maxHeaderBytes,
		ConnState: func(_ net.Conn, state http.ConnState) {
			switch state {
			case http.StateNew:
				s.open.Add(1)
			case http.StateClosed, http.StateHijacked:
				s.open.Add(-1)
			}
		},
	}
	return s
}

// serveUntilDone serves s on ln until ctx is done or serving fails, then
// shuts s down (see shutdown); name is the command, for messages.
func serveUntilDone(ctx context.Context, name string, s *httpServer, ln net.Listener, grace time.Duration, stderr io.Writer) error {
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	return s.shutdown(ctx, name, grace, served, stderr)
}

// shutdown stops s within about grace whatever its clients do: it stops
// accepting connections, closes the idle ones and lets the requests in
// flight finish; after grace it closes every connection still open (a
// request whose body never ends, a client that connected and sent
// nothing, one that does not read its answer) and says how many on
// stderr. It returns once Serve has returned.
func (s *httpServer) shutdown(ctx context.Context, name string, grace time.Duration, served <-chan error, stderr io.Writer) error {
	graceCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	err := s.Shutdown(graceCtx)
	if errors.Is(err, context.DeadlineExceeded) {
		n := s.open.Load()
		err = s.Close()
		_ = say(stderr, "roomsctl: %s: closed %d connection(s) still open after %v", name, n, grace)
	}
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
