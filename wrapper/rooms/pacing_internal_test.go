package rooms

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var paceT0 = time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)

// paceAnswer is the rate limit of an answer that arrived at at.
func paceAnswer(at time.Duration, limit, remaining int, reset time.Duration) RateLimit {
	return RateLimit{Limit: limit, Remaining: remaining, Reset: reset, ResetAt: paceT0.Add(at + reset)}
}

// admit asks p for an attempt at t0+at and returns the ticket, or the wait
// it asks for (-1: until it learns something).
func admit(t *testing.T, p *pacer, at time.Duration) (paceTicket, time.Duration, bool) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.admitLocked(paceT0.Add(at))
}

func mustAdmit(t *testing.T, p *pacer, at time.Duration) paceTicket {
	t.Helper()
	tk, d, ok := admit(t, p, at)
	require.True(t, ok, "admitted at %v (asked to wait %v)", at, d)
	return tk
}

func TestPacerProbesUntilTheFirstAnswer(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		rl       RateLimit
		wantMode paceMode
		then     time.Duration // wait of the next attempt at 0.5 s; 0: admitted
	}{
		{"answer with headers: paced", http.StatusOK, paceAnswer(0, 10, 9, 10*time.Second), paceKnown, time.Second / 2},
		{"answer without headers: not paced", http.StatusOK, RateLimit{}, paceOff, 0},
		{"no answer: still probing", 0, RateLimit{}, paceFresh, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPacer(wallClock{}, pacingConfig{}, time.Minute)
			probe := mustAdmit(t, p, 0)
			assert.True(t, probe.probe)
			_, d, ok := admit(t, p, 0)
			require.False(t, ok, "one probe at a time")
			assert.Equal(t, time.Duration(-1), d, "wait for the answer")
			changed := p.changed
			p.done(probe, tt.status, tt.rl)
			assert.Error(t, changed.Err(), "the waiting attempt is woken")
			assert.Equal(t, tt.wantMode, p.mode)
			_, d, ok = admit(t, p, time.Second/2)
			if tt.then == 0 {
				assert.True(t, ok)
			} else {
				assert.False(t, ok)
				// 9 left over the 10 s window: one every 10 s / 10, the
				// first a second after the probe.
				assert.Equal(t, tt.then, d)
			}
		})
	}
}

// knownWindow is a pacer that sent one probe at t0 and got limit 100,
// remaining 99, reset 10 s: the window ends at t0+10 s.
func knownWindow(t *testing.T, cfg pacingConfig) *pacer {
	t.Helper()
	p := newPacer(wallClock{}, cfg, time.Minute)
	p.done(mustAdmit(t, p, 0), http.StatusOK, paceAnswer(0, 100, 99, 10*time.Second))
	require.Equal(t, paceKnown, p.mode)
	return p
}

