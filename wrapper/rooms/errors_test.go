package rooms

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sentinels = []error{ErrNotFound, ErrUnauthorized, ErrRateLimited, ErrUnprocessable}

// TestAPIErrorStatuses checks every mapped status and a few unmapped ones:
// the sentinel matches, and the envelope, request id and path are kept.
func TestAPIErrorStatuses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status int
		want   error // nil: no sentinel matches
	}{
		{401, ErrUnauthorized}, {403, ErrUnauthorized}, {404, ErrNotFound}, {422, ErrUnprocessable}, {429, ErrRateLimited},
		{400, nil}, {409, nil}, {500, nil}, {503, nil},
	}
	for _, tc := range cases {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, WithRetryPolicy(RetryPolicy{}))
			mux.HandleFunc("GET /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Request-Id", "req-42")
				writeJSON(w, tc.status, `{"errors":[{"code":"10005","title":"Resource not found","detail":"The room was not found.",`+
					`"source":{"pointer":"/room_id","parameter":"room_id"},"meta":{"url":"https://developers.telnyx.com"}},{"code":"10006","title":"Second"}]}`)
			})
			_, err := c.Rooms.Get(context.Background(), roomID, nil)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, "GET", apiErr.Method)
			assert.Equal(t, apiPrefix+"/rooms/"+roomID, apiErr.Path)
			assert.Equal(t, "req-42", apiErr.RequestID)
			assert.Equal(t, 1, apiErr.Attempts)
			assert.Empty(t, apiErr.Body)
			require.Len(t, apiErr.Errors, 2)
			assert.Equal(t, ErrorDetail{Code: "10005", Title: "Resource not found", Detail: "The room was not found.",
				Pointer: "/room_id", Parameter: "room_id", Meta: map[string]any{"url": "https://developers.telnyx.com"}}, apiErr.Errors[0])
			for _, s := range sentinels {
				assert.Equal(t, s == tc.want, errors.Is(err, s), "errors.Is(%v)", s)
			}
			msg := err.Error()
			assert.Contains(t, msg, "GET /v2/rooms/"+roomID+": "+strconv.Itoa(tc.status))
			assert.Contains(t, msg, "Resource not found: The room was not found. [code 10005, parameter room_id, pointer /room_id] (and 1 more)")
			assert.Contains(t, msg, "(request id req-42)")
			assert.NotContains(t, msg, "\n")
		})
	}
}

// TestAPIErrorBodies checks bodies other than the documented envelope.
func TestAPIErrorBodies(t *testing.T) {
	t.Parallel()
	bigHTML := "<html><body>" + strings.Repeat("<p>Bad gateway é</p>\n", 200) + "</body></html>"
	cases := []struct {
		name       string
		status     int
		body       string
		wantErrors []ErrorDetail
		wantBody   string // prefix of APIError.Body
		wantInMsg  string
	}{
		{name: "bare error object (D5)", status: 404, body: `{"code":"10005","title":"Not found","detail":"gone"}`,
			wantErrors: []ErrorDetail{{Code: "10005", Title: "Not found", Detail: "gone"}}, wantInMsg: "Not found: gone [code 10005]"},
		{name: "numeric code", status: 422, body: `{"errors":[{"code":10015,"title":"Bad value","source":{"pointer":"/max_participants"}}]}`,
			wantErrors: []ErrorDetail{{Code: "10015", Title: "Bad value", Pointer: "/max_participants"}}, wantInMsg: "[code 10015, pointer /max_participants]"},
		{name: "html page", status: 502, body: bigHTML, wantBody: "<html><body><p>Bad gateway é</p>", wantInMsg: `body "<html><body><p>Bad gateway`},
		{name: "empty body", status: 500, body: "", wantInMsg: "500 Internal Server Error"},
		{name: "empty envelope", status: 400, body: `{"errors":[]}`, wantBody: `{"errors":[]}`},
		{name: "errors not a list", status: 400, body: `{"errors":"nope"}`, wantBody: `{"errors":"nope"}`},
		{name: "plain text with newlines", status: 418, body: "line one\nline two", wantBody: "line one\nline two", wantInMsg: `body "line one\nline two"`},
		{name: "invalid utf-8", status: 500, body: "bad \xff\xfe bytes", wantBody: "bad \uFFFD bytes"},
		{name: "multi-line detail", status: 422, body: `{"errors":[{"code":"1","title":"A","detail":"x\ny"}]}`,
			wantErrors: []ErrorDetail{{Code: "1", Title: "A", Detail: "x\ny"}}, wantInMsg: "A: x y [code 1]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, WithRetryPolicy(RetryPolicy{}))
			mux.HandleFunc("GET /room_participants/"+partID, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			})
			_, err := c.Participants.Get(context.Background(), partID)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.wantErrors, apiErr.Errors)
			assert.True(t, strings.HasPrefix(apiErr.Body, tc.wantBody), "body %q", apiErr.Body)
			assert.LessOrEqual(t, len(apiErr.Body), snippetMax)
			assert.NotContains(t, err.Error(), "\n")
			assert.Contains(t, err.Error(), tc.wantInMsg)
		})
	}
}

