package roomstest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func TestCreateRoomAppliesDefaults(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("standup")})

	assert.NotEqual(t, uuid.Nil, room.ID)
	assert.Equal(t, "standup", room.UniqueName)
	assert.Equal(t, int32(10), room.MaxParticipants)
	assert.False(t, room.EnableRecording)
	assert.Empty(t, room.WebhookEventURL)
	assert.Empty(t, room.WebhookEventFailoverURL)
	assert.Nil(t, room.WebhookTimeoutSecs)
	assert.Equal(t, uuid.Nil, room.ActiveSessionID)
	assert.Equal(t, "room", room.RecordType)
	assert.Equal(t, t0, room.CreatedAt)
	assert.Equal(t, t0, room.UpdatedAt)
	assert.Nil(t, room.Sessions)

	// Unset optional fields are absent from the JSON, not null or "".
	status, _, body := f.do(t, http.MethodGet, "/rooms/"+room.ID.String(), "")
	require.Equal(t, http.StatusOK, status)
	var raw struct{ Data map[string]json.RawMessage }
	require.NoError(t, json.Unmarshal(body, &raw))
	for _, k := range []string{"webhook_event_url", "webhook_event_failover_url", "webhook_timeout_secs", "active_session_id", "sessions"} {
		assert.NotContains(t, raw.Data, k)
	}
}

func TestCreateRoomWithEveryField(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{
		UniqueName:              ptr("all-hands"),
		MaxParticipants:         ptr(int32(50)),
		EnableRecording:         ptr(true),
		WebhookEventURL:         ptr("https://example.com/hook"),
		WebhookEventFailoverURL: ptr("https://failover.example.com/hook"),
		WebhookTimeoutSecs:      ptr(int32(0)),
	})
	assert.Equal(t, int32(50), room.MaxParticipants)
	assert.True(t, room.EnableRecording)
	assert.Equal(t, "https://example.com/hook", room.WebhookEventURL)
	assert.Equal(t, "https://failover.example.com/hook", room.WebhookEventFailoverURL)
	require.NotNil(t, room.WebhookTimeoutSecs, "0 is a timeout, distinct from null")
	assert.Equal(t, int32(0), *room.WebhookTimeoutSecs)

	got, err := f.api.ViewRoomWithResponse(f.ctx, room.ID, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, got.StatusCode())
	assert.Equal(t, room, got.JSON200.Data)
	assert.Len(t, f.srv.Rooms(), 1)
}

func TestCreateRoomRejectsDuplicateUniqueName(t *testing.T) {
	f := newFixture(t)
	f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("standup")})

	resp, err := f.api.CreateRoomWithResponse(f.ctx, gen.CreateRoomRequest{UniqueName: ptr("standup")})
	require.NoError(t, err)
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode())
	require.NotNil(t, resp.JSON422)
	e := errorList(t, resp.JSON422)[0]
	assert.Equal(t, "/unique_name", e.Source.Pointer)
	assert.Equal(t, "10012", e.Code)
	assert.Contains(t, e.Detail, "standup")
	assert.Len(t, f.srv.Rooms(), 1, "the duplicate was not stored")

	// Rooms without a name do not collide.
	f.createRoom(t, gen.CreateRoomRequest{})
	f.createRoom(t, gen.CreateRoomRequest{})
	assert.Len(t, f.srv.Rooms(), 3)
}

func TestViewRoomIncludeSessions(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	s1, _ := f.session(t, room.ID)
	_, err := f.api.EndSessionWithResponse(f.ctx, uid(s1.ID))
	require.NoError(t, err)
	f.clock.Advance(time.Minute)
	s2, _ := f.session(t, room.ID, "Alice")

	without, err := f.api.ViewRoomWithResponse(f.ctx, room.ID, nil)
	require.NoError(t, err)
	assert.Nil(t, without.JSON200.Data.Sessions)
	assert.Equal(t, s2.ID, without.JSON200.Data.ActiveSessionID.String())

	with, err := f.api.ViewRoomWithResponse(f.ctx, room.ID, &gen.ViewRoomParams{IncludeSessions: ptr(true)})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, with.StatusCode())
	assert.Equal(t, []uuid.UUID{uid(s1.ID), uid(s2.ID)}, sessionIDs(with.JSON200.Data.Sessions))
	assert.Nil(t, with.JSON200.Data.Sessions[1].Participants, "include_sessions does not nest participants")
}

