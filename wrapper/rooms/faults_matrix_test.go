package rooms_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/fakeclock"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// The fault matrix runs every operation of the client against every fault
// the fake can inject, once as a transient fault (the first request only)
// and once as a persistent one (every attempt the policy allows), and
// checks the attempts the fake saw, the result or the type of the error,
// the waits between attempts, and that the call ended within the time its
// retry policy allows. At the end the fake must hold exactly the rooms that
// were meant to be created.
//
// Time is a fake clock per cell (internal/fakeclock): the waits between
// attempts move it by themselves, and an attempt times out only when the
// cell moves it past the attempt timeout, which it does once the fake holds
// the request of a slow fault. So however busy the machine, a normal
// attempt never times out and a slow one always does, after the same fake
// time.

const (
	// matrixRetries is the policy's MaxRetries: at most 3 attempts.
	matrixRetries = 2
	// matrixAttemptTimeout bounds one attempt, on the cell's fake clock.
	matrixAttemptTimeout = 250 * time.Millisecond
	// matrixRetryAfter is what the 429 fault asks for, in seconds. The
	// policy caps it at 5 ms: a client that waited 3 s per retry would
	// break the budget of every 429 cell.
	matrixRetryAfter = "3"
	// matrixSafetyNet ends a cell that hangs (a bug) on the wall clock,
	// far beyond anything a cell needs even on a loaded machine.
	matrixSafetyNet = 2 * time.Minute
)

// matrixPolicy is the retry policy of every cell: real backoff, tiny delays.
func matrixPolicy() rooms.RetryPolicy {
	return rooms.RetryPolicy{MaxRetries: matrixRetries, BaseDelay: time.Millisecond,
		MaxDelay: 2 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond}
}

// maxWait is the longest wait between two attempts under matrixPolicy: the
// larger of MaxDelay and MaxRetryAfter.
func maxWait() time.Duration {
	p := matrixPolicy()
	return max(p.MaxDelay, p.MaxRetryAfter)
}

// budget is the longest fake time a call of n attempts may take under
// matrixPolicy: n attempts bounded by the attempt timeout and n-1 waits.
func budget(n int) time.Duration {
	return time.Duration(n)*matrixAttemptTimeout + time.Duration(n-1)*maxWait()
}

// matrixFault is one column of the matrix.
type matrixFault struct {
	name string
	// make builds the fault for the next n requests.
	make func(n int) roomstest.Fault
	// createRetried: POST /rooms retries this fault (only 429: the server
	// refused the request).
	createRetried bool
	// handlerRuns: the operation ran on the fake before the fault hit (a
	// truncated body), so a create made its room although it failed.
	handlerRuns bool
	// timesOut: every faulty attempt ends by the attempt timeout.
	timesOut bool
	// cutsBody: only the body is affected, so an answer without a body
	// (204 of deleteRoom) goes through untouched.
	cutsBody bool
	// wait is the exact wait before every retry; 0: any up to maxWait.
	wait time.Duration
	// check asserts the error of a call that failed on this fault after
	// attempts attempts.
	check func(t *testing.T, err error, attempts int)
}

func statusFault(code int) matrixFault {
	return matrixFault{
		name: fmt.Sprint(code),
		make: func(n int) roomstest.Fault { return roomstest.FailNext(n, code) },
		check: func(t *testing.T, err error, attempts int) {
			var apiErr *rooms.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, code, apiErr.StatusCode)
			assert.Equal(t, attempts, apiErr.Attempts)
			require.NotEmpty(t, apiErr.Errors, "the fake's error envelope is parsed")
		},
	}
}

