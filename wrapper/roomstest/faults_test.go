package roomstest_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// freshClient opens a new connection per request, so that Go's transport
// never replays a request on its own (see Server.Requests).
func freshClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

func (f *fixture) post(t *testing.T, hc *http.Client, path, body string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Content-Type", "application/json")
	return hc.Do(req)
}

func TestStatusFaults(t *testing.T) {
	tests := []struct {
		status int
		code   string
	}{
		{http.StatusTooManyRequests, "10011"},
		{http.StatusInternalServerError, "10007"},
		{http.StatusBadGateway, "10007"},
		{http.StatusServiceUnavailable, "10007"},
		{http.StatusGatewayTimeout, "10008"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			f := newFixture(t)
			f.srv.Inject("createRoom", roomstest.FailNext(2, tt.status))

			for range 2 {
				resp, err := f.api.CreateRoomWithResponse(f.ctx, gen.CreateRoomRequest{UniqueName: ptr("x")})
				require.NoError(t, err)
				require.Equal(t, tt.status, resp.StatusCode())
				assert.Equal(t, "application/json", resp.HTTPResponse.Header.Get("Content-Type"))
				e := envelope(t, resp.Body)
				assert.Equal(t, tt.code, e.Code)
				assert.Contains(t, e.Detail, "injected")
				if tt.status == http.StatusTooManyRequests {
					assert.Equal(t, "0", resp.HTTPResponse.Header.Get("Retry-After"))
				} else {
					assert.Empty(t, resp.HTTPResponse.Header.Get("Retry-After"))
				}
			}
			assert.Empty(t, f.srv.Rooms(), "the handler did not run")

			ok, err := f.api.CreateRoomWithResponse(f.ctx, gen.CreateRoomRequest{UniqueName: ptr("x")})
			require.NoError(t, err)
			assert.Equal(t, http.StatusCreated, ok.StatusCode(), "the fault is used up")
			assert.Equal(t, 3, f.srv.Requests("createRoom"))
		})
	}
}

func TestRateLimitRetryAfter(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject("listRooms", roomstest.RateLimitNext(1, "2"))
	f.srv.Inject("listRooms", roomstest.Fault{Kind: roomstest.FaultStatus, Status: 503, RetryAfter: "Wed, 21 Oct 2015 07:28:00 GMT", Times: 1})

	first, err := f.api.ListRoomsWithResponse(f.ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusTooManyRequests, first.StatusCode())
	assert.Equal(t, "2", first.HTTPResponse.Header.Get("Retry-After"))

	second, err := f.api.ListRoomsWithResponse(f.ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusServiceUnavailable, second.StatusCode())
	assert.Equal(t, "Wed, 21 Oct 2015 07:28:00 GMT", second.HTTPResponse.Header.Get("Retry-After"))

	third, err := f.api.ListRoomsWithResponse(f.ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, third.StatusCode())
}

func TestHTMLFault(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject("viewRoom", roomstest.HTMLNext(1, 0))
	f.srv.Inject("viewRoom", roomstest.HTMLNext(1, http.StatusServiceUnavailable))
	room := f.createRoom(t, gen.CreateRoomRequest{})

	for _, want := range []int{http.StatusBadGateway, http.StatusServiceUnavailable} {
		status, header, body := f.do(t, http.MethodGet, "/rooms/"+room.ID.String(), "")
		assert.Equal(t, want, status)
		assert.Equal(t, "text/html; charset=utf-8", header.Get("Content-Type"))
		assert.True(t, strings.HasPrefix(string(body), "<!DOCTYPE html>"), "body: %s", body)
		assert.Contains(t, string(body), strconv.Itoa(want))
	}
	status, _, _ := f.do(t, http.MethodGet, "/rooms/"+room.ID.String(), "")
	assert.Equal(t, http.StatusOK, status)
}

func TestResetFault(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject("createRoom", roomstest.ResetNext(1))
	hc := freshClient()

	resp, err := f.post(t, hc, "/rooms", `{"unique_name": "x"}`)
	if resp != nil {
		resp.Body.Close()
	}
	require.Error(t, err, "no response at all")
	assert.Empty(t, f.srv.Rooms(), "the handler did not run")
	assert.Equal(t, 1, f.srv.Requests("createRoom"))

	resp, err = f.post(t, hc, "/rooms", `{"unique_name": "x"}`)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, 2, f.srv.Requests("createRoom"))
}

