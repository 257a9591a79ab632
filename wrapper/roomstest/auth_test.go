package roomstest_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func TestAuth(t *testing.T) {
	const key = "KEYsecret-0123456789"
	tests := []struct {
		name   string
		opts   []roomstest.Option
		auth   string
		status int
	}{
		{"no header", nil, "", http.StatusUnauthorized},
		{"no scheme", nil, key, http.StatusUnauthorized},
		{"basic scheme", nil, "Basic " + key, http.StatusUnauthorized},
		{"empty bearer", nil, "Bearer ", http.StatusUnauthorized},
		{"blank bearer", nil, "Bearer    ", http.StatusUnauthorized},
		{"any key without WithAPIKey", nil, "Bearer anything", http.StatusCreated},
		{"scheme is case-insensitive", nil, "bearer anything", http.StatusCreated},
		{"the configured key", []roomstest.Option{roomstest.WithAPIKey(key)}, "Bearer " + key, http.StatusCreated},
		{"another key", []roomstest.Option{roomstest.WithAPIKey(key)}, "Bearer " + key + "x", http.StatusUnauthorized},
		{"a prefix of the key", []roomstest.Option{roomstest.WithAPIKey(key)}, "Bearer KEY", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.opts...)
			status, header, body := doRaw(t, http.MethodPost, f.srv.URL+"/rooms", `{"unique_name": "x"}`, tt.auth)
			require.Equal(t, tt.status, status, "body: %s", body)
			if tt.status != http.StatusUnauthorized {
				assert.Len(t, f.srv.Rooms(), 1)
				return
			}
			assert.Equal(t, "application/json", header.Get("Content-Type"))
			e := envelope(t, body)
			assert.Equal(t, "10009", e.Code)
			assert.NotContains(t, string(body), "KEY", "the key is never echoed")
			assert.Empty(t, f.srv.Rooms(), "an unauthenticated request changes nothing")
		})
	}
}

func TestAuthComesBeforeValidation(t *testing.T) {
	f := newFixture(t)
	status, _, body := doRaw(t, http.MethodGet, f.srv.URL+"/rooms?page[size]=0", "", "")
	assert.Equal(t, http.StatusUnauthorized, status, "body: %s", body)
	assert.Equal(t, 1, f.srv.Requests("listRooms"))
}

func TestCheckAPIKey(t *testing.T) {
	tests := []struct {
		key, want string // want: "" for a valid key, else what the error says
	}{
		{"", ""},
		{"KEY0123_abc-~+/=.!#$%&'*^`|", ""},
		{"k1 ", "byte 3 of 3 (the last) is a space"},
		{" k1", "byte 1 of 3 (the first) is a space"},
		{"k 1", "byte 2 of 3 is a space"},
		{"k1\t", "byte 3 of 3 (the last) is a tab"},
		{"k1\n", "is a line break (U+000A)"},
		{"k1\r\n", "byte 3 of 4 is a line break (U+000D)"},
		{"k\x001", "the control character U+0000"},
		{"k\x7f1", "the control character U+007F"},
		{"k\u00851", "the control character U+0085"},
		{"clé", "byte 3 of 4 (the last) is the non-ASCII character U+00E9"},
		{"k\u202e1", "the non-ASCII character U+202E"},
		{"k\xff1", "byte 2 of 3 is not valid UTF-8"},
	}
	for _, tt := range tests {
		err := roomstest.CheckAPIKey(tt.key)
		if tt.want == "" {
			assert.NoError(t, err, "%q", tt.key)
			continue
		}
		require.ErrorIs(t, err, roomstest.ErrInvalidAPIKey, "%q", tt.key)
		assert.Contains(t, err.Error(), tt.want, "%q", tt.key)
		if len(tt.key) > 2 {
			assert.NotContains(t, err.Error(), tt.key, "the key is never in the error")
		}
	}
}

// TestAnUnusableKeyIsExplained: a fake given a key that no request can
// carry (HTTP strips the space of "k1 ") refuses every request, and says
// why instead of claiming the key is wrong.
func TestAnUnusableKeyIsExplained(t *testing.T) {
	f := newFixture(t, roomstest.WithAPIKey("k1 "))
	for _, auth := range []string{"Bearer k1 ", "Bearer k1", "Bearer other"} {
		status, _, body := doRaw(t, http.MethodGet, f.srv.URL+"/rooms", "", auth)
		require.Equal(t, http.StatusUnauthorized, status)
		e := envelope(t, body)
		assert.Equal(t, "10009", e.Code)
		assert.Contains(t, e.Detail, "an API key no request can carry (byte 3 of 3 (the last) is a space")
		assert.NotContains(t, e.Detail, "k1")
	}
}

// TestAuthOptionalWhereTheContractSaysSo: the five operations that upstream
// marks `security: []` (D43) are served without an Authorization header, but
// a header they do carry is checked; every other operation requires the key.
func TestAuthOptionalWhereTheContractSaysSo(t *testing.T) {
	const key = "KEYsecret-0123456789"
	f := newFixture(t, roomstest.WithAPIKey(key))
	room := f.createRoomWithKey(t, key)
	sess, err := f.srv.StartSession(room)
	require.NoError(t, err)
	alice, err := f.srv.Join(sess.ID, "alice")
	require.NoError(t, err)
	action := `{"participants": ["` + alice.ID + `"]}`
	tests := []struct {
		name, method, path, body string
		served                   int // the status without an Authorization header
	}{
		{"refresh", http.MethodPost, "/rooms/" + room + "/actions/refresh_client_token", `{"refresh_token": "not-a-token"}`, http.StatusUnprocessableEntity},
		{"mute", http.MethodPost, "/room_sessions/" + sess.ID + "/actions/mute", action, http.StatusOK},
		{"unmute", http.MethodPost, "/room_sessions/" + sess.ID + "/actions/unmute", action, http.StatusOK},
		{"kick", http.MethodPost, "/room_sessions/" + sess.ID + "/actions/kick", action, http.StatusOK},
		{"end", http.MethodPost, "/room_sessions/" + sess.ID + "/actions/end", "", http.StatusOK},
		{"view room", http.MethodGet, "/rooms/" + room, "", http.StatusUnauthorized},
		{"generate token", http.MethodPost, "/rooms/" + room + "/actions/generate_join_client_token", `{}`, http.StatusUnauthorized},
		{"list sessions", http.MethodGet, "/room_sessions", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := doRaw(t, tt.method, f.srv.URL+tt.path, tt.body, "Bearer wrong-key")
			require.Equal(t, http.StatusUnauthorized, status, "a wrong key is refused everywhere: %s", body)
			assert.Equal(t, "10009", envelope(t, body).Code)

			status, _, body = doRaw(t, tt.method, f.srv.URL+tt.path, tt.body, "")
			require.Equal(t, tt.served, status, "without a header: %s", body)
		})
	}
	assert.False(t, f.srv.Muted(alice.ID), "unmuted after mute, both without a key")
}

// createRoomWithKey creates a room with the given key and returns its id.
func (f *fixture) createRoomWithKey(t *testing.T, key string) string {
	t.Helper()
	status, _, body := doRaw(t, http.MethodPost, f.srv.URL+"/rooms", `{}`, "Bearer "+key)
	require.Equal(t, http.StatusCreated, status, "body: %s", body)
	var created struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(body, &created))
	return created.Data.ID
}
