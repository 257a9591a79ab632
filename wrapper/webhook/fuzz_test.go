package webhook

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParse: Parse never panics, and a result is either an event or a
// *ParseError whose message holds no byte of a member's value beyond the
// names of the members.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sessionStartedBody))
	f.Add(wrap("video.room.participant.left", "2022-03-02 04:47:29.980874Z", `{"room_id":"r","session_id":"s","duration_secs":3}`))
	f.Add(wrap("video.room.unknown", "2022-03-02T04:47:29Z", `[1,{"a":null}]`))
	f.Add([]byte(`{"data":{"payload":null}}`))
	f.Add([]byte(`{"data":{"occurred_at":"2022-13-40T99:99:99Z"}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := Parse(body)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("Parse error %T, want *ParseError", err)
			}
			return
		}
		if e == nil || e.Common() == nil {
			t.Fatal("Parse returned neither an event nor an error")
		}
		if e.Common().OccurredAt.Location() != time.UTC {
			t.Fatal("occurred_at not in UTC")
		}
	})
}

// FuzzVerify: Verify never panics, accepts only the genuine signature of
// the genuine body and timestamp, and never echoes the signature or body.
func FuzzVerify(f *testing.F) {
	pub, priv := testKey(1)
	v, err := NewVerifier(WithPublicKeyBytes(pub), WithClock(func() time.Time { return testNow }))
	if err != nil {
		f.Fatal(err)
	}
	ts := strconv.FormatInt(testNow.Unix(), 10)
	genuine := []byte(sessionStartedBody)
	genuineSig := sign(priv, ts, genuine)
	f.Add(genuineSig, ts, genuine)
	f.Add(genuineSig, ts, append([]byte(nil), genuine[:len(genuine)-1]...))
	f.Add("", ts, genuine)
	f.Add(genuineSig, "", genuine)
	f.Add("!!!!", "12x", []byte{})
	f.Add(genuineSig, "0"+ts, genuine)
	f.Fuzz(func(t *testing.T, sig, timestamp string, body []byte) {
		h := http.Header{}
		h.Set(SignatureHeader, sig)
		h.Set(TimestampHeader, timestamp)
		err := v.Verify(h, body)
		isGenuine := sig == genuineSig && timestamp == ts && string(body) == sessionStartedBody
		if err == nil {
			// Only a webhook signed by the key verifies: Ed25519 signatures
			// are deterministic and the fuzzer cannot forge one.
			if sign(priv, timestamp, body) != sig {
				t.Fatalf("verified a forged webhook: ts %q", timestamp)
			}
			return
		}
		if isGenuine {
			t.Fatalf("the genuine webhook failed: %v", err)
		}
		if _, ok := err.(*VerificationError); !ok {
			t.Fatalf("error %T, want *VerificationError", err)
		}
		msg := err.Error()
		if len(sig) >= 12 && strings.Contains(msg, sig) {
			t.Fatal("the signature is echoed")
		}
		if len(body) >= 12 && strings.Contains(msg, string(body)) {
			t.Fatal("the body is echoed")
		}
	})
}
