package roomstest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

func TestViewRoomParticipant(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	sess, ps := f.session(t, room.ID, "Alice")

	resp, err := f.api.ViewRoomParticipantWithResponse(f.ctx, uid(ps[0].ID))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	got := resp.JSON200.Data
	assert.Equal(t, gen.RoomParticipant{
		ID: uid(ps[0].ID), SessionID: uid(sess.ID), Context: "Alice",
		JoinedAt: t0, UpdatedAt: t0, RecordType: "room_participant",
	}, got)

	missing, err := f.api.ViewRoomParticipantWithResponse(f.ctx, uuid.New())
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, missing.StatusCode())
	assert.Equal(t, "room_participant_id", errorList(t, missing.JSON404)[0].Source.Parameter)
}

// participantWorld is two rooms with sessions and participants over three
// days: s1 (Alice joined 1 June, left 2 June; Bob joined 1 June) and s2
// (Alice joined 3 June).
type participantWorld struct {
	s1, s2              rooms.Session
	alice1, bob, alice2 rooms.Participant
}

func newParticipantWorld(t *testing.T, f *fixture) participantWorld {
	t.Helper()
	var w participantWorld
	r1 := f.createRoom(t, gen.CreateRoomRequest{})
	r2 := f.createRoom(t, gen.CreateRoomRequest{})
	f.clock.Set(time.Date(2024, 6, 1, 23, 0, 0, 0, time.UTC))
	var ps []rooms.Participant
	w.s1, ps = f.session(t, r1.ID, "Alice", "Bob")
	w.alice1, w.bob = ps[0], ps[1]
	f.clock.Set(time.Date(2024, 6, 2, 1, 0, 0, 0, time.UTC))
	require.NoError(t, f.srv.Leave(w.alice1.ID))
	f.clock.Set(time.Date(2024, 6, 3, 1, 0, 0, 0, time.UTC))
	w.s2, ps = f.session(t, r2.ID, "Alice")
	w.alice2 = ps[0]
	return w
}

func TestListRoomParticipantsFilters(t *testing.T) {
	f := newFixture(t)
	w := newParticipantWorld(t, f)

	tests := []struct {
		name   string
		params gen.ListRoomParticipantsParams
		want   []uuid.UUID
	}{
		{"all", gen.ListRoomParticipantsParams{}, []uuid.UUID{uid(w.alice1.ID), uid(w.bob.ID), uid(w.alice2.ID)}},
		{"context", gen.ListRoomParticipantsParams{FilterContext: ptr("Alice")}, []uuid.UUID{uid(w.alice1.ID), uid(w.alice2.ID)}},
		{"context is exact", gen.ListRoomParticipantsParams{FilterContext: ptr("alice")}, []uuid.UUID{}},
		{"session_id", gen.ListRoomParticipantsParams{FilterSessionID: ptr(uid(w.s1.ID))}, []uuid.UUID{uid(w.alice1.ID), uid(w.bob.ID)}},
		{"session_id and context", gen.ListRoomParticipantsParams{FilterSessionID: ptr(uid(w.s2.ID)), FilterContext: ptr("Bob")}, []uuid.UUID{}},
		{"joined eq", gen.ListRoomParticipantsParams{FilterDateJoinedAtEq: day(2024, 6, 1)}, []uuid.UUID{uid(w.alice1.ID), uid(w.bob.ID)}},
		{"joined gte", gen.ListRoomParticipantsParams{FilterDateJoinedAtGte: day(2024, 6, 2)}, []uuid.UUID{uid(w.alice2.ID)}},
		{"joined lte", gen.ListRoomParticipantsParams{FilterDateJoinedAtLte: day(2024, 6, 3)}, []uuid.UUID{uid(w.alice1.ID), uid(w.bob.ID), uid(w.alice2.ID)}},
		{"updated eq", gen.ListRoomParticipantsParams{FilterDateUpdatedAtEq: day(2024, 6, 2)}, []uuid.UUID{uid(w.alice1.ID)}},
		{"updated lte", gen.ListRoomParticipantsParams{FilterDateUpdatedAtLte: day(2024, 6, 1)}, []uuid.UUID{uid(w.bob.ID)}},
		{"left eq", gen.ListRoomParticipantsParams{FilterDateLeftAtEq: day(2024, 6, 2)}, []uuid.UUID{uid(w.alice1.ID)}},
		{"left gte skips those present", gen.ListRoomParticipantsParams{FilterDateLeftAtGte: day(2000, 1, 1)}, []uuid.UUID{uid(w.alice1.ID)}},
		{"left lte", gen.ListRoomParticipantsParams{FilterDateLeftAtLte: day(2024, 6, 1)}, []uuid.UUID{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.api.ListRoomParticipantsWithResponse(f.ctx, &tt.params)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
			assert.Equal(t, tt.want, participantIDs(resp.JSON200.Data))
			assert.Equal(t, int32(len(tt.want)), resp.JSON200.Meta.TotalResults)
		})
	}
}

