package roomstest

import (
	"math"
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// The events of sessions and participants, emitted where the state
// changes (D34). Sending a new event is one call of emitRoom (or of
// st.hooks.emit with a target of its own) with the webhook package's
// constant and the contract's generated payload; internal/coverage sees
// the constant and drops the event from its pending list.

// emitRoom queues an event about room roomID for the room's webhook URLs,
// as they are now; nothing when the room is gone or has no
// webhook_event_url. Call it with st.mu held, where the state changes.
func (st *store) emitRoom(roomID uuid.UUID, typ webhook.EventType, at time.Time, payload any) {
	if r, ok := st.rooms[roomID]; ok {
		st.hooks.emit(roomTarget(r), typ, roomID, at, payload)
	}
}

// sessionStarted sends video.room.session.started for a new session.
func (st *store) sessionStarted(s *gen.RoomSession) {
	st.emitRoom(s.RoomID, webhook.EventSessionStarted, s.CreatedAt, gen.SessionStartedPayload{RoomID: s.RoomID, SessionID: s.ID})
}

// participantJoined sends video.room.participant.joined for a new participant.
func (st *store) participantJoined(roomID uuid.UUID, p *gen.RoomParticipant) {
	st.emitRoom(roomID, webhook.EventParticipantJoined, p.JoinedAt, gen.ParticipantJoinedPayload{
		RoomID: roomID, SessionID: p.SessionID, ParticipantID: p.ID, Context: p.Context,
	})
}

// participantLeft makes p leave at t and sends video.room.participant.left
// with reason (a webhook.LeftReason constant).
func (st *store) participantLeft(p *gen.RoomParticipant, t time.Time, reason string) {
	st.leave(p, t)
	s, ok := st.sessions[p.SessionID]
	if !ok {
		return
	}
	st.emitRoom(s.RoomID, webhook.EventParticipantLeft, t, gen.ParticipantLeftPayload{
		RoomID: s.RoomID, SessionID: s.ID, ParticipantID: p.ID, Context: p.Context,
		DurationSecs: wholeSeconds(t.Sub(p.JoinedAt)), LeftReason: reason,
	})
}

// endIfEmpty ends an active session that nobody is present in any more,
// as Telnyx ends a session its last participant left (ended_reason
// "stale"; D34).
func (st *store) endIfEmpty(s *gen.RoomSession, t time.Time) {
	if s.Active && st.presentCount(s.ID) == 0 {
		st.endSession(s, t, webhook.EndedReasonStale)
	}
}

// sessionEnded sends video.room.session.ended for a session that just ended.
func (st *store) sessionEnded(s *gen.RoomSession, reason string) {
	st.emitRoom(s.RoomID, webhook.EventSessionEnded, s.EndedAt, gen.SessionEndedPayload{
		RoomID: s.RoomID, SessionID: s.ID, DurationSecs: wholeSeconds(s.EndedAt.Sub(s.CreatedAt)), EndedReason: reason,
	})
}

// wholeSeconds is d in whole seconds, within 0..MaxInt32 (a clock moved
// backwards gives 0).
func wholeSeconds(d time.Duration) int32 {
	return int32(min(max(d/time.Second, 0), math.MaxInt32))
}
