package rooms

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
)

// canaryKey is the distinctive API key of the leak sweep.
const canaryKey = "KEY-canary-7d1e5c3a9b2f4e6d8c0a42"

// leakWindow: any run of this many consecutive characters of the key counts
// as a leak, so that a key cut by a length bound is caught too.
const leakWindow = 10

// leakAt returns the offset in s of a piece of canaryKey, or -1.
func leakAt(s string) int {
	for i := 0; i+leakWindow <= len(canaryKey); i++ {
		if at := strings.Index(s, canaryKey[i:i+leakWindow]); at >= 0 {
			return at
		}
	}
	return -1
}

// noLeak fails the test when s holds a piece of the key. The message names
// where, never what: the failure output must not show the key either.
func noLeak(t *testing.T, what, s string) {
	t.Helper()
	if at := leakAt(s); at >= 0 {
		t.Errorf("%s holds the API key (at byte %d of %d)", what, at, len(s))
	}
}

// noLeakValue checks v under every fmt verb a user might log it with.
func noLeakValue(t *testing.T, what string, v any) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		noLeak(t, what+" formatted with "+verb, fmt.Sprintf(verb, v))
	}
}

// noLeakError checks err, every error of its chain, and the fields of the
// package's error types.
func noLeakError(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	noLeak(t, what+": Error()", err.Error())
	noLeakValue(t, what, err)
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		noLeakValue(t, what+": *APIError fields", *apiErr)
	}
	var de *DecodeError
	if errors.As(err, &de) {
		noLeakValue(t, what+": *DecodeError fields", *de)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		noLeakValue(t, what+": *url.Error fields", *ue)
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		noLeakError(t, what+" (unwrapped)", u.Unwrap())
	case interface{ Unwrap() []error }:
		for i, e := range u.Unwrap() {
			noLeakError(t, fmt.Sprintf("%s (unwrapped %d)", what, i), e)
		}
	}
}

