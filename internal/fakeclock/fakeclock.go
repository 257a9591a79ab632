// Package fakeclock is a clock that tests move by hand. It implements the
// time seam of wrapper/rooms (Now, Sleep, WithTimeout), so that a test
// decides when a retry wait ends and when an attempt times out instead of
// racing real work against a wall-clock budget.
//
// Time stands still until Advance moves it (or, with AutoSleep, until a
// Sleep does). Timers fire in deadline order, inside the call that moved
// time past them. WaitTimers lets a test wait, on an event rather than a
// sleep, until the code under test has started a timer.
//
// It is test infrastructure: wrapper/rooms never links it.
package fakeclock

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"
)

// Clock is a fake clock, safe for concurrent use. Create one with New.
type Clock struct {
	mu        sync.Mutex
	now       time.Time
	timers    []*timer // pending, in no particular order
	nextID    uint64
	autoSleep bool
	sleeps    []time.Duration
	// changed is closed and replaced whenever a timer is added.
	changed chan struct{}
}

// Option configures a Clock.
type Option func(*Clock)

// AutoSleep makes Sleep move the clock forward by its duration itself and
// return at once (firing every timer it passes), instead of waiting for
// Advance: the retry waits of a client then take no real time and are
// recorded (see Sleeps), while attempt timeouts still fire only when time
// is moved past them.
func AutoSleep() Option { return func(c *Clock) { c.autoSleep = true } }

// New returns a clock that reads start until it is moved.
func New(start time.Time, opts ...Option) *Clock {
	c := &Clock{now: start, changed: make(chan struct{})}
	for _, o := range opts {
		o(c)
	}
	return c
}

// timer is one pending timer: a Sleep or a WithTimeout.
type timer struct {
	id   uint64
	at   time.Time
	fire func()
}

// Now returns the clock's current time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Since returns the time the clock moved since t.
func (c *Clock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// Advance moves the clock forward by d and fires, in deadline order, every
// timer that is then due. Negative d is treated as zero.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(max(d, 0))
	due := c.takeDueLocked()
	c.mu.Unlock()
	for _, t := range due {
		t.fire()
	}
}

// takeDueLocked removes and returns the due timers, earliest first (ties in
// the order they were started).
func (c *Clock) takeDueLocked() []*timer {
	var due []*timer
	c.timers = slices.DeleteFunc(c.timers, func(t *timer) bool {
		if t.at.After(c.now) {
			return false
		}
		due = append(due, t)
		return true
	})
	slices.SortFunc(due, func(a, b *timer) int {
		if n := a.at.Compare(b.at); n != 0 {
			return n
		}
		return cmp.Compare(a.id, b.id)
	})
	return due
}

// add starts a timer that calls fire once the clock reaches now+d; the
// returned function stops it and reports whether it was still pending.
func (c *Clock) add(d time.Duration, fire func()) (stop func() bool) {
	c.mu.Lock()
	c.nextID++
	t := &timer{id: c.nextID, at: c.now.Add(d), fire: fire}
	c.timers = append(c.timers, t)
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		i := slices.Index(c.timers, t)
		if i < 0 {
			return false
		}
		c.timers = slices.Delete(c.timers, i, i+1)
		return true
	}
}

// Pending returns how many timers wait for the clock to move.
func (c *Clock) Pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// WaitTimers blocks until at least n timers are pending or ctx is done
// (then it returns ctx.Err()).
func (c *Clock) WaitTimers(ctx context.Context, n int) error {
	for {
		c.mu.Lock()
		pending, changed := len(c.timers), c.changed
		c.mu.Unlock()
		if pending >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Sleeps returns the duration of every Sleep so far, in call order.
func (c *Clock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sleeps)
}

// Sleep waits until the clock has moved d past the call or ctx is done
// (then it returns ctx.Err()). With AutoSleep it moves the clock by d
// itself. Every call is recorded, d <= 0 included.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	auto := c.autoSleep
	c.mu.Unlock()
	if err := ctx.Err(); err != nil || d <= 0 {
		return err
	}
	if auto {
		c.Advance(d)
		return ctx.Err()
	}
	done := make(chan struct{})
	stop := c.add(d, func() { close(done) })
	defer stop()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// WithTimeout returns a child of ctx that is done once the clock has moved
// d past the call (its Err is then context.DeadlineExceeded), when ctx is
// done, or when cancel is called. Its Deadline is ctx's: a fake deadline
// would mislead code that reads it against the wall clock, such as a
// net.Dialer.
func (c *Clock) WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	tc := &timeoutCtx{Context: ctx, done: make(chan struct{})}
	stopTimer := c.add(d, func() { tc.cancel(context.DeadlineExceeded) })
	stopParent := context.AfterFunc(ctx, func() { tc.cancel(ctx.Err()) })
	if d <= 0 {
		c.Advance(0)
	}
	return tc, func() {
		stopTimer()
		stopParent()
		tc.cancel(context.Canceled)
	}
}

// timeoutCtx is the context of WithTimeout. It is a context type of its
// own, not a context.WithCancelCause child, so that its Err (and that of
// every context derived from it) is context.DeadlineExceeded when the
// fake time is up, as for a context.WithTimeout.
type timeoutCtx struct {
	context.Context // the parent: Deadline and Value
	done            chan struct{}
	mu              sync.Mutex
	err             error
}

func (t *timeoutCtx) Done() <-chan struct{} { return t.done }

func (t *timeoutCtx) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

func (t *timeoutCtx) cancel(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.err == nil {
		t.err = err
		close(t.done)
	}
}
