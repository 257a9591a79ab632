package roomstest

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// sessionQuery is what both session lists (listRoomSessions and
// nestedListRoomSessions) can ask for: the nested list's parameters and the
// room, from the path or from filter[room_id].
type sessionQuery struct {
	roomID *uuid.UUID
	gen.NestedListRoomSessionsParams
}

// sessionPage answers a session list.
func (st *store) sessionPage(q sessionQuery) ([]gen.RoomSession, gen.PaginationMeta) {
	index := st.sessionOrder
	if q.roomID != nil {
		index = st.roomSessions[*q.roomID] // nil, so empty, for a room without sessions
	}
	candidates := index.within(newDayRange(q.FilterDateCreatedAtEq, q.FilterDateCreatedAtGte, q.FilterDateCreatedAtLte))
	page, meta := pageOf(candidates, q.PageSize, q.PageNumber,
		dateFilter(q.FilterDateUpdatedAtEq, q.FilterDateUpdatedAtGte, q.FilterDateUpdatedAtLte, func(s *gen.RoomSession) time.Time { return s.UpdatedAt }),
		dateFilter(q.FilterDateEndedAtEq, q.FilterDateEndedAtGte, q.FilterDateEndedAtLte, func(s *gen.RoomSession) time.Time { return s.EndedAt }),
		equalFilter(q.FilterActive, func(s *gen.RoomSession) bool { return s.Active }),
	)
	if isTrue(q.IncludeParticipants) {
		st.withParticipants(page)
	}
	return page, meta
}

