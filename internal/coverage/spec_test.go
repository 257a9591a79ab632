package coverage

import (
	"cmp"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
)

func TestLoadOperationsMatchesTheEmbeddedContract(t *testing.T) {
	ops, err := LoadOperations(filepath.Join(repoRoot, "openapi.yaml"))
	require.NoError(t, err)
	doc, err := genserver.GetSpec()
	require.NoError(t, err)
	var want []Operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			want = append(want, Operation{ID: op.OperationID, Method: method, Path: path})
		}
	}
	assert.ElementsMatch(t, want, ops)
	assert.True(t, slices.IsSortedFunc(ops, func(a, b Operation) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(methodRank(a.Method), methodRank(b.Method)))
	}), "sorted by path, then method")
	assert.Equal(t, Operation{ID: "listRoomCompositions", Method: "GET", Path: "/room_compositions"}, ops[0])
	assert.Equal(t, "GET /room_compositions", ops[0].Endpoint())
}

func TestGoName(t *testing.T) {
	tests := []struct{ id, want string }{
		{"listRooms", "ListRooms"},
		{"viewRoom", "ViewRoom"},
		{"list-room_recordings", "ListRoomRecordings"},
		{"get.v2.rooms", "GetV2Rooms"},
		{"room2go", "Room2go"},
		{" padded ", "Padded"},
		{"a/b", "Ab"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, GoName(tt.id), tt.id)
	}
}

// TestGoNameIsTheGeneratedName checks GoName against the generator's output:
// the methods of genserver.StrictServerInterface are exactly the GoNames of the
// contract's operations.
func TestGoNameIsTheGeneratedName(t *testing.T) {
	ops, err := LoadOperations(filepath.Join(repoRoot, "openapi.yaml"))
	require.NoError(t, err)
	var want []string
	for _, op := range ops {
		want = append(want, GoName(op.ID))
	}
	iface := reflect.TypeFor[genserver.StrictServerInterface]()
	var got []string
	for i := range iface.NumMethod() {
		got = append(got, iface.Method(i).Name)
	}
	assert.ElementsMatch(t, want, got)
}
