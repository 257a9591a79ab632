package rooms

import (
	"context"
	"iter"
	"net/http"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func compositionKey(c *Composition) string { return c.ID }

// lister validates p once and returns the page fetcher of GET /room_compositions.
func (s *CompositionsService) lister(p *ListCompositionsParams) *lister[Composition] {
	q, start, err := p.query()
	server := s.client.server
	return &lister[Composition]{c: s.client, err: err, start: start, size: pageSizeOf(q.PageSize), key: compositionKey,
		build: func(n *int32) (*http.Request, error) {
			q := q
			q.PageNumber = n
			return gen.NewListRoomCompositionsRequest(server, &q)
		}}
}

// List returns one page of the account's room compositions, filtered by p
// (nil: no filter).
//
// Operation: GET /room_compositions (listRoomCompositions).
// API docs: https://developers.telnyx.com/api/video/list-room-compositions
func (s *CompositionsService) List(ctx context.Context, p *ListCompositionsParams) (*Page[Composition], error) {
	return s.lister(p).first(ctx)
}

// ListIter walks every room composition matching p.
//
// Operation: GET /room_compositions (listRoomCompositions).
// API docs: https://developers.telnyx.com/api/video/list-room-compositions
func (s *CompositionsService) ListIter(ctx context.Context, p *ListCompositionsParams, opts ...IterOption) iter.Seq2[Composition, error] {
	return s.lister(p).all(ctx, opts)
}

// Create asks the API to compose the recordings of an ended room session
// into one video, and returns the composition, CompositionEnqueued: read it
// again with Get (or wait for the video.room.composition.completed
// webhook) until it is CompositionCompleted. p.SessionID is required.
//
// POST /room_compositions is not idempotent, so it is retried only on 429
// or when the connection could not even be opened: a failure after the
// request may have reached the API is returned, never retried, so that a
// session is never composed twice.
//
// Operation: POST /room_compositions (createRoomComposition).
// API docs: https://developers.telnyx.com/api/video/create-room-composition
func (s *CompositionsService) Create(ctx context.Context, p *CompositionParams) (*Composition, error) {
	body, err := p.body()
	if err != nil {
		return nil, err
	}
	req, err := s.client.routes().createComposition.requestJSON(ctx, uuid.UUID{}, body) // no path parameter
	return one[Composition](ctx, s.client, retryCreate, req, err)
}

// Get returns the room composition with id compositionID.
//
// Operation: GET /room_compositions/{room_composition_id} (viewRoomComposition).
// API docs: https://developers.telnyx.com/api/video/view-room-composition
func (s *CompositionsService) Get(ctx context.Context, compositionID string) (*Composition, error) {
	id, err := parseID("room_composition_id", compositionID)
	if err != nil {
		return nil, err
	}
	req, err := s.client.routes().viewComposition.request(ctx, id, nil)
	return one[Composition](ctx, s.client, retryAll, req, err)
}

// Delete deletes the room composition and its video. When a retry follows
// a failure that may have reached the API, the retry can answer 404
// although an earlier attempt deleted it (APIError.Attempts > 1).
//
// Operation: DELETE /room_compositions/{room_composition_id} (deleteRoomComposition).
// API docs: https://developers.telnyx.com/api/video/delete-room-composition
func (s *CompositionsService) Delete(ctx context.Context, compositionID string) error {
	id, err := parseID("room_composition_id", compositionID)
	if err != nil {
		return err
	}
	req, err := s.client.routes().deleteComposition.request(ctx, id, nil)
	if err != nil {
		return err
	}
	return s.client.do(ctx, req, retryAll, nil)
}
