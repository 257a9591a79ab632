package roomstest_test

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// recordedMeeting is a recording room whose session Alice and Bob joined:
// Bob left after 30 s, the session ended 12 s later (Alice still present).
type recordedMeeting struct {
	room                   gen.Room
	session                uuid.UUID
	alice, bob             uuid.UUID
	joined, bobLeft, ended time.Time
}

func (f *fixture) recordedMeeting(t *testing.T) recordedMeeting {
	t.Helper()
	m := recordedMeeting{room: f.createRoom(t, gen.CreateRoomRequest{EnableRecording: ptr(true)})}
	m.joined = f.clock.Now()
	s, ps := f.session(t, m.room.ID, "Alice", "Bob")
	m.session, m.alice, m.bob = uid(s.ID), uid(ps[0].ID), uid(ps[1].ID)
	f.clock.Advance(30 * time.Second)
	require.NoError(t, f.srv.Leave(ps[1].ID))
	m.bobLeft = f.clock.Now()
	f.clock.Advance(12 * time.Second)
	resp, err := f.api.EndSessionWithResponse(f.ctx, m.session)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
	m.ended = f.clock.Now()
	return m
}

func (f *fixture) recordings(t *testing.T, params gen.ListRoomRecordingsParams) ([]gen.RoomRecording, gen.PaginationMeta) {
	t.Helper()
	resp, err := f.api.ListRoomRecordingsWithResponse(f.ctx, &params)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
	return resp.JSON200.Data, resp.JSON200.Meta
}

func recordingIDs(rs []gen.RoomRecording) []uuid.UUID {
	out := make([]uuid.UUID, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// download fetches a download_url without any API key, as a browser would.
func download(t *testing.T, method, url string, header http.Header) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.StatusCode, resp.Header, readAll(t, resp)
}

// TestRecordingLifecycle: every participant of a recording room's session
// is recorded, audio and video, processing from its join; a recording ends
// when its participant leaves or the session ends, and completes
// RecordingProcessingDelay later on the fake's clock, with a download_url
// the fake serves (D19, D21).
func TestRecordingLifecycle(t *testing.T) {
	f := newFixture(t)
	m := f.recordedMeeting(t)

	all, meta := f.recordings(t, gen.ListRoomRecordingsParams{})
	require.Len(t, all, 4)
	assert.Equal(t, int32(4), meta.TotalResults)
	type kind struct {
		participant uuid.UUID
		typ         gen.RoomRecordingType
	}
	var kinds []kind
	for _, r := range all {
		kinds = append(kinds, kind{r.ParticipantID, r.Type})
		assert.Equal(t, m.room.ID, r.RoomID)
		assert.Equal(t, m.session, r.SessionID)
		assert.Equal(t, "room_recording", r.RecordType)
		assert.Equal(t, m.joined, r.StartedAt)
		assert.Equal(t, m.joined, r.CreatedAt)
		assert.Equal(t, map[gen.RoomRecordingType]string{"audio": "opus", "video": "vp8"}[r.Type], r.Codec)
		wantEnd, wantSecs := m.ended, int32(42)
		if r.ParticipantID == m.bob {
			wantEnd, wantSecs = m.bobLeft, 30
		}
		assert.Equal(t, wantEnd, r.EndedAt, "ended_at")
		assert.Equal(t, wantSecs, r.DurationSecs, "duration_secs")
	}
	assert.Equal(t, []kind{{m.alice, "audio"}, {m.alice, "video"}, {m.bob, "audio"}, {m.bob, "video"}}, kinds)

	// At the end, 12 s after Bob left: Bob's are completed, Alice's processing
	// until RecordingProcessingDelay after the end.
	mediaBase := f.srv.URL[:len(f.srv.URL)-len(roomstest.BasePath)]
	ext := map[gen.RoomRecordingType]string{"audio": ".mka", "video": ".webm"}
	for _, r := range all {
		if r.ParticipantID == m.alice {
			assert.Equal(t, gen.RoomRecordingStatusProcessing, r.Status)
			assert.Empty(t, r.DownloadURL)
			assert.Zero(t, r.SizeMb)
			assert.True(t, r.CompletedAt.IsZero())
			assert.Equal(t, m.ended, r.UpdatedAt)
			continue
		}
		assert.Equal(t, gen.RoomRecordingStatusCompleted, r.Status)
		assert.Equal(t, m.bobLeft.Add(roomstest.RecordingProcessingDelay), r.CompletedAt)
		assert.Equal(t, r.CompletedAt, r.UpdatedAt)
		assert.Positive(t, r.SizeMb)
		assert.Equal(t, mediaBase+"/media/recordings/"+r.ID.String()+ext[r.Type], r.DownloadURL)
	}
	f.clock.Set(m.ended.Add(roomstest.RecordingProcessingDelay - time.Microsecond))
	for _, r := range all[:2] {
		got := f.recording(t, r.ID)
		assert.Equal(t, gen.RoomRecordingStatusProcessing, got.Status, "Alice's, just before")
	}
	f.clock.Set(m.ended.Add(roomstest.RecordingProcessingDelay))
	done, _ := f.recordings(t, gen.ListRoomRecordingsParams{FilterStatus: ptr(gen.ListRoomRecordingsParamsFilterStatusCompleted)})
	assert.Len(t, done, 4)

	// The media: served without a key, of the size size_mb says, the same bytes every time.
	for _, r := range done {
		status, h, body := download(t, http.MethodGet, r.DownloadURL, nil)
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, map[gen.RoomRecordingType]string{"audio": "audio/x-matroska", "video": "video/webm"}[r.Type], h.Get("Content-Type"))
		assert.Equal(t, strconv.Itoa(len(body)), h.Get("Content-Length"))
		assert.InDelta(t, r.SizeMb, float64(len(body))/1e6, 1e-12, "size_mb is the file's size in MB")
		assert.True(t, bytes.HasPrefix(body, []byte{0x1A, 0x45, 0xDF, 0xA3}), "an EBML (Matroska/WebM) file")
		_, _, again := download(t, http.MethodGet, r.DownloadURL, nil)
		assert.Equal(t, body, again)
	}
}

