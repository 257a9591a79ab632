package roomstest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// TestWebhooksOfRecordings: a recording room's meeting sends
// video.room.recording.started for each recording as its participant joins,
// and video.room.recording.completed when the fake settles a completed one
// (D21), signed, with a download_url that serves the media.
func TestWebhooksOfRecordings(t *testing.T) {
	f := newFixture(t)
	rc := newReceiver(t, nil)
	room := f.createRoom(t, gen.CreateRoomRequest{EnableRecording: ptr(true), WebhookEventURL: ptr(rc.URL)})
	sess, ps := f.session(t, room.ID, "Alice", "Bob")
	f.clock.Advance(30 * time.Second)
	require.NoError(t, f.srv.Leave(ps[1].ID))
	f.clock.Advance(12 * time.Second)
	end, err := f.api.EndSessionWithResponse(f.ctx, uid(sess.ID))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, end.StatusCode())
	idle(t, f.srv)
	before := len(rc.requests())
	f.srv.Settle() // Bob's are due (left 12 s ago), Alice's not yet
	f.clock.Advance(roomstest.RecordingProcessingDelay)
	f.srv.Settle()
	ds := idle(t, f.srv)
	assertAllOK(t, ds)

	events := f.parsed(t, rc.requests())
	assert.Equal(t, []webhook.EventType{
		webhook.EventSessionStarted,
		webhook.EventParticipantJoined, webhook.EventRecordingStarted, webhook.EventRecordingStarted,
		webhook.EventParticipantJoined, webhook.EventRecordingStarted, webhook.EventRecordingStarted,
		webhook.EventParticipantLeft,
		webhook.EventParticipantLeft, webhook.EventSessionEnded,
		webhook.EventRecordingCompleted, webhook.EventRecordingCompleted, // Bob's
		webhook.EventRecordingCompleted, webhook.EventRecordingCompleted, // Alice's
	}, types(events))
	require.Equal(t, 10, before, "nothing completes before the fake settles")

	recs, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	byID := map[string]gen.RoomRecording{}
	for _, r := range recs {
		byID[r.ID.String()] = r
	}
	var started, completed []string
	for _, e := range events {
		switch e := e.(type) {
		case *webhook.RecordingStarted:
			r, ok := byID[e.Payload.RecordingID]
			require.True(t, ok, "the event names a recording of the list")
			assert.Equal(t, r.ParticipantID.String(), e.Payload.ParticipantID)
			assert.Equal(t, room.ID.String(), e.Payload.RoomID)
			assert.Equal(t, sess.ID, e.Payload.SessionID)
			assert.Equal(t, string(r.Type), e.Payload.Type)
			assert.Equal(t, r.StartedAt, e.Common().OccurredAt)
			started = append(started, e.Payload.RecordingID)
		case *webhook.RecordingCompleted:
			r := byID[e.Payload.RecordingID]
			assert.Equal(t, r.ParticipantID.String(), e.Payload.ParticipantID)
			assert.Equal(t, string(r.Type), e.Payload.Type)
			assert.Equal(t, r.Codec, e.Payload.Codec)
			assert.Equal(t, int(r.DurationSecs), e.Payload.DurationSecs)
			assert.Equal(t, r.SizeMb, e.Payload.SizeMB)
			assert.Equal(t, r.DownloadURL, e.Payload.DownloadURL, "the URL the API answers")
			assert.Equal(t, r.CompletedAt, e.Common().OccurredAt)
			status, _, body := download(t, http.MethodGet, e.Payload.DownloadURL, nil)
			assert.Equal(t, http.StatusOK, status)
			assert.NotEmpty(t, body)
			completed = append(completed, e.Payload.RecordingID)
		}
	}
	assert.ElementsMatch(t, recordingIDStrings(recs), started)
	assert.ElementsMatch(t, recordingIDStrings(recs), completed)
	for _, r := range rc.requests() {
		require.NoError(t, verifyFromScheme(r.header, r.body, f.srv.WebhookPublicKey(), f.clock.Now()))
	}
}

func recordingIDStrings(rs []gen.RoomRecording) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID.String()
	}
	return out
}

