package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// hooksDemo is a demo whose room sends its webhooks to a receiver that
// verifies with the public key of keyOf (the demo's own fake when nil),
// ready for the steps to be played by hand.
func hooksDemo(t *testing.T, keyOf *roomstest.Server) *demo {
	t.Helper()
	clock := newDemoClock()
	srv := roomstest.NewServer(roomstest.WithClock(clock.now), roomstest.WithResponseValidation())
	t.Cleanup(srv.Close)
	if keyOf == nil {
		keyOf = srv
	}
	hooks, err := startDemoHooks(t.Context(), keyOf, clock)
	require.NoError(t, err)
	t.Cleanup(hooks.close)
	cl, err := srv.Client()
	require.NoError(t, err)
	room, err := cl.Rooms.Create(t.Context(), &rooms.RoomParams{UniqueName: rooms.Ptr("hooks"), WebhookEventURL: rooms.Ptr(hooks.url)})
	require.NoError(t, err)
	return &demo{srv: srv, clock: clock, cl: cl, hooks: hooks, room: *room}
}

// play runs the demo's session with the people joining in the order given
// (indexes in Alice, Bob, Carol): Carol is kicked, then the session ends.
func (d *demo) play(t *testing.T, order ...int) {
	t.Helper()
	s, err := d.srv.StartSession(d.room.ID)
	require.NoError(t, err)
	d.session = s
	d.people = make([]rooms.Participant, 3)
	for _, i := range order {
		p, err := d.srv.Join(s.ID, []string{"Alice", "Bob", "Carol"}[i])
		require.NoError(t, err)
		d.people[i] = p
	}
	require.NoError(t, d.cl.Sessions.Kick(t.Context(), s.ID, rooms.ParticipantsAction{Participants: rooms.ParticipantIDs(d.people[2].ID)}))
	require.NoError(t, d.cl.Sessions.End(t.Context(), s.ID))
}

func TestDemoWebhooksAreCheckedAgainstTheSteps(t *testing.T) {
	tests := []struct {
		name    string
		order   []int
		wantErr string
	}{
		{name: "as the steps did", order: []int{0, 1, 2}},
		{name: "Carol joined before Bob", order: []int{0, 2, 1},
			wantErr: "want event 3 to be video.room.participant.joined of the demo's session, participant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := hooksDemo(t, nil)
			d.play(t, tt.order...)
			detail, err := d.checkWebhooks(t.Context())
			assert.Len(t, d.below, 8, "every event is shown")
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, "8 events, signatures verified; the 8 of the session and its people as the steps did them:", detail)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Contains(t, err.Error(), "got video.room.participant.joined  Carol")
		})
	}
}

func TestDemoWebhooksFailWhenADeliveryDoesNotVerify(t *testing.T) {
	other := roomstest.NewServer()
	t.Cleanup(other.Close)
	d := hooksDemo(t, other) // verifies with a key the demo's fake does not sign with
	d.play(t, 0, 1, 2)
	_, err := d.checkWebhooks(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the receiver refused a delivery: webhook: telnyx-signature-ed25519: signature mismatch")
	assert.Empty(t, d.below, "nothing verified, nothing shown")
}

func TestDemoWebhooksFailWhenAnEventIsMissing(t *testing.T) {
	d := hooksDemo(t, nil)
	s, err := d.srv.StartSession(d.room.ID)
	require.NoError(t, err)
	d.session = s
	_, err = d.checkWebhooks(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "want 8 session and participant events, got 1")
	assert.Equal(t, []string{"video.room.session.started     session " + short(s.ID)}, d.below)
}
