package rooms

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMediaValidation checks every contract rule of the recordings and
// compositions operations: each bad value gives a *ValidationError naming
// the API field, and nothing is sent.
func TestMediaValidation(t *testing.T) {
	t.Parallel()
	type call func(context.Context, *Client) error
	ret := func(_ any, err error) error { return err }
	list := func(p *ListRecordingsParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Recordings.List(ctx, p)) }
	}
	bulk := func(p *DeleteRecordingsParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Recordings.DeleteBulk(ctx, p)) }
	}
	compositions := func(p *ListCompositionsParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Compositions.List(ctx, p)) }
	}
	create := func(p *CompositionParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Compositions.Create(ctx, p)) }
	}
	region := func(r VideoRegion) call {
		return create(&CompositionParams{SessionID: sessionID, VideoLayout: map[string]VideoRegion{"main": r}})
	}
	res := func(w, h int) call {
		return create(&CompositionParams{SessionID: sessionID, Resolution: Resolution{Width: w, Height: h}})
	}
	year10000 := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []validationCase{
		// Path ids.
		{"get recording id", "room_recording_id", func(ctx context.Context, c *Client) error { return ret(c.Recordings.Get(ctx, "x")) }},
		{"delete recording id", "room_recording_id", func(ctx context.Context, c *Client) error { return c.Recordings.Delete(ctx, "") }},
		{"get composition id", "room_composition_id", func(ctx context.Context, c *Client) error { return ret(c.Compositions.Get(ctx, "../x")) }},
		{"delete composition id", "room_composition_id", func(ctx context.Context, c *Client) error { return c.Compositions.Delete(ctx, "x") }},

		// Recording filters, on the list, its iterator and the bulk delete.
		{"filter room id", "filter[room_id]", list(&ListRecordingsParams{RecordingFilter: RecordingFilter{RoomID: "r"}})},
		{"filter session id", "filter[session_id]", list(&ListRecordingsParams{RecordingFilter: RecordingFilter{SessionID: "s"}})},
		{"filter participant id", "filter[participant_id]", bulk(&DeleteRecordingsParams{RecordingFilter: RecordingFilter{ParticipantID: "p"}})},
		{"filter status", "filter[status]", list(&ListRecordingsParams{RecordingFilter: RecordingFilter{Status: "done"}})},
		{"filter status of a composition", "filter[status]", bulk(&DeleteRecordingsParams{RecordingFilter: RecordingFilter{Status: RecordingStatus(CompositionEnqueued)}})},
		{"filter type", "filter[type]", list(&ListRecordingsParams{RecordingFilter: RecordingFilter{Type: "screen"}})},
		{"filter duration negative", "filter[duration_secs]", list(&ListRecordingsParams{RecordingFilter: RecordingFilter{MinDurationSecs: -1}})},
		{"filter duration beyond int32", "filter[duration_secs]", bulk(&DeleteRecordingsParams{RecordingFilter: RecordingFilter{MinDurationSecs: math.MaxInt32 + 1}})},
		{"filter started year", "filter[date_started_at][gte]", list(&ListRecordingsParams{RecordingFilter: RecordingFilter{StartedAt: DateFilter{Gte: year10000}}})},
		{"filter ended year", "filter[date_ended_at][lte]", bulk(&DeleteRecordingsParams{RecordingFilter: RecordingFilter{EndedAt: DateFilter{Lte: year10000}}})},
		{"recordings page size", "page[size]", list(&ListRecordingsParams{ListOptions: ListOptions{PageSize: 251}})},
		{"recordings iter page number", "page[number]", func(ctx context.Context, c *Client) error {
			return firstErr(c.Recordings.ListIter(ctx, &ListRecordingsParams{ListOptions: ListOptions{PageNumber: -1}}))
		}},

		// A bulk delete must say what it deletes.
		{"bulk delete nil", "filter", bulk(nil)},
		{"bulk delete no filter", "filter", bulk(&DeleteRecordingsParams{})},
		{"bulk delete paging only", "filter", bulk(&DeleteRecordingsParams{ListOptions: ListOptions{PageSize: 5}})},
		{"bulk delete zero dates in a location", "filter", bulk(&DeleteRecordingsParams{RecordingFilter: RecordingFilter{
			StartedAt: DateFilter{Eq: time.Time{}.In(time.FixedZone("UTC+1", 3600))}, EndedAt: DateFilter{Lte: time.Time{}.Local()}}})},
		{"bulk delete all and a filter", "filter", bulk(&DeleteRecordingsParams{AllRecordings: true, RecordingFilter: RecordingFilter{RoomID: roomID}})},
		{"bulk delete page size", "page[size]", bulk(&DeleteRecordingsParams{AllRecordings: true, ListOptions: ListOptions{PageSize: 300}})},

		// Composition filters.
		{"compositions session id", "filter[session_id]", compositions(&ListCompositionsParams{SessionID: "s"})},
		{"compositions status", "filter[status]", compositions(&ListCompositionsParams{Status: CompositionStatus(RecordingProcessing + "x")})},
		{"compositions created year", "filter[date_created_at][eq]", compositions(&ListCompositionsParams{CreatedAt: DateFilter{Eq: year10000}})},
		{"compositions iter page size", "page[size]", func(ctx context.Context, c *Client) error {
			return firstErr(c.Compositions.ListIter(ctx, &ListCompositionsParams{ListOptions: ListOptions{PageSize: -1}}))
		}},

		// Composition fields.
		{"create nil", "session_id", create(nil)},
		{"create without session", "session_id", create(&CompositionParams{Format: FormatMP4})},
		{"create session not a uuid", "session_id", create(&CompositionParams{SessionID: "session"})},
		{"format", "format", create(&CompositionParams{SessionID: sessionID, Format: "webm"})},
		{"resolution width 15", "resolution", res(15, 720)},
		{"resolution height 1281", "resolution", res(16, 1281)},
		{"resolution width only", "resolution", res(1280, 0)},
		{"resolution negative", "resolution", res(-16, 16)},
		{"resolution area", "resolution", res(1280, 721)},
		{"resolution area square", "resolution", res(1000, 1000)},
		{"webhook url", "webhook_event_url", create(&CompositionParams{SessionID: sessionID, WebhookEventURL: "example.com/hook"})},
		{"webhook url not UTF-8", "webhook_event_url", create(&CompositionParams{SessionID: sessionID, WebhookEventURL: "https://example.com/\xff"})},
		{"failover url", "webhook_event_failover_url", create(&CompositionParams{SessionID: sessionID, WebhookEventFailoverURL: "/hook"})},
		{"webhook timeout 31", "webhook_timeout_secs", create(&CompositionParams{SessionID: sessionID, WebhookTimeoutSecs: Ptr(31)})},
		{"webhook timeout -1", "webhook_timeout_secs", create(&CompositionParams{SessionID: sessionID, WebhookTimeoutSecs: Ptr(-1)})},

		// The layout and its regions.
		{"three regions", "video_layout", create(&CompositionParams{SessionID: sessionID, VideoLayout: map[string]VideoRegion{"a": {}, "b": {}, "c": {}}})},
		{"empty region name", "video_layout", create(&CompositionParams{SessionID: sessionID, VideoLayout: map[string]VideoRegion{"": {}}})},
		{"region name not UTF-8", "video_layout", create(&CompositionParams{SessionID: sessionID, VideoLayout: map[string]VideoRegion{"\xc3": {}}})},
		{"region height 15", "video_layout[main].height", region(VideoRegion{Height: 15})},
		{"region width negative", "video_layout[main].width", region(VideoRegion{Width: -16})},
		{"region max columns 1001", "video_layout[main].max_columns", region(VideoRegion{MaxColumns: 1001})},
		{"region max rows negative", "video_layout[main].max_rows", region(VideoRegion{MaxRows: -1})},
		{"region z 100", "video_layout[main].z_pos", region(VideoRegion{ZPos: 100})},
		{"region z -100", "video_layout[main].z_pos", region(VideoRegion{ZPos: -100})},
		{"region x beyond int32", "video_layout[main].x_pos", region(VideoRegion{XPos: math.MaxInt32 + 1})},
		{"region y beyond int32", "video_layout[main].y_pos", region(VideoRegion{YPos: math.MinInt32 - 1})},
		{"region source not an id", "video_layout[main].video_sources[1]", region(VideoRegion{VideoSources: []string{recordingID, "alice"}})},
		{"region sources star and ids", "video_layout[main].video_sources", region(VideoRegion{VideoSources: []string{recordingID, AllVideoSources}})},
		{"region sources star twice", "video_layout[main].video_sources", region(VideoRegion{VideoSources: []string{AllVideoSources, AllVideoSources}})},
		{"the first bad region by name", "video_layout[a].z_pos", create(&CompositionParams{SessionID: sessionID,
			VideoLayout: map[string]VideoRegion{"b": {Height: 1}, "a": {ZPos: 500}}})},
	}
	checkValidation(t, cases)
}

