package rooms

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// Checks of the caller's input that the contract implies but that Go's
// types let through (decision D47 of openapi.yaml). Each fails before the
// network with a *ValidationError naming the API field.

// Years a calendar date (format: date, RFC 3339 full-date) can hold.
const (
	minDateYear = 1
	maxDateYear = 9999
)

// check reports a bound of f whose calendar date (in the time's own
// location, the date that would be sent) has a year outside 0001-9999,
// which YYYY-MM-DD cannot write. name is the filter's date, such as
// "date_created_at"; the error's field is "filter[<name>][eq|gte|lte]".
func (f DateFilter) check(name string) error {
	for _, b := range []struct {
		op string
		t  time.Time
	}{{"eq", f.Eq}, {"gte", f.Gte}, {"lte", f.Lte}} {
		if b.t.IsZero() {
			continue
		}
		if y := b.t.Year(); y < minDateYear || y > maxDateYear {
			return &ValidationError{
				Field: "filter[" + name + "][" + b.op + "]",
				Rule:  "must be a date in the years 0001 to 9999 (YYYY-MM-DD), not in the year " + strconv.Itoa(y),
				Value: b.t,
			}
		}
	}
	return nil
}

// checkDates checks several date filters in order; names and filters pair up.
func checkDates(names []string, filters ...DateFilter) error {
	for i, f := range filters {
		if err := f.check(names[i]); err != nil {
			return err
		}
	}
	return nil
}

// checkText refuses a string that is not valid UTF-8: JSON and the API carry
// text, and encoding/json would silently replace each bad byte with U+FFFD,
// sending something else than the caller gave. The value is kept out of the
// error's text, as always.
func checkText(field, s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return &ValidationError{Field: field, Rule: "must be valid UTF-8 (byte " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(s)) + " is not)", Value: s}
		}
		i += size
	}
	return nil // not reached: the string is invalid somewhere
}

// checkAPIKey refuses an API key that cannot travel intact in an
// Authorization header: a bearer key is one or more visible ASCII characters
// (0x21 to 0x7E). A control character makes net/http refuse every request
// ("invalid header field value"), and white space is stripped on the way.
// The error names the position, never the key, and holds no Value.
func checkAPIKey(key string) error {
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 0x21 || c > 0x7e {
			return &ValidationError{Field: "Authorization", Rule: "the API key must be visible ASCII characters only (0x21 to 0x7E): byte " +
				strconv.Itoa(i+1) + " of " + strconv.Itoa(len(key)) + " is " + describeByte(c)}
		}
	}
	return nil
}

// checkUserAgent refuses a User-Agent that net/http would refuse to send: a
// header value holds no control character but the horizontal tab.
func checkUserAgent(ua string) error {
	for i := 0; i < len(ua); i++ {
		if c := ua[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return &ValidationError{Field: "User-Agent", Rule: "must not contain control characters: byte " +
				strconv.Itoa(i+1) + " of " + strconv.Itoa(len(ua)) + " is " + describeByte(c), Value: ua}
		}
	}
	return nil
}

// describeByte names a byte that a header value may not hold.
func describeByte(c byte) string {
	switch {
	case c == ' ':
		return "a space"
	case c == '\t':
		return "a tab"
	case c == '\r' || c == '\n':
		return "a line break"
	case c < 0x20 || c == 0x7f:
		return "a control character (0x" + strconv.FormatUint(uint64(c), 16) + ")"
	}
	return "not ASCII"
}
