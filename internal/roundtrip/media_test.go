package roundtrip

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// settle is more than the fake takes to complete a recording or a
// composition on its clock (openapi.yaml D19, D20).
const settle = time.Minute

func recordingIDs(rs []rooms.Recording) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func compositionIDs(cs []rooms.Composition) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// recordingOf returns the recording of a participant of one type.
func recordingOf(t *testing.T, w *world, participant string, typ rooms.RecordingType) rooms.Recording {
	t.Helper()
	i := slices.IndexFunc(w.recordings, func(r rooms.Recording) bool { return r.ParticipantID == participant && r.Type == typ })
	require.GreaterOrEqual(t, i, 0, "%s recording of %s", typ, participant)
	return w.recordings[i]
}

// mediaSteps follow steps: a session of retro is recorded, its recordings
// listed, read and composed, then everything is deleted again.
func mediaSteps() []step {
	return []step{
		{op: "updateRoom", name: "recording on", run: func(t *testing.T, ctx context.Context, w *world) {
			r, err := w.c.Rooms.Update(ctx, w.retro, &rooms.RoomParams{EnableRecording: rooms.Ptr(true)})
			require.NoError(t, err)
			assert.True(t, r.EnableRecording)
		}},
		{op: "endSession", name: "a recorded session", run: func(t *testing.T, ctx context.Context, w *world) {
			s, err := w.srv.StartSession(w.retro)
			require.NoError(t, err)
			w.recorded = s.ID
			for _, who := range []struct {
				id   *string
				name string
			}{{&w.erin, "Erin"}, {&w.frank, "Frank"}} {
				p, err := w.srv.Join(w.recorded, who.name)
				require.NoError(t, err)
				*who.id = p.ID
			}
			require.NoError(t, w.c.Sessions.End(ctx, w.recorded))
			w.clock.advance(settle)
		}},
		{op: "listRoomRecordings", name: "every filter", run: func(t *testing.T, ctx context.Context, w *world) {
			p, err := w.c.Recordings.List(ctx, &rooms.ListRecordingsParams{ListOptions: rooms.ListOptions{PageNumber: 1, PageSize: 10},
				RecordingFilter: rooms.RecordingFilter{SessionID: w.recorded}})
			require.NoError(t, err)
			require.Len(t, p.Items, 4, "audio and video of Erin and Frank")
			assert.Equal(t, [4]int{1, 10, 1, 4}, paging(p))
			w.recordings = p.Items
			for _, r := range p.Items {
				assert.Equal(t, rooms.RecordingCompleted, r.Status)
				assert.Equal(t, w.retro, r.RoomID)
				assert.NotEmpty(t, r.DownloadURL)
				assert.Positive(t, r.SizeMB)
				assert.False(t, r.EndedAt.IsZero())
			}
			erin := recordingOf(t, w, w.erin, rooms.RecordingVideo)

			p, err = w.c.Recordings.List(ctx, &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{
				StartedAt: onDay, EndedAt: onDay, RoomID: w.retro, SessionID: w.recorded, ParticipantID: w.erin,
				Status: rooms.RecordingCompleted, Type: rooms.RecordingVideo, MinDurationSecs: erin.DurationSecs,
			}})
			require.NoError(t, err)
			assert.Equal(t, []string{erin.ID}, recordingIDs(p.Items))

			p, err = w.c.Recordings.List(ctx, &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{
				SessionID: w.recorded, MinDurationSecs: erin.DurationSecs + 1_000_000,
			}})
			require.NoError(t, err)
			assert.Empty(t, p.Items, "none lasts that long")

			p, err = w.c.Recordings.List(ctx, &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{EndedAt: afterDay}})
			require.NoError(t, err)
			assert.Empty(t, p.Items)
		}},
		{op: "listRoomRecordings", name: "iterator and Next", run: func(t *testing.T, ctx context.Context, w *world) {
			p := &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{RoomID: w.retro}, ListOptions: rooms.ListOptions{PageSize: 3}}
			all := collect(t, w.c.Recordings.ListIter(ctx, p, rooms.WithPrefetch(1)))
			assert.Equal(t, recordingIDs(w.recordings), recordingIDs(all))

			page, err := w.c.Recordings.List(ctx, p)
			require.NoError(t, err)
			page, err = page.Next(ctx)
			require.NoError(t, err)
			assert.Equal(t, [4]int{2, 3, 2, 4}, paging(page))
			assert.False(t, page.HasNext())
		}},
		{op: "viewRoomRecording", name: "", run: func(t *testing.T, ctx context.Context, w *world) {
			want := recordingOf(t, w, w.frank, rooms.RecordingAudio)
			r, err := w.c.Recordings.Get(ctx, want.ID)
			require.NoError(t, err)
			assert.Equal(t, want, *r)
			assert.Equal(t, w.recorded, r.SessionID)
		}},
		{op: "createRoomComposition", name: "every field", run: func(t *testing.T, ctx context.Context, w *world) {
			videos := []string{recordingOf(t, w, w.erin, rooms.RecordingVideo).ID, recordingOf(t, w, w.frank, rooms.RecordingVideo).ID}
			layout := map[string]rooms.VideoRegion{
				"grid":  {Height: 720, Width: 1280, MaxColumns: 2, MaxRows: 1, VideoSources: []string{rooms.AllVideoSources}},
				"inset": {Height: 180, Width: 320, XPos: 940, YPos: 520, ZPos: 1, VideoSources: videos[:1]},
			}
			c, err := w.c.Compositions.Create(ctx, &rooms.CompositionParams{
				SessionID: w.recorded, Format: rooms.FormatMP4, Resolution: rooms.Resolution{Width: 1280, Height: 720}, VideoLayout: layout,
				WebhookEventURL: "https://example.com/compositions", WebhookEventFailoverURL: "https://failover.example.com/compositions",
				WebhookTimeoutSecs: rooms.Ptr(15),
			})
			require.NoError(t, err)
			assert.Equal(t, rooms.CompositionEnqueued, c.Status)
			assert.Equal(t, w.recorded, c.SessionID)
			assert.Equal(t, w.retro, c.RoomID)
			assert.Equal(t, rooms.FormatMP4, c.Format)
			assert.Equal(t, "1280x720", c.Resolution)
			assert.Equal(t, layout, c.VideoLayout)
			assert.Equal(t, "https://example.com/compositions", c.WebhookEventURL)
			assert.Equal(t, "https://failover.example.com/compositions", c.WebhookEventFailoverURL)
			require.NotNil(t, c.WebhookTimeoutSecs)
			assert.Equal(t, 15, *c.WebhookTimeoutSecs)
			w.composed = c.ID
		}},
		{op: "createRoomComposition", name: "the defaults", run: func(t *testing.T, ctx context.Context, w *world) {
			c, err := w.c.Compositions.Create(ctx, &rooms.CompositionParams{SessionID: w.recorded})
			require.NoError(t, err)
			assert.Equal(t, rooms.FormatMP4, c.Format)
			assert.Equal(t, "1280x720", c.Resolution)
			assert.Nil(t, c.WebhookTimeoutSecs)
			w.composed2 = c.ID
		}},
		{op: "listRoomCompositions", name: "every filter", run: func(t *testing.T, ctx context.Context, w *world) {
			p, err := w.c.Compositions.List(ctx, &rooms.ListCompositionsParams{SessionID: w.recorded, Status: rooms.CompositionCompleted})
			require.NoError(t, err)
			assert.Empty(t, p.Items, "not completed yet")

			w.clock.advance(settle)
			p, err = w.c.Compositions.List(ctx, &rooms.ListCompositionsParams{
				CreatedAt: onDay, SessionID: w.recorded, Status: rooms.CompositionCompleted, ListOptions: rooms.ListOptions{PageNumber: 1, PageSize: 5},
			})
			require.NoError(t, err)
			assert.Equal(t, []string{w.composed, w.composed2}, compositionIDs(p.Items))
			assert.Equal(t, [4]int{1, 5, 1, 2}, paging(p))

			p, err = w.c.Compositions.List(ctx, &rooms.ListCompositionsParams{SessionID: w.recorded, Status: rooms.CompositionEnqueued})
			require.NoError(t, err)
			assert.Empty(t, p.Items, "both completed")

			p, err = w.c.Compositions.List(ctx, &rooms.ListCompositionsParams{CreatedAt: afterDay})
			require.NoError(t, err)
			assert.Empty(t, p.Items)
		}},
		{op: "deleteRoomComposition", name: "", run: func(t *testing.T, ctx context.Context, w *world) {
			require.NoError(t, w.c.Compositions.Delete(ctx, w.composed2))
		}},
		{op: "listRoomCompositions", name: "iterator, after the delete", run: func(t *testing.T, ctx context.Context, w *world) {
			all := collect(t, w.c.Compositions.ListIter(ctx, &rooms.ListCompositionsParams{ListOptions: rooms.ListOptions{PageSize: 1}}, rooms.WithPrefetch(2)))
			assert.Equal(t, []string{w.composed}, compositionIDs(all))
		}},
		{op: "viewRoomComposition", name: "completed", run: func(t *testing.T, ctx context.Context, w *world) {
			c, err := w.c.Compositions.Get(ctx, w.composed)
			require.NoError(t, err)
			assert.Equal(t, rooms.CompositionCompleted, c.Status)
			assert.NotEmpty(t, c.DownloadURL)
			assert.False(t, c.CompletedAt.IsZero())
		}},
		{op: "deleteRoomRecording", name: "", run: func(t *testing.T, ctx context.Context, w *world) {
			require.NoError(t, w.c.Recordings.Delete(ctx, recordingOf(t, w, w.frank, rooms.RecordingAudio).ID))
		}},
		{op: "deleteRoomRecordings", name: "every filter", run: func(t *testing.T, ctx context.Context, w *world) {
			erin := recordingOf(t, w, w.erin, rooms.RecordingVideo)
			n, err := w.c.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{RecordingFilter: rooms.RecordingFilter{
				StartedAt: onDay, EndedAt: onDay, RoomID: w.retro, SessionID: w.recorded, ParticipantID: w.erin,
				Status: rooms.RecordingCompleted, Type: rooms.RecordingVideo, MinDurationSecs: erin.DurationSecs,
			}, ListOptions: rooms.ListOptions{PageNumber: 1, PageSize: 10}})
			require.NoError(t, err)
			assert.Equal(t, 1, n, "Erin's video only")

			n, err = w.c.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{RecordingFilter: rooms.RecordingFilter{EndedAt: afterDay}})
			require.NoError(t, err)
			assert.Zero(t, n, "nothing matches")
		}},
		{op: "deleteRoomRecordings", name: "all of them", run: func(t *testing.T, ctx context.Context, w *world) {
			_, err := w.c.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{})
			require.ErrorAs(t, err, new(*rooms.ValidationError), "no filter: refused before the network")

			n, err := w.c.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{AllRecordings: true})
			require.NoError(t, err)
			assert.Equal(t, 2, n, "Erin's audio and Frank's video were left")
		}},
	}
}
