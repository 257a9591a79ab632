package specdiff

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oasdiff/oasdiff/checker"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contractPath is the real contract; tests only read it and work on copies.
var contractPath = filepath.Join("..", "..", "openapi.yaml")

// readContract returns the text of the real contract.
func readContract(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(contractPath)
	require.NoError(t, err)
	return string(b)
}

// writeTemp writes text to name in a fresh temporary directory and returns its path.
func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

// replaceOnce replaces old by new in s and fails unless old occurs exactly once,
// so that an edit can never silently miss after the contract changes.
func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(s, old), "the contract must contain exactly one %q", old)
	return strings.Replace(s, old, new, 1)
}

// cut removes the text from the start marker up to (not including) the end
// marker that follows it.
func cut(t *testing.T, s, start, end string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(s, start), "the contract must contain exactly one %q", start)
	i := strings.Index(s, start)
	j := strings.Index(s[i:], end)
	require.Positive(t, j, "%q must follow %q", end, start)
	return s[:i] + s[i+j:]
}

// inSection applies edit to the part of s from the start marker up to (not
// including) the end marker, so that an edit can target one schema.
func inSection(t *testing.T, s, start, end string, edit func(section string) string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(s, start), "the contract must contain exactly one %q", start)
	i := strings.Index(s, start)
	j := strings.Index(s[i:], end)
	require.Positive(t, j, "%q must follow %q", end, start)
	return s[:i] + edit(s[i:i+j]) + s[i+j:]
}

// roomUniqueName is the unique_name property of the Room response schema.
const roomUniqueName = `        unique_name:
          type: string
          description: The unique (within the Telnyx account scope) name of the room.
          example: My Room
`

