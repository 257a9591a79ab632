package coverage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copyLayers copies the Go files of every layer's directory into a fresh
// temporary module root and returns it.
func copyLayers(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, l := range Layers() {
		entries, err := os.ReadDir(filepath.Join(repoRoot, l.Dir()))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Join(root, l.Dir()), 0o755))
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(repoRoot, l.Dir(), e.Name()))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(root, l.Dir(), e.Name()), b, 0o644))
		}
	}
	return root
}

// edit replaces old, which must occur exactly once, by new in the file at
// root/path.
func edit(t *testing.T, root, path, old, new string) {
	t.Helper()
	full := filepath.Join(root, filepath.FromSlash(path))
	b, err := os.ReadFile(full)
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(b), old), "%s must hold %q once", path, old)
	require.NoError(t, os.WriteFile(full, []byte(strings.Replace(string(b), old, new, 1)), 0o644))
}

// TestEachLayerIsChecked edits copies of the layers' source, one declaration
// at a time, and checks that Check names exactly what the edit broke.
func TestEachLayerIsChecked(t *testing.T) {
	const deleteOp = "// Operation: DELETE /rooms/{room_id} (deleteRoom).\n"
	const deleteCmd = `{group: "rooms", verb: "delete", operations: []string{"deleteRoom"}`
	type want struct {
		op    string
		layer Layer
		kind  Kind
		text  string // in the message
	}
	tests := []struct {
		name string
		edit func(t *testing.T, root string)
		want []want
	}{
		{
			name: "client: Operation line removed",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/rooms/rooms.go", deleteOp, "")
			},
			want: []want{
				{"deleteRoom", LayerClient, Missing, `"// Operation: DELETE /rooms/{room_id} (deleteRoom)."`},
				{"", LayerClient, Undeclared, "Rooms.Delete documents no operation"},
			},
		},
		{
			name: "client: method unexported",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/rooms/rooms.go", "func (s *RoomsService) Delete(", "func (s *RoomsService) delete(")
			},
			want: []want{{"deleteRoom", LayerClient, Missing, "no method of the wrapper/rooms client"}},
		},
		{
			name: "client: Operation line on a type that is not a service",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/rooms/rooms.go", "func (s *RoomsService) Delete(", "func (s *Page[T]) Delete(")
			},
			want: []want{{"deleteRoom", LayerClient, Missing, "no method of the wrapper/rooms client"}},
		},
		{
			name: "client: wrong method and path",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/rooms/rooms.go", deleteOp, "// Operation: POST /rooms/{id} (deleteRoom).\n")
			},
			want: []want{{"deleteRoom", LayerClient, Mismatch, `Rooms.Delete documents "Operation: POST /rooms/{id} (deleteRoom)." but the contract has DELETE /rooms/{room_id}`}},
		},
		{
			name: "client: misspelt operationId",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/rooms/rooms.go", deleteOp, "// Operation: DELETE /rooms/{room_id} (deleteRooms).\n")
			},
			want: []want{
				{"deleteRoom", LayerClient, Missing, "no method"},
				{"deleteRooms", LayerClient, Unknown, "Rooms.Delete documents operation deleteRooms, which the contract does not have"},
			},
		},
		{
			name: "client: malformed Operation line",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/rooms/rooms.go", deleteOp, "// Operation: DELETE /rooms/{room_id} deleteRoom\n")
			},
			want: []want{
				{"deleteRoom", LayerClient, Missing, "no method"},
				{"", LayerClient, Unreadable, `is not "Operation: METHOD /path (operationId)."`},
			},
		},
		{
			name: "client: a service method that documents no operation",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/rooms/rooms.go", "// Delete deletes the room", "// Purge is new.\nfunc (s *RoomsService) Purge(ctx context.Context) error { return nil }\n\n// Delete deletes the room")
			},
			want: []want{{"", LayerClient, Undeclared, `Rooms.Purge documents no operation`}},
		},
		{
			name: "fake: handler missing",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/roomstest/rooms.go", "func (a *api) DeleteRoom(", "func (a *api) deleteRoom(")
			},
			want: []want{{"deleteRoom", LayerFake, Missing, "add the method api.DeleteRoom"}},
		},
		{
			name: "fake: handler of no operation",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/roomstest/rooms.go", "func (a *api) DeleteRoom(", "func (a *api) RemoveRoom(")
			},
			want: []want{
				{"deleteRoom", LayerFake, Missing, "add the method api.DeleteRoom"},
				{"RemoveRoom", LayerFake, Unknown, "method api.RemoveRoom implements no operation"},
			},
		},
		{
			name: "cli: operations field removed",
			edit: func(t *testing.T, root string) {
				edit(t, root, "cmd/roomsctl/rooms_cmd.go", deleteCmd, `{group: "rooms", verb: "delete"`)
			},
			want: []want{{"deleteRoom", LayerCLI, Missing, `operations: []string{"deleteRoom"}`}},
		},
		{
			name: "cli: misspelt operationId",
			edit: func(t *testing.T, root string) {
				edit(t, root, "cmd/roomsctl/rooms_cmd.go", deleteCmd, `{group: "rooms", verb: "delete", operations: []string{"removeRoom"}`)
			},
			want: []want{
				{"deleteRoom", LayerCLI, Missing, "no roomsctl command calls it"},
				{"removeRoom", LayerCLI, Unknown, `command "rooms delete" lists operation removeRoom`},
			},
		},
		{
			name: "cli: operations not a literal",
			edit: func(t *testing.T, root string) {
				edit(t, root, "cmd/roomsctl/rooms_cmd.go", deleteCmd, `{group: "rooms", verb: "delete", operations: deleteOps`)
			},
			want: []want{
				{"deleteRoom", LayerCLI, Missing, "no roomsctl command calls it"},
				{"", LayerCLI, Unreadable, `the operations field of command "rooms delete" must be a []string literal`},
			},
		},
		{
			name: "round trip: step removed",
			edit: func(t *testing.T, root string) {
				edit(t, root, "internal/roundtrip/roundtrip_test.go", `{op: "deleteRoom", name: "",`, `{op: "endSession", name: "",`)
			},
			want: []want{{"deleteRoom", LayerRoundTrip, Missing, `add a step{op: "deleteRoom", ...}`}},
		},
		{
			name: "round trip: op not a literal",
			edit: func(t *testing.T, root string) {
				edit(t, root, "internal/roundtrip/roundtrip_test.go", `{op: "deleteRoom", name: "",`, `{op: deleteOp, name: "",`)
			},
			want: []want{
				{"deleteRoom", LayerRoundTrip, Missing, "no round-trip case calls it"},
				{"", LayerRoundTrip, Unreadable, "the op field of a step must be a string literal"},
			},
		},
		{
			name: "round trip: an iterator never called",
			edit: func(t *testing.T, root string) {
				edit(t, root, "internal/roundtrip/roundtrip_test.go", "w.c.Rooms.ListSessionsIter(ctx,", "w.c.Rooms.ListSessions(ctx,")
			},
			want: []want{{"nestedListRoomSessions", LayerRoundTrip, Missing, "client methods never called in internal/roundtrip: Rooms.ListSessionsIter;"}},
		},
	}
	before := baseline(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := copyLayers(t)
			tt.edit(t, root)
			all, err := Check(filepath.Join(repoRoot, "openapi.yaml"), root)
			require.NoError(t, err)
			gaps := newGaps(before, all)
			require.Len(t, gaps, len(tt.want), "gaps:\n  %s", gapLines(gaps))
			for i, g := range gaps {
				w := tt.want[i]
				assert.Equal(t, w.op, g.Operation)
				assert.Equal(t, w.layer, g.Layer)
				assert.Equal(t, w.kind, g.Kind)
				assert.Contains(t, g.Problem, w.text)
			}
		})
	}
}

