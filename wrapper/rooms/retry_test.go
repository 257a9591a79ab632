package rooms

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
)

// retryOp is one operation of the retry table and the route it uses.
type retryOp struct {
	name    string
	pattern string
	call    func(context.Context, *Client) error
}

func retryOps() []retryOp {
	return []retryOp{
		{"get", "GET /rooms/" + roomID, func(ctx context.Context, c *Client) error { _, err := c.Rooms.Get(ctx, roomID, nil); return err }},
		{"list", "GET /rooms", func(ctx context.Context, c *Client) error { _, err := c.Rooms.List(ctx, nil); return err }},
		{"create", "POST /rooms", func(ctx context.Context, c *Client) error {
			_, err := c.Rooms.Create(ctx, &RoomParams{UniqueName: Ptr("r")})
			return err
		}},
		{"update", "PATCH /rooms/" + roomID, func(ctx context.Context, c *Client) error {
			_, err := c.Rooms.Update(ctx, roomID, &RoomParams{MaxParticipants: Ptr(5)})
			return err
		}},
		{"delete", "DELETE /rooms/" + roomID, func(ctx context.Context, c *Client) error { return c.Rooms.Delete(ctx, roomID) }},
		{"mute", "POST /room_sessions/" + sessionID + "/actions/mute", func(ctx context.Context, c *Client) error {
			return c.Sessions.Mute(ctx, sessionID, ParticipantsAction{Participants: AllParticipants})
		}},
		{"token", "POST /rooms/" + roomID + "/actions/generate_join_client_token", func(ctx context.Context, c *Client) error {
			_, err := c.Tokens.Generate(ctx, roomID, nil)
			return err
		}},
	}
}

// TestRetryTable checks, for each status and operation class, how many
// attempts are made (MaxRetries 2) and that the final error is the status's.
func TestRetryTable(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status       int
		createTries  int // POST /rooms
		otherTries   int // every other operation
		envelopeBody bool
	}{
		{408, 1, 3, false}, {429, 3, 3, true}, {500, 1, 3, true}, {502, 1, 3, false}, {503, 1, 3, true}, {504, 1, 3, false},
		{400, 1, 1, true}, {401, 1, 1, true}, {403, 1, 1, true}, {404, 1, 1, true}, {409, 1, 1, true}, {422, 1, 1, true},
		{501, 1, 1, true}, {505, 1, 1, false},
	}
	for _, tc := range cases {
		for _, op := range retryOps() {
			want := tc.otherTries
			if op.name == "create" {
				want = tc.createTries
			}
			t.Run(fmt.Sprintf("%d/%s", tc.status, op.name), func(t *testing.T) {
				t.Parallel()
				c, mux, _ := setup(t)
				var calls atomic.Int32
				mux.HandleFunc(op.pattern, func(w http.ResponseWriter, r *http.Request) {
					calls.Add(1)
					testHeaders(t, r)
					if tc.envelopeBody {
						// A normal JSON error body must not stop a retry (stripe-go does).
						writeJSON(w, tc.status, `{"errors":[{"code":"10000","title":"Oops"}]}`)
						return
					}
					w.WriteHeader(tc.status)
				})
				err := op.call(context.Background(), c)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.status, apiErr.StatusCode)
				assert.Equal(t, want, apiErr.Attempts)
				assert.EqualValues(t, want, calls.Load())
				if want > 1 {
					assert.Contains(t, err.Error(), "after "+strconv.Itoa(want)+" attempts")
				}
			})
		}
	}
}

// TestRetryRebuildsRequest checks that every attempt carries the whole body
// and the headers, and that success on a later attempt is success.
func TestRetryRebuildsRequest(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("PATCH /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		testHeaders(t, r)
		body, err := io.ReadAll(r.Body)
		assert.NoError(t, err)
		assert.JSONEq(t, `{"unique_name":"renamed","enable_recording":false}`, string(body), "attempt %d", n)
		if n < 3 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		writeJSON(w, 200, `{"data":`+roomJSON(roomID, "renamed")+`}`)
	})
	room, err := c.Rooms.Update(context.Background(), roomID, &RoomParams{UniqueName: Ptr("renamed"), EnableRecording: Ptr(false)})
	require.NoError(t, err)
	assert.Equal(t, "renamed", room.UniqueName)
	assert.EqualValues(t, 3, calls.Load())
}

