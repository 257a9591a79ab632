package roomstest_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// TestListsMatchABruteForceReference builds a world whose clock jumps back
// and forth (so timestamps tie and arrive out of order), with rooms
// renamed and deleted, and checks every list, filtered and paged, against
// the same list computed the slow way from the world's contents: sort
// everything by timestamp then creation order, filter, cut the page. The
// fake's lists read ordered indexes instead; they must answer the same.
func TestListsMatchABruteForceReference(t *testing.T) {
	f := newFixture(t)
	rng := rand.New(rand.NewPCG(12, 8))
	days := []time.Time{t0.AddDate(0, 0, -3), t0.AddDate(0, 0, -1), t0, t0.Add(23*time.Hour + 59*time.Minute)}
	at := func() time.Time { return days[rng.IntN(len(days))].Add(time.Duration(rng.IntN(3)) * time.Minute) }

	var (
		roomOrder []uuid.UUID // creation order, deleted rooms included
		sessOrder []rooms.Session
		partOrder []rooms.Participant
		ended     = map[string]bool{}
	)
	for i := range 60 {
		f.clock.Set(at())
		room := f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr(fmt.Sprint("r", i))})
		roomOrder = append(roomOrder, room.ID)
		if rng.IntN(3) == 0 {
			f.clock.Set(at())
			sess, _ := f.session(t, room.ID)
			sessOrder = append(sessOrder, sess)
			for j := range rng.IntN(4) {
				f.clock.Set(at())
				p, err := f.srv.Join(sess.ID, fmt.Sprint("p", j%2))
				require.NoError(t, err)
				partOrder = append(partOrder, p)
			}
			if rng.IntN(2) == 0 {
				ended[sess.ID] = true
				f.clock.Set(at())
				resp, err := f.api.EndSessionWithResponse(f.ctx, uid(sess.ID))
				require.NoError(t, err)
				require.Equal(t, http.StatusOK, resp.StatusCode())
			}
		}
		switch rng.IntN(6) {
		case 0:
			f.clock.Set(at())
			resp, err := f.api.UpdateRoomWithResponse(f.ctx, room.ID, gen.UpdateRoomRequest{UniqueName: ptr(fmt.Sprint("renamed", i))})
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode())
		case 1:
			f.clock.Set(at())
			if len(sessOrder) > 0 && sessOrder[len(sessOrder)-1].RoomID == room.ID.String() {
				ended[sessOrder[len(sessOrder)-1].ID] = true // deleting a room ends its session
			}
			resp, err := f.api.DeleteRoomWithResponse(f.ctx, room.ID)
			require.NoError(t, err)
			require.Equal(t, http.StatusNoContent, resp.StatusCode())
		}
	}

	// The reference: the world's contents, sorted the slow way.
	rank := map[uuid.UUID]int{}
	for i, id := range roomOrder {
		rank[id] = i
	}
	var refRooms []gen.Room
	for _, r := range f.srv.Rooms() {
		resp, err := f.api.ViewRoomWithResponse(f.ctx, uid(r.ID), nil)
		require.NoError(t, err)
		refRooms = append(refRooms, resp.JSON200.Data)
	}
	slices.SortStableFunc(refRooms, func(a, b gen.Room) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(rank[a.ID], rank[b.ID]))
	})
	slices.SortStableFunc(sessOrder, func(a, b rooms.Session) int { return a.CreatedAt.Compare(b.CreatedAt) })
	slices.SortStableFunc(partOrder, func(a, b rooms.Participant) int { return a.JoinedAt.Compare(b.JoinedAt) })
	require.NotEmpty(t, sessOrder)
	require.NotEmpty(t, partOrder)

	sizes := []int32{1, 3, 7, 250}
	for _, size := range sizes {
		for page := int32(1); page <= 60/size+2; page++ {
			for _, filter := range []struct {
				name   string
				params gen.ListRoomsParams
				keep   func(gen.Room) bool
			}{
				{"none", gen.ListRoomsParams{}, func(gen.Room) bool { return true }},
				{"created on t0", gen.ListRoomsParams{FilterDateCreatedAtEq: day(2024, 5, 10)}, func(r gen.Room) bool { return sameDay(r.CreatedAt, t0) }},
				{"created from t0-1d", gen.ListRoomsParams{FilterDateCreatedAtGte: day(2024, 5, 9)}, func(r gen.Room) bool { return !r.CreatedAt.Before(t0.AddDate(0, 0, -1)) }},
				{"created until t0-1d", gen.ListRoomsParams{FilterDateCreatedAtLte: day(2024, 5, 9)}, func(r gen.Room) bool { return r.CreatedAt.Before(t0) }},
				{"updated on t0", gen.ListRoomsParams{FilterDateUpdatedAtEq: day(2024, 5, 10)}, func(r gen.Room) bool { return sameDay(r.UpdatedAt, t0) }},
				{"named r7", gen.ListRoomsParams{FilterUniqueName: ptr("r7")}, func(r gen.Room) bool { return r.UniqueName == "r7" }},
			} {
				params := filter.params
				params.PageSize, params.PageNumber = ptr(size), ptr(page)
				resp, err := f.api.ListRoomsWithResponse(f.ctx, &params)
				require.NoError(t, err)
				require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
				want, total := refPage(refRooms, filter.keep, size, page)
				assert.Equal(t, roomIDs(want), roomIDs(resp.JSON200.Data), "rooms, %s, page %d of %d", filter.name, page, size)
				assert.Equal(t, int32(total), resp.JSON200.Meta.TotalResults, "rooms, %s", filter.name)
			}
		}
	}

	ids := func(n int, id func(int) string) []string {
		out := make([]string, n)
		for i := range n {
			out[i] = id(i)
		}
		return out
	}
	sessionsWhere := func(keep func(rooms.Session) bool) []string {
		out := []string{}
		for _, s := range sessOrder {
			if keep(s) {
				out = append(out, s.ID)
			}
		}
		return out
	}
	assert.Equal(t, sessionsWhere(func(rooms.Session) bool { return true }),
		ids(len(f.srv.Sessions()), func(i int) string { return f.srv.Sessions()[i].ID }), "Sessions() in list order")
	for _, roomID := range roomOrder {
		resp, err := f.api.ListRoomSessionsWithResponse(f.ctx, &gen.ListRoomSessionsParams{FilterRoomID: &roomID, PageSize: ptr(int32(250))})
		require.NoError(t, err)
		assert.Equal(t, sessionsWhere(func(s rooms.Session) bool { return s.RoomID == roomID.String() }),
			ids(len(resp.JSON200.Data), func(i int) string { return resp.JSON200.Data[i].ID.String() }), "sessions of room %s", roomID)
	}
	for _, active := range []bool{true, false} {
		resp, err := f.api.ListRoomSessionsWithResponse(f.ctx, &gen.ListRoomSessionsParams{FilterActive: &active, FilterDateCreatedAtGte: day(2024, 5, 9), PageSize: ptr(int32(250))})
		require.NoError(t, err)
		want := sessionsWhere(func(s rooms.Session) bool { return ended[s.ID] != active && !s.CreatedAt.Before(t0.AddDate(0, 0, -1)) })
		assert.Equal(t, want, ids(len(resp.JSON200.Data), func(i int) string { return resp.JSON200.Data[i].ID.String() }),
			"sessions active=%v created from t0-1d", active)
	}
	wantP := []string{}
	for _, p := range partOrder {
		if p.Context == "p1" && sameDay(p.JoinedAt, t0) {
			wantP = append(wantP, p.ID)
		}
	}
	resp, err := f.api.ListRoomParticipantsWithResponse(f.ctx, &gen.ListRoomParticipantsParams{FilterContext: ptr("p1"), FilterDateJoinedAtEq: day(2024, 5, 10), PageSize: ptr(int32(250))})
	require.NoError(t, err)
	assert.Equal(t, wantP, ids(len(resp.JSON200.Data), func(i int) string { return resp.JSON200.Data[i].ID.String() }),
		"participants p1 joined on t0")
	assert.Equal(t, ids(len(partOrder), func(i int) string { return partOrder[i].ID }),
		ids(len(f.srv.Participants()), func(i int) string { return f.srv.Participants()[i].ID }), "Participants() in list order")
}

func sameDay(a, b time.Time) bool {
	y, m, d := a.UTC().Date()
	y2, m2, d2 := b.UTC().Date()
	return y == y2 && m == m2 && d == d2
}

func refPage[T any](items []T, keep func(T) bool, size, page int32) ([]T, int) {
	var kept []T
	for _, it := range items {
		if keep(it) {
			kept = append(kept, it)
		}
	}
	start := min(int(size)*int(page-1), len(kept))
	end := min(start+int(size), len(kept))
	return kept[start:end], len(kept)
}
