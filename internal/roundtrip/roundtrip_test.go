package roundtrip

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/coverage"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// day is the day the fake's clock runs on: every resource is created and
// changed on it, so the date filters below can name it.
var day = time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)

// onDay matches the resources of day with all three bounds set.
var onDay = rooms.DateFilter{Eq: day, Gte: day.AddDate(0, 0, -9), Lte: day.AddDate(0, 0, 21)}

// afterDay matches nothing: every resource is of day.
var afterDay = rooms.DateFilter{Gte: day.AddDate(0, 0, 1)}

// clock is the fake's clock: 09:00 on day, one second later on every reading.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// advance moves the clock on by d, as the time recordings and compositions
// take to complete on the fake.
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// world is the state the steps share, in the order they build it.
type world struct {
	srv *roomstest.Server
	c   *rooms.Client

	standup, bare, retro string // rooms
	first, second        string // sessions of standup: ended by endSession, then a new active one
	alice, bob, carol    string // participants of first
	dave                 string // participant of second
	refreshToken         string

	clock               *clock
	recorded            string            // session of retro, recorded, ended
	erin, frank         string            // its participants
	recordings          []rooms.Recording // of recorded, completed
	composed, composed2 string            // compositions of recorded
}

// step is one case of the round trip. It calls the client methods of exactly
// one operation, op, and nothing else over HTTP; it may use the fake's test
// controls to arrange state. internal/coverage reads op (a string literal).
type step struct {
	op   string
	name string
	run  func(t *testing.T, ctx context.Context, w *world)
}

