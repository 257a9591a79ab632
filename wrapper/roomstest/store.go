package roomstest

import (
	"cmp"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
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
	grants       map[string]refreshGrant
	// seq numbers every resource in creation order (keyed by its pointer:
	// ids of different kinds may coincide); lists break timestamp ties by it.
	seq     map[any]uint64
	nextSeq uint64
}

// refreshGrant is what the fake remembers about a refresh token it issued.
type refreshGrant struct {
	roomID    uuid.UUID
	expiresAt time.Time
}

func newStore(clock func() time.Time) *store {
	if clock == nil {
		clock = time.Now
	}
	return &store{
		clock:        clock,
		rooms:        map[uuid.UUID]*gen.Room{},
		sessions:     map[uuid.UUID]*gen.RoomSession{},
		participants: map[uuid.UUID]*gen.RoomParticipant{},
		muted:        map[uuid.UUID]bool{},
		grants:       map[string]refreshGrant{},
		seq:          map[any]uint64{},
	}
}

// now is the current time as the API writes it: UTC, microsecond precision.
func (st *store) now() time.Time {
	return st.clock().UTC().Truncate(time.Microsecond)
}

// ordered returns copies of the values in m, oldest first, ties broken by
// creation order: the stable order every list answers in.
func ordered[T any](st *store, m map[uuid.UUID]*T, at func(*T) time.Time) []T {
	ptrs := slices.Collect(maps.Values(m))
	slices.SortFunc(ptrs, func(a, b *T) int {
		if c := at(a).Compare(at(b)); c != 0 {
			return c
		}
		return cmp.Compare(st.seq[a], st.seq[b])
	})
	out := make([]T, len(ptrs))
	for i, p := range ptrs {
		out[i] = *p
	}
	return out
}

// addRoom, addSession and addParticipant store a new resource.
func (st *store) addRoom(r *gen.Room) {
	st.rooms[r.ID] = r
	st.track(r)
}

func (st *store) addSession(s *gen.RoomSession) {
	st.sessions[s.ID] = s
	st.track(s)
}

func (st *store) addParticipant(p *gen.RoomParticipant) {
	st.participants[p.ID] = p
	st.track(p)
}

func (st *store) track(ptr any) {
	st.nextSeq++
	st.seq[ptr] = st.nextSeq
}

func roomCreated(r *gen.Room) time.Time                  { return r.CreatedAt }
func sessionCreated(s *gen.RoomSession) time.Time        { return s.CreatedAt }
func participantJoined(p *gen.RoomParticipant) time.Time { return p.JoinedAt }

// roomList is every room, in list order.
func (st *store) roomList() []gen.Room {
	return ordered(st, st.rooms, roomCreated)
}

// sessionList is every session, in list order.
func (st *store) sessionList() []gen.RoomSession {
	return ordered(st, st.sessions, sessionCreated)
}

// participantList is every participant, in list order.
func (st *store) participantList() []gen.RoomParticipant {
	return ordered(st, st.participants, participantJoined)
}

// sessionsOf is the sessions of one room, in list order.
func (st *store) sessionsOf(roomID uuid.UUID) []gen.RoomSession {
	return filter(st.sessionList(), equalFilter(&roomID, sessionRoom))
}

// participantsOf is the participants of one session, in list order.
func (st *store) participantsOf(sessionID uuid.UUID) []gen.RoomParticipant {
	return filter(st.participantList(), equalFilter(&sessionID, participantSession))
}

func sessionRoom(s gen.RoomSession) uuid.UUID            { return s.RoomID }
func participantSession(p gen.RoomParticipant) uuid.UUID { return p.SessionID }

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
	for _, r := range st.rooms {
		if r.UniqueName == name {
			return r, true
		}
	}
	return nil, false
}

// presentCount is the number of participants of a session who have not left.
func (st *store) presentCount(sessionID uuid.UUID) int {
	n := 0
	for _, p := range st.participants {
		if p.SessionID == sessionID && p.LeftAt.IsZero() {
			n++
		}
	}
	return n
}

// leave marks a participant as having left at t.
func (st *store) leave(p *gen.RoomParticipant, t time.Time) {
	p.LeftAt = t
	p.UpdatedAt = t
	delete(st.muted, p.ID)
}

// endSession ends s at t: it becomes inactive, everyone still present
// leaves, and its room no longer points at it. Ending an ended session
// changes nothing.
func (st *store) endSession(s *gen.RoomSession, t time.Time) {
	if !s.Active {
		return
	}
	s.Active = false
	s.EndedAt = t
	s.UpdatedAt = t
	for _, p := range st.participants {
		if p.SessionID == s.ID && p.LeftAt.IsZero() {
			st.leave(p, t)
		}
	}
	if r, ok := st.rooms[s.RoomID]; ok && r.ActiveSessionID == s.ID {
		r.ActiveSessionID = uuid.Nil
	}
}
