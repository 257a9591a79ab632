package main

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// fixture is a roomstest fake that accepts only testKey, and the environment
// that points roomsctl at it.
type fixture struct {
	srv *roomstest.Server
	cl  *rooms.Client // for arranging state; the commands under test go through run
	env map[string]string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	srv := roomstest.NewServer(roomstest.WithAPIKey(testKey), roomstest.WithClock(newDemoClock().now), roomstest.WithResponseValidation())
	t.Cleanup(func() {
		assert.Empty(t, srv.ContractViolations())
		srv.Close()
	})
	cl, err := srv.Client(rooms.WithRetryPolicy(rooms.RetryPolicy{}))
	require.NoError(t, err)
	return &fixture{srv: srv, cl: cl, env: map[string]string{envAPIKey: testKey, envBaseURL: srv.URL, envRetries: "0"}}
}

func (f *fixture) run(t *testing.T, args ...string) result {
	t.Helper()
	return runCLI(t, f.env, args...)
}

// ok runs args and requires exit status 0 and an empty stderr.
func (f *fixture) ok(t *testing.T, args ...string) string {
	t.Helper()
	r := f.run(t, args...)
	require.Equal(t, exitOK, r.code, "roomsctl %s: stderr: %s", strings.Join(args, " "), r.stderr)
	require.Empty(t, r.stderr)
	return r.stdout
}

// okJSON runs args with -o json and decodes stdout into v, zeroed first:
// the JSON leaves out false and empty fields.
func (f *fixture) okJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	out := f.ok(t, append([]string{"-o", "json"}, args...)...)
	reflect.ValueOf(v).Elem().SetZero()
	require.NoError(t, json.Unmarshal([]byte(out), v), out)
}

func (f *fixture) room(t *testing.T, name string) rooms.Room {
	t.Helper()
	r, err := f.cl.Rooms.Create(t.Context(), &rooms.RoomParams{UniqueName: rooms.Ptr(name)})
	require.NoError(t, err)
	return *r
}

// session starts a session in a new room and joins people to it.
func (f *fixture) session(t *testing.T, people ...string) (rooms.Session, []rooms.Participant) {
	t.Helper()
	s, err := f.srv.StartSession(f.room(t, "room-"+uuid.NewString()[:8]).ID)
	require.NoError(t, err)
	var ps []rooms.Participant
	for _, name := range people {
		p, err := f.srv.Join(s.ID, name)
		require.NoError(t, err)
		ps = append(ps, p)
	}
	return s, ps
}

// tableRows returns the data rows of a table (the header dropped).
func tableRows(t *testing.T, out string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.NotEmpty(t, lines)
	require.True(t, strings.HasPrefix(lines[0], "ID "), "no header: %q", out)
	return lines[1:]
}

// field returns the value of one FIELD line of a single-resource table.
func field(t *testing.T, out, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` {2,}(.*)$`).FindStringSubmatch(out)
	require.NotNil(t, m, "no %s in %q", name, out)
	return m[1]
}

