package coverage

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPendingLayersAreContractLayers keeps PendingLayers honest: every entry
// names an operation of the contract and a layer of an operation (the fake
// included, the webhook layer not: it is about events), with a reason.
// That each pending layer really is missing, Check itself enforces (see
// TestPendingLayersMechanism): the real check would fail otherwise.
func TestPendingLayersAreContractLayers(t *testing.T) {
	ops, err := LoadOperations(filepath.Join(repoRoot, "openapi.yaml"))
	require.NoError(t, err)
	known := map[string]bool{}
	for _, op := range ops {
		known[op.ID] = true
	}
	for id, layers := range PendingLayers() {
		assert.True(t, known[id], "%s is an operation of the contract", id)
		assert.NotEmpty(t, layers, id)
		for l, reason := range layers {
			assert.Contains(t, []Layer{LayerClient, LayerFake, LayerCLI, LayerRoundTrip}, l, id)
			assert.NotEmpty(t, reason, "%s %s has a reason", id, l)
		}
	}
}

// TestPendingLayersMechanism runs the check with pending lists edited from
// the real one: a pending layer that is missing is not reported, a pending
// layer that exists is, and so is an entry of an operation the contract does
// not have or without a reason.
func TestPendingLayersMechanism(t *testing.T) {
	spec := filepath.Join(repoRoot, "openapi.yaml")
	withNewPath := copyContract(t, func(_ *testing.T, s string) string {
		return strings.Replace(s, "\npaths:\n", "\npaths:\n"+newPath, 1)
	})
	before := baseline(t)
	plus := func(id string, layers map[Layer]string) map[string]map[Layer]string {
		p := PendingLayers()
		p[id] = maps.Clone(layers)
		return p
	}
	all := map[Layer]string{LayerClient: "later", LayerFake: "later", LayerCLI: "later", LayerRoundTrip: "later"}
	tests := []struct {
		name    string
		spec    string
		pending map[string]map[Layer]string
		want    []Gap // Operation, Layer and Kind
	}{
		{name: "the real list", spec: spec, pending: PendingLayers()},
		{name: "a new operation pending in every layer", spec: withNewPath, pending: plus("listRoomWhiteboards", all)},
		{
			name: "a new operation pending in two layers", spec: withNewPath,
			pending: plus("listRoomWhiteboards", map[Layer]string{LayerClient: "later", LayerRoundTrip: "later"}),
			want: []Gap{
				{Operation: "listRoomWhiteboards", Layer: LayerFake, Kind: Missing},
				{Operation: "listRoomWhiteboards", Layer: LayerCLI, Kind: Missing},
			},
		},
		{
			name: "a layer that exists", spec: spec,
			pending: plus("viewRoom", map[Layer]string{LayerClient: "later", LayerCLI: "later"}),
			want: []Gap{
				{Operation: "viewRoom", Layer: LayerClient, Kind: Unknown},
				{Operation: "viewRoom", Layer: LayerCLI, Kind: Unknown},
			},
		},
		{
			name: "an operation the contract does not have", spec: spec,
			pending: plus("listRoomWhiteboards", map[Layer]string{LayerFake: "later"}),
			want:    []Gap{{Operation: "listRoomWhiteboards", Layer: LayerFake, Kind: Unknown}},
		},
		{
			name: "no reason", spec: withNewPath,
			pending: plus("listRoomWhiteboards", map[Layer]string{LayerClient: "", LayerFake: "later", LayerCLI: "later", LayerRoundTrip: "later"}),
			want: []Gap{
				{Operation: "listRoomWhiteboards", Layer: LayerClient, Kind: Missing},
				{Operation: "listRoomWhiteboards", Layer: LayerClient, Kind: Unknown},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := check(tt.spec, repoRoot, tt.pending)
			require.NoError(t, err)
			gaps := newGaps(before, got)
			require.Len(t, gaps, len(tt.want), "gaps:\n  %s", gapLines(gaps))
			for i, g := range gaps {
				assert.Equal(t, tt.want[i], Gap{Operation: g.Operation, Layer: g.Layer, Kind: g.Kind})
				if g.Kind == Unknown {
					assert.Contains(t, g.String(), "PendingLayers", "the message names the list to edit")
				}
			}
		})
	}
}