// ListRoomSessions implements listRoomSessions (GET /room_sessions).
func (a *api) ListRoomSessions(_ context.Context, req genserver.ListRoomSessionsRequestObject) (genserver.ListRoomSessionsResponseObject, error) {
	p := req.Params
	q := sessionQuery{roomID: p.FilterRoomID, NestedListRoomSessionsParams: gen.NestedListRoomSessionsParams{
		FilterDateCreatedAtEq:  p.FilterDateCreatedAtEq,
		FilterDateCreatedAtGte: p.FilterDateCreatedAtGte,
		FilterDateCreatedAtLte: p.FilterDateCreatedAtLte,
		FilterDateUpdatedAtEq:  p.FilterDateUpdatedAtEq,
		FilterDateUpdatedAtGte: p.FilterDateUpdatedAtGte,
		FilterDateUpdatedAtLte: p.FilterDateUpdatedAtLte,
		FilterDateEndedAtEq:    p.FilterDateEndedAtEq,
		FilterDateEndedAtGte:   p.FilterDateEndedAtGte,
		FilterDateEndedAtLte:   p.FilterDateEndedAtLte,
		FilterActive:           p.FilterActive,
		IncludeParticipants:    p.IncludeParticipants,
		PageSize:               p.PageSize,
		PageNumber:             p.PageNumber,
	}}
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	page, meta := a.st.sessionPage(q)
	return genserver.ListRoomSessions200JSONResponse{RoomSessionsPageJSONResponse: genserver.RoomSessionsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// ViewRoomSession implements viewRoomSession (GET /room_sessions/{room_session_id}).
func (a *api) ViewRoomSession(_ context.Context, req genserver.ViewRoomSessionRequestObject) (genserver.ViewRoomSessionResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	s, err := a.st.session(req.RoomSessionID)
	if err != nil {
		return nil, err
	}
	out := []gen.RoomSession{*s}
	if isTrue(req.Params.IncludeParticipants) {
		a.st.withParticipants(out)
	}
	return genserver.ViewRoomSession200JSONResponse{RoomSessionDataJSONResponse: genserver.RoomSessionDataJSONResponse{Data: out[0]}}, nil
}

// EndSession implements endSession: the session becomes inactive with
// ended_at set and every participant still present leaves. Ending an
// ended session succeeds and changes nothing.
func (a *api) EndSession(_ context.Context, req genserver.EndSessionRequestObject) (genserver.EndSessionResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	s, err := a.st.session(req.RoomSessionID)
	if err != nil {
		return nil, err
	}
	a.st.endSession(s, a.st.now(), webhook.EndedReasonEnded)
	return genserver.EndSession200JSONResponse{ActionSuccessJSONResponse: actionOK()}, nil
}

// KickParticipantInSession implements kickParticipantInSession: the chosen
// participants who are still present leave (left_reason "kicked"); when
// nobody is left, the session ends (ended_reason "stale", D34).
func (a *api) KickParticipantInSession(_ context.Context, req genserver.KickParticipantInSessionRequestObject) (genserver.KickParticipantInSessionResponseObject, error) {
	err := a.act(req.RoomSessionID, req.Body, func(p *gen.RoomParticipant, t time.Time) {
		a.st.participantLeft(p, t, webhook.LeftReasonKicked)
		if s, ok := a.st.sessions[p.SessionID]; ok {
			a.st.endIfEmpty(s, t)
		}
	})
	if err != nil {
		return nil, err
	}
	return genserver.KickParticipantInSession200JSONResponse{ActionSuccessJSONResponse: actionOK()}, nil
}

// MuteParticipantInSession implements muteParticipantInSession; read the
// state back with Server.Muted.
func (a *api) MuteParticipantInSession(_ context.Context, req genserver.MuteParticipantInSessionRequestObject) (genserver.MuteParticipantInSessionResponseObject, error) {
	if err := a.act(req.RoomSessionID, req.Body, a.setMuted(true)); err != nil {
		return nil, err
	}
	return genserver.MuteParticipantInSession200JSONResponse{ActionSuccessJSONResponse: actionOK()}, nil
}

// UnmuteParticipantInSession implements unmuteParticipantInSession.
func (a *api) UnmuteParticipantInSession(_ context.Context, req genserver.UnmuteParticipantInSessionRequestObject) (genserver.UnmuteParticipantInSessionResponseObject, error) {
	if err := a.act(req.RoomSessionID, req.Body, a.setMuted(false)); err != nil {
		return nil, err
	}
	return genserver.UnmuteParticipantInSession200JSONResponse{ActionSuccessJSONResponse: actionOK()}, nil
}

func (a *api) setMuted(muted bool) func(*gen.RoomParticipant, time.Time) {
	return func(p *gen.RoomParticipant, t time.Time) {
		if a.st.muted[p.ID] != muted {
			a.st.muted[p.ID] = muted
			p.UpdatedAt = t
		}
	}
}

// act applies do to the participants an ActionsParticipantsRequest selects:
// "all" or the listed ids, minus exclude, restricted to those still present.
// Without "participants" nobody is selected. A listed id that is not a
// participant of this session is a 422 naming it.
func (a *api) act(sessionID uuid.UUID, body *gen.ActionsParticipantsRequest, do func(*gen.RoomParticipant, time.Time)) error {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	s, err := a.st.session(sessionID)
	if err != nil {
		return err
	}
	chosen, err := a.st.selectParticipants(s.ID, body)
	if err != nil {
		return err
	}
	if len(chosen) == 0 {
		return nil
	}
	now := a.st.now()
	for _, p := range chosen {
		do(p, now)
	}
	s.UpdatedAt = now
	return nil
}

func (st *store) selectParticipants(sessionID uuid.UUID, body *gen.ActionsParticipantsRequest) ([]*gen.RoomParticipant, error) {
	if body == nil || body.Participants == nil {
		return nil, nil
	}
	excluded := map[uuid.UUID]bool{}
	for _, id := range body.Exclude {
		excluded[id] = true
	}
	var ids []uuid.UUID
	if all, err := body.Participants.AsActionsParticipantsRequestParticipants0(); err == nil && all == gen.All {
		for _, p := range st.participantsIn(sessionID) {
			ids = append(ids, p.ID)
		}
	} else {
		list, err := body.Participants.AsActionsParticipantsRequestParticipants1()
		if err != nil {
			return nil, errUnprocessable(codeBadRequest, "Invalid parameter",
				`participants must be "all" or a list of participant ids.`, "/participants")
		}
		for i, id := range list {
			if p, ok := st.participants[id]; !ok || p.SessionID != sessionID {
				return nil, errUnprocessable(codeBadRequest, "Invalid parameter",
					fmt.Sprintf("Participant %s is not a participant of room session %s.", id, sessionID),
					fmt.Sprintf("/participants/%d", i))
			}
		}
		ids = list
	}
	var out []*gen.RoomParticipant
	for _, id := range ids {
		if p := st.participants[id]; !excluded[id] && p.LeftAt.IsZero() {
			out = append(out, p)
		}
	}
	return out, nil
}

func actionOK() genserver.ActionSuccessJSONResponse {
	return genserver.ActionSuccessJSONResponse{Data: gen.ActionResult{Result: "ok"}}
}
