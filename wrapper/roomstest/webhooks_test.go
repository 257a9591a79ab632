package roomstest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// TestWebhooksOfASession follows one session from its start to each way
// it can end, and checks every event the receiver got: signed, in order,
// with the payload the state change implies.
func TestWebhooksOfASession(t *testing.T) {
	tests := []struct {
		name        string
		end         func(t *testing.T, f *fixture, room gen.Room, sess rooms.Session, alice, bob rooms.Participant)
		leftReasons []string // Alice's then Bob's
		leftOrder   []int    // who left first: 0 Alice, 1 Bob
		endedReason string
	}{
		{
			name: "End",
			end: func(t *testing.T, f *fixture, _ gen.Room, sess rooms.Session, _, _ rooms.Participant) {
				resp, err := f.api.EndSessionWithResponse(f.ctx, uid(sess.ID))
				require.NoError(t, err)
				require.Equal(t, http.StatusOK, resp.StatusCode())
			},
			leftReasons: []string{webhook.LeftReasonSessionEnded, webhook.LeftReasonSessionEnded},
			leftOrder:   []int{0, 1},
			endedReason: webhook.EndedReasonEnded,
		},
		{
			name: "the last one leaves",
			end: func(t *testing.T, f *fixture, _ gen.Room, _ rooms.Session, alice, bob rooms.Participant) {
				require.NoError(t, f.srv.Leave(bob.ID))
				require.NoError(t, f.srv.Leave(alice.ID))
			},
			leftReasons: []string{webhook.LeftReasonLeft, webhook.LeftReasonLeft},
			leftOrder:   []int{1, 0},
			endedReason: webhook.EndedReasonStale,
		},
		{
			name: "the last one is kicked",
			end: func(t *testing.T, f *fixture, _ gen.Room, sess rooms.Session, alice, bob rooms.Participant) {
				require.NoError(t, f.srv.Leave(alice.ID))
				f.kick(t, sess, participants(t, false, uid(bob.ID)))
			},
			leftReasons: []string{webhook.LeftReasonLeft, webhook.LeftReasonKicked},
			leftOrder:   []int{0, 1},
			endedReason: webhook.EndedReasonStale,
		},
		{
			name: "everyone is kicked",
			end: func(t *testing.T, f *fixture, _ gen.Room, sess rooms.Session, _, _ rooms.Participant) {
				f.kick(t, sess, participants(t, true))
			},
			leftReasons: []string{webhook.LeftReasonKicked, webhook.LeftReasonKicked},
			leftOrder:   []int{0, 1},
			endedReason: webhook.EndedReasonStale,
		},
		{
			name: "the room is deleted",
			end: func(t *testing.T, f *fixture, room gen.Room, _ rooms.Session, _, _ rooms.Participant) {
				resp, err := f.api.DeleteRoomWithResponse(f.ctx, room.ID)
				require.NoError(t, err)
				require.Equal(t, http.StatusNoContent, resp.StatusCode())
			},
			leftReasons: []string{webhook.LeftReasonSessionEnded, webhook.LeftReasonSessionEnded},
			leftOrder:   []int{0, 1},
			endedReason: webhook.EndedReasonRoomDeleted,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			rc := newReceiver(t, nil)
			room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(rc.URL)})
			sess, err := f.srv.StartSession(room.ID.String())
			require.NoError(t, err)
			f.clock.Advance(time.Second)
			alice, err := f.srv.Join(sess.ID, "Alice")
			require.NoError(t, err)
			f.clock.Advance(2 * time.Second)
			bob, err := f.srv.Join(sess.ID, "Bob")
			require.NoError(t, err)
			f.clock.Advance(time.Minute)
			end := f.clock.Now()
			tt.end(t, f, room, sess, alice, bob)

			ds := idle(t, f.srv)
			require.Len(t, ds, 6)
			assertAllOK(t, ds)
			events := f.parsed(t, rc.requests())
			require.Equal(t, []webhook.EventType{
				webhook.EventSessionStarted, webhook.EventParticipantJoined, webhook.EventParticipantJoined,
				webhook.EventParticipantLeft, webhook.EventParticipantLeft, webhook.EventSessionEnded,
			}, types(events))

			roomID, sessID := room.ID.String(), sess.ID
			started := events[0].(*webhook.SessionStarted)
			assert.Equal(t, webhook.SessionStartedPayload{RoomID: roomID, SessionID: sessID}, started.Payload)
			assert.Equal(t, t0, started.OccurredAt)
			assert.Equal(t, webhook.ParticipantJoinedPayload{RoomID: roomID, SessionID: sessID, ParticipantID: alice.ID, Context: "Alice"},
				events[1].(*webhook.ParticipantJoined).Payload)
			assert.Equal(t, webhook.ParticipantJoinedPayload{RoomID: roomID, SessionID: sessID, ParticipantID: bob.ID, Context: "Bob"},
				events[2].(*webhook.ParticipantJoined).Payload)
			assert.Equal(t, t0.Add(3*time.Second), events[2].Common().OccurredAt)

			people := []rooms.Participant{alice, bob}
			stayed := []int{62, 60} // seconds from joining to end
			for i, who := range tt.leftOrder {
				left := events[3+i].(*webhook.ParticipantLeft)
				assert.Equal(t, webhook.ParticipantLeftPayload{
					RoomID: roomID, SessionID: sessID, ParticipantID: people[who].ID, Context: people[who].Context,
					DurationSecs: stayed[who], LeftReason: tt.leftReasons[who],
				}, left.Payload, "participant.left %d", i)
				assert.Equal(t, end, left.OccurredAt)
			}
			ended := events[5].(*webhook.SessionEnded)
			assert.Equal(t, webhook.SessionEndedPayload{RoomID: roomID, SessionID: sessID, DurationSecs: 63, EndedReason: tt.endedReason}, ended.Payload)
			assert.Equal(t, end, ended.OccurredAt)

			ids := map[string]bool{}
			for i, e := range events {
				c := e.Common()
				assert.Equal(t, "event", c.RecordType)
				assert.Equal(t, webhook.Meta{Attempt: 1, DeliveredTo: rc.URL}, c.Meta, "event %d", i)
				assert.Equal(t, ds[i].EventID, c.ID, "Deliveries in the order delivered")
				assert.Equal(t, c.Type, ds[i].EventType)
				assert.Equal(t, roomID, ds[i].RoomID)
				ids[c.ID] = true
			}
			assert.Len(t, ids, 6, "every event has an id of its own")

			got := f.srv.Sessions()
			require.Len(t, got, 1)
			assert.False(t, got[0].Active, "the session ended")
			assert.Equal(t, end, got[0].EndedAt)
		})
	}
}

