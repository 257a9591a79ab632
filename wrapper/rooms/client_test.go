package rooms

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNewClientAPIKey checks where the key comes from and the error without one.
func TestNewClientAPIKey(t *testing.T) {
	t.Run("none", func(t *testing.T) {
		t.Setenv(APIKeyEnv, "")
		_, err := NewClient()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "TELNYX_API_KEY")
		assert.Contains(t, err.Error(), "WithAPIKey")
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv(APIKeyEnv, " env-key ")
		srvClient, mux, _ := setup(t)
		c, err := NewClient(WithBaseURL(srvClient.BaseURL()))
		require.NoError(t, err)
		var got syncVal[string]
		mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) {
			got.set(r.Header.Get("Authorization"))
			writeJSON(w, 200, pageJSON(nil, 1, 20, 0, 0))
		})
		_, err = c.Rooms.List(context.Background(), nil)
		require.NoError(t, err)
		assert.Equal(t, "Bearer env-key", got.get())
	})
	t.Run("option wins", func(t *testing.T) {
		t.Setenv(APIKeyEnv, "env-key")
		c, err := NewClient(WithAPIKey("opt-key"))
		require.NoError(t, err)
		assert.Equal(t, []string{"Bearer opt-key"}, c.creds().header)
	})
	t.Run("empty option", func(t *testing.T) {
		_, err := NewClient(WithAPIKey("  "))
		require.Error(t, err)
	})
}

// TestBaseURLRules checks which base URLs are accepted.
func TestBaseURLRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		url      string
		insecure bool
		ok       bool
		server   string
	}{
		{"https://api.telnyx.com/v2", false, true, "https://api.telnyx.com/v2/"},
		{"https://api.telnyx.com/v2/", false, true, "https://api.telnyx.com/v2/"},
		{"https://proxy.example.com", false, true, "https://proxy.example.com/"},
		{"http://127.0.0.1:8080/v2", false, true, "http://127.0.0.1:8080/v2/"},
		{"http://localhost:8080", false, true, "http://localhost:8080/"},
		{"http://[::1]:8080", false, true, "http://[::1]:8080/"},
		{"http://api.example.com/v2", false, false, ""},
		{"http://api.example.com/v2", true, true, "http://api.example.com/v2/"},
		{"ftp://api.example.com", false, false, ""},
		{"api.telnyx.com/v2", false, false, ""},
		{"https://", false, false, ""},
		{"https://user:pass@api.telnyx.com/v2", false, false, ""},
		{"https://api.telnyx.com/v2?x=1", false, false, ""},
		{"https://api.telnyx.com/v2#frag", false, false, ""},
		{"://bad", false, false, ""},
	}
	for _, tc := range cases {
		opts := []Option{WithAPIKey(testKey), WithBaseURL(tc.url)}
		if tc.insecure {
			opts = append(opts, WithInsecureHTTP())
		}
		c, err := NewClient(opts...)
		if !tc.ok {
			assert.Error(t, err, tc.url)
			if err != nil {
				assert.NotContains(t, err.Error(), "pass", tc.url)
			}
			continue
		}
		require.NoError(t, err, tc.url)
		assert.Equal(t, tc.server, c.server, tc.url)
	}
	c, err := NewClient(WithAPIKey(testKey))
	require.NoError(t, err)
	assert.Equal(t, DefaultBaseURL, c.BaseURL())
}

// TestOptionErrors checks that options reject bad input.
func TestOptionErrors(t *testing.T) {
	t.Parallel()
	for name, opt := range map[string]Option{
		"nil http client":     WithHTTPClient(nil),
		"negative retries":    WithRetryPolicy(RetryPolicy{MaxRetries: -1}),
		"negative delay":      WithRetryPolicy(RetryPolicy{MaxRetries: 1, BaseDelay: -time.Second}),
		"negative timeout":    WithAttemptTimeout(-time.Second),
		"zero max response":   WithMaxResponseBytes(0),
		"user agent newline":  WithUserAgent("x\r\nX-Evil: 1"),
		"negative max delay":  WithRetryPolicy(RetryPolicy{MaxDelay: -1}),
		"negative retryafter": WithRetryPolicy(RetryPolicy{MaxRetryAfter: -1}),
	} {
		_, err := NewClient(WithAPIKey(testKey), opt)
		assert.Error(t, err, name)
	}
	_, err := NewClient(WithAPIKey(testKey), nil, WithLogger(nil))
	assert.NoError(t, err, "nil options and a nil logger are ignored")
}

// TestUserAgent checks WithUserAgent and that an empty one keeps the default.
func TestUserAgent(t *testing.T) {
	t.Parallel()
	for ua, want := range map[string]string{"myapp/2.0": "myapp/2.0", "": defaultUserAgent} {
		c, mux, _ := setup(t, WithUserAgent(ua))
		var got syncVal[string]
		mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) {
			got.set(r.Header.Get("User-Agent"))
			writeJSON(w, 200, pageJSON(nil, 1, 20, 0, 0))
		})
		_, err := c.Rooms.List(context.Background(), nil)
		require.NoError(t, err)
		assert.Equal(t, want, got.get())
	}
}

