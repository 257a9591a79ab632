package webhook

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"
)

// The headers Telnyx signs a webhook with, and the environment variable the
// public key is read from when no option gives it.
const (
	// SignatureHeader holds the base64 of the 64-byte Ed25519 signature.
	SignatureHeader = "telnyx-signature-ed25519"
	// TimestampHeader holds the Unix time of signing, in seconds.
	TimestampHeader = "telnyx-timestamp"
	// PublicKeyEnv names the environment variable NewVerifier reads the
	// base64 public key from when neither WithPublicKey nor
	// WithPublicKeyBytes is given.
	PublicKeyEnv = "TELNYX_PUBLIC_KEY"
	// DefaultTolerance is how far a timestamp may be from the verifier's
	// clock, either way, when WithTolerance is not given.
	DefaultTolerance = 5 * time.Minute
)

// The reasons a webhook fails verification. A *VerificationError wraps
// exactly one of them, so that errors.Is tells them apart.
var (
	// ErrMissingHeader: the signature or the timestamp header is absent or empty.
	ErrMissingHeader = errors.New("missing header")
	// ErrMalformedTimestamp: the timestamp is not Unix seconds in decimal
	// digits, or the header was given more than once.
	ErrMalformedTimestamp = errors.New("malformed timestamp")
	// ErrTooOld: the timestamp is more than the tolerance before the clock.
	ErrTooOld = errors.New("timestamp too old")
	// ErrInFuture: the timestamp is more than the tolerance after the clock.
	ErrInFuture = errors.New("timestamp in the future")
	// ErrMalformedKey: the public key is absent, not base64, or not 32 bytes.
	ErrMalformedKey = errors.New("malformed public key")
	// ErrMalformedSignature: the signature is not base64 of 64 bytes, or the
	// header was given more than once.
	ErrMalformedSignature = errors.New("malformed signature")
	// ErrSignatureMismatch: the signature is not the key's signature of the
	// timestamp and the body.
	ErrSignatureMismatch = errors.New("signature mismatch")
)

// VerificationError is why a webhook, or the key to verify it, was refused.
// Its message names the header or option concerned and the reason, never
// the body, the signature or the key.
type VerificationError struct {
	// Field is the header (SignatureHeader, TimestampHeader), or "public key".
	Field string
	// Reason is one of the Err* sentinels of this package.
	Reason error
	// Detail adds what is known without repeating the input, such as
	// "412s before the clock"; it may be empty.
	Detail string
}

// Error returns "webhook: FIELD: REASON" and the detail, if any.
func (e *VerificationError) Error() string {
	s := "webhook: " + e.Field + ": " + e.Reason.Error()
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Unwrap returns the reason, for errors.Is.
func (e *VerificationError) Unwrap() error { return e.Reason }

// Verifier checks the signature of webhooks with one account's public key.
// It is safe for concurrent use.
type Verifier struct {
	key       ed25519.PublicKey
	tolerance time.Duration
	now       func() time.Time
}

// Option configures a Verifier.
type Option func(*verifierConfig) error

type verifierConfig struct {
	key       ed25519.PublicKey
	keySet    bool
	tolerance time.Duration
	now       func() time.Time
}

// WithPublicKey sets the account's public key, base64 of 32 bytes as the
// Telnyx portal shows it.
func WithPublicKey(b64 string) Option {
	return func(c *verifierConfig) error {
		k, err := ParsePublicKey(b64)
		if err != nil {
			return err
		}
		c.key, c.keySet = k, true
		return nil
	}
}

// WithPublicKeyBytes sets the account's public key as raw bytes.
func WithPublicKeyBytes(key ed25519.PublicKey) Option {
	return func(c *verifierConfig) error {
		if len(key) != ed25519.PublicKeySize {
			return &VerificationError{Field: "public key", Reason: ErrMalformedKey, Detail: fmt.Sprintf("%d bytes, want %d", len(key), ed25519.PublicKeySize)}
		}
		c.key, c.keySet = append(ed25519.PublicKey(nil), key...), true
		return nil
	}
}

// WithTolerance sets how far, either way, a timestamp may be from the clock
// (DefaultTolerance by default). It must be positive.
func WithTolerance(d time.Duration) Option {
	return func(c *verifierConfig) error {
		if d <= 0 {
			return fmt.Errorf("webhook: WithTolerance: %v is not positive", d)
		}
		c.tolerance = d
		return nil
	}
}

// WithClock sets the clock timestamps are compared with (time.Now by
// default), so that tests can verify at a time of their choosing.
func WithClock(now func() time.Time) Option {
	return func(c *verifierConfig) error {
		if now == nil {
			return errors.New("webhook: WithClock: nil clock")
		}
		c.now = now
		return nil
	}
}

// NewVerifier returns a Verifier. The key is WithPublicKey's or
// WithPublicKeyBytes', else the base64 in the environment variable
// PublicKeyEnv; without any, or with a malformed one, it fails with a
// *VerificationError wrapping ErrMalformedKey.
func NewVerifier(opts ...Option) (*Verifier, error) {
	c := verifierConfig{tolerance: DefaultTolerance, now: time.Now}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&c); err != nil {
			return nil, err
		}
	}
	if !c.keySet {
		env, ok := os.LookupEnv(PublicKeyEnv)
		if !ok || env == "" {
			return nil, &VerificationError{Field: "public key", Reason: ErrMalformedKey, Detail: "none given: use WithPublicKey or set " + PublicKeyEnv}
		}
		k, err := ParsePublicKey(env)
		if err != nil {
			return nil, err
		}
		c.key = k
	}
	return &Verifier{key: c.key, tolerance: c.tolerance, now: c.now}, nil
}

