// Package termtext makes text from elsewhere (a server, a file, a peer) safe
// to print on a terminal or in a log line: it escapes every character that
// a terminal or a text viewer acts on instead of showing, so that such text
// stays data. One line stays one line, an ANSI sequence cannot recolour the
// terminal or move the cursor, and a bidi override cannot reorder what is
// around it.
//
// Escaped are the control characters (Unicode category Cc: C0, DEL and C1,
// so also TAB, CR, LF and NEL), the format characters (Cf: bidi embeddings,
// overrides and isolates, zero-width characters, the byte order mark, tag
// characters), the line and paragraph separators U+2028 and U+2029, and
// every byte that is not part of valid UTF-8. Everything else, backslash
// included, is kept as it is.
//
// The escapes are Go's: \a \b \t \n \v \f \r, \xHH for the other ASCII
// controls and for invalid bytes, \uHHHH and \UHHHHHHHH for the rest. Since
// an escaped string holds no character that is escaped, Escape is
// idempotent: text escaped by a library and escaped again by the program
// printing it reads the same. The price is that the escaping is not
// reversible (a literal `\n` in the input reads like an escaped newline);
// the exact text stays in the data the caller printed it from.
//
// The package imports only the standard library, so the API client
// (wrapper/rooms) and the command (cmd/roomsctl) can share it.
package termtext

import (
	"unicode"
	"unicode/utf8"
)

// Unsafe reports whether r is a character Escape escapes.
func Unsafe(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f
	}
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// IsSafe reports whether s prints as it is: valid UTF-8 without a character
// Escape escapes.
func IsSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return false
		} else if c >= utf8.RuneSelf {
			return isSafeFrom(s, i)
		}
	}
	return true
}

func isSafeFrom(s string, i int) bool {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || Unsafe(r) {
			return false
		}
		i += size
	}
	return true
}

// Escape returns s with every character that is not safe to print escaped
// (see the package documentation). It returns s itself when nothing needs
// escaping.
func Escape(s string) string {
	if IsSafe(s) {
		return s
	}
	out, _ := appendEscaped(make([]byte, 0, len(s)+16), s, -1)
	return string(out)
}

// Clip returns Escape(s) cut to at most n bytes (n > 0), with "…" appended
// when something was cut. The cut never splits an escape or a character.
func Clip(s string, n int) string {
	if len(s) <= n && IsSafe(s) {
		return s
	}
	out, cut := appendEscaped(make([]byte, 0, min(len(s), n)+len("…")), s, n)
	if cut {
		out = append(out, "…"...)
	}
	return string(out)
}

const hex = "0123456789abcdef"

// appendEscaped appends the escaped s to dst, stopping before the output
// would exceed limit bytes (limit < 0: no limit). It reports whether it
// stopped before the end of s.
func appendEscaped(dst []byte, s string, limit int) ([]byte, bool) {
	start := len(dst)
	var esc [10]byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		piece := s[i : i+size]
		var e []byte
		switch {
		case r == utf8.RuneError && size == 1:
			e = append(esc[:0], '\\', 'x', hex[s[i]>>4], hex[s[i]&0xf])
		case Unsafe(r):
			e = escapeRune(esc[:0], r)
		}
		n := len(piece)
		if e != nil {
			n = len(e)
		}
		if limit >= 0 && len(dst)-start+n > limit {
			return dst, true
		}
		if e != nil {
			dst = append(dst, e...)
		} else {
			dst = append(dst, piece...)
		}
		i += size
	}
	return dst, false
}

// escapeRune appends Go's escape of r to dst.
func escapeRune(dst []byte, r rune) []byte {
	switch r {
	case '\a':
		return append(dst, `\a`...)
	case '\b':
		return append(dst, `\b`...)
	case '\t':
		return append(dst, `\t`...)
	case '\n':
		return append(dst, `\n`...)
	case '\v':
		return append(dst, `\v`...)
	case '\f':
		return append(dst, `\f`...)
	case '\r':
		return append(dst, `\r`...)
	}
	switch {
	case r < utf8.RuneSelf:
		return append(dst, '\\', 'x', hex[r>>4], hex[r&0xf])
	case r <= 0xffff:
		dst = append(dst, '\\', 'u')
		for shift := 12; shift >= 0; shift -= 4 {
			dst = append(dst, hex[r>>uint(shift)&0xf])
		}
		return dst
	default:
		dst = append(dst, '\\', 'U')
		for shift := 28; shift >= 0; shift -= 4 {
			dst = append(dst, hex[r>>uint(shift)&0xf])
		}
		return dst
	}
}
