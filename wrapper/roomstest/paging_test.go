package roomstest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func TestPaging(t *testing.T) {
	f := newFixture(t)
	var all []uuid.UUID
	for i := range 45 {
		f.clock.Advance(time.Second)
		all = append(all, f.createRoom(t, gen.CreateRoomRequest{UniqueName: ptr(fmt.Sprintf("room-%02d", i))}).ID)
	}

	tests := []struct {
		name         string
		size, number *int32
		want         []uuid.UUID
		meta         gen.PaginationMeta
	}{
		{"defaults", nil, nil, all[:20], gen.PaginationMeta{PageNumber: 1, PageSize: 20, TotalPages: 3, TotalResults: 45}},
		{"second default page", nil, ptr(int32(2)), all[20:40], gen.PaginationMeta{PageNumber: 2, PageSize: 20, TotalPages: 3, TotalResults: 45}},
		{"last partial page", nil, ptr(int32(3)), all[40:], gen.PaginationMeta{PageNumber: 3, PageSize: 20, TotalPages: 3, TotalResults: 45}},
		{"page past the end", nil, ptr(int32(4)), []uuid.UUID{}, gen.PaginationMeta{PageNumber: 4, PageSize: 20, TotalPages: 3, TotalResults: 45}},
		{"far past the end", ptr(int32(250)), ptr(int32(2147483647)), []uuid.UUID{}, gen.PaginationMeta{PageNumber: 2147483647, PageSize: 250, TotalPages: 1, TotalResults: 45}},
		{"size 1", ptr(int32(1)), nil, all[:1], gen.PaginationMeta{PageNumber: 1, PageSize: 1, TotalPages: 45, TotalResults: 45}},
		{"size 1, page 45", ptr(int32(1)), ptr(int32(45)), all[44:], gen.PaginationMeta{PageNumber: 45, PageSize: 1, TotalPages: 45, TotalResults: 45}},
		{"size 250", ptr(int32(250)), nil, all, gen.PaginationMeta{PageNumber: 1, PageSize: 250, TotalPages: 1, TotalResults: 45}},
		{"size divides total", ptr(int32(15)), ptr(int32(3)), all[30:], gen.PaginationMeta{PageNumber: 3, PageSize: 15, TotalPages: 3, TotalResults: 45}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.api.ListRoomsWithResponse(f.ctx, &gen.ListRoomsParams{PageSize: tt.size, PageNumber: tt.number})
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode(), "body: %s", resp.Body)
			assert.Equal(t, tt.want, roomIDs(resp.JSON200.Data))
			assert.Equal(t, tt.meta, resp.JSON200.Meta)
		})
	}

	// An empty page is [] in JSON, never null.
	status, _, body := f.do(t, http.MethodGet, "/rooms?page[number]=9", "")
	require.Equal(t, http.StatusOK, status)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &raw))
	assert.JSONEq(t, `[]`, string(raw["data"]))
}

func TestPagingNoResults(t *testing.T) {
	f := newFixture(t)
	resp, err := f.api.ListRoomParticipantsWithResponse(f.ctx, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Empty(t, resp.JSON200.Data)
	assert.Equal(t, gen.PaginationMeta{PageNumber: 1, PageSize: 20, TotalPages: 0, TotalResults: 0}, resp.JSON200.Meta)
}

func TestPagingRejectsOutOfRange(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ query, param string }{
		{"page[size]=0", "page[size]"},
		{"page[size]=251", "page[size]"},
		{"page[size]=-1", "page[size]"},
		{"page[size]=ten", "page[size]"},
		{"page[number]=0", "page[number]"},
		{"page[number]=1.5", "page[number]"},
		{"page[number]=2147483648", "page[number]"},
	}
	for _, path := range []string{"/rooms", "/room_sessions", "/room_participants", "/rooms/" + uuid.NewString() + "/sessions", "/room_sessions/" + uuid.NewString() + "/participants"} {
		for _, tt := range tests {
			t.Run(path+"?"+tt.query, func(t *testing.T) {
				status, _, body := f.do(t, http.MethodGet, path+"?"+tt.query, "")
				require.Equal(t, http.StatusUnprocessableEntity, status, "body: %s", body)
				assert.Equal(t, tt.param, envelope(t, body).Source.Parameter)
			})
		}
	}
}

func TestPagingOfSessionsAndParticipants(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{MaxParticipants: ptr(int32(50))})
	var sessions []uuid.UUID
	for range 3 {
		f.clock.Advance(time.Second)
		s, _ := f.session(t, room.ID)
		sessions = append(sessions, uid(s.ID))
		_, err := f.api.EndSessionWithResponse(f.ctx, uid(s.ID))
		require.NoError(t, err)
	}
	s, _ := f.session(t, room.ID)
	sessions = append(sessions, uid(s.ID))
	var people []uuid.UUID
	for i := range 5 {
		f.clock.Advance(time.Second)
		p, err := f.srv.Join(s.ID, fmt.Sprint("p", i))
		require.NoError(t, err)
		people = append(people, uid(p.ID))
	}

	sp, err := f.api.ListRoomSessionsWithResponse(f.ctx, &gen.ListRoomSessionsParams{PageSize: ptr(int32(3)), PageNumber: ptr(int32(2))})
	require.NoError(t, err)
	assert.Equal(t, sessions[3:], sessionIDs(sp.JSON200.Data))
	assert.Equal(t, gen.PaginationMeta{PageNumber: 2, PageSize: 3, TotalPages: 2, TotalResults: 4}, sp.JSON200.Meta)

	pp, err := f.api.NestedListRoomParticipantsWithResponse(f.ctx, uid(s.ID), &gen.NestedListRoomParticipantsParams{PageSize: ptr(int32(2)), PageNumber: ptr(int32(3))})
	require.NoError(t, err)
	assert.Equal(t, people[4:], participantIDs(pp.JSON200.Data))
	assert.Equal(t, gen.PaginationMeta{PageNumber: 3, PageSize: 2, TotalPages: 3, TotalResults: 5}, pp.JSON200.Meta)
}