func matrixFaults() []matrixFault {
	return []matrixFault{
		{
			name: "reset",
			make: roomstest.ResetNext,
			check: func(t *testing.T, err error, attempts int) {
				assert.ErrorAs(t, err, new(*url.Error))
				assert.NotErrorIs(t, err, context.DeadlineExceeded)
				assertAttemptsInMessage(t, err, attempts)
			},
		},
		statusFault(500), statusFault(502), statusFault(503), statusFault(504),
		{
			name:          "429",
			make:          func(n int) roomstest.Fault { return roomstest.RateLimitNext(n, matrixRetryAfter) },
			createRetried: true,
			wait:          matrixPolicy().MaxRetryAfter,
			check: func(t *testing.T, err error, attempts int) {
				require.ErrorIs(t, err, rooms.ErrRateLimited)
				var apiErr *rooms.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, attempts, apiErr.Attempts)
				assert.Equal(t, 3*time.Second, apiErr.RetryAfter, "the server's Retry-After is reported, uncapped")
			},
		},
		{
			name: "slow",
			make: func(n int) roomstest.Fault {
				return roomstest.Fault{Kind: roomstest.FaultDelay, Latency: time.Minute, Times: n}
			},
			timesOut: true,
			check: func(t *testing.T, err error, attempts int) {
				assert.ErrorIs(t, err, context.DeadlineExceeded)
				assert.ErrorAs(t, err, new(*url.Error))
				assertAttemptsInMessage(t, err, attempts)
			},
		},
		{
			name:        "truncated",
			make:        roomstest.TruncateNext,
			handlerRuns: true,
			cutsBody:    true,
			check: func(t *testing.T, err error, _ int) {
				var de *rooms.DecodeError
				require.ErrorAs(t, err, &de)
				assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
				assert.NotEmpty(t, de.Snippet, "the half body that came")
			},
		},
		{
			name: "html",
			make: func(n int) roomstest.Fault { return roomstest.HTMLNext(n, 0) },
			check: func(t *testing.T, err error, attempts int) {
				var apiErr *rooms.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, http.StatusBadGateway, apiErr.StatusCode)
				assert.Equal(t, attempts, apiErr.Attempts)
				assert.Empty(t, apiErr.Errors)
				assert.Contains(t, apiErr.Body, "<title>502 Bad Gateway</title>")
			},
		},
	}
}

func assertAttemptsInMessage(t *testing.T, err error, attempts int) {
	t.Helper()
	if attempts > 1 {
		assert.Contains(t, err.Error(), fmt.Sprintf("after %d attempts", attempts))
	} else {
		assert.NotContains(t, err.Error(), "attempts")
	}
}

// matrixWorld is the fake and what the cells share, built before any fault
// is injected.
type matrixWorld struct {
	srv         *roomstest.Server
	setup       *rooms.Client // never faulty: used outside the cells only
	room        rooms.Room    // shared by the read-only cells
	session     rooms.Session
	person      rooms.Participant
	refresh     string            // a refresh token for room
	recording   rooms.Recording   // of an ended recorded session, shared by the read-only cells
	composition rooms.Composition // of that session

	mu    sync.Mutex
	rooms map[string]int // unique_name -> how many rooms the fake must hold
	// media counts, per ended session of a cell, the compositions and the
	// recordings the fake must hold.
	media map[string]*sessionMedia
}

// sessionMedia is what the fake must hold of one ended session.
type sessionMedia struct{ compositions, recordings int }

func (w *matrixWorld) expectRoom(name string, delta int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.rooms[name] += delta
	if w.rooms[name] == 0 {
		delete(w.rooms, name)
	}
}

// newRoom creates a room for a cell through the setup client.
func (w *matrixWorld) newRoom(t *testing.T, name string) rooms.Room {
	t.Helper()
	r, err := w.setup.Rooms.Create(context.Background(), &rooms.RoomParams{UniqueName: rooms.Ptr(name)})
	require.NoError(t, err)
	w.expectRoom(name, 1)
	return *r
}

// newSession creates a room with an active session and one participant.
func (w *matrixWorld) newSession(t *testing.T, name string) (rooms.Session, rooms.Participant) {
	t.Helper()
	r := w.newRoom(t, name)
	s, err := w.srv.StartSession(r.ID)
	require.NoError(t, err)
	p, err := w.srv.Join(s.ID, "someone")
	require.NoError(t, err)
	return s, p
}