func TestRoomsCreateGetUpdateDelete(t *testing.T) {
	f := newFixture(t)
	out := f.ok(t, "rooms", "create", "--unique-name", "standup", "--max-participants", "5", "--enable-recording",
		"--webhook-url", "https://a.example/h", "--webhook-failover-url", "https://b.example/h", "--webhook-timeout", "12")
	id := field(t, out, "ID")
	assert.Equal(t, "standup", field(t, out, "UNIQUE NAME"))
	assert.Equal(t, "5", field(t, out, "MAX"))
	assert.Equal(t, "true", field(t, out, "RECORDING"))
	assert.Equal(t, "https://a.example/h", field(t, out, "WEBHOOK URL"))
	assert.Equal(t, "https://b.example/h", field(t, out, "WEBHOOK FAILOVER URL"))
	assert.Equal(t, "12", field(t, out, "WEBHOOK TIMEOUT"))
	assert.Equal(t, "-", field(t, out, "ACTIVE SESSION"))
	require.Len(t, f.srv.Rooms(), 1)
	assert.Equal(t, id, f.srv.Rooms()[0].ID)

	var got rooms.Room
	f.okJSON(t, &got, "rooms", "get", id)
	assert.Equal(t, "standup", got.UniqueName)
	assert.Equal(t, 5, got.MaxParticipants)

	// update sends only the flags given: the webhook settings survive.
	out = f.ok(t, "rooms", "update", id, "--max-participants", "7")
	assert.Equal(t, "7", field(t, out, "MAX"))
	assert.Equal(t, "true", field(t, out, "RECORDING"))
	assert.Equal(t, "https://a.example/h", field(t, out, "WEBHOOK URL"))
	assert.Equal(t, "12", field(t, out, "WEBHOOK TIMEOUT"))

	f.okJSON(t, &got, "rooms", "update", id, "--enable-recording=false", "--unique-name", "retro")
	assert.False(t, got.EnableRecording)
	assert.Equal(t, "retro", got.UniqueName)
	assert.Equal(t, 7, got.MaxParticipants)

	assert.Equal(t, "deleted room "+id+"\n", f.ok(t, "rooms", "delete", id))
	assert.Empty(t, f.srv.Rooms())

	r := f.run(t, "rooms", "get", id)
	assert.Equal(t, exitAPI, r.code)
	assert.Empty(t, r.stdout)
	requireOneLineError(t, r, "404 Not Found")

	id = f.room(t, "gone").ID
	assert.JSONEq(t, `{"result":"ok"}`, f.ok(t, "rooms", "delete", id, "-o", "json"))
}

func TestRoomsGetIncludeSessions(t *testing.T) {
	f := newFixture(t)
	s, _ := f.session(t)
	out := f.ok(t, "rooms", "get", s.RoomID)
	assert.NotContains(t, out, "SESSIONS")
	assert.Equal(t, s.ID, field(t, out, "ACTIVE SESSION"))
	out = f.ok(t, "rooms", "get", s.RoomID, "--include-sessions")
	assert.Equal(t, "1", field(t, out, "SESSIONS"))
}

func TestRoomsList(t *testing.T) {
	f := newFixture(t)
	a, b, c := f.room(t, "alpha"), f.room(t, "beta"), f.room(t, "gamma")

	rows := tableRows(t, f.ok(t, "rooms", "list"))
	require.Len(t, rows, 3)
	for i, r := range []rooms.Room{a, b, c} {
		assert.Regexp(t, `^`+r.ID+` +`+r.UniqueName+` +10 +false +- +2026-01-02T09:00:\d\dZ$`, rows[i])
	}

	var got []rooms.Room
	f.okJSON(t, &got, "rooms", "list", "--unique-name", "beta")
	require.Len(t, got, 1)
	assert.Equal(t, b.ID, got[0].ID)

	f.okJSON(t, &got, "rooms", "list", "--created-on", "2026-01-02")
	assert.Len(t, got, 3)
	f.okJSON(t, &got, "rooms", "list", "--created-from", "2026-01-03")
	assert.Empty(t, got)
	f.okJSON(t, &got, "rooms", "list", "--created-to", "2026-01-02", "--updated-from", "2026-01-01")
	assert.Len(t, got, 3)

	// One page: the table says there is more on stderr; JSON says nothing there.
	r := f.run(t, "rooms", "list", "--page-size", "2")
	require.Equal(t, exitOK, r.code)
	assert.Len(t, tableRows(t, r.stdout), 2)
	assert.Equal(t, "page 1 of 2 (3 results): --page 2 for the next, --all for every page\n", r.stderr)
	r = f.run(t, "rooms", "list", "--page-size", "2", "-o", "json")
	assert.Empty(t, r.stderr)

	f.okJSON(t, &got, "rooms", "list", "--page-size", "2", "--page", "2")
	require.Len(t, got, 1)
	assert.Equal(t, c.ID, got[0].ID)
}