// collect drains an iterator, failing on its first error.
func collect[T any](t *testing.T, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

func roomIDs(rs []rooms.Room) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func sessionIDs(ss []rooms.Session) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

func participantIDs(ps []rooms.Participant) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

// paging returns the paging fields of a page, to compare them in one assertion.
func paging[T any](p *rooms.Page[T]) [4]int {
	return [4]int{p.PageNumber, p.PageSize, p.TotalPages, p.TotalResults}
}

// participant returns the fake's view of one participant.
func participant(t *testing.T, w *world, id string) rooms.Participant {
	t.Helper()
	all := w.srv.Participants()
	i := slices.IndexFunc(all, func(p rooms.Participant) bool { return p.ID == id })
	require.GreaterOrEqual(t, i, 0, "participant %s", id)
	return all[i]
}

// session returns the fake's view of one session.
func session(t *testing.T, w *world, id string) rooms.Session {
	t.Helper()
	all := w.srv.Sessions()
	i := slices.IndexFunc(all, func(s rooms.Session) bool { return s.ID == id })
	require.GreaterOrEqual(t, i, 0, "session %s", id)
	return all[i]
}

func muted(w *world, ids ...string) []bool {
	out := make([]bool, len(ids))
	for i, id := range ids {
		out[i] = w.srv.Muted(id)
	}
	return out
}

// steps is the round trip, in order. Each client method of wrapper/rooms is
// called, every list with every filter, include flag and paging parameter,
// every iterator, and the participant actions with "all" plus exclude and
// with lists of ids.
func steps() []step {
	return []step{
		{op: "createRoom", name: "every field", run: func(t *testing.T, ctx context.Context, w *world) {
			r, err := w.c.Rooms.Create(ctx, &rooms.RoomParams{
				UniqueName: rooms.Ptr("standup"), MaxParticipants: rooms.Ptr(5), EnableRecording: rooms.Ptr(true),
				WebhookEventURL: rooms.Ptr("https://example.com/hooks"), WebhookEventFailoverURL: rooms.Ptr("https://failover.example.com/hooks"),
				WebhookTimeoutSecs: rooms.Ptr(20),
			})
			require.NoError(t, err)
			assert.Equal(t, "standup", r.UniqueName)
			assert.EqualValues(t, 5, r.MaxParticipants)
			assert.True(t, r.EnableRecording)
			assert.Equal(t, "https://example.com/hooks", r.WebhookEventURL)
			assert.Equal(t, "https://failover.example.com/hooks", r.WebhookEventFailoverURL)
			require.NotNil(t, r.WebhookTimeoutSecs)
			assert.EqualValues(t, 20, *r.WebhookTimeoutSecs)
			assert.Equal(t, day, r.CreatedAt.Truncate(24*time.Hour))
			w.standup = r.ID
		}},
		{op: "createRoom", name: "nil params take the defaults", run: func(t *testing.T, ctx context.Context, w *world) {
			r, err := w.c.Rooms.Create(ctx, nil)
			require.NoError(t, err)
			assert.EqualValues(t, 10, r.MaxParticipants)
			assert.False(t, r.EnableRecording)
			assert.Nil(t, r.WebhookTimeoutSecs)
			w.bare = r.ID
		}},
		{op: "createRoom", name: "a name only", run: func(t *testing.T, ctx context.Context, w *world) {
			r, err := w.c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("retro")})
			require.NoError(t, err)
			assert.Equal(t, "retro", r.UniqueName)
			w.retro = r.ID
		}},
		{op: "updateRoom", name: "every field", run: func(t *testing.T, ctx context.Context, w *world) {
			r, err := w.c.Rooms.Update(ctx, w.standup, &rooms.RoomParams{
				UniqueName: rooms.Ptr("standup-2"), MaxParticipants: rooms.Ptr(4), EnableRecording: rooms.Ptr(false),
				WebhookEventURL: rooms.Ptr("https://example.com/v2/hooks"), WebhookEventFailoverURL: rooms.Ptr("https://failover.example.com/v2/hooks"),
				WebhookTimeoutSecs: rooms.Ptr(0),
			})
			require.NoError(t, err)
			assert.Equal(t, w.standup, r.ID)
			assert.Equal(t, "standup-2", r.UniqueName)
			assert.EqualValues(t, 4, r.MaxParticipants)
			assert.False(t, r.EnableRecording)
			assert.Equal(t, "https://example.com/v2/hooks", r.WebhookEventURL)
			assert.Equal(t, "https://failover.example.com/v2/hooks", r.WebhookEventFailoverURL)
			require.NotNil(t, r.WebhookTimeoutSecs)
			assert.EqualValues(t, 0, *r.WebhookTimeoutSecs)
			assert.True(t, r.UpdatedAt.After(r.CreatedAt))
		}},
		{op: "viewRoom", name: "with and without sessions", run: func(t *testing.T, ctx context.Context, w *world) {
			s, err := w.srv.StartSession(w.standup)
			require.NoError(t, err)
			w.first = s.ID
			for _, who := range []struct {
				id   *string
				name string
			}{{&w.alice, "Alice"}, {&w.bob, "Bob"}, {&w.carol, "Carol"}} {
				p, err := w.srv.Join(w.first, who.name)
				require.NoError(t, err)
				*who.id = p.ID
			}

			r, err := w.c.Rooms.Get(ctx, w.standup, &rooms.GetRoomParams{IncludeSessions: true})
			require.NoError(t, err)
			assert.Equal(t, "standup-2", r.UniqueName)
			assert.Equal(t, w.first, r.ActiveSessionID)
			require.Len(t, r.Sessions, 1)
			assert.Equal(t, w.first, r.Sessions[0].ID)
			assert.True(t, r.Sessions[0].Active)

			r, err = w.c.Rooms.Get(ctx, w.standup, nil)
			require.NoError(t, err)
			assert.Empty(t, r.Sessions, "sessions only when asked for")
		}},
		{op: "viewRoomSession", name: "with and without participants", run: func(t *testing.T, ctx context.Context, w *world) {
			s, err := w.c.Sessions.Get(ctx, w.first, &rooms.GetSessionParams{IncludeParticipants: true})
			require.NoError(t, err)
			assert.Equal(t, w.standup, s.RoomID)
			assert.True(t, s.Active)
			assert.Equal(t, []string{w.alice, w.bob, w.carol}, participantIDs(s.Participants))

			s, err = w.c.Sessions.Get(ctx, w.first, nil)
			require.NoError(t, err)
			assert.Empty(t, s.Participants, "participants only when asked for")
		}},
		{op: "viewRoomParticipant", name: "", run: func(t *testing.T, ctx context.Context, w *world) {
			p, err := w.c.Participants.Get(ctx, w.alice)
			require.NoError(t, err)
			assert.Equal(t, "Alice", p.Context)
			assert.Equal(t, w.first, p.SessionID)
			assert.True(t, p.LeftAt.IsZero())
		}},
		{op: "muteParticipantInSession", name: "all but one", run: func(t *testing.T, ctx context.Context, w *world) {
			err := w.c.Sessions.Mute(ctx, w.first, rooms.ParticipantsAction{Participants: rooms.AllParticipants, Exclude: []string{w.alice}})
			require.NoError(t, err)
			assert.Equal(t, []bool{false, true, true}, muted(w, w.alice, w.bob, w.carol))
		}},
		{op: "unmuteParticipantInSession", name: "a list of ids", run: func(t *testing.T, ctx context.Context, w *world) {
			err := w.c.Sessions.Unmute(ctx, w.first, rooms.ParticipantsAction{Participants: rooms.ParticipantIDs(w.bob)})
			require.NoError(t, err)
			assert.Equal(t, []bool{false, false, true}, muted(w, w.alice, w.bob, w.carol))
		}},
		{op: "muteParticipantInSession", name: "a list of ids", run: func(t *testing.T, ctx context.Context, w *world) {
			err := w.c.Sessions.Mute(ctx, w.first, rooms.ParticipantsAction{Participants: rooms.ParticipantIDs(w.alice, w.bob)})
			require.NoError(t, err)
			assert.Equal(t, []bool{true, true, true}, muted(w, w.alice, w.bob, w.carol))
		}},
		{op: "unmuteParticipantInSession", name: "all but one", run: func(t *testing.T, ctx context.Context, w *world) {
			err := w.c.Sessions.Unmute(ctx, w.first, rooms.ParticipantsAction{Participants: rooms.AllParticipants, Exclude: []string{w.carol}})
			require.NoError(t, err)
			assert.Equal(t, []bool{false, false, true}, muted(w, w.alice, w.bob, w.carol))
		}},
		{op: "kickParticipantInSession", name: "a list of ids", run: func(t *testing.T, ctx context.Context, w *world) {
			err := w.c.Sessions.Kick(ctx, w.first, rooms.ParticipantsAction{Participants: rooms.ParticipantIDs(w.carol)})
			require.NoError(t, err)
			assert.False(t, participant(t, w, w.carol).LeftAt.IsZero(), "Carol left")
			assert.True(t, participant(t, w, w.bob).LeftAt.IsZero(), "Bob stays")
		}},
		{op: "kickParticipantInSession", name: "all but one", run: func(t *testing.T, ctx context.Context, w *world) {
			err := w.c.Sessions.Kick(ctx, w.first, rooms.ParticipantsAction{Participants: rooms.AllParticipants, Exclude: []string{w.alice}})
			require.NoError(t, err)
			assert.False(t, participant(t, w, w.bob).LeftAt.IsZero(), "Bob left")
			assert.True(t, participant(t, w, w.alice).LeftAt.IsZero(), "Alice stays")
		}},
		{op: "listRoomParticipants", name: "every filter", run: func(t *testing.T, ctx context.Context, w *world) {
			p, err := w.c.Participants.List(ctx, &rooms.ListParticipantsParams{
				JoinedAt: onDay, UpdatedAt: onDay, LeftAt: onDay, Context: "Carol", SessionID: w.first,
				ListOptions: rooms.ListOptions{PageNumber: 1, PageSize: 5},
			})
			require.NoError(t, err)
			assert.Equal(t, []string{w.carol}, participantIDs(p.Items))
			assert.Equal(t, [4]int{1, 5, 1, 1}, paging(p))

			p, err = w.c.Participants.List(ctx, &rooms.ListParticipantsParams{JoinedAt: afterDay})
			require.NoError(t, err)
			assert.Empty(t, p.Items, "no one joined after the day")
			assert.Zero(t, p.TotalResults)
		}},
		{op: "listRoomParticipants", name: "iterator and Next", run: func(t *testing.T, ctx context.Context, w *world) {
			all := collect(t, w.c.Participants.ListIter(ctx, &rooms.ListParticipantsParams{SessionID: w.first, ListOptions: rooms.ListOptions{PageSize: 1}}, rooms.WithPrefetch(2)))
			assert.Equal(t, []string{w.alice, w.bob, w.carol}, participantIDs(all))

			p, err := w.c.Participants.List(ctx, &rooms.ListParticipantsParams{SessionID: w.first, ListOptions: rooms.ListOptions{PageSize: 2}})
			require.NoError(t, err)
			require.True(t, p.HasNext())
			p, err = p.Next(ctx)
			require.NoError(t, err)
			assert.Equal(t, []string{w.carol}, participantIDs(p.Items))
			assert.Equal(t, [4]int{2, 2, 2, 3}, paging(p))
			assert.False(t, p.HasNext())
		}},
		{op: "nestedListRoomParticipants", name: "every filter", run: func(t *testing.T, ctx context.Context, w *world) {
			p, err := w.c.Sessions.ListParticipants(ctx, w.first, &rooms.ListParticipantsParams{
				JoinedAt: onDay, UpdatedAt: onDay, LeftAt: onDay, Context: "Bob", SessionID: w.first,
				ListOptions: rooms.ListOptions{PageNumber: 1, PageSize: 3},
			})
			require.NoError(t, err)
			assert.Equal(t, []string{w.bob}, participantIDs(p.Items))
			assert.Equal(t, [4]int{1, 3, 1, 1}, paging(p))

			p, err = w.c.Sessions.ListParticipants(ctx, w.first, &rooms.ListParticipantsParams{LeftAt: afterDay})
			require.NoError(t, err)
			assert.Empty(t, p.Items)
		}},
		{op: "nestedListRoomParticipants", name: "iterator", run: func(t *testing.T, ctx context.Context, w *world) {
			all := collect(t, w.c.Sessions.ListParticipantsIter(ctx, w.first, &rooms.ListParticipantsParams{ListOptions: rooms.ListOptions{PageSize: 2}}))
			assert.Equal(t, []string{w.alice, w.bob, w.carol}, participantIDs(all))
		}},
		{op: "endSession", name: "", run: func(t *testing.T, ctx context.Context, w *world) {
			require.NoError(t, w.c.Sessions.End(ctx, w.first))
			s := session(t, w, w.first)
			assert.False(t, s.Active)
			assert.False(t, s.EndedAt.IsZero())
			assert.False(t, participant(t, w, w.alice).LeftAt.IsZero(), "everyone left")
		}},
		{op: "listRoomSessions", name: "every filter", run: func(t *testing.T, ctx context.Context, w *world) {
			s, err := w.srv.StartSession(w.standup)
			require.NoError(t, err)
			w.second = s.ID
			p, err := w.srv.Join(w.second, "Dave")
			require.NoError(t, err)
			w.dave = p.ID

			page, err := w.c.Sessions.List(ctx, &rooms.ListSessionsParams{
				CreatedAt: onDay, UpdatedAt: onDay, EndedAt: onDay, RoomID: w.standup, Active: rooms.Ptr(false),
				IncludeParticipants: true, ListOptions: rooms.ListOptions{PageNumber: 1, PageSize: 10},
			})
			require.NoError(t, err)
			assert.Equal(t, []string{w.first}, sessionIDs(page.Items))
			assert.Equal(t, [4]int{1, 10, 1, 1}, paging(page))
			require.Len(t, page.Items, 1)
			assert.Equal(t, []string{w.alice, w.bob, w.carol}, participantIDs(page.Items[0].Participants))

			page, err = w.c.Sessions.List(ctx, &rooms.ListSessionsParams{RoomID: w.standup, Active: rooms.Ptr(true)})
			require.NoError(t, err)
			assert.Equal(t, []string{w.second}, sessionIDs(page.Items))
			assert.Empty(t, page.Items[0].Participants, "participants only when asked for")

			page, err = w.c.Sessions.List(ctx, &rooms.ListSessionsParams{CreatedAt: afterDay})
			require.NoError(t, err)
			assert.Empty(t, page.Items)
		}},
		{op: "listRoomSessions", name: "iterator", run: func(t *testing.T, ctx context.Context, w *world) {
			all := collect(t, w.c.Sessions.ListIter(ctx, &rooms.ListSessionsParams{RoomID: w.standup, ListOptions: rooms.ListOptions{PageSize: 1}}, rooms.WithPrefetch(1)))
			assert.Equal(t, []string{w.first, w.second}, sessionIDs(all))
		}},
		{op: "nestedListRoomSessions", name: "every filter", run: func(t *testing.T, ctx context.Context, w *world) {
			page, err := w.c.Rooms.ListSessions(ctx, w.standup, &rooms.ListSessionsParams{
				CreatedAt: onDay, UpdatedAt: onDay, EndedAt: onDay, RoomID: w.standup, Active: rooms.Ptr(false),
				IncludeParticipants: true, ListOptions: rooms.ListOptions{PageNumber: 1, PageSize: 2},
			})
			require.NoError(t, err)
			assert.Equal(t, []string{w.first}, sessionIDs(page.Items))
			assert.Equal(t, [4]int{1, 2, 1, 1}, paging(page))
			require.Len(t, page.Items, 1)
			assert.Len(t, page.Items[0].Participants, 3)

			page, err = w.c.Rooms.ListSessions(ctx, w.retro, nil)
			require.NoError(t, err)
			assert.Empty(t, page.Items, "retro never had a session")
		}},
		{op: "nestedListRoomSessions", name: "iterator", run: func(t *testing.T, ctx context.Context, w *world) {
			all := collect(t, w.c.Rooms.ListSessionsIter(ctx, w.standup, &rooms.ListSessionsParams{ListOptions: rooms.ListOptions{PageSize: 1}}))
			assert.Equal(t, []string{w.first, w.second}, sessionIDs(all))
		}},
		{op: "listRooms", name: "every filter", run: func(t *testing.T, ctx context.Context, w *world) {
			page, err := w.c.Rooms.List(ctx, &rooms.ListRoomsParams{
				CreatedAt: onDay, UpdatedAt: onDay, UniqueName: "standup-2", IncludeSessions: true,
				ListOptions: rooms.ListOptions{PageNumber: 1, PageSize: 1},
			})
			require.NoError(t, err)
			assert.Equal(t, []string{w.standup}, roomIDs(page.Items))
			assert.Equal(t, [4]int{1, 1, 1, 1}, paging(page))
			require.Len(t, page.Items, 1)
			assert.Equal(t, []string{w.first, w.second}, sessionIDs(page.Items[0].Sessions))

			page, err = w.c.Rooms.List(ctx, &rooms.ListRoomsParams{UpdatedAt: afterDay})
			require.NoError(t, err)
			assert.Empty(t, page.Items)
		}},
		{op: "listRooms", name: "iterator and Next", run: func(t *testing.T, ctx context.Context, w *world) {
			all := collect(t, w.c.Rooms.ListIter(ctx, &rooms.ListRoomsParams{ListOptions: rooms.ListOptions{PageSize: 1}}, rooms.WithPrefetch(2)))
			assert.Equal(t, []string{w.standup, w.bare, w.retro}, roomIDs(all))

			page, err := w.c.Rooms.List(ctx, &rooms.ListRoomsParams{ListOptions: rooms.ListOptions{PageSize: 2}})
			require.NoError(t, err)
			assert.Equal(t, []string{w.standup, w.bare}, roomIDs(page.Items))
			page, err = page.Next(ctx)
			require.NoError(t, err)
			assert.Equal(t, []string{w.retro}, roomIDs(page.Items))
			assert.Equal(t, [4]int{2, 2, 2, 3}, paging(page))
		}},
		{op: "generateJoinClientToken", name: "both lifetimes", run: func(t *testing.T, ctx context.Context, w *world) {
			tok, err := w.c.Tokens.Generate(ctx, w.standup, &rooms.GenerateTokenParams{TokenTTL: 5 * time.Minute, RefreshTokenTTL: 2 * time.Hour})
			require.NoError(t, err)
			assert.NotEmpty(t, tok.Token)
			require.NotEmpty(t, tok.RefreshToken)
			assert.Equal(t, 2*time.Hour-5*time.Minute, tok.RefreshTokenExpiresAt.Sub(tok.TokenExpiresAt))
			w.refreshToken = tok.RefreshToken

			tok, err = w.c.Tokens.Generate(ctx, w.standup, nil)
			require.NoError(t, err)
			assert.Equal(t, time.Hour-10*time.Minute, tok.RefreshTokenExpiresAt.Sub(tok.TokenExpiresAt), "the API's defaults")
		}},
		{op: "refreshClientToken", name: "", run: func(t *testing.T, ctx context.Context, w *world) {
			tok, err := w.c.Tokens.Refresh(ctx, w.standup, &rooms.RefreshTokenParams{RefreshToken: w.refreshToken, TokenTTL: time.Minute})
			require.NoError(t, err)
			assert.NotEmpty(t, tok.Token)
			assert.Equal(t, day, tok.TokenExpiresAt.Truncate(24*time.Hour))

			again, err := w.c.Tokens.Refresh(ctx, w.standup, &rooms.RefreshTokenParams{RefreshToken: w.refreshToken})
			require.NoError(t, err)
			assert.NotEqual(t, tok.Token, again.Token)
			assert.True(t, again.TokenExpiresAt.After(tok.TokenExpiresAt), "default 10 min outlasts 1 min")
		}},
		{op: "deleteRoom", name: "", run: func(t *testing.T, ctx context.Context, w *world) {
			require.NoError(t, w.c.Rooms.Delete(ctx, w.bare))
			require.NoError(t, w.c.Rooms.Delete(ctx, w.standup))
			assert.Equal(t, []string{w.retro}, roomIDs(w.srv.Rooms()))
			assert.False(t, session(t, w, w.second).Active, "deleting a room ends its active session")
			assert.False(t, participant(t, w, w.dave).LeftAt.IsZero())
		}},
	}
}

