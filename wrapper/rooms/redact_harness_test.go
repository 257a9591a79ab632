package rooms

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
	"github.com/seed1c924325/telnyx-rooms-go/internal/leakcheck"
)

// This file is the harness of the redaction proofs (TestRedactionClasses,
// FuzzRedaction): a server that echoes a text built from the key into one
// place of its answer, and an oracle, independent of the redactor, that
// lists the encodings of a key and finds them in what the client shows.

// echoPlace is where the hostile server puts its echo.
type echoPlace uint8

const (
	inEnvelope  echoPlace = iota // 401 error list: code, title, detail, source, meta
	inMessage                    // 422 {"message": ..., "success": false}
	inHTML                       // 503 text/html body: a snippet, retried, so a Warn record too
	inRequestID                  // 404 X-Request-Id header
	inSuccess                    // 200 body that is not JSON: a *DecodeError snippet
	inLocation                   // a redirect loop whose Location carries it: a *url.Error
	inBareError                  // 400 bare Error object (decision D41)
	numEchoPlaces
)

var echoPlaceNames = [...]string{"envelope", "message", "html", "request id", "success body", "location", "bare error"}

func (p echoPlace) String() string { return echoPlaceNames[p%numEchoPlaces] }

// echoEncodings are the ways the server encodes what it echoes.
var echoEncodings = leakcheck.Encodings

// leakIn and leakBefore are the oracle (internal/leakcheck).
var (
	leakIn     = leakcheck.In
	leakBefore = leakcheck.Before
	everyByte  = leakcheck.EveryByte
)

// echoHarness is a hostile server and the state of its next answer.
type echoHarness struct {
	srv  *httptest.Server
	hc   *http.Client
	mu   sync.Mutex
	echo string
	at   echoPlace
}

func newEchoHarness(t testing.TB) *echoHarness {
	h := &echoHarness{}
	h.srv = httptest.NewServer(http.HandlerFunc(h.serve))
	h.hc = h.srv.Client()
	t.Cleanup(h.srv.Close)
	t.Cleanup(h.hc.CloseIdleConnections)
	return h
}

func (h *echoHarness) serve(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	echo, at := h.echo, h.at
	h.mu.Unlock()
	q := func(s string) string { return strconv.Quote(s) } // a JSON string for printable ASCII
	if !isPrintableASCII(echo) {
		q = func(s string) string { b, _ := json.Marshal(s); return string(b) }
	}
	switch at {
	case inEnvelope:
		writeJSON(w, 401, fmt.Sprintf(`{"errors":[{"code":%s,"title":%s,"detail":%s,"source":{"pointer":%s,"parameter":%s},"meta":{%s:[%s]}}]}`,
			q(echo), q(echo), q("x"+echo), q("/"+echo), q(echo), q(echo), q(echo)))
	case inMessage:
		writeJSON(w, 422, `{"message":`+q(echo)+`,"success":false}`)
	case inHTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(503)
		_, _ = w.Write([]byte("<p>" + echo))
	case inRequestID:
		w.Header().Set("X-Request-Id", echo)
		writeJSON(w, 404, `{"errors":[{"code":"10005","title":"Resource not found"}]}`)
	case inSuccess:
		writeJSON(w, 200, `{"data":`+echo)
	case inLocation:
		w.Header().Set("Location", "/v2/rooms/"+roomID+"?k="+echo)
		w.WriteHeader(http.StatusFound)
	case inBareError:
		writeJSON(w, 400, `{"code":"10015","title":`+q(echo)+`,"detail":`+q(echo)+`}`)
	}
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// shownText is what one call against the harness showed: the error message
// and the values of the log records that carry server text.
type shownText struct {
	err  string
	logs []string // the "error" and "reason" values of the JSON records
}

// call makes one Rooms.Get with key against the harness answering echo at
// at, logging at Debug to a JSON and a text handler.
func (h *echoHarness) call(t testing.TB, key, echo string, at echoPlace) shownText {
	h.mu.Lock()
	h.echo, h.at = echo, at
	h.mu.Unlock()
	var jsonOut, textOut syncBuffer
	logger := slog.New(fanout{
		slog.NewJSONHandler(&jsonOut, &slog.HandlerOptions{Level: slog.LevelDebug}),
		slog.NewTextHandler(&textOut, &slog.HandlerOptions{Level: slog.LevelDebug})})
	clk := fakeclock.New(time.Now(), fakeclock.AutoSleep())
	// One transport for every call: a client of its own each would keep
	// its idle connections open until the process runs out of files.
	c, err := NewClient(WithAPIKey(key), WithBaseURL(h.srv.URL+"/v2"), WithLogger(logger), WithHTTPClient(h.hc),
		WithRetryPolicy(RetryPolicy{MaxRetries: 1, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}), withClock(clk))
	require.NoError(t, err)
	_, err = c.Rooms.Get(context.Background(), roomID, nil)
	require.Error(t, err, "the hostile server answers no success")
	out := shownText{err: err.Error()}
	require.NotEmpty(t, textOut.String(), "the text handler got the records too")
	sc := bufio.NewScanner(bytes.NewReader([]byte(jsonOut.String())))
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var rec map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		for _, k := range []string{"error", "reason"} {
			if v, ok := rec[k].(string); ok {
				out.logs = append(out.logs, v)
			}
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// leak names the first leak of key in what a call showed, or "".
func (s shownText) leak(key string) string {
	if l := leakIn(s.err, key, true); l != "" {
		return "Error(): " + l
	}
	for i, v := range s.logs {
		if l := leakIn(v, key, true); l != "" {
			return fmt.Sprintf("log value %d: %s", i, l)
		}
		// The value as each of slog's handlers writes it, from after its
		// opening quote: escaped and closed by its quote (a JSON record
		// ends with "}). A match must start in the value, not in the
		// closing syntax alone.
		var plain bytes.Buffer
		enc := json.NewEncoder(&plain)
		enc.SetEscapeHTML(false) // as slog's JSON handler writes strings
		_ = enc.Encode(v)
		js := strings.TrimSuffix(plain.String(), "\n")
		quoted := strconv.Quote(v)
		for _, w := range []struct{ text, close string }{{js[1:], "}"}, {quoted[1:], ""}} {
			if l := leakBefore(w.text+w.close, key, false, len(w.text)-1); l != "" {
				return fmt.Sprintf("log value %d as a handler writes it: %s", i, l)
			}
		}
	}
	return ""
}