// isA reports whether err has an error of type T in its chain.
func isA[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

// echoServer is a hostile API: it copies the Authorization header it
// receives into every place a server can put text (error bodies, success
// bodies, X-Request-Id and other headers, redirect locations). GET
// /v2/rooms/{id} picks its behaviour by the id's number (uuidN).
//
// Case 11 holds the request until the client leaves, after moving clk by
// echoTimeout: the attempt timeout of a client on clk fires while the server
// holds its request, however busy the machine.
func echoServer(t *testing.T, other string, clk *fakeclock.Clock) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	echoHeaders := func(w http.ResponseWriter, auth string) {
		w.Header().Set("X-Request-Id", auth)
		w.Header().Set("X-Echo", auth)
	}
	envelope := func(auth string) string {
		return fmt.Sprintf(`{"errors":[{"code":%q,"title":%q,"detail":%q,"source":{"pointer":%q,"parameter":%q},`+
			`"meta":{%q:{"nested":[%q]}}}]}`, auth, "Bad key "+auth, "key "+auth+" refused", "/"+auth, auth, auth, auth)
	}
	mux.HandleFunc("GET /v2/rooms/{id}", func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		echoHeaders(w, auth)
		id := r.PathValue("id")
		n, _ := strconv.Atoi(strings.TrimLeft(id[len(id)-12:], "0"))
		switch {
		case n >= 400:
			w.Header().Set("Retry-After", "0")
			writeJSON(w, n, envelope(auth))
		case n == 1: // an HTML page with the key right where the snippet is cut
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, strings.Repeat("x", snippetMax-12)+auth+" "+auth)
		case n == 2: // a bare error object (decision D5)
			writeJSON(w, 404, fmt.Sprintf(`{"code":%q,"title":%q,"detail":%q}`, auth, auth, auth))
		case n == 3: // a date that is the key: encoding/json quotes the value in its error
			writeJSON(w, 200, fmt.Sprintf(`{"data":{"id":%q,"created_at":%q}}`, id, auth))
		case n == 4: // an HTML 200 with the key at the snippet bound
			writeJSON(w, 200, strings.Repeat("<", snippetMax-5)+auth)
		case n == 5: // a body cut short
			w.Header().Set("Content-Length", "10000")
			w.WriteHeader(200)
			_, _ = io.WriteString(w, `{"data":{"id":"`+auth)
			_ = http.NewResponseController(w).Flush()
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				_ = conn.Close()
			}
		case n == 6: // an id that is the key
			writeJSON(w, 200, fmt.Sprintf(`{"data":{"id":%q}}`, "urn:uuid:"+auth))
		case n == 7: // a redirect loop whose location carries the key
			http.Redirect(w, r, "/v2/rooms/"+id+"?k="+url.QueryEscape(auth)+"&n="+strconv.Itoa(len(r.URL.RawQuery)), http.StatusFound)
		case n == 8: // a location that does not parse and carries the key
			w.Header().Set("Location", "http://[::1"+auth+"/")
			w.WriteHeader(http.StatusFound)
		case n == 9: // a redirect to another host, which echoes what it got
			http.Redirect(w, r, other+"/echo?k="+url.QueryEscape(auth), http.StatusTemporaryRedirect)
		case n == 10: // the connection dies after the request was read
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				_ = conn.Close()
			}
		case n == 11: // too slow: the attempt timeout fires
			clk.Advance(echoTimeout)
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		default: // success, the key only in headers: a success body is the API's data, returned as it is
			writeJSON(w, 200, `{"data":`+roomJSON(id, "ok")+`}`)
		}
	})
	mux.HandleFunc("GET /v2/rooms", func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		echoHeaders(w, auth)
		if r.URL.Query().Get("page[number]") == "2" {
			writeJSON(w, 500, envelope(auth))
			return
		}
		writeJSON(w, 200, pageJSON([]string{roomJSON(uuidN(1), "one")}, 1, 1, 2, 2))
	})
	mux.HandleFunc("/v2/", func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		echoHeaders(w, auth)
		writeJSON(w, 422, envelope(auth))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// echoTimeout is the attempt timeout of TestKeyNeverLeaks, on a fake clock.
const echoTimeout = time.Minute

// TestKeyNeverLeaks drives every error path, the success values and the
// debug logger with a distinctive key against a server that echoes it, and
// checks that the key appears in no error, no formatted value, no log
// record and no panic.
func TestKeyNeverLeaks(t *testing.T) {
	t.Parallel()
	var seenByOther atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seenByOther.Store(r.Header.Get("Authorization") + "|")
		writeJSON(w, 401, `{"errors":[{"code":"10009","title":"got `+r.Header.Get("Authorization")+`"}]}`)
	}))
	defer other.Close()
	clk := fakeclock.New(time.Now(), fakeclock.AutoSleep())
	srv := echoServer(t, other.URL, clk)

	records := &recordHandler{}
	var text, jsonOut syncBuffer
	logger := slog.New(fanout{records,
		slog.NewTextHandler(&text, &slog.HandlerOptions{Level: slog.LevelDebug, AddSource: true}),
		slog.NewJSONHandler(&jsonOut, &slog.HandlerOptions{Level: slog.LevelDebug})})
	client := func(opts ...Option) *Client {
		base := []Option{WithAPIKey(canaryKey), WithBaseURL(srv.URL + "/v2"), WithLogger(logger),
			WithRetryPolicy(fastRetry()), withClock(clk), WithAttemptTimeout(echoTimeout)}
		c, err := NewClient(append(base, opts...)...)
		require.NoError(t, err)
		return c
	}
	c := client()
	for name, v := range map[string]any{"client": c, "Rooms": c.Rooms, "Sessions": c.Sessions,
		"Participants": c.Participants, "Tokens": c.Tokens} {
		noLeakValue(t, name, v)
	}

	ctx := context.Background()
	type call struct {
		name string
		c    *Client
		ctx  context.Context
		do   func(context.Context, *Client) (any, error)
		want func(error) bool // nil: the call succeeds
	}
	var (
		validation = isA[*ValidationError]
		apiError   = isA[*APIError]
		decode     = isA[*DecodeError]
		transport  = isA[*url.Error]
		redirect   = func(err error) bool { return errors.Is(err, ErrRedirectRefused) }
		deadline   = func(err error) bool { return errors.Is(err, context.DeadlineExceeded) }
		cancelled  = func(err error) bool { return errors.Is(err, context.Canceled) }
	)
	get := func(n int) func(context.Context, *Client) (any, error) {
		return func(ctx context.Context, c *Client) (any, error) { return c.Rooms.Get(ctx, uuidN(n), nil) }
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	short, cancelShort := context.WithTimeout(ctx, 30*time.Millisecond)
	defer cancelShort()
	calls := []call{
		{name: "validation: room id", want: validation, do: func(ctx context.Context, c *Client) (any, error) { return c.Rooms.Get(ctx, "nope", nil) }},
		{name: "validation: page size", want: validation, do: func(ctx context.Context, c *Client) (any, error) {
			return c.Rooms.List(ctx, &ListRoomsParams{ListOptions: ListOptions{PageSize: 1000}})
		}},
		{name: "validation: refresh token", want: validation, do: func(ctx context.Context, c *Client) (any, error) {
			return c.Tokens.Refresh(ctx, roomID, &RefreshTokenParams{})
		}},
		{name: "html at the snippet bound", want: apiError, do: get(1)},
		{name: "bare error object", want: apiError, do: get(2)},
		{name: "decode: date", want: decode, do: get(3)},
		{name: "decode: html 200", want: decode, do: get(4)},
		{name: "decode: cut short", want: decode, do: get(5)},
		{name: "decode: id", want: decode, do: get(6)},
		{name: "redirect loop", want: redirect, do: get(7)},
		{name: "redirect to a bad location", want: transport, do: get(8)},
		{name: "redirect to another host", want: apiError, do: get(9)},
		{name: "connection reset", want: transport, do: get(10)},
		{name: "attempt timeout", want: deadline, do: get(11)},
		{name: "success", do: get(12)},
		{name: "dial failure", want: transport, c: client(WithBaseURL("http://" + closedAddr(t) + "/v2")), do: get(12)},
		{name: "ctx cancelled before", ctx: done, do: get(12), want: cancelled},
		{name: "ctx deadline during a slow attempt", want: deadline, ctx: short, c: client(WithAttemptTimeout(0)), do: get(11)},
		{name: "no retries", want: apiError, c: client(WithRetryPolicy(RetryPolicy{})), do: get(503)},
		{name: "list", do: func(ctx context.Context, c *Client) (any, error) { return c.Rooms.List(ctx, nil) }},
		{name: "list page 2", want: apiError, do: func(ctx context.Context, c *Client) (any, error) {
			p, err := c.Rooms.List(ctx, nil)
			if err != nil {
				return p, err
			}
			return p.Next(ctx)
		}},
		{name: "list iterator", want: apiError, do: func(ctx context.Context, c *Client) (any, error) {
			var items []Room
			for r, err := range c.Rooms.ListIter(ctx, nil, WithPrefetch(2)) {
				if err != nil {
					return items, err
				}
				items = append(items, r)
			}
			return items, nil
		}},
		{name: "create", want: apiError, do: func(ctx context.Context, c *Client) (any, error) {
			return c.Rooms.Create(ctx, &RoomParams{UniqueName: Ptr("x")})
		}},
		{name: "update", want: apiError, do: func(ctx context.Context, c *Client) (any, error) { return c.Rooms.Update(ctx, roomID, &RoomParams{}) }},
		{name: "delete", want: apiError, do: func(ctx context.Context, c *Client) (any, error) { return nil, c.Rooms.Delete(ctx, roomID) }},
		{name: "token", want: apiError, do: func(ctx context.Context, c *Client) (any, error) { return c.Tokens.Generate(ctx, roomID, nil) }},
		{name: "mute", want: apiError, do: func(ctx context.Context, c *Client) (any, error) {
			return nil, c.Sessions.Mute(ctx, sessionID, ParticipantsAction{Participants: AllParticipants})
		}},
		{name: "participant", want: apiError, do: func(ctx context.Context, c *Client) (any, error) { return c.Participants.Get(ctx, partID) }},
	}
	for _, status := range []int{400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504} {
		calls = append(calls, call{name: fmt.Sprintf("status %d", status), do: get(status), want: apiError})
	}
	for _, tc := range calls {
		cl, cctx := tc.c, tc.ctx
		if cl == nil {
			cl = c
		}
		if cctx == nil {
			cctx = ctx
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					noLeak(t, tc.name+": panic", fmt.Sprint(r))
					t.Errorf("%s panicked", tc.name)
				}
			}()
			v, err := tc.do(cctx, cl)
			if tc.want == nil {
				assert.NoError(t, err, tc.name)
			} else {
				assert.True(t, tc.want(err), "%s: unexpected error %v", tc.name, err)
			}
			noLeakError(t, tc.name, err)
			noLeakValue(t, tc.name+": value", v)
		}()
	}
	assert.Equal(t, "|", seenByOther.Load(), "the other host got no Authorization header")

	// A nil ctx is a programming error: it panics, without the key.
	func() {
		defer func() {
			r := recover()
			require.NotNil(t, r, "a nil ctx panics")
			noLeak(t, "nil ctx panic", fmt.Sprint(r))
		}()
		//lint:ignore SA1012 a nil context on purpose
		_, _ = c.Rooms.Get(nil, roomID, nil) //nolint:staticcheck // a nil context on purpose
	}()

	records.mu.Lock()
	defer records.mu.Unlock()
	require.NotEmpty(t, records.records)
	for i, r := range records.records {
		what := fmt.Sprintf("log record %d (%s)", i, r.Message)
		noLeak(t, what, r.Message)
		r.Attrs(func(a slog.Attr) bool {
			noLeak(t, what+" attr "+a.Key, a.Value.Resolve().String())
			noLeakValue(t, what+" attr "+a.Key, a.Value.Resolve().Any())
			return true
		})
	}
	noLeak(t, "text log", text.String())
	noLeak(t, "JSON log", jsonOut.String())
	assert.Contains(t, text.String(), "level=DEBUG", "the sweep went through the debug logger")
	assert.Contains(t, text.String(), "level=WARN")
}

