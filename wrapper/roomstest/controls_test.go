package roomstest_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func TestStartSession(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	f.clock.Advance(time.Minute)

	s, err := f.srv.StartSession(room.ID.String())
	require.NoError(t, err)
	assert.Equal(t, room.ID.String(), s.RoomID)
	assert.True(t, s.Active)
	assert.Equal(t, t0.Add(time.Minute), s.CreatedAt)
	assert.Equal(t, "room_session", s.RecordType)
	assert.Equal(t, []rooms.Session{s}, f.srv.Sessions())
	assert.Equal(t, s.ID, f.srv.Rooms()[0].ActiveSessionID)
	assert.Equal(t, t0, f.srv.Rooms()[0].UpdatedAt, "a session does not update the room")

	_, err = f.srv.StartSession(room.ID.String())
	assert.ErrorIs(t, err, roomstest.ErrSessionActive, "one active session per room")
	_, err = f.srv.StartSession(uuid.NewString())
	assert.ErrorIs(t, err, roomstest.ErrNotFound)
	_, err = f.srv.StartSession("room-1")
	assert.ErrorIs(t, err, roomstest.ErrNotFound)
}

func TestJoinAndLeave(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{MaxParticipants: ptr(int32(2))})
	s, err := f.srv.StartSession(room.ID.String())
	require.NoError(t, err)

	f.clock.Advance(time.Second)
	alice, err := f.srv.Join(s.ID, "Alice")
	require.NoError(t, err)
	assert.Equal(t, rooms.Participant{
		ID: alice.ID, SessionID: s.ID, Context: "Alice", RecordType: "room_participant",
		JoinedAt: t0.Add(time.Second), UpdatedAt: t0.Add(time.Second),
	}, alice)
	bob, err := f.srv.Join(s.ID, "Bob")
	require.NoError(t, err)

	_, err = f.srv.Join(s.ID, "Carol")
	assert.ErrorIs(t, err, roomstest.ErrRoomFull, "max_participants 2")

	f.clock.Advance(time.Second)
	require.NoError(t, f.srv.Leave(bob.ID))
	assert.ErrorIs(t, f.srv.Leave(bob.ID), roomstest.ErrAlreadyLeft)
	carol, err := f.srv.Join(s.ID, "Carol")
	require.NoError(t, err, "who left frees a seat")

	got := f.srv.Participants()
	assert.Equal(t, []uuid.UUID{uid(alice.ID), uid(bob.ID), uid(carol.ID)}, joinedIDs(got))
	assert.Equal(t, t0.Add(2*time.Second), got[1].LeftAt)
	sess, err := f.api.ViewRoomSessionWithResponse(f.ctx, uid(s.ID), nil)
	require.NoError(t, err)
	assert.Equal(t, t0.Add(2*time.Second), sess.JSON200.Data.UpdatedAt, "joins and leaves update the session")
	assert.True(t, sess.JSON200.Data.Active, "the session outlives its participants")

	_, err = f.api.EndSessionWithResponse(f.ctx, uid(s.ID))
	require.NoError(t, err)
	_, err = f.srv.Join(s.ID, "Dave")
	assert.ErrorIs(t, err, roomstest.ErrSessionEnded)
	_, err = f.srv.Join(uuid.NewString(), "Eve")
	assert.ErrorIs(t, err, roomstest.ErrNotFound)
	assert.ErrorIs(t, f.srv.Leave(uuid.NewString()), roomstest.ErrNotFound)
	assert.ErrorIs(t, f.srv.Leave("nobody"), roomstest.ErrNotFound)
}

func TestSnapshotsAreCopies(t *testing.T) {
	f := newFixture(t, roomstest.WithSeedData())
	rooms := f.srv.Rooms()
	rooms[0].UniqueName = "changed"
	sessions := f.srv.Sessions()
	sessions[0].Active = true
	people := f.srv.Participants()
	people[0].Context = "changed"

	assert.NotEqual(t, "changed", f.srv.Rooms()[0].UniqueName)
	assert.False(t, f.srv.Sessions()[0].Active)
	assert.NotEqual(t, "changed", f.srv.Participants()[0].Context)
}
