package webhook

import (
	"encoding/json"
	"time"
)

// EventType is the event_type of a webhook, such as "video.room.session.started".
type EventType string

// The event types of the Telnyx Video API, as the contract (openapi.yaml,
// the callbacks of createRoom) lists them.
const (
	// EventSessionStarted is sent when a session of a room starts.
	EventSessionStarted EventType = "video.room.session.started"
	// EventSessionEnded is sent when a session of a room ends.
	EventSessionEnded EventType = "video.room.session.ended"
	// EventParticipantJoined is sent when a participant joins a session.
	EventParticipantJoined EventType = "video.room.participant.joined"
	// EventParticipantLeft is sent when a participant leaves a session.
	EventParticipantLeft EventType = "video.room.participant.left"
	// EventRecordingStarted is sent when the recording of a participant starts.
	EventRecordingStarted EventType = "video.room.recording.started"
	// EventRecordingCompleted is sent when a recording can be downloaded.
	EventRecordingCompleted EventType = "video.room.recording.completed"
	// EventCompositionCompleted is sent when a room composition can be downloaded.
	EventCompositionCompleted EventType = "video.room.composition.completed"
)

// EventTypes returns every event type this package decodes into a type of
// its own, in the order of the constants.
func EventTypes() []EventType {
	return []EventType{
		EventSessionStarted, EventSessionEnded, EventParticipantJoined, EventParticipantLeft,
		EventRecordingStarted, EventRecordingCompleted, EventCompositionCompleted,
	}
}

// Event is one decoded webhook: a pointer to one of the event types of this
// package (*SessionStarted, ..., *UnknownEvent). Use a type switch.
type Event interface {
	// Common returns the members every event has.
	Common() *Envelope
}

// Envelope holds what every event has besides its payload.
type Envelope struct {
	// Type is the event_type.
	Type EventType `json:"event_type"`
	// ID identifies the event: a delivery of the same event again carries
	// the same id, so deduplicate on it.
	ID string `json:"id"`
	// OccurredAt is when the event happened.
	OccurredAt time.Time `json:"occurred_at"`
	// RecordType is the record_type, "event".
	RecordType string `json:"record_type"`
	// Meta says how this copy of the event was delivered; zero when the
	// webhook had no meta.
	Meta Meta `json:"-"`
}

// Common returns e, so that every event type implements Event.
func (e *Envelope) Common() *Envelope { return e }

// Meta is how a webhook was delivered.
type Meta struct {
	// Attempt counts the deliveries of the event, from 1; 0 when not sent.
	Attempt int `json:"attempt,omitempty"`
	// DeliveredTo is the URL the webhook was sent to; "" when not sent.
	DeliveredTo string `json:"delivered_to,omitempty"`
}

// Reasons a session ended (SessionEndedPayload.EndedReason). Telnyx
// documents only examples, so other values may come: compare with these
// and treat the rest as "other".
const (
	// EndedReasonStale: the session ended when nobody was left in it.
	EndedReasonStale = "stale"
	// EndedReasonEnded: the session was ended through the API (the fake's value).
	EndedReasonEnded = "ended"
	// EndedReasonRoomDeleted: the session's room was deleted (the fake's value).
	EndedReasonRoomDeleted = "room_deleted"
)

// Reasons a participant left (ParticipantLeftPayload.LeftReason); other
// values may come, as for the ended reasons.
const (
	// LeftReasonKicked: the participant was kicked out through the API.
	LeftReasonKicked = "kicked"
	// LeftReasonLeft: the participant left (the fake's value).
	LeftReasonLeft = "left"
	// LeftReasonSessionEnded: the session ended with the participant in it
	// (the fake's value).
	LeftReasonSessionEnded = "session_ended"
)

// The kinds of recording (RecordingStartedPayload.Type).
const (
	// RecordingAudio is a recording of a participant's audio.
	RecordingAudio = "audio"
	// RecordingVideo is a recording of a participant's video.
	RecordingVideo = "video"
)

// SessionStarted is a video.room.session.started event.
type SessionStarted struct {
	Envelope
	// Payload is what the event is about.
	Payload SessionStartedPayload
}

// SessionStartedPayload is the payload of a SessionStarted event.
type SessionStartedPayload struct {
	// RoomID is the room whose session started.
	RoomID string `json:"room_id"`
	// SessionID is the session that started.
	SessionID string `json:"session_id"`
}

// SessionEnded is a video.room.session.ended event.
type SessionEnded struct {
	Envelope
	// Payload is what the event is about.
	Payload SessionEndedPayload
}

// SessionEndedPayload is the payload of a SessionEnded event.
type SessionEndedPayload struct {
	// RoomID is the room whose session ended.
	RoomID string `json:"room_id"`
	// SessionID is the session that ended.
	SessionID string `json:"session_id"`
	// DurationSecs is how long the session lasted, in whole seconds.
	DurationSecs int `json:"duration_secs,omitempty"`
	// EndedReason says why it ended: one of the EndedReason constants, or
	// another value Telnyx sends; "" when not given.
	EndedReason string `json:"ended_reason,omitempty"`
}

// Duration returns DurationSecs as a time.Duration.
func (p SessionEndedPayload) Duration() time.Duration { return seconds(p.DurationSecs) }

