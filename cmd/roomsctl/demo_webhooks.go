package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// demoWebhookWait bounds how long the demo waits for the fake to deliver
// its webhooks once the steps are done. Delivery over loopback takes
// milliseconds; the bound only keeps a broken delivery from hanging the demo.
const demoWebhookWait = 30 * time.Second

// demoHooks is the demo's webhook receiver: a webhook.Handler verifying
// with the fake's public key, on its own loopback HTTP server. The room's
// webhook_event_url points at it; every event it verifies goes to events,
// in the order received.
type demoHooks struct {
	url    string
	srv    *httpServer
	served chan error
	events chan webhook.Event

	mu      sync.Mutex
	refused []error // why deliveries were refused, for the failure message
}

// startDemoHooks starts the receiver. Its verifier reads the demo's clock,
// which the fake signs with.
func startDemoHooks(ctx context.Context, fake *roomstest.Server, clock *demoClock) (*demoHooks, error) {
	v, err := webhook.NewVerifier(webhook.WithPublicKeyBytes(fake.WebhookPublicKey()), webhook.WithClock(clock.latest))
	if err != nil {
		return nil, err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	// The fake delivers one room's events one at a time, each after the
	// previous one was answered, so a buffer of the deliveries a demo
	// makes never blocks a callback; if it were full the callback would
	// fail, and the demo with it.
	h := &demoHooks{url: "http://" + ln.Addr().String() + "/webhooks", served: make(chan error, 1), events: make(chan webhook.Event, 256)}
	handler := webhook.NewHandler(v,
		webhook.WithDeduplicator(webhook.NewMemoryDeduplicator()),
		webhook.On(func(_ context.Context, e webhook.Event) error {
			select {
			case h.events <- e:
				return nil
			default:
				return errors.New("demo: too many webhooks")
			}
		}),
		webhook.WithErrorLog(func(_ *http.Request, err error) {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.refused = append(h.refused, err)
		}))
	h.srv = newHTTPServer(handler, defaultServeLimits())
	go func() { h.served <- h.srv.Serve(ln) }()
	return h, nil
}

// close stops the receiver.
func (h *demoHooks) close() {
	_ = h.srv.Close()
	<-h.served
}

// received waits (bounded) until the fake has delivered every event of
// the steps so far, and returns the events verified, in order.
func (h *demoHooks) received(ctx context.Context, fake *roomstest.Server) ([]webhook.Event, error) {
	ctx, cancel := context.WithTimeout(ctx, demoWebhookWait)
	defer cancel()
	if err := fake.WaitWebhooksIdle(ctx); err != nil {
		return nil, fmt.Errorf("the fake did not finish delivering: %w", err)
	}
	h.mu.Lock()
	refused := errors.Join(h.refused...)
	h.mu.Unlock()
	if refused != nil {
		return nil, fmt.Errorf("the receiver refused a delivery: %w", refused)
	}
	for _, d := range fake.Deliveries() {
		if d.Outcome != roomstest.DeliveryOK {
			return nil, fmt.Errorf("delivery of %s (%s) to %s: %s %s", d.EventType, d.EventID, d.URL, d.Outcome, d.Error)
		}
	}
	// Every delivery was answered, and the handler queues an event before
	// it answers: all of them are in the channel.
	var events []webhook.Event
	for {
		select {
		case e := <-h.events:
			events = append(events, e)
		default:
			return events, nil
		}
	}
}

// wantEvent is an event the demo's steps caused: its type, and the
// participant (an index in demo.people, -1 for none) and reason it names.
type wantEvent struct {
	typ    webhook.EventType
	person int
	reason string
}

// demoEventWants are the session and participant events the steps cause,
// in order: the session starts, Alice, Bob and Carol join, Carol is
// kicked, ending the session makes Alice and Bob leave, then it ends.
func demoEventWants() []wantEvent {
	return []wantEvent{
		{webhook.EventSessionStarted, -1, ""},
		{webhook.EventParticipantJoined, 0, ""},
		{webhook.EventParticipantJoined, 1, ""},
		{webhook.EventParticipantJoined, 2, ""},
		{webhook.EventParticipantLeft, 2, webhook.LeftReasonKicked},
		{webhook.EventParticipantLeft, 0, webhook.LeftReasonSessionEnded},
		{webhook.EventParticipantLeft, 1, webhook.LeftReasonSessionEnded},
		{webhook.EventSessionEnded, -1, webhook.EndedReasonEnded},
	}
}

// isSessionEvent says whether the demo checks events of type t against
// what it did: the session and participant events. Others (recordings,
// compositions) are shown, and checked by the steps that cause them.
func isSessionEvent(t webhook.EventType) bool {
	switch t {
	case webhook.EventSessionStarted, webhook.EventSessionEnded, webhook.EventParticipantJoined, webhook.EventParticipantLeft:
		return true
	}
	return false
}

// checkWebhooks waits for the webhooks of the steps, prints one line per
// event received and verified, and checks the session and participant
// events against what the steps did.
func (d *demo) checkWebhooks(ctx context.Context) (string, error) {
	events, err := d.hooks.received(ctx, d.srv)
	if err != nil {
		return "", err
	}
	var session []webhook.Event
	for _, e := range events {
		if isSessionEvent(e.Common().Type) {
			session = append(session, e)
		}
	}
	var lines []string
	for _, e := range events {
		lines = append(lines, d.describeEvent(e))
	}
	d.below = lines
	want := demoEventWants()
	if len(session) != len(want) {
		return "", fmt.Errorf("want %d session and participant events, got %d", len(want), len(session))
	}
	var errs []error
	for i, w := range want {
		errs = append(errs, d.checkEvent(i+1, session[i], w))
	}
	return fmt.Sprintf("%d events, signatures verified; the %d of the session and its people as the steps did them:", len(events), len(want)), errors.Join(errs...)
}

// checkEvent checks the nth session or participant event against w.
func (d *demo) checkEvent(n int, e webhook.Event, w wantEvent) error {
	var room, session, person, reason string
	switch e := e.(type) {
	case *webhook.SessionStarted:
		room, session = e.Payload.RoomID, e.Payload.SessionID
	case *webhook.SessionEnded:
		room, session, reason = e.Payload.RoomID, e.Payload.SessionID, e.Payload.EndedReason
	case *webhook.ParticipantJoined:
		room, session, person = e.Payload.RoomID, e.Payload.SessionID, e.Payload.ParticipantID
	case *webhook.ParticipantLeft:
		room, session, person, reason = e.Payload.RoomID, e.Payload.SessionID, e.Payload.ParticipantID, e.Payload.LeftReason
	}
	wantPerson := ""
	if w.person >= 0 {
		wantPerson = d.people[w.person].ID
	}
	return expect(e.Common().Type == w.typ && room == d.room.ID && session == d.session.ID && person == wantPerson && reason == w.reason,
		"event %d to be %s of the demo's session, participant %q, reason %q; got %s", n, w.typ, wantPerson, w.reason, d.describeEvent(e))
}

// describeEvent is the demo's line for one event: its type, then the
// person it is about by name, or the session by its short id, and its
// reason; the ids of other events in short.
func (d *demo) describeEvent(e webhook.Event) string {
	typ := e.Common().Type
	line := fmt.Sprintf("%-30s", typ)
	for _, f := range eventFields(e) {
		switch {
		case f.value == "":
		case strings.HasSuffix(f.name, "_reason"):
			line += ", " + f.name + "=" + f.value
		case typ == webhook.EventParticipantJoined || typ == webhook.EventParticipantLeft:
			if f.name == "participant_id" {
				line += " " + d.personName(f.value)
			}
		case typ == webhook.EventSessionStarted || typ == webhook.EventSessionEnded:
			if f.name == "session_id" {
				line += " session " + short(f.value)
			}
		default:
			line += " " + f.name + "=" + short(f.value)
		}
	}
	return line
}

// personName is the name of the demo's participant id, or its short form.
func (d *demo) personName(id string) string {
	for _, p := range d.people {
		if p.ID == id {
			return p.Context
		}
	}
	return short(id)
}
