package main

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// eventLine is the text of one event, as `webhooks listen` and the demo
// print it: the type, id and occurred_at, then the payload's ids and
// reasons as NAME=VALUE, and the attempt when the event is delivered again:
//
//	video.room.participant.left id=... occurred_at=2026-01-02T09:00:20Z room_id=... session_id=... participant_id=... left_reason=kicked
//
// Values are the sender's text; the caller escapes the line (say does).
func eventLine(e webhook.Event) string {
	env := e.Common()
	parts := []string{string(env.Type), "id=" + orDash(env.ID), "occurred_at=" + orDash(fmtTimeNano(env.OccurredAt))}
	for _, f := range eventFields(e) {
		if f.value != "" {
			parts = append(parts, f.name+"="+quoteSpaced(f.value))
		}
	}
	if env.Meta.Attempt > 1 {
		parts = append(parts, "attempt="+strconv.Itoa(env.Meta.Attempt))
	}
	return strings.Join(parts, " ")
}

// quoteSpaced quotes v (Go syntax) when it holds a space or a quote, so
// that NAME=VALUE pairs stay apart.
func quoteSpaced(v string) string {
	if strings.ContainsAny(v, " \"") {
		return strconv.Quote(v)
	}
	return v
}

// fmtTimeNano is t in UTC as RFC 3339 with its fraction of a second, if
// any; "" for the zero time.
func fmtTimeNano(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// eventField is one NAME=VALUE of an event line.
type eventField struct{ name, value string }

// eventFields are the ids and reasons of e's payload, in the order the
// contract lists them.
func eventFields(e webhook.Event) []eventField {
	switch e := e.(type) {
	case *webhook.SessionStarted:
		p := e.Payload
		return []eventField{{"room_id", p.RoomID}, {"session_id", p.SessionID}}
	case *webhook.SessionEnded:
		p := e.Payload
		return []eventField{{"room_id", p.RoomID}, {"session_id", p.SessionID}, {"ended_reason", p.EndedReason}}
	case *webhook.ParticipantJoined:
		p := e.Payload
		return []eventField{{"room_id", p.RoomID}, {"session_id", p.SessionID}, {"participant_id", p.ParticipantID}}
	case *webhook.ParticipantLeft:
		p := e.Payload
		return []eventField{{"room_id", p.RoomID}, {"session_id", p.SessionID}, {"participant_id", p.ParticipantID}, {"left_reason", p.LeftReason}}
	case *webhook.RecordingStarted:
		p := e.Payload
		return []eventField{{"room_id", p.RoomID}, {"session_id", p.SessionID}, {"participant_id", p.ParticipantID}, {"recording_id", p.RecordingID}}
	case *webhook.RecordingCompleted:
		p := e.Payload
		return []eventField{{"room_id", p.RoomID}, {"session_id", p.SessionID}, {"participant_id", p.ParticipantID}, {"recording_id", p.RecordingID}}
	case *webhook.CompositionCompleted:
		p := e.Payload
		return []eventField{{"composition_id", p.CompositionID}, {"room_id", p.RoomID}, {"session_id", p.SessionID}}
	case *webhook.UnknownEvent:
		return unknownFields(e.Payload)
	}
	return nil
}

// unknownFields are the members of an unknown event's payload whose name
// ends in _id or _reason and whose value is a string, by name: what a new
// event most likely identifies itself with.
func unknownFields(payload json.RawMessage) []eventField {
	var members map[string]json.RawMessage
	if json.Unmarshal(payload, &members) != nil {
		return nil
	}
	var fields []eventField
	for name, raw := range members {
		if !strings.HasSuffix(name, "_id") && !strings.HasSuffix(name, "_reason") {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			fields = append(fields, eventField{name, s})
		}
	}
	slices.SortFunc(fields, func(a, b eventField) int { return cmp.Compare(a.name, b.name) })
	return fields
}
