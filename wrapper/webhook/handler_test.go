package webhook

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder collects what the callbacks of a handler saw.
type recorder struct {
	mu     sync.Mutex
	events []string
	errs   []error
}

func (r *recorder) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, s)
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

func (r *recorder) logErr(_ *http.Request, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, err)
}

func post(t *testing.T, url string, header http.Header, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestHandlerOverHTTP(t *testing.T) {
	pub, priv := testKey(1)
	_, otherPriv := testKey(2)
	body := []byte(sessionStartedBody)
	failing := errors.New("database down")
	tests := []struct {
		name        string
		method      string
		header      http.Header
		body        []byte
		callbackErr error
		opts        []HandlerOption
		wantStatus  int
		wantSeen    []string
		wantErr     error // logged
	}{
		{name: "verified event", header: signedHeader(priv, testNow, body), body: body, wantStatus: http.StatusNoContent,
			wantSeen: []string{"any video.room.session.started", "started 7b61621f-62e0-4aad-ab11-9fd19e272e73"}},
		{name: "GET", method: http.MethodGet, wantStatus: http.StatusMethodNotAllowed},
		{name: "PUT", method: http.MethodPut, header: signedHeader(priv, testNow, body), body: body, wantStatus: http.StatusMethodNotAllowed},
		{name: "bad signature", header: signedHeader(otherPriv, testNow, body), body: body, wantStatus: http.StatusUnauthorized, wantErr: ErrSignatureMismatch},
		{name: "no headers", body: body, wantStatus: http.StatusUnauthorized, wantErr: ErrMissingHeader},
		{name: "too old", header: signedHeader(priv, testNow.Add(-DefaultTolerance-1e9), body), body: body, wantStatus: http.StatusUnauthorized, wantErr: ErrTooOld},
		{name: "too large", header: signedHeader(priv, testNow, body), body: body, opts: []HandlerOption{WithMaxBodyBytes(int64(len(body) - 1))},
			wantStatus: http.StatusRequestEntityTooLarge},
		{name: "exactly the size limit", header: signedHeader(priv, testNow, body), body: body, opts: []HandlerOption{WithMaxBodyBytes(int64(len(body)))},
			wantStatus: http.StatusNoContent, wantSeen: []string{"any video.room.session.started", "started 7b61621f-62e0-4aad-ab11-9fd19e272e73"}},
		{name: "signed but malformed", header: signedHeader(priv, testNow, []byte(`{"data":7}`)), body: []byte(`{"data":7}`), wantStatus: http.StatusBadRequest, wantErr: ErrMalformedEvent},
		{name: "callback fails", header: signedHeader(priv, testNow, body), body: body, callbackErr: failing,
			wantStatus: http.StatusInternalServerError, wantSeen: []string{"any video.room.session.started"}, wantErr: failing},
		{name: "unknown event goes to Event and UnknownEvent callbacks",
			header: signedHeader(priv, testNow, wrap("video.room.new", "2026-03-04T05:06:07Z", `{"x":1}`)), body: wrap("video.room.new", "2026-03-04T05:06:07Z", `{"x":1}`),
			wantStatus: http.StatusNoContent, wantSeen: []string{"any video.room.new", `unknown {"x":1}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			opts := append([]HandlerOption{
				WithErrorLog(rec.logErr),
				On(func(_ context.Context, e Event) error {
					rec.add("any " + string(e.Common().Type))
					return tt.callbackErr
				}),
				On(func(_ context.Context, e *SessionStarted) error {
					rec.add("started " + e.Payload.SessionID)
					return nil
				}),
				On(func(_ context.Context, e *UnknownEvent) error {
					rec.add("unknown " + string(e.Payload))
					return nil
				}),
			}, tt.opts...)
			srv := httptest.NewServer(NewHandler(newTestVerifier(t, pub), opts...))
			defer srv.Close()

			method := tt.method
			if method == "" {
				method = http.MethodPost
			}
			req, err := http.NewRequest(method, srv.URL, bytes.NewReader(tt.body))
			require.NoError(t, err)
			for k, v := range tt.header {
				req.Header[k] = v
			}
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)
			answer, _ := io.ReadAll(resp.Body)
			resp.Body.Close()

			assert.Equal(t, tt.wantStatus, resp.StatusCode, string(answer))
			assert.Equal(t, tt.wantSeen, rec.seen())
			if tt.wantStatus == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, resp.Header.Get("Allow"))
			}
			if tt.wantErr != nil {
				require.Len(t, rec.errs, 1)
				assert.ErrorIs(t, rec.errs[0], tt.wantErr)
				assert.NotContains(t, string(answer), rec.errs[0].Error(), "the sender gets no detail")
			}
			assert.NotContains(t, string(answer), "room_id")
		})
	}
}

func TestHandlerDeduplicates(t *testing.T) {
	pub, priv := testKey(1)
	body := []byte(sessionStartedBody)
	var calls int
	var mu sync.Mutex
	fail := true
	h := NewHandler(newTestVerifier(t, pub), WithDeduplicator(NewMemoryDeduplicator()),
		On(func(context.Context, *SessionStarted) error {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if fail {
				fail = false
				return errors.New("try again")
			}
			return nil
		}))
	srv := httptest.NewServer(h)
	defer srv.Close()

	header := signedHeader(priv, testNow, body)
	status, _ := post(t, srv.URL, header, body)
	assert.Equal(t, http.StatusInternalServerError, status, "first delivery fails in the callback")
	status, _ = post(t, srv.URL, header, body)
	assert.Equal(t, http.StatusNoContent, status, "the redelivery is handled, since the failed one was released")
	status, _ = post(t, srv.URL, header, body)
	assert.Equal(t, http.StatusNoContent, status, "a duplicate is acknowledged")
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 2, calls, "the duplicate did not reach the callback")
}

// failingDedup is a shared store that is down.
type failingDedup struct{}

func (failingDedup) Claim(context.Context, string) (bool, error) {
	return false, errors.New("store down")
}
func (failingDedup) Release(context.Context, string) error { return nil }

func TestHandlerDedupStoreDown(t *testing.T) {
	pub, priv := testKey(1)
	body := []byte(sessionStartedBody)
	called := false
	srv := httptest.NewServer(NewHandler(newTestVerifier(t, pub), WithDeduplicator(failingDedup{}),
		On(func(context.Context, Event) error { called = true; return nil })))
	defer srv.Close()
	status, answer := post(t, srv.URL, signedHeader(priv, testNow, body), body)
	assert.Equal(t, http.StatusInternalServerError, status)
	assert.NotContains(t, answer, "store down")
	assert.False(t, called)
}

func TestNewHandlerNilVerifierPanics(t *testing.T) {
	assert.Panics(t, func() { NewHandler(nil) })
}

func TestHandlerWithoutCallbacksAcknowledges(t *testing.T) {
	pub, priv := testKey(1)
	body := []byte(strings.Replace(sessionStartedBody, "session.started", "session.ended", 1))
	srv := httptest.NewServer(NewHandler(newTestVerifier(t, pub)))
	defer srv.Close()
	status, _ := post(t, srv.URL, signedHeader(priv, testNow, body), body)
	assert.Equal(t, http.StatusNoContent, status)
}