// TestWithHTTPClientIsCopied checks that the caller's *http.Client keeps its
// redirect policy, while the copy gets the safe one and keeps the transport.
func TestWithHTTPClientIsCopied(t *testing.T) {
	t.Parallel()
	var used atomic.Int32
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	hc := &http.Client{Transport: rt}
	c, mux, _ := setup(t, WithHTTPClient(hc))
	mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, pageJSON(nil, 1, 20, 0, 0)) })
	_, err := c.Rooms.List(context.Background(), nil)
	require.NoError(t, err)
	assert.EqualValues(t, 1, used.Load())
	assert.Nil(t, hc.CheckRedirect, "the caller's client is not modified")
	assert.NotNil(t, c.httpClient.CheckRedirect)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestRedirects checks that the Authorization header survives a redirect on
// the same host, is dropped on another host, and that https→http is refused.
func TestRedirects(t *testing.T) {
	t.Parallel()
	t.Run("same host keeps auth", func(t *testing.T) {
		t.Parallel()
		c, mux, _ := setup(t)
		mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, apiPrefix+"/rooms2", http.StatusTemporaryRedirect)
		})
		var auth syncVal[string]
		mux.HandleFunc("GET /rooms2", func(w http.ResponseWriter, r *http.Request) {
			auth.set(r.Header.Get("Authorization"))
			writeJSON(w, 200, pageJSON(nil, 1, 20, 0, 0))
		})
		_, err := c.Rooms.List(context.Background(), nil)
		require.NoError(t, err)
		assert.Equal(t, "Bearer "+testKey, auth.get())
	})
	t.Run("other host drops auth", func(t *testing.T) {
		t.Parallel()
		var auth syncVal[string]
		var hit atomic.Bool
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hit.Store(true)
			auth.set(r.Header.Get("Authorization"))
			writeJSON(w, 200, pageJSON(nil, 1, 20, 0, 0))
		}))
		defer other.Close()
		c, mux, _ := setup(t)
		mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/elsewhere", http.StatusFound)
		})
		_, err := c.Rooms.List(context.Background(), nil)
		require.NoError(t, err)
		assert.True(t, hit.Load())
		assert.Empty(t, auth.get())
	})
	t.Run("https to http refused", func(t *testing.T) {
		t.Parallel()
		plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.Errorf("followed a redirect to plain http")
		}))
		defer plain.Close()
		var calls atomic.Int32
		tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			http.Redirect(w, r, plain.URL+"/v2/rooms", http.StatusFound)
		}))
		defer tlsSrv.Close()
		c, err := NewClient(WithAPIKey(testKey), WithBaseURL(tlsSrv.URL+"/v2"), WithHTTPClient(tlsSrv.Client()), WithRetryPolicy(fastRetry()))
		require.NoError(t, err)
		_, err = c.Rooms.List(context.Background(), nil)
		require.ErrorIs(t, err, ErrRedirectRefused)
		assert.Contains(t, err.Error(), "from https to http")
		assert.EqualValues(t, 1, calls.Load(), "a refused redirect is not retried")
	})
	t.Run("redirect loop stops", func(t *testing.T) {
		t.Parallel()
		c, mux, _ := setup(t, WithRetryPolicy(RetryPolicy{}))
		mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, apiPrefix+"/rooms", http.StatusFound)
		})
		_, err := c.Rooms.List(context.Background(), nil)
		require.ErrorIs(t, err, ErrRedirectRefused)
	})
}