func TestUnreadableLayers(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, root string)
		want string
	}{
		{
			name: "fake without the StrictServerInterface assertion",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/roomstest/rooms.go", "var _ genserver.StrictServerInterface = (*api)(nil)", "")
			},
			want: "wrapper/roomstest: no assertion `var _ genserver.StrictServerInterface = (*T)(nil)`",
		},
		{
			name: "client without Client",
			edit: func(t *testing.T, root string) {
				edit(t, root, "wrapper/rooms/client.go", "type Client struct {", "type Klient struct {")
			},
			want: "wrapper/rooms: no type Client",
		},
		{
			name: "a layer that does not parse",
			edit: func(t *testing.T, root string) {
				edit(t, root, "cmd/roomsctl/run.go", "package main", "package main\nfunc {")
			},
			want: "cmd/roomsctl/run.go",
		},
		{
			name: "a layer without Go files",
			edit: func(t *testing.T, root string) {
				require.NoError(t, os.RemoveAll(filepath.Join(root, RoundTripDir)))
				require.NoError(t, os.Mkdir(filepath.Join(root, RoundTripDir), 0o755))
			},
			want: "internal/roundtrip has no Go files to read",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := copyLayers(t)
			tt.edit(t, root)
			_, err := Check(filepath.Join(repoRoot, "openapi.yaml"), root)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestStrictServerImplForms(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"pointer conversion", "var _ genserver.StrictServerInterface = (*api)(nil)", "api"},
		{"address of literal", "var _ genserver.StrictServerInterface = &api{}", "api"},
		{"literal", "var _ genserver.StrictServerInterface = api{}", "api"},
		{"renamed import", "var _ g.StrictServerInterface = (*impl)(nil)", "impl"},
		{"other interface", "var _ genserver.ServerInterface = (*api)(nil)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, FakeDir)
			require.NoError(t, os.MkdirAll(dir, 0o755))
			imp := `import "example.com/m/gen/genserver"`
			if strings.Contains(tt.src, "g.") && !strings.Contains(tt.src, "genserver.") {
				imp = `import g "example.com/m/gen/genserver"`
			}
			code := "package roomstest\n\n" + imp + "\n\ntype api struct{}\ntype impl struct{}\n\n" + tt.src + "\n\nfunc (a *api) ListRooms() {}\nfunc (i impl) ListRooms() {}\n"
			require.NoError(t, os.WriteFile(filepath.Join(dir, "x.go"), []byte(code), 0o644))
			impl, methods, err := scanFake(root)
			if tt.want == "" {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, impl)
			require.Len(t, methods, 1)
			assert.Equal(t, "ListRooms", methods[0].op)
		})
	}
}
