package rooms

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	recordingID   = "6b61621f-62e0-4aad-ab11-9fd19e272e73"
	compositionID = "7103dc53-ee59-4b54-a58b-c77d99ceb037"
)

func recordingJSON(id string) string {
	return fmt.Sprintf(`{"id":%q,"room_id":%q,"session_id":%q,"participant_id":%q,"type":"audio","status":"completed",`+
		`"codec":"opus","duration_secs":3660,"size_mb":5.6,"download_url":"https://media.example.com/r.mka",`+
		`"started_at":"2021-04-16T09:24:55.9622Z","ended_at":"2021-04-16T10:24:55.9622Z","completed_at":"2021-04-16T10:25:55.9622Z",`+
		`"created_at":"2021-04-16T09:24:55.9622Z","updated_at":"2021-04-16T10:25:55.9622Z","record_type":"room_session"}`,
		id, roomID, sessionID, partID)
}

func compositionJSON(id string) string {
	return fmt.Sprintf(`{"id":%q,"room_id":%q,"session_id":%q,"user_id":%q,"status":"enqueued","format":"mp4",`+
		`"resolution":"800x600","video_layout":{"first":{"height":600,"width":400,"video_sources":["*"],"x_pos":0,"y_pos":0,"z_pos":1}},`+
		`"duration_secs":84,"size_mb":6,"download_url":null,"started_at":"2022-02-24T23:21:00.077209Z","ended_at":null,`+
		`"completed_at":null,"created_at":"2022-02-24T23:30:00Z","updated_at":"2022-02-24T23:30:00Z",`+
		`"webhook_event_url":"https://example.com/c","webhook_event_failover_url":"","webhook_timeout_secs":null,"record_type":"composition"}`,
		id, roomID, sessionID, partID2)
}

