package roomstest_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func (f *fixture) createComposition(t *testing.T, body gen.CreateRoomCompositionRequest) gen.RoomComposition {
	t.Helper()
	resp, err := f.api.CreateRoomCompositionWithResponse(f.ctx, body)
	require.NoError(t, err)
	require.Equal(t, http.StatusAccepted, resp.StatusCode(), "body: %s", resp.Body)
	return resp.JSON202.Data
}

func (f *fixture) composition(t *testing.T, id uuid.UUID) gen.RoomComposition {
	t.Helper()
	resp, err := f.api.ViewRoomCompositionWithResponse(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
	return resp.JSON200.Data
}

// TestCompositionLifecycle: a composition of an ended session is 202
// enqueued, processing CompositionStartDelay later and completed
// CompositionProcessingDelay after its creation, on the fake's clock, with
// an MP4 the fake serves (D16, D20, D21).
func TestCompositionLifecycle(t *testing.T) {
	f := newFixture(t)
	m := f.recordedMeeting(t)
	f.clock.Advance(time.Minute)
	created := f.clock.Now()
	c := f.createComposition(t, gen.CreateRoomCompositionRequest{
		SessionID:       m.session,
		WebhookEventURL: ptr("https://example.com/compositions"),
		VideoLayout:     map[string]gen.VideoRegion{"main": {Width: 640, Height: 360, VideoSources: []string{"*"}}},
	})
	assert.Equal(t, gen.RoomCompositionStatusEnqueued, c.Status)
	assert.Equal(t, m.room.ID, c.RoomID)
	assert.Equal(t, m.session, c.SessionID)
	assert.NotEqual(t, uuid.Nil, c.UserID)
	assert.Equal(t, gen.RoomCompositionFormatMp4, c.Format, "format defaults to mp4")
	assert.Equal(t, "1280x720", c.Resolution, "resolution defaults to 1280x720")
	assert.Equal(t, "room_composition", c.RecordType)
	assert.Equal(t, m.joined, c.StartedAt, "the session's span")
	assert.Equal(t, m.ended, c.EndedAt)
	assert.Equal(t, int32(42), c.DurationSecs)
	assert.Equal(t, created, c.CreatedAt)
	assert.Equal(t, "https://example.com/compositions", c.WebhookEventURL)
	assert.Equal(t, []string{"*"}, c.VideoLayout["main"].VideoSources)
	assert.Empty(t, c.DownloadURL)

	steps := []struct {
		at     time.Duration
		status gen.RoomCompositionStatus
	}{
		{roomstest.CompositionStartDelay - time.Microsecond, gen.RoomCompositionStatusEnqueued},
		{roomstest.CompositionStartDelay, gen.RoomCompositionStatusProcessing},
		{roomstest.CompositionProcessingDelay - time.Microsecond, gen.RoomCompositionStatusProcessing},
		{roomstest.CompositionProcessingDelay, gen.RoomCompositionStatusCompleted},
	}
	for _, s := range steps {
		f.clock.Set(created.Add(s.at))
		got := f.composition(t, c.ID)
		assert.Equal(t, s.status, got.Status, "at +%s", s.at)
		assert.Equal(t, s.status == gen.RoomCompositionStatusCompleted, got.DownloadURL != "", "download_url once completed, at +%s", s.at)
	}
	done := f.composition(t, c.ID)
	assert.Equal(t, created.Add(roomstest.CompositionProcessingDelay), done.CompletedAt)
	assert.Equal(t, done.CompletedAt, done.UpdatedAt)
	assert.Positive(t, done.SizeMb)

	status, h, body := download(t, http.MethodGet, done.DownloadURL, nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "video/mp4", h.Get("Content-Type"))
	assert.InDelta(t, done.SizeMb, float64(len(body))/1e6, 1e-12)
	assert.Equal(t, []byte("ftypisom"), body[4:12], "an MP4 file")
	assert.True(t, strings.HasSuffix(done.DownloadURL, "/media/compositions/"+c.ID.String()+".mp4"))

	del, err := f.api.DeleteRoomCompositionWithResponse(f.ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, del.StatusCode())
	view, err := f.api.ViewRoomCompositionWithResponse(f.ctx, c.ID)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, view.StatusCode())
	assert.Equal(t, "room_composition_id", errorList(t, view.JSON404)[0].Source.Parameter)
	again, err := f.api.DeleteRoomCompositionWithResponse(f.ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, again.StatusCode())
	status, _, _ = download(t, http.MethodGet, done.DownloadURL, nil)
	assert.Equal(t, http.StatusNotFound, status, "the media of a deleted composition")
}