// TestKeyNeverLeaksOnTLSDowngrade checks the refused https→http redirect
// whose location carries the key.
func TestKeyNeverLeaksOnTLSDowngrade(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.1:1/v2/rooms?k="+url.QueryEscape(r.Header.Get("Authorization")), http.StatusFound)
	}))
	defer srv.Close()
	c, err := NewClient(WithAPIKey(canaryKey), WithBaseURL(srv.URL+"/v2"), WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	_, err = c.Rooms.List(context.Background(), nil)
	require.ErrorIs(t, err, ErrRedirectRefused)
	noLeakError(t, "https→http redirect", err)
}

// TestRedirectAuthorization checks where a redirect may take the
// Authorization header, beyond TestRedirects: never to a subdomain (which
// net/http alone would allow), nor to another port of the same host, nor
// with a POST body to another host; always back to the API host.
func TestRedirectAuthorization(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		method   string
		location string
		wantAuth bool
	}{
		{"same host", "GET", "https://api.telnyx.com/v2/other", true},
		{"subdomain", "GET", "https://evil.api.telnyx.com/v2/rooms", false},
		{"parent domain", "GET", "https://telnyx.com/v2/rooms", false},
		{"other port", "GET", "https://api.telnyx.com:8443/v2/rooms", false},
		{"other host with a POST body (307)", "POST", "https://elsewhere.example/v2/rooms", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var hops atomic.Int32
			var finalAuth atomic.Value
			rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				h := http.Header{"Content-Type": {"application/json"}}
				if hops.Add(1) == 1 {
					h.Set("Location", tc.location)
					return &http.Response{StatusCode: http.StatusTemporaryRedirect, Header: h, Body: http.NoBody, Request: r}, nil
				}
				if r.Body != nil {
					_, _ = io.Copy(io.Discard, r.Body)
				}
				finalAuth.Store(r.Header.Get("Authorization"))
				status, body := 200, `{"data":`+roomJSON(roomID, "x")+`}`
				if r.Method == http.MethodPost {
					status = 201
				}
				return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
			})
			c, err := NewClient(WithAPIKey(testKey), WithHTTPClient(&http.Client{Transport: rt}))
			require.NoError(t, err)
			if tc.method == http.MethodPost {
				_, err = c.Rooms.Create(context.Background(), &RoomParams{UniqueName: Ptr("r")})
			} else {
				_, err = c.Rooms.Get(context.Background(), roomID, nil)
			}
			if tc.method == http.MethodPost && !tc.wantAuth {
				// A 307 would re-send the body to the other host: refused
				// before anything is sent there (TestRedirectsWithBody).
				require.ErrorIs(t, err, ErrRedirectRefused)
				assert.EqualValues(t, 1, hops.Load(), "nothing reached %s", tc.location)
				return
			}
			require.NoError(t, err)
			assert.EqualValues(t, 2, hops.Load())
			if tc.wantAuth {
				assert.Equal(t, "Bearer "+testKey, finalAuth.Load())
			} else {
				assert.Empty(t, finalAuth.Load(), "Authorization went to %s", tc.location)
			}
		})
	}
}

