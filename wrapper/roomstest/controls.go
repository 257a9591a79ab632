package roomstest

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// Errors the test controls return (wrapped with details; test with errors.Is).
var (
	// ErrNotFound: no room, session or participant has that id.
	ErrNotFound = errors.New("roomstest: not found")
	// ErrSessionActive: the room already has an active session.
	ErrSessionActive = errors.New("roomstest: room already has an active session")
	// ErrSessionEnded: the session has ended; nobody can join it.
	ErrSessionEnded = errors.New("roomstest: room session has ended")
	// ErrRoomFull: the room's max_participants are already present.
	ErrRoomFull = errors.New("roomstest: room is full")
	// ErrAlreadyLeft: the participant has already left the session.
	ErrAlreadyLeft = errors.New("roomstest: participant has already left")
)

// StartSession starts a new active session in a room, as the real API does
// when the first participant joins over WebRTC. A room has at most one
// active session.
func (s *Server) StartSession(roomID string) (rooms.Session, error) {
	id, err := parseID("room", roomID)
	if err != nil {
		return rooms.Session{}, err
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	room, ok := s.st.rooms[id]
	if !ok {
		return rooms.Session{}, fmt.Errorf("%w: room %s", ErrNotFound, id)
	}
	if room.ActiveSessionID != uuid.Nil {
		return rooms.Session{}, fmt.Errorf("%w: room %s, session %s", ErrSessionActive, id, room.ActiveSessionID)
	}
	now := s.st.now()
	sess := &gen.RoomSession{
		ID:         uuid.New(),
		RoomID:     id,
		Active:     true,
		CreatedAt:  now,
		UpdatedAt:  now,
		RecordType: recordSession,
	}
	s.st.addSession(sess)
	room.ActiveSessionID = sess.ID
	s.st.sessionStarted(sess)
	return publicSession(*sess), nil
}

// Join adds a participant with the given context (what the client SDK
// passes, such as a user name) to an active session. It fails when the
// session has ended or its room's max_participants are already present.
func (s *Server) Join(sessionID, context string) (rooms.Participant, error) {
	id, err := parseID("room session", sessionID)
	if err != nil {
		return rooms.Participant{}, err
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	sess, ok := s.st.sessions[id]
	if !ok {
		return rooms.Participant{}, fmt.Errorf("%w: room session %s", ErrNotFound, id)
	}
	if !sess.Active {
		return rooms.Participant{}, fmt.Errorf("%w: %s", ErrSessionEnded, id)
	}
	room, ok := s.st.rooms[sess.RoomID]
	if !ok { // cannot happen: deleting a room ends its session
		return rooms.Participant{}, fmt.Errorf("%w: room %s", ErrNotFound, sess.RoomID)
	}
	if n := s.st.presentCount(id); n >= int(room.MaxParticipants) {
		return rooms.Participant{}, fmt.Errorf("%w: %d of max_participants %d present", ErrRoomFull, n, room.MaxParticipants)
	}
	now := s.st.now()
	p := &gen.RoomParticipant{
		ID:         uuid.New(),
		SessionID:  id,
		Context:    context,
		JoinedAt:   now,
		UpdatedAt:  now,
		RecordType: recordParticipant,
	}
	s.st.addParticipant(p)
	sess.UpdatedAt = now
	s.st.participantJoined(room.ID, p)
	s.st.recordingsStarted(s.st.startRecordings(p)) // when the room records (D19)
	return publicParticipant(*p), nil
}

// Leave makes a participant leave its session, as closing the browser tab
// would (left_reason "left"). When that leaves nobody in the session, the
// session ends (ended_reason "stale"), as Telnyx ends a session its last
// participant left (D34).
func (s *Server) Leave(participantID string) error {
	id, err := parseID("room participant", participantID)
	if err != nil {
		return err
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	p, ok := s.st.participants[id]
	if !ok {
		return fmt.Errorf("%w: room participant %s", ErrNotFound, id)
	}
	if !p.LeftAt.IsZero() {
		return fmt.Errorf("%w: %s", ErrAlreadyLeft, id)
	}
	now := s.st.now()
	s.st.participantLeft(p, now, webhook.LeftReasonLeft)
	if sess, ok := s.st.sessions[p.SessionID]; ok {
		sess.UpdatedAt = now
		s.st.endIfEmpty(sess, now)
	}
	return nil
}

// Muted reports whether a participant is muted (by the mute and unmute
// actions). A participant who left, or an unknown id, is not muted.
func (s *Server) Muted(participantID string) bool {
	id, err := uuid.Parse(participantID)
	if err != nil {
		return false
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.muted[id]
}

// Rooms returns a snapshot of every room, in list order (created_at, then
// creation order), without nested sessions.
func (s *Server) Rooms() []rooms.Room {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return publicList[rooms.Room](s.st.roomList())
}

// Sessions returns a snapshot of every session (of deleted rooms too), in
// list order, without nested participants.
func (s *Server) Sessions() []rooms.Session {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return publicList[rooms.Session](s.st.sessionList())
}

// Participants returns a snapshot of every participant, in list order
// (joined_at, then creation order).
func (s *Server) Participants() []rooms.Participant {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return publicList[rooms.Participant](s.st.participantList())
}

// Inject adds a fault for the requests of route, an operationId of the
// contract such as "createRoom", or AllRoutes ("*"). Faults of a route
// apply in the order injected, each to its next Fault.Times requests; a
// fault with Times 0 applies to every request and so shadows any injected
// after it. A route's own faults come before AllRoutes faults. Inject
// panics on an unknown route or an invalid Fault: both are test bugs.
func (s *Server) Inject(route string, f Fault) {
	s.mustKnowRoute("Inject", route)
	if err := f.check(); err != nil {
		panic("roomstest: Inject: " + err.Error())
	}
	s.faults.inject(route, f)
}

// ResetFaults removes every injected fault. Request counts are kept.
func (s *Server) ResetFaults() { s.faults.reset() }

// Requests returns how many requests of route (an operationId, or
// AllRoutes for every request, unroutable ones included) reached the
// server, whatever their outcome: faults, 401 and 422 included. Go's
// http.Transport silently replays an idempotent request whose reused
// keep-alive connection dies before any response byte (a FaultReset), and
// each replay counts. Requests panics on an unknown route.
func (s *Server) Requests(route string) int {
	s.mustKnowRoute("Requests", route)
	return s.faults.requests(route)
}

// WaitRequests blocks until Requests(route) is at least n, or ctx is done
// (then it returns an error wrapping ctx.Err()). A request is counted as
// soon as the fake has routed it, before any injected fault or latency
// applies: a test can wait for a request to be held by a Delay fault, then
// act (cancel it, move a clock) without sleeping. WaitRequests panics on
// an unknown route.
func (s *Server) WaitRequests(ctx context.Context, route string, n int) error {
	s.mustKnowRoute("WaitRequests", route)
	return s.faults.waitRequests(ctx, route, n)
}

func (s *Server) mustKnowRoute(method, route string) {
	if route != AllRoutes && !s.contract.operations[route] {
		panic(fmt.Sprintf("roomstest: %s: unknown route %q: want an operationId of openapi.yaml such as \"createRoom\", or %q", method, route, AllRoutes))
	}
}

func parseID(kind, s string) (uuid.UUID, error) {
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, fmt.Errorf("%w: %s id %q is not a UUID", ErrNotFound, kind, s)
	}
	return id, nil
}
