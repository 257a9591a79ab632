package rooms

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// view is a text as a redactor searches it: b, each of whose bytes came
// from the bytes start[i] up to end[i] (exclusive) of the original text.
// The identity view of a text has no spans; a decoded view maps each
// decoded byte to the escape sequence it came from.
type view struct {
	b          string
	start, end []int32 // nil: the identity view
}

func identityView(s string) *view { return &view{b: s} }

// from returns the offset in the original text where byte i of v starts.
func (v *view) from(i int) int {
	if v.start == nil {
		return i
	}
	return int(v.start[i])
}

// to returns the offset in the original text where byte i of v ends.
func (v *view) to(i int) int {
	if v.end == nil {
		return i + 1
	}
	return int(v.end[i])
}

// decodeView returns v with one level of escapes decoded, or nil when v
// holds none. Decoded are the escapes a URL, a JSON string, a Go string
// literal or HTML can give a byte: %HH (either hex case), \uHHHH,
// \UHHHHHHHH, \xHH, \/ \\ \" \' and the letter escapes (\n...), &#N;,
// &#xH; and &amp; &lt; &gt; &quot; &apos;. A '+' stays a '+': a key has
// no space it could stand for.
func decodeView(v *view) *view {
	if !strings.ContainsAny(v.b, `%\&`) {
		return nil
	}
	var (
		out        []byte
		start, end []int32
		changed    bool
	)
	for i := 0; i < len(v.b); {
		dec, n := unescapeAt(v.b, i)
		if n == 0 {
			dec, n = v.b[i:i+1], 1
		} else {
			changed = true
		}
		s, e := int32(v.from(i)), int32(v.to(i+n-1))
		for j := 0; j < len(dec); j++ {
			out = append(out, dec[j])
			start = append(start, s)
			end = append(end, e)
		}
		i += n
	}
	if !changed {
		return nil
	}
	return &view{b: string(out), start: start, end: end}
}

// unescapeAt decodes the escape sequence at s[i:], returning what it stands
// for and its length, or n == 0 when none starts there.
func unescapeAt(s string, i int) (dec string, n int) {
	switch s[i] {
	case '%':
		if r, ok := hexAt(s, i+1, 2); ok {
			return string([]byte{byte(r)}), 3
		}
	case '\\':
		if i+1 >= len(s) {
			return "", 0
		}
		switch c := s[i+1]; c {
		case 'u':
			return runeEscape(s, i+2, 4)
		case 'U':
			return runeEscape(s, i+2, 8)
		case 'x':
			if r, ok := hexAt(s, i+2, 2); ok {
				return string([]byte{byte(r)}), 4
			}
		case '/', '\\', '"', '\'':
			return s[i+1 : i+2], 2
		default:
			if j := strings.IndexByte("abfnrtv", c); j >= 0 {
				return "\a\b\f\n\r\t\v"[j : j+1], 2
			}
		}
	case '&':
		return entityAt(s, i)
	}
	return "", 0
}

// runeEscape decodes the digits hex digits at s[at:] of a \u or \U escape.
func runeEscape(s string, at, digits int) (string, int) {
	r, ok := hexAt(s, at, digits)
	if !ok {
		return "", 0
	}
	return string(utf8.AppendRune(nil, rune(r))), 2 + digits
}

// hexAt parses exactly n hex digits (either case) at s[at:].
func hexAt(s string, at, n int) (uint32, bool) {
	if at+n > len(s) {
		return 0, false
	}
	var v uint32
	for _, c := range []byte(s[at : at+n]) {
		d, ok := hexDigit(c)
		if !ok {
			return 0, false
		}
		v = v<<4 | d
	}
	return v, true
}

func hexDigit(c byte) (uint32, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint32(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint32(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint32(c-'A') + 10, true
	}
	return 0, false
}

// htmlEntities are the named HTML entities of the characters HTML escapers
// (html.EscapeString, html/template) write.
var htmlEntities = [...]struct{ name, char string }{
	{"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", `"`}, {"apos;", "'"},
}

// entityAt decodes the HTML character reference at s[i:] (s[i] is '&').
func entityAt(s string, i int) (string, int) {
	rest := s[i+1:]
	for _, e := range htmlEntities {
		if strings.HasPrefix(rest, e.name) {
			return e.char, 1 + len(e.name)
		}
	}
	if !strings.HasPrefix(rest, "#") {
		return "", 0
	}
	digits, base := rest[1:], uint32(10)
	if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base = digits[1:], 16
	}
	var v uint32
	n := 0
	for n < len(digits) && n < 8 {
		d, ok := hexDigit(digits[n])
		if !ok || d >= base {
			break
		}
		v = v*base + d
		n++
	}
	if n == 0 || n >= len(digits) || digits[n] != ';' {
		return "", 0
	}
	consumed := len(rest) - len(digits) + n + 1 // '#', the 'x', the digits and ';'
	return string(utf8.AppendRune(nil, rune(min(v, utf8.MaxRune+1)))), 1 + consumed
}

// encodedForms returns the encodings of key that text is not decoded from
// before it is searched: hex (both cases) and base64 in the standard and
// URL alphabets, with or without padding. Base64 of a longer text holds the
// key's encoding at one of three alignments, and only its inner characters
// (those made of the key's bits alone) do not depend on the bytes around
// it, so those are the forms.
func encodedForms(key string) []string {
	const hexLower = "0123456789abcdef"
	lower := make([]byte, 0, 2*len(key))
	for i := 0; i < len(key); i++ {
		lower = append(lower, hexLower[key[i]>>4], hexLower[key[i]&15])
	}
	forms := []string{string(lower), strings.ToUpper(string(lower))}
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		for pad := range 3 {
			e := enc.EncodeToString(append(make([]byte, pad), key...))
			from, to := (8*pad+5)/6, 8*(pad+len(key))/6
			forms = append(forms, e[from:to])
		}
	}
	return forms
}