// TestCreateCompositionRefusals: what the fake refuses, each 422 naming
// the field (D16, D17), and that nothing is created then.
func TestCreateCompositionRefusals(t *testing.T) {
	f := newFixture(t)
	m := f.recordedMeeting(t)
	live, _ := f.session(t, f.createRoom(t, gen.CreateRoomRequest{EnableRecording: ptr(true)}).ID, "Dave")
	all, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	var audio, liveVideo uuid.UUID
	for _, r := range all {
		switch {
		case r.SessionID == m.session && r.Type == gen.RoomRecordingTypeAudio:
			audio = r.ID
		case r.SessionID == uid(live.ID) && r.Type == gen.RoomRecordingTypeVideo:
			liveVideo = r.ID
		}
	}
	session := `"session_id":"` + m.session.String() + `"`
	tests := []struct {
		name, body     string
		code, pointer  string
		detailContains string
	}{
		{"unknown session", `{"session_id":"` + uuid.NewString() + `"}`, "10017", "/session_id", "could not be found"},
		{"active session", `{"session_id":"` + live.ID + `"}`, "10015", "/session_id", "has not ended"},
		{"no session", `{"resolution":"640x480"}`, "", "/session_id", ""},
		{"width too large", `{` + session + `,"resolution":"1281x16"}`, "10015", "/resolution", "between 16 and 1280"},
		{"height too small", `{` + session + `,"resolution":"640x15"}`, "10015", "/resolution", "between 16 and 1280"},
		{"too many pixels", `{` + session + `,"resolution":"1280x721"}`, "10015", "/resolution", "1280 times 720"},
		{"not WIDTHxHEIGHT", `{` + session + `,"resolution":"hd"}`, "", "/resolution", ""},
		{"format", `{` + session + `,"format":"webm"}`, "", "/format", ""},
		{"three regions", `{` + session + `,"video_layout":{"a":{},"b":{},"c":{}}}`, "", "/video_layout", ""},
		{"region too small", `{` + session + `,"video_layout":{"a":{"height":15}}}`, "", "/video_layout/a/height", ""},
		{"z_pos", `{` + session + `,"video_layout":{"a":{"z_pos":100}}}`, "", "/video_layout/a/z_pos", ""},
		{"max_columns", `{` + session + `,"video_layout":{"a":{"max_columns":1001}}}`, "", "/video_layout/a/max_columns", ""},
		{"max_rows", `{` + session + `,"video_layout":{"a":{"max_rows":0}}}`, "", "/video_layout/a/max_rows", ""},
		{"source not an id", `{` + session + `,"video_layout":{"a":{"video_sources":["all"]}}}`, "", "/video_layout/a/video_sources/0", ""},
		{"source unknown", `{` + session + `,"video_layout":{"a/b":{"video_sources":["*","` + uuid.NewString() + `"]}}}`, "10015", "/video_layout/a~1b/video_sources/1", "is not a video recording"},
		{"source an audio recording", `{` + session + `,"video_layout":{"a":{"video_sources":["` + audio.String() + `"]}}}`, "10015", "/video_layout/a/video_sources/0", "is not a video recording"},
		{"source of another session", `{` + session + `,"video_layout":{"a":{"video_sources":["` + liveVideo.String() + `"]}}}`, "10015", "/video_layout/a/video_sources/0", "is not a video recording"},
		{"timeout", `{` + session + `,"webhook_timeout_secs":31}`, "", "/webhook_timeout_secs", ""},
		{"webhook url", `{` + session + `,"webhook_event_url":"not a url"}`, "", "/webhook_event_url", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := f.do(t, http.MethodPost, "/room_compositions", tt.body)
			require.Equal(t, http.StatusUnprocessableEntity, status, "body: %s", body)
			e := envelope(t, body)
			assert.Equal(t, tt.pointer, e.Source.Pointer)
			if tt.code != "" {
				assert.Equal(t, tt.code, e.Code)
			}
			assert.Contains(t, e.Detail, tt.detailContains)
		})
	}
	list, err := f.api.ListRoomCompositionsWithResponse(f.ctx, &gen.ListRoomCompositionsParams{})
	require.NoError(t, err)
	assert.Empty(t, list.JSON200.Data, "no refused create left a composition")
}