// kick kicks who out of sess through the API.
func (f *fixture) kick(t *testing.T, sess rooms.Session, who *gen.ActionsParticipantsRequest_Participants) {
	t.Helper()
	resp, err := f.api.KickParticipantInSessionWithResponse(f.ctx, uid(sess.ID), gen.ActionsParticipantsRequest{Participants: who})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
}

// TestWebhooksNeedAURL: a room without webhook_event_url gets no events,
// and one whose URL was cleared stops getting them.
func TestWebhooksNeedAURL(t *testing.T) {
	f := newFixture(t)
	rc := newReceiver(t, nil)
	silent := f.createRoom(t, gen.CreateRoomRequest{WebhookEventFailoverURL: ptr(rc.URL)})
	f.session(t, silent.ID, "Alice")

	room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(rc.URL)})
	_, ps := f.session(t, room.ID, "Bob")
	assert.Len(t, idle(t, f.srv), 2, "started and joined of the second room only")

	resp, err := f.api.UpdateRoomWithResponse(f.ctx, room.ID, gen.UpdateRoomRequest{WebhookEventURL: ptr("")})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	require.NoError(t, f.srv.Leave(ps[0].ID))
	assert.Len(t, idle(t, f.srv), 2, "nothing after the URL was cleared")
	assert.Len(t, rc.requests(), 2)
}

// TestWebhooksInOrderPerRoom: the events of each room arrive in the order
// they happened, however many there are, while two rooms deliver at once.
func TestWebhooksInOrderPerRoom(t *testing.T) {
	f := newFixture(t)
	rc := newReceiver(t, nil)
	const joins = 40
	want := map[string][]string{} // room -> participant ids in join order
	var roomsMade []gen.Room
	for range 2 {
		r := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(rc.URL), MaxParticipants: ptr(int32(joins))})
		roomsMade = append(roomsMade, r)
	}
	var sessions []rooms.Session
	for _, r := range roomsMade {
		s, err := f.srv.StartSession(r.ID.String())
		require.NoError(t, err)
		sessions = append(sessions, s)
	}
	for range joins {
		for j, s := range sessions {
			p, err := f.srv.Join(s.ID, "p")
			require.NoError(t, err)
			want[roomsMade[j].ID.String()] = append(want[roomsMade[j].ID.String()], p.ID)
		}
	}
	ds := idle(t, f.srv)
	require.Len(t, ds, 2*(joins+1))
	assertAllOK(t, ds)

	got := map[string][]string{}
	for _, e := range f.parsed(t, rc.requests()) {
		switch e := e.(type) {
		case *webhook.SessionStarted:
			assert.Empty(t, got[e.Payload.RoomID], "session.started comes first")
		case *webhook.ParticipantJoined:
			got[e.Payload.RoomID] = append(got[e.Payload.RoomID], e.Payload.ParticipantID)
		default:
			t.Errorf("unexpected %T", e)
		}
	}
	assert.Equal(t, want, got)
}