func TestViewRoomUnknownIs404(t *testing.T) {
	f := newFixture(t)
	id := uuid.New()
	resp, err := f.api.ViewRoomWithResponse(f.ctx, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, resp.StatusCode())
	e := errorList(t, resp.JSON404)[0]
	assert.Equal(t, "10005", e.Code)
	assert.Equal(t, "room_id", e.Source.Parameter)
	assert.Contains(t, e.Detail, id.String())
}

func TestUpdateRoomChangesOnlyPresentFields(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{
		UniqueName:         ptr("standup"),
		WebhookEventURL:    ptr("https://example.com/hook"),
		WebhookTimeoutSecs: ptr(int32(20)),
	})
	f.clock.Advance(time.Hour)

	resp, err := f.api.UpdateRoomWithResponse(f.ctx, room.ID, gen.UpdateRoomRequest{MaxParticipants: ptr(int32(4))})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
	got := resp.JSON200.Data
	assert.Equal(t, int32(4), got.MaxParticipants)
	assert.Equal(t, "standup", got.UniqueName)
	assert.Equal(t, "https://example.com/hook", got.WebhookEventURL)
	assert.Equal(t, int32(20), *got.WebhookTimeoutSecs)
	assert.Equal(t, t0, got.CreatedAt)
	assert.Equal(t, t0.Add(time.Hour), got.UpdatedAt)

	// null clears the timeout, "" clears a URL, absent keeps.
	status, _, body := f.do(t, http.MethodPatch, "/rooms/"+room.ID.String(),
		`{"webhook_timeout_secs": null, "webhook_event_url": ""}`)
	require.Equal(t, http.StatusOK, status, "body: %s", body)
	view, err := f.api.ViewRoomWithResponse(f.ctx, room.ID, nil)
	require.NoError(t, err)
	assert.Nil(t, view.JSON200.Data.WebhookTimeoutSecs)
	assert.Empty(t, view.JSON200.Data.WebhookEventURL)
	assert.Equal(t, int32(4), view.JSON200.Data.MaxParticipants)
}

func TestUpdateRoomUniqueName(t *testing.T) {
	f := newFixture(t)
	a := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("a")})
	f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("b")})

	same, err := f.api.UpdateRoomWithResponse(f.ctx, a.ID, gen.UpdateRoomRequest{UniqueName: ptr("a")})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, same.StatusCode(), "keeping its own name is fine")

	taken, err := f.api.UpdateRoomWithResponse(f.ctx, a.ID, gen.UpdateRoomRequest{UniqueName: ptr("b"), MaxParticipants: ptr(int32(3))})
	require.NoError(t, err)
	require.Equal(t, http.StatusUnprocessableEntity, taken.StatusCode())
	assert.Equal(t, "/unique_name", errorList(t, taken.JSON422)[0].Source.Pointer)

	view, err := f.api.ViewRoomWithResponse(f.ctx, a.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, "a", view.JSON200.Data.UniqueName)
	assert.Equal(t, int32(10), view.JSON200.Data.MaxParticipants, "a refused update changes nothing")

	renamed, err := f.api.UpdateRoomWithResponse(f.ctx, a.ID, gen.UpdateRoomRequest{UniqueName: ptr("c")})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, renamed.StatusCode())
	f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("a")}) // the old name is free again
}

func TestUpdateUnknownRoomIs404(t *testing.T) {
	f := newFixture(t)
	resp, err := f.api.UpdateRoomWithResponse(f.ctx, uuid.New(), gen.UpdateRoomRequest{})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode())
}

func TestDeleteRoomEndsSessionAndKicksEveryone(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("doomed")})
	sess, ps := f.session(t, room.ID, "Alice", "Bob")
	f.clock.Advance(10 * time.Minute)

	del, err := f.api.DeleteRoomWithResponse(f.ctx, room.ID)
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, del.StatusCode())
	assert.Empty(t, del.Body)

	view, err := f.api.ViewRoomWithResponse(f.ctx, room.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, view.StatusCode())
	again, err := f.api.DeleteRoomWithResponse(f.ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, again.StatusCode())
	nested, err := f.api.NestedListRoomSessionsWithResponse(f.ctx, room.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, nested.StatusCode())

	ended := t0.Add(10 * time.Minute)
	s, err := f.api.ViewRoomSessionWithResponse(f.ctx, uid(sess.ID), nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, s.StatusCode(), "past sessions stay readable")
	assert.False(t, s.JSON200.Data.Active)
	assert.Equal(t, ended, s.JSON200.Data.EndedAt)
	for _, p := range ps {
		got, err := f.api.ViewRoomParticipantWithResponse(f.ctx, uid(p.ID))
		require.NoError(t, err)
		assert.Equal(t, ended, got.JSON200.Data.LeftAt, p.Context)
	}

	_, err = f.srv.Join(sess.ID, "Carol")
	assert.Error(t, err, "nobody can join a deleted room")
	_, err = f.srv.StartSession(room.ID.String())
	assert.Error(t, err)
	f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("doomed")}) // the name is free again
}

