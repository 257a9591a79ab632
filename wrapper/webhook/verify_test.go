package webhook

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVerifyVectors checks the verifier against signatures made with
// crypto/ed25519 from the scheme alone (timestamp, "|", raw body).
func TestVerifyVectors(t *testing.T) {
	pub, priv := testKey(1)
	_, otherPriv := testKey(2)
	body := []byte(sessionStartedBody)
	at := func(d time.Duration) http.Header { return signedHeader(priv, testNow.Add(d), body) }
	ts := strconv.FormatInt(testNow.Unix(), 10)

	var reencoded map[string]any
	require.NoError(t, json.Unmarshal(body, &reencoded))
	pretty, err := json.MarshalIndent(reencoded, "", "  ")
	require.NoError(t, err)

	tests := []struct {
		name   string
		header http.Header
		body   []byte
		want   error // nil: verifies
	}{
		{name: "valid", header: at(0), body: body},
		{name: "valid with an empty body", header: signedHeader(priv, testNow, nil), body: nil},
		{name: "body changed by one byte", header: at(0), body: []byte(strings.Replace(sessionStartedBody, `"attempt":1`, `"attempt":2`, 1)), want: ErrSignatureMismatch},
		{name: "body with a byte appended", header: at(0), body: append([]byte(sessionStartedBody), ' '), want: ErrSignatureMismatch},
		{name: "body re-encoded with other whitespace", header: at(0), body: pretty, want: ErrSignatureMismatch},
		{name: "timestamp changed", header: func() http.Header {
			h := at(0)
			h.Set(TimestampHeader, strconv.FormatInt(testNow.Unix()+1, 10))
			return h
		}(), body: body, want: ErrSignatureMismatch},
		{name: "wrong key", header: signedHeader(otherPriv, testNow, body), body: body, want: ErrSignatureMismatch},
		{name: "signed over the body alone", header: http.Header{
			SignatureHeaderCanonical(): {base64.StdEncoding.EncodeToString(signRaw(priv, body))},
			TimestampHeaderCanonical(): {ts},
		}, body: body, want: ErrSignatureMismatch},
		{name: "exactly the tolerance old", header: at(-DefaultTolerance), body: body},
		{name: "just past the tolerance old", header: at(-DefaultTolerance - time.Second), body: body, want: ErrTooOld},
		{name: "exactly the tolerance ahead", header: at(DefaultTolerance), body: body},
		{name: "just past the tolerance ahead", header: at(DefaultTolerance + time.Second), body: body, want: ErrInFuture},
		{name: "missing signature", header: without(at(0), SignatureHeader), body: body, want: ErrMissingHeader},
		{name: "missing timestamp", header: without(at(0), TimestampHeader), body: body, want: ErrMissingHeader},
		{name: "empty signature", header: with(at(0), SignatureHeader, ""), body: body, want: ErrMissingHeader},
		{name: "empty timestamp", header: with(at(0), TimestampHeader, ""), body: body, want: ErrMissingHeader},
		{name: "no headers", header: http.Header{}, body: body, want: ErrMissingHeader},
		{name: "duplicated signature", header: added(at(0), SignatureHeader, at(0).Get(SignatureHeader)), body: body, want: ErrMalformedSignature},
		{name: "duplicated timestamp", header: added(at(0), TimestampHeader, ts), body: body, want: ErrMalformedTimestamp},
		{name: "signature not base64", header: with(at(0), SignatureHeader, "not*base64!"), body: body, want: ErrMalformedSignature},
		{name: "signature in URL-safe base64", header: with(at(0), SignatureHeader, strings.NewReplacer("+", "-", "/", "_").Replace(at(0).Get(SignatureHeader))+"-_"), body: body, want: ErrMalformedSignature},
		{name: "signature too short", header: with(at(0), SignatureHeader, base64.StdEncoding.EncodeToString(make([]byte, 63))), body: body, want: ErrMalformedSignature},
		{name: "signature too long", header: with(at(0), SignatureHeader, base64.StdEncoding.EncodeToString(make([]byte, 65))), body: body, want: ErrMalformedSignature},
		{name: "timestamp with letters", header: with(at(0), TimestampHeader, ts+"a"), body: body, want: ErrMalformedTimestamp},
		{name: "timestamp with a sign", header: with(at(0), TimestampHeader, "+"+ts), body: body, want: ErrMalformedTimestamp},
		{name: "negative timestamp", header: with(at(0), TimestampHeader, "-1"), body: body, want: ErrMalformedTimestamp},
		{name: "timestamp with spaces", header: with(at(0), TimestampHeader, " "+ts), body: body, want: ErrMalformedTimestamp},
		{name: "timestamp in milliseconds is far ahead", header: func() http.Header {
			ms := strconv.FormatInt(testNow.UnixMilli(), 10)
			return http.Header{SignatureHeaderCanonical(): {sign(priv, ms, body)}, TimestampHeaderCanonical(): {ms}}
		}(), body: body, want: ErrInFuture},
		{name: "timestamp overflowing int64", header: with(at(0), TimestampHeader, "9999999999999999999"), body: body, want: ErrMalformedTimestamp},
		{name: "timestamp too long", header: with(at(0), TimestampHeader, strings.Repeat("1", 40)), body: body, want: ErrMalformedTimestamp},
	}
	v := newTestVerifier(t, pub)
	sentinels := []error{ErrMissingHeader, ErrMalformedTimestamp, ErrTooOld, ErrInFuture, ErrMalformedKey, ErrMalformedSignature, ErrSignatureMismatch}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := v.Verify(tt.header, tt.body)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, s := range sentinels {
				assert.Equal(t, s == tt.want, errors.Is(err, s), "errors.Is(%v, %v)", err, s)
			}
			var ve *VerificationError
			require.ErrorAs(t, err, &ve)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "webhook: "), msg)
			assert.NotContains(t, msg, "room_id", "the body is never echoed")
			if sig := tt.header.Get(SignatureHeader); len(sig) > 8 {
				assert.NotContains(t, msg, sig[:8], "the signature is never echoed")
			}
		})
	}
}