func (f *fixture) recording(t *testing.T, id uuid.UUID) gen.RoomRecording {
	t.Helper()
	resp, err := f.api.ViewRoomRecordingWithResponse(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
	return resp.JSON200.Data
}

// TestNoRecordingWithoutEnableRecording: a room that does not record holds
// no recordings, and a room that turns recording on records those who join
// from then on.
func TestNoRecordingWithoutEnableRecording(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	s, _ := f.session(t, room.ID, "Alice")
	upd, err := f.api.UpdateRoomWithResponse(f.ctx, room.ID, gen.UpdateRoomRequest{EnableRecording: ptr(true)})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, upd.StatusCode())
	late, err := f.srv.Join(s.ID, "Bob")
	require.NoError(t, err)

	got, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	require.Len(t, got, 2)
	for _, r := range got {
		assert.Equal(t, uid(late.ID), r.ParticipantID)
	}
}

// TestRecordingFilters: every filter of the list, alone and together, and
// paging (D18).
func TestRecordingFilters(t *testing.T) {
	f := newFixture(t)
	m := f.recordedMeeting(t) // 2024-05-10
	f.clock.Set(t0.Add(48 * time.Hour))
	other := f.createRoom(t, gen.CreateRoomRequest{EnableRecording: ptr(true)})
	s2, ps2 := f.session(t, other.ID, "Carol")
	f.clock.Advance(5 * time.Second)
	_, err := f.api.EndSessionWithResponse(f.ctx, uid(s2.ID))
	require.NoError(t, err)
	carol := uid(ps2[0].ID)
	f.clock.Advance(roomstest.RecordingProcessingDelay)
	// Carol's two are completed; Alice's and Bob's too (long ago).

	all, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	require.Len(t, all, 6)
	ids := func(keep func(gen.RoomRecording) bool) []uuid.UUID {
		var out []uuid.UUID
		for _, r := range all {
			if keep(r) {
				out = append(out, r.ID)
			}
		}
		return out
	}
	secs := func(n int32) *int32 { return &n }
	tests := []struct {
		name   string
		params gen.ListRoomRecordingsParams
		want   []uuid.UUID
	}{
		{"room", gen.ListRoomRecordingsParams{FilterRoomID: &other.ID}, ids(func(r gen.RoomRecording) bool { return r.RoomID == other.ID })},
		{"session", gen.ListRoomRecordingsParams{FilterSessionID: &m.session}, ids(func(r gen.RoomRecording) bool { return r.SessionID == m.session })},
		{"participant", gen.ListRoomRecordingsParams{FilterParticipantID: &carol}, ids(func(r gen.RoomRecording) bool { return r.ParticipantID == carol })},
		{"type video", gen.ListRoomRecordingsParams{FilterType: ptr(gen.ListRoomRecordingsParamsFilterTypeVideo)}, ids(func(r gen.RoomRecording) bool { return r.Type == "video" })},
		{"status processing", gen.ListRoomRecordingsParams{FilterStatus: ptr(gen.ListRoomRecordingsParamsFilterStatusProcessing)}, nil},
		{"duration >= 30", gen.ListRoomRecordingsParams{FilterDurationSecs: secs(30)}, ids(func(r gen.RoomRecording) bool { return r.DurationSecs >= 30 })},
		{"duration >= 31", gen.ListRoomRecordingsParams{FilterDurationSecs: secs(31)}, ids(func(r gen.RoomRecording) bool { return r.ParticipantID == m.alice })},
		{"duration >= 0", gen.ListRoomRecordingsParams{FilterDurationSecs: secs(0)}, recordingIDs(all)},
		{"started on", gen.ListRoomRecordingsParams{FilterDateStartedAtEq: day(2024, 5, 12)}, ids(func(r gen.RoomRecording) bool { return r.RoomID == other.ID })},
		{"started on or before", gen.ListRoomRecordingsParams{FilterDateStartedAtLte: day(2024, 5, 11)}, ids(func(r gen.RoomRecording) bool { return r.RoomID == m.room.ID })},
		{"ended on or after", gen.ListRoomRecordingsParams{FilterDateEndedAtGte: day(2024, 5, 10)}, recordingIDs(all)},
		{"ended on", gen.ListRoomRecordingsParams{FilterDateEndedAtEq: day(2024, 5, 11)}, nil},
		{"ended in a range", gen.ListRoomRecordingsParams{FilterDateEndedAtGte: day(2024, 5, 11), FilterDateEndedAtLte: day(2024, 5, 12)}, ids(func(r gen.RoomRecording) bool { return r.RoomID == other.ID })},
		{"together", gen.ListRoomRecordingsParams{FilterSessionID: &m.session, FilterType: ptr(gen.ListRoomRecordingsParamsFilterTypeAudio), FilterDurationSecs: secs(40)},
			ids(func(r gen.RoomRecording) bool { return r.ParticipantID == m.alice && r.Type == "audio" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, meta := f.recordings(t, tt.params)
			assert.Equal(t, tt.want, nilIfEmpty(recordingIDs(got)))
			assert.Equal(t, int32(len(tt.want)), meta.TotalResults)
		})
	}
	t.Run("paging", func(t *testing.T) {
		size := int32(4)
		page2, meta := f.recordings(t, gen.ListRoomRecordingsParams{PageSize: &size, PageNumber: ptr(int32(2))})
		assert.Equal(t, recordingIDs(all[4:]), recordingIDs(page2))
		assert.Equal(t, gen.PaginationMeta{PageNumber: 2, PageSize: 4, TotalPages: 2, TotalResults: 6}, meta)
	})
	t.Run("a status or type outside the enum is 422", func(t *testing.T) {
		for _, q := range []string{"filter[status]=failed", "filter[type]=screen", "filter[duration_secs]=soon"} {
			status, _, body := f.do(t, http.MethodGet, "/room_recordings?"+q, "")
			assert.Equal(t, http.StatusUnprocessableEntity, status, q)
			assert.NotEmpty(t, envelope(t, body).Source.Parameter, q)
		}
	})
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TestBulkDeleteRecordings: the bulk delete deletes exactly what the list
// with the same filters returns (with paging, that page of it), answers
// 201 with the count, and the media goes with the recordings (D15).
func TestBulkDeleteRecordings(t *testing.T) {
	tests := []struct {
		name   string
		params func(m recordedMeeting) gen.DeleteRoomRecordingsParams
		list   func(m recordedMeeting) gen.ListRoomRecordingsParams
		want   int32
	}{
		{
			name: "by participant",
			params: func(m recordedMeeting) gen.DeleteRoomRecordingsParams {
				return gen.DeleteRoomRecordingsParams{FilterParticipantID: &m.bob}
			},
			list: func(m recordedMeeting) gen.ListRoomRecordingsParams {
				return gen.ListRoomRecordingsParams{FilterParticipantID: &m.bob}
			},
			want: 2,
		},
		{
			name: "by type and duration",
			params: func(m recordedMeeting) gen.DeleteRoomRecordingsParams {
				return gen.DeleteRoomRecordingsParams{FilterType: ptr(gen.DeleteRoomRecordingsParamsFilterTypeVideo), FilterDurationSecs: ptr(int32(31))}
			},
			list: func(m recordedMeeting) gen.ListRoomRecordingsParams {
				return gen.ListRoomRecordingsParams{FilterType: ptr(gen.ListRoomRecordingsParamsFilterTypeVideo), FilterDurationSecs: ptr(int32(31))}
			},
			want: 1,
		},
		{
			name: "nothing matches",
			params: func(m recordedMeeting) gen.DeleteRoomRecordingsParams {
				return gen.DeleteRoomRecordingsParams{FilterDateEndedAtEq: day(2020, 1, 1)}
			},
			list: func(m recordedMeeting) gen.ListRoomRecordingsParams {
				return gen.ListRoomRecordingsParams{FilterDateEndedAtEq: day(2020, 1, 1)}
			},
			want: 0,
		},
		{
			name:   "no filter: every recording",
			params: func(recordedMeeting) gen.DeleteRoomRecordingsParams { return gen.DeleteRoomRecordingsParams{} },
			list:   func(recordedMeeting) gen.ListRoomRecordingsParams { return gen.ListRoomRecordingsParams{} },
			want:   4,
		},
		{
			name: "a page of the matches",
			params: func(m recordedMeeting) gen.DeleteRoomRecordingsParams {
				return gen.DeleteRoomRecordingsParams{FilterSessionID: &m.session, PageSize: ptr(int32(3)), PageNumber: ptr(int32(1))}
			},
			list: func(m recordedMeeting) gen.ListRoomRecordingsParams {
				return gen.ListRoomRecordingsParams{FilterSessionID: &m.session, PageSize: ptr(int32(3)), PageNumber: ptr(int32(1))}
			},
			want: 3,
		},
		{
			name: "a page past the end",
			params: func(m recordedMeeting) gen.DeleteRoomRecordingsParams {
				return gen.DeleteRoomRecordingsParams{PageNumber: ptr(int32(2))}
			},
			list: func(m recordedMeeting) gen.ListRoomRecordingsParams {
				return gen.ListRoomRecordingsParams{PageNumber: ptr(int32(2))}
			},
			want: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			m := f.recordedMeeting(t)
			f.clock.Advance(roomstest.RecordingProcessingDelay)
			before, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
			chosen, _ := f.recordings(t, tt.list(m))
			require.Len(t, chosen, int(tt.want), "the list with the same query")

			resp, err := f.api.DeleteRoomRecordingsWithResponse(f.ctx, ptr(tt.params(m)))
			require.NoError(t, err)
			require.Equal(t, http.StatusCreated, resp.StatusCode(), "body: %s", resp.Body)
			assert.JSONEq(t, `{"data":{"room_recordings":`+strconv.Itoa(int(tt.want))+`}}`, string(resp.Body))

			after, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
			gone := map[uuid.UUID]bool{}
			for _, r := range chosen {
				gone[r.ID] = true
			}
			var want []uuid.UUID
			for _, r := range before {
				if !gone[r.ID] {
					want = append(want, r.ID)
				}
			}
			assert.Equal(t, want, nilIfEmpty(recordingIDs(after)), "exactly the chosen ones are gone")
			for _, r := range chosen {
				status, _, _ := download(t, http.MethodGet, r.DownloadURL, nil)
				assert.Equal(t, http.StatusNotFound, status, "the media of a deleted recording")
			}
		})
	}
}

// TestRecordingViewAndDelete: view and delete one recording; an unknown id
// is 404 naming the parameter, a deleted one too, and its media is gone.
func TestRecordingViewAndDelete(t *testing.T) {
	f := newFixture(t)
	m := f.recordedMeeting(t)
	f.clock.Advance(roomstest.RecordingProcessingDelay)
	all, _ := f.recordings(t, gen.ListRoomRecordingsParams{FilterParticipantID: &m.alice})
	require.Len(t, all, 2)
	r := f.recording(t, all[0].ID)
	assert.Equal(t, all[0], r)

	del, err := f.api.DeleteRoomRecordingWithResponse(f.ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, del.StatusCode())
	assert.Empty(t, del.Body)

	for _, id := range []uuid.UUID{r.ID, uuid.New()} {
		view, err := f.api.ViewRoomRecordingWithResponse(f.ctx, id)
		require.NoError(t, err)
		require.Equal(t, http.StatusNotFound, view.StatusCode())
		assert.Equal(t, "room_recording_id", errorList(t, view.JSON404)[0].Source.Parameter)
		again, err := f.api.DeleteRoomRecordingWithResponse(f.ctx, id)
		require.NoError(t, err)
		assert.Equal(t, http.StatusNotFound, again.StatusCode())
	}
	status, _, _ := download(t, http.MethodGet, r.DownloadURL, nil)
	assert.Equal(t, http.StatusNotFound, status)
	left, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	assert.Len(t, left, 3)
}

// TestDeleteRunningRecording: a recording deleted while it runs is gone,
// and its participant's leaving later does not bring it back.
func TestDeleteRunningRecording(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{EnableRecording: ptr(true)})
	_, ps := f.session(t, room.ID, "Alice", "Bob")
	running, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	require.Len(t, running, 4)
	for _, r := range running {
		assert.True(t, r.EndedAt.IsZero(), "running: no ended_at")
		assert.Equal(t, gen.RoomRecordingStatusProcessing, r.Status)
	}
	del, err := f.api.DeleteRoomRecordingWithResponse(f.ctx, running[0].ID)
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, del.StatusCode())
	f.clock.Advance(time.Minute)
	require.NoError(t, f.srv.Leave(ps[0].ID))
	f.clock.Advance(roomstest.RecordingProcessingDelay)
	left, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	assert.Equal(t, recordingIDs(running[1:]), recordingIDs(left))
	assert.Equal(t, gen.RoomRecordingStatusCompleted, left[0].Status, "Alice's video ended when she left")
	assert.Equal(t, int32(60), left[0].DurationSecs)
}