func TestListAllWalksEveryPage(t *testing.T) {
	f := newFixture(t)
	s, people := f.session(t, "Ann", "Ben", "Cid", "Dee", "Eve")
	f.room(t, "extra-1")
	f.room(t, "extra-2")
	s2, _ := f.session(t)

	tests := []struct {
		args  []string
		route string
		want  int
		pages int
	}{
		{args: []string{"rooms", "list"}, route: "listRooms", want: 4, pages: 2},
		{args: []string{"sessions", "list"}, route: "listRoomSessions", want: 2, pages: 1},
		{args: []string{"rooms", "sessions", s2.RoomID}, route: "nestedListRoomSessions", want: 1, pages: 1},
		{args: []string{"participants", "list"}, route: "listRoomParticipants", want: 5, pages: 3},
		{args: []string{"sessions", "participants", s.ID}, route: "nestedListRoomParticipants", want: 5, pages: 3},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			before := f.srv.Requests(tt.route)
			var got []map[string]any
			f.okJSON(t, &got, append(tt.args, "--all", "--page-size", "2")...)
			assert.Len(t, got, tt.want)
			assert.Equal(t, tt.pages, f.srv.Requests(tt.route)-before, "pages fetched")

			rows := tableRows(t, f.ok(t, append(tt.args, "--all", "--page-size", "2")...))
			assert.Len(t, rows, tt.want)
		})
	}

	// --all starts at --page.
	var got []rooms.Participant
	f.okJSON(t, &got, "sessions", "participants", s.ID, "--all", "--page-size", "2", "--page", "2")
	require.Len(t, got, 3)
	assert.Equal(t, people[2].ID, got[0].ID)
}

func TestRoomsSessionsAndSessionsList(t *testing.T) {
	f := newFixture(t)
	ended, _ := f.session(t, "Ann")
	require.NoError(t, f.cl.Sessions.End(t.Context(), ended.ID))
	active, err := f.srv.StartSession(ended.RoomID)
	require.NoError(t, err)
	other, _ := f.session(t)
	room := ended.RoomID

	rows := tableRows(t, f.ok(t, "rooms", "sessions", room))
	require.Len(t, rows, 2)
	assert.Regexp(t, `^`+ended.ID+` +`+room+` +false +2026-\S+ +2026-\S+$`, rows[0])
	assert.Regexp(t, `^`+active.ID+` +`+room+` +true +2026-\S+ +-$`, rows[1])

	var got []rooms.Session
	f.okJSON(t, &got, "rooms", "sessions", room, "--active")
	require.Len(t, got, 1)
	assert.Equal(t, active.ID, got[0].ID)
	f.okJSON(t, &got, "rooms", "sessions", room, "--active=false", "--ended-on", "2026-01-02")
	require.Len(t, got, 1)
	assert.Equal(t, ended.ID, got[0].ID)

	f.okJSON(t, &got, "sessions", "list")
	assert.Len(t, got, 3)
	f.okJSON(t, &got, "sessions", "list", "--room-id", other.RoomID)
	require.Len(t, got, 1)
	assert.Equal(t, other.ID, got[0].ID)
	f.okJSON(t, &got, "sessions", "list", "--active", "--created-from", "2026-01-02", "--updated-to", "2026-01-02")
	assert.Len(t, got, 2)

	out := f.ok(t, "sessions", "list", "--room-id", room, "--include-participants")
	assert.Contains(t, strings.SplitN(out, "\n", 2)[0], "PARTICIPANTS")
	assert.Regexp(t, `(?m)^`+ended.ID+` .* 1$`, out)
	assert.Regexp(t, `(?m)^`+active.ID+` .* 0$`, out)
}

