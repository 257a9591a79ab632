package coverage

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
)

// PendingLayers returns the layers of contract operations that are not
// built yet, by operationId, each with the reason, so that main can take an
// operation layer by layer while the check stays green and says what is
// left. An entry whose layer exists after all, or whose operation the
// contract does not have, is itself a gap: remove an entry when its layer
// is built. PendingLayers must be empty when the work it waits for is done.
func PendingLayers() map[string]map[Layer]string {
	return map[string]map[Layer]string{}
}

// applyPending drops the Missing gaps of operations' layers that pending
// lists, and adds a gap for every entry that is stale: its operation is not
// in the contract (ops), or its layer has no Missing gap, so it exists.
func applyPending(gaps []Gap, ops []Operation, pending map[string]map[Layer]string) []Gap {
	type key struct {
		op    string
		layer Layer
	}
	missing := map[key]bool{}
	kept := gaps[:0:0]
	for _, g := range gaps {
		if g.Kind == Missing && pending[g.Operation][g.Layer] != "" {
			missing[key{g.Operation, g.Layer}] = true
			continue
		}
		kept = append(kept, g)
	}
	known := map[string]Operation{}
	for _, op := range ops {
		known[op.ID] = op
	}
	for _, id := range slices.Sorted(maps.Keys(pending)) {
		layers := pending[id]
		for _, l := range slices.SortedFunc(maps.Keys(layers), func(a, b Layer) int { return cmp.Compare(a.rank(), b.rank()) }) {
			op, ok := known[id]
			switch {
			case !ok:
				kept = append(kept, Gap{Operation: id, Layer: l, Kind: Unknown,
					Problem: "coverage.PendingLayers lists an operation the contract does not have: remove the entry"})
			case layers[l] == "":
				kept = append(kept, Gap{Operation: id, Endpoint: op.Endpoint(), Layer: l, Kind: Unknown,
					Problem: "coverage.PendingLayers lists this layer without a reason: say why it is pending, or remove the entry"})
			case !missing[key{id, l}]:
				kept = append(kept, Gap{Operation: id, Endpoint: op.Endpoint(), Layer: l, Kind: Unknown,
					Problem: fmt.Sprintf("%s serves it but coverage.PendingLayers still lists it (%q): remove the entry", l.Dir(), layers[l])})
			}
		}
	}
	return kept
}
