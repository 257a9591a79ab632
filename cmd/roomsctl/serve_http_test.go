package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outerBound is how long these tests wait for an event (a connection
// closed, an answer, the server stopped) before they fail. It is not a
// budget: every limit under test is far shorter, and the tests pass as
// soon as the event happens, however busy the machine.
const outerBound = 30 * time.Second

// server is a `roomsctl serve` run by runServer with chosen limits.
type server struct {
	addr           string // host:port
	done           chan error
	stdout, stderr *syncBuffer // stdout after its first line
	cancel         context.CancelFunc
	copied         <-chan struct{} // closed once stdout is copied whole
}

// startServer runs runServer with limits (seed world, any key) until stop.
func startServer(t testing.TB, limits serveLimits) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	s := &server{done: make(chan error, 1), stdout: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel}
	c := &cli{stdout: outW, stderr: s.stderr, getenv: func(string) string { return "" }}
	go func() {
		s.done <- runServer(ctx, c, serveConfig{addr: "127.0.0.1:0", seed: true, limits: limits})
		outW.Close()
	}()
	lines := bufio.NewScanner(outR)
	require.True(t, lines.Scan(), "serve printed nothing")
	base := strings.TrimPrefix(lines.Text(), "fake Telnyx Rooms API listening on http://")
	s.addr = strings.TrimSuffix(base, "/v2")
	copied := make(chan struct{})
	go func() {
		for lines.Scan() {
			fmt.Fprintln(s.stdout, lines.Text())
		}
		close(copied)
	}()
	s.copied = copied
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	return s
}

// stop cancels the server's context, as Ctrl-C does, and returns what
// runServer returned.
func (s *server) stop(t testing.TB) error {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for Cleanup
		<-s.copied
		return err
	case <-time.After(outerBound):
		t.Fatalf("serve did not stop within %v", outerBound)
		return nil
	}
}

// dial opens a raw connection to the server and writes what.
func (s *server) dial(t testing.TB, what string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", s.addr)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	if what != "" {
		_, err = io.WriteString(conn, what)
		require.NoError(t, err)
	}
	return conn
}

// requireClosed reads conn until the server closes it (EOF or reset)
// and returns what arrived before; the test fails if it stays open.
func requireClosed(t testing.TB, conn net.Conn) string {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(outerBound)))
	got, err := io.ReadAll(conn)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the server left the connection open for %v", outerBound)
	}
	return string(got)
}

// get sends a GET on conn (keep-alive) and reads its answer.
func get(t testing.TB, conn net.Conn, path string) *http.Response {
	t.Helper()
	_, err := fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer k\r\n\r\n", path)
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(outerBound)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	require.NoError(t, conn.SetReadDeadline(time.Time{}))
	return resp
}

func TestServeSetsEveryLimit(t *testing.T) {
	l := defaultServeLimits()
	for name, v := range map[string]time.Duration{
		"readHeader": l.readHeader, "read": l.read, "write": l.write, "idle": l.idle, "shutdownGrace": l.shutdownGrace,
	} {
		assert.Positive(t, v, name)
	}
	assert.Positive(t, l.maxHeaderBytes)
	assert.LessOrEqual(t, l.shutdownGrace, 900*time.Millisecond, "Ctrl-C stops within a second whatever clients do")
	assert.Greater(t, l.read, l.readHeader)

	srv := newHTTPServer(http.NotFoundHandler(), l).Server
	assert.Equal(t, l.readHeader, srv.ReadHeaderTimeout)
	assert.Equal(t, l.read, srv.ReadTimeout)
	assert.Equal(t, l.write, srv.WriteTimeout)
	assert.Equal(t, l.idle, srv.IdleTimeout)
	assert.Equal(t, l.maxHeaderBytes, srv.MaxHeaderBytes)

	const documented = "limits: request headers within 10s and at most 64 KiB, a whole request within 30s, its response within 30s; " +
		"idle keep-alive connections closed after 1m0s; Ctrl-C waits 500ms for requests in flight"
	assert.Equal(t, documented, l.describe(), "the README documents these values too")
	help := runCLI(t, nil, "serve", "--help")
	assert.Contains(t, help.stdout, "Server "+documented+", then closes every connection still open.\n")
	s := startServer(t, l)
	require.NoError(t, s.stop(t))
	assert.Contains(t, s.stdout.String(), documented+"\n", "the banner shows them")
}

// TestServeStopsWhateverClientsDo: Ctrl-C with clients that would hold
// http.Server.Shutdown (an idle keep-alive connection, one that connected
// and sent nothing, one stuck in its headers, one whose body never ends)
// stops the server after the grace period, closing every connection and
// saying so, and exits cleanly (before issue 12: 5 s, then "shutdown:
// context deadline exceeded").
func TestServeStopsWhateverClientsDo(t *testing.T) {
	s := startServer(t, defaultServeLimits())
	idle := s.dial(t, "")
	require.Equal(t, http.StatusOK, get(t, idle, "/v2/rooms").StatusCode)
	silent := s.dial(t, "")
	halfHeaders := s.dial(t, "GET /v2/rooms HTTP/1.1\r\nHost: fake\r\n")
	endlessBody := s.dial(t, "POST /v2/rooms HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer k\r\n"+
		"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"unique_name\":")
	// A request that completes is answered while the others hang.
	busy := s.dial(t, "")
	require.Equal(t, http.StatusOK, get(t, busy, "/v2/rooms").StatusCode)

	require.NoError(t, s.stop(t))
	for name, conn := range map[string]net.Conn{"idle": idle, "silent": silent, "half headers": halfHeaders, "endless body": endlessBody, "busy": busy} {
		t.Run(name, func(t *testing.T) { requireClosed(t, conn) })
	}
	stderr := s.stderr.String()
	assert.Regexp(t, `^roomsctl: serve: closed [1-9][0-9]* connection\(s\) still open after 500ms\nroomsctl: serve: stopped\n$`, stderr)
}

