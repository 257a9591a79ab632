package rooms_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// stepClock is a clock a test moves by hand.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *stepClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Compose the recordings of a session into one video and read it until it
// is ready. On the fake, a minute passes at the clock's command.
func ExampleCompositionsService_Create() {
	clock := &stepClock{t: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)}
	fake := roomstest.NewServer(roomstest.WithClock(clock.now))
	defer fake.Close()
	client, err := fake.Client() // with the real API: rooms.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// A recorded meeting: the fake plays the participants.
	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("all-hands"), EnableRecording: rooms.Ptr(true)})
	if err != nil {
		log.Fatal(err)
	}
	session, _ := fake.StartSession(room.ID)
	_, _ = fake.Join(session.ID, "Alice")
	_, _ = fake.Join(session.ID, "Bob")
	if err := client.Sessions.End(ctx, session.ID); err != nil {
		log.Fatal(err)
	}

	comp, err := client.Compositions.Create(ctx, &rooms.CompositionParams{
		SessionID:  session.ID,
		Resolution: rooms.Resolution{Width: 1280, Height: 720},
		VideoLayout: map[string]rooms.VideoRegion{
			"grid": {VideoSources: []string{rooms.AllVideoSources}, MaxColumns: 2},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", comp.Status, comp.Resolution)

	clock.advance(time.Minute)
	comp, err = client.Compositions.Get(ctx, comp.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("a minute later:", comp.Status, "download_url set:", comp.DownloadURL != "")
	// Output:
	// created: enqueued 1280x720
	// a minute later: completed download_url set: true
}

// A bulk delete says what it deletes: without a filter it is refused before
// anything is sent, unless AllRecordings says that every recording of the
// account is meant.
func ExampleRecordingsService_DeleteBulk() {
	fake, client := exampleClient()
	defer fake.Close()
	ctx := context.Background()

	_, err := client.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{})
	var ve *rooms.ValidationError
	fmt.Println("no filter refused:", errors.As(err, &ve), ve.Field)

	n, err := client.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{
		RecordingFilter: rooms.RecordingFilter{Status: rooms.RecordingCompleted, MinDurationSecs: 60},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("deleted:", n)
	// Output:
	// no filter refused: true filter
	// deleted: 0
}
