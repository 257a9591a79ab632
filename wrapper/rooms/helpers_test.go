package rooms

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey   = "KEY0123secret"
	roomID    = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	sessionID = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
	partID    = "5a1b7c3e-9d2f-4e8a-b6c4-1f2e3d4c5b6a"
	partID2   = "6b2c8d4f-0e3a-4f9b-87d5-2a3b4c5d6e7f"
	apiPrefix = "/v2"
)

// fastRetry is the retry policy of the tests: real backoff, tiny delays.
func fastRetry() RetryPolicy {
	return RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond}
}

// setup starts a loopback server whose API lives under /v2, as on
// api.telnyx.com, and a client pointed at it. Handlers are registered on mux
// with paths relative to /v2; any other request fails the test.
func setup(t *testing.T, opts ...Option) (*Client, *http.ServeMux, *httptest.Server) {
	t.Helper()
	mux := http.NewServeMux()
	root := http.NewServeMux()
	root.Handle(apiPrefix+"/", http.StripPrefix(apiPrefix, mux))
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request outside the API root: %s %s", r.Method, r.URL)
		http.Error(w, "outside the API root", http.StatusTeapot)
	})
	srv := httptest.NewServer(root)
	t.Cleanup(srv.Close)
	base := []Option{WithAPIKey(testKey), WithBaseURL(srv.URL + apiPrefix), WithRetryPolicy(fastRetry())}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c, mux, srv
}

// testHeaders checks the headers every request carries.
func testHeaders(t *testing.T, r *http.Request) {
	t.Helper()
	assert.Equal(t, "Bearer "+testKey, r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Equal(t, defaultUserAgent, r.Header.Get("User-Agent"))
}

// writeJSON answers status with body (a string or a value to marshal).
func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	switch b := body.(type) {
	case string:
		_, _ = io.WriteString(w, b)
	default:
		_ = json.NewEncoder(w).Encode(b)
	}
}

func roomJSON(id, name string) string {
	return fmt.Sprintf(`{"id":%q,"unique_name":%q,"max_participants":10,"enable_recording":false,`+
		`"active_session_id":null,"created_at":"2021-04-16T09:46:20.954863Z","updated_at":"2021-04-16T10:24:55.9622Z",`+
		`"webhook_event_url":null,"webhook_timeout_secs":null,"record_type":"room"}`, id, name)
}

func sessionJSON(id string) string {
	return fmt.Sprintf(`{"id":%q,"room_id":%q,"active":true,"created_at":"2021-04-16T09:46:20.954863Z",`+
		`"updated_at":"2021-04-16T09:46:20.954863Z","ended_at":null,"participants":[],"record_type":"room_session"}`, id, roomID)
}

func participantJSON(id, context string) string {
	return fmt.Sprintf(`{"id":%q,"session_id":%q,"context":%q,"joined_at":"2021-04-16T09:46:20.954863Z",`+
		`"updated_at":"2021-04-16T09:46:20.954863Z","left_at":null,"record_type":"room_participant"}`, id, sessionID, context)
}

func pageJSON(items []string, number, size, totalPages, totalResults int) string {
	return fmt.Sprintf(`{"data":[%s],"meta":{"page_number":%d,"page_size":%d,"total_pages":%d,"total_results":%d}}`,
		strings.Join(items, ","), number, size, totalPages, totalResults)
}

// uuidN returns a distinct UUID for each n.
func uuidN(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// recordHandler is a slog.Handler that keeps every record, for assertions.
type recordHandler struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *recordHandler) Enabled(_ context.Context, _ slog.Level) bool { return true }
func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r.Clone())
	return nil
}
func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordHandler) WithGroup(string) slog.Handler      { return h }

// byLevel returns the records of one level.
func (h *recordHandler) byLevel(l slog.Level) []slog.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []slog.Record
	for _, r := range h.records {
		if r.Level == l {
			out = append(out, r)
		}
	}
	return out
}

// attr returns the value of attribute key in r.
func attr(r slog.Record, key string) slog.Value {
	var v slog.Value
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == key {
			v = a.Value
			return false
		}
		return true
	})
	return v
}

// syncVal is a value written by a handler and read by the test.
type syncVal[T any] struct {
	mu sync.Mutex
	v  T
}

func (s *syncVal[T]) set(v T) { s.mu.Lock(); s.v = v; s.mu.Unlock() }
func (s *syncVal[T]) get() T  { s.mu.Lock(); defer s.mu.Unlock(); return s.v }
