package roomstest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// TestBodyMembersMatchExactly: validation matches member names exactly,
// so the fake acts on them exactly too. A member in another case (or one
// that only folds to a declared name, like ſ to s) is an unknown member,
// which the request schemas allow and the fake ignores; it never sets the
// declared field, whether alone, before or after it.
func TestBodyMembersMatchExactly(t *testing.T) {
	tests := []struct {
		name string
		body string
		want func(*testing.T, gen.Room)
	}{
		{"another case alone", `{"MAX_PARTICIPANTS":99}`, func(t *testing.T, r gen.Room) {
			assert.Equal(t, int32(10), r.MaxParticipants, "the default: the member is unknown")
		}},
		{"another case after the declared name", `{"max_participants":5,"Max_Participants":99}`, func(t *testing.T, r gen.Room) {
			assert.Equal(t, int32(5), r.MaxParticipants)
		}},
		{"another case before the declared name", `{"MAX_PARTICIPANTS":99,"max_participants":5}`, func(t *testing.T, r gen.Room) {
			assert.Equal(t, int32(5), r.MaxParticipants)
		}},
		{"a name that only folds to the declared one", `{"max_participantſ":40}`, func(t *testing.T, r gen.Room) {
			assert.Equal(t, int32(10), r.MaxParticipants)
		}},
		{"a value out of range under another case", `{"Webhook_Timeout_Secs":-5}`, func(t *testing.T, r gen.Room) {
			assert.Nil(t, r.WebhookTimeoutSecs)
		}},
		{"a name in another case", `{"UNIQUE_NAME":"shouted"}`, func(t *testing.T, r gen.Room) {
			assert.Empty(t, r.UniqueName)
		}},
		{"an unknown member", `{"unique_name":"kept","colour":"blue"}`, func(t *testing.T, r gen.Room) {
			assert.Equal(t, "kept", r.UniqueName)
		}},
		{"characters JSON encoders escape", `{"unique_name":"<a&b> \u00e9\ud83d\ude00"}`, func(t *testing.T, r gen.Room) {
			assert.Equal(t, "<a&b> é😀", r.UniqueName)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			status, _, body := f.do(t, "POST", "/rooms", tt.body)
			require.Equal(t, http.StatusCreated, status, "body: %s", body)
			var created gen.RoomData
			require.NoError(t, json.Unmarshal(body, &created))
			tt.want(t, created.Data)
			stored, err := f.api.ViewRoomWithResponse(f.ctx, created.Data.ID, nil)
			require.NoError(t, err)
			assert.Equal(t, created.Data, stored.JSON200.Data, "what is stored is what was answered")
		})
	}
}

// TestUpdateActsOnTheValidatedMembers: a PATCH that sends a field and a
// case variant of it changes the field as sent, and a null in another case
// clears nothing.
func TestUpdateActsOnTheValidatedMembers(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{WebhookTimeoutSecs: ptr(int32(20)), MaxParticipants: ptr(int32(30))})
	for _, body := range []string{
		`{"webhook_timeout_secs":5,"Webhook_Timeout_Secs":null}`,
		`{"WEBHOOK_TIMEOUT_SECS":null,"MAX_PARTICIPANTS":2}`,
	} {
		status, _, out := f.do(t, "PATCH", "/rooms/"+room.ID.String(), body)
		require.Equal(t, http.StatusOK, status, "body: %s", out)
	}
	got, err := f.api.ViewRoomWithResponse(f.ctx, room.ID, nil)
	require.NoError(t, err)
	require.NotNil(t, got.JSON200.Data.WebhookTimeoutSecs)
	assert.Equal(t, int32(5), *got.JSON200.Data.WebhookTimeoutSecs)
	assert.Equal(t, int32(30), got.JSON200.Data.MaxParticipants)
}

// TestTokenBodiesMatchExactly: the token actions act on the members they
// validated: a TTL in another case is ignored (it would be two billion
// seconds), and a refresh token in another case is not the one checked.
func TestTokenBodiesMatchExactly(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	path := "/rooms/" + room.ID.String() + "/actions/"

	status, _, body := f.do(t, "POST", path+"generate_join_client_token",
		`{"TOKEN_TTL_SECS":2000000000,"Refresh_Token_TTL_Secs":2000000000}`)
	require.Equal(t, http.StatusCreated, status, "body: %s", body)
	var tok gen.JoinClientTokenData
	require.NoError(t, json.Unmarshal(body, &tok))
	assert.Equal(t, t0.Add(600*time.Second), tok.Data.TokenExpiresAt, "the default TTL")
	assert.Equal(t, t0.Add(time.Hour), tok.Data.RefreshTokenExpiresAt, "the default TTL")

	status, _, body = f.do(t, "POST", path+"refresh_client_token",
		fmt.Sprintf(`{"refresh_token":"made-up","REFRESH_TOKEN":%q}`, tok.Data.RefreshToken))
	require.Equal(t, http.StatusUnprocessableEntity, status, "the validated refresh_token is checked: %s", body)
	assert.Equal(t, "/refresh_token", envelope(t, body).Source.Pointer)

	status, _, body = f.do(t, "POST", path+"refresh_client_token",
		fmt.Sprintf(`{"refresh_token":%q,"Token_TTL_Secs":2000000000}`, tok.Data.RefreshToken))
	require.Equal(t, http.StatusCreated, status, "body: %s", body)
	var refreshed gen.RefreshedClientTokenData
	require.NoError(t, json.Unmarshal(body, &refreshed))
	assert.Equal(t, t0.Add(600*time.Second), refreshed.Data.TokenExpiresAt)
}

