package rooms

import (
	"context"
	"time"
)

// clock is the time source of a Client: the waits between attempts, the
// per-attempt timeout and the "now" that Retry-After dates and log
// durations are measured from all go through it. A Client uses wallClock;
// the package's tests drive a fake one (internal/fakeclock), so that no
// test races real work against a wall-clock budget. Deadlines of the
// caller's context stay on the wall clock: the context package keeps them.
//
// Implementations must be safe for concurrent use.
type clock interface {
	// Now returns the current time.
	Now() time.Time
	// Sleep waits d (nothing when d <= 0) or until ctx is done, whichever
	// comes first, and returns ctx.Err() in the second case.
	Sleep(ctx context.Context, d time.Duration) error
	// WithTimeout returns a child of ctx that is done d after the call,
	// its Err then being context.DeadlineExceeded, or when ctx is done or
	// cancel is called, whichever comes first.
	WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc)
}

// wallClock is the clock of every Client: the time package's.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (wallClock) WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// withClock replaces the Client's clock; the tests' seam (export_test.go
// offers it to the external test package as WithClock).
func withClock(c clock) Option {
	return func(cfg *config) error {
		if c != nil {
			cfg.clock = c
		}
		return nil
	}
}
