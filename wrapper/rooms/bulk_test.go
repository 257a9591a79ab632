package rooms_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// bulkSetup is a rate-limited bulk run: Clients clients sharing one API key
// of a fake limited to Budget requests per Window, Goroutines goroutines
// sharing Calls mixed calls (goroutine g uses client g mod Clients).
type bulkSetup struct {
	Clients, Goroutines, Calls int
	Budget                     int
	Window                     time.Duration
	Paced                      bool
	// Now is the fake's clock (nil: the wall clock); Opts are added to
	// every client's options.
	Now  func() time.Time
	Opts []rooms.Option
}

// bulkResult is what a run did.
type bulkResult struct {
	OK, Failed int           // calls that succeeded, calls that returned an error
	TooMany    int           // 429 answers, retried ones included
	Requests   int           // answers of the fake
	Elapsed    time.Duration // from the first call to the end of the last, on the wall clock
	// Windows are the fake's windows the run used, in order: when each
	// opened (its first answer, on the fake's clock; x-ratelimit-remaining
	// is Budget-1 on it) and how many answers spent budget in it.
	Windows []bulkWindow
	Err     error // the first error of a call
}

// bulkWindow is one window of a bulk run.
type bulkWindow struct {
	Opened time.Time
	Spent  int
}

// steadyRate is the rate of calls over the run's whole windows: those
// answered from the opening of the first window to the opening of the last,
// per second of that time. A run's last window is left out: a fixed window
// grants its whole budget when it opens, so a batch that ends early in it
// would look faster than the limit. Zero with fewer than two windows.
func (r bulkResult) steadyRate() float64 {
	if len(r.Windows) < 2 {
		return 0
	}
	calls := 0
	for _, w := range r.Windows[:len(r.Windows)-1] {
		calls += w.Spent
	}
	return float64(calls) / r.Windows[len(r.Windows)-1].Opened.Sub(r.Windows[0].Opened).Seconds()
}

// maxSpent is the most budget spent in one window.
func (r bulkResult) maxSpent() int {
	n := 0
	for _, w := range r.Windows {
		n = max(n, w.Spent)
	}
	return n
}

// rateCounter counts what the fake answers.
type rateCounter struct {
	budget int
	now    func() time.Time
	mu     sync.Mutex
	res    bulkResult
}

func (c *rateCounter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&statusRecorder{ResponseWriter: w, c: c}, r)
	})
}

func (c *rateCounter) record(status int, h http.Header) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.res.Requests++
	if status == http.StatusTooManyRequests {
		c.res.TooMany++
		return
	}
	rem, err := strconv.Atoi(h.Get("X-Ratelimit-Remaining"))
	if err != nil {
		return
	}
	if rem == c.budget-1 || len(c.res.Windows) == 0 {
		c.res.Windows = append(c.res.Windows, bulkWindow{Opened: c.now()})
	}
	c.res.Windows[len(c.res.Windows)-1].Spent++
}