// TestCreateNotRetriedOnceSent checks that a create whose connection dies
// after the server read it is sent exactly once, while a read is retried.
func TestCreateNotRetriedOnceSent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		op    retryOp
		tries int32
	}{{retryOps()[2], 1}, {retryOps()[0], 3}} {
		t.Run(tc.op.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var calls atomic.Int32
			mux.HandleFunc(tc.op.pattern, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				_, _ = io.ReadAll(r.Body)
				conn, _, err := http.NewResponseController(w).Hijack()
				if assert.NoError(t, err) {
					_ = conn.Close()
				}
			})
			err := tc.op.call(context.Background(), c)
			require.Error(t, err)
			assert.ErrorAs(t, err, new(*url.Error))
			assert.Equal(t, tc.tries, calls.Load())
		})
	}
}

// TestCreateRetriedWhenNeverSent checks that a dial failure is retried for
// create too, and that the attempts are logged.
func TestCreateRetriedWhenNeverSent(t *testing.T) {
	t.Parallel()
	h := &recordHandler{}
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL("http://"+closedAddr(t)+"/v2"),
		WithRetryPolicy(fastRetry()), WithLogger(slog.New(h)))
	require.NoError(t, err)
	_, err = c.Rooms.Create(context.Background(), nil)
	require.Error(t, err)
	assert.ErrorAs(t, err, new(*url.Error))
	assert.Contains(t, err.Error(), "after 3 attempts")
	assert.Len(t, h.byLevel(slog.LevelDebug), 3)
	assert.Len(t, h.byLevel(slog.LevelWarn), 2)
}

// TestRetryAfter checks that Retry-After replaces the backoff, capped by
// MaxRetryAfter, and is reported on the final error.
func TestRetryAfter(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		header    string
		wantDelay time.Duration
		wantAfter time.Duration
	}{
		{"zero seconds", "0", 0, 0},
		{"seconds capped", "1", 5 * time.Millisecond, time.Second},
		{"date in the past", "Sun, 06 Nov 1994 08:49:37 GMT", 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := &recordHandler{}
			// An hour of backoff: the test only ends quickly if Retry-After is used.
			policy := RetryPolicy{MaxRetries: 1, BaseDelay: time.Hour, MaxDelay: time.Hour, MaxRetryAfter: 5 * time.Millisecond}
			c, mux, _ := setup(t, WithRetryPolicy(policy), WithLogger(slog.New(h)))
			mux.HandleFunc("GET /room_participants", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", tc.header)
				writeJSON(w, 429, `{"errors":[{"code":"10011","title":"Too many requests"}]}`)
			})
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // safety net only
			defer cancel()
			_, err := c.Participants.List(ctx, nil)
			require.ErrorIs(t, err, ErrRateLimited)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 2, apiErr.Attempts)
			assert.Equal(t, tc.wantAfter, apiErr.RetryAfter)
			warns := h.byLevel(slog.LevelWarn)
			require.Len(t, warns, 1)
			assert.Equal(t, tc.wantDelay, attr(warns[0], "delay").Duration())
			assert.Equal(t, "429 Too Many Requests", attr(warns[0], "reason").String())
		})
	}
}

// TestRetryStopsAtDeadline checks that a wait that would outlive ctx is not
// started: the real failure comes back at once.
func TestRetryStopsAtDeadline(t *testing.T) {
	t.Parallel()
	policy := RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxRetryAfter: time.Hour}
	c, mux, _ := setup(t, WithRetryPolicy(policy))
	var calls atomic.Int32
	mux.HandleFunc("GET /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "600")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := c.Rooms.Get(ctx, roomID, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.Equal(t, 10*time.Minute, apiErr.RetryAfter)
	assert.EqualValues(t, 1, calls.Load())
	assert.NoError(t, ctx.Err())
}

// TestRetryWaitWatchesContext checks that cancelling ctx ends the wait
// between attempts at once, and that both causes are reported.
func TestRetryWaitWatchesContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The Warn record is written just before the wait: cancel there.
	policy := RetryPolicy{MaxRetries: 2, BaseDelay: time.Hour, MaxDelay: time.Hour}
	c, mux, _ := setup(t, WithRetryPolicy(policy), WithLogger(slog.New(onWarn(cancel))))
	var calls atomic.Int32
	mux.HandleFunc("GET /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	_, err := c.Rooms.Get(ctx, roomID, nil)
	require.ErrorIs(t, err, context.Canceled)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.EqualValues(t, 1, calls.Load())
	assert.Equal(t, "rooms: GET /v2/rooms/"+roomID+": 503 Service Unavailable (context canceled while waiting to retry)", err.Error())
}

