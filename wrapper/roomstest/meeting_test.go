package roomstest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func TestMeeting(t *testing.T) {
	srv := roomstest.NewServer(roomstest.WithResponseValidation())
	t.Cleanup(srv.Close)
	client, err := srv.Client() // a *rooms.Client with key and base URL preset
	require.NoError(t, err)
	ctx := t.Context()

	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("standup")})
	require.NoError(t, err)
	sess, err := srv.StartSession(room.ID) // people join over WebRTC in real life
	require.NoError(t, err)
	alice, err := srv.Join(sess.ID, "Alice")
	require.NoError(t, err)

	srv.Inject("muteParticipantInSession", roomstest.FailNext(1, 503))
	// The code under test mutes everyone; the client retries the 503.
	err = client.Sessions.Mute(ctx, sess.ID, rooms.ParticipantsAction{Participants: rooms.AllParticipants})
	require.NoError(t, err)

	assert.True(t, srv.Muted(alice.ID))
	assert.Equal(t, 2, srv.Requests("muteParticipantInSession"))
	assert.Empty(t, srv.ContractViolations())
}
