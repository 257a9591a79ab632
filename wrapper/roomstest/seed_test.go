package roomstest_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// TestSeedExampleRequests sends the example requests of the documents in
// ../shared/seeds/ (000-004), with their ids and filter values, to a seeded
// fake: each succeeds, and where the example selects something it is there.
func TestSeedExampleRequests(t *testing.T) {
	const (
		room    = "/rooms/" + roomstest.SeedRoomID
		session = "/room_sessions/" + roomstest.SeedSessionID
		day     = "2021-04-25" // the documents' date filter example
	)
	dates := func(field string) string {
		return "filter[date_" + field + "][eq]=" + day + "&filter[date_" + field + "][gte]=" + day + "&filter[date_" + field + "][lte]=" + day
	}
	tests := []struct {
		doc, name, method, path, body string
		status                        int
		contains                      []string
	}{
		{"000/001", "endSession", http.MethodPost, session + "/actions/end", "", 200, []string{`"result":"ok"`}},
		{"000/001", "kickParticipantInSession (participants omitted)", http.MethodPost, session + "/actions/kick", `{"exclude":["7b61621f-62e0-4aad-ab11-9fd19e272e73"]}`, 200, nil},
		{"000/001", "kickParticipantInSession (all)", http.MethodPost, session + "/actions/kick", `{"participants":"all","exclude":["7b61621f-62e0-4aad-ab11-9fd19e272e73"]}`, 200, nil},
		{"000/001", "muteParticipantInSession", http.MethodPost, session + "/actions/mute", `{"participants":"all","exclude":["7b61621f-62e0-4aad-ab11-9fd19e272e73"]}`, 200, nil},
		{"000/001", "unmuteParticipantInSession", http.MethodPost, session + "/actions/unmute", `{"participants":["7b61621f-62e0-4aad-ab11-9fd19e272e73"]}`, 200, nil},
		{"000/001", "listRoomParticipants, every filter", http.MethodGet, session + "/participants?" + dates("joined_at") + "&" + dates("updated_at") + "&" + dates("left_at") + "&filter[context]=Alice&page[size]=20&page[number]=1", "", 200, []string{`"total_results":0`}},
		{"000/001", "listRoomParticipants, context", http.MethodGet, session + "/participants?filter[context]=Alice&" + dates("joined_at"), "", 200, []string{roomstest.SeedAliceID}},
		{"000/001", "listRoomSessions, every filter", http.MethodGet, "/room_sessions?" + dates("created_at") + "&" + dates("updated_at") + "&" + dates("ended_at") + "&filter[room_id]=" + roomstest.SeedRoomID + "&filter[active]=true&include_participants=true&page[size]=20&page[number]=1", "", 200, []string{`"total_results":0`}},
		{"000/001", "listRoomSessions, room and active", http.MethodGet, "/room_sessions?filter[room_id]=" + roomstest.SeedRoomID + "&filter[active]=true&include_participants=true&" + dates("created_at"), "", 200, []string{roomstest.SeedSessionID, `"context":"Alice"`}},
		{"000/001", "viewRoomSession", http.MethodGet, session + "?include_participants=true", "", 200, []string{`"context":"Alice"`, `"context":"Bob"`}},
		{"002", "listRooms", http.MethodGet, "/rooms?include_sessions=true&page[size]=20&page[number]=1", "", 200, []string{`"My Room"`, `"my_video_room"`}},
		{"002", "listRooms, unique_name", http.MethodGet, "/rooms?filter[unique_name]=my_video_room&" + dates("created_at") + "&" + dates("updated_at"), "", 200, []string{roomstest.SeedRoomID}},
		{"002", "createRoom", http.MethodPost, "/rooms", `{}`, 201, []string{`"max_participants":10`}},
		{"002", "viewRoom", http.MethodGet, room + "?include_sessions=true", "", 200, []string{roomstest.SeedSessionID}},
		{"002", "updateRoom", http.MethodPatch, room, `{}`, 200, []string{roomstest.SeedRoomID}},
		{"002", "nestedListRoomSessions", http.MethodGet, room + "/sessions?" + dates("created_at") + "&filter[active]=true&include_participants=true", "", 200, []string{roomstest.SeedSessionID}},
		{"002", "deleteRoom", http.MethodDelete, room, "", 204, nil},
		{"003", "nestedListRoomParticipants", http.MethodGet, session + "/participants", "", 200, []string{`"total_results":3`}},
		{"004", "rooms.sessions.list1", http.MethodGet, room + "/sessions", "", 200, []string{roomstest.SeedSessionID}},
		{"contract", "viewRoomParticipant (path example)", http.MethodGet, "/room_participants/" + roomstest.SeedBobID, "", 200, []string{`"context":"Bob"`}},
		{"contract", "listRoomParticipants", http.MethodGet, "/room_participants?filter[context]=Alice", "", 200, []string{roomstest.SeedAliceID, `"total_results":1`}},
		{"reference", "listRoomRecordings", http.MethodGet, "/room_recordings?filter[session_id]=" + roomstest.SeedEndedSessionID, "", 200, []string{roomstest.SeedRecordingID, `"status":"completed"`, `"total_results":1`, "/media/recordings/" + roomstest.SeedRecordingID + ".mka"}},
		{"reference", "viewRoomRecording", http.MethodGet, "/room_recordings/" + roomstest.SeedRecordingID, "", 200, []string{`"codec":"opus"`, `"size_mb":`}},
		{"reference", "listRoomCompositions", http.MethodGet, "/room_compositions?filter[status]=completed", "", 200, []string{roomstest.SeedCompositionID, `"total_results":1`, "/media/compositions/" + roomstest.SeedCompositionID + ".mp4"}},
		{"reference", "viewRoomComposition", http.MethodGet, "/room_compositions/" + roomstest.SeedCompositionID, "", 200, []string{`"user_id":"12a04ec9-0f91-4a91-9f3a-a19d9931182e"`, `"video_sources":["*"]`}},
		{"reference", "createRoomComposition", http.MethodPost, "/room_compositions", `{"session_id":"` + roomstest.SeedEndedSessionID + `","resolution":"800x600"}`, 202, []string{`"status":"enqueued"`}},
		{"contract", "generateJoinClientToken", http.MethodPost, room + "/actions/generate_join_client_token", `{"token_ttl_secs":600,"refresh_token_ttl_secs":3600}`, 201, []string{`"refresh_token"`}},
	}
	for _, tt := range tests {
		t.Run(tt.doc+" "+tt.name, func(t *testing.T) {
			f := newFixture(t, roomstest.WithSeedData())
			status, _, body := f.do(t, tt.method, tt.path, tt.body)
			require.Equal(t, tt.status, status, "body: %s", body)
			for _, want := range tt.contains {
				assert.Contains(t, string(body), want)
			}
		})
	}
}