func TestTruncateFault(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject("createRoom", roomstest.TruncateNext(1))

	resp, err := f.post(t, freshClient(), "/rooms", `{"unique_name": "x"}`)
	require.NoError(t, err, "status and headers arrive")
	defer resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	full, err := strconv.Atoi(resp.Header.Get("Content-Length"))
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Len(t, body, full/2)
	assert.True(t, strings.HasPrefix(`{"data":{`, string(body[:9])))
	assert.Len(t, f.srv.Rooms(), 1, "the handler ran: the room exists")

	// Through the generated client, a truncated body is a transport error.
	f.srv.Inject("listRooms", roomstest.TruncateNext(1))
	_, err = f.api.ListRoomsWithResponse(f.ctx, nil)
	require.Error(t, err)
	ok, err := f.api.ListRoomsWithResponse(f.ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, ok.StatusCode())
}

func TestDelayFault(t *testing.T) {
	f := newFixture(t)
	const d = 30 * time.Millisecond
	f.srv.Inject("listRooms", roomstest.Delay(d))

	start := time.Now()
	resp, err := f.api.ListRoomsWithResponse(f.ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode())
	assert.GreaterOrEqual(t, time.Since(start), d)

	// The delay honours the request context: the client gives up, the
	// handler never runs.
	f.srv.ResetFaults()
	f.srv.Inject("createRoom", roomstest.Fault{Kind: roomstest.FaultDelay, Latency: time.Hour, Times: 1})
	ctx, cancel := context.WithTimeout(f.ctx, 20*time.Millisecond)
	defer cancel()
	_, err = f.api.CreateRoomWithResponse(ctx, gen.CreateRoomRequest{})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, f.srv.Rooms())

	// Latency combines with a status.
	f.srv.Inject("viewRoom", roomstest.Fault{Kind: roomstest.FaultStatus, Status: 504, Latency: d, Times: 1})
	start = time.Now()
	view, err := f.api.ViewRoomWithResponse(f.ctx, [16]byte{1}, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusGatewayTimeout, view.StatusCode())
	assert.GreaterOrEqual(t, time.Since(start), d)
}

func TestCloseEndsInjectedLatency(t *testing.T) {
	srv := roomstest.NewServer()
	srv.Inject(roomstest.AllRoutes, roomstest.Delay(time.Hour))
	done := make(chan error, 1)
	go func() {
		_, _, err := getOnce(srv.URL + "/rooms")
		done <- err
	}()
	require.NoError(t, srv.WaitRequests(context.Background(), "listRooms", 1))
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waited for the injected latency")
	}
	require.Error(t, <-done, "the delayed request got no response")
	srv.Close() // a second Close is harmless
}

func getOnce(url string) (int, []byte, error) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer k")
	resp, err := freshClient().Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func TestFaultOrderAndScope(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(roomstest.AllRoutes, roomstest.FailNext(1, 500))
	f.srv.Inject("listRooms", roomstest.FailNext(1, 503))
	f.srv.Inject("listRooms", roomstest.RateLimitNext(1, ""))

	statuses := func(n int) []int {
		var out []int
		for range n {
			resp, err := f.api.ListRoomsWithResponse(f.ctx, nil)
			require.NoError(t, err)
			out = append(out, resp.StatusCode())
		}
		return out
	}
	// The route's own faults first, in order, then the one for every route.
	assert.Equal(t, []int{503, 429, 500, 200}, statuses(4))

	f.srv.Inject(roomstest.AllRoutes, roomstest.FailNext(1, 502))
	resp, err := f.api.ListRoomSessionsWithResponse(f.ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode(), "AllRoutes applies to any route")
	assert.Equal(t, []int{200}, statuses(1), "and was used up by the other route")

	// Times 0: every request, until ResetFaults; it shadows later faults.
	f.srv.Inject("listRooms", roomstest.Fault{Kind: roomstest.FaultStatus, Status: 500})
	f.srv.Inject("listRooms", roomstest.FailNext(1, 503))
	assert.Equal(t, []int{500, 500, 500}, statuses(3))
	f.srv.ResetFaults()
	assert.Equal(t, []int{200}, statuses(1))

	assert.Equal(t, 9, f.srv.Requests("listRooms"))
	assert.Equal(t, 1, f.srv.Requests("listRoomSessions"))
	assert.Equal(t, 0, f.srv.Requests("createRoom"))
	assert.Equal(t, 10, f.srv.Requests(roomstest.AllRoutes))
}