// TestBaseURLLoopbackOnly adds to TestBaseURLRules the hosts that look like
// loopback but are not, and the other loopback forms.
func TestBaseURLLoopbackOnly(t *testing.T) {
	t.Parallel()
	cases := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.2:8080", true},              // all of 127/8 is loopback
		{"http://[::ffff:127.0.0.1]:8080", true},     // IPv4-mapped loopback
		{"HTTP://127.0.0.1:8080", true},              // the scheme is case-insensitive
		{"http://localhost.example.com", false},      // a name that merely starts with localhost
		{"http://127.0.0.1.nip.io", false},           // a name that resolves to loopback is not trusted
		{"http://0.0.0.0:8080", false},               // unspecified, not loopback
		{"http://10.0.0.1", false},                   // private, not loopback
		{"http://[::]:8080", false},                  // unspecified IPv6
		{"http://user@127.0.0.1", false},             // user info
		{"https://10.0.0.1", true},                   // https anywhere
		{"ws://127.0.0.1", false},                    // other schemes
		{"http://127.0.0.1:8080/v2?x=" + "1", false}, // a query
	}
	for _, tc := range cases {
		_, err := NewClient(WithAPIKey(testKey), WithBaseURL(tc.url))
		assert.Equal(t, tc.ok, err == nil, "%s: %v", tc.url, err)
		if !tc.ok {
			// The explicit opt-in allows plain http on any host, nothing else.
			_, err := NewClient(WithAPIKey(testKey), WithBaseURL(tc.url), WithInsecureHTTP())
			wantOK := strings.HasPrefix(tc.url, "http://") && !strings.Contains(tc.url, "@") && !strings.Contains(tc.url, "?")
			assert.Equal(t, wantOK, err == nil, "%s with WithInsecureHTTP: %v", tc.url, err)
		}
	}
}

