package termtext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEscape(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in, want string
	}{
		{"plain ASCII is kept", "Resource not found: room 42", "Resource not found: room 42"},
		{"backslash and quotes are kept", `C:\dir "x" 'y'`, `C:\dir "x" 'y'`},
		{"letters of every script are kept", "é 日本 Ω 🙂 \uFFFD", "é 日本 Ω 🙂 \uFFFD"},
		{"ESC of an ANSI colour", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"BEL and NUL", "ding\a\x00", `ding\a\x00`},
		{"line breaks", "row\r\nFAKE ROW", `row\r\nFAKE ROW`},
		{"tab, VT, FF, BS", "a\tb\vc\fd\be", `a\tb\vc\fd\be`},
		{"DEL", "x\x7fy", `x\x7fy`},
		{"C1 controls NEL and CSI", "a\u0085b\u009bc", `a\u0085b\u009bc`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"bidi override and isolates", "abc\u202Edcb\u2066x\u2069", `abc\u202edcb\u2066x\u2069`},
		{"zero width and byte order mark", "a\u200Bb\uFEFFc\u00ADd", `a\u200bb\ufeffc\u00add`},
		{"tag character (outside the BMP)", "flag\U000E0041", `flag\U000e0041`},
		{"invalid UTF-8 bytes", "bad \xff\xfe end \xe2\x82", `bad \xff\xfe end \xe2\x82`},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Escape(tc.in)
			assert.Equal(t, tc.want, got)
			assert.True(t, IsSafe(got), "%q", got)
			assert.Equal(t, got, Escape(got), "escaping twice changes nothing")
			assert.Equal(t, tc.in == tc.want, IsSafe(tc.in))
		})
	}
}

// TestUnsafeCoversTheCategories checks Unsafe against the Unicode tables for
// every code point: exactly Cc, Cf, Zl and Zp are unsafe.
func TestUnsafeCoversTheCategories(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
		if Unsafe(r) != want {
			t.Fatalf("Unsafe(%U) = %v, want %v", r, !want, want)
		}
	}
}

func TestClip(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"short safe text is kept", "hello", 5, "hello"},
		{"long text is cut", "hello world", 5, "hello…"},
		{"an escape is never split", "abc\x1bdef", 5, "abc…"},
		{"an escape that fits is kept", "abc\x1bdef", 7, `abc\x1b…`},
		{"a rune is never split", "ab日本", 4, "ab…"},
		{"a short unsafe text grows, within n", "\n\n", 4, `\n\n`},
		{"a short unsafe text is cut when it grows past n", "\n\n\n", 4, `\n\n…`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, Clip(tc.in, tc.n))
		})
	}
}

// FuzzEscape checks, for any input, that the escaped text is safe, one line,
// valid UTF-8, a fixed point of Escape, and that Clip is a bounded prefix of it.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[2J\x1b[H", "a\nb", "\u202e\u2028\u0085", "\xff", "日本\U000E0001", `\x1b`} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		got := Escape(s)
		require.True(t, utf8.ValidString(got))
		require.True(t, IsSafe(got), "%q", got)
		require.NotContains(t, got, "\n")
		require.Equal(t, got, Escape(got))
		if IsSafe(s) {
			require.Equal(t, s, got)
		}
		n = 1 + abs(n)%64
		clipped := Clip(s, n)
		body, cut := strings.CutSuffix(clipped, "…")
		require.LessOrEqual(t, len(body), n)
		require.True(t, strings.HasPrefix(got, body), "Clip(%q, %d) = %q is not a prefix of %q", s, n, clipped, got)
		if !cut {
			require.Equal(t, got, body)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1)
	}
	return n
}
