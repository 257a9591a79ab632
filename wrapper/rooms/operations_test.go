package rooms

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// opCase is one operation: what the client must send and what it decodes.
type opCase struct {
	name      string
	method    string
	path      string     // relative to /v2
	query     url.Values // nil: no query at all
	body      string     // JSON the request must carry; "" for none
	status    int
	response  string
	call      func(ctx context.Context, c *Client) (any, error)
	check     func(t *testing.T, got any)
	wantEmpty bool // the call returns no value
}

// local is 23:30 on 25 April 2021 five hours west of UTC, already 26 April in
// UTC: filters must send the calendar date of the time's own location.
var local = time.Date(2021, 4, 25, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))

func dateFilterQuery(name string) url.Values {
	return url.Values{
		"filter[date_" + name + "_at][eq]":  {"2021-04-25"},
		"filter[date_" + name + "_at][gte]": {"2021-04-01"},
		"filter[date_" + name + "_at][lte]": {"2021-05-31"},
	}
}

var dates = DateFilter{Eq: local, Gte: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC), Lte: time.Date(2021, 5, 31, 12, 0, 0, 0, time.UTC)}

func merge(vs ...url.Values) url.Values {
	out := url.Values{}
	for _, v := range vs {
		for k, x := range v {
			out[k] = x
		}
	}
	return out
}

