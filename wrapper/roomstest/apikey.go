package roomstest

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrInvalidAPIKey is what CheckAPIKey returns (wrapped, with details) for
// a key no request can carry.
var ErrInvalidAPIKey = errors.New("roomstest: invalid API key")

// CheckAPIKey reports whether key can be given to WithAPIKey: a bearer key
// is one or more visible ASCII characters (0x21 to 0x7E). A space, a tab,
// a control character or a non-ASCII character cannot arrive intact in an
// Authorization header (HTTP strips the white space around a header value,
// and clients refuse control characters), so a fake that required such a
// key would refuse every request. The empty key is valid: it makes the
// fake accept any key. The error, which wraps ErrInvalidAPIKey, says which
// character is wrong and where, never the key.
func CheckAPIKey(key string) error {
	for i := 0; i < len(key); {
		r, size := utf8.DecodeRuneInString(key[i:])
		if r < 0x21 || r > 0x7e {
			where := fmt.Sprintf("byte %d of %d", i+1, len(key))
			switch {
			case i == 0:
				where += " (the first)"
			case i+size == len(key):
				where += " (the last)"
			}
			return fmt.Errorf("%w: %s is %s; a bearer key is visible ASCII (0x21 to 0x7E) only", ErrInvalidAPIKey, where, describeRune(r, size))
		}
		i += size
	}
	return nil
}

// describeRune names a character that a key may not hold.
func describeRune(r rune, size int) string {
	switch {
	case r == utf8.RuneError && size <= 1:
		return "not valid UTF-8"
	case r == ' ':
		return "a space"
	case r == '\t':
		return "a tab"
	case r == '\r' || r == '\n':
		return fmt.Sprintf("a line break (U+%04X)", r)
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return fmt.Sprintf("the control character U+%04X", r)
	}
	return fmt.Sprintf("the non-ASCII character U+%04X", r)
}
