package fakeclock

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestAdvanceFiresDueTimersInOrder(t *testing.T) {
	t.Parallel()
	c := New(epoch)
	var fired []int
	c.add(3*time.Second, func() { fired = append(fired, 3) })
	c.add(time.Second, func() { fired = append(fired, 1) })
	c.add(2*time.Second, func() { fired = append(fired, 2) })
	stop := c.add(2*time.Second, func() { fired = append(fired, 22) })
	assert.True(t, stop())
	assert.False(t, stop(), "a stopped timer is no longer pending")

	c.Advance(time.Second - 1)
	assert.Empty(t, fired)
	c.Advance(1 + time.Second)
	assert.Equal(t, []int{1, 2}, fired)
	assert.Equal(t, 1, c.Pending())
	c.Advance(-time.Hour)
	assert.Equal(t, epoch.Add(2*time.Second), c.Now(), "time never goes back")
	c.Advance(time.Hour)
	assert.Equal(t, []int{1, 2, 3}, fired)
	assert.Equal(t, 0, c.Pending())
	assert.Equal(t, time.Hour+2*time.Second, c.Since(epoch))
}

func TestSleepWaitsForAdvance(t *testing.T) {
	t.Parallel()
	c := New(epoch)
	done := make(chan error, 1)
	go func() { done <- c.Sleep(context.Background(), time.Minute) }()
	require.NoError(t, c.WaitTimers(context.Background(), 1))
	c.Advance(time.Minute - 1)
	select {
	case err := <-done:
		t.Fatalf("Sleep returned %v before its time", err)
	default:
	}
	c.Advance(1)
	require.NoError(t, <-done)
	assert.Equal(t, []time.Duration{time.Minute}, c.Sleeps())
	assert.NoError(t, c.Sleep(context.Background(), 0), "nothing to wait")
	assert.Equal(t, []time.Duration{time.Minute, 0}, c.Sleeps())
}

func TestSleepEndsWithContext(t *testing.T) {
	t.Parallel()
	c := New(epoch)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Sleep(ctx, time.Minute) }()
	require.NoError(t, c.WaitTimers(context.Background(), 1))
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)
	assert.Equal(t, 0, c.Pending(), "the timer of an abandoned Sleep is stopped")
	assert.ErrorIs(t, c.Sleep(ctx, 0), context.Canceled)
}

func TestAutoSleep(t *testing.T) {
	t.Parallel()
	c := New(epoch, AutoSleep())
	ctx, cancel := c.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, c.Sleep(context.Background(), 4*time.Second))
	assert.NoError(t, ctx.Err())
	require.NoError(t, c.Sleep(context.Background(), 6*time.Second))
	assert.ErrorIs(t, ctx.Err(), context.DeadlineExceeded, "a Sleep moves time past the timeout")
	assert.Equal(t, epoch.Add(10*time.Second), c.Now())
	assert.Equal(t, []time.Duration{4 * time.Second, 6 * time.Second}, c.Sleeps())
}

func TestWithTimeout(t *testing.T) {
	t.Parallel()
	t.Run("time up", func(t *testing.T) {
		t.Parallel()
		c := New(epoch)
		ctx, cancel := c.WithTimeout(context.Background(), time.Second)
		defer cancel()
		child, cancelChild := context.WithCancel(ctx)
		defer cancelChild()
		_, has := ctx.Deadline()
		assert.False(t, has, "no fake deadline for wall-clock readers")
		assert.NoError(t, ctx.Err())
		c.Advance(time.Second)
		<-ctx.Done()
		<-child.Done()
		assert.Equal(t, context.DeadlineExceeded, ctx.Err())
		assert.Equal(t, context.DeadlineExceeded, child.Err(), "derived contexts see the deadline too")
		assert.Equal(t, context.DeadlineExceeded, context.Cause(child))
	})
	t.Run("parent done first", func(t *testing.T) {
		t.Parallel()
		c := New(epoch)
		parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), key{}, "v"))
		ctx, cancel := c.WithTimeout(parent, time.Second)
		defer cancel()
		assert.Equal(t, "v", ctx.Value(key{}))
		cancelParent()
		<-ctx.Done()
		assert.Equal(t, context.Canceled, ctx.Err())
	})
	t.Run("cancel stops the timer", func(t *testing.T) {
		t.Parallel()
		c := New(epoch)
		ctx, cancel := c.WithTimeout(context.Background(), time.Second)
		assert.Equal(t, 1, c.Pending())
		cancel()
		cancel()
		assert.Equal(t, 0, c.Pending())
		assert.Equal(t, context.Canceled, ctx.Err())
		c.Advance(time.Hour)
		assert.Equal(t, context.Canceled, ctx.Err())
	})
	t.Run("zero timeout", func(t *testing.T) {
		t.Parallel()
		c := New(epoch)
		ctx, cancel := c.WithTimeout(context.Background(), 0)
		defer cancel()
		assert.True(t, errors.Is(ctx.Err(), context.DeadlineExceeded))
	})
}

type key struct{}

func TestWaitTimersEndsWithContext(t *testing.T) {
	t.Parallel()
	c := New(epoch)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, c.WaitTimers(ctx, 1), context.Canceled)
	assert.NoError(t, c.WaitTimers(ctx, 0))
}