func TestSessionsGetAndEnd(t *testing.T) {
	f := newFixture(t)
	s, people := f.session(t, "Ann", "Ben")
	id := s.ID

	out := f.ok(t, "sessions", "get", id)
	assert.Equal(t, id, field(t, out, "ID"))
	assert.Equal(t, "true", field(t, out, "ACTIVE"))
	assert.Equal(t, "-", field(t, out, "ENDED"))
	assert.NotContains(t, out, "PARTICIPANTS")

	var got rooms.Session
	f.okJSON(t, &got, "sessions", "get", id, "--include-participants")
	assert.Len(t, got.Participants, 2)

	assert.Equal(t, "ended session "+id+"\n", f.ok(t, "sessions", "end", id))
	out = f.ok(t, "sessions", "get", id, "--include-participants")
	assert.Equal(t, "false", field(t, out, "ACTIVE"))
	assert.Regexp(t, `^2026-01-02T09:00:\d\dZ$`, field(t, out, "ENDED"))
	assert.Equal(t, "2", field(t, out, "PARTICIPANTS"))
	for _, p := range people {
		got, err := f.cl.Participants.Get(t.Context(), p.ID)
		require.NoError(t, err)
		assert.False(t, got.LeftAt.IsZero(), "%s is still in", p.Context)
	}

	s2, _ := f.session(t)
	assert.JSONEq(t, `{"result":"ok"}`, f.ok(t, "-o", "json", "sessions", "end", s2.ID))
}

func TestSessionsKickMuteUnmute(t *testing.T) {
	f := newFixture(t)
	s, people := f.session(t, "Ann", "Ben", "Cid")
	sid := s.ID
	ann, ben, cid := people[0].ID, people[1].ID, people[2].ID

	assert.Equal(t, "muted all participants except 1 participant of session "+sid+"\n",
		f.ok(t, "sessions", "mute", sid, "--all", "--exclude", ann))
	assert.False(t, f.srv.Muted(ann))
	assert.True(t, f.srv.Muted(ben))
	assert.True(t, f.srv.Muted(cid))

	assert.Equal(t, "unmuted 2 participants of session "+sid+"\n",
		f.ok(t, "sessions", "unmute", sid, "--participant", ben+","+cid))
	assert.False(t, f.srv.Muted(ben))
	assert.False(t, f.srv.Muted(cid))

	assert.JSONEq(t, `{"result":"ok"}`, f.ok(t, "sessions", "mute", "--participant", ben, sid, "-o", "json"))
	assert.True(t, f.srv.Muted(ben))
	assert.False(t, f.srv.Muted(cid))

	assert.Equal(t, "kicked 1 participant of session "+sid+"\n", f.ok(t, "sessions", "kick", sid, "--participant", cid))
	var left []rooms.Participant
	f.okJSON(t, &left, "participants", "list", "--session-id", sid, "--left-on", "2026-01-02")
	require.Len(t, left, 1)
	assert.Equal(t, cid, left[0].ID)

	f.ok(t, "sessions", "kick", sid, "--all", "--exclude", ann, "--exclude", cid)
	f.okJSON(t, &left, "participants", "list", "--session-id", sid, "--left-from", "2026-01-01")
	assert.Len(t, left, 2)
	got, err := f.cl.Participants.Get(t.Context(), ann)
	require.NoError(t, err)
	assert.True(t, got.LeftAt.IsZero(), "Ann was excluded")
}

func TestParticipantsListAndGet(t *testing.T) {
	f := newFixture(t)
	s, people := f.session(t, "Ann", "Ben")
	other, _ := f.session(t, "Ann")

	rows := tableRows(t, f.ok(t, "participants", "list", "--session-id", s.ID))
	require.Len(t, rows, 2)
	assert.Regexp(t, `^`+people[0].ID+` +`+s.ID+` +Ann +2026-01-02T09:00:\d\dZ +-$`, rows[0])
	assert.Regexp(t, `^`+people[1].ID+` +`+s.ID+` +Ben +`, rows[1])

	var got []rooms.Participant
	f.okJSON(t, &got, "participants", "list", "--context", "Ann")
	assert.Len(t, got, 2)
	f.okJSON(t, &got, "participants", "list", "--context", "Ann", "--session-id", other.ID)
	assert.Len(t, got, 1)
	f.okJSON(t, &got, "participants", "list", "--joined-on", "2026-01-02", "--left-to", "2026-01-02")
	assert.Empty(t, got, "nobody has left")
	f.okJSON(t, &got, "sessions", "participants", s.ID, "--context", "Ben")
	require.Len(t, got, 1)
	assert.Equal(t, people[1].ID, got[0].ID)
	f.okJSON(t, &got, "sessions", "participants", s.ID, "--updated-on", "2026-01-02", "--joined-from", "2026-01-02")
	assert.Len(t, got, 2)

	out := f.ok(t, "participants", "get", people[1].ID)
	assert.Equal(t, "Ben", field(t, out, "CONTEXT"))
	assert.Equal(t, s.ID, field(t, out, "SESSION"))
	assert.Equal(t, "-", field(t, out, "LEFT"))
	var one rooms.Participant
	f.okJSON(t, &one, "participants", "get", people[0].ID)
	assert.Equal(t, "Ann", one.Context)
}

