package roomstest_test

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// These tests measure memory, which the whole process shares: they do not
// call t.Parallel, so that they run before this package's parallel tests
// start, and their bounds are generous (several times what they measure).

// TestListCostDoesNotGrowWithTheStore: a list reads an ordered index and
// copies only its page, so the bytes one list allocates are the same with
// 500 rooms as with 4000 (before issue 12 every list copied and sorted
// every room: 8 times the bytes for 8 times the rooms). Bytes, not time,
// so that the test does not depend on how busy the machine is; the time is
// measured by BenchmarkRoomsAt10k.
func TestListCostDoesNotGrowWithTheStore(t *testing.T) {
	perList := func(n int) uint64 {
		srv := roomstest.NewHandler()
		t.Cleanup(srv.Close)
		h := srv.Handler()
		for i := range n {
			rec := serveBench(h, "POST", "/v2/rooms", fmt.Sprintf(`{"unique_name":"room-%d"}`, i))
			require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
		}
		const lists = 20
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range lists {
			rec := serveBench(h, "GET", "/v2/rooms?filter[date_created_at][gte]=2000-01-01&filter[date_updated_at][lte]=2999-12-31&page[number]=3", "")
			require.Equal(t, http.StatusOK, rec.Code)
			require.True(t, strings.Contains(rec.Body.String(), fmt.Sprintf(`"total_results":%d`, n)))
		}
		runtime.ReadMemStats(&after)
		return (after.TotalAlloc - before.TotalAlloc) / lists
	}
	small, large := perList(500), perList(4000)
	t.Logf("bytes allocated by one list: %d at 500 rooms, %d at 4000", small, large)
	assert.Less(t, large, 2*small, "a list at 4000 rooms allocates no more than at 500")
}

// TestTokenIssuingHoldsNoMemory: the fake remembers nothing per refresh
// token it issues (a refresh token carries its signed grant), so a
// long-running fake that issues tokens in a loop stays flat (before issue
// 12: some 220 bytes held per token, never dropped).
func TestTokenIssuingHoldsNoMemory(t *testing.T) {
	srv := roomstest.NewHandler(roomstest.WithSeedData())
	t.Cleanup(srv.Close)
	h := srv.Handler()
	path := "/v2/rooms/" + roomstest.SeedRoomID + "/actions/generate_join_client_token"
	issue := func(n int) {
		for range n {
			rec := serveBench(h, "POST", path, `{"refresh_token_ttl_secs":86400}`)
			require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
		}
	}
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	issue(100) // warm up: pools, the shared contract
	before := heap()
	const tokens = 10_000
	issue(tokens)
	after := heap()
	runtime.KeepAlive(srv)
	grown := int64(after) - int64(before)
	t.Logf("heap after %d tokens: %+d bytes (%.1f per token)", tokens, grown, float64(grown)/tokens)
	assert.Less(t, grown, int64(1<<20), "%d tokens must not hold a megabyte", tokens)
}
