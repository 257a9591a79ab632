package rooms

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests measure the memory a hostile answer makes the client hold: the
// heap allocated while the call runs (an upper bound of its peak) and the
// heap still live after it, while its result is kept (what the caller
// holds). The bounds are those of the package documentation ("Memory").
// Like the hostile tests they do not call t.Parallel, so that no other
// test's allocations are counted.

// heapUse is what measureHeap saw.
type heapUse struct {
	allocated uint64 // bytes allocated while f ran: at least its peak
	retained  int64  // live heap after f, with its result kept, minus before
}

func (h heapUse) String() string {
	return "allocated " + strconv.FormatFloat(float64(h.allocated)/mib, 'f', 2, 64) + " MiB, retained " +
		strconv.FormatFloat(float64(h.retained)/1024, 'f', 1, 64) + " KiB"
}

// measureHeap runs f and measures the heap it used and what its result holds.
func measureHeap(f func() any) heapUse {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.ReadMemStats(&after)
	h := heapUse{allocated: after.TotalAlloc - before.TotalAlloc}
	// Two collections empty the sync.Pools (the client's read buffers):
	// what is left is held by the result and the open connections.
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	h.retained = int64(after.HeapAlloc) - int64(before.HeapAlloc)
	runtime.KeepAlive(v)
	return h
}

// emptyObjects returns a JSON array of empty objects about n bytes long.
func emptyObjects(n int) string {
	return "[" + strings.Repeat("{},", n/3) + "{}]"
}

