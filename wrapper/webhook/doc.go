// Package webhook receives the webhooks Telnyx sends about video rooms:
// it verifies their signature, decodes them into one Go type per event, and
// serves them as an http.Handler that calls typed callbacks. It imports only
// the standard library.
//
// # Verification
//
// Telnyx signs every webhook with the account's Ed25519 key. The header
// telnyx-signature-ed25519 holds the base64 of the 64-byte signature, the
// header telnyx-timestamp the Unix time of signing in seconds, and the signed
// message is the timestamp, a "|", and the raw request body, byte for byte:
// verify the body as it was received, never a re-encoding of its JSON.
//
//	v, err := webhook.NewVerifier() // key from TELNYX_PUBLIC_KEY, or webhook.WithPublicKey("BASE64")
//	event, err := v.VerifyAndParse(r.Header, body)
//
// A timestamp more than DefaultTolerance (5 minutes) before or after the
// verifier's clock is refused (WithTolerance, WithClock). Every failure is a
// *VerificationError that errors.Is matches against one of ErrMissingHeader,
// ErrMalformedTimestamp, ErrTooOld, ErrInFuture, ErrMalformedKey,
// ErrMalformedSignature and ErrSignatureMismatch. No error repeats the body,
// the signature or the key.
//
// # Events
//
// Parse returns one of *SessionStarted, *SessionEnded, *ParticipantJoined,
// *ParticipantLeft, *RecordingStarted, *RecordingCompleted and
// *CompositionCompleted, so that a receiver is a type switch. An event type
// this package does not know is no error: it comes as an *UnknownEvent that
// keeps the raw payload, so that a new Telnyx event never breaks a receiver.
// Parsing accepts unknown members, missing optional members, and an
// occurred_at written with a space instead of the "T".
//
// # Handler
//
// NewHandler serves the webhooks of one endpoint: it accepts POST only (405
// otherwise), reads at most DefaultMaxBodyBytes (413 beyond), verifies (401
// with no detail on failure), decodes, drops an event whose id it has
// already handled (see Deduplicator), and calls the callbacks registered
// with On. It answers 204 only when every callback returned nil, and 500
// otherwise, so that Telnyx delivers the event again or to the failover URL.
package webhook
