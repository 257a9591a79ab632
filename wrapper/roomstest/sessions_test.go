package roomstest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func TestViewRoomSession(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	sess, ps := f.session(t, room.ID, "Alice", "Bob")

	resp, err := f.api.ViewRoomSessionWithResponse(f.ctx, uid(sess.ID), nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	got := resp.JSON200.Data
	assert.Equal(t, sess.ID, got.ID.String())
	assert.Equal(t, room.ID, got.RoomID)
	assert.True(t, got.Active)
	assert.True(t, got.EndedAt.IsZero())
	assert.Equal(t, "room_session", got.RecordType)
	assert.Nil(t, got.Participants)

	with, err := f.api.ViewRoomSessionWithResponse(f.ctx, uid(sess.ID), &gen.ViewRoomSessionParams{IncludeParticipants: ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, joinedIDs(ps), participantIDs(with.JSON200.Data.Participants))

	missing, err := f.api.ViewRoomSessionWithResponse(f.ctx, uuid.New(), nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, missing.StatusCode())
	assert.Equal(t, "room_session_id", errorList(t, missing.JSON404)[0].Source.Parameter)
}

func TestEndSession(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	sess, ps := f.session(t, room.ID, "Alice", "Bob")
	require.NoError(t, f.srv.Leave(ps[1].ID))
	bobLeft := t0
	f.clock.Advance(30 * time.Minute)
	end := t0.Add(30 * time.Minute)

	resp, err := f.api.EndSessionWithResponse(f.ctx, uid(sess.ID))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Equal(t, "ok", resp.JSON200.Data.Result)

	got, err := f.api.ViewRoomSessionWithResponse(f.ctx, uid(sess.ID), &gen.ViewRoomSessionParams{IncludeParticipants: ptr(true)})
	require.NoError(t, err)
	assert.False(t, got.JSON200.Data.Active)
	assert.Equal(t, end, got.JSON200.Data.EndedAt)
	assert.Equal(t, end, got.JSON200.Data.UpdatedAt)
	leftAt := map[string]time.Time{}
	for _, p := range got.JSON200.Data.Participants {
		leftAt[p.Context] = p.LeftAt
	}
	assert.Equal(t, map[string]time.Time{"Alice": end, "Bob": bobLeft}, leftAt,
		"Alice is kicked at the end, Bob keeps his own left_at")

	view, err := f.api.ViewRoomWithResponse(f.ctx, room.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, uuid.Nil, view.JSON200.Data.ActiveSessionID)

	// Ending again succeeds and changes nothing; a new session can start.
	f.clock.Advance(time.Minute)
	again, err := f.api.EndSessionWithResponse(f.ctx, uid(sess.ID))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, again.StatusCode())
	got2, err := f.api.ViewRoomSessionWithResponse(f.ctx, uid(sess.ID), nil)
	require.NoError(t, err)
	assert.Equal(t, end, got2.JSON200.Data.EndedAt)
	_, err = f.srv.StartSession(room.ID.String())
	assert.NoError(t, err)

	missing, err := f.api.EndSessionWithResponse(f.ctx, uuid.New())
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, missing.StatusCode())
}

// participants builds the union value of an ActionsParticipantsRequest.
func participants(t *testing.T, all bool, ids ...uuid.UUID) *gen.ActionsParticipantsRequest_Participants {
	t.Helper()
	var p gen.ActionsParticipantsRequest_Participants
	if all {
		require.NoError(t, p.FromActionsParticipantsRequestParticipants0(gen.All))
	} else {
		require.NoError(t, p.FromActionsParticipantsRequestParticipants1(ids))
	}
	return &p
}