// newRecordedSession creates a recording room whose session one
// participant joined and that ended: the fake holds its audio and video
// recordings.
func (w *matrixWorld) newRecordedSession(t *testing.T, name string) rooms.Session {
	t.Helper()
	ctx := context.Background()
	r, err := w.setup.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr(name), EnableRecording: rooms.Ptr(true)})
	require.NoError(t, err)
	w.expectRoom(name, 1)
	s, err := w.srv.StartSession(r.ID)
	require.NoError(t, err)
	_, err = w.srv.Join(s.ID, "recorded")
	require.NoError(t, err)
	require.NoError(t, w.setup.Sessions.End(ctx, s.ID))
	w.mu.Lock()
	defer w.mu.Unlock()
	w.media[s.ID] = &sessionMedia{recordings: 2}
	return s
}

// expectMedia changes what the fake must hold of a session of newRecordedSession.
func (w *matrixWorld) expectMedia(session string, compositions, recordings int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.media[session].compositions += compositions
	w.media[session].recordings += recordings
}

// recordingsOf lists the recordings of a session through the setup client.
func (w *matrixWorld) recordingsOf(t *testing.T, session string) []rooms.Recording {
	t.Helper()
	var out []rooms.Recording
	for r, err := range w.setup.Recordings.ListIter(context.Background(), &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{SessionID: session}}) {
		require.NoError(t, err)
		out = append(out, r)
	}
	return out
}

// sessionState and participantState read the fake's state through its Go controls:
// an API call would add to the request counts of the cells running.
func (w *matrixWorld) sessionState(t *testing.T, id string) rooms.Session {
	t.Helper()
	all := w.srv.Sessions()
	i := slices.IndexFunc(all, func(s rooms.Session) bool { return s.ID == id })
	require.GreaterOrEqual(t, i, 0)
	return all[i]
}

func (w *matrixWorld) participantState(t *testing.T, id string) rooms.Participant {
	t.Helper()
	all := w.srv.Participants()
	i := slices.IndexFunc(all, func(p rooms.Participant) bool { return p.ID == id })
	require.GreaterOrEqual(t, i, 0)
	return all[i]
}

// matrixCall is a prepared call of one cell and what to check after it.
type matrixCall struct {
	do func(context.Context, *rooms.Client) error
	// succeeded checks the fake's state after a successful call; nil: nothing to check.
	succeeded func(t *testing.T)
	// ran records that the operation ran on the fake (success, or a body
	// cut after the handler ran); nil: nothing to record.
	ran func()
}

// matrixOp is one row of the matrix: an operation of the client.
type matrixOp struct {
	route  string // operationId, for Inject and Requests
	create bool   // POST /rooms: not idempotent
	noBody bool   // answers 204 without a body
	// prepare builds what the call needs; cell names the cell uniquely.
	prepare func(t *testing.T, w *matrixWorld, cell string) matrixCall
}

func readCall(f func(ctx context.Context, c *rooms.Client) (any, error)) func(*testing.T, *matrixWorld, string) matrixCall {
	return func(*testing.T, *matrixWorld, string) matrixCall {
		return matrixCall{do: func(ctx context.Context, c *rooms.Client) error {
			v, err := f(ctx, c)
			if err == nil && reflect.ValueOf(v).IsNil() {
				return errors.New("nil result without an error")
			}
			return err
		}}
	}
}