// TestSeedMatchesTheDocumentedSamples compares the seed world with the
// response samples copied from the documents into testdata/seeds.
func TestSeedMatchesTheDocumentedSamples(t *testing.T) {
	f := newFixture(t, roomstest.WithSeedData())
	tests := []struct {
		sample, path string
	}{
		{"room.json", "/rooms/" + roomstest.SeedMyRoomID + "?include_sessions=true"},
		{"room_session.json", "/room_sessions/" + roomstest.SeedEndedSessionID + "?include_participants=true"},
	}
	for _, tt := range tests {
		t.Run(tt.sample, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", tt.sample))
			require.NoError(t, err)
			status, _, body := f.do(t, http.MethodGet, tt.path, "")
			require.Equal(t, http.StatusOK, status)
			want, got := normalize(t, raw), normalize(t, body)
			assert.Equal(t, want, got)
		})
	}
}

// normalize decodes a room or session document and drops empty nested
// participant lists, which the generated types omit.
func normalize(t *testing.T, b []byte) any {
	t.Helper()
	var doc struct{ Data json.RawMessage }
	require.NoError(t, json.Unmarshal(b, &doc))
	var probe map[string]any
	require.NoError(t, json.Unmarshal(doc.Data, &probe))
	if probe["record_type"] == "room" {
		var r gen.Room
		require.NoError(t, json.Unmarshal(doc.Data, &r))
		for i := range r.Sessions {
			if len(r.Sessions[i].Participants) == 0 {
				r.Sessions[i].Participants = nil
			}
		}
		return r
	}
	var s gen.RoomSession
	require.NoError(t, json.Unmarshal(doc.Data, &s))
	if len(s.Participants) == 0 {
		s.Participants = nil
	}
	return s
}

func TestSeedWorld(t *testing.T) {
	f := newFixture(t, roomstest.WithSeedData())
	names := map[string]uuid.UUID{}
	for _, r := range f.srv.Rooms() {
		names[r.UniqueName] = uid(r.ID)
	}
	assert.Equal(t, map[string]uuid.UUID{
		"sample-room":   uid(roomstest.SeedPastRoomID),
		"My Room":       uid(roomstest.SeedMyRoomID),
		"my_video_room": uid(roomstest.SeedRoomID),
	}, names)
	assert.Len(t, f.srv.Sessions(), 3)
	assert.Len(t, f.srv.Participants(), 3)

	// The seed world is live: it obeys the same rules as any other state.
	_, err := f.srv.StartSession(roomstest.SeedRoomID)
	assert.ErrorIs(t, err, roomstest.ErrSessionActive)
	p, err := f.srv.Join(roomstest.SeedSessionID, "Dave")
	require.NoError(t, err)
	assert.Equal(t, roomstest.SeedSessionID, p.SessionID)
	require.NoError(t, f.srv.Leave(roomstest.SeedBobID))
	assert.ErrorIs(t, f.srv.Leave(roomstest.SeedCarolID), roomstest.ErrAlreadyLeft)

	empty := newFixture(t)
	assert.Empty(t, empty.srv.Rooms(), "no seed without WithSeedData")
}