// TestRedirectsWithBody checks that a redirect never takes a request body
// to another host: a 307 or 308 to another host of a request with a body
// is refused and says why, before anything reaches that host, and is not
// retried; the same redirect on the same host is followed with the body and
// the key; 301, 302 and 303 drop the body (net/http turns the POST into a
// GET), so they are followed, without the key.
func TestRedirectsWithBody(t *testing.T) {
	t.Parallel()
	const refresh = "REFRESH-TOKEN-0123"
	type seen struct {
		method, auth, body string
	}
	cases := []struct {
		name      string
		status    int
		sameHost  bool
		refused   bool
		wantOther *seen // what the other host must see; nil: nothing
	}{
		{name: "307 to another host", status: http.StatusTemporaryRedirect, refused: true},
		{name: "308 to another host", status: http.StatusPermanentRedirect, refused: true},
		{name: "307 on the same host", status: http.StatusTemporaryRedirect, sameHost: true},
		{name: "308 on the same host", status: http.StatusPermanentRedirect, sameHost: true},
		{name: "301 to another host", status: http.StatusMovedPermanently, wantOther: &seen{method: "GET"}},
		{name: "302 to another host", status: http.StatusFound, wantOther: &seen{method: "GET"}},
		{name: "303 to another host", status: http.StatusSeeOther, wantOther: &seen{method: "GET"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var other syncVal[*seen]
			otherSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				other.set(&seen{method: r.Method, auth: r.Header.Get("Authorization"), body: string(b)})
				writeJSON(w, 401, `{"errors":[{"code":"10009","title":"Authentication failed"}]}`)
			}))
			defer otherSrv.Close()
			c, mux, _ := setup(t)
			var calls atomic.Int32
			path := "/rooms/" + roomID + "/actions/refresh_client_token"
			mux.HandleFunc("POST "+path, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				target := otherSrv.URL + "/stolen"
				if tc.sameHost {
					target = apiPrefix + path + "2"
				}
				http.Redirect(w, r, target, tc.status)
			})
			var same syncVal[*seen]
			mux.HandleFunc("POST "+path+"2", func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				same.set(&seen{method: r.Method, auth: r.Header.Get("Authorization"), body: string(b)})
				writeJSON(w, 201, `{"data":{"token":"t","token_expires_at":"2021-04-16T09:46:20Z"}}`)
			})
			_, err := c.Tokens.Refresh(context.Background(), roomID, &RefreshTokenParams{RefreshToken: refresh})
			switch {
			case tc.refused:
				require.ErrorIs(t, err, ErrRedirectRefused)
				assert.ErrorAs(t, err, new(*url.Error))
				assert.Contains(t, err.Error(), fmt.Sprintf("a %d redirect to another host (%s) would re-send the POST request's body there",
					tc.status, strings.TrimPrefix(otherSrv.URL, "http://")))
				assert.NotContains(t, err.Error(), refresh)
				assert.NotContains(t, err.Error(), testKey)
				assert.EqualValues(t, 1, calls.Load(), "a refused redirect is not retried")
				assert.Nil(t, other.get(), "nothing reached the other host")
			case tc.sameHost:
				require.NoError(t, err)
				got := same.get()
				require.NotNil(t, got)
				assert.Equal(t, "POST", got.method)
				assert.Equal(t, "Bearer "+testKey, got.auth)
				assert.Contains(t, got.body, refresh, "the body follows on the same host")
				assert.Nil(t, other.get())
			default:
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr, "the other host's answer")
				assert.Equal(t, 401, apiErr.StatusCode)
				assert.Equal(t, tc.wantOther, other.get(), "a GET without body or key")
			}
		})
	}
}

// TestConcurrentUse checks that one client serves many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	h := &recordHandler{}
	c, mux, _ := setup(t, WithLogger(slog.New(h)))
	var calls atomic.Int32
	mux.HandleFunc("GET /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 { // at most two failures: every Get succeeds within 3 attempts
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, 200, `{"data":`+roomJSON(roomID, "a")+`}`)
	})
	mux.HandleFunc("PATCH /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"data":`+roomJSON(roomID, "a")+`}`)
	})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if i%2 == 0 {
				_, err = c.Rooms.Get(context.Background(), roomID, nil)
			} else {
				_, err = c.Rooms.Update(context.Background(), roomID, &RoomParams{UniqueName: Ptr(strings.Repeat("n", i))})
			}
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
}

// TestConnectionsAreReused checks that bodies are drained and closed on every
// path (success, envelope error, HTML error, retry, 204) so that one
// keep-alive connection serves all the calls.
func TestConnectionsAreReused(t *testing.T) {
	t.Parallel()
	var calls, conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n := calls.Add(1); {
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case n == 1:
			writeJSON(w, 200, `{"data":`+roomJSON(roomID, "a")+`}`)
		case n == 2:
			writeJSON(w, 404, `{"errors":[{"code":"10005","title":"Not found"}]}`)
		case n <= 5:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte("<html>" + strings.Repeat("x", 20000) + "</html>"))
		default:
			writeJSON(w, 200, `{"data":`+roomJSON(roomID, "a")+`}`)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL(srv.URL+"/v2"), WithRetryPolicy(fastRetry()),
		WithHTTPClient(&http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}))
	require.NoError(t, err)
	ctx := context.Background()
	_, err = c.Rooms.Get(ctx, roomID, nil)
	require.NoError(t, err)
	_, err = c.Rooms.Get(ctx, roomID, nil)
	require.ErrorIs(t, err, ErrNotFound)
	_, err = c.Rooms.Get(ctx, roomID, nil) // 502, 502, 502: three attempts
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 3, apiErr.Attempts)
	require.NoError(t, c.Rooms.Delete(ctx, roomID))
	_, err = c.Rooms.Get(ctx, roomID, nil)
	require.NoError(t, err)
	assert.EqualValues(t, 7, calls.Load())
	assert.EqualValues(t, 1, conns.Load(), "every call reused the first connection")
}