func TestTokensGenerateAndRefresh(t *testing.T) {
	f := newFixture(t)
	room := f.room(t, "tokens").ID

	out := f.ok(t, "tokens", "generate", room, "--ttl", "60", "--refresh-ttl", "120")
	assert.NotEqual(t, "-", field(t, out, "TOKEN"))
	assert.NotEqual(t, "-", field(t, out, "REFRESH TOKEN"))
	assert.Regexp(t, `^2026-01-02T09:01:\d\dZ$`, field(t, out, "TOKEN EXPIRES"))
	assert.Regexp(t, `^2026-01-02T09:02:\d\dZ$`, field(t, out, "REFRESH EXPIRES"))

	var tok rooms.JoinClientToken
	f.okJSON(t, &tok, "tokens", "generate", room)
	require.NotEmpty(t, tok.RefreshToken)
	now := f.room(t, "clock").CreatedAt // the fake's clock, a tick later
	assert.InDelta(t, 600, tok.TokenExpiresAt.Sub(now).Seconds(), 10, "the API's default TTL is 10 min")

	var fresh rooms.RefreshedClientToken
	f.okJSON(t, &fresh, "tokens", "refresh", room, "--refresh-token", tok.RefreshToken, "--ttl", "30")
	assert.NotEmpty(t, fresh.Token)
	assert.NotEqual(t, tok.Token, fresh.Token)
	out = f.ok(t, "tokens", "refresh", "--refresh-token", tok.RefreshToken, room)
	assert.NotEqual(t, "-", field(t, out, "TOKEN"))

	r := f.run(t, "tokens", "refresh", room, "--refresh-token", "made-up")
	assert.Equal(t, exitAPI, r.code)
	assert.Empty(t, r.stdout)
	requireOneLineError(t, r, "422 Unprocessable Entity")
	assert.NotContains(t, r.stderr, "made-up", "a refresh token is a secret too")
}

