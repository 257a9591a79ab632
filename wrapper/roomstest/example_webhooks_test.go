package roomstest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// attendance stands for the code under test: a back end that keeps, from
// the webhooks it receives, who is in each session.
type attendance struct {
	mu      sync.Mutex
	present map[string]int // session id -> people in it
	log     []string
}

// handler is the back end's webhook endpoint, built on wrapper/webhook.
func (a *attendance) handler(v *webhook.Verifier) http.Handler {
	return webhook.NewHandler(v,
		webhook.On(func(_ context.Context, e *webhook.ParticipantJoined) error {
			a.note(e.Payload.SessionID, +1, e.Payload.Context+" joined")
			return nil
		}),
		webhook.On(func(_ context.Context, e *webhook.ParticipantLeft) error {
			a.note(e.Payload.SessionID, -1, e.Payload.Context+" left: "+e.Payload.LeftReason)
			return nil
		}),
		webhook.On(func(_ context.Context, e *webhook.SessionEnded) error {
			a.note(e.Payload.SessionID, 0, "session ended: "+e.Payload.EndedReason)
			return nil
		}),
	)
}

func (a *attendance) note(session string, delta int, line string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.present == nil {
		a.present = map[string]int{}
	}
	a.present[session] += delta
	a.log = append(a.log, fmt.Sprintf("%s (%d present)", line, a.present[session]))
}

// Test a webhook receiver against the fake: the fake signs the events of
// the room and delivers them to the receiver's URL as Telnyx would; the
// test waits for the deliveries instead of sleeping, then checks what the
// receiver made of them and how each delivery went.
func ExampleServer_WaitWebhooksIdle() {
	srv := roomstest.NewServer(roomstest.WithResponseValidation())
	defer srv.Close()
	ctx := context.Background()

	// The receiver verifies with the fake's public key, as it would with
	// the account's key from the portal (TELNYX_PUBLIC_KEY).
	v, _ := webhook.NewVerifier(webhook.WithPublicKey(srv.WebhookPublicKeyBase64()))
	var a attendance
	receiver := httptest.NewServer(a.handler(v))
	defer receiver.Close()

	client, _ := srv.Client()
	room, _ := client.Rooms.Create(ctx, &rooms.RoomParams{WebhookEventURL: rooms.Ptr(receiver.URL + "/telnyx")})
	sess, _ := srv.StartSession(room.ID)
	alice, _ := srv.Join(sess.ID, "Alice")
	bob, _ := srv.Join(sess.ID, "Bob")
	_ = client.Sessions.Kick(ctx, sess.ID, rooms.ParticipantsAction{Participants: rooms.ParticipantIDs(bob.ID)})
	_ = srv.Leave(alice.ID) // the last one out: the session ends

	_ = srv.WaitWebhooksIdle(ctx)
	for _, line := range a.log {
		fmt.Println(line)
	}
	for _, d := range srv.Deliveries() {
		fmt.Println(d.Attempt, d.EventType, d.Outcome, d.StatusCode)
	}
	fmt.Println(len(srv.ContractViolations()), "contract violations")

	// Output:
	// Alice joined (1 present)
	// Bob joined (2 present)
	// Bob left: kicked (1 present)
	// Alice left: left (0 present)
	// session ended: stale (0 present)
	// 1 video.room.session.started delivered 204
	// 1 video.room.participant.joined delivered 204
	// 1 video.room.participant.joined delivered 204
	// 1 video.room.participant.left delivered 204
	// 1 video.room.participant.left delivered 204
	// 1 video.room.session.ended delivered 204
	// 0 contract violations
}
