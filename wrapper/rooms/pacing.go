package rooms

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// WithPacing makes the client pace its requests by the account's rate
// limit instead of running into 429 answers: from the rate-limit headers of
// every answer (see RateLimit) it learns what is left of the budget and
// when the window ends, and spreads its own share of what is left evenly
// over the rest of the window. A call waits, before each attempt, for its
// turn; the wait watches ctx and returns ctx.Err() once ctx is done, and
// lasts at most the retry policy's MaxRetryAfter (30 s by default): an
// attempt that has waited that long is sent anyway.
//
// Pacing needs no coordination between clients or processes that share an
// API key: the headers describe the account's budget, so each client sees
// what the others spend and takes its share of the rest. While the answers
// carry no rate-limit headers the client does not pace. The package
// documentation ("Rate limits and pacing") describes the algorithm and its
// limits.
func WithPacing(opts ...PacingOption) Option {
	return func(c *config) error {
		pc := pacingConfig{}
		for _, o := range opts {
			if o == nil {
				continue
			}
			if err := o(&pc); err != nil {
				return err
			}
		}
		c.pacing = &pc
		return nil
	}
}

// PacingOption configures WithPacing.
type PacingOption func(*pacingConfig) error

// pacingConfig is what the PacingOptions set.
type pacingConfig struct {
	reserve int
}

// PacingReserve leaves n requests of every window's budget unspent by this
// client, for other users of the API key that do not pace (an interactive
// tool, a process of another team). The default is 0. n must not be
// negative.
func PacingReserve(n int) PacingOption {
	return func(p *pacingConfig) error {
		if n < 0 {
			return fmt.Errorf("rooms: PacingReserve: %d is negative", n)
		}
		p.reserve = n
		return nil
	}
}

// paceMode is what a pacer knows about the budget.
type paceMode uint8

const (
	// paceFresh: no answer yet. One request at a time is sent (a probe)
	// until an answer says whether the API sends rate-limit headers.
	paceFresh paceMode = iota
	// paceOff: the last answer to a probe carried no rate-limit headers;
	// requests are not paced.
	paceOff
	// paceKnown: the current window is known (pacer.w). Once its end has
	// passed, one probe at a time is sent until an answer from a later
	// window arrives.
	paceKnown
)

// pacer spaces out the attempts of one Client (WithPacing). All its
// fields but clock, reserve, maxWait and turn are guarded by mu.
type pacer struct {
	clock   clock
	reserve int64
	maxWait time.Duration // the longest an attempt waits: RetryPolicy.MaxRetryAfter
	// turn holds one token while a goroutine is next in line: the other
	// callers queue on it, so only one of them waits on the clock at a time.
	turn chan struct{}

	mu        sync.Mutex
	mode      paceMode
	started   int64     // attempts admitted so far
	completed int64     // attempts finished (answered or failed) so far
	probing   bool      // a probe is in flight
	lastAdmit time.Time // when the latest attempt was admitted
	w         paceWindow
	// changed is cancelled (and replaced) when the pacer learns something
	// that may let the goroutine next in line go earlier.
	changed context.Context
	signal  context.CancelFunc
}

// paceWindow is what the answers of the current window said.
type paceWindow struct {
	// end is the earliest arrival plus x-ratelimit-reset of the window's
	// answers. The header is rounded up (D55), so the window ends by then.
	end time.Time
	// mark is the lowest, over the window's answers, of Remaining plus the
	// number of attempts that had finished before the answered one was
	// admitted, plus one. mark - started is a lower bound of what is left:
	// every attempt admitted after those finished may not be counted in
	// the answer's Remaining yet.
	mark int64
	// limit and low are the window's budget and the lowest Remaining seen:
	// limit - low is what every client of the key has spent in it.
	limit, low int64
	// own is how many of this client's answers in the window spent a unit
	// of the budget (every answer but a 429).
	own int64
}

// paceTicket is an admitted attempt; done takes it back.
type paceTicket struct {
	sent   time.Time // when the attempt was admitted
	before int64     // attempts finished before it was admitted
	probe  bool
}

func newPacer(clk clock, cfg pacingConfig, maxWait time.Duration) *pacer {
	p := &pacer{clock: clk, reserve: int64(cfg.reserve), maxWait: maxWait, turn: make(chan struct{}, 1)}
	p.changed, p.signal = context.WithCancel(context.Background())
	return p
}

