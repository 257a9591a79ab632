package roomstest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func TestRequestValidationNamesTheParameter(t *testing.T) {
	f := newFixture(t, roomstest.WithSeedData())
	room := "/rooms/" + roomstest.SeedRoomID
	sess := "/room_sessions/" + roomstest.SeedSessionID
	tests := []struct {
		name, method, path, body string
		parameter, pointer       string
		code                     string
	}{
		{"path uuid", http.MethodGet, "/rooms/42", "", "room_id", "", "10015"},
		{"path uuid of a session", http.MethodPost, "/room_sessions/0ccc7b54/actions/end", "", "room_session_id", "", "10015"},
		{"path uuid of a participant", http.MethodGet, "/room_participants/xyz", "", "room_participant_id", "", "10015"},
		{"date filter", http.MethodGet, "/rooms?filter[date_created_at][eq]=25-04-2021", "", "filter[date_created_at][eq]", "", "10015"},
		{"date filter, impossible month", http.MethodGet, "/room_sessions?filter[date_ended_at][lte]=2021-13-01", "", "filter[date_ended_at][lte]", "", "10015"},
		{"boolean filter", http.MethodGet, "/room_sessions?filter[active]=yes", "", "filter[active]", "", "10015"},
		{"uuid filter", http.MethodGet, "/room_sessions?filter[room_id]=abc", "", "filter[room_id]", "", "10015"},
		{"uuid filter of participants", http.MethodGet, "/room_participants?filter[session_id]=abc", "", "filter[session_id]", "", "10015"},
		{"repeated parameter", http.MethodGet, "/room_sessions?filter[active]=true&filter[active]=false", "", "filter[active]", "", "10015"},
		{"include flag", http.MethodGet, room + "?include_sessions=maybe", "", "include_sessions", "", "10015"},
		{"body integer below minimum", http.MethodPost, "/rooms", `{"max_participants": 1}`, "", "/max_participants", "10015"},
		{"body integer above maximum", http.MethodPatch, room, `{"webhook_timeout_secs": 31}`, "", "/webhook_timeout_secs", "10015"},
		{"body wrong type", http.MethodPost, "/rooms", `{"enable_recording": "yes"}`, "", "/enable_recording", "10015"},
		{"body uri", http.MethodPost, "/rooms", `{"webhook_event_url": "example.com"}`, "", "/webhook_event_url", "10015"},
		{"body null where not nullable", http.MethodPatch, room, `{"unique_name": null}`, "", "/unique_name", "10015"},
		{"body missing required field", http.MethodPost, room + "/actions/refresh_client_token", `{"token_ttl_secs": 60}`, "", "/refresh_token", "10004"},
		{"body ttl too long", http.MethodPost, room + "/actions/generate_join_client_token", `{"refresh_token_ttl_secs": 86401}`, "", "/refresh_token_ttl_secs", "10015"},
		{"body participants keyword", http.MethodPost, sess + "/actions/mute", `{"participants": "everyone"}`, "", "/participants", "10015"},
		{"body exclude uuid", http.MethodPost, sess + "/actions/kick", `{"participants": "all", "exclude": ["bob"]}`, "", "/exclude/0", "10015"},
		{"body not JSON", http.MethodPost, "/rooms", `{"unique_name":`, "", "", "10023"},
		{"body not an object", http.MethodPost, "/rooms", `[]`, "", "", "10015"},
	}
	rooms, sessions, participants := f.srv.Rooms(), f.srv.Sessions(), f.srv.Participants()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := f.do(t, tt.method, tt.path, tt.body)
			require.Equal(t, http.StatusUnprocessableEntity, status, "body: %s", body)
			e := envelope(t, body)
			assert.Equal(t, tt.parameter, e.Source.Parameter)
			assert.Equal(t, tt.pointer, e.Source.Pointer)
			assert.Equal(t, tt.code, e.Code)
			assert.NotEmpty(t, e.Detail)
			assert.NotContains(t, e.Detail, "Schema:", "no kin-openapi dump")
			assert.NotContains(t, e.Detail, "field  ", "no empty field name")
		})
	}
	assert.Equal(t, rooms, f.srv.Rooms(), "no invalid request changed state")
	assert.Equal(t, sessions, f.srv.Sessions())
	assert.Equal(t, participants, f.srv.Participants())
}

func TestRequestValidationBodyRules(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, method, path, body, contentType string
	}{
		{"missing body", http.MethodPost, "/rooms", "", "application/json"},
		{"wrong content type", http.MethodPost, "/rooms", `{}`, "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, f.srv.URL+tt.path, stringsReader(tt.body))
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+testKey)
			req.Header.Set("Content-Type", tt.contentType)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
			assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			envelope(t, readAll(t, resp))
		})
	}
	assert.Empty(t, f.srv.Rooms())
}

func TestRoutingErrors(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, method, url string
		status            int
	}{
		{"outside the base path", http.MethodGet, f.srv.URL[:len(f.srv.URL)-len(roomstest.BasePath)] + "/rooms", http.StatusNotFound},
		{"unknown path", http.MethodGet, f.srv.URL + "/roomz", http.StatusNotFound},
		{"unknown method", http.MethodPut, f.srv.URL + "/rooms", http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := doRaw(t, tt.method, tt.url, "", "Bearer "+testKey)
			assert.Equal(t, tt.status, status)
			assert.Equal(t, "application/json", header.Get("Content-Type"))
			envelope(t, body)
		})
	}
	assert.Equal(t, 3, f.srv.Requests(roomstest.AllRoutes))
}