// TestMediaValidationAcceptsBounds checks that the limits themselves are valid.
func TestMediaValidationAcceptsBounds(t *testing.T) {
	t.Parallel()
	for _, r := range []Resolution{{16, 16}, {1280, 720}, {720, 1280}, {1280, 16}, {16, 1280}, {960, 960}} {
		assert.NoError(t, r.check(), r)
	}
	_, err := (&CompositionParams{SessionID: sessionID, WebhookTimeoutSecs: Ptr(30), VideoLayout: map[string]VideoRegion{
		"a": {Height: 16, Width: 16, MaxColumns: 1, MaxRows: 1000, ZPos: -99, XPos: math.MinInt32, YPos: math.MaxInt32, VideoSources: []string{}},
		"b": {MaxColumns: 1000, MaxRows: 1, ZPos: 99, VideoSources: []string{AllVideoSources}},
	}}).body()
	require.NoError(t, err)
	_, err = (&DeleteRecordingsParams{RecordingFilter: RecordingFilter{MinDurationSecs: math.MaxInt32}}).query()
	require.NoError(t, err)
	_, err = (&DeleteRecordingsParams{RecordingFilter: RecordingFilter{Status: RecordingProcessing}}).query()
	require.NoError(t, err, "any one filter is enough")
	_, err = (&DeleteRecordingsParams{AllRecordings: true, ListOptions: ListOptions{PageNumber: 1, PageSize: 250}}).query()
	require.NoError(t, err, "paging with AllRecordings")
}

// TestBulkDeleteRefusalSaysHow checks that the refusal of a bulk delete
// without a filter tells the caller how to mean it.
func TestBulkDeleteRefusalSaysHow(t *testing.T) {
	t.Parallel()
	_, err := (&DeleteRecordingsParams{}).query()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AllRecordings")
	assert.True(t, strings.HasPrefix(err.Error(), "rooms: invalid filter: "))
}

func TestParseResolution(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Resolution{"1280x720": {1280, 720}, "16x16": {16, 16}, "0800x0600": {800, 600}} {
		got, err := ParseResolution(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "1280", "1280x", "x720", "1280X720", "-1x5", "+1x5", "1280x720x1", " 1280x720", "0x720", "axb", "1280×720"} {
		_, err := ParseResolution(in)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, in)
		assert.Equal(t, "resolution", ve.Field)
	}
	assert.Equal(t, "1280x720", Resolution{Width: 1280, Height: 720}.String())
}