// onWarn is a slog.Handler that calls f on every Warn record.
type onWarn func()

func (f onWarn) Enabled(context.Context, slog.Level) bool { return true }
func (f onWarn) Handle(_ context.Context, r slog.Record) error {
	if r.Level == slog.LevelWarn {
		f()
	}
	return nil
}
func (f onWarn) WithAttrs([]slog.Attr) slog.Handler { return f }
func (f onWarn) WithGroup(string) slog.Handler      { return f }

// TestCancelledContextSendsNothing checks that a done ctx stops before the network.
func TestCancelledContextSendsNothing(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { t.Errorf("request sent with a cancelled ctx") })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Rooms.Get(ctx, roomID, nil)
	require.ErrorIs(t, err, context.Canceled)
}

// TestAttemptTimeout checks WithAttemptTimeout: a hung attempt is abandoned
// and retried for a read, but not for create. The attempt's time is up (on
// a fake clock) once the server holds the request, whatever the load.
func TestAttemptTimeout(t *testing.T) {
	t.Parallel()
	const timeout = 50 * time.Millisecond
	hang := func(clk *fakeclock.Clock, calls *atomic.Int32, okAfter int32) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			// Read the body: only then does the server notice the client leaving.
			_, _ = io.ReadAll(r.Body)
			if calls.Add(1) <= okAfter {
				clk.Advance(timeout)
				<-r.Context().Done()
				return
			}
			if r.Method == http.MethodPost {
				writeJSON(w, 201, `{"data":`+roomJSON(roomID, "a")+`}`)
				return
			}
			writeJSON(w, 200, `{"data":`+roomJSON(roomID, "a")+`}`)
		}
	}
	t.Run("get retried", func(t *testing.T) {
		t.Parallel()
		clk := fakeclock.New(time.Now(), fakeclock.AutoSleep())
		c, mux, _ := setup(t, withClock(clk), WithAttemptTimeout(timeout))
		var calls atomic.Int32
		mux.HandleFunc("GET /rooms/"+roomID, hang(clk, &calls, 1))
		start := clk.Now()
		room, err := c.Rooms.Get(context.Background(), roomID, nil)
		require.NoError(t, err)
		assert.Equal(t, roomID, room.ID)
		assert.EqualValues(t, 2, calls.Load())
		assert.Len(t, clk.Sleeps(), 1, "one wait, before the retry")
		assert.GreaterOrEqual(t, clk.Since(start), timeout)
	})
	t.Run("create not retried", func(t *testing.T) {
		t.Parallel()
		clk := fakeclock.New(time.Now(), fakeclock.AutoSleep())
		c, mux, _ := setup(t, withClock(clk), WithAttemptTimeout(timeout))
		var calls atomic.Int32
		mux.HandleFunc("POST /rooms", hang(clk, &calls, 1))
		_, err := c.Rooms.Create(context.Background(), nil)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.ErrorAs(t, err, new(*url.Error))
		assert.EqualValues(t, 1, calls.Load())
		assert.Empty(t, clk.Sleeps())
	})
	t.Run("a slow machine is not a timeout", func(t *testing.T) {
		t.Parallel()
		// The attempt takes as long as the server likes on the wall
		// clock: only the client's clock decides the timeout.
		clk := fakeclock.New(time.Now(), fakeclock.AutoSleep())
		c, mux, _ := setup(t, withClock(clk), WithAttemptTimeout(timeout))
		var calls atomic.Int32
		mux.HandleFunc("GET /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			clk.Advance(timeout - 1)
			writeJSON(w, 200, `{"data":`+roomJSON(roomID, "a")+`}`)
		})
		_, err := c.Rooms.Get(context.Background(), roomID, nil)
		require.NoError(t, err)
		assert.EqualValues(t, 1, calls.Load())
	})
}

