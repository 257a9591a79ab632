package roomstest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// TestEventValidationCatchesABrokenEvent breaks events on purpose through
// the internal hook and checks that each break is recorded as a contract
// violation naming it, and that the event is not sent.
func TestEventValidationCatchesABrokenEvent(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{name: "event_type", old: `"event_type":"video.room.session.started"`, new: `"event_type":"video.room.session.begun"`, want: "/data/event_type"},
		{name: "record_type", old: `"record_type":"event"`, new: `"record_type":"room"`, want: "/data/record_type"},
		{name: "a malformed id", old: `"payload":{"room_id":"`, new: `"payload":{"room_id":"x`, want: "/data/payload/room_id: it must be a UUID"},
		{name: "a missing id", old: `"session_id":`, new: `"sessionid":`, want: "session_id"},
		{name: "occurred_at", old: `"occurred_at":"`, new: `"occurred_at":"yesterday`, want: "/data/occurred_at"},
		{name: "meta.attempt", old: `"attempt":1`, new: `"attempt":0`, want: "/meta/attempt"},
		{name: "not JSON", old: `{"data"`, new: `{data`, want: "not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			rc := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
			t.Cleanup(rc.Close)
			s := NewHandler()
			t.Cleanup(s.Close)
			s.hooks.corrupt = func(body []byte) []byte {
				require.Contains(t, string(body), tt.old)
				return bytes.Replace(body, []byte(tt.old), []byte(tt.new), 1)
			}
			s.st.mu.Lock()
			s.st.seed()
			room := s.st.rooms[uuid.MustParse(SeedPastRoomID)]
			room.WebhookEventURL, room.WebhookEventFailoverURL = rc.URL, rc.URL
			s.st.mu.Unlock()
			_, err := s.StartSession(SeedPastRoomID)
			require.NoError(t, err)

			require.NoError(t, s.WaitWebhooksIdle(t.Context()))
			ds := s.Deliveries()
			require.Len(t, ds, 1, "no failover for a broken event")
			assert.Equal(t, DeliveryInvalid, ds[0].Outcome)
			assert.Contains(t, ds[0].Error, tt.want)
			assert.Nil(t, ds[0].Header, "nothing signed")
			v := s.ContractViolations()
			require.Len(t, v, 1)
			assert.Contains(t, v[0], "webhook video.room.session.started (attempt 1)")
			assert.Contains(t, v[0], tt.want)
			assert.Zero(t, hits.Load(), "a broken event is not sent")
		})
	}
}

// TestLoopbackOnly: the deliveries dial loopback addresses only, unless
// any host is allowed.
func TestLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:80", "127.8.9.10:1", "[::1]:443", "[::ffff:127.0.0.1]:80"} {
		assert.NoError(t, loopbackOnly("tcp", addr, nil), addr)
	}
	for _, addr := range []string{"0.0.0.0:80", "[::]:80", "10.0.0.1:80", "192.168.1.1:80", "169.254.169.254:80", "[fe80::1]:80", "[2001:db8::1]:80", "localhost:80", ""} {
		assert.ErrorIs(t, loopbackOnly("tcp", addr, nil), errHostRefused, addr)
	}
	assert.NotNil(t, dialControl(false))
	assert.Nil(t, dialControl(true), "WithWebhookAnyHost dials anything")
	s := NewHandler(WithWebhookAnyHost())
	t.Cleanup(s.Close)
	assert.True(t, s.cfg.webhookAnyHost)
}

// TestRoomTargetTimeout: webhook_timeout_secs bounds an attempt; unset it
// is 10 seconds and 0 is no limit (D32).
func TestRoomTargetTimeout(t *testing.T) {
	secs := func(n int32) *int32 { return &n }
	tests := []struct {
		set  *int32
		want time.Duration
	}{
		{nil, 10 * time.Second},
		{secs(0), 0},
		{secs(1), time.Second},
		{secs(30), 30 * time.Second},
	}
	for _, tt := range tests {
		r := &gen.Room{ID: uuid.New(), WebhookEventURL: "http://127.0.0.1/a", WebhookEventFailoverURL: "http://127.0.0.1/b", WebhookTimeoutSecs: tt.set}
		got := roomTarget(r)
		assert.Equal(t, hookTarget{queue: "room " + r.ID.String(), primary: r.WebhookEventURL, failover: r.WebhookEventFailoverURL, timeout: tt.want}, got)
	}
}

// TestDeliveryRecordsAreBounded: a long-lived fake remembers the last
// maxDeliveryRecords attempts, while WaitDeliveries counts them all.
func TestDeliveryRecordsAreBounded(t *testing.T) {
	s := NewHandler()
	t.Cleanup(s.Close)
	const n = 2*maxDeliveryRecords + 5
	for i := range n {
		s.hooks.record(Delivery{Attempt: i})
	}
	ds, err := s.WaitDeliveries(t.Context(), n)
	require.NoError(t, err)
	require.Len(t, ds, maxDeliveryRecords)
	assert.Equal(t, n-maxDeliveryRecords, ds[0].Attempt, "the oldest are dropped")
	assert.Equal(t, n-1, ds[len(ds)-1].Attempt)
	assert.LessOrEqual(t, len(s.hooks.records), 2*maxDeliveryRecords)
}

// TestCloseLeavesNoWorker: after Close no queue is left, so every worker
// reached its end (a worker removes its queue as it returns), including
// one that was waiting for a receiver that never answers.
func TestCloseLeavesNoWorker(t *testing.T) {
	arrived := make(chan struct{}, 16)
	rc := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // the server notices the client leaving only once the body is read
		arrived <- struct{}{}
		<-r.Context().Done()
	}))
	t.Cleanup(rc.Close)
	s := NewHandler()
	var ids []string
	for range 3 {
		s.st.mu.Lock()
		r := &gen.Room{ID: uuid.New(), MaxParticipants: 10, WebhookEventURL: rc.URL, WebhookTimeoutSecs: new(int32), CreatedAt: s.st.now()}
		s.st.addRoom(r)
		s.st.mu.Unlock()
		ids = append(ids, r.ID.String())
	}
	for _, id := range ids {
		sess, err := s.StartSession(id)
		require.NoError(t, err)
		_, err = s.Join(sess.ID, "Alice")
		require.NoError(t, err)
	}
	for range ids {
		<-arrived // each room's first attempt is under way, its second event queued
	}
	s.Close()
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	assert.Empty(t, s.hooks.queues)
	assert.Zero(t, s.hooks.open)
	assert.Len(t, s.hooks.records, 6)
	for _, d := range s.hooks.records {
		assert.Equal(t, DeliveryCanceled, d.Outcome)
	}
}
