package roomstest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// TestCloseCancelsDeliveries: Close ends an attempt that waits for an
// answer (here without any time limit), drops what is queued behind it,
// records both, and returns; nothing is delivered afterwards.
func TestCloseCancelsDeliveries(t *testing.T) {
	f := newFixture(t)
	rc := newReceiver(t, hang)
	failover := newReceiver(t, nil)
	room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(rc.URL), WebhookEventFailoverURL: ptr(failover.URL), WebhookTimeoutSecs: ptr(int32(0))})
	sess, err := f.srv.StartSession(room.ID.String())
	require.NoError(t, err)
	_, err = f.srv.Join(sess.ID, "Alice")
	require.NoError(t, err)
	rc.waitRequests(t, 1) // the first attempt is under way, the second event queued

	f.srv.Close()
	ds := f.srv.Deliveries()
	require.Equal(t, []string{
		"video.room.session.started 1 " + rc.URL + " canceled",
		"video.room.participant.joined 1 " + rc.URL + " canceled",
	}, outcomes(ds))
	assert.Nil(t, ds[1].Header, "the queued event was not signed nor sent")
	require.NoError(t, f.srv.WaitWebhooksIdle(t.Context()))

	_, err = f.srv.Join(sess.ID, "Bob")
	require.NoError(t, err, "the test controls still work")
	require.NoError(t, f.srv.WaitWebhooksIdle(t.Context()))
	assert.Len(t, f.srv.Deliveries(), 2, "nothing is emitted after Close")
	assert.Len(t, rc.requests(), 1)
	assert.Empty(t, failover.requests(), "a canceled attempt is not failed over")
}

// TestWaitDeliveriesHonoursContext: a wait for attempts that never come
// ends with the context, returning what was recorded.
func TestWaitDeliveriesHonoursContext(t *testing.T) {
	f := newFixture(t)
	rc := newReceiver(t, nil)
	room := f.createRoom(t, gen.CreateRoomRequest{WebhookEventURL: ptr(rc.URL)})
	f.session(t, room.ID)

	ctx, cancel := context.WithTimeout(context.Background(), waitBudget)
	defer cancel()
	ds, err := f.srv.WaitDeliveries(ctx, 1)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Equal(t, roomstest.DeliveryOK, ds[0].Outcome)

	done, stop := context.WithCancel(context.Background())
	stop()
	ds, err = f.srv.WaitDeliveries(done, 2)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Len(t, ds, 1)

	ds[0].Body[0] = 'X'
	ds[0].Header.Set("telnyx-timestamp", "0")
	again := f.srv.Deliveries()
	assert.Equal(t, byte('{'), again[0].Body[0], "Deliveries hands out copies")
	assert.NotEqual(t, "0", again[0].Header.Get("telnyx-timestamp"))
}