func matrixOps(w *matrixWorld) []matrixOp {
	room, sess, person := w.room.ID, w.session.ID, w.person.ID
	return []matrixOp{
		{route: "listRooms", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Rooms.List(ctx, nil) })},
		{route: "createRoom", create: true, prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			name := "created-" + cell
			return matrixCall{
				do: func(ctx context.Context, c *rooms.Client) error {
					r, err := c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr(name)})
					if err == nil && r.UniqueName != name {
						return fmt.Errorf("created %q, want %q", r.UniqueName, name)
					}
					return err
				},
				ran: func() { w.expectRoom(name, 1) },
			}
		}},
		{route: "viewRoom", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Rooms.Get(ctx, room, nil) })},
		{route: "updateRoom", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) {
			return c.Rooms.Update(ctx, room, &rooms.RoomParams{MaxParticipants: rooms.Ptr(12)})
		})},
		{route: "deleteRoom", noBody: true, prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			r := w.newRoom(t, "delete-"+cell)
			return matrixCall{
				do:  func(ctx context.Context, c *rooms.Client) error { return c.Rooms.Delete(ctx, r.ID) },
				ran: func() { w.expectRoom(r.UniqueName, -1) },
			}
		}},
		{route: "nestedListRoomSessions", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) {
			return c.Rooms.ListSessions(ctx, room, nil)
		})},
		{route: "generateJoinClientToken", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) {
			return c.Tokens.Generate(ctx, room, nil)
		})},
		{route: "refreshClientToken", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) {
			return c.Tokens.Refresh(ctx, room, &rooms.RefreshTokenParams{RefreshToken: w.refresh})
		})},
		{route: "listRoomSessions", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Sessions.List(ctx, nil) })},
		{route: "viewRoomSession", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Sessions.Get(ctx, sess, nil) })},
		{route: "endSession", prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			s, _ := w.newSession(t, "end-"+cell)
			return matrixCall{
				do:        func(ctx context.Context, c *rooms.Client) error { return c.Sessions.End(ctx, s.ID) },
				succeeded: func(t *testing.T) { assert.False(t, w.sessionState(t, s.ID).Active, "the session ended") },
			}
		}},
		{route: "kickParticipantInSession", prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			s, p := w.newSession(t, "kick-"+cell)
			return matrixCall{
				do: func(ctx context.Context, c *rooms.Client) error {
					return c.Sessions.Kick(ctx, s.ID, rooms.ParticipantsAction{Participants: rooms.AllParticipants})
				},
				succeeded: func(t *testing.T) {
					assert.False(t, w.participantState(t, p.ID).LeftAt.IsZero(), "the participant was kicked")
				},
			}
		}},
		{route: "muteParticipantInSession", prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			s, p := w.newSession(t, "mute-"+cell)
			return matrixCall{
				do: func(ctx context.Context, c *rooms.Client) error {
					return c.Sessions.Mute(ctx, s.ID, rooms.ParticipantsAction{Participants: rooms.AllParticipants})
				},
				succeeded: func(t *testing.T) { assert.True(t, w.srv.Muted(p.ID)) },
			}
		}},
		{route: "unmuteParticipantInSession", prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			s, p := w.newSession(t, "unmute-"+cell)
			require.NoError(t, w.setup.Sessions.Mute(context.Background(), s.ID, rooms.ParticipantsAction{Participants: rooms.AllParticipants}))
			return matrixCall{
				do: func(ctx context.Context, c *rooms.Client) error {
					return c.Sessions.Unmute(ctx, s.ID, rooms.ParticipantsAction{Participants: rooms.AllParticipants})
				},
				succeeded: func(t *testing.T) { assert.False(t, w.srv.Muted(p.ID)) },
			}
		}},
		{route: "nestedListRoomParticipants", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) {
			return c.Sessions.ListParticipants(ctx, sess, nil)
		})},
		{route: "listRoomParticipants", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Participants.List(ctx, nil) })},
		{route: "viewRoomParticipant", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Participants.Get(ctx, person) })},
	}
}