func TestRequestsCountsEveryOutcome(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject("createRoom", roomstest.FailNext(1, 503))
	_, _, _ = f.do(t, http.MethodPost, "/rooms", `{}`)                      // 503 fault
	_, _, _ = doRaw(t, http.MethodPost, f.srv.URL+"/rooms", `{}`, "")       // 401
	_, _, _ = f.do(t, http.MethodPost, "/rooms", `{"max_participants": 0}`) // 422
	_, _, _ = f.do(t, http.MethodPost, "/rooms", `{}`)                      // 201
	assert.Equal(t, 4, f.srv.Requests("createRoom"))
	assert.Len(t, f.srv.Rooms(), 1)
}

func TestInjectPanicsOnTestBugs(t *testing.T) {
	f := newFixture(t)
	assert.PanicsWithValue(t,
		`roomstest: Inject: unknown route "CreateRoom": want an operationId of openapi.yaml such as "createRoom", or "*"`,
		func() { f.srv.Inject("CreateRoom", roomstest.FailNext(1, 500)) })
	assert.Panics(t, func() { f.srv.Requests("rooms") })
	for _, bad := range []roomstest.Fault{
		{Kind: roomstest.FaultStatus, Status: 200},
		{Kind: roomstest.FaultStatus},
		{Kind: roomstest.FaultHTML, Status: 302},
		{Kind: roomstest.FaultReset, Times: -1},
		{Kind: roomstest.FaultDelay, Latency: -time.Second},
		{Kind: roomstest.FaultKind(99)},
	} {
		assert.Panics(t, func() { f.srv.Inject("createRoom", bad) }, "%+v", bad)
	}
}

func TestFaultsAreSafeForConcurrentUse(t *testing.T) {
	f := newFixture(t)
	const n = 40
	f.srv.Inject("listRooms", roomstest.FailNext(n/2, 503))
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[int]int{}
	for range n {
		wg.Go(func() {
			resp, err := f.api.ListRoomsWithResponse(f.ctx, nil)
			if !assert.NoError(t, err) {
				return
			}
			mu.Lock()
			counts[resp.StatusCode()]++
			mu.Unlock()
		})
	}
	wg.Wait()
	assert.Equal(t, map[int]int{503: n / 2, 200: n / 2}, counts, "exactly Times requests fail")
	assert.Equal(t, n, f.srv.Requests("listRooms"))
}

// TestWaitRequests checks that WaitRequests returns once the fake has
// counted a request, already while an injected latency holds it, and that
// it ends with its context.
func TestWaitRequests(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.srv.WaitRequests(f.ctx, "listRooms", 0), "nothing to wait for")

	f.srv.Inject("listRooms", roomstest.Fault{Kind: roomstest.FaultDelay, Latency: time.Hour, Times: 1})
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := f.api.ListRoomsWithResponse(ctx, nil)
		done <- err
	}()
	require.NoError(t, f.srv.WaitRequests(f.ctx, "listRooms", 1), "counted while held")
	require.NoError(t, f.srv.WaitRequests(f.ctx, roomstest.AllRoutes, 1))
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)

	gone, stop := context.WithCancel(f.ctx)
	stop()
	err := f.srv.WaitRequests(gone, "listRooms", 2)
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "waiting for 2 requests of listRooms, 1 so far")
	assert.PanicsWithValue(t, `roomstest: WaitRequests: unknown route "nope": want an operationId of openapi.yaml such as "createRoom", or "*"`,
		func() { _ = f.srv.WaitRequests(f.ctx, "nope", 1) })
}
