package rooms

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seed1c924325/telnyx-rooms-go/internal/termtext"
)

// The API key must never reach an error, a log record or a formatted value,
// even when a hostile or broken server echoes it back (in an error body, a
// success body, a header or a redirect location), encoded or in pieces.
// Everything the client builds from server input goes through a redactor
// (decision D62 of the contract says what it finds).

// redacted replaces the key wherever it is found.
const redacted = "REDACTED"

// redactedSafe replaces the key when redacted, put next to what surrounds
// the key, would rebuild a form of it (a key that starts or ends with
// letters of REDACTED, echoed next to a piece of itself). It holds no ASCII
// byte, and a key is visible ASCII only, so it can never be part of a form
// of the key, nor of an escape sequence that decodes to one.
const redactedSafe = "\u2588\u2588\u2588"

// minPiece is the length from which a run of consecutive bytes of the key
// counts as the key: a server that echoes half of it leaks half of it.
const minPiece = 8

// minPartial is the shortest piece of the key at the end of a snippet that
// is cut off: a shorter one is indistinguishable from ordinary text.
const minPartial = 4

// credentials is the API key, the Authorization header made from it and the
// redactor that finds it.
type credentials struct {
	key    string
	header []string // {"Bearer <key>"}, shared by every request, never mutated
	red    *redactor
}

// secretFunc returns a function that returns c. A Client keeps its
// credentials behind such a closure rather than in a field, so that no
// formatting (%v, %+v, %#v, %s) or reflection of a Client, of a service or
// of a value holding one can reach the key.
func secretFunc(c credentials) func() *credentials {
	return func() *credentials { return &c }
}

// redactor finds the key in text in every form a server or a formatter can
// give it: as it is; percent-, JSON-, Go- or HTML-escaped, byte by byte or
// in part, in either hex case, up to three times over (text is decoded
// before it is searched, see decodeView); base64 (standard and URL
// alphabets, any alignment) and hex encoded; a piece of minPiece bytes or
// more; and the texts that a quoting formatter (strconv.Quote, a JSON or
// text log handler) turns into the key (see newRedactor). It is immutable,
// so one redactor serves every request of a Client. What it knows of the
// key is behind a closure (as with secretFunc): a redactor reached by fmt,
// even through an unexported field and a bad verb, shows an address.
type redactor struct{ state func() *redactState }

// redactState is what a redactor knows of the key.
type redactState struct {
	key string
	// forms are matched whole, in the raw text and in its decoded views.
	forms []string
	// pieces are the minPiece-byte windows of the key and of its decoded
	// forms; any of them in a view is redacted.
	pieces map[string]struct{}
	// prefixes are the forms whose prefix at the end of a cut snippet is
	// cut off too.
	prefixes []string
}

// maxDecodeLevels is how many times text is decoded while it is searched.
const maxDecodeLevels = 3