// mediaMatrixOps are the rows of the recordings and compositions
// operations. Creating a composition and the bulk delete are not
// idempotent: they are retried as createRoom is.
func mediaMatrixOps(w *matrixWorld) []matrixOp {
	recording, composition := w.recording.ID, w.composition.ID
	return []matrixOp{
		{route: "listRoomRecordings", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Recordings.List(ctx, nil) })},
		{route: "viewRoomRecording", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Recordings.Get(ctx, recording) })},
		{route: "deleteRoomRecording", noBody: true, prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			s := w.newRecordedSession(t, "delete-recording-"+cell)
			r := w.recordingsOf(t, s.ID)[0]
			return matrixCall{
				do:  func(ctx context.Context, c *rooms.Client) error { return c.Recordings.Delete(ctx, r.ID) },
				ran: func() { w.expectMedia(s.ID, 0, -1) },
			}
		}},
		{route: "deleteRoomRecordings", create: true, prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			s := w.newRecordedSession(t, "bulk-delete-"+cell)
			return matrixCall{
				do: func(ctx context.Context, c *rooms.Client) error {
					n, err := c.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{RecordingFilter: rooms.RecordingFilter{SessionID: s.ID}})
					if err == nil && n != 2 {
						return fmt.Errorf("deleted %d recordings, want 2", n)
					}
					return err
				},
				ran: func() { w.expectMedia(s.ID, 0, -2) },
			}
		}},
		{route: "listRoomCompositions", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Compositions.List(ctx, nil) })},
		{route: "createRoomComposition", create: true, prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			s := w.newRecordedSession(t, "compose-"+cell)
			return matrixCall{
				do: func(ctx context.Context, c *rooms.Client) error {
					comp, err := c.Compositions.Create(ctx, &rooms.CompositionParams{SessionID: s.ID})
					if err == nil && comp.SessionID != s.ID {
						return fmt.Errorf("composed session %s, want %s", comp.SessionID, s.ID)
					}
					return err
				},
				ran: func() { w.expectMedia(s.ID, 1, 0) },
			}
		}},
		{route: "viewRoomComposition", prepare: readCall(func(ctx context.Context, c *rooms.Client) (any, error) { return c.Compositions.Get(ctx, composition) })},
		{route: "deleteRoomComposition", noBody: true, prepare: func(t *testing.T, w *matrixWorld, cell string) matrixCall {
			s := w.newRecordedSession(t, "delete-composition-"+cell)
			comp, err := w.setup.Compositions.Create(context.Background(), &rooms.CompositionParams{SessionID: s.ID})
			require.NoError(t, err)
			w.expectMedia(s.ID, 1, 0)
			return matrixCall{
				do:  func(ctx context.Context, c *rooms.Client) error { return c.Compositions.Delete(ctx, comp.ID) },
				ran: func() { w.expectMedia(s.ID, -1, 0) },
			}
		}},
	}
}

// expectation is what one cell must observe.
type expectation struct {
	requests int  // requests of the route the fake saw
	ok       bool // the call succeeds
	ran      bool // the operation took effect on the fake
	timeouts int  // attempts that ended by the attempt timeout
}

// expect derives the outcome of a cell from the retry rules in the package
// documentation: the creates (POST /rooms, POST /room_compositions, the bulk
// DELETE /room_recordings) are retried on 429 only; every other operation
// on every fault of the matrix; a truncation cuts nothing from a 204.
func expect(op matrixOp, f matrixFault, faulty int) expectation {
	maxAttempts := matrixRetries + 1
	switch {
	case f.cutsBody && op.noBody:
		return expectation{requests: 1, ok: true, ran: true}
	case op.create && !f.createRetried:
		e := expectation{requests: 1, ran: f.handlerRuns}
		if f.timesOut {
			e.timeouts = 1
		}
		return e
	}
	e := expectation{requests: min(faulty+1, maxAttempts), ok: faulty < maxAttempts}
	e.ran = e.ok || f.handlerRuns
	if f.timesOut {
		e.timeouts = min(faulty, maxAttempts)
	}
	return e
}

// newMatrixWorld starts the fake and builds the shared resources.
func newMatrixWorld(t *testing.T) *matrixWorld {
	t.Helper()
	srv := roomstest.NewServer(roomstest.WithResponseValidation())
	t.Cleanup(srv.Close)
	setup, err := srv.Client(rooms.WithRetryPolicy(rooms.RetryPolicy{}))
	require.NoError(t, err)
	w := &matrixWorld{srv: srv, setup: setup, rooms: map[string]int{}, media: map[string]*sessionMedia{}}
	w.room = w.newRoom(t, "shared")
	w.session, err = srv.StartSession(w.room.ID)
	require.NoError(t, err)
	w.person, err = srv.Join(w.session.ID, "shared-person")
	require.NoError(t, err)
	tok, err := setup.Tokens.Generate(context.Background(), w.room.ID, nil)
	require.NoError(t, err)
	w.refresh = tok.RefreshToken
	recorded := w.newRecordedSession(t, "shared-recorded")
	w.recording = w.recordingsOf(t, recorded.ID)[0]
	comp, err := setup.Compositions.Create(context.Background(), &rooms.CompositionParams{SessionID: recorded.ID})
	require.NoError(t, err)
	w.composition = *comp
	w.expectMedia(recorded.ID, 1, 0)
	return w
}