// ParticipantJoined is a video.room.participant.joined event.
type ParticipantJoined struct {
	Envelope
	// Payload is what the event is about.
	Payload ParticipantJoinedPayload
}

// ParticipantJoinedPayload is the payload of a ParticipantJoined event.
type ParticipantJoinedPayload struct {
	// RoomID is the room joined.
	RoomID string `json:"room_id"`
	// SessionID is the session joined.
	SessionID string `json:"session_id"`
	// ParticipantID is the participant who joined.
	ParticipantID string `json:"participant_id"`
	// Context is what the participant was given through the client SDK
	// when joining (may be empty). It is untrusted text.
	Context string `json:"context,omitempty"`
}

// ParticipantLeft is a video.room.participant.left event.
type ParticipantLeft struct {
	Envelope
	// Payload is what the event is about.
	Payload ParticipantLeftPayload
}

// ParticipantLeftPayload is the payload of a ParticipantLeft event.
type ParticipantLeftPayload struct {
	// RoomID is the room left.
	RoomID string `json:"room_id"`
	// SessionID is the session left.
	SessionID string `json:"session_id"`
	// ParticipantID is the participant who left.
	ParticipantID string `json:"participant_id"`
	// Context is the participant's context, as in ParticipantJoinedPayload.
	Context string `json:"context,omitempty"`
	// DurationSecs is how long the participant was in the session, in
	// whole seconds.
	DurationSecs int `json:"duration_secs,omitempty"`
	// LeftReason says why: one of the LeftReason constants, or another
	// value Telnyx sends; "" when not given.
	LeftReason string `json:"left_reason,omitempty"`
}

// Duration returns DurationSecs as a time.Duration.
func (p ParticipantLeftPayload) Duration() time.Duration { return seconds(p.DurationSecs) }

// RecordingStarted is a video.room.recording.started event.
type RecordingStarted struct {
	Envelope
	// Payload is what the event is about.
	Payload RecordingStartedPayload
}

// RecordingStartedPayload is the payload of a RecordingStarted event.
type RecordingStartedPayload struct {
	// RoomID is the room recorded.
	RoomID string `json:"room_id"`
	// SessionID is the session recorded.
	SessionID string `json:"session_id"`
	// ParticipantID is the participant recorded.
	ParticipantID string `json:"participant_id"`
	// RecordingID is the recording.
	RecordingID string `json:"recording_id"`
	// Type is RecordingAudio or RecordingVideo.
	Type string `json:"type,omitempty"`
}

// RecordingCompleted is a video.room.recording.completed event.
type RecordingCompleted struct {
	Envelope
	// Payload is what the event is about.
	Payload RecordingCompletedPayload
}

// RecordingCompletedPayload is the payload of a RecordingCompleted event.
type RecordingCompletedPayload struct {
	// RoomID is the room recorded.
	RoomID string `json:"room_id"`
	// SessionID is the session recorded.
	SessionID string `json:"session_id"`
	// ParticipantID is the participant recorded.
	ParticipantID string `json:"participant_id"`
	// RecordingID is the recording.
	RecordingID string `json:"recording_id"`
	// Type is RecordingAudio or RecordingVideo.
	Type string `json:"type,omitempty"`
	// Codec is the recording's codec, such as "opus".
	Codec string `json:"codec,omitempty"`
	// DownloadURL is where the recording can be downloaded.
	DownloadURL string `json:"download_url,omitempty"`
	// DurationSecs is how long the recording lasts, in whole seconds.
	DurationSecs int `json:"duration_secs,omitempty"`
	// SizeMB is the recording's size in megabytes.
	SizeMB float64 `json:"size_mb,omitempty"`
}

// Duration returns DurationSecs as a time.Duration.
func (p RecordingCompletedPayload) Duration() time.Duration { return seconds(p.DurationSecs) }

// CompositionCompleted is a video.room.composition.completed event.
type CompositionCompleted struct {
	Envelope
	// Payload is what the event is about.
	Payload CompositionCompletedPayload
}

// CompositionCompletedPayload is the payload of a CompositionCompleted event.
type CompositionCompletedPayload struct {
	// CompositionID is the room composition.
	CompositionID string `json:"composition_id"`
	// RoomID is the room composed.
	RoomID string `json:"room_id"`
	// SessionID is the session composed.
	SessionID string `json:"session_id"`
	// DownloadURL is where the composition can be downloaded.
	DownloadURL string `json:"download_url,omitempty"`
	// DurationSecs is how long the composition lasts, in whole seconds.
	DurationSecs int `json:"duration_secs,omitempty"`
	// Format is the container format, such as "mp4".
	Format string `json:"format,omitempty"`
	// Resolution is WIDTHxHEIGHT, such as "1280x720".
	Resolution string `json:"resolution,omitempty"`
	// SizeMB is the composition's size in megabytes.
	SizeMB float64 `json:"size_mb,omitempty"`
}

// Duration returns DurationSecs as a time.Duration.
func (p CompositionCompletedPayload) Duration() time.Duration { return seconds(p.DurationSecs) }

// UnknownEvent is an event whose type this package does not know (a newer
// Telnyx event): its envelope is decoded and its payload kept as sent.
type UnknownEvent struct {
	Envelope
	// Payload is the event's payload as raw JSON; nil when it had none.
	Payload json.RawMessage
}

func seconds(n int) time.Duration { return time.Duration(n) * time.Second }
