package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// recorded starts a session in a new recording room, joins people to it
// and ends it: the fake holds an audio and a video recording of each.
func (f *fixture) recorded(t *testing.T, people ...string) (rooms.Session, []rooms.Participant) {
	t.Helper()
	r, err := f.cl.Rooms.Create(t.Context(), &rooms.RoomParams{UniqueName: rooms.Ptr("rec-" + uuid.NewString()[:8]), EnableRecording: rooms.Ptr(true)})
	require.NoError(t, err)
	s, err := f.srv.StartSession(r.ID)
	require.NoError(t, err)
	var ps []rooms.Participant
	for _, name := range people {
		p, err := f.srv.Join(s.ID, name)
		require.NoError(t, err)
		ps = append(ps, p)
	}
	require.NoError(t, f.cl.Sessions.End(t.Context(), s.ID))
	return s, ps
}

// recordings returns the recordings of a session once completed, reading
// them until they are (the fake's clock moves a second per reading).
func (f *fixture) recordings(t *testing.T, session string) []rooms.Recording {
	t.Helper()
	for range maxPolls {
		p, err := f.cl.Recordings.List(t.Context(), &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{SessionID: session}})
		require.NoError(t, err)
		done := len(p.Items) > 0
		for _, r := range p.Items {
			done = done && r.Status == rooms.RecordingCompleted
		}
		if done {
			return p.Items
		}
	}
	t.Fatalf("the recordings of %s did not complete in %d reads", session, maxPolls)
	return nil
}

// composition creates a composition of an ended recorded session.
func (f *fixture) composition(t *testing.T) rooms.Composition {
	t.Helper()
	s, _ := f.recorded(t, "Ann")
	c, err := f.cl.Compositions.Create(t.Context(), &rooms.CompositionParams{SessionID: s.ID})
	require.NoError(t, err)
	return *c
}

func TestRecordingsListGetDelete(t *testing.T) {
	f := newFixture(t)
	s, people := f.recorded(t, "Ann", "Ben")
	recs := f.recordings(t, s.ID)
	require.Len(t, recs, 4)

	rows := tableRows(t, f.ok(t, "recordings", "list", "--session-id", s.ID))
	require.Len(t, rows, 4)
	assert.Regexp(t, `^`+recs[0].ID+` +`+s.ID+` +\S+ +(audio|video) +completed +\d+ +[0-9.]+ +2026-01-02T\S+Z$`, rows[0])

	var got []rooms.Recording
	f.okJSON(t, &got, "recordings", "list", "--participant-id", people[1].ID, "--type", "video", "--status", "completed",
		"--started-on", "2026-01-02", "--ended-from", "2026-01-01", "--room-id", s.RoomID, "--min-duration", "0")
	require.Len(t, got, 1)
	assert.Equal(t, rooms.RecordingVideo, got[0].Type)
	assert.Equal(t, people[1].ID, got[0].ParticipantID)
	f.okJSON(t, &got, "recordings", "list", "--ended-from", "2026-01-03")
	assert.Empty(t, got)
	f.okJSON(t, &got, "recordings", "list", "--all", "--page-size", "3")
	assert.Len(t, got, 4)

	out := f.ok(t, "recordings", "get", recs[0].ID)
	assert.Equal(t, recs[0].ID, field(t, out, "ID"))
	assert.Equal(t, recs[0].DownloadURL, field(t, out, "DOWNLOAD URL"))
	assert.Equal(t, "completed", field(t, out, "STATUS"))

	assert.Equal(t, "deleted recording "+recs[0].ID+"\n", f.ok(t, "recordings", "delete", recs[0].ID))
	r := f.run(t, "recordings", "get", recs[0].ID)
	assert.Equal(t, exitAPI, r.code)
	requireOneLineError(t, r, "404")
}

