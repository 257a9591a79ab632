package roomstest_test

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// TestRecordingsUnderConcurrency: meetings of recording rooms joined and
// ended from many goroutines while others list, settle and download; then
// compositions and bulk deletes, one per session, at once. Every recording
// is held once and deleted once; run with -race.
func TestRecordingsUnderConcurrency(t *testing.T) {
	f := newFixture(t)
	const meetings, people = 6, 4
	sessions := make([]uuid.UUID, meetings)
	var wg, readers sync.WaitGroup
	stop := make(chan struct{})
	for range 3 {
		readers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				f.srv.Settle()
				_, err := f.api.ListRoomRecordingsWithResponse(f.ctx, &gen.ListRoomRecordingsParams{})
				assert.NoError(t, err)
			}
		})
	}
	for i := range meetings {
		wg.Go(func() {
			room := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr(fmt.Sprint("rec-", i)), EnableRecording: ptr(true)})
			s, err := f.srv.StartSession(room.ID.String())
			if !assert.NoError(t, err) {
				return
			}
			sessions[i] = uid(s.ID)
			var inner sync.WaitGroup
			for j := range people {
				inner.Go(func() {
					_, err := f.srv.Join(s.ID, fmt.Sprint("p", j))
					assert.NoError(t, err)
				})
			}
			inner.Wait()
			resp, err := f.api.EndSessionWithResponse(f.ctx, sessions[i])
			if assert.NoError(t, err) {
				assert.Equal(t, http.StatusOK, resp.StatusCode())
			}
		})
	}
	wg.Wait()
	close(stop)
	readers.Wait()

	f.clock.Advance(roomstest.RecordingProcessingDelay)
	all, meta := f.recordings(t, gen.ListRoomRecordingsParams{PageSize: ptr(int32(250))})
	require.Equal(t, int32(meetings*people*2), meta.TotalResults)
	seen := map[uuid.UUID]bool{}
	for _, r := range all {
		assert.False(t, seen[r.ID], "held once")
		seen[r.ID] = true
		assert.Equal(t, gen.RoomRecordingStatusCompleted, r.Status)
	}

	var deleted atomic.Int32
	for _, s := range sessions {
		wg.Go(func() {
			c, err := f.api.CreateRoomCompositionWithResponse(f.ctx, gen.CreateRoomCompositionRequest{SessionID: s})
			if assert.NoError(t, err) {
				assert.Equal(t, http.StatusAccepted, c.StatusCode(), "body: %s", c.Body)
			}
			del, err := f.api.DeleteRoomRecordingsWithResponse(f.ctx, &gen.DeleteRoomRecordingsParams{FilterSessionID: &s})
			if assert.NoError(t, err) && assert.Equal(t, http.StatusCreated, del.StatusCode()) {
				deleted.Add(del.JSON201.Data.RoomRecordings)
			}
		})
		wg.Go(func() {
			for _, r := range all[:4] {
				status, _, _ := download(t, http.MethodGet, r.DownloadURL, nil)
				assert.Contains(t, []int{http.StatusOK, http.StatusNotFound}, status, "served, or already deleted")
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(meetings*people*2), deleted.Load(), "each recording deleted exactly once")
	left, _ := f.recordings(t, gen.ListRoomRecordingsParams{})
	assert.Empty(t, left)
	comps, err := f.api.ListRoomCompositionsWithResponse(f.ctx, &gen.ListRoomCompositionsParams{})
	require.NoError(t, err)
	assert.Len(t, comps.JSON200.Data, meetings)
}
