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

// baseline returns the gaps of the real repository: none when it is
// complete. The tests of edited copies compare with it, so that they test how
// Check reacts to the edit, whatever state the repository is in.
func baseline(t *testing.T) []Gap {
	t.Helper()
	gaps, err := Check(filepath.Join(repoRoot, "openapi.yaml"), repoRoot)
	require.NoError(t, err)
	return gaps
}

// newGaps returns the gaps of after that are not in before, comparing them
// without Where, since an edit moves lines.
func newGaps(before, after []Gap) []Gap {
	key := func(g Gap) Gap { g.Where = ""; return g }
	old := map[Gap]bool{}
	for _, g := range before {
		old[key(g)] = true
	}
	var out []Gap
	for _, g := range after {
		if !old[key(g)] {
			out = append(out, g)
		}
	}
	return out
}

// newPath is an operation the contract does not have (a test checks it),
// added to copies of it. It is made up, so that it never collides with an
// operation added to the contract for real.
const newPath = `  /rooms/{room_id}/whiteboards:
    parameters:
      - $ref: '#/components/parameters/RoomID'
    get:
      operationId: listRoomWhiteboards
      summary: View a list of the whiteboards of a room.
      tags: [Rooms]
      responses:
        '200':
          description: The whiteboards.
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

func TestNewPathIsNew(t *testing.T) {
	ops, err := LoadOperations(filepath.Join(repoRoot, "openapi.yaml"))
	require.NoError(t, err)
	for _, op := range ops {
		require.NotEqual(t, "listRoomWhiteboards", op.ID, "the contract has the made-up operation of these tests: change newPath")
		require.NotEqual(t, "/rooms/{room_id}/whiteboards", op.Path, "the contract has the made-up path of these tests: change newPath")
	}
}

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
// other gaps than the real contract.
func TestContractChangesAreNamed(t *testing.T) {
	before := baseline(t)
	tests := []struct {
		name string
		edit func(t *testing.T, spec string) string
		want []Gap // Where and Problem are checked apart
		same bool  // Check answers exactly as for the real contract
	}{
		{
			name: "unchanged",
			edit: func(_ *testing.T, spec string) string { return spec },
			same: true,
		},
		{
			name: "operation added",
			edit: func(t *testing.T, spec string) string {
				require.Contains(t, spec, "\npaths:\n")
				return strings.Replace(spec, "\npaths:\n", "\npaths:\n"+newPath, 1)
			},
			want: []Gap{
				{Operation: "listRoomWhiteboards", Endpoint: "GET /rooms/{room_id}/whiteboards", Layer: LayerClient, Kind: Missing},
				{Operation: "listRoomWhiteboards", Endpoint: "GET /rooms/{room_id}/whiteboards", Layer: LayerFake, Kind: Missing},
				{Operation: "listRoomWhiteboards", Endpoint: "GET /rooms/{room_id}/whiteboards", Layer: LayerCLI, Kind: Missing},
				{Operation: "listRoomWhiteboards", Endpoint: "GET /rooms/{room_id}/whiteboards", Layer: LayerRoundTrip, Kind: Missing},
			},
		},
		{
			name: "operation removed",
			edit: func(t *testing.T, spec string) string {
				start := strings.Index(spec, "\n  /room_participants/{room_participant_id}:\n")
				require.Positive(t, start)
				end := strings.Index(spec[start+1:], "\n  /") // the next path, or
				if end < 0 {
					end = strings.Index(spec[start+1:], "\ncomponents:\n") // the end of the paths
				}
				require.Positive(t, end)
				end += start + 1
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
			all, err := Check(copyContract(t, tt.edit), repoRoot)
			require.NoError(t, err)
			if tt.same {
				assert.Equal(t, before, all)
			}
			gaps := newGaps(before, all)
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
		return strings.Replace(spec, "\npaths:\n", "\npaths:\n"+newPath, 1)
	})
	all, err := Check(spec, repoRoot)
	require.NoError(t, err)
	gaps := newGaps(baseline(t), all)
	require.Len(t, gaps, 4, "gaps:\n  %s", gapLines(gaps))
	want := []string{
		`listRoomWhiteboards (GET /rooms/{room_id}/whiteboards): client: missing: no method of the wrapper/rooms client implements it: add an exported method to a service of rooms.Client whose doc comment has the line "// Operation: GET /rooms/{room_id}/whiteboards (listRoomWhiteboards)."`,
		"listRoomWhiteboards (GET /rooms/{room_id}/whiteboards): fake: missing: wrapper/roomstest has no handler: add the method api.ListRoomWhiteboards that `make generate` adds to genserver.StrictServerInterface, answering as the contract says",
		`listRoomWhiteboards (GET /rooms/{room_id}/whiteboards): cli: missing: no roomsctl command calls it: add a command to the table in cmd/roomsctl with operations: []string{"listRoomWhiteboards"}`,
		`listRoomWhiteboards (GET /rooms/{room_id}/whiteboards): round-trip: missing: no round-trip case calls it: add a step{op: "listRoomWhiteboards", ...} to internal/roundtrip that calls it through the client against the fake`,
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
