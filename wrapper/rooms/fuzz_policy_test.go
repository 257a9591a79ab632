package rooms

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
)

// FuzzRetryPolicy feeds arbitrary retry policies, Retry-After headers,
// attempt timeouts and response limits to the options and to a client that
// meets one 503 before a 200: nothing may panic; a negative value is refused
// with an error naming its field and nothing else is; every wait is within
// [0, MaxRetryWait] and within what the policy allows; the call succeeds
// exactly when the policy allows a retry and the limit the room's body.
// Waits run on a fake clock, so a 24-hour backoff takes no time.
func FuzzRetryPolicy(f *testing.F) {
	const maxI64 = int64(math.MaxInt64)
	f.Add(1, maxI64, maxI64, int64(0), "", int64(0), int64(0))                // the review's panic
	f.Add(1, maxI64, maxI64, maxI64, "99999999999", maxI64, maxI64)           // everything at the top
	f.Add(math.MaxInt, int64(1), int64(1), int64(1), "0", int64(1), int64(1)) // endless retries, a 1-byte limit
	f.Add(2, int64(500*time.Millisecond), int64(8*time.Second), int64(30*time.Second), "2", int64(time.Second), int64(16<<20))
	f.Add(1, int64(time.Hour), int64(time.Millisecond), int64(0), "Fri, 31 Dec 9999 23:59:59 GMT", int64(0), int64(300))
	f.Add(-1, int64(0), int64(0), int64(0), "", int64(0), int64(0))
	f.Add(1, int64(-1), int64(0), int64(0), "", int64(0), int64(0))
	f.Add(1, int64(0), int64(math.MinInt64), int64(0), "", int64(0), int64(0))
	f.Add(1, int64(0), int64(0), int64(-5), "-5", int64(-1), int64(-1))
	f.Add(0, int64(0), int64(0), int64(0), "1", int64(0), int64(0))

	room := `{"data":` + roomJSON(roomID, "fuzz") + `}`
	// The server answers the first request of every path 503 with the
	// Retry-After stored for the path, and then 200.
	var mu sync.Mutex
	calls := map[string]int{}
	retryAfters := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls[r.URL.Path]++
		n, ra := calls[r.URL.Path], retryAfters[r.URL.Path]
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", ra)
			writeJSON(w, 503, `{"errors":[{"code":"10007","title":"Unavailable"}]}`)
			return
		}
		writeJSON(w, 200, room)
	}))
	defer srv.Close()
	// One transport for every iteration: a client of its own each would
	// keep its idle connections open until the fuzzer runs out of files.
	hc := srv.Client()
	defer hc.CloseIdleConnections()
	seq := 0

	f.Fuzz(func(t *testing.T, maxRetries int, base, maxDelay, maxRetryAfter int64, retryAfter string, attemptTimeout, maxResponse int64) {
		p := RetryPolicy{MaxRetries: maxRetries, BaseDelay: time.Duration(base), MaxDelay: time.Duration(maxDelay),
			MaxRetryAfter: time.Duration(maxRetryAfter)}
		var cfg config
		err := WithRetryPolicy(p)(&cfg)
		wantErr := ""
		switch {
		case maxRetries < 0:
			wantErr = "MaxRetries"
		case base < 0:
			wantErr = "BaseDelay"
		case maxDelay < 0:
			wantErr = "MaxDelay"
		case maxRetryAfter < 0:
			wantErr = "MaxRetryAfter"
		}
		if (err != nil) != (wantErr != "") || err != nil && !strings.Contains(err.Error(), wantErr) {
			t.Fatalf("WithRetryPolicy(%+v) = %v, want an error naming %q", p, err, wantErr)
		}
		// backoff is defined for every policy and every retry number, even unclamped.
		for _, n := range []int{math.MinInt, -1, 0, 1, 2, 31, 32, 33, 63, 64, math.MaxInt} {
			if d := p.backoff(n); d < 0 {
				t.Fatalf("%+v: backoff(%d) = %v", p, n, d)
			}
		}
		if err != nil {
			return
		}
		q := cfg.retry.withDefaults()
		for _, d := range []time.Duration{q.BaseDelay, q.MaxDelay, q.MaxRetryAfter} {
			if d <= 0 || d > MaxRetryWait {
				t.Fatalf("%+v: clamped to %+v", p, q)
			}
		}

		// A header carries printable ASCII only, without the spaces
		// around it: keep what the client can receive.
		retryAfter = strings.TrimSpace(strings.Map(func(r rune) rune {
			if r < 0x20 || r > 0x7e {
				return -1
			}
			return r
		}, retryAfter))
		mu.Lock()
		seq++
		id := uuidN(seq)
		retryAfters["/v2/rooms/"+id] = retryAfter
		mu.Unlock()
		clk := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), fakeclock.AutoSleep())
		c, err := NewClient(WithAPIKey(testKey), WithBaseURL(srv.URL+"/v2"), WithHTTPClient(hc), withClock(clk),
			WithRetryPolicy(p), WithAttemptTimeout(time.Duration(attemptTimeout)), WithMaxResponseBytes(maxResponse))
		switch {
		case attemptTimeout < 0 || maxResponse <= 0:
			if err == nil {
				t.Fatalf("timeout %d, limit %d accepted", attemptTimeout, maxResponse)
			}
			return
		case err != nil:
			t.Fatalf("NewClient: %v", err)
		}
		start := clk.Now()
		_, err = c.Rooms.Get(context.Background(), id, nil)
		waits := clk.Sleeps()
		var apiErr *APIError
		switch {
		case maxRetries == 0:
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || len(waits) != 0 {
				t.Fatalf("no retries: %v after %v", err, waits)
			}
			return
		case len(waits) != 1:
			t.Fatalf("one 503, waits %v (err %v)", waits, err)
		case maxResponse < int64(len(room)):
			if !errors.Is(err, ErrResponseTooLarge) {
				t.Fatalf("limit %d: %v", maxResponse, err)
			}
		case err != nil:
			t.Fatalf("retried once: %v", err)
		}
		d := waits[0]
		limit := q.MaxDelay
		if ra, ok := parseRetryAfter(retryAfter, start); ok {
			limit = min(ra, q.MaxRetryAfter)
		}
		if d < 0 || d > limit || d > MaxRetryWait {
			t.Fatalf("%+v, Retry-After %q: waited %v, limit %v", p, retryAfter, d, limit)
		}
	})
}