func TestValidationErrorsExitTwoBeforeTheNetwork(t *testing.T) {
	f := newFixture(t)
	const id = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	tests := []struct {
		args    []string
		wantErr string
	}{
		{args: []string{"rooms", "get", "not-a-uuid"}, wantErr: "rooms: invalid room_id: must be a UUID"},
		{args: []string{"rooms", "delete", "42"}, wantErr: "invalid room_id"},
		{args: []string{"rooms", "update", "x", "--max-participants", "3"}, wantErr: "invalid room_id"},
		{args: []string{"rooms", "create", "--max-participants", "51"}, wantErr: "invalid max_participants: must be between 2 and 50"},
		{args: []string{"rooms", "create", "--webhook-timeout", "31"}, wantErr: "invalid webhook_timeout_secs"},
		{args: []string{"rooms", "create", "--webhook-url", "example.com/hook"}, wantErr: "invalid webhook_event_url"},
		{args: []string{"rooms", "list", "--page-size", "251"}, wantErr: "invalid page[size]: must be between 1 and 250"},
		{args: []string{"rooms", "list", "--page", "-1", "--all"}, wantErr: "invalid page[number]"},
		{args: []string{"rooms", "sessions", "nope"}, wantErr: "invalid room_id"},
		{args: []string{"sessions", "get", "nope"}, wantErr: "invalid room_session_id"},
		{args: []string{"sessions", "end", "nope"}, wantErr: "invalid room_session_id"},
		{args: []string{"sessions", "kick", id, "--participant", "nope"}, wantErr: "invalid participants"},
		{args: []string{"sessions", "mute", id, "--all", "--exclude", "nope"}, wantErr: "invalid exclude"},
		{args: []string{"sessions", "list", "--room-id", "nope"}, wantErr: "invalid filter[room_id]"},
		{args: []string{"participants", "get", "nope"}, wantErr: "invalid room_participant_id"},
		{args: []string{"participants", "list", "--session-id", "nope"}, wantErr: "invalid filter[session_id]"},
		{args: []string{"tokens", "generate", id, "--ttl", "5"}, wantErr: "invalid token_ttl_secs"},
		{args: []string{"tokens", "generate", id, "--refresh-ttl", "86401"}, wantErr: "invalid refresh_token_ttl_secs"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := f.run(t, tt.args...)
			assert.Equal(t, exitUsage, r.code)
			assert.Empty(t, r.stdout)
			requireOneLineError(t, r, tt.wantErr)
			assert.Zero(t, f.srv.Requests(roomstest.AllRoutes), "a request reached the server")
		})
	}
}

func TestAPIAndNetworkErrorsExitOne(t *testing.T) {
	f := newFixture(t)
	missing := uuid.NewString()
	s, _ := f.session(t, "Ann")
	tests := []struct {
		name    string
		env     map[string]string
		fault   roomstest.Fault
		args    []string
		wantErr string
	}{
		{name: "room not found", args: []string{"rooms", "get", missing}, wantErr: "GET /v2/rooms/" + missing + ": 404 Not Found"},
		{name: "session not found", args: []string{"sessions", "end", missing}, wantErr: "404 Not Found"},
		{name: "participant not found", args: []string{"participants", "get", missing}, wantErr: "404 Not Found"},
		{name: "kick in a missing session", args: []string{"sessions", "kick", missing, "--all"}, wantErr: "404 Not Found"},
		{name: "list sessions of a missing room", args: []string{"rooms", "sessions", missing}, wantErr: "404"},
		{name: "wrong key", env: map[string]string{envAPIKey: "another-key"}, args: []string{"rooms", "list"}, wantErr: "401 Unauthorized"},
		{name: "server error", fault: roomstest.FailNext(1, http.StatusInternalServerError), args: []string{"sessions", "list"}, wantErr: "500 Internal Server Error"},
		{name: "html error page", fault: roomstest.HTMLNext(1, http.StatusBadGateway), args: []string{"sessions", "get", s.ID}, wantErr: "502 Bad Gateway"},
		// Two resets: net/http itself retries an idempotent request once on a reused connection.
		{name: "connection reset", fault: roomstest.ResetNext(2), args: []string{"participants", "list"}, wantErr: "GET /v2/room_participants"},
		{name: "nothing listening", env: map[string]string{envBaseURL: closedURL(t)}, args: []string{"rooms", "list"}, wantErr: "connect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fault != (roomstest.Fault{}) {
				f.srv.Inject(roomstest.AllRoutes, tt.fault)
				t.Cleanup(f.srv.ResetFaults)
			}
			env := map[string]string{}
			for k, v := range f.env {
				env[k] = v
			}
			for k, v := range tt.env {
				env[k] = v
			}
			r := runCLI(t, env, tt.args...)
			assert.Equal(t, exitAPI, r.code)
			assert.Empty(t, r.stdout)
			requireOneLineError(t, r, tt.wantErr)
		})
	}
}

// closedURL is a loopback API root where nothing listens any more.
func closedURL(t *testing.T) string {
	t.Helper()
	srv := roomstest.NewServer()
	u := srv.URL
	srv.Close()
	return u
}
