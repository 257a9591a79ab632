package webhook

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestMemoryDeduplicator(t *testing.T) {
	ctx := context.Background()
	clock := &fakeClock{now: testNow}
	d := NewMemoryDeduplicator(WithMaxEntries(3), WithMaxAge(time.Hour), WithDedupClock(clock.Now))

	claim := func(id string) bool {
		ok, err := d.Claim(ctx, id)
		require.NoError(t, err)
		return ok
	}
	assert.True(t, claim("a"))
	assert.False(t, claim("a"), "a second claim is refused")
	require.NoError(t, d.Release(ctx, "a"))
	assert.True(t, claim("a"), "a released id can be claimed again")

	clock.Advance(time.Minute)
	assert.True(t, claim("b"))
	assert.True(t, claim("c"))
	assert.Equal(t, 3, d.Len())
	assert.True(t, claim("d"), "a fourth id evicts the oldest")
	assert.Equal(t, 3, d.Len())
	assert.True(t, claim("a"), "a was evicted")
	assert.False(t, claim("c"))

	clock.Advance(time.Hour)
	assert.Equal(t, 3, d.Len(), "exactly max age old is kept")
	clock.Advance(time.Second)
	assert.Equal(t, 0, d.Len(), "older than max age is forgotten")
	assert.True(t, claim("c"), "a forgotten id can be claimed again")
}

func TestMemoryDeduplicatorBoundedUnderChurn(t *testing.T) {
	ctx := context.Background()
	d := NewMemoryDeduplicator(WithMaxEntries(10))
	for i := range 1000 {
		id := fmt.Sprint(i)
		ok, err := d.Claim(ctx, id)
		require.NoError(t, err)
		require.True(t, ok)
		if i%2 == 0 {
			require.NoError(t, d.Release(ctx, id))
		}
	}
	assert.LessOrEqual(t, d.Len(), 10)
	d.mu.Lock()
	defer d.mu.Unlock()
	assert.LessOrEqual(t, len(d.order), 2*10+1, "released entries do not pile up")
}

func TestMemoryDeduplicatorConcurrentClaims(t *testing.T) {
	ctx := context.Background()
	d := NewMemoryDeduplicator()
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for range 16 {
		wg.Go(func() {
			ok, err := d.Claim(ctx, "same")
			assert.NoError(t, err)
			if ok {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 1, wins)
}