func TestCompare(t *testing.T) {
	contract := readContract(t)
	tests := []struct {
		name         string
		edit         func(t *testing.T, spec string) string
		wantBreaking bool
		// wantLines must each be a substring of one line of the text report.
		wantLines []string
		// wantIDs are rule ids that must be among the breaking changes
		// (wantBreaking) or the changelog (otherwise).
		wantIDs []string
	}{
		{
			name: "removed operation",
			edit: func(t *testing.T, spec string) string {
				return cut(t, spec, "    delete:\n      operationId: deleteRoom\n", "\n  /rooms/{room_id}/sessions:\n")
			},
			wantBreaking: true,
			wantIDs:      []string{"api-removed-without-deprecation"},
			wantLines:    []string{"error   [api-removed-without-deprecation] DELETE /rooms/{room_id} (deleteRoom): api removed without deprecation"},
		},
		{
			name: "removed path",
			edit: func(t *testing.T, spec string) string {
				return cut(t, spec, "  /rooms/{room_id}/sessions:\n", "  /rooms/{room_id}/actions/generate_join_client_token:\n")
			},
			wantBreaking: true,
			wantIDs:      []string{"api-path-removed-without-deprecation"},
			wantLines:    []string{"[api-path-removed-without-deprecation] GET /rooms/{room_id}/sessions (nestedListRoomSessions): api path removed without deprecation"},
		},
		{
			name: "removed optional response property",
			edit: func(t *testing.T, spec string) string {
				return replaceOnce(t, spec, roomUniqueName, "")
			},
			wantBreaking: true,
			wantIDs:      []string{"response-optional-property-removed"},
			wantLines: []string{
				"error   [response-optional-property-removed] GET /rooms/{room_id} (viewRoom): removed the optional property `data/unique_name` from the response with the `200` status",
				"[response-optional-property-removed] GET /rooms (listRooms): removed the optional property `data/items/unique_name`",
				"(raised from info: removes a field of a generated Go type)",
			},
		},
		{
			name: "retyped response property",
			edit: func(t *testing.T, spec string) string {
				return replaceOnce(t, spec,
					"        max_participants:\n          type: integer\n          format: int32\n          description: Maximum participants allowed in the room.\n",
					"        max_participants:\n          type: string\n          description: Maximum participants allowed in the room.\n")
			},
			wantBreaking: true,
			wantIDs:      []string{"response-property-type-changed"},
			wantLines:    []string{"[response-property-type-changed] GET /rooms/{room_id} (viewRoom): the `data/max_participants` response's property `type/format` changed from `integer/int32` to `string` for status `200`"},
		},
		{
			name: "optional request property became required",
			edit: func(t *testing.T, spec string) string {
				return replaceOnce(t, spec, "    CreateRoomRequest:\n      type: object\n", "    CreateRoomRequest:\n      type: object\n      required: [unique_name]\n")
			},
			wantBreaking: true,
			wantIDs:      []string{"request-property-became-required"},
			wantLines:    []string{"error   [request-property-became-required] POST /rooms (createRoom): the request property `unique_name` became required"},
		},
		{
			name: "narrowed request range",
			edit: func(t *testing.T, spec string) string {
				return inSection(t, spec, "    CreateRoomRequest:\n", "    UpdateRoomRequest:\n", func(section string) string {
					return replaceOnce(t, section, "          minimum: 2\n          maximum: 50\n", "          minimum: 2\n          maximum: 40\n")
				})
			},
			wantBreaking: true,
			wantIDs:      []string{"request-property-max-decreased"},
			wantLines:    []string{"error   [request-property-max-decreased] POST /rooms (createRoom): the `max_participants` request property's max was decreased to `40.00`"},
		},
		{
			name: "removed request property is a warning and fails",
			edit: func(t *testing.T, spec string) string {
				return inSection(t, spec, "    CreateRoomRequest:\n", "    UpdateRoomRequest:\n", func(section string) string {
					return cut(t, section, "        enable_recording:\n", "        webhook_event_url:\n")
				})
			},
			wantBreaking: true,
			wantIDs:      []string{"request-property-removed"},
			wantLines:    []string{"warning [request-property-removed] POST /rooms (createRoom): removed the request property `enable_recording`"},
		},
		{
			name: "changed operationId",
			edit: func(t *testing.T, spec string) string {
				return replaceOnce(t, spec, "operationId: deleteRoom\n", "operationId: removeRoom\n")
			},
			wantBreaking: true,
			wantIDs:      []string{"api-operation-id-removed"},
			wantLines:    []string{"[api-operation-id-removed] DELETE /rooms/{room_id} (deleteRoom): api operation id `deleteRoom` removed and replaced with `removeRoom` (raised from info: renames the generated Go client and server methods and types)"},
		},
		{
			name: "added optional response property",
			edit: func(t *testing.T, spec string) string {
				return replaceOnce(t, spec, "    Room:\n      type: object\n      properties:\n",
					"    Room:\n      type: object\n      properties:\n        region:\n          type: string\n          description: Where the room is hosted.\n")
			},
			wantIDs: []string{"response-optional-property-added"},
			wantLines: []string{
				"info    [response-optional-property-added] GET /rooms/{room_id} (viewRoom): added the optional property `data/region` to the response with the `200` status",
				"info    [response-optional-property-added] POST /rooms (createRoom): added the optional property `data/region` to the response with the `201` status",
				"spec-diff: ok: 4 changes, none breaking.",
			},
		},
		{
			name: "removed callback",
			edit: func(t *testing.T, spec string) string {
				return cut(t, spec, "        videoRoomSessionEnded:\n", "        videoRoomParticipantJoined:\n")
			},
			wantBreaking: true,
			wantIDs:      []string{"api-path-removed-without-deprecation"},
			wantLines:    []string{"POST /callbacks/createRoom/videoRoomSessionEnded (videoRoomSessionEnded): api path removed without deprecation"},
		},
		{
			name: "removed event payload member",
			edit: func(t *testing.T, spec string) string {
				return inSection(t, spec, "    SessionEndedPayload:\n", "    ParticipantJoinedWebhook:\n", func(section string) string {
					return replaceOnce(t, section, "        ended_reason:\n          type: string\n", "        ended_reason_renamed:\n          type: string\n")
				})
			},
			wantBreaking: true,
			wantIDs:      []string{"response-optional-property-removed"},
			wantLines:    []string{"POST /callbacks/createRoom/videoRoomSessionEnded (videoRoomSessionEnded): removed the optional property `data/payload/ended_reason` from the response with the `200` status"},
		},
		{
			name: "widened event enum",
			edit: func(t *testing.T, spec string) string {
				return inSection(t, spec, "    RecordingStartedPayload:\n", "    RecordingCompletedWebhook:\n", func(section string) string {
					return replaceOnce(t, section, "enum: [audio, video]", "enum: [audio, video, screen]")
				})
			},
			wantBreaking: true,
			wantIDs:      []string{"response-property-enum-value-added"},
		},
		{
			name: "added optional event payload member",
			edit: func(t *testing.T, spec string) string {
				return inSection(t, spec, "    SessionStartedPayload:\n", "    SessionEndedWebhook:\n", func(section string) string {
					return replaceOnce(t, section, "      properties:\n", "      properties:\n        region:\n          type: string\n          description: Where the session runs.\n")
				})
			},
			wantIDs:   []string{"response-optional-property-added"},
			wantLines: []string{"info    [response-optional-property-added] POST /callbacks/createRoom/videoRoomSessionStarted (videoRoomSessionStarted): added the optional property `data/payload/region` to the response with the `200` status"},
		},
		{
			name:      "identical",
			edit:      func(t *testing.T, spec string) string { return spec },
			wantLines: []string{"spec-diff: ok: no changes"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := writeTemp(t, "base.yaml", contract)
			revision := writeTemp(t, "revision.yaml", tt.edit(t, contract))

			report, err := Compare(base, revision)
			require.NoError(t, err)
			var out bytes.Buffer
			require.NoError(t, report.WriteText(&out))
			text := out.String()

			assert.Equal(t, tt.wantBreaking, report.HasBreaking(), text)
			listed := report.Changelog()
			if tt.wantBreaking {
				listed = report.Breaking()
				assert.Contains(t, text, "spec-diff: FAIL:")
				assert.Contains(t, text, "copy "+revision+" over "+base+" in the same commit")
			} else {
				assert.NotContains(t, text, "FAIL")
				assert.Empty(t, report.Breaking())
			}
			ids := make(map[string]bool)
			for _, c := range listed {
				ids[c.ID] = true
			}
			for _, id := range tt.wantIDs {
				assert.True(t, ids[id], "rule %s not listed in:\n%s", id, text)
			}
			lines := strings.Split(text, "\n")
			for _, want := range tt.wantLines {
				assert.True(t, containsLine(lines, want), "no line contains %q in:\n%s", want, text)
			}
			if len(tt.wantIDs) == 0 {
				assert.Empty(t, report.Changes, text)
			}
		})
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if strings.Contains(l, want) {
			return true
		}
	}
	return false
}