// TestAPIErrorRedactsKey checks that a server echoing the API key cannot get
// it into an error.
func TestAPIErrorRedactsKey(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`{"errors":[{"code":"10009","title":"Bad key ` + testKey + `","detail":"key ` + testKey + ` is not valid"}]}`,
		`<html>key ` + testKey + ` rejected</html>`,
	} {
		c, mux, _ := setup(t)
		mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 401, body) })
		_, err := c.Rooms.List(context.Background(), nil)
		require.ErrorIs(t, err, ErrUnauthorized)
		assert.NotContains(t, err.Error(), testKey)
		assert.Contains(t, err.Error(), "REDACTED")
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.NotContains(t, apiErr.Body, testKey)
		for _, d := range apiErr.Errors {
			assert.NotContains(t, d.Title+d.Detail, testKey)
		}
	}
}

// TestDecodeErrors checks 2xx answers whose body is not the contract's.
func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body string
		list bool
	}{
		{name: "empty", body: ""},
		{name: "whitespace", body: " \n"},
		{name: "truncated json", body: `{"data":{"id":"7b61621f-62e0`},
		{name: "html", body: "<html>maintenance</html>"},
		{name: "missing data", body: `{"result":"ok"}`},
		{name: "null data", body: `{"data":null}`},
		{name: "wrong type", body: `{"data":{"id":42}}`},
		{name: "bad uuid", body: `{"data":{"id":"nope"}}`},
		{name: "list without data", body: `{"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`, list: true},
		{name: "list meta page 0", body: `{"data":[],"meta":{"page_number":0,"page_size":20,"total_pages":0,"total_results":0}}`, list: true},
		{name: "list meta negative", body: `{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":-1,"total_results":0}}`, list: true},
		{name: "list data object", body: `{"data":{},"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`, list: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var calls syncVal[int]
			handler := func(w http.ResponseWriter, r *http.Request) {
				calls.set(calls.get() + 1)
				writeJSON(w, 200, tc.body)
			}
			mux.HandleFunc("GET /room_sessions/"+sessionID, handler)
			mux.HandleFunc("GET /room_sessions", handler)
			var err error
			if tc.list {
				_, err = c.Sessions.List(context.Background(), nil)
			} else {
				_, err = c.Sessions.Get(context.Background(), sessionID, nil)
			}
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 200, de.StatusCode)
			assert.Equal(t, "GET", de.Method)
			assert.True(t, strings.HasPrefix(de.Path, apiPrefix+"/room_sessions"))
			assert.Equal(t, strings.TrimSpace(tc.body), de.Snippet)
			assert.Error(t, errors.Unwrap(err))
			assert.Contains(t, err.Error(), "cannot decode 200 response")
			assert.NotContains(t, err.Error(), "\n")
			assert.Equal(t, 1, calls.get(), "a decode error is not retried")
		})
	}
}

// TestTruncatedBody checks a body cut short by the connection closing.
func TestTruncatedBody(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("GET /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"data":{"id":`)
		rc := http.NewResponseController(w)
		assert.NoError(t, rc.Flush())
		conn, buf, err := rc.Hijack()
		if assert.NoError(t, err) {
			_ = buf.Flush()
			_ = conn.Close()
		}
	})
	_, err := c.Rooms.Get(context.Background(), roomID, nil)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, `{"data":{"id":`, de.Snippet)
}