// ParsePublicKey decodes a public key written as base64 (standard alphabet,
// padded or not) of 32 bytes.
func ParsePublicKey(b64 string) (ed25519.PublicKey, error) {
	b, err := decodeBase64(b64)
	if err != nil {
		return nil, &VerificationError{Field: "public key", Reason: ErrMalformedKey, Detail: "not base64"}
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, &VerificationError{Field: "public key", Reason: ErrMalformedKey, Detail: fmt.Sprintf("%d bytes, want %d", len(b), ed25519.PublicKeySize)}
	}
	return ed25519.PublicKey(b), nil
}

// decodeBase64 decodes standard base64, with or without padding.
func decodeBase64(s string) ([]byte, error) {
	if len(s)%4 == 0 {
		return base64.StdEncoding.Strict().DecodeString(s)
	}
	return base64.RawStdEncoding.Strict().DecodeString(s)
}

// Verify checks that body, as received, is signed by the verifier's key
// with the signature and timestamp in header, and that the timestamp is
// within the tolerance of the clock. It returns nil or a *VerificationError.
func (v *Verifier) Verify(header http.Header, body []byte) error {
	sig, err := single(header, SignatureHeader, ErrMalformedSignature)
	if err != nil {
		return err
	}
	ts, err := single(header, TimestampHeader, ErrMalformedTimestamp)
	if err != nil {
		return err
	}
	return v.VerifySignature(sig, ts, body)
}

// single returns the one non-empty value of the header name.
func single(header http.Header, name string, duplicate error) (string, error) {
	values := header.Values(name)
	switch {
	case len(values) == 0 || (len(values) == 1 && values[0] == ""):
		return "", &VerificationError{Field: name, Reason: ErrMissingHeader}
	case len(values) > 1:
		return "", &VerificationError{Field: name, Reason: duplicate, Detail: fmt.Sprintf("given %d times", len(values))}
	}
	return values[0], nil
}

// maxTimestampDigits bounds the timestamp header: Unix seconds fit in 19
// digits until the year 292277026596.
const maxTimestampDigits = 19

// VerifySignature is Verify for a signature and a timestamp already taken
// from their headers: signature is the base64 of the signature, timestamp
// the decimal Unix seconds, exactly as sent.
func (v *Verifier) VerifySignature(signature, timestamp string, body []byte) error {
	if signature == "" {
		return &VerificationError{Field: SignatureHeader, Reason: ErrMissingHeader}
	}
	if timestamp == "" {
		return &VerificationError{Field: TimestampHeader, Reason: ErrMissingHeader}
	}
	unix, err := parseTimestamp(timestamp)
	if err != nil {
		return err
	}
	sig, err := base64.StdEncoding.Strict().DecodeString(signature)
	if err != nil {
		return &VerificationError{Field: SignatureHeader, Reason: ErrMalformedSignature, Detail: "not base64"}
	}
	if len(sig) != ed25519.SignatureSize {
		return &VerificationError{Field: SignatureHeader, Reason: ErrMalformedSignature, Detail: fmt.Sprintf("%d bytes, want %d", len(sig), ed25519.SignatureSize)}
	}
	msg := make([]byte, 0, len(timestamp)+1+len(body))
	msg = append(msg, timestamp...)
	msg = append(msg, '|')
	msg = append(msg, body...)
	if !ed25519.Verify(v.key, msg, sig) {
		return &VerificationError{Field: SignatureHeader, Reason: ErrSignatureMismatch}
	}
	// The age is checked on signed timestamps only, so that ErrTooOld and
	// ErrInFuture always mean a genuine webhook (a replay, or a clock off).
	signed := time.Unix(unix, 0)
	now := v.now()
	// Times are compared, not durations, which saturate for far timestamps.
	switch {
	case signed.Before(now.Add(-v.tolerance)):
		return &VerificationError{Field: TimestampHeader, Reason: ErrTooOld, Detail: fmt.Sprintf("%s before the clock, tolerance %s", now.Sub(signed).Truncate(time.Second), v.tolerance)}
	case signed.After(now.Add(v.tolerance)):
		return &VerificationError{Field: TimestampHeader, Reason: ErrInFuture, Detail: fmt.Sprintf("%s after the clock, tolerance %s", signed.Sub(now).Truncate(time.Second), v.tolerance)}
	}
	return nil
}

// parseTimestamp reads decimal Unix seconds: ASCII digits only, no sign.
func parseTimestamp(s string) (int64, error) {
	malformed := &VerificationError{Field: TimestampHeader, Reason: ErrMalformedTimestamp, Detail: "not Unix seconds in decimal digits"}
	if len(s) > maxTimestampDigits {
		return 0, malformed
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, malformed
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, malformed
	}
	return n, nil
}

// VerifyAndParse verifies body as Verify does, then parses it as Parse does.
func (v *Verifier) VerifyAndParse(header http.Header, body []byte) (Event, error) {
	if err := v.Verify(header, body); err != nil {
		return nil, err
	}
	return Parse(body)
}