func TestRecordingsDeleteBulk(t *testing.T) {
	f := newFixture(t)
	s, _ := f.recorded(t, "Ann", "Ben")
	keep, _ := f.recorded(t, "Cid")

	// No filter: refused before any request, exit 2, and it says how to mean it.
	before := f.srv.Requests("deleteRoomRecordings")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"recordings", "delete-bulk"}, "no filter: that would delete every recording of the account; give a filter, or --all-recordings to mean it"},
		{[]string{"recordings", "delete-bulk", "--page-size", "5"}, "no filter"},
		{[]string{"recordings", "delete-bulk", "--all-recordings", "--session-id", s.ID}, "--all-recordings deletes every recording of the account: it takes no filter"},
		{[]string{"recordings", "delete-bulk", "--status", "done"}, "rooms: invalid filter[status]"},
		{[]string{"recordings", "delete-bulk", "--all-recordings", "--page-size", "300"}, "rooms: invalid page[size]"},
	} {
		r := f.run(t, tt.args...)
		assert.Equal(t, exitUsage, r.code, "%v", tt.args)
		requireOneLineError(t, r, tt.want)
	}
	assert.Equal(t, before, f.srv.Requests("deleteRoomRecordings"), "nothing was sent")

	assert.Equal(t, "deleted 2 recordings\n", f.ok(t, "recordings", "delete-bulk", "--session-id", s.ID, "--type", "audio"))
	assert.JSONEq(t, `{"room_recordings":2}`, f.ok(t, "-o", "json", "recordings", "delete-bulk", "--session-id", s.ID))
	assert.Equal(t, "deleted 0 recordings\n", f.ok(t, "recordings", "delete-bulk", "--session-id", s.ID))
	assert.Len(t, f.recordings(t, keep.ID), 2, "another session's recordings are kept")
	assert.Equal(t, "deleted 2 recordings\n", f.ok(t, "recordings", "delete-bulk", "--all-recordings"))
}

func TestRecordingsDownload(t *testing.T) {
	f := newFixture(t)
	s, _ := f.recorded(t, "Ann")
	rec := f.recordings(t, s.ID)[0]
	dir := t.TempDir()
	out := filepath.Join(dir, "ann.media")

	msg := f.ok(t, "recordings", "download", rec.ID, "--out", out)
	assert.Regexp(t, `^downloaded \d+ bytes \([0-9.]+ (B|KiB)\) of recording `+rec.ID+` to `+regexp.QuoteMeta(out)+"\n$", msg)
	first, err := os.ReadFile(out)
	require.NoError(t, err)
	require.NotEmpty(t, first)
	assert.NotContains(t, msg, "\r", "no progress bar: stdout is not a terminal")

	// Never replaced without --force; replaced with it.
	require.NoError(t, os.WriteFile(out, []byte("mine"), 0o644))
	r := f.run(t, "recordings", "download", rec.ID, "--out", out)
	assert.Equal(t, exitUsage, r.code)
	requireOneLineError(t, r, "--force")
	kept, _ := os.ReadFile(out)
	assert.Equal(t, "mine", string(kept))
	f.ok(t, "recordings", "download", rec.ID, "--out", out, "--force")
	again, _ := os.ReadFile(out)
	assert.Equal(t, first, again, "the same generated file")

	// To stdout, and with -o json.
	assert.Equal(t, string(first), f.ok(t, "recordings", "download", rec.ID, "--out", "-"))
	var info map[string]any
	f.okJSON(t, &info, "recordings", "download", rec.ID, "--out", filepath.Join(dir, "j"))
	assert.Equal(t, map[string]any{"id": rec.ID, "file": filepath.Join(dir, "j"), "bytes": float64(len(first))}, info)

	// The default name is the id and the URL's extension, in the current directory.
	t.Chdir(dir)
	msg = f.ok(t, "recordings", "download", rec.ID)
	name := strings.TrimSuffix(msg[strings.LastIndex(msg, " to ")+4:], "\n")
	assert.True(t, strings.HasPrefix(name, rec.ID), name)
	_, err = os.Stat(filepath.Join(dir, name))
	assert.NoError(t, err)

	// Bounded.
	r = f.run(t, "recordings", "download", rec.ID, "--out", filepath.Join(dir, "small"), "--max-bytes", "10")
	assert.Equal(t, exitAPI, r.code)
	requireOneLineError(t, r, "--max-bytes")
	_, err = os.Stat(filepath.Join(dir, "small"))
	assert.ErrorIs(t, err, os.ErrNotExist, "nothing left of a refused download")
}