// TestRedactHelpers checks the redaction of snippets (including a key cut by
// the length bound), of decoded meta, and of transport errors.
func TestRedactHelpers(t *testing.T) {
	t.Parallel()
	const key = "sk-0123456789abcdef"
	red := newRedactor(key)
	t.Run("snippet", func(t *testing.T) {
		cases := []struct {
			name, body, want string
		}{
			{"no key", "plain", "plain"},
			{"whole key", "a " + key + " b", "a " + redacted + " b"},
			// The key is redacted before the text is cut: the cut halves REDACTED, not the key.
			{"key across the bound", strings.Repeat("x", snippetMax-6) + key, strings.Repeat("x", snippetMax-6) + redacted[:6]},
			// Keys next to each other are one run of the key: one marker.
			{"keys next to each other", strings.Repeat(key, 80), redacted},
			{"piece of a key at the end", strings.Repeat("x", snippetMax-6) + key[:6], strings.Repeat("x", snippetMax-6)},
			{"invalid utf-8", "\xff" + key, "\uFFFD" + redacted},
		}
		for _, tc := range cases {
			got := snippetOf([]byte(tc.body), red)
			assert.Equal(t, tc.want, got, tc.name)
			assert.LessOrEqual(t, len(got), snippetMax, tc.name)
		}
		assert.Equal(t, "ab", snippetOf([]byte(" ab "), nil), "no key: only trimmed")
	})
	t.Run("meta", func(t *testing.T) {
		m := map[string]any{key: []any{"x" + key, 1.5, map[string]any{"k": key}}, "n": nil}
		got := red.redactMeta(m)
		assert.Equal(t, map[string]any{redacted: []any{"x" + redacted, 1.5, map[string]any{"k": redacted}}, "n": nil}, got)
		assert.Contains(t, m, key, "the original is not changed")
		assert.Nil(t, red.redactMeta(nil))
	})
	t.Run("scrub", func(t *testing.T) {
		clean := &url.Error{Op: "Get", URL: "https://x/v2", Err: context.DeadlineExceeded}
		assert.Same(t, clean, red.scrub(clean), "an error without the key is kept as it is")
		dirty := &url.Error{Op: "Get", URL: "https://x/v2?k=" + key, Err: context.DeadlineExceeded}
		got := red.scrub(dirty)
		var ue *url.Error
		require.ErrorAs(t, got, &ue)
		assert.Equal(t, "https://x/v2?k="+redacted, ue.URL)
		assert.ErrorIs(t, got, context.DeadlineExceeded, "a cause without the key is kept")
		inner := &url.Error{Op: "Get", URL: "https://x", Err: errors.New("bad location " + key)}
		got = red.scrub(inner)
		assert.Equal(t, `Get "https://x": bad location `+redacted, got.Error())
		assert.Nil(t, red.scrub(nil))
	})
}
