package rooms

import (
	"context"
	"iter"
	"net/http"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func roomKey(r *Room) string { return r.ID }

// lister validates p once and returns the page fetcher of GET /rooms.
func (s *RoomsService) lister(p *ListRoomsParams) *lister[Room] {
	q, start, err := p.query()
	server := s.client.server
	return &lister[Room]{c: s.client, err: err, start: start, size: pageSizeOf(q.PageSize), key: roomKey,
		build: func(n *int32) (*http.Request, error) {
			q := q
			q.PageNumber = n
			return gen.NewListRoomsRequest(server, &q)
		}}
}

// List returns one page of rooms, filtered by p (nil: no filter).
//
// Operation: GET /rooms (listRooms).
// API docs: https://developers.telnyx.com/api/video/list-rooms
func (s *RoomsService) List(ctx context.Context, p *ListRoomsParams) (*Page[Room], error) {
	return s.lister(p).first(ctx)
}

// ListIter walks every room matching p, page after page, from p.PageNumber.
// Stop early with break; see WithPrefetch to fetch pages ahead.
//
// Operation: GET /rooms (listRooms).
// API docs: https://developers.telnyx.com/api/video/list-rooms
func (s *RoomsService) ListIter(ctx context.Context, p *ListRoomsParams, opts ...IterOption) iter.Seq2[Room, error] {
	return s.lister(p).all(ctx, opts)
}

// Create creates a room. POST /rooms is not idempotent, so it is retried only
// on 429 or when the connection could not even be opened: a failure after
// the request may have reached the API is returned, never retried, so that a
// room is never created twice.
//
// Operation: POST /rooms (createRoom).
// API docs: https://developers.telnyx.com/api/video/create-room
func (s *RoomsService) Create(ctx context.Context, p *RoomParams) (*Room, error) {
	body, err := p.roomRequest()
	if err != nil {
		return nil, err
	}
	req, err := s.client.routes().createRoom.request(ctx, uuid.UUID{}, body) // no path parameter
	return one[Room](ctx, s.client, retryCreate, req, err)
}

// Get returns the room with id roomID.
//
// Operation: GET /rooms/{room_id} (viewRoom).
// API docs: https://developers.telnyx.com/api/video/view-room
func (s *RoomsService) Get(ctx context.Context, roomID string, p *GetRoomParams) (*Room, error) {
	id, err := parseID("room_id", roomID)
	if err != nil {
		return nil, err
	}
	r := &s.client.routes().viewRoom
	if p != nil && p.IncludeSessions {
		r = &s.client.routes().viewRoomWithSessions
	}
	req, err := r.request(ctx, id, nil)
	return one[Room](ctx, s.client, retryAll, req, err)
}

// Update changes the fields of the room that p sets and returns the room.
//
// Operation: PATCH /rooms/{room_id} (updateRoom).
// API docs: https://developers.telnyx.com/api/video/update-room
func (s *RoomsService) Update(ctx context.Context, roomID string, p *RoomParams) (*Room, error) {
	id, err := parseID("room_id", roomID)
	if err != nil {
		return nil, err
	}
	body, err := p.roomRequest()
	if err != nil {
		return nil, err
	}
	req, err := s.client.routes().updateRoom.request(ctx, id, body)
	return one[Room](ctx, s.client, retryAll, req, err)
}

// Delete deletes the room; its participants are kicked out. When a retry
// follows a failure that may have reached the API, the retry can answer 404
// although an earlier attempt deleted the room (APIError.Attempts > 1).
//
// Operation: DELETE /rooms/{room_id} (deleteRoom).
// API docs: https://developers.telnyx.com/api/video/delete-room
func (s *RoomsService) Delete(ctx context.Context, roomID string) error {
	id, err := parseID("room_id", roomID)
	if err != nil {
		return err
	}
	req, err := s.client.routes().deleteRoom.request(ctx, id, nil)
	if err != nil {
		return err
	}
	return s.client.do(ctx, req, retryAll, nil)
}

// sessionsLister validates the arguments once and returns the page fetcher
// of GET /rooms/{room_id}/sessions.
func (s *RoomsService) sessionsLister(roomID string, p *ListSessionsParams) *lister[Session] {
	l := &lister[Session]{c: s.client, key: sessionKey}
	id, err := parseID("room_id", roomID)
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
		return gen.NewNestedListRoomSessionsRequest(server, id, &q)
	}
	return l
}

// ListSessions returns one page of the sessions of the room roomID.
//
// Operation: GET /rooms/{room_id}/sessions (nestedListRoomSessions).
// API docs: https://developers.telnyx.com/api/video/list-room-sessions
func (s *RoomsService) ListSessions(ctx context.Context, roomID string, p *ListSessionsParams) (*Page[Session], error) {
	return s.sessionsLister(roomID, p).first(ctx)
}

// ListSessionsIter walks every session of the room roomID matching p.
//
// Operation: GET /rooms/{room_id}/sessions (nestedListRoomSessions).
// API docs: https://developers.telnyx.com/api/video/list-room-sessions
func (s *RoomsService) ListSessionsIter(ctx context.Context, roomID string, p *ListSessionsParams, opts ...IterOption) iter.Seq2[Session, error] {
	return s.sessionsLister(roomID, p).all(ctx, opts)
}
