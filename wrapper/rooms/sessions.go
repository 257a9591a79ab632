package rooms

import (
	"context"
	"iter"
	"net/http"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func sessionKey(s *Session) string { return s.ID }

// lister validates p once and returns the page fetcher of GET /room_sessions.
func (s *SessionsService) lister(p *ListSessionsParams) *lister[Session] {
	q, start, err := p.query()
	server := s.client.server
	return &lister[Session]{c: s.client, err: err, start: start, size: pageSizeOf(q.PageSize), key: sessionKey,
		build: func(n *int32) (*http.Request, error) {
			q := q
			q.PageNumber = n
			return gen.NewListRoomSessionsRequest(server, &q)
		}}
}

// List returns one page of room sessions, filtered by p (nil: no filter).
//
// Operation: GET /room_sessions (listRoomSessions).
// API docs: https://developers.telnyx.com/api/video/list-room-sessions
func (s *SessionsService) List(ctx context.Context, p *ListSessionsParams) (*Page[Session], error) {
	return s.lister(p).first(ctx)
}

// ListIter walks every room session matching p.
//
// Operation: GET /room_sessions (listRoomSessions).
// API docs: https://developers.telnyx.com/api/video/list-room-sessions
func (s *SessionsService) ListIter(ctx context.Context, p *ListSessionsParams, opts ...IterOption) iter.Seq2[Session, error] {
	return s.lister(p).all(ctx, opts)
}

// Get returns the room session with id sessionID.
//
// Operation: GET /room_sessions/{room_session_id} (viewRoomSession).
// API docs: https://developers.telnyx.com/api/video/view-room-session
func (s *SessionsService) Get(ctx context.Context, sessionID string, p *GetSessionParams) (*Session, error) {
	id, err := parseID("room_session_id", sessionID)
	if err != nil {
		return nil, err
	}
	r := &s.client.routes().viewSession
	if p != nil && p.IncludeParticipants {
		r = &s.client.routes().viewSessionWithParticipants
	}
	req, err := r.request(ctx, id, nil)
	return one[Session](ctx, s.client, retryAll, req, err)
}

// End ends the room session, kicking every participant still present.
//
// Operation: POST /room_sessions/{room_session_id}/actions/end (endSession).
// API docs: https://developers.telnyx.com/api/video/end-session
func (s *SessionsService) End(ctx context.Context, sessionID string) error {
	id, err := parseID("room_session_id", sessionID)
	if err != nil {
		return err
	}
	req, err := s.client.routes().endSession.request(ctx, id, nil)
	return action(ctx, s.client, req, err)
}

// Kick removes the participants a selects from the room session.
//
// Operation: POST /room_sessions/{room_session_id}/actions/kick (kickParticipantInSession).
// API docs: https://developers.telnyx.com/api/video/kick-participant-in-session
func (s *SessionsService) Kick(ctx context.Context, sessionID string, a ParticipantsAction) error {
	id, body, err := actionArgs(sessionID, a)
	if err != nil {
		return err
	}
	req, err := s.client.routes().kick.requestJSON(ctx, id, body)
	return action(ctx, s.client, req, err)
}

// Mute mutes the participants a selects in the room session.
//
// Operation: POST /room_sessions/{room_session_id}/actions/mute (muteParticipantInSession).
// API docs: https://developers.telnyx.com/api/video/mute-participant-in-session
func (s *SessionsService) Mute(ctx context.Context, sessionID string, a ParticipantsAction) error {
	id, body, err := actionArgs(sessionID, a)
	if err != nil {
		return err
	}
	req, err := s.client.routes().mute.requestJSON(ctx, id, body)
	return action(ctx, s.client, req, err)
}

// Unmute unmutes the participants a selects in the room session.
//
// Operation: POST /room_sessions/{room_session_id}/actions/unmute (unmuteParticipantInSession).
// API docs: https://developers.telnyx.com/api/video/unmute-participant-in-session
func (s *SessionsService) Unmute(ctx context.Context, sessionID string, a ParticipantsAction) error {
	id, body, err := actionArgs(sessionID, a)
	if err != nil {
		return err
	}
	req, err := s.client.routes().unmute.requestJSON(ctx, id, body)
	return action(ctx, s.client, req, err)
}

// actionArgs validates the arguments of Kick, Mute and Unmute.
func actionArgs(sessionID string, a ParticipantsAction) (uuid.UUID, gen.ActionsParticipantsRequest, error) {
	id, err := parseID("room_session_id", sessionID)
	if err != nil {
		return id, gen.ActionsParticipantsRequest{}, err
	}
	body, err := a.body()
	return id, body, err
}

// participantsLister validates the arguments once and returns the page
// fetcher of GET /room_sessions/{room_session_id}/participants.
func (s *SessionsService) participantsLister(sessionID string, p *ListParticipantsParams) *lister[Participant] {
	l := &lister[Participant]{c: s.client, key: participantKey}
	id, err := parseID("room_session_id", sessionID)
	if err != nil {
		l.err = err
		return l
	}
	q, start, err := p.nestedQuery(id)
	server := s.client.server
	l.err, l.start, l.size = err, start, pageSizeOf(q.PageSize)
	l.build = func(n *int32) (*http.Request, error) {
		q := q
		q.PageNumber = n
		return gen.NewNestedListRoomParticipantsRequest(server, id, &q)
	}
	return l
}

// ListParticipants returns one page of the participants of the room session.
//
// Operation: GET /room_sessions/{room_session_id}/participants (nestedListRoomParticipants).
// API docs: https://developers.telnyx.com/api/video/list-room-participants
func (s *SessionsService) ListParticipants(ctx context.Context, sessionID string, p *ListParticipantsParams) (*Page[Participant], error) {
	return s.participantsLister(sessionID, p).first(ctx)
}

// ListParticipantsIter walks every participant of the room session matching p.
//
// Operation: GET /room_sessions/{room_session_id}/participants (nestedListRoomParticipants).
// API docs: https://developers.telnyx.com/api/video/list-room-participants
func (s *SessionsService) ListParticipantsIter(ctx context.Context, sessionID string, p *ListParticipantsParams, opts ...IterOption) iter.Seq2[Participant, error] {
	return s.participantsLister(sessionID, p).all(ctx, opts)
}
