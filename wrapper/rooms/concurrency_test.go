package rooms_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

const (
	concurrentWorkers = 64
	callsPerWorker    = 200
)

// worker is one goroutine's own room, session and participant.
type worker struct {
	room    rooms.Room
	session rooms.Session
	person  rooms.Participant
}

// mixedCall is call number i of a worker: it cycles through every
// operation but create and delete, reads and writes.
func mixedCall(ctx context.Context, c *rooms.Client, w *worker, i int) error {
	room, sess, person := w.room.ID, w.session.ID, w.person.ID
	all := rooms.ParticipantsAction{Participants: rooms.AllParticipants}
	var err error
	switch i % 12 {
	case 0:
		_, err = c.Rooms.Get(ctx, room, &rooms.GetRoomParams{IncludeSessions: true})
	case 1:
		_, err = c.Rooms.Update(ctx, room, &rooms.RoomParams{MaxParticipants: rooms.Ptr(10 + i%5)})
	case 2:
		_, err = c.Rooms.List(ctx, &rooms.ListRoomsParams{UniqueName: w.room.UniqueName})
	case 3:
		_, err = c.Rooms.ListSessions(ctx, room, nil)
	case 4:
		_, err = c.Tokens.Generate(ctx, room, nil)
	case 5:
		_, err = c.Sessions.Get(ctx, sess, &rooms.GetSessionParams{IncludeParticipants: true})
	case 6:
		err = c.Sessions.Mute(ctx, sess, all)
	case 7:
		err = c.Sessions.Unmute(ctx, sess, all)
	case 8:
		_, err = c.Sessions.ListParticipants(ctx, sess, nil)
	case 9:
		_, err = c.Participants.Get(ctx, person)
	case 10:
		_, err = c.Participants.List(ctx, &rooms.ListParticipantsParams{SessionID: sess})
	case 11:
		_, err = c.Sessions.List(ctx, &rooms.ListSessionsParams{RoomID: room, ListOptions: rooms.ListOptions{PageSize: 5}})
	}
	return err
}

// TestConcurrentMixedCalls runs 64 goroutines × 200 mixed calls through one
// client against the fake (run with -race), while the fake fails 150 of the
// requests (503 and 429): every call must succeed, each request is counted
// once, no room is lost or duplicated, and the client's connections are
// reused.
func TestConcurrentMixedCalls(t *testing.T) {
	t.Parallel()
	srv := roomstest.NewServer()
	t.Cleanup(srv.Close)
	const faults = 150
	// More retries than faults: whatever the interleaving, every call gets through.
	policy := rooms.RetryPolicy{MaxRetries: faults, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxRetryAfter: time.Millisecond}
	// The client's own default *http.Client (no WithHTTPClient): it must keep
	// enough idle connections for 64 concurrent callers (net/http's default
	// of 2 per host would close most of them after every burst).
	c, err := rooms.NewClient(rooms.WithAPIKey(roomstest.DefaultAPIKey), rooms.WithBaseURL(srv.URL), rooms.WithRetryPolicy(policy))
	require.NoError(t, err)
	ctx := context.Background()

	workers := make([]*worker, concurrentWorkers)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			// The room is created through the client: call 1 of 200.
			r, err := c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr(fmt.Sprint("worker-", g))})
			if !assert.NoError(t, err) {
				return
			}
			w := &worker{room: *r}
			if w.session, err = srv.StartSession(r.ID); !assert.NoError(t, err) {
				return
			}
			if w.person, err = srv.Join(w.session.ID, fmt.Sprint("person-", g)); !assert.NoError(t, err) {
				return
			}
			workers[g] = w
		})
	}
	wg.Wait()
	require.NotContains(t, workers, (*worker)(nil))

	srv.Inject(roomstest.AllRoutes, roomstest.FailNext(faults/2, http.StatusServiceUnavailable))
	srv.Inject(roomstest.AllRoutes, roomstest.RateLimitNext(faults/2, "0"))
	var failed atomic.Int32
	start := time.Now()
	for _, w := range workers {
		wg.Go(func() {
			for i := 1; i < callsPerWorker; i++ {
				if err := mixedCall(ctx, c, w, i); err != nil {
					failed.Add(1)
					t.Errorf("call %d of %s: %v", i, w.room.UniqueName, err)
					return
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d goroutines × %d calls in %v, over %d connections", concurrentWorkers, callsPerWorker,
		time.Since(start).Round(time.Millisecond), srv.ConnectionsOpened())

	require.Zero(t, failed.Load())
	assert.Equal(t, concurrentWorkers*callsPerWorker+faults, srv.Requests(roomstest.AllRoutes),
		"every call is one request, plus one retry per injected fault")
	assert.Equal(t, concurrentWorkers, srv.Requests("createRoom"))
	names := map[string]int{}
	for _, r := range srv.Rooms() {
		names[r.UniqueName]++
	}
	assert.Len(t, names, concurrentWorkers)
	for name, n := range names {
		assert.Equal(t, 1, n, name)
	}
	// At most one connection per goroutine, and a few dialled while another
	// was being returned to the pool: never one per call.
	assert.LessOrEqual(t, srv.ConnectionsOpened(), 2*concurrentWorkers)
}

// TestSequentialBurstReusesOneConnection makes 1,000 sequential calls (after
// the create that opens the connection) through a client of its own: successes, 404 and 422 answers, and injected
// 500, 429 and HTML 502 answers that are retried. Every body is drained and
// closed, so the burst needs one connection. ("A couple": net/http may dial
// a second one while the first is being returned to its pool.)
func TestSequentialBurstReusesOneConnection(t *testing.T) {
	t.Parallel()
	srv := roomstest.NewServer()
	t.Cleanup(srv.Close)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// One connection at most: net/http returns a connection to its idle
	// pool only after the caller saw the body's EOF, so on a busy machine
	// the next call could dial a second one meanwhile. A body left unread
	// still shows: the transport closes that connection and dials anew.
	tr.MaxConnsPerHost = 1
	t.Cleanup(tr.CloseIdleConnections)
	c, err := srv.Client(rooms.WithHTTPClient(&http.Client{Transport: tr}),
		rooms.WithRetryPolicy(rooms.RetryPolicy{MaxRetries: 2, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}))
	require.NoError(t, err)
	ctx := context.Background()
	room, err := c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("burst")})
	require.NoError(t, err)
	id := room.ID
	missing := "00000000-0000-4000-8000-000000000000"

	outcomes := map[string]int{}
	for i := range 1000 {
		var err error
		switch i % 10 {
		case 0:
			srv.Inject("viewRoom", roomstest.FailNext(1, http.StatusInternalServerError))
			_, err = c.Rooms.Get(ctx, id, nil)
		case 1:
			srv.Inject("listRooms", roomstest.RateLimitNext(1, "0"))
			_, err = c.Rooms.List(ctx, nil)
		case 2:
			srv.Inject("generateJoinClientToken", roomstest.HTMLNext(1, http.StatusBadGateway))
			_, err = c.Tokens.Generate(ctx, id, nil)
		case 3:
			_, err = c.Rooms.Get(ctx, missing, nil) // 404
		case 4:
			_, err = c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("burst")}) // 422: taken
		case 5:
			srv.Inject("viewRoom", roomstest.FailNext(3, http.StatusBadGateway)) // retries exhausted
			_, err = c.Rooms.Get(ctx, id, nil)
		case 6:
			srv.Inject("listRooms", roomstest.HTMLNext(3, http.StatusServiceUnavailable)) // HTML, retries exhausted
			_, err = c.Rooms.List(ctx, nil)
		default:
			_, err = c.Rooms.Update(ctx, id, &rooms.RoomParams{MaxParticipants: rooms.Ptr(5 + i%7)})
		}
		outcomes[outcome(err)]++
	}
	assert.Equal(t, map[string]int{"ok": 600, "404": 100, "422": 100, "502": 100, "503": 100}, outcomes)
	assert.LessOrEqual(t, srv.ConnectionsOpened(), 2, "one keep-alive connection for the whole burst")
}

