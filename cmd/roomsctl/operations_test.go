package main

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
)

// localCommands talk to no API given by the environment: webhooks listen
// receives webhooks, serve runs the fake, demo starts its own. They declare
// no operations.
var localCommands = map[string]bool{"webhooks listen": true, "serve": true, "demo": true}

// verbSamples gives each API verb a command line that succeeds against a
// fresh fixture, arranging what it needs first (through the client or the
// fake's controls, before the request counts are taken).
var verbSamples = map[string]func(t *testing.T, f *fixture) []string{
	"rooms list":   func(*testing.T, *fixture) []string { return []string{"rooms", "list"} },
	"rooms create": func(*testing.T, *fixture) []string { return []string{"rooms", "create", "--unique-name", "new"} },
	"rooms get": func(t *testing.T, f *fixture) []string {
		return []string{"rooms", "get", f.room(t, "r").ID, "--include-sessions"}
	},
	"rooms update": func(t *testing.T, f *fixture) []string {
		return []string{"rooms", "update", f.room(t, "r").ID, "--max-participants", "5"}
	},
	"rooms delete": func(t *testing.T, f *fixture) []string {
		return []string{"rooms", "delete", f.room(t, "r").ID}
	},
	"rooms sessions": func(t *testing.T, f *fixture) []string {
		s, _ := f.session(t)
		return []string{"rooms", "sessions", s.RoomID}
	},
	"tokens generate": func(t *testing.T, f *fixture) []string {
		return []string{"tokens", "generate", f.room(t, "r").ID}
	},
	"tokens refresh": func(t *testing.T, f *fixture) []string {
		room := f.room(t, "r").ID
		tok, err := f.cl.Tokens.Generate(t.Context(), room, nil)
		require.NoError(t, err)
		return []string{"tokens", "refresh", room, "--refresh-token", tok.RefreshToken}
	},
	"sessions list": func(*testing.T, *fixture) []string { return []string{"sessions", "list"} },
	"sessions get": func(t *testing.T, f *fixture) []string {
		s, _ := f.session(t, "Alice")
		return []string{"sessions", "get", s.ID}
	},
	"sessions end": func(t *testing.T, f *fixture) []string {
		s, _ := f.session(t, "Alice")
		return []string{"sessions", "end", s.ID}
	},
	"sessions participants": func(t *testing.T, f *fixture) []string {
		s, _ := f.session(t, "Alice")
		return []string{"sessions", "participants", s.ID}
	},
	"sessions kick": func(t *testing.T, f *fixture) []string {
		s, _ := f.session(t, "Alice")
		return []string{"sessions", "kick", s.ID, "--all"}
	},
	"sessions mute": func(t *testing.T, f *fixture) []string {
		s, ps := f.session(t, "Alice", "Bob")
		return []string{"sessions", "mute", s.ID, "--participant", ps[0].ID}
	},
	"sessions unmute": func(t *testing.T, f *fixture) []string {
		s, ps := f.session(t, "Alice", "Bob")
		return []string{"sessions", "unmute", s.ID, "--all", "--exclude", ps[1].ID}
	},
	"participants list": func(*testing.T, *fixture) []string { return []string{"participants", "list"} },
	"participants get": func(t *testing.T, f *fixture) []string {
		_, ps := f.session(t, "Alice")
		return []string{"participants", "get", ps[0].ID}
	},
	"recordings list": func(*testing.T, *fixture) []string { return []string{"recordings", "list"} },
	"recordings get": func(t *testing.T, f *fixture) []string {
		s, _ := f.recorded(t, "Ann")
		return []string{"recordings", "get", f.recordings(t, s.ID)[0].ID}
	},
	"recordings delete": func(t *testing.T, f *fixture) []string {
		s, _ := f.recorded(t, "Ann")
		return []string{"recordings", "delete", f.recordings(t, s.ID)[0].ID}
	},
	"recordings delete-bulk": func(t *testing.T, f *fixture) []string {
		s, _ := f.recorded(t, "Ann")
		return []string{"recordings", "delete-bulk", "--session-id", s.ID}
	},
	"recordings download": func(t *testing.T, f *fixture) []string {
		s, _ := f.recorded(t, "Ann")
		return []string{"recordings", "download", f.recordings(t, s.ID)[0].ID, "--out", filepath.Join(t.TempDir(), "r")}
	},
	"compositions list": func(*testing.T, *fixture) []string { return []string{"compositions", "list"} },
	"compositions create": func(t *testing.T, f *fixture) []string {
		s, _ := f.recorded(t, "Ann")
		return []string{"compositions", "create", "--session-id", s.ID}
	},
	"compositions get": func(t *testing.T, f *fixture) []string {
		return []string{"compositions", "get", f.composition(t).ID}
	},
	"compositions delete": func(t *testing.T, f *fixture) []string {
		return []string{"compositions", "delete", f.composition(t).ID}
	},
}

// contractOperations returns every operationId of the contract embedded in gen.
func contractOperations(t *testing.T) []string {
	t.Helper()
	doc, err := genserver.GetSpec()
	require.NoError(t, err)
	var ops []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops = append(ops, op.OperationID)
		}
	}
	slices.Sort(ops)
	return ops
}

// TestCommandOperationsAreWhatTheVerbCalls checks the operations field of the
// command table, which internal/coverage reads to find the command of each
// operation: every verb but the local ones declares at least one operation of
// the contract, and running the verb requests exactly the operations it
// declares.
func TestCommandOperationsAreWhatTheVerbCalls(t *testing.T) {
	all := contractOperations(t)
	require.NotEmpty(t, all)
	var names []string
	for _, cmd := range commands() {
		names = append(names, cmd.name())
		t.Run(cmd.name(), func(t *testing.T) {
			t.Parallel()
			if localCommands[cmd.name()] {
				assert.Empty(t, cmd.operations, "%s talks to no API and declares no operation", cmd.name())
				return
			}
			require.NotEmpty(t, cmd.operations, "command %q talks to the API: list the operationIds it calls in its operations field", cmd.name())
			for _, op := range cmd.operations {
				require.Contains(t, all, op, "command %q declares an operation openapi.yaml does not have", cmd.name())
			}
			sample, ok := verbSamples[cmd.name()]
			require.True(t, ok, "add a sample command line for %q to verbSamples", cmd.name())

			f := newFixture(t)
			args := sample(t, f)
			before := requestCounts(f, all)
			f.ok(t, args...)
			after := requestCounts(f, all)
			var called []string
			for _, op := range all {
				if after[op] > before[op] {
					called = append(called, op)
				}
			}
			assert.ElementsMatch(t, cmd.operations, called, "roomsctl %v: the operations it requested", args)
		})
	}
	assert.Subset(t, names, slices.Sorted(maps.Keys(verbSamples)), "verbSamples has a sample for a command that does not exist")
}

func requestCounts(f *fixture, ops []string) map[string]int {
	counts := make(map[string]int, len(ops))
	for _, op := range ops {
		counts[op] = f.srv.Requests(op)
	}
	return counts
}
