package roomstest

import (
	"context"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
)

// recordingPredicates are the filters a recording list or bulk delete sets
// (D15, D18).
func recordingPredicates(q gen.ListRoomRecordingsParams) []predicate[*gen.RoomRecording] {
	return []predicate[*gen.RoomRecording]{
		dateFilter(q.FilterDateEndedAtEq, q.FilterDateEndedAtGte, q.FilterDateEndedAtLte, func(r *gen.RoomRecording) time.Time { return r.EndedAt }),
		dateFilter(q.FilterDateStartedAtEq, q.FilterDateStartedAtGte, q.FilterDateStartedAtLte, func(r *gen.RoomRecording) time.Time { return r.StartedAt }),
		equalFilter(q.FilterRoomID, func(r *gen.RoomRecording) openapi_types.UUID { return r.RoomID }),
		equalFilter(q.FilterParticipantID, func(r *gen.RoomRecording) openapi_types.UUID { return r.ParticipantID }),
		equalFilter(q.FilterSessionID, func(r *gen.RoomRecording) openapi_types.UUID { return r.SessionID }),
		equalFilter(q.FilterStatus, func(r *gen.RoomRecording) gen.ListRoomRecordingsParamsFilterStatus {
			return gen.ListRoomRecordingsParamsFilterStatus(r.Status)
		}),
		equalFilter(q.FilterType, func(r *gen.RoomRecording) gen.ListRoomRecordingsParamsFilterType {
			return gen.ListRoomRecordingsParamsFilterType(r.Type)
		}),
		atLeastFilter(q.FilterDurationSecs, func(r *gen.RoomRecording) int32 { return r.DurationSecs }),
	}
}

// listParams are the bulk delete's parameters as the list's: the same
// filters and paging (D15).
func listParams(p gen.DeleteRoomRecordingsParams) gen.ListRoomRecordingsParams {
	return gen.ListRoomRecordingsParams{
		FilterDateEndedAtEq:    p.FilterDateEndedAtEq,
		FilterDateEndedAtGte:   p.FilterDateEndedAtGte,
		FilterDateEndedAtLte:   p.FilterDateEndedAtLte,
		FilterDateStartedAtEq:  p.FilterDateStartedAtEq,
		FilterDateStartedAtGte: p.FilterDateStartedAtGte,
		FilterDateStartedAtLte: p.FilterDateStartedAtLte,
		FilterRoomID:           p.FilterRoomID,
		FilterParticipantID:    p.FilterParticipantID,
		FilterSessionID:        p.FilterSessionID,
		FilterStatus:           (*gen.ListRoomRecordingsParamsFilterStatus)(p.FilterStatus),
		FilterType:             (*gen.ListRoomRecordingsParamsFilterType)(p.FilterType),
		FilterDurationSecs:     p.FilterDurationSecs,
		PageSize:               p.PageSize,
		PageNumber:             p.PageNumber,
	}
}

// atLeastFilter implements a "greater or equal" filter such as
// filter[duration_secs].
func atLeastFilter[T any](least *int32, field func(T) int32) predicate[T] {
	if least == nil {
		return nil
	}
	return func(it T) bool { return field(it) >= *least }
}

// ListRoomRecordings implements listRoomRecordings (GET /room_recordings).
func (a *api) ListRoomRecordings(ctx context.Context, req genserver.ListRoomRecordingsRequestObject) (genserver.ListRoomRecordingsResponseObject, error) {
	q := req.Params
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	a.st.settleAndNotify()
	page, meta := pageOf(a.st.rec.order.all(), q.PageSize, q.PageNumber, recordingPredicates(q)...)
	for i := range page {
		page[i] = outRecording(ctx, page[i])
	}
	return genserver.ListRoomRecordings200JSONResponse{RoomRecordingsPageJSONResponse: genserver.RoomRecordingsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// DeleteRoomRecordings implements deleteRoomRecordings (DELETE
// /room_recordings): it deletes every recording the filters match, or only
// the page of them that page[size] and page[number] select when either is
// given (D15), and answers how many.
func (a *api) DeleteRoomRecordings(_ context.Context, req genserver.DeleteRoomRecordingsRequestObject) (genserver.DeleteRoomRecordingsResponseObject, error) {
	q := listParams(req.Params)
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	a.st.settleAndNotify()
	preds := active(recordingPredicates(q))
	var matches []*gen.RoomRecording
	for _, r := range a.st.rec.order.all() {
		if keeps(preds, r) {
			matches = append(matches, r)
		}
	}
	if q.PageSize != nil || q.PageNumber != nil {
		matches = pageWindow(matches, q.PageSize, q.PageNumber)
	}
	for _, r := range matches {
		a.st.removeRecording(r)
	}
	return genserver.DeleteRoomRecordings201JSONResponse{RoomRecordingsBulkDeletedJSONResponse: genserver.RoomRecordingsBulkDeletedJSONResponse{
		Data: gen.BulkDeleteResult{RoomRecordings: int32(len(matches))},
	}}, nil
}

// pageWindow is the items of one page, as pageOf numbers pages.
func pageWindow[T any](items []T, size, number *int32) []T {
	pageSize, pageNumber := pageBounds(size, number)
	n := int64(len(items))
	start := min((pageNumber-1)*pageSize, n)
	return items[start:min(start+pageSize, n)]
}

// ViewRoomRecording implements viewRoomRecording (GET /room_recordings/{room_recording_id}).
func (a *api) ViewRoomRecording(ctx context.Context, req genserver.ViewRoomRecordingRequestObject) (genserver.ViewRoomRecordingResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	a.st.settleAndNotify()
	r, err := a.st.recording(req.RoomRecordingID)
	if err != nil {
		return nil, err
	}
	return genserver.ViewRoomRecording200JSONResponse{RoomRecordingDataJSONResponse: genserver.RoomRecordingDataJSONResponse{Data: outRecording(ctx, *r)}}, nil
}

// DeleteRoomRecording implements deleteRoomRecording (DELETE
// /room_recordings/{room_recording_id}); the media goes with it.
func (a *api) DeleteRoomRecording(_ context.Context, req genserver.DeleteRoomRecordingRequestObject) (genserver.DeleteRoomRecordingResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	a.st.settleAndNotify()
	r, err := a.st.recording(req.RoomRecordingID)
	if err != nil {
		return nil, err
	}
	a.st.removeRecording(r)
	return genserver.DeleteRoomRecording204Response{}, nil
}

// outRecording is a recording as the request's client sees it: its
// download_url an absolute URL of the fake (D21).
func outRecording(ctx context.Context, r gen.RoomRecording) gen.RoomRecording {
	r.DownloadURL = absolute(ctx, r.DownloadURL)
	return r
}