func TestNestedListRoomParticipants(t *testing.T) {
	f := newFixture(t)
	w := newParticipantWorld(t, f)

	tests := []struct {
		name   string
		params gen.NestedListRoomParticipantsParams
		want   []uuid.UUID
	}{
		{"all of the session", gen.NestedListRoomParticipantsParams{}, []uuid.UUID{uid(w.alice1.ID), uid(w.bob.ID)}},
		{"context", gen.NestedListRoomParticipantsParams{FilterContext: ptr("Bob")}, []uuid.UUID{uid(w.bob.ID)}},
		{"joined eq", gen.NestedListRoomParticipantsParams{FilterDateJoinedAtEq: day(2024, 6, 1)}, []uuid.UUID{uid(w.alice1.ID), uid(w.bob.ID)}},
		{"joined gte", gen.NestedListRoomParticipantsParams{FilterDateJoinedAtGte: day(2024, 6, 2)}, []uuid.UUID{}},
		{"joined lte", gen.NestedListRoomParticipantsParams{FilterDateJoinedAtLte: day(2024, 6, 1)}, []uuid.UUID{uid(w.alice1.ID), uid(w.bob.ID)}},
		{"updated gte", gen.NestedListRoomParticipantsParams{FilterDateUpdatedAtGte: day(2024, 6, 2)}, []uuid.UUID{uid(w.alice1.ID)}},
		{"updated eq", gen.NestedListRoomParticipantsParams{FilterDateUpdatedAtEq: day(2024, 6, 1)}, []uuid.UUID{uid(w.bob.ID)}},
		{"updated lte", gen.NestedListRoomParticipantsParams{FilterDateUpdatedAtLte: day(2024, 6, 2)}, []uuid.UUID{uid(w.alice1.ID), uid(w.bob.ID)}},
		{"left eq", gen.NestedListRoomParticipantsParams{FilterDateLeftAtEq: day(2024, 6, 2)}, []uuid.UUID{uid(w.alice1.ID)}},
		{"left gte", gen.NestedListRoomParticipantsParams{FilterDateLeftAtGte: day(2024, 6, 3)}, []uuid.UUID{}},
		{"left lte", gen.NestedListRoomParticipantsParams{FilterDateLeftAtLte: day(2024, 6, 2)}, []uuid.UUID{uid(w.alice1.ID)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.api.NestedListRoomParticipantsWithResponse(f.ctx, uid(w.s1.ID), &tt.params)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
			assert.Equal(t, tt.want, participantIDs(resp.JSON200.Data))
		})
	}

	missing, err := f.api.NestedListRoomParticipantsWithResponse(f.ctx, uuid.New(), nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, missing.StatusCode())
	assert.Equal(t, "room_session_id", errorList(t, missing.JSON404)[0].Source.Parameter)
}
