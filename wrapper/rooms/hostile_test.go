package rooms

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
)

// These tests face the client with a hostile server: bodies far larger than
// any real one, bodies that never end, invalid UTF-8 and deeply nested
// JSON. Each must end with a clear typed error (or, where the input is
// still valid JSON, a result) while the memory the client allocates stays
// bounded. They do not call t.Parallel, so that the allocation counts are
// not mixed with other tests'.

// allocated returns the bytes allocated on the heap while f ran (by every
// goroutine: the test server's writes are counted too).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const mib = 1 << 20

// endless writes chunk to w until the client goes away, flushing and
// pausing every between writes when every > 0 (a trickle).
func endless(w http.ResponseWriter, r *http.Request, chunk []byte, every time.Duration) {
	rc := http.NewResponseController(w)
	for {
		if _, err := w.Write(chunk); err != nil {
			return
		}
		if every > 0 {
			_ = rc.Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(every):
			}
		}
	}
}

// hostileServer serves handler under /v2 and returns a client for it
// without retries (the cases are about one answer).
func hostileServer(t *testing.T, handler http.HandlerFunc, opts ...Option) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	base := []Option{WithAPIKey(testKey), WithBaseURL(srv.URL + "/v2"), WithRetryPolicy(RetryPolicy{})}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// TestHugeAndEndlessBodies checks that no answer, however large or long,
// makes the client read or keep more than its limits: 16 MiB
// (DefaultMaxResponseBytes, or WithMaxResponseBytes) of a success body, 1
// MiB plus a 64 KiB drain of an error body.
func TestHugeAndEndlessBodies(t *testing.T) {
	chunk := []byte(strings.Repeat("x", 32<<10))
	cases := []struct {
		name    string
		handler http.HandlerFunc
		opts    []Option
		check   func(t *testing.T, err error)
		// maxHeap is generous: reading n bytes into a buffer that doubles
		// allocates up to 4n (every doubling, and one more to see that
		// byte n+1 exists), and the race detector doubles that: 10n.
		maxHeap uint64
		// timeoutAfter > 0: the attempt has a timeout, and its time is up
		// (on a fake clock) once the client has read that many bytes of
		// the body: the trickle is being read when the timeout fires,
		// however slowly the machine runs.
		timeoutAfter int
	}{
		{
			name: "success body announced at 1 GiB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", strconv.Itoa(1<<30))
				endless(w, r, chunk, 0)
			},
			check:   tooLarge,
			maxHeap: 1 * mib, // refused on the header: nothing is read
		},
		{
			name:    "endless success body, default limit",
			handler: func(w http.ResponseWriter, r *http.Request) { endless(w, r, chunk, 0) },
			check:   tooLarge,
			maxHeap: 10 * DefaultMaxResponseBytes,
		},
		{
			name:    "endless success body, 1 MiB limit",
			handler: func(w http.ResponseWriter, r *http.Request) { endless(w, r, chunk, 0) },
			opts:    []Option{WithMaxResponseBytes(mib)},
			check:   tooLarge,
			maxHeap: 10 * mib,
		},
		{
			name: "endless HTML error page",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				_, _ = w.Write([]byte("<html><body>"))
				endless(w, r, chunk, 0)
			},
			check: func(t *testing.T, err error) {
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, http.StatusBadGateway, apiErr.StatusCode)
				assert.Len(t, apiErr.Body, snippetMax)
				assert.Less(t, len(err.Error()), 2*snippetMax)
			},
			maxHeap: 10 * maxErrorBody,
		},
		{
			name: "error page announced at 1 GiB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", strconv.Itoa(1<<30))
				w.WriteHeader(http.StatusServiceUnavailable)
				endless(w, r, chunk, 0)
			},
			check: func(t *testing.T, err error) {
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
			},
			maxHeap: 10 * maxErrorBody,
		},
		{
			name: "success body that trickles forever",
			handler: func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(`{"data":`))
				endless(w, r, []byte(" "), time.Millisecond)
			},
			timeoutAfter: 16,
			check: func(t *testing.T, err error) {
				var de *DecodeError
				require.ErrorAs(t, err, &de)
				assert.ErrorIs(t, err, context.DeadlineExceeded)
				assert.Equal(t, `{"data":`, de.Snippet)
			},
			maxHeap: 1 * mib,
		},
		{
			name: "error body that trickles forever",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(`<html>`))
				endless(w, r, []byte("."), time.Millisecond)
			},
			timeoutAfter: 16,
			check: func(t *testing.T, err error) {
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, http.StatusInternalServerError, apiErr.StatusCode)
				assert.True(t, strings.HasPrefix(apiErr.Body, "<html>."), apiErr.Body)
			},
			maxHeap: 1 * mib,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			if tc.timeoutAfter > 0 {
				clk := fakeclock.New(time.Now())
				opts = append(opts, withClock(clk), WithAttemptTimeout(time.Minute),
					WithHTTPClient(&http.Client{Transport: timeUpAfter(clk, tc.timeoutAfter, time.Minute)}))
			}
			c := hostileServer(t, tc.handler, opts...)
			var err error
			heap := allocated(func() { _, err = c.Rooms.Get(context.Background(), roomID, nil) })
			require.Error(t, err)
			tc.check(t, err)
			assert.NotContains(t, err.Error(), "\n")
			assert.LessOrEqual(t, heap, tc.maxHeap, "heap allocated: %d MiB", heap/mib)
			t.Logf("heap allocated: %.1f MiB", float64(heap)/mib)
		})
	}
}