// TestWebhooksOfCompositions: video.room.composition.completed goes to the
// composition's own webhook_event_url when its create gave one (and to its
// failover URL when that fails), else to the room's; a composition of a
// deleted room without a URL of its own sends nothing (D21).
func TestWebhooksOfCompositions(t *testing.T) {
	tests := []struct {
		name string
		// own and failover: whether the create gives a URL of its own and a
		// failover URL; roomGone: the room is deleted before it completes.
		own, ownFails, failover, roomGone bool
		want                              []string // URL names: room, own, failover
	}{
		{name: "the room's URL", want: []string{"room"}},
		{name: "its own URL", own: true, want: []string{"own"}},
		{name: "its own failover", own: true, ownFails: true, failover: true, want: []string{"own", "failover"}},
		{name: "its own URL, room deleted", own: true, roomGone: true, want: []string{"own"}},
		{name: "no URL of its own, room deleted", roomGone: true, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			roomRC, ownRC, failRC := newReceiver(t, nil), newReceiver(t, nil), newReceiver(t, nil)
			if tt.ownFails {
				ownRC = newReceiver(t, status(http.StatusInternalServerError))
			}
			names := map[string]string{roomRC.URL: "room", ownRC.URL: "own", failRC.URL: "failover"}
			room := f.createRoom(t, gen.CreateRoomRequest{}) // no recordings: no events of theirs
			sess, _ := f.session(t, room.ID, "Alice")
			f.clock.Advance(time.Minute)
			end, err := f.api.EndSessionWithResponse(f.ctx, uid(sess.ID))
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, end.StatusCode())
			// The room's URL is set after the session, so that only the
			// composition's event can reach it.
			upd, err := f.api.UpdateRoomWithResponse(f.ctx, room.ID, gen.UpdateRoomRequest{WebhookEventURL: ptr(roomRC.URL)})
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, upd.StatusCode())

			body := gen.CreateRoomCompositionRequest{SessionID: uid(sess.ID), Resolution: ptr("640x360")}
			if tt.own {
				body.WebhookEventURL = ptr(ownRC.URL)
				body.WebhookTimeoutSecs = ptr(int32(5))
			}
			if tt.failover {
				body.WebhookEventFailoverURL = ptr(failRC.URL)
			}
			c := f.createComposition(t, body)
			if tt.roomGone {
				del, err := f.api.DeleteRoomWithResponse(f.ctx, room.ID)
				require.NoError(t, err)
				require.Equal(t, http.StatusNoContent, del.StatusCode())
			}
			f.clock.Advance(roomstest.CompositionProcessingDelay)
			f.srv.Settle()
			ds := idle(t, f.srv)

			var got []string
			for _, d := range ds {
				if d.EventType == webhook.EventCompositionCompleted {
					got = append(got, names[d.URL])
					assert.Equal(t, room.ID.String(), d.RoomID)
				}
			}
			assert.Equal(t, tt.want, got)
			if len(tt.want) == 0 {
				return
			}
			last := map[string]*receiver{"room": roomRC, "own": ownRC, "failover": failRC}[tt.want[len(tt.want)-1]]
			events := f.parsed(t, last.requests())
			require.Len(t, events, 1)
			e, ok := events[0].(*webhook.CompositionCompleted)
			require.True(t, ok, "%T", events[0])
			done := f.composition(t, c.ID)
			assert.Equal(t, c.ID.String(), e.Payload.CompositionID)
			assert.Equal(t, room.ID.String(), e.Payload.RoomID)
			assert.Equal(t, sess.ID, e.Payload.SessionID)
			assert.Equal(t, done.DownloadURL, e.Payload.DownloadURL)
			assert.True(t, strings.HasSuffix(e.Payload.DownloadURL, ".mp4"))
			assert.Equal(t, "mp4", e.Payload.Format)
			assert.Equal(t, "640x360", e.Payload.Resolution)
			assert.Equal(t, 60, e.Payload.DurationSecs)
			assert.Equal(t, done.SizeMb, e.Payload.SizeMB)
			assert.Equal(t, done.CompletedAt, e.Common().OccurredAt)
		})
	}
}
