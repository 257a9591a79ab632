package rooms

import (
	"context"
	"iter"
	"net/http"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func participantKey(p *Participant) string { return p.ID }

// lister validates p once and returns the page fetcher of GET /room_participants.
func (s *ParticipantsService) lister(p *ListParticipantsParams) *lister[Participant] {
	q, start, err := p.query()
	server := s.client.server
	return &lister[Participant]{c: s.client, err: err, start: start, size: pageSizeOf(q.PageSize), key: participantKey,
		build: func(n *int32) (*http.Request, error) {
			q := q
			q.PageNumber = n
			return gen.NewListRoomParticipantsRequest(server, &q)
		}}
}

// List returns one page of room participants, filtered by p (nil: no filter).
//
// Operation: GET /room_participants (listRoomParticipants).
// API docs: https://developers.telnyx.com/api/video/list-room-participants
func (s *ParticipantsService) List(ctx context.Context, p *ListParticipantsParams) (*Page[Participant], error) {
	return s.lister(p).first(ctx)
}

// ListIter walks every room participant matching p.
//
// Operation: GET /room_participants (listRoomParticipants).
// API docs: https://developers.telnyx.com/api/video/list-room-participants
func (s *ParticipantsService) ListIter(ctx context.Context, p *ListParticipantsParams, opts ...IterOption) iter.Seq2[Participant, error] {
	return s.lister(p).all(ctx, opts)
}

// Get returns the room participant with id participantID.
//
// Operation: GET /room_participants/{room_participant_id} (viewRoomParticipant).
// API docs: https://developers.telnyx.com/api/video/view-room-participant
func (s *ParticipantsService) Get(ctx context.Context, participantID string) (*Participant, error) {
	id, err := parseID("room_participant_id", participantID)
	if err != nil {
		return nil, err
	}
	req, err := s.client.routes().viewParticipant.request(ctx, id, nil)
	return one[Participant](ctx, s.client, retryAll, req, err)
}