// TestActionBodiesMatchExactly: kick, mute and unmute select participants
// from the members they validated.
func TestActionBodiesMatchExactly(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	sess, ps := f.session(t, room.ID, "Alice", "Bob")
	mute := "/room_sessions/" + sess.ID + "/actions/mute"

	status, _, body := f.do(t, "POST", mute, `{"Participants":"all"}`)
	require.Equal(t, http.StatusOK, status, "body: %s", body)
	assert.False(t, f.srv.Muted(ps[0].ID), "without participants nobody is selected")

	status, _, body = f.do(t, "POST", mute, fmt.Sprintf(`{"participants":"all","EXCLUDE":[%q]}`, ps[0].ID))
	require.Equal(t, http.StatusOK, status, "body: %s", body)
	assert.True(t, f.srv.Muted(ps[0].ID), "EXCLUDE is not exclude")
	assert.True(t, f.srv.Muted(ps[1].ID))
}

// TestBodiesTwoParsersWouldReadDifferently: a body that is not exactly one
// JSON document in UTF-8 with distinct member names is refused with 422
// Invalid JSON, and nothing is created.
func TestBodiesTwoParsersWouldReadDifferently(t *testing.T) {
	tests := []struct {
		name, body, pointer string
	}{
		{"a member given twice", `{"max_participants":5,"max_participants":6}`, "/max_participants"},
		{"a member given twice with equal values", `{"unique_name":"a","unique_name":"a"}`, "/unique_name"},
		{"a nested member given twice", `{"participants":[{"id":1,"id":2}]}`, "/participants/0/id"},
		{"a second document", `{"max_participants":5}{"max_participants":6}`, ""},
		{"a second document after white space", "{\"max_participants\":5}\n{\"max_participants\":50}", ""},
		{"trailing garbage", `{"max_participants":5}x`, ""},
		{"invalid UTF-8", "{\"unique_name\":\"a\xffb\"}", ""},
		{"an overlong UTF-8 encoding", "{\"unique_name\":\"\xc0\xaf\"}", ""},
		{"a high surrogate alone", `{"unique_name":"a\ud800b"}`, ""},
		{"a low surrogate alone", `{"unique_name":"\udc00"}`, ""},
		{"a high surrogate then another escape", `{"unique_name":"\ud800\u0041"}`, ""},
		{"a high surrogate at the end", `{"unique_name":"\ud83d"}`, ""},
		{"white space only", "  \n", ""},
		{"too deep", deep(20000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			status, _, body := f.do(t, "POST", "/rooms", tt.body)
			require.Equal(t, http.StatusUnprocessableEntity, status, "body: %s", body)
			e := envelope(t, body)
			assert.Equal(t, "10023", e.Code)
			assert.Equal(t, "Invalid JSON", e.Title)
			assert.Equal(t, tt.pointer, e.Source.Pointer)
			assert.Empty(t, f.srv.Rooms())
		})
	}
}

func deep(n int) string {
	b := make([]byte, 0, 2*n)
	for range n {
		b = append(b, '[')
	}
	for range n {
		b = append(b, ']')
	}
	return string(b)
}

// TestUnknownMembersOfEveryBodyAreIgnored: for each operation with a body,
// a body holding only case variants of its members acts like an empty one.
func TestUnknownMembersOfEveryBodyAreIgnored(t *testing.T) {
	f := newFixture(t, roomstest.WithSeedData())
	room, sess := roomstest.SeedRoomID, roomstest.SeedSessionID
	for _, tt := range []struct{ method, path, body string }{
		{"POST", "/rooms", `{"Unique_Name":"x","MAX_PARTICIPANTS":3,"Enable_Recording":true,"WEBHOOK_EVENT_URL":"https://e.example","Webhook_Event_Failover_URL":"https://f.example","Webhook_Timeout_Secs":3}`},
		{"PATCH", "/rooms/" + room, `{"Unique_Name":"x","MAX_PARTICIPANTS":3,"Enable_Recording":true,"Webhook_Timeout_Secs":3}`},
		{"POST", "/rooms/" + room + "/actions/generate_join_client_token", `{"Token_TTL_Secs":10,"REFRESH_TOKEN_TTL_SECS":60}`},
		{"POST", "/room_sessions/" + sess + "/actions/kick", `{"PARTICIPANTS":"all"}`},
		{"POST", "/room_sessions/" + sess + "/actions/mute", `{"PARTICIPANTS":"all"}`},
		{"POST", "/room_sessions/" + sess + "/actions/unmute", `{"PARTICIPANTS":"all"}`},
	} {
		status, _, body := f.do(t, tt.method, tt.path, tt.body)
		require.Less(t, status, 300, "%s %s: %s", tt.method, tt.path, body)
		assert.NotContains(t, string(body), `"x"`)
		assert.NotContains(t, string(body), `"max_participants":3`)
		assert.NotContains(t, string(body), "example")
	}
	assert.False(t, f.srv.Muted(roomstest.SeedAliceID), "nobody was muted")
	assert.Len(t, presentIn(f, sess), 2, "nobody was kicked")
}

func presentIn(f *fixture, sessionID string) []string {
	var out []string
	for _, p := range f.srv.Participants() {
		if p.SessionID == sessionID && p.LeftAt.IsZero() {
			out = append(out, p.ID)
		}
	}
	return out
}