// timeUpAfter returns a transport that moves clk forward by d once the
// client has read n bytes of a response body.
func timeUpAfter(clk *fakeclock.Clock, n int, d time.Duration) http.RoundTripper {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := tr.RoundTrip(r)
		if err == nil {
			resp.Body = &triggerBody{ReadCloser: resp.Body, left: n, fire: func() { clk.Advance(d) }}
		}
		return resp, err
	})
}

// triggerBody calls fire once left bytes have been read from it.
type triggerBody struct {
	io.ReadCloser
	left int
	fire func()
}

func (b *triggerBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if b.left > 0 {
		if b.left -= n; b.left <= 0 {
			b.fire()
		}
	}
	return n, err
}

func tooLarge(t *testing.T, err error) {
	t.Helper()
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	require.ErrorIs(t, err, ErrResponseTooLarge)
	assert.Contains(t, err.Error(), "WithMaxResponseBytes")
	assert.LessOrEqual(t, len(de.Snippet), snippetMax)
}

// TestInvalidUTF8 checks that bytes that are not UTF-8 never reach an error
// message, a snippet or a decoded string as they are.
func TestInvalidUTF8(t *testing.T) {
	const bad = "\xff\xfe\xc3"
	cases := []struct {
		name    string
		status  int
		body    string
		header  string // X-Request-Id
		wantErr bool
	}{
		{name: "inside a string of a success body", status: 200, body: `{"data":` + strings.Replace(roomJSON(roomID, "NAME"), "NAME", "n"+bad+"x", 1) + `}`},
		{name: "outside strings of a success body", status: 200, body: `{"data":` + bad + `}`, wantErr: true},
		{name: "in an error envelope", status: 422, body: `{"errors":[{"code":"1` + bad + `","title":"t` + bad + `","detail":"d` + bad + `"}]}`, wantErr: true},
		{name: "in a non-JSON error body", status: 500, body: "<html>" + bad + "</html>", wantErr: true},
		{name: "in the request id header", status: 404, body: `{"errors":[{"code":"10005","title":"Not found"}]}`, header: "id-" + bad, wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.header != "" {
					w.Header()["X-Request-Id"] = []string{tc.header}
				}
				writeJSON(w, tc.status, tc.body)
			})
			room, err := c.Rooms.Get(context.Background(), roomID, nil)
			if !tc.wantErr {
				require.NoError(t, err)
				assert.Equal(t, "n\uFFFD\uFFFD\uFFFDx", room.UniqueName, "encoding/json replaces each invalid byte")
				return
			}
			require.Error(t, err)
			assert.True(t, utf8.ValidString(err.Error()), "%q", err.Error())
			var apiErr *APIError
			var de *DecodeError
			switch {
			case errors.As(err, &apiErr):
				assert.True(t, utf8.ValidString(apiErr.Body), "%q", apiErr.Body)
				assert.True(t, utf8.ValidString(apiErr.RequestID), "%q", apiErr.RequestID)
				for _, d := range apiErr.Errors {
					assert.True(t, utf8.ValidString(string(d.Code)+d.Title+d.Detail), "%+v", d)
				}
			case errors.As(err, &de):
				assert.True(t, utf8.ValidString(de.Snippet), "%q", de.Snippet)
			default:
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
		})
	}
}