// TestCreateCompositionAccepts: the limits themselves are accepted, and a
// layout naming the session's video recordings.
func TestCreateCompositionAccepts(t *testing.T) {
	f := newFixture(t)
	m := f.recordedMeeting(t)
	videos, _ := f.recordings(t, gen.ListRoomRecordingsParams{FilterSessionID: &m.session, FilterType: ptr(gen.ListRoomRecordingsParamsFilterTypeVideo)})
	require.Len(t, videos, 2)
	for _, res := range []string{"1280x720", "16x16", "1280x16", "16x1280", "720x1280", "960x960"} {
		c := f.createComposition(t, gen.CreateRoomCompositionRequest{SessionID: m.session, Resolution: ptr(res)})
		assert.Equal(t, res, c.Resolution)
	}
	layout := map[string]gen.VideoRegion{
		"left":  {Width: 640, Height: 720, MaxColumns: 1, MaxRows: 1000, ZPos: -99, VideoSources: []string{videos[0].ID.String()}},
		"right": {Width: 640, Height: 720, XPos: 640, ZPos: 99, VideoSources: []string{strings.ToUpper(videos[1].ID.String())}},
	}
	c := f.createComposition(t, gen.CreateRoomCompositionRequest{SessionID: m.session, VideoLayout: layout})
	assert.Equal(t, layout, c.VideoLayout)
}

// TestCompositionFilters: the list's filters and paging.
func TestCompositionFilters(t *testing.T) {
	f := newFixture(t)
	m1 := f.recordedMeeting(t)
	a := f.createComposition(t, gen.CreateRoomCompositionRequest{SessionID: m1.session}) // 2024-05-10
	f.clock.Set(t0.Add(24 * time.Hour))
	m2 := f.recordedMeeting(t)
	b := f.createComposition(t, gen.CreateRoomCompositionRequest{SessionID: m2.session}) // 2024-05-11
	f.clock.Advance(roomstest.CompositionStartDelay)
	c := f.createComposition(t, gen.CreateRoomCompositionRequest{SessionID: m2.session})
	// now: a completed, b processing, c enqueued
	ids := func(cs ...gen.RoomComposition) []uuid.UUID {
		var out []uuid.UUID
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	tests := []struct {
		name   string
		params gen.ListRoomCompositionsParams
		want   []uuid.UUID
	}{
		{"all", gen.ListRoomCompositionsParams{}, ids(a, b, c)},
		{"session", gen.ListRoomCompositionsParams{FilterSessionID: &m2.session}, ids(b, c)},
		{"completed", gen.ListRoomCompositionsParams{FilterStatus: ptr(gen.ListRoomCompositionsParamsFilterStatusCompleted)}, ids(a)},
		{"processing", gen.ListRoomCompositionsParams{FilterStatus: ptr(gen.ListRoomCompositionsParamsFilterStatusProcessing)}, ids(b)},
		{"enqueued", gen.ListRoomCompositionsParams{FilterStatus: ptr(gen.ListRoomCompositionsParamsFilterStatusEnqueued)}, ids(c)},
		{"created on", gen.ListRoomCompositionsParams{FilterDateCreatedAtEq: day(2024, 5, 11)}, ids(b, c)},
		{"created on or before", gen.ListRoomCompositionsParams{FilterDateCreatedAtLte: day(2024, 5, 10)}, ids(a)},
		{"created on or after", gen.ListRoomCompositionsParams{FilterDateCreatedAtGte: day(2024, 5, 12)}, nil},
		{"page 2 of 2", gen.ListRoomCompositionsParams{PageSize: ptr(int32(2)), PageNumber: ptr(int32(2))}, ids(c)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.api.ListRoomCompositionsWithResponse(f.ctx, &tt.params)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
			assert.Equal(t, tt.want, nilIfEmpty(ids(resp.JSON200.Data...)))
		})
	}
}

