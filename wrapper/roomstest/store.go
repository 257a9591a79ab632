package roomstest

import (
	"crypto/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// Record types the API writes into every resource.
const (
	recordRoom        = "room"
	recordSession     = "room_session"
	recordParticipant = "room_participant"
)

// store is the fake's in-memory state. Every method expects mu to be held
// by its caller; the HTTP handlers and the test controls take it.
type store struct {
	mu           sync.Mutex
	clock        func() time.Time
	rooms        map[uuid.UUID]*gen.Room
	sessions     map[uuid.UUID]*gen.RoomSession
	participants map[uuid.UUID]*gen.RoomParticipant
	muted        map[uuid.UUID]bool
	// tokenKey signs the refresh tokens the fake issues (refresh.go), so
	// that it need not remember them.
	tokenKey [32]byte
	// hooks delivers the webhooks of state changes (events.go); nil
	// delivers nothing.
	hooks *deliverer

	// Indexes (index.go), kept with the maps above so that no request
	// copies or sorts the whole store: every room, session and
	// participant in list order, the sessions of each room (deleted rooms
	// included), the participants of each session, and the rooms by
	// unique_name (names are unique; the empty name is not indexed).
	roomOrder           *timeIndex[gen.Room]
	sessionOrder        *timeIndex[gen.RoomSession]
	participantOrder    *timeIndex[gen.RoomParticipant]
	roomSessions        map[uuid.UUID]*timeIndex[gen.RoomSession]
	sessionParticipants map[uuid.UUID]*timeIndex[gen.RoomParticipant]
	roomNames           map[string]*gen.Room

	// Recordings and compositions (recording_state.go, composition_state.go),
	// and the base of their download URLs in events (events_media.go).
	rec  recordingState
	comp compositionState
	base atomic.Pointer[string]
}

func newStore(clock func() time.Time) *store {
	if clock == nil {
		clock = time.Now
	}
	st := &store{
		clock:               clock,
		rooms:               map[uuid.UUID]*gen.Room{},
		sessions:            map[uuid.UUID]*gen.RoomSession{},
		participants:        map[uuid.UUID]*gen.RoomParticipant{},
		muted:               map[uuid.UUID]bool{},
		roomOrder:           newTimeIndex(roomCreated),
		sessionOrder:        newTimeIndex(sessionCreated),
		participantOrder:    newTimeIndex(participantJoined),
		roomSessions:        map[uuid.UUID]*timeIndex[gen.RoomSession]{},
		sessionParticipants: map[uuid.UUID]*timeIndex[gen.RoomParticipant]{},
		roomNames:           map[string]*gen.Room{},
		rec:                 newRecordingState(),
		comp:                newCompositionState(),
	}
	_, _ = rand.Read(st.tokenKey[:]) // crypto/rand.Read never fails (Go 1.24+)
	return st
}

// now is the current time as the API writes it: UTC, microsecond precision.
func (st *store) now() time.Time {
	return st.clock().UTC().Truncate(time.Microsecond)
}

// addRoom, addSession and addParticipant store a new resource. Its
// timestamp (created_at, joined_at) must be set and never change.
func (st *store) addRoom(r *gen.Room) {
	st.rooms[r.ID] = r
	st.roomOrder.insert(r)
	if r.UniqueName != "" {
		st.roomNames[r.UniqueName] = r
	}
}

func (st *store) addSession(s *gen.RoomSession) {
	st.sessions[s.ID] = s
	st.sessionOrder.insert(s)
	of := st.roomSessions[s.RoomID]
	if of == nil {
		of = newTimeIndex(sessionCreated)
		st.roomSessions[s.RoomID] = of
	}
	of.insert(s)
}

func (st *store) addParticipant(p *gen.RoomParticipant) {
	st.participants[p.ID] = p
	st.participantOrder.insert(p)
	of := st.sessionParticipants[p.SessionID]
	if of == nil {
		of = newTimeIndex(participantJoined)
		st.sessionParticipants[p.SessionID] = of
	}
	of.insert(p)
}

// updateRoom replaces the fields of a stored room with those of updated
// (same id and created_at), keeping the name index current.
func (st *store) updateRoom(room *gen.Room, updated gen.Room) {
	if room.UniqueName != updated.UniqueName {
		if st.roomNames[room.UniqueName] == room {
			delete(st.roomNames, room.UniqueName)
		}
		if updated.UniqueName != "" {
			st.roomNames[updated.UniqueName] = room
		}
	}
	*room = updated
}

// removeRoom forgets a room. Its sessions stay (listable under
// /room_sessions, also by filter[room_id]).
func (st *store) removeRoom(room *gen.Room) {
	delete(st.rooms, room.ID)
	st.roomOrder.remove(room)
	if st.roomNames[room.UniqueName] == room {
		delete(st.roomNames, room.UniqueName)
	}
}

func roomCreated(r *gen.Room) time.Time                  { return r.CreatedAt }
func sessionCreated(s *gen.RoomSession) time.Time        { return s.CreatedAt }
func participantJoined(p *gen.RoomParticipant) time.Time { return p.JoinedAt }

// roomList is every room, in list order.
func (st *store) roomList() []gen.Room { return st.roomOrder.values() }

// sessionList is every session, in list order.
func (st *store) sessionList() []gen.RoomSession { return st.sessionOrder.values() }

// participantList is every participant, in list order.
func (st *store) participantList() []gen.RoomParticipant { return st.participantOrder.values() }

// sessionsOf is the sessions of one room, in list order.
func (st *store) sessionsOf(roomID uuid.UUID) []gen.RoomSession {
	return st.roomSessions[roomID].values()
}

// participantsIn is the participants of one session, in list order: the
// index's own slice, to read under the lock and not keep.
func (st *store) participantsIn(sessionID uuid.UUID) []*gen.RoomParticipant {
	return st.sessionParticipants[sessionID].all()
}

// participantsOf is copies of the participants of one session, in list order.
func (st *store) participantsOf(sessionID uuid.UUID) []gen.RoomParticipant {
	return st.sessionParticipants[sessionID].values()
}

// withSessions fills the nested sessions of rooms (include_sessions=true).
func (st *store) withSessions(rooms []gen.Room) {
	for i := range rooms {
		rooms[i].Sessions = st.sessionsOf(rooms[i].ID)
	}
}

// withParticipants fills the nested participants of sessions (include_participants=true).
func (st *store) withParticipants(sessions []gen.RoomSession) {
	for i := range sessions {
		sessions[i].Participants = st.participantsOf(sessions[i].ID)
	}
}

// room, session and participant return the resource a path parameter
// names, or the 404 that names the parameter.
func (st *store) room(id uuid.UUID) (*gen.Room, error) {
	return lookup(st.rooms, id, "room_id", "room")
}

func (st *store) session(id uuid.UUID) (*gen.RoomSession, error) {
	return lookup(st.sessions, id, "room_session_id", "room session")
}

func (st *store) participant(id uuid.UUID) (*gen.RoomParticipant, error) {
	return lookup(st.participants, id, "room_participant_id", "room participant")
}

func lookup[T any](m map[uuid.UUID]*T, id uuid.UUID, parameter, kind string) (*T, error) {
	v, ok := m[id]
	if !ok {
		return nil, errNotFound(parameter, kind, id)
	}
	return v, nil
}

// roomNamed returns the room holding unique_name name, if any.
func (st *store) roomNamed(name string) (*gen.Room, bool) {
	r, ok := st.roomNames[name]
	return r, ok
}

// presentCount is the number of participants of a session who have not left.
func (st *store) presentCount(sessionID uuid.UUID) int {
	n := 0
	for _, p := range st.participantsIn(sessionID) {
		if p.LeftAt.IsZero() {
			n++
		}
	}
	return n
}

// leave marks a participant as having left at t; its recordings end.
func (st *store) leave(p *gen.RoomParticipant, t time.Time) {
	p.LeftAt = t
	p.UpdatedAt = t
	delete(st.muted, p.ID)
	st.stopRecordings(p.ID, t)
}

// endSession ends s at t for reason (a webhook.EndedReason constant): it
// becomes inactive, everyone still present leaves (left_reason
// "session_ended"), its room no longer points at it, and the events are
// sent, the participants' first. Ending an ended session changes nothing.
func (st *store) endSession(s *gen.RoomSession, t time.Time, reason string) {
	if !s.Active {
		return
	}
	for _, p := range st.participantsIn(s.ID) {
		if p.LeftAt.IsZero() {
			st.participantLeft(p, t, webhook.LeftReasonSessionEnded)
		}
	}
	s.Active = false
	s.EndedAt = t
	s.UpdatedAt = t
	if r, ok := st.rooms[s.RoomID]; ok && r.ActiveSessionID == s.ID {
		r.ActiveSessionID = uuid.Nil
	}
	st.sessionEnded(s, reason)
}