func outcome(err error) string {
	if err == nil {
		return "ok"
	}
	if apiErr, ok := err.(*rooms.APIError); ok {
		return fmt.Sprint(apiErr.StatusCode)
	}
	return err.Error()
}

// TestDecodeErrorsKeepTheConnection makes 1,000 sequential calls to a
// server whose 2xx bodies are often broken (not JSON, trailing garbage, no
// data, no meta, HTML), mixed with successes and error answers: a decode
// error reads its body to the end, so one connection serves them all.
func TestDecodeErrorsKeepTheConnection(t *testing.T) {
	t.Parallel()
	id := "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	room := `{"id":"` + id + `","unique_name":"r","max_participants":10,"enable_recording":false,` +
		`"created_at":"2021-04-16T09:46:20Z","updated_at":"2021-04-16T09:46:20Z","record_type":"room"}`
	bodies := []struct {
		status int
		body   string
		ok     bool
	}{
		{200, `{"data":` + room + `}`, true},
		{200, `{"data":null}`, false},
		{200, `<html>maintenance</html>`, false},
		{200, `{"data":` + room + `} trailing`, false},
		{200, `{"data":{"id":"not-a-uuid"}}`, false},
		{200, strings.Repeat(" ", 10000) + `{"data":`, false},
		{404, `{"errors":[{"code":"10005","title":"Not found"}]}`, false},
		{418, strings.Repeat("<p>teapot</p>", 3000), false},
	}
	var calls atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := bodies[int(calls.Add(1)-1)%len(bodies)]
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(b.status)
		_, _ = w.Write([]byte(b.body))
	}))
	var conns atomic.Int64
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// One connection at most: net/http returns a connection to its idle
	// pool only after the caller saw the body's EOF, so on a busy machine
	// the next call could dial a second one meanwhile. A body left unread
	// still shows: the transport closes that connection and dials anew.
	tr.MaxConnsPerHost = 1
	t.Cleanup(tr.CloseIdleConnections)
	c, err := rooms.NewClient(rooms.WithAPIKey("k"), rooms.WithBaseURL(srv.URL+"/v2"),
		rooms.WithHTTPClient(&http.Client{Transport: tr}), rooms.WithRetryPolicy(rooms.RetryPolicy{}))
	require.NoError(t, err)
	var ok, decodeErrs, apiErrs int
	for i := range 1000 {
		_, err := c.Rooms.Get(context.Background(), id, nil)
		want := bodies[i%len(bodies)]
		switch err.(type) {
		case nil:
			ok++
		case *rooms.DecodeError:
			decodeErrs++
		case *rooms.APIError:
			apiErrs++
		default:
			t.Fatalf("call %d: %v", i, err)
		}
		require.Equal(t, want.ok, err == nil, "call %d: %v", i, err)
	}
	assert.Equal(t, []int{125, 625, 250}, []int{ok, decodeErrs, apiErrs})
	assert.LessOrEqual(t, conns.Load(), int64(2), "one keep-alive connection for the whole burst")
}