func TestCompareIsDeterministic(t *testing.T) {
	contract := readContract(t)
	base := writeTemp(t, "base.yaml", contract)
	// Several unrelated breaks and additions, so that the order matters.
	edited := replaceOnce(t, contract, roomUniqueName, "")
	edited = replaceOnce(t, edited, "operationId: deleteRoom\n", "operationId: removeRoom\n")
	edited = replaceOnce(t, edited, "    Room:\n      type: object\n      properties:\n",
		"    Room:\n      type: object\n      properties:\n        region:\n          type: string\n")
	revision := writeTemp(t, "revision.yaml", edited)

	var first string
	for i := range 5 {
		report, err := Compare(base, revision)
		require.NoError(t, err)
		var out bytes.Buffer
		require.NoError(t, report.WriteText(&out))
		if i == 0 {
			first = out.String()
			continue
		}
		require.Equal(t, first, out.String(), "run %d differs", i)
	}
	report, err := Compare(base, revision)
	require.NoError(t, err)
	require.NotEmpty(t, report.Breaking())
	require.NotEmpty(t, report.Changelog())
	for i := 1; i < len(report.Changes); i++ {
		assert.LessOrEqual(t, compareChanges(report.Changes[i-1], report.Changes[i]), 0, "changes %d and %d are out of order", i-1, i)
	}
	assert.True(t, report.Changes[0].Breaking, "breaking changes come first")
}

func TestCompareLoadErrors(t *testing.T) {
	contract := writeTemp(t, "openapi.yaml", readContract(t))
	missing := filepath.Join(t.TempDir(), "missing.yaml")

	_, err := Compare(missing, contract)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "load base "+missing)

	_, err = Compare(contract, missing)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "load revision "+missing)
}

func TestGoBreakingRulesAreKnownInfoRules(t *testing.T) {
	defaults := checker.GetCheckLevels()
	rules := GoBreakingRules()
	require.NotEmpty(t, rules)
	for id, reason := range rules {
		level, ok := defaults[id]
		if assert.True(t, ok, "%s is not an oasdiff v1.33 rule id", id) {
			assert.Equal(t, checker.INFO, level, "%s: raising is only meaningful for a rule oasdiff rates INFO", id)
		}
		assert.NotEmpty(t, reason, id)
	}
	// The map is a fresh copy: changing it changes nothing for the next caller.
	delete(rules, "response-optional-property-removed")
	assert.Contains(t, GoBreakingRules(), "response-optional-property-removed")
}

func TestIsBreaking(t *testing.T) {
	assert.True(t, isBreaking(checker.ERR))
	assert.True(t, isBreaking(checker.WARN))
	assert.False(t, isBreaking(checker.INFO))
}