func TestRecordingsDownloadNotReady(t *testing.T) {
	f := newFixture(t)
	s, _ := f.recorded(t, "Ann")
	p, err := f.cl.Recordings.List(t.Context(), &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{SessionID: s.ID}})
	require.NoError(t, err)
	require.NotEmpty(t, p.Items)
	if p.Items[0].Status == rooms.RecordingCompleted {
		t.Fatalf("the fake completed the recording at once; this test needs one still processing")
	}
	r := f.run(t, "recordings", "download", p.Items[0].ID, "--out", filepath.Join(t.TempDir(), "x"))
	assert.Equal(t, exitAPI, r.code)
	requireOneLineError(t, r, "not ready")
}

func TestCompositionsCreateGetListDelete(t *testing.T) {
	f := newFixture(t)
	s, _ := f.recorded(t, "Ann", "Ben")

	out := f.ok(t, "compositions", "create", "--session-id", s.ID, "--resolution", "800x600", "--format", "mp4",
		"--layout", `{"main":{"video_sources":["*"],"max_columns":2},"corner":{"width":160,"height":90,"z_pos":1,"video_sources":["*"]}}`,
		"--webhook-url", "https://example.com/c", "--webhook-failover-url", "https://failover.example.com/c", "--webhook-timeout", "5")
	id := field(t, out, "ID")
	assert.Equal(t, "enqueued", field(t, out, "STATUS"))
	assert.Equal(t, "800x600", field(t, out, "RESOLUTION"))
	assert.Equal(t, "2", field(t, out, "REGIONS"))
	assert.Equal(t, "https://example.com/c", field(t, out, "WEBHOOK URL"))
	assert.Equal(t, "5", field(t, out, "WEBHOOK TIMEOUT"))

	var got rooms.Composition
	f.okJSON(t, &got, "compositions", "get", id)
	assert.Equal(t, s.ID, got.SessionID)
	assert.Equal(t, map[string]rooms.VideoRegion{
		"main":   {VideoSources: []string{"*"}, MaxColumns: 2},
		"corner": {Width: 160, Height: 90, ZPos: 1, VideoSources: []string{"*"}},
	}, got.VideoLayout)

	var list []rooms.Composition
	f.okJSON(t, &list, "compositions", "list", "--session-id", s.ID, "--created-on", "2026-01-02")
	require.Len(t, list, 1)
	assert.Equal(t, id, list[0].ID)
	f.okJSON(t, &list, "compositions", "list", "--status", "completed", "--created-from", "2026-01-03")
	assert.Empty(t, list)
	rows := tableRows(t, f.ok(t, "compositions", "list", "--all"))
	require.Len(t, rows, 1)
	assert.Regexp(t, `^`+id+` +`+s.ID+` +\S+ +800x600 +`, rows[0])

	assert.Equal(t, "deleted composition "+id+"\n", f.ok(t, "compositions", "delete", id))
	r := f.run(t, "compositions", "get", id)
	assert.Equal(t, exitAPI, r.code)
	requireOneLineError(t, r, "404")
}

func TestCompositionsCreateRefusesBeforeTheNetwork(t *testing.T) {
	const session = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	env := map[string]string{envAPIKey: testKey, envBaseURL: tripwire(t)}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--resolution", "1280x721"}, "rooms: invalid resolution"},
		{[]string{"--resolution", "big"}, "want WIDTHxHEIGHT"},
		{[]string{"--layout", `{"a":{},"b":{},"c":{}}`}, "at most 2 regions"},
		{[]string{"--layout", `{"a":{"zpos":1}}`}, "want a JSON object of regions"},
		{[]string{"--layout", `[]`}, "want a JSON object of regions"},
		{[]string{"--layout", `{"a":{"z_pos":100}}`}, "video_layout[a].z_pos"},
		{[]string{"--format", "webm"}, "rooms: invalid format"},
		{[]string{"--webhook-timeout", "x"}, "want a whole number"},
		{[]string{"--webhook-url", "example.com"}, "rooms: invalid webhook_event_url"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, env, append([]string{"compositions", "create", "--session-id", session}, tt.args...)...)
			assert.Equal(t, exitUsage, r.code)
			requireOneLineError(t, r, tt.want)
		})
	}
	r := runCLI(t, env, "compositions", "create")
	assert.Equal(t, exitUsage, r.code)
	requireOneLineError(t, r, "--session-id is required")
}