// wait blocks until the next attempt may be sent, or ctx is done (then it
// returns ctx.Err()). An attempt that has waited maxWait is let go anyway,
// so that no header can hold a call longer than a Retry-After could.
// Every ticket wait returns must be given back to done.
func (p *pacer) wait(ctx context.Context) (paceTicket, error) {
	if err := ctx.Err(); err != nil {
		return paceTicket{}, err
	}
	wctx, cancel := p.clock.WithTimeout(ctx, p.maxWait)
	defer cancel()
	select {
	case p.turn <- struct{}{}:
		defer func() { <-p.turn }()
		for {
			p.mu.Lock()
			tk, d, ok := p.admitLocked(p.clock.Now())
			changed := p.changed
			p.mu.Unlock()
			if ok {
				return tk, nil
			}
			if p.pause(wctx, changed, d) != nil {
				break
			}
		}
	case <-wctx.Done():
	}
	if err := ctx.Err(); err != nil {
		return paceTicket{}, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.admitNowLocked(p.clock.Now(), false), nil
}

// pause waits d (with d < 0: until changed is done), or less when changed
// is done first; it returns ctx.Err() when ctx ends the wait.
func (p *pacer) pause(ctx, changed context.Context, d time.Duration) error {
	if d < 0 {
		select {
		case <-changed.Done():
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(changed, cancel)
	defer stop()
	_ = p.clock.Sleep(sctx, d)
	return ctx.Err()
}

// admitLocked admits an attempt at now, or says how long to wait before
// asking again (d < 0: until p.changed is done).
func (p *pacer) admitLocked(now time.Time) (tk paceTicket, d time.Duration, ok bool) {
	probe := false
	switch {
	case p.mode == paceOff:
	case p.mode == paceFresh || !now.Before(p.w.end):
		if p.probing {
			return paceTicket{}, -1, false
		}
		probe = true
	default:
		budget := p.budgetLocked()
		if budget < 1 {
			return paceTicket{}, p.w.end.Sub(now), false
		}
		// Spread what is left over the rest of the window: budget more
		// attempts after the last one, the gaps all equal, the last gap
		// ending with the window.
		gap := time.Duration(float64(p.w.end.Sub(p.lastAdmit)) / (budget + 1))
		if next := p.lastAdmit.Add(gap); now.Before(next) {
			return paceTicket{}, next.Sub(now), false
		}
	}
	return p.admitNowLocked(now, probe), 0, true
}

// admitNowLocked admits an attempt at now.
func (p *pacer) admitNowLocked(now time.Time, probe bool) paceTicket {
	p.probing = p.probing || probe
	p.started++
	p.lastAdmit = now
	return paceTicket{sent: now, before: p.completed, probe: probe}
}

// budgetLocked is how many more attempts this client may send in the
// current window: its share of what is left, less a margin for what the
// other clients of the key will have spent before it learns of it.
//
// The share s is the part of the window's spending that was this
// client's: for each of its attempts the others send about (1-s)/s. What
// they sent since this client's latest answer, and what they have in
// flight (about (1-s)/s times its own), is not in that answer yet: the
// margin is (1-s)/s times two plus the attempts it has in flight.
func (p *pacer) budgetLocked() float64 {
	left := float64(p.w.mark - p.started - p.reserve)
	spent := p.w.limit - p.w.low
	share := 1.0
	if spent > 0 && p.w.own < spent {
		share = float64(p.w.own) / float64(spent)
	}
	if share <= 0 {
		return 0
	}
	inFlight := float64(p.started - p.completed)
	return share * (left - (1-share)/share*(2+inFlight))
}

// done takes back a ticket of wait with the outcome of its attempt: the
// status of the answer (0 when none came) and its rate limit.
func (p *pacer) done(tk paceTicket, status int, rl RateLimit) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.completed++
	wake := tk.probe
	if tk.probe {
		p.probing = false
	}
	switch {
	case status == 0:
	case !rl.Known():
		// A window's answers all carry the headers; a probe's answer
		// without them says that the API (or what answers for it) does not
		// send them.
		if tk.probe || p.mode == paceFresh {
			p.mode = paceOff
			wake = true
		}
	default:
		wake = p.observeLocked(tk, status, rl) || wake
	}
	if wake {
		p.signal()
		p.changed, p.signal = context.WithCancel(context.Background())
	}
}

// observeLocked adds an answer's rate limit to what the pacer knows and
// reports whether that may let a waiting attempt go earlier.
func (p *pacer) observeLocked(tk paceTicket, status int, rl RateLimit) bool {
	mark := int64(rl.Remaining) + tk.before + 1
	spent := int64(0)
	if status != http.StatusTooManyRequests {
		spent = 1
	}
	// The answer's window ends after tk.sent + Reset - 1 s (Reset is
	// rounded up) and after tk.sent itself: once that is not before the
	// end of the known window, the answer is from a later one. Any other
	// answer is taken as one of the known window, which is never less
	// cautious.
	later := p.mode != paceKnown || !tk.sent.Before(p.w.end) ||
		!tk.sent.Add(rl.Reset-time.Second).Before(p.w.end)
	if later {
		p.mode = paceKnown
		p.w = paceWindow{end: rl.ResetAt, mark: mark, limit: int64(rl.Limit), low: int64(rl.Remaining), own: spent}
		return true
	}
	w := &p.w
	w.mark = min(w.mark, mark)
	w.low = min(w.low, int64(rl.Remaining))
	w.limit = int64(rl.Limit)
	w.own += spent
	if rl.ResetAt.Before(w.end) {
		w.end = rl.ResetAt
		return true
	}
	return false
}

// pacedAttempt is attempt n of req, after the pacer's wait when the client
// paces. The error is set only when ctx ended that wait; last is the
// failure of the previous attempt, if any, which the error then reports.
func (c *Client) pacedAttempt(ctx context.Context, req *http.Request, n int, class retryClass, out any, last error) (attemptResult, error) {
	if c.pacer == nil {
		return c.attempt(ctx, req, n, class, out), nil
	}
	tk, err := c.pacer.wait(ctx)
	if err != nil {
		if last != nil {
			return attemptResult{}, fmt.Errorf("%w (%w while pacing)", finalError(req, n-1, last), err)
		}
		return attemptResult{}, fmt.Errorf("rooms: %s %s: %w (while pacing)", req.Method, req.URL.Path, err)
	}
	res := c.attempt(ctx, req, n, class, out)
	c.pacer.done(tk, res.status, res.rate)
	return res, nil
}
