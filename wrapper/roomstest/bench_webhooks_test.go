package roomstest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// BenchmarkWebhookDelivery measures what one event costs the fake from the
// state change to the receiver's 2xx: encoding, validation against the
// contract, signing and the loopback POST (b.N times a join and a leave,
// two events, beside a participant who stays; then a wait for the queue to
// drain). The receiver does nothing.
func BenchmarkWebhookDelivery(b *testing.B) {
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	b.Cleanup(receiver.Close)
	srv := roomstest.NewServer()
	b.Cleanup(srv.Close)
	client, err := srv.Client()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{WebhookEventURL: rooms.Ptr(receiver.URL)})
	if err != nil {
		b.Fatal(err)
	}
	sess, err := srv.StartSession(room.ID)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := srv.Join(sess.ID, "stays"); err != nil {
		b.Fatal(err)
	}
	if err := srv.WaitWebhooksIdle(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		p, err := srv.Join(sess.ID, "p")
		if err != nil {
			b.Fatal(err)
		}
		if err := srv.Leave(p.ID); err != nil {
			b.Fatal(err)
		}
	}
	if err := srv.WaitWebhooksIdle(ctx); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2*b.N), "ns/event")
	if n := len(srv.Deliveries()); n != 2*b.N+2 {
		b.Fatalf("%d deliveries, want %d", n, 2*b.N+2)
	}
}
