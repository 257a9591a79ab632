package roomstest

import (
	"context"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// participantQuery is what both participant lists (listRoomParticipants and
// nestedListRoomParticipants) can ask for.
type participantQuery struct {
	sessionID                         *uuid.UUID
	joinedEq, joinedGte, joinedLte    *openapi_types.Date
	updatedEq, updatedGte, updatedLte *openapi_types.Date
	leftEq, leftGte, leftLte          *openapi_types.Date
	context                           *string
	pageSize, pageNumber              *int32
}

// participantPage answers a participant list.
func (st *store) participantPage(q participantQuery) ([]gen.RoomParticipant, gen.PaginationMeta) {
	participants := filter(st.participantList(),
		equalFilter(q.sessionID, participantSession),
		dateFilter(q.joinedEq, q.joinedGte, q.joinedLte, func(p gen.RoomParticipant) time.Time { return p.JoinedAt }),
		dateFilter(q.updatedEq, q.updatedGte, q.updatedLte, func(p gen.RoomParticipant) time.Time { return p.UpdatedAt }),
		dateFilter(q.leftEq, q.leftGte, q.leftLte, func(p gen.RoomParticipant) time.Time { return p.LeftAt }),
		equalFilter(q.context, func(p gen.RoomParticipant) string { return p.Context }),
	)
	return paginate(participants, q.pageSize, q.pageNumber)
}

// ListRoomParticipants implements listRoomParticipants (GET /room_participants).
func (a *api) ListRoomParticipants(_ context.Context, req gen.ListRoomParticipantsRequestObject) (gen.ListRoomParticipantsResponseObject, error) {
	p := req.Params
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	page, meta := a.st.participantPage(participantQuery{
		sessionID:  p.FilterSessionId,
		joinedEq:   p.FilterDateJoinedAtEq,
		joinedGte:  p.FilterDateJoinedAtGte,
		joinedLte:  p.FilterDateJoinedAtLte,
		updatedEq:  p.FilterDateUpdatedAtEq,
		updatedGte: p.FilterDateUpdatedAtGte,
		updatedLte: p.FilterDateUpdatedAtLte,
		leftEq:     p.FilterDateLeftAtEq,
		leftGte:    p.FilterDateLeftAtGte,
		leftLte:    p.FilterDateLeftAtLte,
		context:    p.FilterContext,
		pageSize:   p.PageSize,
		pageNumber: p.PageNumber,
	})
	return gen.ListRoomParticipants200JSONResponse{RoomParticipantsPageJSONResponse: gen.RoomParticipantsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// NestedListRoomParticipants implements nestedListRoomParticipants
// (GET /room_sessions/{room_session_id}/participants).
func (a *api) NestedListRoomParticipants(_ context.Context, req gen.NestedListRoomParticipantsRequestObject) (gen.NestedListRoomParticipantsResponseObject, error) {
	p := req.Params
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	if _, ok := a.st.sessions[req.RoomSessionId]; !ok {
		return nil, errNotFound("room_session_id", "room session", req.RoomSessionId)
	}
	page, meta := a.st.participantPage(participantQuery{
		sessionID:  &req.RoomSessionId,
		joinedEq:   p.FilterDateJoinedAtEq,
		joinedGte:  p.FilterDateJoinedAtGte,
		joinedLte:  p.FilterDateJoinedAtLte,
		updatedEq:  p.FilterDateUpdatedAtEq,
		updatedGte: p.FilterDateUpdatedAtGte,
		updatedLte: p.FilterDateUpdatedAtLte,
		leftEq:     p.FilterDateLeftAtEq,
		leftGte:    p.FilterDateLeftAtGte,
		leftLte:    p.FilterDateLeftAtLte,
		context:    p.FilterContext,
		pageSize:   p.PageSize,
		pageNumber: p.PageNumber,
	})
	return gen.NestedListRoomParticipants200JSONResponse{RoomParticipantsPageJSONResponse: gen.RoomParticipantsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// ViewRoomParticipant implements viewRoomParticipant (GET /room_participants/{room_participant_id}).
func (a *api) ViewRoomParticipant(_ context.Context, req gen.ViewRoomParticipantRequestObject) (gen.ViewRoomParticipantResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	p, ok := a.st.participants[req.RoomParticipantId]
	if !ok {
		return nil, errNotFound("room_participant_id", "room participant", req.RoomParticipantId)
	}
	return gen.ViewRoomParticipant200JSONResponse{RoomParticipantDataJSONResponse: gen.RoomParticipantDataJSONResponse{Data: *p}}, nil
}