// TestRoundTrip runs every step against one fake that validates requests and
// responses, with retries off and a recording transport, and checks after
// each step that it requested exactly its operation, got only 2xx answers
// and caused no contract violation; then that every operation was requested
// and every query parameter and body field of the contract was sent.
func TestRoundTrip(t *testing.T) {
	clk := &clock{t: day.Add(9 * time.Hour)}
	srv := roomstest.NewServer(roomstest.WithResponseValidation(), roomstest.WithClock(clk.now))
	t.Cleanup(srv.Close)
	rec := newRecorder(t)
	client, err := srv.Client(rooms.WithHTTPClient(&http.Client{Transport: rec}), rooms.WithRetryPolicy(rooms.RetryPolicy{}))
	require.NoError(t, err)
	ops := operationIDs(t, rec.doc)
	w := &world{srv: srv, c: client, clock: clk}

	for i, s := range append(steps(), mediaSteps()...) {
		name := fmt.Sprintf("%02d %s", i+1, s.op)
		if s.name != "" {
			name += " " + s.name
		}
		ok := t.Run(name, func(t *testing.T) {
			require.Contains(t, ops, s.op, "the step declares an operation openapi.yaml does not have")
			before := requestCounts(srv, ops)
			violations := len(srv.ContractViolations())
			seen := rec.count()

			s.run(t, t.Context(), w)

			for _, e := range rec.since(seen) {
				assert.Equal(t, 2, e.status/100, "every request of the round trip must succeed: %s", e)
			}
			assert.Empty(t, srv.ContractViolations()[violations:], "responses that violate openapi.yaml")
			after := requestCounts(srv, ops)
			var called []string
			for _, op := range ops {
				if after[op] > before[op] {
					called = append(called, op)
				}
			}
			assert.Equal(t, []string{s.op}, called, "a step requests exactly the operation it declares")
		})
		if !ok {
			t.Fatalf("step %q failed; the later steps build on it", name)
		}
	}

	t.Run("every operation was requested", func(t *testing.T) {
		for _, op := range ops {
			if roundTripPending(op) {
				continue
			}
			assert.GreaterOrEqual(t, srv.Requests(op), 1, "no round-trip step requested %s: add a step{op: %q, ...}", op, op)
		}
	})
	t.Run("every query parameter and body field was sent", func(t *testing.T) {
		if missing := rec.unsent(); len(missing) > 0 {
			t.Errorf("inputs of the contract that no request of the round trip carried; add them to a step:\n  %s", strings.Join(missing, "\n  "))
		}
	})
	assert.Empty(t, srv.ContractViolations())
}

// operationIDs returns every operationId of doc, sorted.
func operationIDs(t *testing.T, doc *openapi3.T) []string {
	t.Helper()
	var ops []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops = append(ops, op.OperationID)
		}
	}
	slices.Sort(ops)
	require.NotEmpty(t, ops)
	return ops
}

func requestCounts(srv *roomstest.Server, ops []string) map[string]int {
	counts := make(map[string]int, len(ops))
	for _, op := range ops {
		counts[op] = srv.Requests(op)
	}
	return counts
}

// roundTripPending reports whether the round-trip layer of op is not built
// yet, as coverage.PendingLayers says (with the reason): its checks of every
// operation skip it until then.
func roundTripPending(op string) bool {
	return coverage.PendingLayers()[op][coverage.LayerRoundTrip] != ""
}
