package roomstest_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// benchRooms is how many rooms the store benchmarks hold: issue 12 asks
// that at 10k rooms a list stays within 10× a get.
const benchRooms = 10_000

// benchHandler returns the handler of a fake holding n rooms (each with an
// ended session every tenth room), created through the API, and the id of
// the last room.
func benchHandler(b *testing.B, n int) (http.Handler, string) {
	b.Helper()
	srv := roomstest.NewHandler()
	b.Cleanup(srv.Close)
	h := srv.Handler()
	var last string
	for i := range n {
		rec := serveBench(h, "POST", "/v2/rooms", fmt.Sprintf(`{"unique_name":"bench-%d"}`, i))
		if rec.Code != http.StatusCreated {
			b.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		last = strings.Split(strings.SplitN(rec.Body.String(), `"id":"`, 2)[1], `"`)[0]
		if i%10 == 0 {
			s, err := srv.StartSession(last)
			if err != nil {
				b.Fatal(err)
			}
			if rec := serveBench(h, "POST", "/v2/room_sessions/"+s.ID+"/actions/end", ""); rec.Code != http.StatusOK {
				b.Fatalf("end: %d %s", rec.Code, rec.Body)
			}
		}
	}
	return h, last
}

func serveBench(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer bench")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// BenchmarkRoomsAt10k measures requests to a fake holding 10k rooms through
// its whole pipeline (routing, auth, validation, the store, JSON). Compare
// list with get: a list reads an ordered index and copies only its page,
// so it must not grow with the number of rooms.
//
//	go test -run '^$' -bench RoomsAt10k -benchmem ./wrapper/roomstest
func BenchmarkRoomsAt10k(b *testing.B) {
	h, last := benchHandler(b, benchRooms)
	for _, bc := range []struct{ name, method, target, body string }{
		{"get", "GET", "/v2/rooms/" + last, ""},
		{"list", "GET", "/v2/rooms", ""},
		{"list_last_page", "GET", "/v2/rooms?page[size]=20&page[number]=500", ""},
		{"list_filter_unique_name", "GET", "/v2/rooms?filter[unique_name]=bench-9999", ""},
		{"list_filter_created", "GET", "/v2/rooms?filter[date_created_at][gte]=2000-01-01", ""},
		{"list_filter_updated", "GET", "/v2/rooms?filter[date_updated_at][gte]=2000-01-01", ""},
		{"list_include_sessions", "GET", "/v2/rooms?include_sessions=true", ""},
		{"list_sessions_of_room", "GET", "/v2/room_sessions?filter[room_id]=" + last, ""},
		{"update", "PATCH", "/v2/rooms/" + last, `{"max_participants":20}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := serveBench(h, bc.method, bc.target, bc.body); rec.Code != http.StatusOK {
					b.Fatalf("%s %s: %d %s", bc.method, bc.target, rec.Code, rec.Body)
				}
			}
		})
	}
}

// BenchmarkTokenIssuing issues join tokens in a loop and reports the heap
// the fake still holds afterwards, per token (retained-B/token): the fake
// keeps no record of the refresh tokens it issues, so it stays near 0.
//
//	go test -run '^$' -bench TokenIssuing -benchmem ./wrapper/roomstest
func BenchmarkTokenIssuing(b *testing.B) {
	srv := roomstest.NewHandler(roomstest.WithSeedData())
	b.Cleanup(srv.Close)
	h := srv.Handler()
	path := "/v2/rooms/" + roomstest.SeedRoomID + "/actions/generate_join_client_token"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	for b.Loop() {
		if rec := serveBench(h, "POST", path, `{"refresh_token_ttl_secs":86400}`); rec.Code != http.StatusCreated {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(srv)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(b.N), "retained-B/token")
}
