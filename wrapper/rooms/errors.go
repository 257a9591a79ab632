package rooms

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seed1c924325/telnyx-rooms-go/internal/termtext"
)

// Sentinel errors an *APIError matches with errors.Is.
var (
	// ErrNotFound matches an *APIError with status 404 Not Found.
	ErrNotFound = errors.New("rooms: not found")
	// ErrUnauthorized matches an *APIError with status 401 Unauthorized or 403 Forbidden.
	ErrUnauthorized = errors.New("rooms: unauthorized")
	// ErrRateLimited matches an *APIError with status 429 Too Many Requests.
	ErrRateLimited = errors.New("rooms: rate limited")
	// ErrUnprocessable matches an *APIError with status 422 Unprocessable Entity.
	ErrUnprocessable = errors.New("rooms: unprocessable entity")
)

// ErrResponseTooLarge is wrapped by the *DecodeError returned when a success
// response body is larger than the limit set by WithMaxResponseBytes.
var ErrResponseTooLarge = errors.New("response body too large")

// errEmptyBody is the DecodeError cause for a 2xx answer without a body.
var errEmptyBody = errors.New("empty body")

// snippetMax bounds APIError.Body and DecodeError.Snippet, in bytes.
const snippetMax = 512

// maxMessageBytes bounds APIError.Message, in bytes.
const maxMessageBytes = 4096

// ValidationError reports a parameter that breaks a rule of the API contract.
// It is returned before any request is sent.
type ValidationError struct {
	// Field is the API's name of the parameter, such as "page[size]" or "room_id".
	Field string
	// Rule says what the value must be.
	Rule string
	// Value is the rejected value.
	Value any
}

// Error returns "rooms: invalid <Field>: <Rule>". The value is left out so
// that secrets such as refresh tokens never reach logs.
func (e *ValidationError) Error() string {
	return "rooms: invalid " + e.Field + ": " + e.Rule
}

// ErrorDetail is one entry of the Telnyx error list.
type ErrorDetail struct {
	// Code is the Telnyx error code, such as CodeNotFound ("10005").
	Code ErrorCode
	// Title is a short summary of the problem.
	Title string
	// Detail explains the problem.
	Detail string
	// Pointer is a JSON pointer to the offending request body field, if any.
	Pointer string
	// Parameter names the offending query or path parameter, if any.
	Parameter string
	// Meta holds any extra data the API attached.
	Meta map[string]any
}

// APIError is a non-2xx answer of the API. Match its status with errors.Is
// and ErrNotFound, ErrUnauthorized, ErrRateLimited or ErrUnprocessable, or
// read it with errors.As.
type APIError struct {
	// StatusCode is the HTTP status of the last attempt.
	StatusCode int
	// Method and Path identify the request, such as "GET" and "/v2/rooms/…".
	Method, Path string
	// Errors is the Telnyx error list of the body, when it had one: its
	// first 16 entries (Error counts the others), each entry's Meta kept
	// while the list's meta adds up to at most 64 KiB of JSON.
	Errors []ErrorDetail
	// RequestID is the X-Request-Id response header, when present, cut at
	// 512 bytes.
	RequestID string
	// Attempts is how many attempts were made, retries included.
	Attempts int
	// Message is the "message" of a body of the form {"message": "...",
	// "success": false}, the shape the API answers some errors of lists and
	// session actions with; it is empty for the other shapes.
	Message string
	// Body is a snippet (at most 512 bytes) of a body that was none of the
	// error shapes of the API (an error list, a single error object or a
	// message), such as a proxy's HTML page. It is empty otherwise.
	Body string
	// RetryAfter is the wait the server asked for in its Retry-After header, if any.
	RetryAfter time.Duration

	omitted int // entries of the error list beyond maxErrorDetails, dropped
	// red removes the key from the message Error builds (nil: nothing to
	// remove): escaping and quoting the fields can rebuild it. A pointer,
	// so that formatting shows an address, and DecodeError stays comparable.
	red *redactor
	// RateLimit is where the account's rate-limit budget stood after the
	// last attempt, when the answer said (see RateLimit). On a 429 without
	// Retry-After the client waits RateLimit.Reset before retrying.
	RateLimit RateLimit
}

// Error returns one line: method, path, status, the first error's title,
// detail and code, the request id and the number of attempts. Each of these
// is cut at 512 bytes, so that a huge field cannot make a huge message, and
// the text the server sent is data, never terminal control: control and
// format characters (ESC, BEL, NUL, CR, LF, NEL, U+2028, bidi overrides...)
// are escaped as \x1b, \n, \u202e and the like. The fields of APIError keep
// the text exactly as the server sent it.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("rooms: ")
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if len(e.Errors) > 0 {
		d := e.Errors[0]
		if d.Title != "" {
			b.WriteString(": ")
			b.WriteString(clip(d.Title))
		}
		if d.Detail != "" && d.Detail != d.Title {
			b.WriteString(": ")
			b.WriteString(clip(d.Detail))
		}
		var extra []string
		if d.Code != "" {
			extra = append(extra, "code "+clip(string(d.Code)))
		}
		if d.Parameter != "" {
			extra = append(extra, "parameter "+clip(d.Parameter))
		}
		if d.Pointer != "" {
			extra = append(extra, "pointer "+clip(d.Pointer))
		}
		if len(extra) > 0 {
			b.WriteString(" [" + strings.Join(extra, ", ") + "]")
		}
		if n := len(e.Errors) - 1 + e.omitted; n > 0 {
			b.WriteString(" (and " + strconv.Itoa(n) + " more)")
		}
	} else if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(clip(e.Message))
	} else if e.Body != "" {
		b.WriteString(": body ")
		b.WriteString(strconv.Quote(e.Body))
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + clip(e.RequestID) + ")")
	}
	if e.Attempts > 1 {
		b.WriteString(" after " + strconv.Itoa(e.Attempts) + " attempts")
	}
	return e.red.redact(termtext.Escape(b.String()))
}

// Is reports whether target is the sentinel error for e's status code.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrUnprocessable:
		return e.StatusCode == http.StatusUnprocessableEntity
	}
	return false
}

// DecodeError reports a 2xx answer whose body is not what the contract says:
// empty, truncated, not JSON, or larger than the WithMaxResponseBytes limit.
// A body cut short by the connection (Err is then io.ErrUnexpectedEOF, a
// timeout or another read error) is retried as a connection failure; the
// other causes are not retried.
type DecodeError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Method and Path identify the request.
	Method, Path string
	// Snippet is the start of the body, at most 512 bytes.
	Snippet string
	// Err is the cause; it is ErrResponseTooLarge for an oversized body.
	Err error

	cutShort bool      // the body could not be read to its end
	red      *redactor // as in APIError
}

// Error returns one line naming the request, the status and the cause, with
// control and format characters escaped as in APIError.Error.
func (e *DecodeError) Error() string {
	s := "rooms: " + e.Method + " " + e.Path + ": cannot decode " + strconv.Itoa(e.StatusCode) + " response: " + clip(e.Err.Error())
	if e.Snippet != "" {
		s += ": body " + strconv.Quote(e.Snippet)
	}
	return e.red.redact(termtext.Escape(s))
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// clip makes s fit in an error message: one line of printable text (control
// and format characters escaped by termtext, per decision D65 of the
// contract), at most snippetMax bytes, never cut inside a character or an
// escape ("…" appended when cut).
func clip(s string) string {
	return termtext.Clip(s, snippetMax)
}

// cutRunes returns s cut to at most n bytes at a rune boundary.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