// TestDeeplyNestedJSON checks answers nested far beyond any real one:
// encoding/json refuses more than 10,000 levels; below that, a nested error
// meta is kept, and the message stays short.
func TestDeeplyNestedJSON(t *testing.T) {
	nested := func(depth int, leaf string) string {
		return strings.Repeat(`{"a":`, depth) + leaf + strings.Repeat("}", depth)
	}
	cases := []struct {
		name    string
		status  int
		body    string
		check   func(t *testing.T, err error)
		maxHeap uint64
	}{
		{
			name:   "success body nested a million levels",
			status: 200,
			body:   `{"data":` + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + `}`,
			check: func(t *testing.T, err error) {
				var de *DecodeError
				require.ErrorAs(t, err, &de)
				assert.Contains(t, err.Error(), "exceeded max depth")
				assert.Len(t, de.Snippet, snippetMax)
			},
			maxHeap: 16 * mib,
		},
		{
			name:   "error meta nested 9,000 levels",
			status: 422,
			body:   `{"errors":[{"code":"10015","title":"Deep","meta":` + nested(9000, `"`+testKey+`"`) + `}]}`,
			check: func(t *testing.T, err error) {
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				require.Len(t, apiErr.Errors, 1)
				m := apiErr.Errors[0].Meta
				for range 8999 {
					m = m["a"].(map[string]any)
				}
				assert.Equal(t, redacted, m["a"], "redacted at the bottom too")
				assert.Less(t, len(err.Error()), 200)
			},
			maxHeap: 64 * mib,
		},
		{
			name:   "error body nested a million levels",
			status: 500,
			body:   `{"errors":[{"meta":` + nested(1_000_000, "1") + `}]}`,
			check: func(t *testing.T, err error) {
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Empty(t, apiErr.Errors, "not a Telnyx error: kept as a snippet")
				assert.Len(t, apiErr.Body, snippetMax)
			},
			maxHeap: 16 * mib,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, tc.status, tc.body) })
			var err error
			heap := allocated(func() { _, err = c.Rooms.Get(context.Background(), roomID, nil) })
			tc.check(t, err)
			assert.NotContains(t, err.Error(), testKey)
			assert.LessOrEqual(t, heap, tc.maxHeap, "heap allocated: %d MiB", heap/mib)
			t.Logf("heap allocated: %.1f MiB", float64(heap)/mib)
		})
	}
}

// TestHugeErrorFields checks that an error message stays short when the
// envelope's fields are huge (the fields themselves are kept whole).
func TestHugeErrorFields(t *testing.T) {
	huge := strings.Repeat("y", 128<<10) // 5 fields: the body stays under the 1 MiB read
	body := `{"errors":[{"code":"` + huge + `","title":"` + huge + `","detail":"` + huge + `",` +
		`"source":{"pointer":"/` + huge + `","parameter":"` + huge + `"}}]}`
	c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", strings.Repeat("r", 16<<10))
		writeJSON(w, 400, body)
	})
	_, err := c.Rooms.Get(context.Background(), roomID, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	require.Len(t, apiErr.Errors, 1)
	assert.Len(t, apiErr.Errors[0].Title, len(huge), "the field is kept whole")
	assert.LessOrEqual(t, len(err.Error()), 8*snippetMax, "but the message is bounded")
	assert.True(t, utf8.ValidString(err.Error()))
}
