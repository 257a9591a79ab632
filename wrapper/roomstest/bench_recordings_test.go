package roomstest_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// BenchmarkRecordingsAt10k measures requests to a fake holding 10k
// completed recordings (250 ended sessions of 20 participants, audio and
// video each) through its whole pipeline: a get, lists (their cost is a pass
// over pointers plus the page, D19), and the download of a media file,
// generated on each request (the fake stores none).
//
//	go test -run '^$' -bench RecordingsAt10k -benchmem ./wrapper/roomstest
func BenchmarkRecordingsAt10k(b *testing.B) {
	var now atomic.Int64
	now.Store(t0.UnixNano())
	srv := roomstest.NewHandler(roomstest.WithClock(func() time.Time { return time.Unix(0, now.Load()).UTC() }))
	b.Cleanup(srv.Close)
	h := srv.Handler()
	var session string
	for i := range 250 {
		rec := serveBench(h, "POST", "/v2/rooms", fmt.Sprintf(`{"unique_name":"rec-%d","enable_recording":true,"max_participants":20}`, i))
		if rec.Code != http.StatusCreated {
			b.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		room := strings.Split(strings.SplitN(rec.Body.String(), `"id":"`, 2)[1], `"`)[0]
		s, err := srv.StartSession(room)
		if err != nil {
			b.Fatal(err)
		}
		for j := range 20 {
			if _, err := srv.Join(s.ID, fmt.Sprint("p", j)); err != nil {
				b.Fatal(err)
			}
		}
		now.Add(int64(time.Minute))
		if rec := serveBench(h, "POST", "/v2/room_sessions/"+s.ID+"/actions/end", ""); rec.Code != http.StatusOK {
			b.Fatalf("end: %d %s", rec.Code, rec.Body)
		}
		session = s.ID
	}
	now.Add(int64(roomstest.RecordingProcessingDelay))
	rec := serveBench(h, "GET", "/v2/room_recordings?filter[session_id]="+session+"&page[size]=1", "")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"total_results":40`) {
		b.Fatalf("list: %d %s", rec.Code, rec.Body)
	}
	id := strings.Split(strings.SplitN(rec.Body.String(), `"id":"`, 2)[1], `"`)[0]
	media := "/media/recordings/" + id + ".mka"
	for _, bc := range []struct{ name, method, target string }{
		{"get", "GET", "/v2/room_recordings/" + id},
		{"list", "GET", "/v2/room_recordings"},
		{"list_last_page", "GET", "/v2/room_recordings?page[number]=500"},
		{"list_filter_session", "GET", "/v2/room_recordings?filter[session_id]=" + session},
		{"list_filter_duration", "GET", "/v2/room_recordings?filter[duration_secs]=60&filter[type]=video"},
		{"media", "GET", media},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := serveBench(h, bc.method, bc.target, ""); rec.Code != http.StatusOK {
					b.Fatalf("%s %s: %d %s", bc.method, bc.target, rec.Code, rec.Body)
				}
			}
		})
	}
}
