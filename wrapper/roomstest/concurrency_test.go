package roomstest_test

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// TestUniqueNameUnderConcurrency races creates of one name: exactly one wins.
func TestUniqueNameUnderConcurrency(t *testing.T) {
	f := newFixture(t)
	const n = 32
	var created, refused atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			resp, err := f.api.CreateRoomWithResponse(f.ctx, gen.CreateRoomRequest{UniqueName: ptr("contested")})
			if !assert.NoError(t, err) {
				return
			}
			switch resp.StatusCode() {
			case http.StatusCreated:
				created.Add(1)
			case http.StatusUnprocessableEntity:
				refused.Add(1)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), created.Load())
	assert.Equal(t, int32(n-1), refused.Load())
	assert.Len(t, f.srv.Rooms(), 1)
}

// TestConcurrentUse mixes API calls and test controls from many goroutines;
// run with -race.
func TestConcurrentUse(t *testing.T) {
	f := newFixture(t)
	const rooms, people = 8, 6
	var wg sync.WaitGroup
	for i := range rooms {
		wg.Go(func() {
			room := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr(fmt.Sprint("room-", i))})
			s, err := f.srv.StartSession(room.ID.String())
			if !assert.NoError(t, err) {
				return
			}
			var inner sync.WaitGroup
			for j := range people {
				inner.Go(func() {
					_, err := f.srv.Join(s.ID, fmt.Sprint("p", j))
					assert.NoError(t, err)
				})
				inner.Go(func() {
					resp, err := f.api.ListRoomParticipantsWithResponse(f.ctx, &gen.ListRoomParticipantsParams{FilterSessionID: ptr(uid(s.ID))})
					if assert.NoError(t, err) {
						assert.Equal(t, http.StatusOK, resp.StatusCode())
					}
				})
			}
			inner.Wait()
			mute, err := f.api.MuteParticipantInSessionWithResponse(f.ctx, uid(s.ID), gen.ActionsParticipantsRequest{Participants: participants(t, true)})
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, mute.StatusCode())
			_, err = f.api.ListRoomsWithResponse(f.ctx, &gen.ListRoomsParams{IncludeSessions: ptr(true)})
			assert.NoError(t, err)
			end, err := f.api.EndSessionWithResponse(f.ctx, uid(s.ID))
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, end.StatusCode())
		})
	}
	wg.Wait()

	assert.Len(t, f.srv.Rooms(), rooms)
	assert.Len(t, f.srv.Sessions(), rooms)
	all := f.srv.Participants()
	assert.Len(t, all, rooms*people)
	for _, p := range all {
		assert.False(t, p.LeftAt.IsZero(), "everyone left when the sessions ended")
		assert.False(t, f.srv.Muted(p.ID), "who left is not muted")
	}
	assert.Equal(t, rooms, f.srv.Requests("endSession"))
}
