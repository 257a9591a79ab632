package rooms

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// fuzzLastPage: past this page number the fuzz server answers an empty
// page, so that a server announcing billions of consistent pages still ends.
const fuzzLastPage = 64

// expandPage renders one line of a fuzz script as the answer for page n:
// $N is n, $M is n+1, $ROOM a room with an id of its own, $SAME always the
// same room.
func expandPage(line []byte, n int) []byte {
	out := bytes.ReplaceAll(line, []byte("$N"), []byte(strconv.Itoa(n)))
	out = bytes.ReplaceAll(out, []byte("$M"), []byte(strconv.Itoa(n+1)))
	out = bytes.ReplaceAll(out, []byte("$SAME"), []byte(roomJSON(uuidN(0), "same")))
	for k := 0; bytes.Contains(out, []byte("$ROOM")); k++ {
		out = bytes.Replace(out, []byte("$ROOM"), []byte(roomJSON(uuidN(1000*n+k+1), "r")), 1)
	}
	return out
}

// FuzzListIter walks a list through a server whose pages come from a
// script (one line per page, repeated): arbitrary bodies, meta that lies
// about page numbers and totals, repeated and empty pages. With or without
// prefetch, stopping early or not, the walk must end, yield at most one
// error and nothing after it, leave no fetch running, never ask for a page
// twice or beyond the limit its first page allows, and ask for pages in
// order when it does not prefetch.
func FuzzListIter(f *testing.F) {
	const meta = `"meta":{"page_number":$N,"page_size":2,"total_pages":%s,"total_results":6}`
	for _, s := range []struct {
		script   string
		prefetch uint8
		stop     uint16
	}{
		{`{"data":[$ROOM,$ROOM],` + fmt.Sprintf(meta, "3") + `}`, 0, 0},
		{`{"data":[$ROOM,$ROOM],` + fmt.Sprintf(meta, "3") + `}`, 4, 0},
		{`{"data":[$ROOM,$ROOM],` + fmt.Sprintf(meta, "3") + `}`, 4, 3},
		{`{"data":[$ROOM],` + fmt.Sprintf(meta, "$M") + `}`, 0, 0},  // always one more page
		{`{"data":[$ROOM],` + fmt.Sprintf(meta, "$M") + `}`, 16, 0}, // ... prefetched
		{`{"data":[$SAME,$SAME],` + fmt.Sprintf(meta, "5") + `}`, 2, 0},
		{`{"data":[$ROOM],"meta":{"page_number":1,"page_size":1,"total_pages":9,"total_results":9}}`, 3, 0},
		{`{"data":[],` + fmt.Sprintf(meta, "100") + `}`, 4, 0},
		{`{"data":[$ROOM],` + fmt.Sprintf(meta, "2147483647") + `}`, 5, 0},
		{`{"data":[$ROOM],` + fmt.Sprintf(meta, "9") + `}` + "\n" + `{"data":[$ROOM],` + fmt.Sprintf(meta, "2") + `}`, 3, 0},
		{`{"data":[$ROOM],` + fmt.Sprintf(meta, "4") + `}` + "\n<html>oops</html>\n" + `{"data":[$ROOM]}`, 4, 0},
		{`{"data":[$ROOM],"meta":{"page_number":$N,"page_size":-1,"total_pages":-5,"total_results":0}}`, 1, 0},
		{`{"data":null,"meta":null}`, 0, 0},
		{``, 2, 1},
	} {
		f.Add([]byte(s.script), s.prefetch, s.stop)
	}
	f.Fuzz(func(t *testing.T, script []byte, prefetch uint8, stop uint16) {
		if len(script) > 64<<10 {
			return
		}
		lines := bytes.Split(script, []byte("\n"))
		var (
			mu       sync.Mutex
			asked    []int
			inFlight atomic.Int32
		)
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			inFlight.Add(1)
			defer inFlight.Add(-1)
			n := 1
			if v := r.URL.Query().Get("page[number]"); v != "" {
				var err error
				if n, err = strconv.Atoi(v); err != nil {
					t.Errorf("page[number]=%q", v)
				}
			}
			mu.Lock()
			asked = append(asked, n)
			mu.Unlock()
			body := fmt.Appendf(nil, `{"data":[],"meta":{"page_number":%d,"page_size":2,"total_pages":%d,"total_results":0}}`, n, n)
			if n <= fuzzLastPage {
				body = expandPage(lines[(n-1)%len(lines)], n)
			}
			return &http.Response{StatusCode: 200, Header: http.Header{}, ContentLength: int64(len(body)),
				Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
		})
		c, err := NewClient(WithAPIKey(testKey), WithHTTPClient(&http.Client{Transport: rt}), WithRetryPolicy(RetryPolicy{}))
		if err != nil {
			t.Fatal(err)
		}
		items, errs := 0, 0
		for _, err := range c.Rooms.ListIter(context.Background(), nil, WithPrefetch(int(prefetch%20))) {
			if errs > 0 {
				t.Fatalf("yielded after an error")
			}
			if err != nil {
				errs++
				continue
			}
			items++
			if stop > 0 && items >= int(stop) {
				break
			}
		}
		if n := inFlight.Load(); n != 0 {
			t.Fatalf("%d fetches still running after the loop", n)
		}

		mu.Lock()
		defer mu.Unlock()
		if len(asked) == 0 || asked[0] != 1 {
			t.Fatalf("first request for page %v", asked)
		}
		sorted := slices.Clone(asked)
		slices.Sort(sorted)
		if len(slices.Compact(sorted)) != len(asked) {
			t.Fatalf("a page was asked twice: %v", asked)
		}
		if prefetch%20 == 0 {
			for i, n := range asked {
				if n != i+1 {
					t.Fatalf("without prefetch, pages out of order: %v", asked)
				}
			}
		}
		var first listEnvelope[Room]
		if json.Unmarshal(expandPage(lines[0], 1), &first) != nil || first.check() != nil {
			if len(asked) != 1 || errs != 1 {
				t.Fatalf("a broken first page: asked %v, %d errors", asked, errs)
			}
			return
		}
		limit := math.MaxInt32 // no total announced: a short or empty page ends the walk
		total, known := first.Meta.totalPages()
		if known {
			limit = max(pageLimit(total), 1)
		}
		if last := sorted[len(sorted)-1]; last > limit {
			t.Fatalf("asked for page %d, beyond the limit %d of a first page announcing %d", last, limit, total)
		}
	})
}
