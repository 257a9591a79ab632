package roomstest

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
)

// participantQuery is what both participant lists (listRoomParticipants and
// nestedListRoomParticipants) can ask for: the nested list's parameters and
// the session, from the path or from filter[session_id].
type participantQuery struct {
	sessionID *uuid.UUID
	gen.NestedListRoomParticipantsParams
}

// participantPage answers a participant list.
func (st *store) participantPage(q participantQuery) ([]gen.RoomParticipant, gen.PaginationMeta) {
	index := st.participantOrder
	if q.sessionID != nil {
		index = st.sessionParticipants[*q.sessionID] // nil, so empty, for a session without participants
	}
	candidates := index.within(newDayRange(q.FilterDateJoinedAtEq, q.FilterDateJoinedAtGte, q.FilterDateJoinedAtLte))
	return pageOf(candidates, q.PageSize, q.PageNumber,
		dateFilter(q.FilterDateUpdatedAtEq, q.FilterDateUpdatedAtGte, q.FilterDateUpdatedAtLte, func(p *gen.RoomParticipant) time.Time { return p.UpdatedAt }),
		dateFilter(q.FilterDateLeftAtEq, q.FilterDateLeftAtGte, q.FilterDateLeftAtLte, func(p *gen.RoomParticipant) time.Time { return p.LeftAt }),
		equalFilter(q.FilterContext, func(p *gen.RoomParticipant) string { return p.Context }),
	)
}

// ListRoomParticipants implements listRoomParticipants (GET /room_participants).
func (a *api) ListRoomParticipants(_ context.Context, req genserver.ListRoomParticipantsRequestObject) (genserver.ListRoomParticipantsResponseObject, error) {
	p := req.Params
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	page, meta := a.st.participantPage(participantQuery{sessionID: p.FilterSessionID, NestedListRoomParticipantsParams: gen.NestedListRoomParticipantsParams{
		FilterDateJoinedAtEq:   p.FilterDateJoinedAtEq,
		FilterDateJoinedAtGte:  p.FilterDateJoinedAtGte,
		FilterDateJoinedAtLte:  p.FilterDateJoinedAtLte,
		FilterDateUpdatedAtEq:  p.FilterDateUpdatedAtEq,
		FilterDateUpdatedAtGte: p.FilterDateUpdatedAtGte,
		FilterDateUpdatedAtLte: p.FilterDateUpdatedAtLte,
		FilterDateLeftAtEq:     p.FilterDateLeftAtEq,
		FilterDateLeftAtGte:    p.FilterDateLeftAtGte,
		FilterDateLeftAtLte:    p.FilterDateLeftAtLte,
		FilterContext:          p.FilterContext,
		PageSize:               p.PageSize,
		PageNumber:             p.PageNumber,
	}})
	return genserver.ListRoomParticipants200JSONResponse{RoomParticipantsPageJSONResponse: genserver.RoomParticipantsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// NestedListRoomParticipants implements nestedListRoomParticipants
// (GET /room_sessions/{room_session_id}/participants).
func (a *api) NestedListRoomParticipants(_ context.Context, req genserver.NestedListRoomParticipantsRequestObject) (genserver.NestedListRoomParticipantsResponseObject, error) {
	p := req.Params
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	if _, err := a.st.session(req.RoomSessionID); err != nil {
		return nil, err
	}
	page, meta := a.st.participantPage(participantQuery{sessionID: &req.RoomSessionID, NestedListRoomParticipantsParams: p})
	return genserver.NestedListRoomParticipants200JSONResponse{RoomParticipantsPageJSONResponse: genserver.RoomParticipantsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// ViewRoomParticipant implements viewRoomParticipant (GET /room_participants/{room_participant_id}).
func (a *api) ViewRoomParticipant(_ context.Context, req genserver.ViewRoomParticipantRequestObject) (genserver.ViewRoomParticipantResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	p, err := a.st.participant(req.RoomParticipantID)
	if err != nil {
		return nil, err
	}
	return genserver.ViewRoomParticipant200JSONResponse{RoomParticipantDataJSONResponse: genserver.RoomParticipantDataJSONResponse{Data: *p}}, nil
}
