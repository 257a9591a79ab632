package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrMalformedEvent is what a *ParseError wraps: the body is not a webhook
// this package can read.
var ErrMalformedEvent = errors.New("malformed event")

// ParseError is why a webhook body could not be decoded. Its message names
// the member at fault, never its value.
type ParseError struct {
	// Field is the JSON member at fault, such as "data.occurred_at", or ""
	// for the body as a whole.
	Field string
	// Problem says what is wrong.
	Problem string
}

// Error returns "webhook: malformed event: FIELD: PROBLEM".
func (e *ParseError) Error() string {
	s := "webhook: " + ErrMalformedEvent.Error() + ": "
	if e.Field != "" {
		s += e.Field + ": "
	}
	return s + e.Problem
}

// Unwrap returns ErrMalformedEvent.
func (e *ParseError) Unwrap() error { return ErrMalformedEvent }

// wireWebhook is a webhook body as sent.
type wireWebhook struct {
	Data *wireEvent `json:"data"`
	Meta Meta       `json:"meta"`
}

type wireEvent struct {
	RecordType string          `json:"record_type"`
	Type       EventType       `json:"event_type"`
	ID         string          `json:"id"`
	OccurredAt string          `json:"occurred_at"`
	Payload    json.RawMessage `json:"payload"`
}

// Parse decodes a webhook body (verify it first: see Verifier). It returns
// the event as the type of its event_type, or *UnknownEvent for a type this
// package does not know. It fails with a *ParseError when the body is not a
// JSON object with a "data" object, a member has the wrong JSON type, or
// occurred_at is not a date-time (RFC 3339, with "T" or a space between date
// and time). Unknown members and missing optional ones are accepted.
func Parse(body []byte) (Event, error) {
	var w wireWebhook
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, &ParseError{Problem: jsonProblem(err)}
	}
	if w.Data == nil {
		return nil, &ParseError{Field: "data", Problem: "missing"}
	}
	env := Envelope{Type: w.Data.Type, ID: w.Data.ID, RecordType: w.Data.RecordType, Meta: w.Meta}
	if w.Data.OccurredAt != "" {
		t, err := ParseTime(w.Data.OccurredAt)
		if err != nil {
			return nil, &ParseError{Field: "data.occurred_at", Problem: "not an RFC 3339 date-time"}
		}
		env.OccurredAt = t
	}
	payload := w.Data.Payload
	if bytes.Equal(bytes.TrimSpace(payload), []byte("null")) {
		payload = nil
	}
	var (
		ev     Event
		target any
	)
	switch env.Type {
	case EventSessionStarted:
		e := &SessionStarted{Envelope: env}
		ev, target = e, &e.Payload
	case EventSessionEnded:
		e := &SessionEnded{Envelope: env}
		ev, target = e, &e.Payload
	case EventParticipantJoined:
		e := &ParticipantJoined{Envelope: env}
		ev, target = e, &e.Payload
	case EventParticipantLeft:
		e := &ParticipantLeft{Envelope: env}
		ev, target = e, &e.Payload
	case EventRecordingStarted:
		e := &RecordingStarted{Envelope: env}
		ev, target = e, &e.Payload
	case EventRecordingCompleted:
		e := &RecordingCompleted{Envelope: env}
		ev, target = e, &e.Payload
	case EventCompositionCompleted:
		e := &CompositionCompleted{Envelope: env}
		ev, target = e, &e.Payload
	default:
		e := &UnknownEvent{Envelope: env}
		if payload != nil {
			e.Payload = append(json.RawMessage(nil), payload...)
		}
		return e, nil
	}
	if payload != nil {
		if err := json.Unmarshal(payload, target); err != nil {
			return nil, &ParseError{Field: "data.payload", Problem: jsonProblem(err)}
		}
	}
	return ev, nil
}

// jsonProblem describes a decoding error without the input's text.
func jsonProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field != "" {
			return fmt.Sprintf("member %s: JSON %s where %s was expected", typeErr.Field, typeErr.Value, typeErr.Type)
		}
		return fmt.Sprintf("JSON %s where %s was expected", typeErr.Value, typeErr.Type)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("invalid JSON at byte %d", syntaxErr.Offset)
	}
	return "invalid JSON"
}

// ParseTime reads an RFC 3339 date-time as Telnyx writes it, also with a
// space instead of the "T" between the date and the time (upstream once
// sent "2022-03-02 04:47:29.980874Z"). The result is in UTC.
func ParseTime(s string) (time.Time, error) {
	if len(s) > 10 && (s[10] == ' ' || s[10] == 't') {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}
