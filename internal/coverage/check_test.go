package coverage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the real repository; tests only read it and work on copies.
var repoRoot = filepath.Join("..", "..")

func gapLines(gaps []Gap) string {
	lines := make([]string, len(gaps))
	for i, g := range gaps {
		lines[i] = g.String()
	}
	return strings.Join(lines, "\n  ")
}

// TestEveryOperationIsCoveredInEveryLayer is the coverage check CI runs: every
// operation of openapi.yaml has a client method, a fake handler, a roomsctl
// command and a round-trip case.
func TestEveryOperationIsCoveredInEveryLayer(t *testing.T) {
	gaps, err := Check(filepath.Join(repoRoot, "openapi.yaml"), repoRoot)
	require.NoError(t, err)
	if len(gaps) > 0 {
		t.Fatalf("operations of openapi.yaml not finished in every layer (%d gaps; see the README, Contributing):\n  %s", len(gaps), gapLines(gaps))
	}
}

// recordingsPath is an operation the contract does not have, added to copies of it.
const recordingsPath = `  /rooms/{room_id}/recordings:
    parameters:
      - $ref: '#/components/parameters/RoomId'
    get:
      operationId: listRoomRecordings
      summary: View a list of the recordings of a room.
      tags: [Rooms]
      responses:
        '200':
          description: The recordings.
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: array
                    items:
                      type: object
        '401':
          $ref: '#/components/responses/UnauthorizedResponse'
        '404':
          $ref: '#/components/responses/NotFoundResponse'
        default:
          $ref: '#/components/responses/GenericErrorResponse'
`

// copyContract writes a copy of openapi.yaml, changed by edit, to a
// temporary directory, checks that it is still a valid OpenAPI document and
// returns its path.
func copyContract(t *testing.T, edit func(t *testing.T, spec string) string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "openapi.yaml"))
	require.NoError(t, err)
	spec := edit(t, string(b))
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	require.NoError(t, os.WriteFile(path, []byte(spec), 0o644))
	doc, err := openapi3.NewLoader().LoadFromFile(path)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(t.Context()), "the edited copy must be a valid contract")
	return path
}

// TestContractChangesAreNamed runs Check on edited copies of openapi.yaml
// against the real layers: an added operation is missing from all four
// layers, a removed one is left over in all four, an unchanged copy has no
// gaps.
func TestContractChangesAreNamed(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, spec string) string
		want []Gap // Where and Problem are checked apart
	}{
		{
			name: "unchanged",
			edit: func(_ *testing.T, spec string) string { return spec },
		},
		{
			name: "operation added",
			edit: func(t *testing.T, spec string) string {
				require.Contains(t, spec, "\npaths:\n")
				return strings.Replace(spec, "\npaths:\n", "\npaths:\n"+recordingsPath, 1)
			},
			want: []Gap{
				{Operation: "listRoomRecordings", Endpoint: "GET /rooms/{room_id}/recordings", Layer: LayerClient, Kind: Missing},
				{Operation: "listRoomRecordings", Endpoint: "GET /rooms/{room_id}/recordings", Layer: LayerFake, Kind: Missing},
				{Operation: "listRoomRecordings", Endpoint: "GET /rooms/{room_id}/recordings", Layer: LayerCLI, Kind: Missing},
				{Operation: "listRoomRecordings", Endpoint: "GET /rooms/{room_id}/recordings", Layer: LayerRoundTrip, Kind: Missing},
			},
		},
		{
			name: "operation removed",
			edit: func(t *testing.T, spec string) string {
				start := strings.Index(spec, "\n  /room_participants/{room_participant_id}:\n")
				end := strings.Index(spec, "\ncomponents:\n")
				require.Positive(t, start)
				require.Greater(t, end, start)
				return spec[:start+1] + spec[end:]
			},
			want: []Gap{
				{Operation: "viewRoomParticipant", Layer: LayerClient, Kind: Unknown},
				{Operation: "ViewRoomParticipant", Layer: LayerFake, Kind: Unknown},
				{Operation: "viewRoomParticipant", Layer: LayerCLI, Kind: Unknown},
				{Operation: "viewRoomParticipant", Layer: LayerRoundTrip, Kind: Unknown},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			gaps, err := Check(copyContract(t, tt.edit), repoRoot)
			require.NoError(t, err)
			require.Len(t, gaps, len(tt.want), "gaps:\n  %s", gapLines(gaps))
			for i, g := range gaps {
				assert.Equal(t, tt.want[i], Gap{Operation: g.Operation, Endpoint: g.Endpoint, Layer: g.Layer, Kind: g.Kind})
				assert.Contains(t, g.String(), tt.want[i].Operation, "the message names the operation")
				assert.Contains(t, g.String(), string(tt.want[i].Layer), "the message names the layer")
				if g.Kind == Unknown {
					assert.Regexp(t, `^\S+\.go:\d+$`, g.Where, "a left-over declaration is located")
				}
			}
		})
	}
}

func TestAddedOperationMessages(t *testing.T) {
	spec := copyContract(t, func(_ *testing.T, spec string) string {
		return strings.Replace(spec, "\npaths:\n", "\npaths:\n"+recordingsPath, 1)
	})
	gaps, err := Check(spec, repoRoot)
	require.NoError(t, err)
	require.Len(t, gaps, 4)
	want := []string{
		`listRoomRecordings (GET /rooms/{room_id}/recordings): client: missing: no method of the wrapper/rooms client implements it: add an exported method to a service of rooms.Client whose doc comment has the line "// Operation: GET /rooms/{room_id}/recordings (listRoomRecordings)."`,
		"listRoomRecordings (GET /rooms/{room_id}/recordings): fake: missing: wrapper/roomstest has no handler: add the method api.ListRoomRecordings of gen.StrictServerInterface (run `make generate` first), answering as the contract says",
		`listRoomRecordings (GET /rooms/{room_id}/recordings): cli: missing: no roomsctl command calls it: add a command to the table in cmd/roomsctl with operations: []string{"listRoomRecordings"}`,
		`listRoomRecordings (GET /rooms/{room_id}/recordings): round-trip: missing: no round-trip case calls it: add a step{op: "listRoomRecordings", ...} to internal/roundtrip that calls it through the client against the fake`,
	}
	for i, g := range gaps {
		assert.Equal(t, want[i], g.String())
	}
}

func TestCheckErrors(t *testing.T) {
	spec := filepath.Join(repoRoot, "openapi.yaml")
	tests := []struct {
		name       string
		spec, root string
		want       string
	}{
		{name: "no contract", spec: filepath.Join(t.TempDir(), "missing.yaml"), root: repoRoot, want: "coverage: load "},
		{name: "no layers", spec: spec, root: t.TempDir(), want: "coverage: "},
		{
			name: "operation without id",
			spec: copyContractRaw(t, func(s string) string {
				return strings.Replace(s, "      operationId: deleteRoom\n", "", 1)
			}),
			root: repoRoot, want: "DELETE /rooms/{room_id} has no operationId",
		},
		{
			name: "duplicate operation id",
			spec: copyContractRaw(t, func(s string) string {
				return strings.Replace(s, "operationId: deleteRoom\n", "operationId: viewRoom\n", 1)
			}),
			root: repoRoot, want: "operationId viewRoom names both GET /rooms/{room_id} and DELETE /rooms/{room_id}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(tt.spec, tt.root)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// copyContractRaw writes an edited copy of openapi.yaml without validating it.
func copyContractRaw(t *testing.T, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "openapi.yaml"))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	require.NoError(t, os.WriteFile(path, []byte(edit(string(b))), 0o644))
	return path
}