// mediaOpCases are the opCases of the recordings and compositions operations.
func mediaOpCases() []opCase {
	checkRecording := func(t *testing.T, got any) {
		r := got.(*Recording)
		assert.Equal(t, Recording{
			ID: recordingID, RoomID: roomID, SessionID: sessionID, ParticipantID: partID,
			Type: RecordingAudio, Status: RecordingCompleted, Codec: "opus", DurationSecs: 3660, SizeMB: 5.6,
			DownloadURL: "https://media.example.com/r.mka",
			StartedAt:   time.Date(2021, 4, 16, 9, 24, 55, 962200000, time.UTC), EndedAt: time.Date(2021, 4, 16, 10, 24, 55, 962200000, time.UTC),
			CompletedAt: time.Date(2021, 4, 16, 10, 25, 55, 962200000, time.UTC), CreatedAt: time.Date(2021, 4, 16, 9, 24, 55, 962200000, time.UTC),
			UpdatedAt: time.Date(2021, 4, 16, 10, 25, 55, 962200000, time.UTC), RecordType: "room_session",
		}, *r)
	}
	checkComposition := func(t *testing.T, got any) {
		c := got.(*Composition)
		assert.Equal(t, compositionID, c.ID)
		assert.Equal(t, partID2, c.UserID)
		assert.Equal(t, CompositionEnqueued, c.Status)
		assert.Equal(t, FormatMP4, c.Format)
		assert.Equal(t, map[string]VideoRegion{"first": {Height: 600, Width: 400, VideoSources: []string{AllVideoSources}, ZPos: 1}}, c.VideoLayout)
		assert.InDelta(t, 6.0, c.SizeMB, 0)
		assert.Empty(t, c.DownloadURL)
		assert.True(t, c.EndedAt.IsZero())
		assert.Nil(t, c.WebhookTimeoutSecs)
		res, err := ParseResolution(c.Resolution)
		require.NoError(t, err)
		assert.Equal(t, Resolution{Width: 800, Height: 600}, res)
	}
	recordingFilters := merge(dateFilterQuery("started"), dateFilterQuery("ended"), url.Values{
		"filter[room_id]": {roomID}, "filter[session_id]": {sessionID}, "filter[participant_id]": {partID},
		"filter[status]": {"completed"}, "filter[type]": {"video"}, "filter[duration_secs]": {"20"},
	})
	allFilters := RecordingFilter{StartedAt: dates, EndedAt: dates, RoomID: roomID, SessionID: sessionID, ParticipantID: partID,
		Status: RecordingCompleted, Type: RecordingVideo, MinDurationSecs: 20}
	return []opCase{
		{
			name: "listRoomRecordings all filters", method: "GET", path: "/room_recordings",
			query:  merge(recordingFilters, url.Values{"page[number]": {"2"}, "page[size]": {"1"}}),
			status: 200, response: pageJSON([]string{recordingJSON(recordingID)}, 2, 1, 3, 3),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Recordings.List(ctx, &ListRecordingsParams{RecordingFilter: allFilters, ListOptions: ListOptions{PageNumber: 2, PageSize: 1}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*Page[Recording])
				require.Len(t, p.Items, 1)
				checkRecording(t, &p.Items[0])
				assert.True(t, p.HasNext())
			},
		},
		{
			name: "listRoomRecordings nil params", method: "GET", path: "/room_recordings", status: 200, response: pageJSON(nil, 1, 20, 0, 0),
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Recordings.List(ctx, nil) },
			check: func(t *testing.T, got any) { assert.Empty(t, got.(*Page[Recording]).Items) },
		},
		{
			name: "viewRoomRecording", method: "GET", path: "/room_recordings/" + recordingID,
			status: 200, response: `{"data":` + recordingJSON(recordingID) + `}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Recordings.Get(ctx, recordingID) },
			check: checkRecording,
		},
		{
			name: "deleteRoomRecording", method: "DELETE", path: "/room_recordings/" + recordingID, status: 204, wantEmpty: true,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.Recordings.Delete(ctx, recordingID) },
		},
		{
			name: "deleteRoomRecordings all filters and paging", method: "DELETE", path: "/room_recordings",
			query:  merge(recordingFilters, url.Values{"page[number]": {"1"}, "page[size]": {"5"}}),
			status: 201, response: `{"data":{"room_recordings":5}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				n, err := c.Recordings.DeleteBulk(ctx, &DeleteRecordingsParams{RecordingFilter: allFilters, ListOptions: ListOptions{PageNumber: 1, PageSize: 5}})
				return n, err
			},
			check: func(t *testing.T, got any) { assert.Equal(t, 5, got) },
		},
		{
			name: "deleteRoomRecordings all of them", method: "DELETE", path: "/room_recordings",
			status: 201, response: `{"data":{"room_recordings":0}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				n, err := c.Recordings.DeleteBulk(ctx, &DeleteRecordingsParams{AllRecordings: true})
				return n, err
			},
			check: func(t *testing.T, got any) { assert.Equal(t, 0, got) },
		},
		{
			name: "listRoomCompositions all filters", method: "GET", path: "/room_compositions",
			query: merge(dateFilterQuery("created"), url.Values{
				"filter[session_id]": {sessionID}, "filter[status]": {"enqueued"}, "page[size]": {"250"}, "page[number]": {"1"},
			}),
			status: 200, response: pageJSON([]string{compositionJSON(compositionID)}, 1, 250, 1, 1),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Compositions.List(ctx, &ListCompositionsParams{CreatedAt: dates, SessionID: sessionID, Status: CompositionEnqueued,
					ListOptions: ListOptions{PageNumber: 1, PageSize: 250}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*Page[Composition])
				require.Len(t, p.Items, 1)
				checkComposition(t, &p.Items[0])
			},
		},
		{
			name: "createRoomComposition every field", method: "POST", path: "/room_compositions",
			body: `{"session_id":"` + sessionID + `","format":"mp4","resolution":"800x600",` +
				`"video_layout":{"main":{"height":600,"width":400,"max_columns":2,"max_rows":1000,"video_sources":["` + recordingID + `"],"x_pos":-5,"y_pos":7,"z_pos":-99},` +
				`"corner":{"video_sources":["*"],"z_pos":99}},` +
				`"webhook_event_url":"https://example.com/c","webhook_event_failover_url":"https://failover.example.com/c","webhook_timeout_secs":0}`,
			status: 202, response: `{"data":` + compositionJSON(compositionID) + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Compositions.Create(ctx, &CompositionParams{
					SessionID: sessionID, Format: FormatMP4, Resolution: Resolution{Width: 800, Height: 600},
					VideoLayout: map[string]VideoRegion{
						"main":   {Height: 600, Width: 400, MaxColumns: 2, MaxRows: 1000, VideoSources: []string{recordingID}, XPos: -5, YPos: 7, ZPos: -99},
						"corner": {VideoSources: []string{AllVideoSources}, ZPos: 99},
					},
					WebhookEventURL: "https://example.com/c", WebhookEventFailoverURL: "https://failover.example.com/c", WebhookTimeoutSecs: Ptr(0),
				})
			},
			check: checkComposition,
		},
		{
			name: "createRoomComposition session only", method: "POST", path: "/room_compositions",
			body:   `{"session_id":"` + sessionID + `"}`,
			status: 202, response: `{"data":` + compositionJSON(compositionID) + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Compositions.Create(ctx, &CompositionParams{SessionID: sessionID})
			},
			check: checkComposition,
		},
		{
			name: "viewRoomComposition", method: "GET", path: "/room_compositions/" + compositionID,
			status: 200, response: `{"data":` + compositionJSON(compositionID) + `}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Compositions.Get(ctx, compositionID) },
			check: checkComposition,
		},
		{
			name: "deleteRoomComposition", method: "DELETE", path: "/room_compositions/" + compositionID, status: 204, wantEmpty: true,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Compositions.Delete(ctx, compositionID)
			},
		},
	}
}
