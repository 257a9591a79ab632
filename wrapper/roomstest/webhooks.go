package roomstest

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"net/http"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// DeliveryOutcome says how one delivery attempt of a webhook ended.
type DeliveryOutcome string

// The outcomes of a delivery attempt (Delivery.Outcome).
const (
	// DeliveryOK: the receiver answered 2xx.
	DeliveryOK DeliveryOutcome = "delivered"
	// DeliveryRejected: the receiver answered with another status
	// (Delivery.StatusCode); redirects are not followed.
	DeliveryRejected DeliveryOutcome = "rejected"
	// DeliveryConnError: no connection, or it broke before an answer.
	DeliveryConnError DeliveryOutcome = "connection_error"
	// DeliveryTimeout: no answer within the room's webhook_timeout_secs
	// (10 seconds when it is unset; no limit when it is 0).
	DeliveryTimeout DeliveryOutcome = "timeout"
	// DeliveryRefused: the fake would not send there: the URL is not http
	// or https, or its host resolved to an address that is not loopback
	// (see WithWebhookAnyHost). Nothing was sent.
	DeliveryRefused DeliveryOutcome = "refused"
	// DeliveryInvalid: the event does not match the contract's schema; it
	// was not sent, and the violation is in Server.ContractViolations.
	DeliveryInvalid DeliveryOutcome = "contract_violation"
	// DeliveryCanceled: Server.Close ended the attempt, or came before it.
	DeliveryCanceled DeliveryOutcome = "canceled"
)

// Delivery is one attempt at delivering a webhook, as Server.Deliveries
// records it. A failed attempt to the room's webhook_event_url is followed
// by an attempt to its webhook_event_failover_url, when the room has one:
// the same event (same EventID) with Attempt 2.
type Delivery struct {
	// EventID is the event's data.id, the same on every attempt.
	EventID string
	// EventType is the event's data.event_type.
	EventType webhook.EventType
	// RoomID is the room the event is about.
	RoomID string
	// Attempt counts the attempts at this event from 1, as meta.attempt does.
	Attempt int
	// URL is where the attempt went (meta.delivered_to).
	URL string
	// Outcome says how it ended.
	Outcome DeliveryOutcome
	// StatusCode is the receiver's HTTP status; 0 without an answer.
	StatusCode int
	// Error describes a failure other than a status (a connection error,
	// the timeout, a refusal, a contract violation); "" otherwise.
	Error string
	// Header holds the headers sent: Content-Type, telnyx-timestamp and
	// telnyx-signature-ed25519. Nil when nothing was signed (DeliveryInvalid,
	// some DeliveryRefused and DeliveryCanceled).
	Header http.Header
	// Body is the exact body sent (or that would have been sent), so that
	// webhook.Verifier.Verify(d.Header, d.Body) checks the signature.
	Body []byte
}

// WebhookPublicKey returns the public half of the key the fake signs its
// webhooks with (WithWebhookKey, or a key pair it generated): give it to
// the verifier under test (webhook.WithPublicKeyBytes).
func (s *Server) WebhookPublicKey() ed25519.PublicKey {
	return append(ed25519.PublicKey(nil), s.hooks.key.Public().(ed25519.PublicKey)...)
}

// WebhookPublicKeyBase64 returns WebhookPublicKey in standard, padded
// base64: the form Telnyx shows in its portal, that TELNYX_PUBLIC_KEY and
// webhook.WithPublicKey take.
func (s *Server) WebhookPublicKeyBase64() string {
	return base64.StdEncoding.EncodeToString(s.WebhookPublicKey())
}

// Deliveries returns every delivery attempt so far, oldest first: the
// last 10000, should there be more (a fake served for days keeps no more).
// Attempts at the events of one room are made one after the other, in the
// order the events happened; those of different rooms may interleave.
func (s *Server) Deliveries() []Delivery { return s.hooks.deliveries() }

// WaitDeliveries blocks until at least n delivery attempts have been
// recorded since the Server started, then returns Deliveries; or until ctx is done (then it returns what is
// recorded and an error wrapping ctx.Err()). Delivery is asynchronous, as
// with Telnyx: wait for it rather than sleeping.
func (s *Server) WaitDeliveries(ctx context.Context, n int) ([]Delivery, error) {
	return s.hooks.wait(ctx, n)
}

// WaitWebhooksIdle blocks until every event that happened so far has been
// delivered or has failed (all its attempts are recorded), or until ctx is
// done (then it returns an error wrapping ctx.Err()). After it, Deliveries
// is complete: a test can assert that an attempt did not happen.
func (s *Server) WaitWebhooksIdle(ctx context.Context) error { return s.hooks.waitIdle(ctx) }