// TestServeStopsAtOnceWhenNothingIsInFlight: with only idle keep-alive
// connections, Shutdown closes them and nothing is forced.
func TestServeStopsAtOnceWhenNothingIsInFlight(t *testing.T) {
	s := startServer(t, defaultServeLimits())
	idle := s.dial(t, "")
	require.Equal(t, http.StatusOK, get(t, idle, "/v2/rooms").StatusCode)
	require.NoError(t, s.stop(t))
	requireClosed(t, idle)
	assert.Equal(t, "roomsctl: serve: stopped\n", s.stderr.String())
}

// TestServeLimitsEndMisbehavingRequests drives each limit with a client
// that breaks it, the limit set short, and waits for the server to end
// the request.
func TestServeLimitsEndMisbehavingRequests(t *testing.T) {
	short := func(edit func(*serveLimits)) serveLimits {
		l := defaultServeLimits()
		edit(&l)
		return l
	}
	t.Run("a body that never ends is cut at the read timeout: 408", func(t *testing.T) {
		s := startServer(t, short(func(l *serveLimits) { l.read = 300 * time.Millisecond }))
		conn := s.dial(t, "POST /v2/rooms HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer k\r\n"+
			"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"unique_name\":")
		answer := requireClosed(t, conn)
		assert.True(t, strings.HasPrefix(answer, "HTTP/1.1 408 "), "answer: %q", answer)
		assert.Contains(t, answer, `"code":"10008"`)
		after := s.dial(t, "")
		resp := get(t, after, "/v2/rooms?filter[unique_name]=x")
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	})
	t.Run("headers that never end are cut at the header timeout", func(t *testing.T) {
		s := startServer(t, short(func(l *serveLimits) { l.readHeader = 300 * time.Millisecond }))
		requireClosed(t, s.dial(t, "GET /v2/rooms HTTP/1.1\r\nHost: fake\r\n"))
	})
	t.Run("a connection that sends nothing is closed at the header timeout", func(t *testing.T) {
		s := startServer(t, short(func(l *serveLimits) { l.readHeader, l.idle = 300*time.Millisecond, 300*time.Millisecond }))
		requireClosed(t, s.dial(t, ""))
	})
	t.Run("an idle keep-alive connection is closed at the idle timeout", func(t *testing.T) {
		s := startServer(t, short(func(l *serveLimits) { l.idle = 300 * time.Millisecond }))
		conn := s.dial(t, "")
		require.Equal(t, http.StatusOK, get(t, conn, "/v2/rooms").StatusCode)
		assert.Empty(t, requireClosed(t, conn))
	})
	t.Run("headers over the size limit: 431", func(t *testing.T) {
		s := startServer(t, short(func(l *serveLimits) { l.maxHeaderBytes = 4 << 10 }))
		conn := s.dial(t, "GET /v2/rooms HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer k\r\nX-Big: "+strings.Repeat("a", 16<<10)+"\r\n\r\n")
		answer := requireClosed(t, conn)
		assert.True(t, strings.HasPrefix(answer, "HTTP/1.1 431 "), "answer: %.80q", answer)
	})
}

func TestServeRefusesAKeyNoClientCanSend(t *testing.T) {
	tests := []struct {
		name, key, want string
		flag            bool
	}{
		{"a trailing space", "k1 ", "ROOMSCTL_SERVE_API_KEY cannot be sent by any client: byte 3 of 3 (the last) is a space", false},
		{"a leading tab", "\tk1", "byte 1 of 3 (the first) is a tab", false},
		{"a line break", "k1\n", "is a line break (U+000A)", false},
		{"a control character", "k\x1b1", "the control character U+001B", false},
		{"a non-ASCII character", "k\u00e91", "the non-ASCII character U+00E9", false},
		{"from the flag", "k1 ", "--api-key cannot be sent by any client: byte 3 of 3 (the last) is a space", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{envServeAPIKey: tt.key}
			args := []string{"serve", "--addr", "127.0.0.1:0"}
			if tt.flag {
				env, args = nil, append(args, "--api-key", tt.key)
			}
			r := runCLI(t, env, args...)
			assert.Equal(t, exitUsage, r.code)
			assert.Empty(t, r.stdout, "nothing listens")
			stderr := strings.TrimPrefix(r.stderr, "roomsctl: warning: --api-key lands in your shell history; set "+envServeAPIKey+" instead\n")
			requireOneLineError(t, result{code: r.code, stderr: stderr}, tt.want)
			assert.NotContains(t, r.stderr, "k1", "the key is never printed")
		})
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine to write
// while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// BenchmarkServeStopWithStuckClients measures Ctrl-C (from cancel to
// runServer's return) with an idle keep-alive connection, a silent one and
// one whose body never ends; issue 12's target is under a second.
//
//	go test -run '^$' -bench ServeStop -benchtime 5x ./cmd/roomsctl
func BenchmarkServeStopWithStuckClients(b *testing.B) {
	for range b.N {
		b.StopTimer()
		s := startServer(b, defaultServeLimits())
		idle := s.dial(b, "")
		if resp := get(b, idle, "/v2/rooms"); resp.StatusCode != http.StatusOK {
			b.Fatal(resp.Status)
		}
		s.dial(b, "")
		s.dial(b, "POST /v2/rooms HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{")
		b.StartTimer()
		s.cancel()
		if err := <-s.done; err != nil {
			b.Fatal(err)
		}
		s.done <- nil
	}
}