// newRedactor returns the redactor of key, nil for an empty key.
func newRedactor(key string) *redactor {
	if key == "" {
		return nil
	}
	r := &redactState{key: key, pieces: map[string]struct{}{}}
	seen := map[string]bool{}
	add := func(f string) {
		if f != "" && !seen[f] {
			seen[f] = true
			r.forms = append(r.forms, f)
		}
	}
	// The key and what it decodes to: a key holding `\"` or `%41` is
	// rebuilt by a formatter that escapes `"` or by a server that escapes A.
	plain := []string{key}
	for f, lvl := key, 0; lvl < maxDecodeLevels; lvl++ {
		v := decodeView(identityView(f))
		if v == nil {
			break
		}
		f = string(v.b)
		plain = append(plain, f)
	}
	for _, f := range plain {
		add(f)
		// A quoting formatter writes `\"` for `"` and closes a value with
		// `"` (JSON `"}`): what it turns into the key ends differently.
		switch {
		case strings.HasSuffix(f, `\`):
			add(f[:len(f)-1] + `"`)
		case strings.HasSuffix(f, `"}`):
			add(f[:len(f)-2])
		case strings.HasSuffix(f, `"`):
			add(f[:len(f)-1])
		}
		for i := 0; i+minPiece <= len(f); i++ {
			r.pieces[f[i:i+minPiece]] = struct{}{}
		}
	}
	r.prefixes = append([]string(nil), r.forms...)
	if len(key) >= minPiece {
		// Encodings that are not decoded: only for a key long enough that
		// its encoding is not ordinary text.
		for _, f := range encodedForms(key) {
			add(f)
		}
	}
	return &redactor{state: func() *redactState { return r }}
}

// reach is how far past the snippet bound a body is searched, so that an
// encoded key that crosses the bound is found whole.
func (r *redactor) reach() int {
	if r == nil {
		return 0
	}
	return 16 * len(r.state().key)
}

// find returns which bytes of s belong to a form of the key, or nil when
// none does.
func (r *redactor) find(s string) []bool {
	if r == nil || s == "" {
		return nil
	}
	var marks []bool
	mark := func(from, to int) {
		if marks == nil {
			marks = make([]bool, len(s))
		}
		for i := from; i < to; i++ {
			marks[i] = true
		}
	}
	v := identityView(s)
	for lvl := 0; v != nil; lvl++ {
		r.findIn(v, mark)
		if lvl == maxDecodeLevels {
			break
		}
		v = decodeView(v)
	}
	return marks
}

// findIn marks the text of every form and piece of the key in v.
func (r *redactor) findIn(v *view, mark func(from, to int)) {
	b := v.b
	st := r.state()
	for _, f := range st.forms {
		for off := 0; ; {
			i := strings.Index(string(b[off:]), f)
			if i < 0 {
				break
			}
			i += off
			mark(v.from(i), v.to(i+len(f)-1))
			off = i + 1
		}
	}
	if len(st.pieces) == 0 {
		return
	}
	for i := 0; i+minPiece <= len(b); i++ {
		if _, ok := st.pieces[string(b[i:i+minPiece])]; ok {
			mark(v.from(i), v.to(i+minPiece-1))
		}
	}
}

// redact returns s with every form of the key (see redactor) replaced by
// redacted, or by redactedSafe when redacted would rebuild one.
func (r *redactor) redact(s string) string {
	marks := r.find(s)
	if marks == nil {
		return s
	}
	if out := replaceMarked(s, marks, redacted); r.find(out) == nil {
		return out
	}
	out := s
	// Each round replaces at least one ASCII byte by non-ASCII ones, so
	// the rounds end; the bound is only a backstop.
	for range 64 {
		out = replaceMarked(out, marks, redactedSafe)
		if marks = r.find(out); marks == nil {
			return out
		}
	}
	return redactedSafe
}

// holds reports whether s holds a form of the key.
func (r *redactor) holds(s string) bool { return r.find(s) != nil }

// replaceMarked replaces every run of marked bytes of s by marker.
func replaceMarked(s string, marks []bool, marker string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if !marks[i] {
			j := i
			for j < len(s) && !marks[j] {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		for i < len(s) && marks[i] {
			i++
		}
		b.WriteString(marker)
	}
	return b.String()
}

// tail returns how many bytes at the end of s hold the start of a form of
// the key (at least minPartial bytes of it), in s or in a decoded view,
// possibly followed by the start of an escape sequence the end cut in half.
func (r *redactor) tail(s string) int {
	if r == nil {
		return 0
	}
	cut := r.tailOf(s)
	from := max(0, len(s)-maxEscapeLen)
	if i := strings.LastIndexAny(s[from:], `%\&`); i >= 0 {
		if n := r.tailOf(s[:from+i]); n > 0 {
			cut = max(cut, len(s)-from-i+n)
		}
	}
	return cut
}

// maxEscapeLen is the length of the longest escape sequence a view decodes.
const maxEscapeLen = len(`\U0010FFFF`)

// tailOf is tail without a cut escape sequence.
func (r *redactor) tailOf(s string) int {
	cut := 0
	v := identityView(s)
	for lvl := 0; v != nil && lvl <= maxDecodeLevels; lvl++ {
		for _, f := range r.state().prefixes {
			for k := min(len(f)-1, len(v.b)); k >= minPartial; k-- {
				if strings.HasSuffix(string(v.b), f[:k]) {
					cut = max(cut, len(s)-v.from(len(v.b)-k))
					break
				}
			}
		}
		v = decodeView(v)
	}
	return cut
}

// snippetOf returns at most snippetMax bytes of valid UTF-8 from the start
// of b, cut at a rune boundary, invalid bytes replaced, with every form of
// the key redacted and no start of one left at the cut.
func snippetOf(b []byte, r *redactor) string {
	window := b[:min(len(b), 2*snippetMax+r.reach())]
	s := r.redact(strings.ToValidUTF8(string(window), "\uFFFD"))
	s = cutRunes(strings.TrimSpace(s), snippetMax)
	// The cut may have halved a form of the key.
	return s[:len(s)-r.tail(s)]
}

// redactValue returns a copy of v (decoded JSON: maps, slices, strings,
// numbers...) with the key redacted in every string, map keys included.
func (r *redactor) redactValue(v any) any {
	switch x := v.(type) {
	case string:
		return r.redact(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[r.redact(k)] = r.redactValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.redactValue(e)
		}
		return out
	}
	return v
}

// redactMeta returns a copy of m with the key redacted in every string.
func (r *redactor) redactMeta(m map[string]any) map[string]any {
	if m == nil || r == nil {
		return m
	}
	return r.redactValue(m).(map[string]any)
}

// scrub returns err unchanged unless its message, as it is or as printed
// (escaped by termtext), holds a form of the key. Then a *url.Error keeps
// its type and operation with the URL redacted and its cause scrubbed in
// turn; any other error is replaced by a *redactedError carrying the
// escaped, redacted message (its chain is dropped: it holds the key).
// Errors that wrap context.DeadlineExceeded, a *net.OpError and the like
// never hold the key, so their chain is kept.
func (r *redactor) scrub(err error) error {
	if err == nil || r == nil || !r.holdsShown(err.Error()) {
		return err
	}
	if ue, ok := err.(*url.Error); ok {
		out := &url.Error{Op: ue.Op, URL: r.redact(termtext.Escape(ue.URL)), Err: r.scrub(ue.Err)}
		if !r.holdsShown(out.Error()) {
			return out
		}
	}
	return &redactedError{msg: r.redact(termtext.Escape(err.Error()))}
}

// holdsShown reports whether s, as it is or as printed, holds the key.
func (r *redactor) holdsShown(s string) bool {
	return r.holds(s) || r.holds(termtext.Escape(s))
}

// redactedError stands for an error whose message held the API key.
type redactedError struct{ msg string }

func (e *redactedError) Error() string { return e.msg }

// wrappedRedacted is an error whose message is that of err, redacted; it
// wraps err, so errors.Is and errors.As still see its chain.
type wrappedRedacted struct {
	msg string
	err error
}

func (e *wrappedRedacted) Error() string { return e.msg }

func (e *wrappedRedacted) Unwrap() error { return e.err }

// logText is s as a log record gets it: every character strconv.Quote
// would escape (those that are not printable, such as an unassigned code
// point) escaped as Quote escapes it, and then the key redacted. A text
// handler quotes the value and a JSON handler escapes it, and either would
// otherwise write escapes that the redactor never saw (a key "u07bc..."
// rebuilt by the \u07bc of an unassigned character). Redacting also covers
// a key that is text of the client's own, such as a status text.
func (c *Client) logText(s string) string {
	return c.creds().red.redact(quotePrintable(s))
}

// quotePrintable escapes the characters of s that strconv.Quote escapes,
// but for the quote and the backslash: those a handler escapes itself, and
// the redactor knows what that makes of a key.
func quotePrintable(s string) string {
	for i := 0; ; {
		if i == len(s) {
			return s // nothing to escape
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !strconv.IsPrint(r) {
			break
		}
		i += size
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i])>>4, 16) + strconv.FormatUint(uint64(s[i])&15, 16))
		case strconv.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}