func TestKickParticipants(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	sess, ps := f.session(t, room.ID, "Alice", "Bob", "Carol", "Dave")
	alice, bob, carol, dave := ps[0], ps[1], ps[2], ps[3]
	f.clock.Advance(time.Minute)
	kickedAt := t0.Add(time.Minute)

	left := func() map[string]bool {
		out := map[string]bool{}
		for _, p := range f.srv.Participants() {
			out[p.Context] = !p.LeftAt.IsZero()
		}
		return out
	}

	// A list, minus exclude.
	resp, err := f.api.KickParticipantInSessionWithResponse(f.ctx, uid(sess.ID), gen.ActionsParticipantsRequest{
		Participants: participants(t, false, uid(alice.ID), uid(bob.ID)),
		Exclude:      []uuid.UUID{uid(bob.ID)},
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
	assert.Equal(t, map[string]bool{"Alice": true, "Bob": false, "Carol": false, "Dave": false}, left())
	got, err := f.api.ViewRoomParticipantWithResponse(f.ctx, uid(alice.ID))
	require.NoError(t, err)
	assert.Equal(t, kickedAt, got.JSON200.Data.LeftAt)
	assert.Equal(t, kickedAt, got.JSON200.Data.UpdatedAt)

	// No participants field: nobody.
	resp, err = f.api.KickParticipantInSessionWithResponse(f.ctx, uid(sess.ID), gen.ActionsParticipantsRequest{Exclude: []uuid.UUID{uid(dave.ID)}})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Equal(t, map[string]bool{"Alice": true, "Bob": false, "Carol": false, "Dave": false}, left())

	// "all" minus exclude.
	resp, err = f.api.KickParticipantInSessionWithResponse(f.ctx, uid(sess.ID), gen.ActionsParticipantsRequest{
		Participants: participants(t, true),
		Exclude:      []uuid.UUID{uid(carol.ID)},
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Equal(t, map[string]bool{"Alice": true, "Bob": true, "Carol": false, "Dave": true}, left())

	// Kicking someone who already left changes nothing.
	f.clock.Advance(time.Minute)
	resp, err = f.api.KickParticipantInSessionWithResponse(f.ctx, uid(sess.ID), gen.ActionsParticipantsRequest{Participants: participants(t, false, uid(alice.ID))})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	got, err = f.api.ViewRoomParticipantWithResponse(f.ctx, uid(alice.ID))
	require.NoError(t, err)
	assert.Equal(t, kickedAt, got.JSON200.Data.LeftAt)

	sessNow, err := f.api.ViewRoomSessionWithResponse(f.ctx, uid(sess.ID), nil)
	require.NoError(t, err)
	assert.True(t, sessNow.JSON200.Data.Active, "kicking everyone does not end the session")
}

func TestActionRejectsParticipantOfAnotherSession(t *testing.T) {
	f := newFixture(t)
	r1 := f.createRoom(t, gen.CreateRoomRequest{})
	r2 := f.createRoom(t, gen.CreateRoomRequest{})
	s1, ps1 := f.session(t, r1.ID, "Alice")
	_, ps2 := f.session(t, r2.ID, "Zoe")

	for _, id := range []uuid.UUID{uid(ps2[0].ID), uuid.New()} {
		resp, err := f.api.KickParticipantInSessionWithResponse(f.ctx, uid(s1.ID), gen.ActionsParticipantsRequest{
			Participants: participants(t, false, uid(ps1[0].ID), id),
		})
		require.NoError(t, err)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode(), "body: %s", resp.Body)
		e := errorList(t, resp.JSON422)[0]
		assert.Equal(t, "/participants/1", e.Source.Pointer)
		assert.Contains(t, e.Detail, id.String())
	}
	for _, p := range f.srv.Participants() {
		assert.True(t, p.LeftAt.IsZero(), "a refused kick kicks nobody")
	}

	missing, err := f.api.MuteParticipantInSessionWithResponse(f.ctx, uuid.New(), gen.ActionsParticipantsRequest{Participants: participants(t, true)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, missing.StatusCode())
}

func TestMuteAndUnmute(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	sess, ps := f.session(t, room.ID, "Alice", "Bob", "Carol")
	alice, bob, carol := ps[0].ID, ps[1].ID, ps[2].ID

	resp, err := f.api.MuteParticipantInSessionWithResponse(f.ctx, uid(sess.ID), gen.ActionsParticipantsRequest{
		Participants: participants(t, true),
		Exclude:      []uuid.UUID{uid(ps[0].ID)},
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Equal(t, []bool{false, true, true}, []bool{f.srv.Muted(alice), f.srv.Muted(bob), f.srv.Muted(carol)})

	un, err := f.api.UnmuteParticipantInSessionWithResponse(f.ctx, uid(sess.ID), gen.ActionsParticipantsRequest{
		Participants: participants(t, false, uid(ps[2].ID)),
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, un.StatusCode())
	assert.Equal(t, []bool{false, true, false}, []bool{f.srv.Muted(alice), f.srv.Muted(bob), f.srv.Muted(carol)})

	require.NoError(t, f.srv.Leave(bob))
	assert.False(t, f.srv.Muted(bob), "who left is not muted")
	assert.False(t, f.srv.Muted("not-a-uuid"))
	assert.False(t, f.srv.Muted(uuid.NewString()))
}

func TestListRoomSessionsFilters(t *testing.T) {
	f := newFixture(t)
	r1 := f.createRoom(t, gen.CreateRoomRequest{})
	r2 := f.createRoom(t, gen.CreateRoomRequest{})

	f.clock.Set(time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC))
	old, _ := f.session(t, r1.ID, "Alice")
	f.clock.Set(time.Date(2024, 6, 2, 9, 0, 0, 0, time.UTC))
	_, err := f.api.EndSessionWithResponse(f.ctx, uid(old.ID))
	require.NoError(t, err)
	f.clock.Set(time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC))
	cur, _ := f.session(t, r1.ID, "Bob")
	other, _ := f.session(t, r2.ID)

	tests := []struct {
		name   string
		params gen.ListRoomSessionsParams
		want   []uuid.UUID
	}{
		{"all", gen.ListRoomSessionsParams{}, []uuid.UUID{uid(old.ID), uid(cur.ID), uid(other.ID)}},
		{"room_id", gen.ListRoomSessionsParams{FilterRoomID: &r1.ID}, []uuid.UUID{uid(old.ID), uid(cur.ID)}},
		{"unknown room_id", gen.ListRoomSessionsParams{FilterRoomID: ptr(uuid.New())}, []uuid.UUID{}},
		{"active", gen.ListRoomSessionsParams{FilterActive: ptr(true)}, []uuid.UUID{uid(cur.ID), uid(other.ID)}},
		{"inactive", gen.ListRoomSessionsParams{FilterActive: ptr(false)}, []uuid.UUID{uid(old.ID)}},
		{"created eq", gen.ListRoomSessionsParams{FilterDateCreatedAtEq: day(2024, 6, 3)}, []uuid.UUID{uid(cur.ID), uid(other.ID)}},
		{"created lte", gen.ListRoomSessionsParams{FilterDateCreatedAtLte: day(2024, 6, 2)}, []uuid.UUID{uid(old.ID)}},
		{"updated eq", gen.ListRoomSessionsParams{FilterDateUpdatedAtEq: day(2024, 6, 2)}, []uuid.UUID{uid(old.ID)}},
		{"updated gte", gen.ListRoomSessionsParams{FilterDateUpdatedAtGte: day(2024, 6, 3)}, []uuid.UUID{uid(cur.ID), uid(other.ID)}},
		{"ended eq", gen.ListRoomSessionsParams{FilterDateEndedAtEq: day(2024, 6, 2)}, []uuid.UUID{uid(old.ID)}},
		{"ended gte skips open sessions", gen.ListRoomSessionsParams{FilterDateEndedAtGte: day(2024, 1, 1)}, []uuid.UUID{uid(old.ID)}},
		{"ended lte", gen.ListRoomSessionsParams{FilterDateEndedAtLte: day(2024, 6, 1)}, []uuid.UUID{}},
		{"room and active", gen.ListRoomSessionsParams{FilterRoomID: &r1.ID, FilterActive: ptr(true)}, []uuid.UUID{uid(cur.ID)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.api.ListRoomSessionsWithResponse(f.ctx, &tt.params)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
			assert.Equal(t, tt.want, sessionIDs(resp.JSON200.Data))
			assert.Equal(t, int32(len(tt.want)), resp.JSON200.Meta.TotalResults)
		})
	}
}

func TestNestedListRoomSessions(t *testing.T) {
	f := newFixture(t)
	r1 := f.createRoom(t, gen.CreateRoomRequest{})
	r2 := f.createRoom(t, gen.CreateRoomRequest{})
	old, _ := f.session(t, r1.ID)
	_, err := f.api.EndSessionWithResponse(f.ctx, uid(old.ID))
	require.NoError(t, err)
	f.clock.Advance(time.Hour)
	cur, ps := f.session(t, r1.ID, "Alice")
	f.session(t, r2.ID)

	all, err := f.api.NestedListRoomSessionsWithResponse(f.ctx, r1.ID, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, all.StatusCode())
	assert.Equal(t, []uuid.UUID{uid(old.ID), uid(cur.ID)}, sessionIDs(all.JSON200.Data))
	assert.Nil(t, all.JSON200.Data[1].Participants)

	active, err := f.api.NestedListRoomSessionsWithResponse(f.ctx, r1.ID, &gen.NestedListRoomSessionsParams{
		FilterActive: ptr(true), IncludeParticipants: ptr(true),
	})
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{uid(cur.ID)}, sessionIDs(active.JSON200.Data))
	assert.Equal(t, joinedIDs(ps), participantIDs(active.JSON200.Data[0].Participants))

	ended, err := f.api.NestedListRoomSessionsWithResponse(f.ctx, r1.ID, &gen.NestedListRoomSessionsParams{FilterDateEndedAtEq: day(2024, 5, 10)})
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{uid(old.ID)}, sessionIDs(ended.JSON200.Data))

	created, err := f.api.NestedListRoomSessionsWithResponse(f.ctx, r1.ID, &gen.NestedListRoomSessionsParams{
		FilterDateCreatedAtGte: day(2024, 5, 10), FilterDateUpdatedAtLte: day(2024, 5, 10), PageSize: ptr(int32(1)),
	})
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{uid(old.ID)}, sessionIDs(created.JSON200.Data))
	assert.Equal(t, gen.PaginationMeta{PageNumber: 1, PageSize: 1, TotalPages: 2, TotalResults: 2}, created.JSON200.Meta)
}
