package rooms_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// The examples run against roomstest, the in-memory fake of the Rooms API that
// ships with this module, so that go test checks their output. With the real
// API, create the client with rooms.NewClient(): it reads TELNYX_API_KEY.

// exampleClient starts a fake API and returns a client of it.
func exampleClient() (*roomstest.Server, *rooms.Client) {
	clock := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	fake := roomstest.NewServer(roomstest.WithClock(func() time.Time { return clock }))
	client, err := fake.Client() // with the real API: rooms.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	return fake, client
}

// Create a room, then a token that lets one participant join it.
func Example() {
	fake, client := exampleClient()
	defer fake.Close()
	ctx := context.Background()

	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{
		UniqueName:      rooms.Ptr("standup"),
		MaxParticipants: rooms.Ptr(10),
	})
	if err != nil {
		log.Fatal(err)
	}
	tok, err := client.Tokens.Generate(ctx, room.ID, &rooms.GenerateTokenParams{
		TokenTTL:        10 * time.Minute,
		RefreshTokenTTL: time.Hour,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("room:", room.UniqueName, "max participants:", room.MaxParticipants)
	fmt.Println("token expires:", tok.TokenExpiresAt.Format(time.RFC3339))
	fmt.Println("refresh token expires:", tok.RefreshTokenExpiresAt.Format(time.RFC3339))
	// Output:
	// room: standup max participants: 10
	// token expires: 2024-05-01T10:10:00Z
	// refresh token expires: 2024-05-01T11:00:00Z
}

// Walk every session of a room; the iterator fetches the pages as needed.
func ExampleRoomsService_ListSessionsIter() {
	fake, client := exampleClient()
	defer fake.Close()
	ctx := context.Background()

	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("weekly")})
	if err != nil {
		log.Fatal(err)
	}
	for range 3 { // three sessions, one after the other (fake test controls)
		s, err := fake.StartSession(room.ID)
		if err != nil {
			log.Fatal(err)
		}
		if err := client.Sessions.End(ctx, s.ID); err != nil {
			log.Fatal(err)
		}
	}

	n := 0
	opts := &rooms.ListSessionsParams{ListOptions: rooms.ListOptions{PageSize: 2}} // 2 pages
	for s, err := range client.Rooms.ListSessionsIter(ctx, room.ID, opts) {
		if err != nil {
			log.Fatal(err)
		}
		n++
		fmt.Println("session", n, "active:", s.Active, "ended:", !s.EndedAt.IsZero())
	}
	// Output:
	// session 1 active: false ended: true
	// session 2 active: false ended: true
	// session 3 active: false ended: true
}

// Tell a missing room from other failures.
func ExampleAPIError_notFound() {
	fake, client := exampleClient()
	defer fake.Close()

	_, err := client.Rooms.Get(context.Background(), "11111111-2222-4333-8444-555555555555", nil)
	var apiErr *rooms.APIError
	switch {
	case errors.Is(err, rooms.ErrNotFound):
		errors.As(err, &apiErr)
		fmt.Println("no such room:", apiErr.StatusCode, apiErr.Errors[0].Title)
	case errors.Is(err, rooms.ErrUnprocessable):
		fmt.Println("bad request:", err)
	case err != nil:
		fmt.Println("other failure (network, timeout, 5xx):", err)
	}
	// Output:
	// no such room: 404 Resource not found
}

// Mute everyone in a session except the host.
func ExampleSessionsService_Mute() {
	fake, client := exampleClient()
	defer fake.Close()
	ctx := context.Background()

	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("town-hall")})
	if err != nil {
		log.Fatal(err)
	}
	session, _ := fake.StartSession(room.ID)
	host, _ := fake.Join(session.ID, "host")
	guest, _ := fake.Join(session.ID, "guest")

	err = client.Sessions.Mute(ctx, session.ID, rooms.ParticipantsAction{
		Participants: rooms.AllParticipants,
		Exclude:      []string{host.ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("host muted:", fake.Muted(host.ID))
	fmt.Println("guest muted:", fake.Muted(guest.ID))
	// Output:
	// host muted: false
	// guest muted: true
}

// A value one call returns passes to the next as it is: ids are strings,
// counts int, and "no active session" is the empty string.
func ExampleSessionsService_Get() {
	fake, client := exampleClient()
	defer fake.Close()
	ctx := context.Background()

	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("retro")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("active session:", room.ActiveSessionID != "")

	if _, err := fake.StartSession(room.ID); err != nil { // someone joins over WebRTC
		log.Fatal(err)
	}
	room, err = client.Rooms.Get(ctx, room.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	session, err := client.Sessions.Get(ctx, room.ActiveSessionID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("session of the room:", session.RoomID == room.ID, "active:", session.Active)

	room, err = client.Rooms.Update(ctx, room.ID, &rooms.RoomParams{MaxParticipants: rooms.Ptr(room.MaxParticipants + 5)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("max participants:", room.MaxParticipants)
	// Output:
	// active session: false
	// session of the room: true active: true
	// max participants: 15
}

// Recognise a documented Telnyx error code without a string literal.
func ExampleHasErrorCode() {
	fake, client := exampleClient()
	defer fake.Close()
	ctx := context.Background()

	for range 2 {
		_, err := client.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("all-hands")})
		switch {
		case rooms.HasErrorCode(err, rooms.CodeDuplicateResource):
			fmt.Println("the name is taken")
		case err != nil:
			log.Fatal(err)
		default:
			fmt.Println("created")
		}
	}
	// Output:
	// created
	// the name is taken
}

// Bulk work with WithPacing: the client spreads the calls over the rate
// limit's window instead of running into 429s. Every process that uses the
// same key can do the same; the answers' headers keep them apart.
func ExampleWithPacing() {
	fake := roomstest.NewServer(roomstest.WithRateLimit(6000, time.Minute))
	defer fake.Close()
	client, err := fake.Client(rooms.WithPacing()) // with the real API: rooms.NewClient(rooms.WithPacing())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for range 3 {
		page, err := client.Rooms.List(ctx, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d of %d requests left in this window\n", page.RateLimit.Remaining, page.RateLimit.Limit)
	}
	// Output:
	// 5999 of 6000 requests left in this window
	// 5998 of 6000 requests left in this window
	// 5997 of 6000 requests left in this window
}