// TestHeldMemory checks the memory held for hostile answers: a page of
// millions of empty rooms, a page of 250 rooms padded with members the
// types do not declare, the same through a prefetching walk, an error list
// of 350,000 empty errors, an error padded to 1 MiB, and a 9 MiB
// X-Request-Id.
func TestHeldMemory(t *testing.T) {
	const limit = 16 * mib // DefaultMaxResponseBytes
	hugePage := `{"data":` + emptyObjects(limit-100) + `,"meta":{"page_number":1,"page_size":250,"total_pages":1,"total_results":1}}`
	require.Less(t, len(hugePage), limit)
	t.Run("page of 5.6 million empty rooms", func(t *testing.T) {
		c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, hugePage) })
		var err error
		h := measureHeap(func() any {
			var p *Page[Room]
			p, err = c.Rooms.List(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 250}})
			return p
		})
		require.ErrorIs(t, err, ErrTooManyItems)
		t.Log(h)
		// The body is decoded as it is read (D52): the decode stops at
		// item 251, the rest of the body is drained through a small buffer.
		// Reading it whole first took more than 16 MiB.
		assert.LessOrEqual(t, h.allocated, uint64(4*mib), "-race included")
		assert.LessOrEqual(t, h.retained, int64(256<<10))
	})
	t.Run("page of 250 rooms padded to 12 MiB", func(t *testing.T) {
		pad := `"padding":"` + strings.Repeat("p", 50<<10) + `",`
		items := roomsJSON(250)
		for i := range items {
			items[i] = strings.Replace(items[i], "{", "{"+pad, 1)
		}
		body := pageJSON(items, 1, 250, 1, 250)
		require.Greater(t, len(body), 12*mib)
		c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, body) })
		var p *Page[Room]
		var err error
		h := measureHeap(func() any {
			p, err = c.Rooms.List(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 250}})
			return p
		})
		require.NoError(t, err)
		assert.Len(t, p.Items, 250)
		t.Log(h)
		// The peak is the 250 rooms and a decode window as long as the
		// longest token (50 KiB), not the 12 MiB body.
		assert.LessOrEqual(t, h.allocated, uint64(4*mib), "-race included")
		assert.LessOrEqual(t, h.retained, int64(1*mib))
	})
	t.Run("prefetch 16 of such pages", func(t *testing.T) {
		first := pageJSON(roomsJSON(250), 1, 250, 17, 17*250)
		page := `{"data":` + emptyObjects(1*mib) + `}`
		c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("page[number]") == "" {
				writeJSON(w, 200, first)
				return
			}
			writeJSON(w, 200, page)
		})
		var n int
		var err error
		h := measureHeap(func() any {
			for _, e := range c.Rooms.ListIter(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 250}}, WithPrefetch(16)) {
				if e != nil {
					err = e
					break
				}
				n++
			}
			return nil
		})
		require.ErrorIs(t, err, ErrTooManyItems)
		assert.Equal(t, 250, n)
		t.Log(h)
		// Each of the 16 concurrent fetches decodes its 1 MiB body as it
		// comes; reading them whole first took more than 16 MiB.
		assert.LessOrEqual(t, h.allocated, uint64(8*mib), "-race included")
		// What is left are the 16 connections the walk opened, kept idle.
		assert.LessOrEqual(t, h.retained, int64(1*mib))
	})
	t.Run("error list of 350,000 empty errors", func(t *testing.T) {
		body := `{"errors":` + emptyObjects(maxErrorBody-20) + `}`
		c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 422, body) })
		var err error
		h := measureHeap(func() any {
			_, err = c.Rooms.Get(context.Background(), roomID, nil)
			return err
		})
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Len(t, apiErr.Errors, maxErrorDetails)
		assert.Contains(t, err.Error(), "(and "+strconv.Itoa((maxErrorBody-20)/3+1-1)+" more)")
		t.Log(h)
		// Reading the 1 MiB whole first took more than 1 MiB.
		assert.LessOrEqual(t, h.allocated, uint64(1*mib), "-race included")
		assert.LessOrEqual(t, h.retained, int64(256<<10))
	})
	t.Run("error padded to 1 MiB", func(t *testing.T) {
		body := `{"errors":[{"code":"10005","title":"Not found"}],"padding":` + emptyObjects(maxErrorBody-100) + `}`
		require.Less(t, len(body), maxErrorBody)
		c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 404, body) })
		var err error
		h := measureHeap(func() any {
			_, err = c.Rooms.Get(context.Background(), roomID, nil)
			return err
		})
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		require.Len(t, apiErr.Errors, 1)
		assert.Equal(t, CodeNotFound, apiErr.Errors[0].Code)
		t.Log(h)
		assert.LessOrEqual(t, h.allocated, uint64(1*mib), "-race included")
		assert.LessOrEqual(t, h.retained, int64(256<<10))
	})
	t.Run("error metas over 64 KiB", func(t *testing.T) {
		meta := `{"k":"` + strings.Repeat("v", 40<<10) + `"}`
		body := `{"errors":[{"code":"1","meta":` + meta + `},{"code":"2","meta":` + meta + `},{"code":"3","meta":{"small":1}}]}`
		c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 422, body) })
		_, err := c.Rooms.Get(context.Background(), roomID, nil)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		require.Len(t, apiErr.Errors, 3)
		assert.NotNil(t, apiErr.Errors[0].Meta)
		assert.Nil(t, apiErr.Errors[1].Meta, "beyond the 64 KiB of meta")
		assert.Equal(t, map[string]any{"small": 1.0}, apiErr.Errors[2].Meta)
	})
	t.Run("X-Request-Id of 9 MiB", func(t *testing.T) {
		id := strings.Repeat("r", 9*mib)
		c := hostileServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", id)
			writeJSON(w, 404, `{"errors":[{"code":"10005","title":"Not found"}]}`)
		})
		var err error
		h := measureHeap(func() any {
			_, err = c.Rooms.Get(context.Background(), roomID, nil)
			return err
		})
		var apiErr *APIError
		require.True(t, errors.As(err, &apiErr))
		assert.Equal(t, id[:snippetMax], apiErr.RequestID)
		t.Log(h)
		assert.LessOrEqual(t, h.retained, int64(256<<10))
	})
}