// TestWebhookKey: a given key signs, its public half is exposed, and the
// signature verifies with a verifier written from the scheme alone.
func TestWebhookKey(t *testing.T) {
	priv := ed25519Key(7)
	f := newFixture(t, roomstest.WithWebhookKey(priv))
	assert.Equal(t, priv.Public(), f.srv.WebhookPublicKey())
	assert.Equal(t, b64(priv.Public()), f.srv.WebhookPublicKeyBase64())

	other := newFixture(t)
	assert.Len(t, other.srv.WebhookPublicKey(), 32)
	assert.NotEqual(t, f.srv.WebhookPublicKey(), other.srv.WebhookPublicKey(), "a fake without a key generates its own")

	rc := newReceiver(t, nil)
	room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(rc.URL)})
	f.session(t, room.ID, "Alice")
	ds := idle(t, f.srv)
	require.Len(t, ds, 2)
	for i, r := range rc.requests() {
		assert.NoError(t, verifyFromScheme(r.header, r.body, priv.Public(), f.clock.Now()), "request %d", i)
		assert.Equal(t, ds[i].Body, r.body, "Delivery.Body is the body sent")
		assert.Equal(t, ds[i].Header.Get("telnyx-signature-ed25519"), r.header.Get("telnyx-signature-ed25519"))
		assert.Equal(t, "application/json", r.header.Get("Content-Type"))
		// A body changed by one byte, or a timestamp moved, no longer verifies.
		changed := append([]byte(nil), r.body...)
		changed[len(changed)-2] ^= 1
		assert.Error(t, verifyFromScheme(r.header, changed, priv.Public(), f.clock.Now()))
		h := r.header.Clone()
		h.Set("telnyx-timestamp", strconv.FormatInt(f.clock.Now().Unix()+1, 10))
		assert.ErrorIs(t, verifyFromScheme(h, r.body, priv.Public(), f.clock.Now()), errMismatch)
	}
	assert.Panics(t, func() { roomstest.NewHandler(roomstest.WithWebhookKey(priv[:31])) }, "a key of the wrong length is a test bug")
}

// TestWebhooksThroughTheHandler: the deliveries pass wrapper/webhook's
// handler, which verifies them, and the recorded copies verify too.
func TestWebhooksThroughTheHandler(t *testing.T) {
	f := newFixture(t)
	v, err := webhook.NewVerifier(webhook.WithPublicKey(f.srv.WebhookPublicKeyBase64()), webhook.WithClock(f.clock.Now))
	require.NoError(t, err)
	var seen []webhook.EventType
	h := webhook.NewHandler(v, webhook.On(func(_ context.Context, e webhook.Event) error {
		seen = append(seen, e.Common().Type) // deliveries to one room come one at a time
		return nil
	}))
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)

	room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(hs.URL)})
	_, ps := f.session(t, room.ID, "Alice")
	require.NoError(t, f.srv.Leave(ps[0].ID))
	ds := idle(t, f.srv)
	assertAllOK(t, ds)
	assert.Equal(t, []webhook.EventType{webhook.EventSessionStarted, webhook.EventParticipantJoined, webhook.EventParticipantLeft, webhook.EventSessionEnded}, seen)
	for i, d := range ds {
		assert.Equal(t, http.StatusNoContent, d.StatusCode)
		assert.NoError(t, v.Verify(d.Header, d.Body), "delivery %d", i)
	}
}

// TestWebhooksToAHostName: the loopback rule looks at the address dialled,
// so a host name that resolves to loopback is delivered to.
func TestWebhooksToAHostName(t *testing.T) {
	f := newFixture(t)
	rc := newReceiver(t, nil)
	byName := strings.Replace(rc.URL, "127.0.0.1", "localhost", 1)
	require.NotEqual(t, rc.URL, byName)
	room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(byName)})
	f.session(t, room.ID)
	assert.Equal(t, []string{"video.room.session.started 1 " + byName + " delivered"}, outcomes(idle(t, f.srv)))
}