// cellClient returns a client of its own, with a transport and a fake
// clock of its own: the first attempt of a cell always goes over a fresh
// connection. (On a reused keep-alive connection, net/http itself replays
// an idempotent request whose connection is reset before any answer: the
// fake would count two requests for one attempt. TestTransportReplay shows
// it.)
func cellClient(t *testing.T, w *matrixWorld) (*rooms.Client, *fakeclock.Clock) {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	clk := fakeclock.New(time.Now(), fakeclock.AutoSleep())
	c, err := w.srv.Client(rooms.WithHTTPClient(&http.Client{Transport: tr}), rooms.WithClock(clk),
		rooms.WithRetryPolicy(matrixPolicy()), rooms.WithAttemptTimeout(matrixAttemptTimeout))
	require.NoError(t, err)
	return c, clk
}

// TestFaultMatrix runs operations × faults × {transient, persistent}. The
// cells of one column (one fault, one mode) run concurrently, each on its
// own route so that the faults and request counts of one cell never touch
// another; the columns run one after another.
func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	w := newMatrixWorld(t)
	ops, faults := append(matrixOps(w), mediaMatrixOps(w)...), matrixFaults()
	modes := []struct {
		name   string
		faulty int // requests the fault affects
	}{{"transient", 1}, {"persistent", matrixRetries + 1}}
	cells := 0
	for _, f := range faults {
		for _, mode := range modes {
			column := f.name + "/" + mode.name
			// Prepare every cell of the column before injecting any fault.
			calls := make([]matrixCall, len(ops))
			before := make([]int, len(ops))
			for i, op := range ops {
				calls[i] = op.prepare(t, w, fmt.Sprintf("%s-%s-%s", f.name, mode.name, op.route))
			}
			for i, op := range ops {
				before[i] = w.srv.Requests(op.route)
				w.srv.Inject(op.route, f.make(mode.faulty))
			}
			var wg sync.WaitGroup
			for i, op := range ops {
				cells++
				wg.Go(func() {
					t.Run(column+"/"+op.route, func(t *testing.T) {
						runCell(t, w, op, f, mode.faulty, calls[i], before[i])
					})
				})
			}
			wg.Wait()
			w.srv.ResetFaults() // the faults a create did not use up
		}
	}
	t.Logf("fault matrix: %d operations × %d faults × %d modes = %d cells", len(ops), len(faults), len(modes), cells)
	require.Equal(t, 25*9*2, cells)

	// None duplicated, none lost: the fake holds exactly the rooms meant to be created.
	got := map[string]int{}
	for _, r := range w.srv.Rooms() {
		got[r.UniqueName]++
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	assert.Equal(t, w.rooms, got)
	for name, n := range got {
		assert.Equal(t, 1, n, "room %q exists %d times", name, n)
	}
	// Nor a composition made twice or a recording deleted by accident.
	compositions := map[string]int{}
	for c, err := range w.setup.Compositions.ListIter(context.Background(), nil) {
		require.NoError(t, err)
		compositions[c.SessionID]++
	}
	for session, want := range w.media {
		assert.Equal(t, want.compositions, compositions[session], "compositions of session %s", session)
		assert.Len(t, w.recordingsOf(t, session), want.recordings, "recordings of session %s", session)
	}
	assert.Empty(t, w.srv.ContractViolations())
}