func TestPacerWindows(t *testing.T) {
	t.Run("an answer to a request sent after the end opens a new window", func(t *testing.T) {
		p := knownWindow(t, pacingConfig{})
		tk := mustAdmit(t, p, 10*time.Second)
		assert.True(t, tk.probe, "the window has ended: a probe")
		p.done(tk, http.StatusOK, paceAnswer(10*time.Second, 100, 99, 10*time.Second))
		assert.Equal(t, paceT0.Add(20*time.Second), p.w.end)
		assert.Equal(t, int64(99+1+1), p.w.mark)
	})
	t.Run("an answer whose reset reaches past the end opens a new window", func(t *testing.T) {
		p := knownWindow(t, pacingConfig{})
		tk := mustAdmit(t, p, 5*time.Second)
		// Sent at 5 s, window ends after 5 s + 30 s - 1 s: a later window.
		p.done(tk, http.StatusOK, paceAnswer(5*time.Second, 100, 99, 30*time.Second))
		assert.Equal(t, paceT0.Add(35*time.Second), p.w.end)
	})
	t.Run("a reordered answer with more remaining changes nothing", func(t *testing.T) {
		p := knownWindow(t, pacingConfig{})
		a, b := mustAdmit(t, p, time.Second), mustAdmit(t, p, 2*time.Second)
		p.done(b, http.StatusOK, paceAnswer(3*time.Second, 100, 97, 7*time.Second))
		w := p.w
		p.done(a, http.StatusOK, paceAnswer(3*time.Second, 100, 98, 8*time.Second))
		assert.Equal(t, w.mark, p.w.mark, "the lower count stands")
		assert.Equal(t, int64(97), p.w.low)
		assert.Equal(t, paceT0.Add(10*time.Second), p.w.end, "the earliest end stands")
	})
	t.Run("an earlier end wakes the waiting attempt", func(t *testing.T) {
		p := knownWindow(t, pacingConfig{})
		tk := mustAdmit(t, p, time.Second)
		changed := p.changed
		p.done(tk, http.StatusOK, paceAnswer(2*time.Second, 100, 98, 7*time.Second))
		assert.Equal(t, paceT0.Add(9*time.Second), p.w.end)
		assert.Error(t, changed.Err())
	})
	t.Run("an answer without headers inside a window is ignored", func(t *testing.T) {
		p := knownWindow(t, pacingConfig{})
		w := p.w
		p.done(mustAdmit(t, p, time.Second), http.StatusBadGateway, RateLimit{})
		assert.Equal(t, paceKnown, p.mode)
		assert.Equal(t, w, p.w)
	})
	t.Run("a 429 spends nothing and leaves nothing: wait for the end", func(t *testing.T) {
		p := newPacer(wallClock{}, pacingConfig{}, time.Minute)
		p.done(mustAdmit(t, p, 0), http.StatusTooManyRequests, paceAnswer(0, 100, 0, 4*time.Second))
		_, d, ok := admit(t, p, time.Second)
		assert.False(t, ok)
		assert.Equal(t, 3*time.Second, d)
		tk := mustAdmit(t, p, 4*time.Second)
		assert.True(t, tk.probe)
	})
	t.Run("attempts in flight are counted as spent", func(t *testing.T) {
		p := newPacer(wallClock{}, pacingConfig{}, time.Minute)
		p.done(mustAdmit(t, p, 0), http.StatusOK, paceAnswer(0, 3, 2, 10*time.Second))
		mustAdmit(t, p, 5*time.Second)
		mustAdmit(t, p, 8*time.Second)
		_, d, ok := admit(t, p, 9*time.Second)
		assert.False(t, ok, "two left, two in flight")
		assert.Equal(t, time.Second, d, "until the end")
	})
	t.Run("the reserve is left", func(t *testing.T) {
		p := knownWindow(t, pacingConfig{reserve: 98})
		mustAdmit(t, p, 5*time.Second)
		_, _, ok := admit(t, p, 9*time.Second)
		assert.False(t, ok, "99 left, one in flight, 98 reserved")
	})
}

func TestPacerShare(t *testing.T) {
	tests := []struct {
		name       string
		remaining  int     // in the second answer; the limit is 100
		wantBudget float64 // after it
	}{
		// Alone: 98 left after the client's own two, nothing in flight.
		{"alone", 98, 98},
		// The others spent 48 of the 50: share 1/25, margin 24·2.
		{"a small share", 50, (50 - 48.0) / 25},
		// The others spent 2 of 4: share 1/2, margin 1·2.
		{"half", 96, (96 - 2.0) / 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPacer(wallClock{}, pacingConfig{}, time.Minute)
			p.done(mustAdmit(t, p, 0), http.StatusOK, paceAnswer(0, 100, 99, 10*time.Second))
			p.done(mustAdmit(t, p, 5*time.Second), http.StatusOK, paceAnswer(5*time.Second, 100, tt.remaining, 5*time.Second))
			p.mu.Lock()
			defer p.mu.Unlock()
			assert.InDelta(t, tt.wantBudget, p.budgetLocked(), 1e-9)
		})
	}
}
