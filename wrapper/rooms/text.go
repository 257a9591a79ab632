package rooms

import "github.com/seed1c924325/telnyx-rooms-go/internal/termtext"

// Text from the server is data, never terminal control (decision D65 of the
// contract): every error the client returns has a message of one printable
// line. APIError and DecodeError escape what they quote; printable covers
// the errors net/http builds from a server's answer (a malformed header
// line, a bad status line), which may quote raw bytes of it.

// printable returns err unchanged when its message prints as it is, and
// otherwise an error that wraps err (errors.Is and errors.As still see it)
// and whose message is err's with control and format characters escaped.
func printable(err error) error {
	if err == nil || termtext.IsSafe(err.Error()) {
		return err
	}
	return &escapedError{err: err}
}

// escapedError is an error whose message held characters a terminal acts on.
type escapedError struct{ err error }

func (e *escapedError) Error() string { return termtext.Escape(e.err.Error()) }

func (e *escapedError) Unwrap() error { return e.err }
