package webhook

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wrap builds a webhook body of the given type, occurred_at and payload.
func wrap(eventType, occurredAt, payload string) []byte {
	return []byte(`{"data":{"record_type":"event","event_type":"` + eventType + `","id":"d51754fc-6888-4b0e-8f29-fc3ae41250cd","occurred_at":"` + occurredAt + `","payload":` + payload + `}}`)
}

func TestParseEveryEventType(t *testing.T) {
	const at = "2022-03-02T04:47:29.980874Z"
	when := time.Date(2022, 3, 2, 4, 47, 29, 980874000, time.UTC)
	room, sess, part := "2fbf2c0d-b6aa-463f-aeed-83ce298be978", "7c4da191-2600-4df6-a35e-0ecae6caa5d3", "5ccc7b54-4df3-4bca-a65a-35a1ecc777f0"
	ids := `"room_id":"` + room + `","session_id":"` + sess + `"`
	tests := []struct {
		eventType EventType
		payload   string
		want      Event
	}{
		{EventSessionStarted, `{` + ids + `}`, &SessionStarted{Payload: SessionStartedPayload{RoomID: room, SessionID: sess}}},
		{EventSessionEnded, `{` + ids + `,"duration_secs":235,"ended_reason":"stale"}`,
			&SessionEnded{Payload: SessionEndedPayload{RoomID: room, SessionID: sess, DurationSecs: 235, EndedReason: EndedReasonStale}}},
		{EventParticipantJoined, `{` + ids + `,"participant_id":"` + part + `","context":"Alice"}`,
			&ParticipantJoined{Payload: ParticipantJoinedPayload{RoomID: room, SessionID: sess, ParticipantID: part, Context: "Alice"}}},
		{EventParticipantLeft, `{` + ids + `,"participant_id":"` + part + `","context":"Alice","duration_secs":34,"left_reason":"kicked"}`,
			&ParticipantLeft{Payload: ParticipantLeftPayload{RoomID: room, SessionID: sess, ParticipantID: part, Context: "Alice", DurationSecs: 34, LeftReason: LeftReasonKicked}}},
		{EventRecordingStarted, `{` + ids + `,"participant_id":"` + part + `","recording_id":"1ccc7b54-4df3-4bca-a65a-35a1ecc777f0","type":"audio"}`,
			&RecordingStarted{Payload: RecordingStartedPayload{RoomID: room, SessionID: sess, ParticipantID: part, RecordingID: "1ccc7b54-4df3-4bca-a65a-35a1ecc777f0", Type: RecordingAudio}}},
		{EventRecordingCompleted, `{` + ids + `,"participant_id":"` + part + `","recording_id":"1ccc7b54-4df3-4bca-a65a-35a1ecc777f0","type":"video","codec":"vp8","download_url":"https://example.com/r","duration_secs":3660,"size_mb":5.6}`,
			&RecordingCompleted{Payload: RecordingCompletedPayload{RoomID: room, SessionID: sess, ParticipantID: part, RecordingID: "1ccc7b54-4df3-4bca-a65a-35a1ecc777f0", Type: RecordingVideo, Codec: "vp8", DownloadURL: "https://example.com/r", DurationSecs: 3660, SizeMB: 5.6}}},
		{EventCompositionCompleted, `{"composition_id":"5970ce77-4aeb-4e18-ac8c-3effca0c145a",` + ids + `,"download_url":"https://example.com/c","duration_secs":53,"format":"mp4","resolution":"1280x720","size_mb":2.6}`,
			&CompositionCompleted{Payload: CompositionCompletedPayload{CompositionID: "5970ce77-4aeb-4e18-ac8c-3effca0c145a", RoomID: room, SessionID: sess, DownloadURL: "https://example.com/c", DurationSecs: 53, Format: "mp4", Resolution: "1280x720", SizeMB: 2.6}}},
	}
	require.Len(t, tests, len(EventTypes()), "one case per event type")
	for _, tt := range tests {
		t.Run(string(tt.eventType), func(t *testing.T) {
			got, err := Parse(wrap(string(tt.eventType), at, tt.payload))
			require.NoError(t, err)
			*tt.want.Common() = Envelope{Type: tt.eventType, ID: "d51754fc-6888-4b0e-8f29-fc3ae41250cd", OccurredAt: when, RecordType: "event"}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseIsTolerant(t *testing.T) {
	payload := `{"room_id":"r","session_id":"s"}`
	tests := []struct {
		name string
		body string
		when time.Time
		want func(t *testing.T, e Event)
	}{
		{name: "occurred_at with a space", body: string(wrap("video.room.session.started", "2022-03-02 04:47:29.980874Z", payload)),
			when: time.Date(2022, 3, 2, 4, 47, 29, 980874000, time.UTC)},
		{name: "occurred_at with an offset", body: string(wrap("video.room.session.started", "2022-03-02T06:47:29+02:00", payload)),
			when: time.Date(2022, 3, 2, 4, 47, 29, 0, time.UTC)},
		{name: "occurred_at missing", body: `{"data":{"event_type":"video.room.session.started","payload":` + payload + `}}`},
		{name: "unknown members everywhere", body: `{"extra":1,"data":{"event_type":"video.room.session.started","new":[1,2],"payload":{"room_id":"r","session_id":"s","region":"eu"}},"meta":{"attempt":3,"delivered_to":"https://x","more":true}}`,
			want: func(t *testing.T, e Event) {
				assert.Equal(t, Meta{Attempt: 3, DeliveredTo: "https://x"}, e.Common().Meta)
				assert.Equal(t, "r", e.(*SessionStarted).Payload.RoomID)
			}},
		{name: "missing optional members", body: string(wrap("video.room.session.ended", "2022-03-02T04:47:29Z", `{"room_id":"r","session_id":"s"}`)),
			when: time.Date(2022, 3, 2, 4, 47, 29, 0, time.UTC),
			want: func(t *testing.T, e Event) {
				p := e.(*SessionEnded).Payload
				assert.Zero(t, p.DurationSecs)
				assert.Empty(t, p.EndedReason)
			}},
		{name: "null payload", body: string(wrap("video.room.session.started", "2022-03-02T04:47:29Z", "null")),
			when: time.Date(2022, 3, 2, 4, 47, 29, 0, time.UTC)},
		{name: "unknown event type keeps the raw payload", body: string(wrap("video.room.whiteboard.opened", "2022-03-02T04:47:29Z", `{"board": {"id": 7}}`)),
			when: time.Date(2022, 3, 2, 4, 47, 29, 0, time.UTC),
			want: func(t *testing.T, e Event) {
				u, ok := e.(*UnknownEvent)
				require.True(t, ok, "%T", e)
				assert.Equal(t, EventType("video.room.whiteboard.opened"), u.Type)
				assert.JSONEq(t, `{"board":{"id":7}}`, string(u.Payload))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse([]byte(tt.body))
			require.NoError(t, err)
			assert.True(t, tt.when.Equal(e.Common().OccurredAt), "occurred_at %v, want %v", e.Common().OccurredAt, tt.when)
			if tt.want != nil {
				tt.want(t, e)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, body, field string
	}{
		{name: "not JSON", body: `{"data":`},
		{name: "an array", body: `[1]`},
		{name: "no data", body: `{"meta":{}}`, field: "data"},
		{name: "null data", body: `{"data":null}`, field: "data"},
		{name: "data a string", body: `{"data":"x"}`},
		{name: "bad occurred_at", body: string(wrap("video.room.session.started", "yesterday secret-value", `{}`)), field: "data.occurred_at"},
		{name: "payload of the wrong shape", body: string(wrap("video.room.session.ended", "2022-03-02T04:47:29Z", `{"duration_secs":"long secret-value"}`)), field: "data.payload"},
		{name: "payload an array", body: string(wrap("video.room.participant.left", "2022-03-02T04:47:29Z", `[]`)), field: "data.payload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.body))
			require.ErrorIs(t, err, ErrMalformedEvent)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tt.field, pe.Field)
			assert.NotContains(t, err.Error(), "secret-value", "values are never echoed")
		})
	}
}

func TestDurations(t *testing.T) {
	assert.Equal(t, 235*time.Second, SessionEndedPayload{DurationSecs: 235}.Duration())
	assert.Equal(t, 34*time.Second, ParticipantLeftPayload{DurationSecs: 34}.Duration())
	assert.Equal(t, time.Minute, RecordingCompletedPayload{DurationSecs: 60}.Duration())
	assert.Equal(t, 53*time.Second, CompositionCompletedPayload{DurationSecs: 53}.Duration())
}

// TestEventTypesAreDistinct guards the list the coverage check and the fake rely on.
func TestEventTypesAreDistinct(t *testing.T) {
	seen := map[EventType]bool{}
	for _, et := range EventTypes() {
		assert.False(t, seen[et], et)
		seen[et] = true
		assert.True(t, strings.HasPrefix(string(et), "video.room."), et)
		e, err := Parse(wrap(string(et), "2022-03-02T04:47:29Z", `{}`))
		require.NoError(t, err)
		_, unknown := e.(*UnknownEvent)
		assert.False(t, unknown, "%s must decode into a type of its own", et)
	}
}