func SignatureHeaderCanonical() string { return http.CanonicalHeaderKey(SignatureHeader) }
func TimestampHeaderCanonical() string { return http.CanonicalHeaderKey(TimestampHeader) }

func without(h http.Header, name string) http.Header { h.Del(name); return h }
func with(h http.Header, name, value string) http.Header {
	h.Set(name, value)
	return h
}
func added(h http.Header, name, value string) http.Header {
	h.Add(name, value)
	return h
}

func TestVerifySignatureParts(t *testing.T) {
	pub, priv := testKey(1)
	v := newTestVerifier(t, pub)
	ts := strconv.FormatInt(testNow.Unix(), 10)
	body := []byte(`{"data":{}}`)
	require.NoError(t, v.VerifySignature(sign(priv, ts, body), ts, body))
	assert.ErrorIs(t, v.VerifySignature("", ts, body), ErrMissingHeader)
	assert.ErrorIs(t, v.VerifySignature(sign(priv, ts, body), "", body), ErrMissingHeader)
}

func TestTolerance(t *testing.T) {
	pub, priv := testKey(1)
	body := []byte(sessionStartedBody)
	v := newTestVerifier(t, pub, WithTolerance(time.Minute))
	require.NoError(t, v.Verify(signedHeader(priv, testNow.Add(-time.Minute), body), body))
	assert.ErrorIs(t, v.Verify(signedHeader(priv, testNow.Add(-61*time.Second), body), body), ErrTooOld)
	assert.ErrorIs(t, v.Verify(signedHeader(priv, testNow.Add(61*time.Second), body), body), ErrInFuture)

	_, err := NewVerifier(WithPublicKeyBytes(pub), WithTolerance(0))
	assert.Error(t, err)
	_, err = NewVerifier(WithPublicKeyBytes(pub), WithClock(nil))
	assert.Error(t, err)
}

func TestNewVerifierKeys(t *testing.T) {
	pub, priv := testKey(1)
	b64 := base64.StdEncoding.EncodeToString(pub)
	body := []byte(sessionStartedBody)
	clock := WithClock(func() time.Time { return testNow })
	tests := []struct {
		name string
		env  *string
		opts []Option
		want error
	}{
		{name: "option", opts: []Option{WithPublicKey(b64)}},
		{name: "option without padding", opts: []Option{WithPublicKey(strings.TrimRight(b64, "="))}},
		{name: "environment", env: &b64},
		{name: "option wins over environment", env: ptr("garbage"), opts: []Option{WithPublicKey(b64)}},
		{name: "no key at all", want: ErrMalformedKey},
		{name: "empty environment", env: ptr(""), want: ErrMalformedKey},
		{name: "environment not base64", env: ptr("%%%"), want: ErrMalformedKey},
		{name: "not base64", opts: []Option{WithPublicKey("not base64!")}, want: ErrMalformedKey},
		{name: "31 bytes", opts: []Option{WithPublicKey(base64.StdEncoding.EncodeToString(pub[:31]))}, want: ErrMalformedKey},
		{name: "33 bytes", opts: []Option{WithPublicKey(base64.StdEncoding.EncodeToString(append(pub, 0)))}, want: ErrMalformedKey},
		{name: "raw bytes of the wrong size", opts: []Option{WithPublicKeyBytes(pub[:16])}, want: ErrMalformedKey},
		{name: "a private key", opts: []Option{WithPublicKey(base64.StdEncoding.EncodeToString(priv))}, want: ErrMalformedKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != nil {
				t.Setenv(PublicKeyEnv, *tt.env)
			} else {
				t.Setenv(PublicKeyEnv, "")
			}
			v, err := NewVerifier(append(tt.opts, clock)...)
			if tt.want != nil {
				require.ErrorIs(t, err, tt.want)
				assert.NotContains(t, err.Error(), b64[:10], "the key is never echoed")
				return
			}
			require.NoError(t, err)
			require.NoError(t, v.Verify(signedHeader(priv, testNow, body), body))
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestVerifyAndParse(t *testing.T) {
	pub, priv := testKey(1)
	v := newTestVerifier(t, pub)
	body := []byte(sessionStartedBody)
	ev, err := v.VerifyAndParse(signedHeader(priv, testNow, body), body)
	require.NoError(t, err)
	started, ok := ev.(*SessionStarted)
	require.True(t, ok, "%T", ev)
	assert.Equal(t, "7b61621f-62e0-4aad-ab11-9fd19e272e73", started.Payload.SessionID)

	_, err = v.VerifyAndParse(signedHeader(priv, testNow, body), append(body, '\n'))
	assert.ErrorIs(t, err, ErrSignatureMismatch)
}
