package webhook

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testNow is the clock of the tests: every timestamp is relative to it.
var testNow = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// testKey returns a key pair made from a fixed seed, so that failures
// reproduce; seed picks one of several.
func testKey(seed byte) (ed25519.PublicKey, ed25519.PrivateKey) {
	s := make([]byte, ed25519.SeedSize)
	for i := range s {
		s[i] = seed + byte(i)
	}
	priv := ed25519.NewKeyFromSeed(s)
	return priv.Public().(ed25519.PublicKey), priv
}

// sign signs as the scheme says, with crypto/ed25519 alone: the timestamp,
// "|", the raw body.
func sign(priv ed25519.PrivateKey, timestamp string, body []byte) string {
	msg := append([]byte(timestamp+"|"), body...)
	return base64.StdEncoding.EncodeToString(ed25519.Sign(priv, msg))
}

// signedHeader returns the headers of a webhook signed at t.
func signedHeader(priv ed25519.PrivateKey, t time.Time, body []byte) http.Header {
	ts := strconv.FormatInt(t.Unix(), 10)
	h := http.Header{}
	h.Set(SignatureHeader, sign(priv, ts, body))
	h.Set(TimestampHeader, ts)
	return h
}

// newTestVerifier returns a verifier of pub on the tests' clock.
func newTestVerifier(t *testing.T, pub ed25519.PublicKey, opts ...Option) *Verifier {
	t.Helper()
	v, err := NewVerifier(append([]Option{WithPublicKeyBytes(pub), WithClock(func() time.Time { return testNow })}, opts...)...)
	require.NoError(t, err)
	return v
}

const sessionStartedBody = `{"data":{"record_type":"event","event_type":"video.room.session.started","id":"6b61621f-62e0-4aad-ab11-9fd19e272e73","occurred_at":"2026-03-04T05:06:05.521992Z","payload":{"room_id":"0ccc7b54-4df3-4bca-a65a-35a1ecc777f0","session_id":"7b61621f-62e0-4aad-ab11-9fd19e272e73"}},"meta":{"attempt":1,"delivered_to":"https://example.com/hooks"}}`

// signRaw signs msg as it is.
func signRaw(priv ed25519.PrivateKey, msg []byte) []byte { return ed25519.Sign(priv, msg) }