// TestMaxResponseBytes checks the success body limit, with a Content-Length
// (rejected before reading) and without one (chunked, read up to the limit).
func TestMaxResponseBytes(t *testing.T) {
	t.Parallel()
	body := `{"data":` + roomJSON(roomID, strings.Repeat("x", 500)) + `}`
	serve := func(chunked bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if chunked {
				_, _ = io.WriteString(w, body[:100])
				_ = http.NewResponseController(w).Flush()
				_, _ = io.WriteString(w, body[100:])
				return
			}
			_, _ = io.WriteString(w, body)
		}
	}
	for _, chunked := range []bool{false, true} {
		for _, limit := range []int{300, len(body) - 1, len(body)} {
			c, mux, _ := setup(t, WithMaxResponseBytes(int64(limit)))
			mux.HandleFunc("GET /rooms/"+roomID, serve(chunked))
			room, err := c.Rooms.Get(context.Background(), roomID, nil)
			if limit == len(body) {
				require.NoError(t, err, "a body of exactly the limit is accepted (chunked=%v)", chunked)
				assert.Equal(t, roomID, room.ID)
				continue
			}
			var de *DecodeError
			require.ErrorAs(t, err, &de, "chunked=%v limit=%d", chunked, limit)
			assert.ErrorIs(t, err, ErrResponseTooLarge)
			assert.Contains(t, err.Error(), "WithMaxResponseBytes")
		}
	}
}

// countingReader is an endless body that counts what was read from it.
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	r.n += int64(len(p))
	return len(p), nil
}

// TestBodiesAreBounded checks, on an endless body, that an error body is read
// up to 1 MiB (plus a bounded drain) and a success body up to its limit.
func TestBodiesAreBounded(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithAPIKey(testKey), WithMaxResponseBytes(1<<16))
	require.NoError(t, err)
	req, _ := http.NewRequest("GET", "https://api.telnyx.com/v2/rooms", nil)

	r := &countingReader{}
	apiErr := c.readAPIError(&http.Response{StatusCode: 500, Header: http.Header{}, Body: io.NopCloser(r)}, req)
	assert.LessOrEqual(t, r.n, int64(maxErrorBody+maxDrain+bytes.MinRead))
	assert.Len(t, apiErr.Body, snippetMax)

	r = &countingReader{}
	err = c.decode(&http.Response{StatusCode: 200, ContentLength: -1, Body: io.NopCloser(r)}, req, &dataEnvelope[Room]{})
	assert.ErrorIs(t, err, ErrResponseTooLarge)
	assert.LessOrEqual(t, r.n, int64(1<<16+1+bytes.MinRead))
}

// TestTransportErrorStaysWrapped checks that a connection failure keeps its
// *url.Error and *net.OpError.
func TestTransportErrorStaysWrapped(t *testing.T) {
	t.Parallel()
	addr := closedAddr(t)
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL("http://"+addr+"/v2"), WithRetryPolicy(RetryPolicy{}))
	require.NoError(t, err)
	_, err = c.Rooms.Get(context.Background(), roomID, nil)
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	var op *net.OpError
	require.ErrorAs(t, err, &op)
	assert.Equal(t, "dial", op.Op)
	assert.Contains(t, err.Error(), "rooms: GET /v2/rooms/"+roomID)
	assert.NotContains(t, err.Error(), testKey)
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// FuzzResponse feeds arbitrary bytes as the body of every kind of answer:
// the client must never panic and must return one of its documented errors.
func FuzzResponse(f *testing.F) {
	for _, s := range []string{"", "null", "[]", `"x"`, "{}", `{"data":[]}`, `{"data":{}}`, `{"errors":[null]}`,
		`{"errors":[{"code":{}}]}`, `{"code":null,"title":1}`, `{"data":[{"id":"` + roomID + `"}],"meta":{"page_number":1}}`,
		"\x00\xff<html>", strings.Repeat("[", 10000)} {
		for _, status := range []int{200, 201, 404, 500} {
			f.Add(status, []byte(s))
		}
	}
	c, err := NewClient(WithAPIKey(testKey))
	if err != nil {
		f.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "https://api.telnyx.com/v2/rooms", nil)
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 200 || status > 599 {
			return
		}
		resp := func() *http.Response {
			return &http.Response{StatusCode: status, Header: http.Header{}, ContentLength: -1, Body: io.NopCloser(bufio.NewReader(bytes.NewReader(body)))}
		}
		if status >= 300 {
			e := c.readAPIError(resp(), req)
			_ = e.Error()
			return
		}
		for _, out := range []any{&dataEnvelope[Room]{}, &listEnvelope[Session]{}, &actionEnvelope{}} {
			if err := c.decode(resp(), req, out); err != nil {
				_ = err.Error()
				var ae *APIError
				if _, action := out.(*actionEnvelope); action && errors.As(err, &ae) {
					// D44: an action answer with an error list reports that list.
					require.True(t, ae.saysSomething())
					continue
				}
				var de *DecodeError
				require.ErrorAs(t, err, &de)
			}
		}
	})
}
