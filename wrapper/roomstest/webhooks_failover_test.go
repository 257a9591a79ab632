package roomstest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// TestWebhookFailover: a failed attempt at the primary URL, whatever the
// failure, is followed by one at the failover URL with the same event,
// meta.attempt 2 and meta.delivered_to saying where it went.
func TestWebhookFailover(t *testing.T) {
	tests := []struct {
		name       string
		primary    func(t *testing.T) string
		timeout    *int32
		want       roomstest.DeliveryOutcome
		wantStatus int
	}{
		{name: "500", primary: func(t *testing.T) string { return newReceiver(t, status(500)).URL }, want: roomstest.DeliveryRejected, wantStatus: 500},
		{name: "404", primary: func(t *testing.T) string { return newReceiver(t, status(404)).URL }, want: roomstest.DeliveryRejected, wantStatus: 404},
		{name: "a redirect is not followed", primary: func(t *testing.T) string {
			return newReceiver(t, func(r *http.Request, _ <-chan struct{}) int { return http.StatusFound }).URL
		}, want: roomstest.DeliveryRejected, wantStatus: http.StatusFound},
		{name: "connection refused", primary: deadURL, want: roomstest.DeliveryConnError},
		{name: "no answer within webhook_timeout_secs", primary: func(t *testing.T) string { return newReceiver(t, hang).URL }, timeout: ptr(int32(1)), want: roomstest.DeliveryTimeout},
		{name: "not loopback", primary: func(*testing.T) string { return "http://192.0.2.1/hooks" }, want: roomstest.DeliveryRefused},
		{name: "not http", primary: func(*testing.T) string { return "ftp://127.0.0.1/hooks" }, want: roomstest.DeliveryRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			primary := tt.primary(t)
			failover := newReceiver(t, nil)
			room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(primary), WebhookEventFailoverURL: ptr(failover.URL), WebhookTimeoutSecs: tt.timeout})
			sess, err := f.srv.StartSession(room.ID.String())
			require.NoError(t, err)

			ds := idle(t, f.srv)
			require.Len(t, ds, 2, "outcomes: %v", outcomes(ds))
			first, second := ds[0], ds[1]
			assert.Equal(t, []string{
				"video.room.session.started 1 " + primary + " " + string(tt.want),
				"video.room.session.started 2 " + failover.URL + " delivered",
			}, outcomes(ds))
			assert.Equal(t, tt.wantStatus, first.StatusCode)
			assert.Equal(t, tt.wantStatus == 0, first.Error != "", "an error without a status: %q", first.Error)
			assert.NotContains(t, first.Error, primary, "the error does not repeat the URL")
			assert.Equal(t, first.EventID, second.EventID, "the same event")
			assert.Equal(t, http.StatusNoContent, second.StatusCode)

			events := f.parsed(t, failover.requests())
			require.Len(t, events, 1)
			started := events[0].(*webhook.SessionStarted)
			assert.Equal(t, sess.ID, started.Payload.SessionID)
			assert.Equal(t, first.EventID, started.ID)
			assert.Equal(t, webhook.Meta{Attempt: 2, DeliveredTo: failover.URL}, started.Meta)
		})
	}
}

// TestWebhookFailures: without a failover URL a failed attempt is the
// last; with one that fails too, both are recorded; a receiver that is
// down does not hold up the events after it.
func TestWebhookFailures(t *testing.T) {
	t.Run("no failover URL", func(t *testing.T) {
		f := newFixture(t)
		rc := newReceiver(t, status(503))
		room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(rc.URL)})
		f.session(t, room.ID)
		assert.Equal(t, []string{"video.room.session.started 1 " + rc.URL + " rejected"}, outcomes(idle(t, f.srv)))
		assert.Len(t, rc.requests(), 1, "no retry")
	})
	t.Run("both fail", func(t *testing.T) {
		f := newFixture(t)
		primary, failover := newReceiver(t, status(500)), deadURL(t)
		room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(primary.URL), WebhookEventFailoverURL: ptr(failover)})
		f.session(t, room.ID)
		assert.Equal(t, []string{
			"video.room.session.started 1 " + primary.URL + " rejected",
			"video.room.session.started 2 " + failover + " connection_error",
		}, outcomes(idle(t, f.srv)))
	})
	t.Run("the receiver is down", func(t *testing.T) {
		f := newFixture(t)
		down := deadURL(t)
		room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(down)})
		_, ps := f.session(t, room.ID, "Alice", "Bob")
		require.NoError(t, f.srv.Leave(ps[0].ID))
		ds := idle(t, f.srv)
		require.Len(t, ds, 4, "every event is attempted")
		for _, d := range ds {
			assert.Equal(t, roomstest.DeliveryConnError, d.Outcome)
		}

		rc := newReceiver(t, nil)
		resp, err := f.api.UpdateRoomWithResponse(f.ctx, room.ID, gen.UpdateRoomRequest{WebhookEventURL: ptr(rc.URL)})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode())
		require.NoError(t, f.srv.Leave(ps[1].ID))
		rc.waitRequests(t, 2)
		assert.Equal(t, []webhook.EventType{webhook.EventParticipantLeft, webhook.EventSessionEnded}, types(f.parsed(t, rc.requests())),
			"the receiver back up gets the events from then on")
	})
}
