package rooms

import (
	"net/url"
	"strings"
)

// The API key must never reach an error, a log record or a formatted value,
// even when a hostile or broken server echoes it back (in an error body, a
// success body, a header or a redirect location). Everything the client
// builds from server input goes through the functions below.

// redacted replaces the key wherever it is found.
const redacted = "REDACTED"

// credentials is the API key and the Authorization header made from it.
type credentials struct {
	key    string
	header []string // {"Bearer <key>"}, shared by every request, never mutated
}

// secretFunc returns a function that returns c. A Client keeps its
// credentials behind such a closure rather than in a field, so that no
// formatting (%v, %+v, %#v, %s) or reflection of a Client, of a service or
// of a value holding one can reach the key.
func secretFunc(c credentials) func() *credentials {
	return func() *credentials { return &c }
}

// redact replaces every occurrence of secret in s.
func redact(s, secret string) string {
	if secret == "" || !strings.Contains(s, secret) {
		return s
	}
	return strings.ReplaceAll(s, secret, redacted)
}

// minPartial is the shortest piece of the key at the end of a snippet that
// is cut off: a shorter one is indistinguishable from ordinary text.
const minPartial = 4

// snippetOf returns at most snippetMax bytes of valid UTF-8 from the start
// of b, cut at a rune boundary, invalid bytes replaced, with every
// occurrence of secret replaced and no piece of secret left at the cut.
func snippetOf(b []byte, secret string) string {
	window := b[:min(len(b), 2*snippetMax+len(secret))]
	s := redact(strings.ToValidUTF8(string(window), "\uFFFD"), secret)
	s = cutRunes(strings.TrimSpace(s), snippetMax)
	// The cut may have halved an occurrence of the key.
	for k := min(len(secret)-1, len(s)); k >= minPartial; k-- {
		if strings.HasSuffix(s, secret[:k]) {
			s = s[:len(s)-k]
			break
		}
	}
	return s
}

// redactValue returns a copy of v (decoded JSON: maps, slices, strings,
// numbers...) with secret replaced in every string, map keys included.
func redactValue(v any, secret string) any {
	switch x := v.(type) {
	case string:
		return redact(x, secret)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[redact(k, secret)] = redactValue(e, secret)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = redactValue(e, secret)
		}
		return out
	}
	return v
}

// redactMeta returns a copy of m with secret replaced in every string.
func redactMeta(m map[string]any, secret string) map[string]any {
	if m == nil || secret == "" {
		return m
	}
	return redactValue(m, secret).(map[string]any)
}

// scrub returns err unchanged unless its message holds secret. Then a
// *url.Error keeps its type and operation with the URL redacted and its
// cause scrubbed in turn; any other error is replaced by a *redactedError
// carrying the redacted message (its chain is dropped: it holds the key).
// Errors that wrap context.DeadlineExceeded, a *net.OpError and the like
// never hold the key, so their chain is kept.
func scrub(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	if ue, ok := err.(*url.Error); ok {
		return &url.Error{Op: ue.Op, URL: redact(ue.URL, secret), Err: scrub(ue.Err, secret)}
	}
	return &redactedError{msg: redact(err.Error(), secret)}
}

// redactedError stands for an error whose message held the API key.
type redactedError struct{ msg string }

func (e *redactedError) Error() string { return e.msg }