// runCell runs one prepared call and checks it. For a fault whose attempts
// time out, it moves the cell's clock past the attempt timeout each time the
// fake holds one more request of the route: the order is fixed (request
// held, then time up) whatever the machine's load.
func runCell(t *testing.T, w *matrixWorld, op matrixOp, f matrixFault, faulty int, call matrixCall, before int) {
	want := expect(op, f, faulty)
	c, clk := cellClient(t, w)
	ctx, cancel := context.WithTimeout(context.Background(), matrixSafetyNet)
	defer cancel()
	driven := make(chan error, 1)
	go func() {
		for i := 1; i <= want.timeouts; i++ {
			if err := w.srv.WaitRequests(ctx, op.route, before+i); err != nil {
				driven <- err
				return
			}
			clk.Advance(matrixAttemptTimeout)
		}
		driven <- nil
	}()
	start := clk.Now()
	err := call.do(ctx, c)
	elapsed := clk.Since(start)
	require.NoError(t, <-driven, "the fake held every attempt meant to time out")

	assert.Equal(t, want.requests, w.srv.Requests(op.route)-before, "requests the fake saw")
	waits := clk.Sleeps()
	assert.Len(t, waits, want.requests-1, "one wait before every retry")
	for _, d := range waits {
		if f.wait != 0 {
			assert.Equal(t, f.wait, d, "the wait before a retry")
		}
		assert.LessOrEqual(t, d, maxWait(), "the wait before a retry")
	}
	assert.LessOrEqual(t, elapsed, budget(want.requests), "the retry budget of %d attempts", want.requests)
	// Each timed-out attempt took the full timeout, no attempt ended by
	// the timeout unless meant to.
	assert.GreaterOrEqual(t, elapsed, time.Duration(want.timeouts)*matrixAttemptTimeout)
	if want.ok {
		require.NoError(t, err)
		if call.succeeded != nil {
			call.succeeded(t)
		}
	} else {
		require.Error(t, err)
		f.check(t, err, want.requests)
	}
	if want.ran && call.ran != nil {
		call.ran()
	}
}

// TestTransportReplay shows what the matrix's fresh connections avoid, and
// that POST /rooms is never replayed: on a reused keep-alive connection that
// is reset before any answer, net/http itself (not the client) replays an
// idempotent GET once, so the fake sees two requests for one attempt; it
// never replays the POST of a create, which carries no Idempotency-Key.
func TestTransportReplay(t *testing.T) {
	t.Parallel()
	srv := roomstest.NewServer(roomstest.WithResponseValidation())
	t.Cleanup(srv.Close)
	var headers sync.Map // Idempotency-Key headers seen, by route
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	hc := &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		for _, h := range []string{"Idempotency-Key", "X-Idempotency-Key"} {
			if _, ok := r.Header[h]; ok {
				headers.Store(r.Method+" "+r.URL.Path, h)
			}
		}
		return tr.RoundTrip(r)
	})}
	// No retries: every extra request comes from net/http.
	c, err := srv.Client(rooms.WithHTTPClient(hc), rooms.WithRetryPolicy(rooms.RetryPolicy{}))
	require.NoError(t, err)
	ctx := context.Background()
	room, err := c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("warm")}) // opens the connection
	require.NoError(t, err)
	require.Equal(t, 1, srv.ConnectionsOpened())

	srv.Inject("viewRoom", roomstest.ResetNext(1))
	got, err := c.Rooms.Get(ctx, room.ID, nil)
	require.NoError(t, err, "net/http replayed the GET on a new connection")
	assert.Equal(t, room.ID, got.ID)
	assert.Equal(t, 2, srv.Requests("viewRoom"), "one attempt, two requests: the transport's replay")

	srv.Inject("createRoom", roomstest.ResetNext(1))
	_, err = c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("once")})
	require.Error(t, err)
	assert.ErrorAs(t, err, new(*url.Error))
	assert.Equal(t, 2, srv.Requests("createRoom"), "the warm-up and this one: never replayed")
	names := []string{}
	for _, r := range srv.Rooms() {
		names = append(names, r.UniqueName)
	}
	assert.Equal(t, []string{"warm"}, names)

	headers.Range(func(k, v any) bool {
		t.Errorf("%s carried %s", k, v)
		return true
	})
	assert.True(t, slices.Contains([]int{2, 3}, srv.ConnectionsOpened()), "connections: %d", srv.ConnectionsOpened())
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
