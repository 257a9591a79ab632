package rooms

import (
	"context"
	"errors"
	"iter"
	"net/http"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func recordingKey(r *Recording) string { return r.ID }

// lister validates p once and returns the page fetcher of GET /room_recordings.
func (s *RecordingsService) lister(p *ListRecordingsParams) *lister[Recording] {
	q, start, err := p.query()
	server := s.client.server
	return &lister[Recording]{c: s.client, err: err, start: start, size: pageSizeOf(q.PageSize), key: recordingKey,
		build: func(n *int32) (*http.Request, error) {
			q := q
			q.PageNumber = n
			return gen.NewListRoomRecordingsRequest(server, &q)
		}}
}

// List returns one page of the account's room recordings, filtered by p
// (nil: no filter).
//
// Operation: GET /room_recordings (listRoomRecordings).
// API docs: https://developers.telnyx.com/api/video/list-room-recordings
func (s *RecordingsService) List(ctx context.Context, p *ListRecordingsParams) (*Page[Recording], error) {
	return s.lister(p).first(ctx)
}

// ListIter walks every room recording matching p.
//
// Operation: GET /room_recordings (listRoomRecordings).
// API docs: https://developers.telnyx.com/api/video/list-room-recordings
func (s *RecordingsService) ListIter(ctx context.Context, p *ListRecordingsParams, opts ...IterOption) iter.Seq2[Recording, error] {
	return s.lister(p).all(ctx, opts)
}

// Get returns the room recording with id recordingID. Its DownloadURL is
// set once it is RecordingCompleted.
//
// Operation: GET /room_recordings/{room_recording_id} (viewRoomRecording).
// API docs: https://developers.telnyx.com/api/video/view-room-recording
func (s *RecordingsService) Get(ctx context.Context, recordingID string) (*Recording, error) {
	id, err := parseID("room_recording_id", recordingID)
	if err != nil {
		return nil, err
	}
	req, err := s.client.routes().viewRecording.request(ctx, id, nil)
	return one[Recording](ctx, s.client, retryAll, req, err)
}

// Delete deletes the room recording and its media. When a retry follows a
// failure that may have reached the API, the retry can answer 404 although
// an earlier attempt deleted it (APIError.Attempts > 1).
//
// Operation: DELETE /room_recordings/{room_recording_id} (deleteRoomRecording).
// API docs: https://developers.telnyx.com/api/video/delete-room-recording
func (s *RecordingsService) Delete(ctx context.Context, recordingID string) error {
	id, err := parseID("room_recording_id", recordingID)
	if err != nil {
		return err
	}
	req, err := s.client.routes().deleteRecording.request(ctx, id, nil)
	if err != nil {
		return err
	}
	return s.client.do(ctx, req, retryAll, nil)
}

// DeleteBulk deletes every room recording p's filter matches and returns
// how many the API deleted. A p that sets no filter (or nil) is refused
// with a *ValidationError before anything is sent, since it would delete
// every recording of the account; set p.AllRecordings to mean exactly that.
// p's ListOptions, when set, limit the deletion to that page of the
// matches, as the list with the same parameters would return it.
//
// Like Create, it is retried only on 429 or when the connection could not
// even be opened: once the request may have reached the API a retry could
// delete recordings that began to match since, and would report only what
// it deleted itself, so the failure is returned instead (see the package
// documentation, "Retries").
//
// Operation: DELETE /room_recordings (deleteRoomRecordings).
// API docs: https://developers.telnyx.com/api/video/delete-room-recordings
func (s *RecordingsService) DeleteBulk(ctx context.Context, p *DeleteRecordingsParams) (int, error) {
	q, err := p.query()
	if err != nil {
		return 0, err
	}
	req, err := gen.NewDeleteRoomRecordingsRequest(s.client.server, &q)
	res, err := one[bulkDeleted](ctx, s.client, retryCreate, req, err)
	if err != nil {
		return 0, err
	}
	return *res.RoomRecordings, nil
}

// bulkDeleted is the data of a bulk delete answer.
type bulkDeleted struct {
	RoomRecordings *int `json:"room_recordings"`
}

func (b *bulkDeleted) checkIDs() error {
	switch {
	case b.RoomRecordings == nil:
		return errors.New(`room_recordings is missing: the count of deleted recordings`)
	case *b.RoomRecordings < 0:
		return errors.New(`room_recordings is negative`)
	}
	return nil
}
