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

// Room defaults documented by the API.
const defaultMaxParticipants = 10

// api implements the 25 operations of the contract on a store.
type api struct{ st *store }

var _ genserver.StrictServerInterface = (*api)(nil)

// ListRooms implements listRooms (GET /rooms).
func (a *api) ListRooms(_ context.Context, req genserver.ListRoomsRequestObject) (genserver.ListRoomsResponseObject, error) {
	p := req.Params
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	created := newDayRange(p.FilterDateCreatedAtEq, p.FilterDateCreatedAtGte, p.FilterDateCreatedAtLte)
	candidates := a.st.roomOrder.within(created)
	if p.FilterUniqueName != nil && *p.FilterUniqueName != "" { // names are unique: at most one room
		candidates = nil
		if r, ok := a.st.roomNamed(*p.FilterUniqueName); ok && (!created.set || created.contains(r.CreatedAt)) {
			candidates = []*gen.Room{r}
		}
	}
	page, meta := pageOf(candidates, p.PageSize, p.PageNumber,
		dateFilter(p.FilterDateUpdatedAtEq, p.FilterDateUpdatedAtGte, p.FilterDateUpdatedAtLte, func(r *gen.Room) time.Time { return r.UpdatedAt }),
		equalFilter(p.FilterUniqueName, func(r *gen.Room) string { return r.UniqueName }),
	)
	if isTrue(p.IncludeSessions) {
		a.st.withSessions(page)
	}
	return genserver.ListRooms200JSONResponse{RoomsPageJSONResponse: genserver.RoomsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// CreateRoom implements createRoom (POST /rooms).
func (a *api) CreateRoom(ctx context.Context, req genserver.CreateRoomRequestObject) (genserver.CreateRoomResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	now := a.st.now()
	room := &gen.Room{
		ID:              uuid.New(),
		RecordType:      recordRoom,
		MaxParticipants: defaultMaxParticipants,
		CreatedAt:       now,
		UpdatedAt:       now,
	}
	if err := a.st.applyRoomParams(room, roomParams(*req.Body), bodyFields(ctx)); err != nil {
		return nil, err
	}
	a.st.addRoom(room)
	return genserver.CreateRoom201JSONResponse{RoomDataJSONResponse: genserver.RoomDataJSONResponse{Data: *room}}, nil
}

// ViewRoom implements viewRoom (GET /rooms/{room_id}).
func (a *api) ViewRoom(_ context.Context, req genserver.ViewRoomRequestObject) (genserver.ViewRoomResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	room, err := a.st.room(req.RoomID)
	if err != nil {
		return nil, err
	}
	out := []gen.Room{*room}
	if isTrue(req.Params.IncludeSessions) {
		a.st.withSessions(out)
	}
	return genserver.ViewRoom200JSONResponse{RoomDataJSONResponse: genserver.RoomDataJSONResponse{Data: out[0]}}, nil
}

// UpdateRoom implements updateRoom (PATCH /rooms/{room_id}). Only the
// fields present in the body change; webhook_timeout_secs: null clears the
// timeout and an empty webhook URL clears that URL.
func (a *api) UpdateRoom(ctx context.Context, req genserver.UpdateRoomRequestObject) (genserver.UpdateRoomResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	room, err := a.st.room(req.RoomID)
	if err != nil {
		return nil, err
	}
	updated := *room
	if err := a.st.applyRoomParams(&updated, roomParams(*req.Body), bodyFields(ctx)); err != nil {
		return nil, err
	}
	updated.UpdatedAt = a.st.now()
	a.st.updateRoom(room, updated)
	return genserver.UpdateRoom200JSONResponse{RoomDataJSONResponse: genserver.RoomDataJSONResponse{Data: updated}}, nil
}

// DeleteRoom implements deleteRoom (DELETE /rooms/{room_id}): the active
// session ends, everyone in it leaves, and the room is gone (404 from then
// on). Its past sessions stay listable under /room_sessions.
func (a *api) DeleteRoom(_ context.Context, req genserver.DeleteRoomRequestObject) (genserver.DeleteRoomResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	room, err := a.st.room(req.RoomID)
	if err != nil {
		return nil, err
	}
	if s, ok := a.st.sessions[room.ActiveSessionID]; ok {
		a.st.endSession(s, a.st.now(), webhook.EndedReasonRoomDeleted)
	}
	a.st.removeRoom(room)
	return genserver.DeleteRoom204Response{}, nil
}

// NestedListRoomSessions implements nestedListRoomSessions (GET /rooms/{room_id}/sessions).
func (a *api) NestedListRoomSessions(_ context.Context, req genserver.NestedListRoomSessionsRequestObject) (genserver.NestedListRoomSessionsResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	if _, err := a.st.room(req.RoomID); err != nil {
		return nil, err
	}
	page, meta := a.st.sessionPage(sessionQuery{roomID: &req.RoomID, NestedListRoomSessionsParams: req.Params})
	return genserver.NestedListRoomSessions200JSONResponse{RoomSessionsPageJSONResponse: genserver.RoomSessionsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// roomParams is the common shape of CreateRoomRequest and UpdateRoomRequest.
type roomParams gen.CreateRoomRequest

// applyRoomParams writes the fields of p into room. present holds the keys
// of the raw JSON body, so that an explicit null can be told from an
// absent field.
func (st *store) applyRoomParams(room *gen.Room, p roomParams, present map[string]bool) error {
	if p.UniqueName != nil && *p.UniqueName != room.UniqueName {
		if other, taken := st.roomNamed(*p.UniqueName); taken && other.ID != room.ID && *p.UniqueName != "" {
			return errUnprocessable(codeDuplicate, "Duplicate resource",
				fmt.Sprintf("A room with unique_name %q already exists.", *p.UniqueName), "/unique_name")
		}
		room.UniqueName = *p.UniqueName
	}
	if p.MaxParticipants != nil {
		room.MaxParticipants = *p.MaxParticipants
	}
	if p.EnableRecording != nil {
		room.EnableRecording = *p.EnableRecording
	}
	if p.WebhookEventURL != nil {
		room.WebhookEventURL = *p.WebhookEventURL
	}
	if p.WebhookEventFailoverURL != nil {
		room.WebhookEventFailoverURL = *p.WebhookEventFailoverURL
	}
	switch {
	case p.WebhookTimeoutSecs != nil:
		v := *p.WebhookTimeoutSecs
		room.WebhookTimeoutSecs = &v
	case present["webhook_timeout_secs"]: // sent as null
		room.WebhookTimeoutSecs = nil
	}
	return nil
}

func isTrue(b *bool) bool { return b != nil && *b }
