package roomstest_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// A test drives the fake over HTTP (here with the generated client), plays
// the participants with the Go controls, injects a fault, and checks what
// the fake saw.
func Example() {
	srv := roomstest.NewServer(roomstest.WithAPIKey("secret"), roomstest.WithResponseValidation())
	defer srv.Close()
	ctx := context.Background()
	api, _ := gen.NewClientWithResponses(srv.URL, gen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer secret")
		return nil
	}))

	name := "standup"
	created, _ := api.CreateRoomWithResponse(ctx, gen.CreateRoomRequest{UniqueName: &name})
	room := created.JSON201.Data
	fmt.Println(created.StatusCode(), room.UniqueName, room.MaxParticipants)

	dup, _ := api.CreateRoomWithResponse(ctx, gen.CreateRoomRequest{UniqueName: &name})
	env, _ := dup.JSON422.AsErrors() // error bodies have three shapes (D41); the fake sends the envelope
	fmt.Println(dup.StatusCode(), env.Errors[0].Source.Pointer)

	sess, _ := srv.StartSession(room.ID.String())
	alice, _ := srv.Join(sess.ID, "Alice")
	_, _ = srv.Join(sess.ID, "Bob")

	var everyone gen.ActionsParticipantsRequest_Participants
	_ = everyone.FromActionsParticipantsRequestParticipants0(gen.All)
	mute := gen.ActionsParticipantsRequest{Participants: &everyone}
	srv.Inject("muteParticipantInSession", roomstest.FailNext(1, http.StatusServiceUnavailable))
	first, _ := api.MuteParticipantInSessionWithResponse(ctx, uuid.MustParse(sess.ID), mute)
	second, _ := api.MuteParticipantInSessionWithResponse(ctx, uuid.MustParse(sess.ID), mute)
	fmt.Println(first.StatusCode(), second.StatusCode(), srv.Muted(alice.ID))
	fmt.Println(srv.Requests("muteParticipantInSession"), len(srv.ContractViolations()))

	// Output:
	// 201 standup 10
	// 422 /unique_name
	// 503 200 true
	// 2 0
}