func TestListRoomsFilters(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(time.Date(2024, 5, 10, 23, 59, 59, 0, time.UTC))
	a := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("a")})
	f.clock.Set(time.Date(2024, 5, 11, 0, 0, 0, 0, time.UTC))
	b := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("b")})
	f.clock.Set(time.Date(2024, 5, 12, 8, 0, 0, 0, time.UTC))
	c := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr("c")})
	// a is updated on the 13th: its updated_at moves, created_at does not.
	f.clock.Set(time.Date(2024, 5, 13, 8, 0, 0, 0, time.UTC))
	_, err := f.api.UpdateRoomWithResponse(f.ctx, a.ID, gen.UpdateRoomRequest{EnableRecording: ptr(true)})
	require.NoError(t, err)

	tests := []struct {
		name   string
		params gen.ListRoomsParams
		want   []uuid.UUID
	}{
		{"no filter", gen.ListRoomsParams{}, []uuid.UUID{a.ID, b.ID, c.ID}},
		{"created eq", gen.ListRoomsParams{FilterDateCreatedAtEq: day(2024, 5, 11)}, []uuid.UUID{b.ID}},
		{"created eq is a UTC day", gen.ListRoomsParams{FilterDateCreatedAtEq: day(2024, 5, 10)}, []uuid.UUID{a.ID}},
		{"created gte inclusive", gen.ListRoomsParams{FilterDateCreatedAtGte: day(2024, 5, 11)}, []uuid.UUID{b.ID, c.ID}},
		{"created lte inclusive", gen.ListRoomsParams{FilterDateCreatedAtLte: day(2024, 5, 11)}, []uuid.UUID{a.ID, b.ID}},
		{"created range", gen.ListRoomsParams{FilterDateCreatedAtGte: day(2024, 5, 11), FilterDateCreatedAtLte: day(2024, 5, 11)}, []uuid.UUID{b.ID}},
		{"created empty range", gen.ListRoomsParams{FilterDateCreatedAtGte: day(2024, 5, 12), FilterDateCreatedAtLte: day(2024, 5, 11)}, []uuid.UUID{}},
		{"updated eq", gen.ListRoomsParams{FilterDateUpdatedAtEq: day(2024, 5, 13)}, []uuid.UUID{a.ID}},
		{"updated gte", gen.ListRoomsParams{FilterDateUpdatedAtGte: day(2024, 5, 12)}, []uuid.UUID{a.ID, c.ID}},
		{"updated lte", gen.ListRoomsParams{FilterDateUpdatedAtLte: day(2024, 5, 12)}, []uuid.UUID{b.ID, c.ID}},
		{"unique_name", gen.ListRoomsParams{FilterUniqueName: ptr("b")}, []uuid.UUID{b.ID}},
		{"unique_name is exact", gen.ListRoomsParams{FilterUniqueName: ptr("B")}, []uuid.UUID{}},
		{"filters combine", gen.ListRoomsParams{FilterUniqueName: ptr("a"), FilterDateCreatedAtEq: day(2024, 5, 11)}, []uuid.UUID{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.api.ListRoomsWithResponse(f.ctx, &tt.params)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
			assert.Equal(t, tt.want, roomIDs(resp.JSON200.Data))
			assert.Equal(t, int32(len(tt.want)), resp.JSON200.Meta.TotalResults)
		})
	}
}

func TestListRoomsIncludeSessions(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	sess, _ := f.session(t, room.ID)

	without, err := f.api.ListRoomsWithResponse(f.ctx, nil)
	require.NoError(t, err)
	assert.Nil(t, without.JSON200.Data[0].Sessions)
	assert.NotContains(t, string(without.Body), `"sessions"`)

	with, err := f.api.ListRoomsWithResponse(f.ctx, &gen.ListRoomsParams{IncludeSessions: ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{uid(sess.ID)}, sessionIDs(with.JSON200.Data[0].Sessions))

	explicitFalse, err := f.api.ListRoomsWithResponse(f.ctx, &gen.ListRoomsParams{IncludeSessions: ptr(false)})
	require.NoError(t, err)
	assert.Nil(t, explicitFalse.JSON200.Data[0].Sessions)
}