// statusRecorder hands the status and headers of an answer to a rateCounter.
type statusRecorder struct {
	http.ResponseWriter
	c    *rateCounter
	seen bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.seen {
		s.seen = true
		s.c.record(code, s.Header())
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if !s.seen {
		s.WriteHeader(http.StatusOK)
	}
	return s.ResponseWriter.Write(b)
}

// runBulk does one run of setup and reports what happened.
func runBulk(ctx context.Context, setup bulkSetup) (bulkResult, error) {
	now := setup.Now
	if now == nil {
		now = time.Now
	}
	fakeOpts := []roomstest.Option{roomstest.WithSeedData(), roomstest.WithRateLimit(setup.Budget, setup.Window)}
	if setup.Now != nil {
		fakeOpts = append(fakeOpts, roomstest.WithClock(setup.Now))
	}
	fake := roomstest.NewHandler(fakeOpts...)
	counter := &rateCounter{budget: setup.Budget, now: now}
	ts := httptest.NewServer(counter.wrap(fake.Handler()))
	defer ts.Close()
	defer fake.Close()

	tr := ts.Client().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = setup.Goroutines
	clients := make([]*rooms.Client, setup.Clients)
	for i := range clients {
		opts := []rooms.Option{
			rooms.WithAPIKey(roomstest.DefaultAPIKey), rooms.WithBaseURL(ts.URL + roomstest.BasePath),
			rooms.WithHTTPClient(&http.Client{Transport: tr}),
			// Enough retries for the naive run to finish its batch too.
			rooms.WithRetryPolicy(rooms.RetryPolicy{MaxRetries: 20, BaseDelay: 10 * time.Millisecond, MaxDelay: 100 * time.Millisecond}),
		}
		if setup.Paced {
			opts = append(opts, rooms.WithPacing())
		}
		c, err := rooms.NewClient(append(opts, setup.Opts...)...)
		if err != nil {
			return bulkResult{}, err
		}
		clients[i] = c
	}

	var (
		next, ok, failed atomic.Int64
		firstErr         error
		errOnce          sync.Once
		wg               sync.WaitGroup
	)
	start := time.Now()
	for g := range setup.Goroutines {
		c := clients[g%len(clients)]
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= setup.Calls {
					return
				}
				if err := bulkCall(ctx, c, i); err != nil {
					failed.Add(1)
					errOnce.Do(func() { firstErr = err })
					continue
				}
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	counter.mu.Lock()
	res := counter.res
	counter.mu.Unlock()
	res.OK, res.Failed, res.Elapsed, res.Err = int(ok.Load()), int(failed.Load()), elapsed, firstErr
	return res, nil
}

// bulkCall is call i of a bulk run: reads, lists and updates of the
// fake's seed data, in turn.
func bulkCall(ctx context.Context, c *rooms.Client, i int) error {
	var err error
	switch i % 5 {
	case 0:
		_, err = c.Rooms.Get(ctx, roomstest.SeedRoomID, nil)
	case 1:
		_, err = c.Rooms.List(ctx, nil)
	case 2:
		_, err = c.Rooms.Update(ctx, roomstest.SeedRoomID, &rooms.RoomParams{MaxParticipants: rooms.Ptr(10 + i%7)})
	case 3:
		_, err = c.Sessions.List(ctx, nil)
	case 4:
		_, err = c.Participants.List(ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("call %d: %w", i, err)
	}
	return nil
}

// BenchmarkRateLimitedBulk runs a batch of 600 mixed calls (3 windows'
// budget) from 64 goroutines over 4 Clients that share one API key of a
// fake limited to 200 requests per second, without pacing (naive) and with
// WithPacing (paced). One op is one batch. Metrics:
//
//   - 429s/op: 429 answers per batch, retried ones included;
//   - rate%: completed calls per second as a percentage of the allowed
//     rate (200/s), over the batch's whole windows (see steadyRate);
//   - calls/s: completed calls per second of wall time, first call to last.
func BenchmarkRateLimitedBulk(b *testing.B) {
	for _, paced := range []bool{false, true} {
		name := "naive"
		if paced {
			name = "paced"
		}
		b.Run(name, func(b *testing.B) {
			setup := bulkSetup{Clients: 4, Goroutines: 64, Calls: 600, Budget: 200, Window: time.Second, Paced: paced}
			var ok, tooMany int
			var elapsed time.Duration
			var rate float64
			for b.Loop() {
				res, err := runBulk(b.Context(), setup)
				if err != nil {
					b.Fatal(err)
				}
				if res.Failed > 0 {
					b.Fatalf("%d calls failed, the first: %v", res.Failed, res.Err)
				}
				ok += res.OK
				tooMany += res.TooMany
				elapsed += res.Elapsed
				rate += res.steadyRate()
			}
			allowed := float64(setup.Budget) / setup.Window.Seconds()
			b.ReportMetric(float64(tooMany)/float64(b.N), "429s/op")
			b.ReportMetric(100*rate/float64(b.N)/allowed, "rate%")
			b.ReportMetric(float64(ok)/elapsed.Seconds(), "calls/s")
		})
	}
}

// TestRateLimitedBulk checks what BenchmarkRateLimitedBulk measures, on a
// smaller batch: the paced run gets no 429 and never spends more than a
// window's budget, on the wall clock (a real 1 s window, 4 clients of 16
// goroutines each sending about once every 40 ms: a wide margin over the
// loopback latency) and on a fake clock; the naive run on the fake clock
// gets 429s (the clock stands still until a retry waits) and still
// completes every call.
func TestRateLimitedBulk(t *testing.T) {
	tests := []struct {
		name     string
		paced    bool
		fakeTime bool
	}{
		{"paced, wall clock", true, false},
		{"paced, fake clock", true, true},
		{"naive, fake clock", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setup := bulkSetup{Clients: 4, Goroutines: 64, Calls: 150, Budget: 100, Window: time.Second, Paced: tt.paced}
			if tt.fakeTime {
				clk := fakeclock.New(time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC), fakeclock.AutoSleep())
				setup.Now = clk.Now
				setup.Opts = []rooms.Option{rooms.WithClock(clk)}
			}
			res, err := runBulk(t.Context(), setup)
			require.NoError(t, err)
			require.NoError(t, res.Err)
			assert.Equal(t, 150, res.OK)
			assert.Equal(t, res.OK+res.TooMany, res.Requests)
			if tt.paced {
				assert.Zero(t, res.TooMany, "paced: no 429")
				assert.LessOrEqual(t, res.maxSpent(), 100)
				assert.GreaterOrEqual(t, len(res.Windows), 2)
			} else {
				assert.Positive(t, res.TooMany, "naive: 429s")
			}
		})
	}
}

// BenchmarkPacingOverhead is what WithPacing adds to a call when the
// budget is far from spent (a fake allowing math.MaxInt32 requests an
// hour, so that no wait is longer than a microsecond or two): Rooms.Get of
// a seed room without and with pacing, from one goroutine.
func BenchmarkPacingOverhead(b *testing.B) {
	fake := roomstest.NewServer(roomstest.WithSeedData(), roomstest.WithRateLimit(math.MaxInt32, time.Hour))
	b.Cleanup(fake.Close)
	for _, paced := range []bool{false, true} {
		name := "off"
		var opts []rooms.Option
		if paced {
			name = "on"
			opts = append(opts, rooms.WithPacing())
		}
		b.Run(name, func(b *testing.B) {
			c, err := fake.Client(opts...)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Rooms.Get(b.Context(), roomstest.SeedRoomID, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