// TestLoggingNeverShowsKey checks the Debug and Warn records and that no
// record, formatted in full, holds the key or the Authorization header.
func TestLoggingNeverShowsKey(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	h := &recordHandler{}
	text := slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})
	c, mux, _ := setup(t, WithLogger(slog.New(fanout{h, text})))
	var calls atomic.Int32
	mux.HandleFunc("GET /room_sessions/"+sessionID, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			writeJSON(w, 500, `{"errors":[{"code":"1","title":"Bearer `+testKey+`"}]}`)
			return
		}
		writeJSON(w, 200, `{"data":`+sessionJSON(sessionID)+`}`)
	})
	_, err := c.Sessions.Get(context.Background(), sessionID, nil)
	require.NoError(t, err)
	debug := h.byLevel(slog.LevelDebug)
	require.Len(t, debug, 2)
	for i, r := range debug {
		assert.Equal(t, "rooms: attempt", r.Message)
		assert.Equal(t, "GET", attr(r, "method").String())
		assert.Equal(t, apiPrefix+"/room_sessions/"+sessionID, attr(r, "path").String())
		assert.EqualValues(t, i+1, attr(r, "attempt").Int64())
		assert.EqualValues(t, []int64{500, 200}[i], attr(r, "status").Int64())
		assert.Equal(t, slog.KindDuration, attr(r, "duration").Kind())
	}
	warn := h.byLevel(slog.LevelWarn)
	require.Len(t, warn, 1)
	assert.Equal(t, "rooms: retrying", warn[0].Message)
	assert.NotContains(t, buf.String(), testKey)
	assert.NotContains(t, buf.String(), "Authorization")
}

// TestNoRetryOnCertificateError checks that a TLS certificate failure is not retried.
func TestNoRetryOnCertificateError(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the request passed an untrusted certificate")
	}))
	defer srv.Close()
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	h := &recordHandler{}
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL(srv.URL), WithRetryPolicy(fastRetry()), WithLogger(slog.New(h)))
	require.NoError(t, err)
	_, err = c.Rooms.List(context.Background(), nil)
	require.Error(t, err)
	assert.True(t, isCertError(err), "%v", err)
	assert.Len(t, h.byLevel(slog.LevelDebug), 1)
}

// TestBackoff checks the full-jitter bounds, the cap, and concurrent use.
func TestBackoff(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 1; n <= 70; n++ {
				ceil := min(time.Second, 100*time.Millisecond<<min(n-1, 20))
				for range 20 {
					d := p.backoff(n)
					assert.GreaterOrEqual(t, d, time.Duration(0))
					assert.LessOrEqual(t, d, ceil)
				}
			}
		}()
	}
	wg.Wait()
	// Full jitter spreads the delays: 200 draws below 1 s are not all equal.
	seen := map[time.Duration]bool{}
	for range 200 {
		seen[p.backoff(5)] = true
	}
	assert.Greater(t, len(seen), 100)
}

// TestParseRetryAfter checks both header forms and bad values.
func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3", 3 * time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"99999999999", 24 * time.Hour, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"", 0, false}, {"-1", 0, false}, {"soon", 0, false}, {"1.5", 0, false},
	}
	for _, tc := range cases {
		d, ok := parseRetryAfter(tc.in, now)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, d, tc.in)
	}
}

// TestRetryPolicyDefaults checks that zero delays take the defaults.
func TestRetryPolicyDefaults(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{MaxRetries: 5}.withDefaults()
	d := DefaultRetryPolicy()
	assert.Equal(t, RetryPolicy{MaxRetries: 5, BaseDelay: d.BaseDelay, MaxDelay: d.MaxDelay, MaxRetryAfter: d.MaxRetryAfter}, p)
	assert.Equal(t, 30*time.Second, p.delay(1, time.Hour, true))
	assert.Equal(t, 2*time.Second, p.delay(1, 2*time.Second, true))
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a handler.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// fanout sends every record to several handlers.
type fanout []slog.Handler

func (f fanout) Enabled(ctx context.Context, l slog.Level) bool { return true }
func (f fanout) Handle(ctx context.Context, r slog.Record) error {
	var errs []error
	for _, h := range f {
		errs = append(errs, h.Handle(ctx, r.Clone()))
	}
	return errors.Join(errs...)
}
func (f fanout) WithAttrs([]slog.Attr) slog.Handler { return f }
func (f fanout) WithGroup(string) slog.Handler      { return f }