// TestMediaServing: media files are served without the API key, with
// HEAD, ranges and conditional requests; anything else is refused.
func TestMediaServing(t *testing.T) {
	f := newFixture(t, roomstest.WithAPIKey(testKey), roomstest.WithSeedData())
	resp, err := f.api.ViewRoomRecordingWithResponse(f.ctx, uid(roomstest.SeedRecordingID))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	url := resp.JSON200.Data.DownloadURL
	require.NotEmpty(t, url)
	status, _, whole := download(t, http.MethodGet, url, nil)
	require.Equal(t, http.StatusOK, status)
	base := strings.TrimSuffix(url, "/media/recordings/"+roomstest.SeedRecordingID+".mka")

	tests := []struct {
		name, method, url string
		header            http.Header
		status            int
		body              []byte
	}{
		{"a wrong key is not even looked at", http.MethodGet, url, http.Header{"Authorization": {"Bearer wrong"}}, http.StatusOK, whole},
		{"HEAD", http.MethodHead, url, nil, http.StatusOK, nil},
		{"a range", http.MethodGet, url, http.Header{"Range": {"bytes=0-3"}}, http.StatusPartialContent, whole[:4]},
		{"POST", http.MethodPost, url, nil, http.StatusMethodNotAllowed, nil},
		{"unknown id", http.MethodGet, base + "/media/recordings/" + uuid.NewString() + ".mka", nil, http.StatusNotFound, nil},
		{"wrong extension", http.MethodGet, base + "/media/recordings/" + roomstest.SeedRecordingID + ".webm", nil, http.StatusNotFound, nil},
		{"id in upper case", http.MethodGet, base + "/media/recordings/" + strings.ToUpper(roomstest.SeedRecordingID) + ".mka", nil, http.StatusNotFound, nil},
		{"a recording under compositions", http.MethodGet, base + "/media/compositions/" + roomstest.SeedRecordingID + ".mka", nil, http.StatusNotFound, nil},
		{"no file", http.MethodGet, base + "/media/recordings", nil, http.StatusNotFound, nil},
		{"under the API path", http.MethodGet, base + roomstest.BasePath + "/media/recordings/" + roomstest.SeedRecordingID + ".mka", nil, http.StatusNotFound, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := download(t, tt.method, tt.url, tt.header)
			assert.Equal(t, tt.status, status)
			if tt.body != nil {
				assert.Equal(t, tt.body, body)
			}
		})
	}
	assert.True(t, bytes.HasPrefix(whole, []byte{0x1A, 0x45, 0xDF, 0xA3}))
}

// TestMediaWhileProcessing: a recording that is not completed has no media.
func TestMediaWhileProcessing(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{EnableRecording: ptr(true)})
	_, _ = f.session(t, room.ID, "Alice")
	running, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	require.Len(t, running, 2)
	base := strings.TrimSuffix(f.srv.URL, roomstest.BasePath)
	status, _, _ := download(t, http.MethodGet, base+"/media/recordings/"+running[0].ID.String()+".mka", nil)
	assert.Equal(t, http.StatusNotFound, status)
}
