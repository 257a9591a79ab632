package rooms

import (
	"encoding/base64"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/internal/leakcheck"
)

// redactionKeys are keys of every class the fixed canary key missed: keys
// that start or end with letters of the marker REDACTED (an echo of a piece
// of the key next to the key rebuilt it around the marker), keys that hold
// the marker, keys with characters that URL, JSON, Go and HTML escapes
// change, keys that an escape sequence ends with (n, x1b, u202e), and keys
// shorter than a piece.
var redactionKeys = []struct{ name, key string }{
	{"canary", "KEY-canary-7d1e5c3a9b2f4e6d8c0a42"},
	{"ends in the marker's start", "KEY0123456789abRED"},
	{"starts with the marker's end", "TED0123456789abcdef"},
	{"starts with its own end", "DACTEDxyz0123456789_RE"},
	{"is the marker", "REDACTED"},
	{"holds the marker", "xxREDACTEDyy0123456789"},
	{"marker letters only", "TEDTEDTEDTEDTED"},
	{"escaped characters", `KEY+/=%&"'\<>#?;:@[]{}|^~` + "`!$*"},
	{"an escape's tail", "nu202ex1b0123456789"},
	{"ends with a backslash", `KEY0123456789\`},
	{"ends with a quote", `KEY0123456789"}`},
	{"percent escapes", "%4B%45%59%2d0123456789"},
	{"JSON escapes", `\u004b\"ab\\0123456789`},
	{"short", "k3Y"},
	{"one character", "Z"},
}

// echoPatterns build the text a hostile server echoes from the key (e, the
// key in the case's encoding, and enc, the encoding).
var echoPatterns = []struct {
	name string
	echo func(key string, enc func(string) string) string
}{
	{"key", func(k string, enc func(string) string) string { return enc(k) }},
	{"Bearer key, twice", func(k string, enc func(string) string) string {
		return enc("Bearer "+k) + " " + enc(k)
	}},
	{"piece, key, piece", func(k string, enc func(string) string) string {
		return enc(k[:len(k)/2]) + enc(k) + enc(k[len(k)/2:])
	}},
	{"marker around the key", func(k string, enc func(string) string) string {
		return "RE" + enc(k) + "TED" + enc("REDAC"+k+"DACTED")
	}},
	{"half the key", func(k string, enc func(string) string) string { return enc(k[:(len(k)+1)/2]) }},
}

// TestRedactionClasses drives each class of key through each echo pattern
// and encoding into each place of an answer, and checks with the oracle
// (every encoding of the key, and for the key's own bytes every run of
// minPiece) that Error() and the log records show none of them.
func TestRedactionClasses(t *testing.T) {
	t.Parallel()
	h := newEchoHarness(t)
	check := func(t *testing.T, key, echo string, at echoPlace, what string) {
		t.Helper()
		if l := h.call(t, key, echo, at).leak(key); l != "" {
			t.Errorf("%s in the %s: %s", what, at, l)
		}
	}
	for _, k := range redactionKeys {
		t.Run(k.name, func(t *testing.T) {
			for _, p := range echoPatterns {
				for _, e := range echoEncodings {
					echo := p.echo(k.key, e.Encode)
					if p.name == "half the key" && len(k.key) < 2*minPiece {
						continue // half of a short key is ordinary text
					}
					for _, at := range []echoPlace{inEnvelope, inHTML} {
						check(t, k.key, echo, at, p.name+" ("+e.Name+")")
					}
				}
			}
			for at := range numEchoPlaces {
				for _, e := range echoEncodings[:3] {
					check(t, k.key, e.Encode(k.key), at, "key ("+e.Name+")")
				}
			}
		})
	}
}

func b64(s string) string { return base64.RawStdEncoding.EncodeToString([]byte(s)) }

// TestRedactMarker checks the marker: REDACTED where it cannot rebuild the
// key, the non-ASCII marker where it would.
func TestRedactMarker(t *testing.T) {
	t.Parallel()
	require.Equal(t, leakcheck.MinPiece, minPiece, "the oracle's piece is the redactor's")
	cases := []struct {
		name, key, in, want string
	}{
		{"plain", "KEY0123456789", "a KEY0123456789 b", "a " + redacted + " b"},
		{"percent-encoded in lower hex", "KEY-0123456789", "k=KEY%2d0123456789&", "k=" + redacted + "&"},
		{"JSON-escaped slash", "KEY/0123456789", `"KEY\/0123456789"`, `"` + redacted + `"`},
		{"every byte escaped", "K3Y/0123456789", everyByte("K3Y/0123456789", `\u%04X`), redacted},
		// REDACTED would end the key's start "TED0123456" again (a piece).
		{"an echo of its end after it", "TED0123456789", "TED0123456789" + "0123456", redactedSafe + "0123456"},
		// "abcdefg" is shorter than a piece; with REDACTED after it, it is the key.
		{"a piece before it", "abcdefgRE", "abcdefg" + "abcdefgRE", "abcdefg" + redactedSafe},
		{"its echo rebuilds the marker", "abcdefghRED", "abcdefghRED" + "ACTED", redacted + "ACTED"},
		{"a piece of the key", "KEY0123456789abcdef", "see 456789abcd", "see " + redacted},
		{"a piece shorter than minPiece", "KEY0123456789abcdef", "see 456789a", "see 456789a"},
		{"a short key", "k3Y", "a k3Y b", "a " + redacted + " b"},
		{"base64 at an offset", "KEY0123456789abcdef", "x" + b64("ab"+"KEY0123456789abcdef"), "x" + b64("ab" + "KEY0123456789abcdef")[:3] + redacted},
	}
	for _, tc := range cases {
		r := newRedactor(tc.key)
		got := r.redact(tc.in)
		assert.Equal(t, tc.want, got, tc.name)
		assert.False(t, r.holds(got), "%s: the result holds the key", tc.name)
	}
}

// TestRedactView checks the escapes a view decodes, and that it maps every
// decoded byte back to the escape it came from.
func TestRedactView(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"a%2Fb%2fc", "a/b/c"},
		{`\u0041\U00000042\x43\/\\\"\'\n`, "ABC/\\\"'\n"},
		{"&#65;&#x42;&#X43;&amp;&lt;&gt;&quot;&apos;", `ABC&<>"'`},
		{"%zz%4 \\q &#; &#x; &bogus; &#12", "%zz%4 \\q &#; &#x; &bogus; &#12"},
		{`\u00e9`, "é"},
		{"a+b", "a+b"},
	}
	for _, tc := range cases {
		v := decodeView(identityView(tc.in))
		if tc.want == tc.in {
			assert.Nil(t, v, "%q: nothing to decode", tc.in)
			continue
		}
		require.NotNil(t, v, tc.in)
		assert.Equal(t, tc.want, v.b, tc.in)
		for i := range len(v.b) {
			assert.True(t, v.from(i) < v.to(i) && v.to(i) <= len(tc.in), "%q: span of byte %d", tc.in, i)
		}
	}
	assert.Nil(t, decodeView(identityView("plain text")))
}

// TestSnippetCutHalvesAnEncodedKey checks that a snippet ending with the
// start of the key, encoded, keeps none of it when minPartial bytes or more
// of the key are there, even with an escape cut in half after them.
func TestSnippetCutHalvesAnEncodedKey(t *testing.T) {
	t.Parallel()
	const key = "KEY0123456789abcdef"
	r := newRedactor(key)
	for _, e := range echoEncodings[:12] {
		enc, start := e.Encode(key), e.Encode(key[:minPartial])
		for cut := 1; cut < len(enc); cut++ {
			got := snippetOf([]byte("x "+enc[:cut]), r)
			assert.NotContains(t, got, start, "%s cut after %d bytes", e.Name, cut)
			assert.True(t, utf8.ValidString(got))
		}
	}
}
