package roomstest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// TestLatencyEndsWhenClientLeavesWithBody checks that an injected latency
// on a request with a body ends when the client gives up, so that the
// handler never runs: a create abandoned by its client must not create a
// room a little later. (net/http only notices a client leaving once the
// request body has been read; the fake reads it before waiting.) The client
// gives up once the fake holds its request, an event, not a timer: on a
// busy machine a short client timeout could fire before the request left.
func TestLatencyEndsWhenClientLeavesWithBody(t *testing.T) {
	f := newFixture(t)
	const latency = time.Second
	f.srv.Inject("createRoom", roomstest.Fault{Kind: roomstest.FaultDelay, Latency: latency, Times: 1})
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	go func() {
		if f.srv.WaitRequests(ctx, "createRoom", 1) == nil {
			cancel()
		}
	}()
	_, err := f.api.CreateRoomWithResponse(ctx, gen.CreateRoomRequest{UniqueName: ptr("abandoned")})
	require.ErrorIs(t, err, context.Canceled)
	// Past the latency, the room must still not exist. (A handler that
	// ran late could only be missed, never invented, by a slow machine.)
	assert.Never(t, func() bool { return len(f.srv.Rooms()) > 0 }, latency+latency/2, 5*time.Millisecond,
		"the handler ran after the client left")
	assert.Equal(t, 1, f.srv.Requests("createRoom"))
}

// TestLatencyKeepsTheBody checks that the body read ahead of an injected
// latency still reaches the handler whole, and that an oversized body is
// still refused as such.
func TestLatencyKeepsTheBody(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject("createRoom", roomstest.Delay(time.Millisecond))
	room := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("delayed"), MaxParticipants: ptr(int32(7))})
	assert.Equal(t, "delayed", room.UniqueName)
	assert.EqualValues(t, 7, room.MaxParticipants)

	big := `{"unique_name":"` + strings.Repeat("x", 1<<20) + `"}`
	status, _, body := f.do(t, http.MethodPost, "/rooms", big)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.Contains(t, envelope(t, body).Detail, "larger than")
	assert.Len(t, f.srv.Rooms(), 1)
}

// TestConnectionsOpened checks the connection counter: one keep-alive
// connection per client transport, whatever the number of calls.
func TestConnectionsOpened(t *testing.T) {
	f := newFixture(t)
	assert.Equal(t, 0, f.srv.ConnectionsOpened())
	for _, wantConns := range []int{1, 2} {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		// One connection at most: net/http returns a connection to its
		// idle pool after the body's EOF reached the caller, so on a busy
		// machine the next request could dial a second one meanwhile.
		tr.MaxConnsPerHost = 1
		hc := &http.Client{Transport: tr}
		for range 20 {
			req, err := http.NewRequest(http.MethodGet, f.srv.URL+"/rooms", nil)
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+testKey)
			resp, err := hc.Do(req)
			require.NoError(t, err)
			_ = readAll(t, resp)
			require.NoError(t, resp.Body.Close())
			assert.Equal(t, http.StatusOK, resp.StatusCode)
		}
		hc.CloseIdleConnections()
		assert.Equal(t, wantConns, f.srv.ConnectionsOpened())
	}
	assert.Equal(t, 0, roomstest.NewHandler().ConnectionsOpened(), "a Server that does not listen counts nothing")
}

// TestTrailingSlashIsUnknown checks that a path the contract's router
// tolerates but no operation serves (a trailing slash) is a 404 in the
// error envelope, counted as no operation's request, and not a contract
// violation.
func TestTrailingSlashIsUnknown(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodGet, "/rooms/", ""},
		{http.MethodPost, "/rooms/", `{}`},
		{http.MethodGet, "/room_sessions/" + roomstest.SeedSessionID + "/", ""},
	} {
		status, _, body := f.do(t, tc.method, tc.path, tc.body)
		assert.Equal(t, http.StatusNotFound, status, "%s %s", tc.method, tc.path)
		assert.Equal(t, "Resource not found", envelope(t, body).Title)
	}
	assert.Equal(t, 0, f.srv.Requests("listRooms")+f.srv.Requests("createRoom")+f.srv.Requests("viewRoomSession"))
	assert.Equal(t, 3, f.srv.Requests(roomstest.AllRoutes))
}
