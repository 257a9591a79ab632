package main

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// demoTitles are the steps the demo must print, in order.
func demoTitles() []string {
	return []string{
		"create a room", "create a second, same name", "update the room", "generate a join token",
		"refresh the join token", "start a session (fake)", "join three people (fake)", "list active sessions",
		"list participants, --all", "filter by --context Bob", "mute all but Alice", "kick Carol",
		"end the session", "list the recordings", "wait for the recordings", "compose the session",
		"wait for the composition", "download the composition", "bulk delete without filter", "delete the recordings",
		"delete the room", "get the deleted room", "webhooks received, verified",
	}
}

// demoEventLines are the lines the demo prints under its webhook step, in
// order (as regular expressions: a session is shown by its short id).
func demoEventLines() []string {
	return []string{
		`      video\.room\.session\.started     session [0-9a-f]{8}`,
		`      video\.room\.participant\.joined  Alice`,
		`      video\.room\.participant\.joined  Bob`,
		`      video\.room\.participant\.joined  Carol`,
		`      video\.room\.participant\.left    Carol, left_reason=kicked`,
		`      video\.room\.participant\.left    Alice, left_reason=session_ended`,
		`      video\.room\.participant\.left    Bob, left_reason=session_ended`,
		`      video\.room\.session\.ended       session [0-9a-f]{8}, ended_reason=ended`,
	}
}

func TestDemoWalksTheLifeOfARoom(t *testing.T) {
	r := runCLI(t, nil, "demo") // no key, no base URL: the demo needs neither
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.Empty(t, r.stderr)
	var lines, below []string // the step lines, and the lines under the webhook step
	for _, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		if strings.HasPrefix(l, "      ") {
			below = append(below, l)
			continue
		}
		lines = append(lines, l)
	}
	require.Len(t, lines, len(demoTitles())+2, r.stdout)
	for i, title := range demoTitles() {
		assert.True(t, strings.HasPrefix(lines[i+1], fmt.Sprintf("%2d. %s ", i+1, title)), "line %d: %q", i+1, lines[i+1])
		assert.NotContains(t, lines[i+1], "FAILED")
	}
	step := slices.Index(demoTitles(), "webhooks received, verified") + 1
	require.Positive(t, step)
	require.NotEmpty(t, below, r.stdout)
	assert.Regexp(t, fmt.Sprintf(`(?m)^%2d\. webhooks received, verified  [0-9]+ events, signatures verified; the 8 of the session and its people as the steps did them:\n%s\n`,
		step, regexp.QuoteMeta(below[0])), r.stdout, "the events are printed under the webhook step")
	var session []string // other events (recordings...) are shown too, and checked by their own steps
	for _, l := range below {
		if strings.HasPrefix(l, "      video.room.session.") || strings.HasPrefix(l, "      video.room.participant.") {
			session = append(session, l)
		}
	}
	require.Len(t, session, len(demoEventLines()), r.stdout)
	for i, want := range demoEventLines() {
		assert.Regexp(t, "^"+want+"$", session[i])
	}
	shortID := regexp.MustCompile(`session ([0-9a-f]{8})`)
	assert.Equal(t, shortID.FindStringSubmatch(lines[6])[1], shortID.FindStringSubmatch(session[0])[1], "the session the demo started")
	for _, want := range []string{
		"max_participants=10 (default)", "refused: 422", "max_participants=5, recording=true",
		"token valid 10m, refresh token valid 1h", "Alice ", "Bob ", "Carol ", ": 1 session",
		"2 pages; ListParticipantsIter yields Alice, Bob, Carol", "--context Bob: 1 participant",
		"Bob and Carol muted, Alice not", "0 of 3 participants still in", ": 6 (audio and video of 3 participants)",
		"all 6 completed with a download_url", "Alice on top: enqueued; 1280x721 refused before sending",
		"[processing completed] after", "fetched without the API key", "refused before the network: rooms: invalid filter",
		"6 recordings deleted, none left", "404 Not Found",
		"webhook_event_url on the demo's receiver",
	} {
		assert.Contains(t, r.stdout, want)
	}
	assert.Equal(t, "demo ok: all 23 steps behaved as documented; every response and webhook matched openapi.yaml", lines[len(lines)-1])
}

func TestDemoStopsAtAStepThatMisbehaves(t *testing.T) {
	tests := []struct {
		name     string
		route    string
		fault    roomstest.Fault
		clock    *demoClock // the server's clock; nil: the demo's own
		wantStep int
		wantErr  string
	}{
		{name: "create fails", route: "createRoom", fault: roomstest.FailNext(1, http.StatusInternalServerError),
			wantStep: 1, wantErr: "500"},
		{name: "mute fails", route: "muteParticipantInSession", fault: roomstest.FailNext(1, http.StatusServiceUnavailable),
			wantStep: 11, wantErr: "503"},
		{name: "delete answers HTML", route: "deleteRoom", fault: roomstest.HTMLNext(1, http.StatusBadGateway),
			wantStep: 21, wantErr: "502"},
		{name: "the composition fails", route: "createRoomComposition", fault: roomstest.FailNext(1, http.StatusInternalServerError),
			wantStep: 16, wantErr: "500"},
		{name: "the media is gone", route: "viewRoomComposition", fault: roomstest.FailNext(1, http.StatusNotFound),
			wantStep: 17, wantErr: "404"},
		{name: "token expiries disagree with the clock", clock: &demoClock{},
			wantStep: 4, wantErr: "want the token to expire in 10m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newDemoClock()
			serverClock := clock
			if tt.clock != nil {
				serverClock = tt.clock
			}
			srv := roomstest.NewServer(roomstest.WithClock(serverClock.now), roomstest.WithResponseValidation())
			t.Cleanup(srv.Close)
			if tt.route != "" {
				srv.Inject(tt.route, tt.fault)
			}
			var out bytes.Buffer
			err := walkthrough(t.Context(), &out, srv, clock)
			require.Error(t, err)
			assert.Contains(t, err.Error(), fmt.Sprintf("demo: step %d (%s): ", tt.wantStep, demoTitles()[tt.wantStep-1]))
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Contains(t, out.String(), fmt.Sprintf("%2d. %-28s FAILED\n", tt.wantStep, demoTitles()[tt.wantStep-1]))
			assert.NotContains(t, out.String(), "demo ok")
		})
	}
}