func opCases() []opCase {
	onePageOfRooms := pageJSON([]string{roomJSON(roomID, "a"), roomJSON(uuidN(2), "b")}, 2, 50, 3, 102)
	sessions := pageJSON([]string{sessionJSON(sessionID)}, 1, 20, 1, 1)
	participants := pageJSON([]string{participantJSON(partID, "Alice"), participantJSON(partID2, "Bob")}, 1, 20, 1, 2)
	tokenJSON := `{"data":{"token":"tok","token_expires_at":"2021-04-16T09:56:20.954863Z","refresh_token":"ref","refresh_token_expires_at":"2021-04-16T10:46:20.954863Z"}}`
	checkRoom := func(t *testing.T, got any) {
		r := got.(*Room)
		assert.Equal(t, roomID, r.ID)
		assert.Equal(t, "a", r.UniqueName)
		assert.EqualValues(t, 10, r.MaxParticipants)
		assert.Equal(t, time.Date(2021, 4, 16, 9, 46, 20, 954863000, time.UTC), r.CreatedAt)
		assert.Nil(t, r.WebhookTimeoutSecs)
	}
	actionOK := `{"data":{"result":"ok"}}`
	return []opCase{
		{
			name: "listRooms all filters", method: "GET", path: "/rooms",
			query: merge(dateFilterQuery("created"), dateFilterQuery("updated"), url.Values{
				"filter[unique_name]": {"my room"}, "include_sessions": {"true"}, "page[number]": {"2"}, "page[size]": {"50"},
			}),
			status: 200, response: onePageOfRooms,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Rooms.List(ctx, &ListRoomsParams{CreatedAt: dates, UpdatedAt: dates, UniqueName: "my room", IncludeSessions: true,
					ListOptions: ListOptions{PageNumber: 2, PageSize: 50}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*Page[Room])
				require.Len(t, p.Items, 2)
				assert.Equal(t, "b", p.Items[1].UniqueName)
				assert.Equal(t, Page[Room]{PageNumber: 2, PageSize: 50, TotalPages: 3, TotalResults: 102},
					Page[Room]{PageNumber: p.PageNumber, PageSize: p.PageSize, TotalPages: p.TotalPages, TotalResults: p.TotalResults})
				assert.True(t, p.HasNext())
			},
		},
		{
			name: "listRooms nil params", method: "GET", path: "/rooms", status: 200, response: pageJSON(nil, 1, 20, 0, 0),
			call: func(ctx context.Context, c *Client) (any, error) { return c.Rooms.List(ctx, nil) },
			check: func(t *testing.T, got any) {
				p := got.(*Page[Room])
				assert.Empty(t, p.Items)
				assert.False(t, p.HasNext())
			},
		},
		{
			name: "createRoom", method: "POST", path: "/rooms",
			body:   `{"unique_name":"a","max_participants":2,"enable_recording":true,"webhook_event_url":"https://example.com/h","webhook_event_failover_url":"https://failover.example.com","webhook_timeout_secs":0}`,
			status: 201, response: `{"data":` + roomJSON(roomID, "a") + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Rooms.Create(ctx, &RoomParams{UniqueName: Ptr("a"), MaxParticipants: Ptr(2), EnableRecording: Ptr(true),
					WebhookEventURL: Ptr("https://example.com/h"), WebhookEventFailoverURL: Ptr("https://failover.example.com"), WebhookTimeoutSecs: Ptr(0)})
			},
			check: checkRoom,
		},
		{
			name: "createRoom nil params", method: "POST", path: "/rooms", body: `{}`,
			status: 201, response: `{"data":` + roomJSON(roomID, "a") + `}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Rooms.Create(ctx, nil) },
			check: checkRoom,
		},
		{
			name: "viewRoom", method: "GET", path: "/rooms/" + roomID, query: url.Values{"include_sessions": {"true"}},
			status: 200, response: `{"data":` + roomJSON(roomID, "a") + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Rooms.Get(ctx, roomID, &GetRoomParams{IncludeSessions: true})
			},
			check: checkRoom,
		},
		{
			name: "viewRoom uppercase id", method: "GET", path: "/rooms/" + roomID,
			status: 200, response: `{"data":` + roomJSON(roomID, "a") + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Rooms.Get(ctx, "7B61621F-62E0-4AAD-AB11-9FD19E272E73", nil)
			},
			check: checkRoom,
		},
		{
			name: "updateRoom", method: "PATCH", path: "/rooms/" + roomID, body: `{"max_participants":50,"webhook_timeout_secs":30}`,
			status: 200, response: `{"data":` + roomJSON(roomID, "a") + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Rooms.Update(ctx, roomID, &RoomParams{MaxParticipants: Ptr(50), WebhookTimeoutSecs: Ptr(30)})
			},
			check: checkRoom,
		},
		{
			name: "deleteRoom", method: "DELETE", path: "/rooms/" + roomID, status: 204, wantEmpty: true,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.Rooms.Delete(ctx, roomID) },
		},
		{
			name: "nestedListRoomSessions", method: "GET", path: "/rooms/" + roomID + "/sessions",
			query: merge(dateFilterQuery("created"), dateFilterQuery("updated"), dateFilterQuery("ended"), url.Values{
				"filter[active]": {"false"}, "include_participants": {"true"}, "page[size]": {"250"},
			}),
			status: 200, response: sessions,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Rooms.ListSessions(ctx, roomID, &ListSessionsParams{CreatedAt: dates, UpdatedAt: dates, EndedAt: dates,
					RoomID: roomID, Active: Ptr(false), IncludeParticipants: true, ListOptions: ListOptions{PageSize: 250}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*Page[Session])
				require.Len(t, p.Items, 1)
				assert.Equal(t, sessionID, p.Items[0].ID)
				assert.True(t, p.Items[0].Active)
				assert.True(t, p.Items[0].EndedAt.IsZero())
			},
		},
		{
			name: "generateJoinClientToken", method: "POST", path: "/rooms/" + roomID + "/actions/generate_join_client_token",
			body: `{"token_ttl_secs":600,"refresh_token_ttl_secs":3600}`, status: 201, response: tokenJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tokens.Generate(ctx, roomID, &GenerateTokenParams{TokenTTL: 10 * time.Minute, RefreshTokenTTL: time.Hour})
			},
			check: func(t *testing.T, got any) {
				tok := got.(*JoinClientToken)
				assert.Equal(t, "tok", tok.Token)
				assert.Equal(t, "ref", tok.RefreshToken)
				assert.Equal(t, 2021, tok.RefreshTokenExpiresAt.Year())
			},
		},
		{
			name: "generateJoinClientToken defaults", method: "POST", path: "/rooms/" + roomID + "/actions/generate_join_client_token",
			body: `{}`, status: 201, response: tokenJSON,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.Tokens.Generate(ctx, roomID, nil) },
			check: func(t *testing.T, got any) { assert.Equal(t, "tok", got.(*JoinClientToken).Token) },
		},
		{
			name: "refreshClientToken", method: "POST", path: "/rooms/" + roomID + "/actions/refresh_client_token",
			body: `{"refresh_token":"ref","token_ttl_secs":10}`, status: 201,
			response: `{"data":{"token":"new","token_expires_at":"2021-04-16T09:56:20.954863Z"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tokens.Refresh(ctx, roomID, &RefreshTokenParams{RefreshToken: "ref", TokenTTL: 10 * time.Second})
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "new", got.(*RefreshedClientToken).Token) },
		},
		{
			name: "listRoomSessions", method: "GET", path: "/room_sessions",
			query:  merge(dateFilterQuery("ended"), url.Values{"filter[room_id]": {roomID}, "filter[active]": {"true"}, "page[number]": {"1"}}),
			status: 200, response: sessions,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Sessions.List(ctx, &ListSessionsParams{EndedAt: dates, RoomID: roomID, Active: Ptr(true), ListOptions: ListOptions{PageNumber: 1}})
			},
			check: func(t *testing.T, got any) { assert.Len(t, got.(*Page[Session]).Items, 1) },
		},
		{
			name: "viewRoomSession", method: "GET", path: "/room_sessions/" + sessionID, query: url.Values{"include_participants": {"true"}},
			status: 200, response: `{"data":` + sessionJSON(sessionID) + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Sessions.Get(ctx, sessionID, &GetSessionParams{IncludeParticipants: true})
			},
			check: func(t *testing.T, got any) { assert.Equal(t, roomID, got.(*Session).RoomID) },
		},
		{
			name: "endSession", method: "POST", path: "/room_sessions/" + sessionID + "/actions/end", status: 200, response: actionOK, wantEmpty: true,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.Sessions.End(ctx, sessionID) },
		},
		{
			name: "kickParticipantInSession", method: "POST", path: "/room_sessions/" + sessionID + "/actions/kick",
			body: `{"participants":["` + partID + `","` + partID2 + `"]}`, status: 200, response: actionOK, wantEmpty: true,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Sessions.Kick(ctx, sessionID, ParticipantsAction{Participants: ParticipantIDs(partID, partID2)})
			},
		},
		{
			name: "muteParticipantInSession", method: "POST", path: "/room_sessions/" + sessionID + "/actions/mute",
			body: `{"participants":"all","exclude":["` + partID + `"]}`, status: 200, response: actionOK, wantEmpty: true,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Sessions.Mute(ctx, sessionID, ParticipantsAction{Participants: AllParticipants, Exclude: []string{partID}})
			},
		},
		{
			name: "unmuteParticipantInSession", method: "POST", path: "/room_sessions/" + sessionID + "/actions/unmute",
			body: `{"participants":"all"}`, status: 200, response: actionOK, wantEmpty: true,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Sessions.Unmute(ctx, sessionID, ParticipantsAction{Participants: AllParticipants})
			},
		},
		{
			name: "nestedListRoomParticipants", method: "GET", path: "/room_sessions/" + sessionID + "/participants",
			query: merge(dateFilterQuery("joined"), dateFilterQuery("updated"), dateFilterQuery("left"), url.Values{
				"filter[context]": {"Alice & Bob"}, "page[size]": {"1"}, "page[number]": {"3"},
			}),
			status: 200, response: pageJSON([]string{participantJSON(partID, "Alice & Bob")}, 3, 1, 3, 3),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Sessions.ListParticipants(ctx, sessionID, &ListParticipantsParams{JoinedAt: dates, UpdatedAt: dates, LeftAt: dates,
					Context: "Alice & Bob", SessionID: sessionID, ListOptions: ListOptions{PageNumber: 3, PageSize: 1}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*Page[Participant])
				assert.Equal(t, "Alice & Bob", p.Items[0].Context)
				assert.False(t, p.HasNext())
			},
		},
		{
			name: "listRoomParticipants", method: "GET", path: "/room_participants",
			query:  url.Values{"filter[session_id]": {sessionID}, "filter[context]": {"Alice"}},
			status: 200, response: participants,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Participants.List(ctx, &ListParticipantsParams{SessionID: sessionID, Context: "Alice"})
			},
			check: func(t *testing.T, got any) {
				p := got.(*Page[Participant])
				require.Len(t, p.Items, 2)
				assert.Equal(t, partID2, p.Items[1].ID)
			},
		},
		{
			name: "viewRoomParticipant", method: "GET", path: "/room_participants/" + partID,
			status: 200, response: `{"data":` + participantJSON(partID, "Alice") + `}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Participants.Get(ctx, partID) },
			check: func(t *testing.T, got any) {
				p := got.(*Participant)
				assert.Equal(t, "Alice", p.Context)
				assert.Equal(t, sessionID, p.SessionID)
			},
		},
	}
}

// TestOperations checks, for every operation, the method, the path under the
// base URL, the bracketed query, the JSON body, the headers and the decoding.
func TestOperations(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, tc := range append(opCases(), mediaOpCases()...) {
		seen[tc.method+" "+tc.path] = true
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var calls atomic.Int32
			mux.HandleFunc(tc.path, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				testHeaders(t, r)
				assert.Equal(t, tc.method, r.Method)
				u, err := url.ParseRequestURI(r.RequestURI)
				assert.NoError(t, err)
				assert.Equal(t, apiPrefix+tc.path, u.Path)
				if tc.query == nil {
					assert.Empty(t, r.URL.RawQuery)
				} else {
					assert.Equal(t, tc.query, r.URL.Query())
				}
				body, err := io.ReadAll(r.Body)
				assert.NoError(t, err)
				if tc.body == "" {
					assert.Empty(t, body)
				} else {
					assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
					assert.JSONEq(t, tc.body, string(body))
				}
				if tc.status == http.StatusNoContent {
					w.WriteHeader(tc.status)
					return
				}
				writeJSON(w, tc.status, tc.response)
			})
			got, err := tc.call(context.Background(), c)
			require.NoError(t, err)
			assert.EqualValues(t, 1, calls.Load())
			if tc.wantEmpty {
				assert.Nil(t, got)
				return
			}
			tc.check(t, got)
		})
	}
	// 25 operations; viewRoom and the list calls appear more than once.
	assert.Len(t, seen, 25)
}

// TestBracketedQueryIsLiteral checks that bracketed names reach the server
// so that a plain net/http server reading r.URL.Query() finds them.
func TestBracketedQueryIsLiteral(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var raw syncVal[string]
	mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) {
		raw.set(r.URL.RawQuery)
		writeJSON(w, 200, pageJSON(nil, 1, 5, 0, 0))
	})
	_, err := c.Rooms.List(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 5}})
	require.NoError(t, err)
	unescaped, err := url.QueryUnescape(raw.get())
	require.NoError(t, err)
	assert.Equal(t, "page[size]=5", unescaped)
}
