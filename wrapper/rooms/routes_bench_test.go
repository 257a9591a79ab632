package rooms

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// BenchmarkBuildViewRoomRequest measures building the request of
// GET /rooms/{room_id} alone: with the gen builder (gen), as the client
// did per call before D66, and from the Client's derived route (route).
func BenchmarkBuildViewRoomRequest(b *testing.B) {
	c, err := NewClient(WithAPIKey(testKey))
	if err != nil {
		b.Fatal(err)
	}
	id := uuid.MustParse(roomID)
	ctx := context.Background()
	b.Run("gen", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := gen.NewViewRoomRequest(c.server, id, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("route", func(b *testing.B) {
		r := &c.routes().viewRoom
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.request(ctx, id, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
