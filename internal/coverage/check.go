package coverage

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Check returns every gap between the operations of the contract at specPath
// and the layers of the module at root (see the package documentation for
// what each layer must declare), sorted by operation as LoadOperations
// orders them, then by layer; the gaps that concern no operation of the
// contract (Unknown, Unreadable, Undeclared) come last. No gaps means every
// operation is finished in every layer. An error means the contract or a
// layer could not be read at all. The layers PendingLayers lists are not
// reported missing; an entry of it that is stale is a gap.
func Check(specPath, root string) ([]Gap, error) {
	return check(specPath, root, PendingLayers())
}

// check is Check with the pending layers given.
func check(specPath, root string, pending map[string]map[Layer]string) ([]Gap, error) {
	ops, err := LoadOperations(specPath)
	if err != nil {
		return nil, err
	}
	client, err := scanClient(root)
	if err != nil {
		return nil, err
	}
	impl, fakeMethods, err := scanFake(root)
	if err != nil {
		return nil, err
	}
	cli, err := scanCLI(root)
	if err != nil {
		return nil, err
	}
	rt, err := scanRoundTrip(root, client.fieldOf)
	if err != nil {
		return nil, err
	}

	byID := make(map[string]Operation, len(ops))
	byGoName := make(map[string]Operation, len(ops))
	for _, op := range ops {
		byID[op.ID] = op
		byGoName[GoName(op.ID)] = op
	}
	var gaps []Gap
	missing := func(op Operation, l Layer, problem string) {
		gaps = append(gaps, Gap{Operation: op.ID, Endpoint: op.Endpoint(), Layer: l, Kind: Missing, Problem: problem})
	}
	unknown := func(l Layer, d decl, problem string) {
		gaps = append(gaps, Gap{Operation: d.op, Layer: l, Kind: Unknown, Where: d.where, Problem: problem})
	}
	declared := func(decls []decl) map[string][]decl {
		m := map[string][]decl{}
		for _, d := range decls {
			m[d.op] = append(m[d.op], d)
		}
		return m
	}

	// Client: an exported method of a service documents the operation, with
	// the contract's method and path.
	clientDecls := declared(client.decls)
	for _, op := range ops {
		if len(clientDecls[op.ID]) == 0 {
			missing(op, LayerClient, fmt.Sprintf("no method of the %s client implements it: add an exported method to a service of rooms.Client whose doc comment has the line \"// Operation: %s (%s).\"",
				ClientDir, op.Endpoint(), op.ID))
		}
		for _, d := range clientDecls[op.ID] {
			if d.method != op.Method || d.path != op.Path {
				gaps = append(gaps, Gap{Operation: op.ID, Endpoint: op.Endpoint(), Layer: LayerClient, Kind: Mismatch, Where: d.where,
					Problem: fmt.Sprintf("%s documents \"Operation: %s %s (%s).\" but the contract has %s", d.what, d.method, d.path, op.ID, op.Endpoint())})
			}
		}
	}
	for _, d := range client.decls {
		if _, ok := byID[d.op]; !ok {
			unknown(LayerClient, d, fmt.Sprintf("%s documents operation %s, which the contract does not have", d.what, d.op))
		}
	}

	// Fake: the strict server implementation has the operation's method.
	implemented := map[string]bool{}
	for _, m := range fakeMethods {
		if op, ok := byGoName[m.op]; ok {
			implemented[op.ID] = true
			continue
		}
		unknown(LayerFake, decl{op: m.op, where: m.where}, fmt.Sprintf("method %s implements no operation of the contract (remove it with its operation)", m.what))
	}
	for _, op := range ops {
		if !implemented[op.ID] {
			missing(op, LayerFake, fmt.Sprintf("%s has no handler: add the method %s.%s that `make generate` adds to genserver.StrictServerInterface, answering as the contract says",
				FakeDir, impl, GoName(op.ID)))
		}
	}

	// CLI: a command of roomsctl lists the operation in its operations field.
	cliDecls := declared(cli.decls)
	for _, op := range ops {
		if len(cliDecls[op.ID]) == 0 {
			missing(op, LayerCLI, fmt.Sprintf("no roomsctl command calls it: add a command to the table in %s with operations: []string{%q}",
				CLIDir, op.ID))
		}
	}
	for _, d := range cli.decls {
		if _, ok := byID[d.op]; !ok {
			unknown(LayerCLI, d, fmt.Sprintf("%s lists operation %s, which the contract does not have", d.what, d.op))
		}
	}

	// Round trip: a step declares the operation, and every client method
	// documenting it is called in the round-trip tests.
	rtDecls := declared(rt.decls)
	for _, op := range ops {
		if len(rtDecls[op.ID]) == 0 {
			missing(op, LayerRoundTrip, fmt.Sprintf("no round-trip case calls it: add a step{op: %q, ...} to %s that calls it through the client against the fake",
				op.ID, RoundTripDir))
		}
		var uncalled []string
		for _, d := range clientDecls[op.ID] {
			if !rt.calls[d.what] {
				uncalled = append(uncalled, d.what)
			}
		}
		if len(uncalled) > 0 {
			missing(op, LayerRoundTrip, fmt.Sprintf("client methods never called in %s: %s; call each in a step{op: %q, ...}",
				RoundTripDir, strings.Join(uncalled, ", "), op.ID))
		}
	}
	for _, d := range rt.decls {
		if _, ok := byID[d.op]; !ok {
			unknown(LayerRoundTrip, d, fmt.Sprintf("%s declares operation %s, which the contract does not have", d.what, d.op))
		}
	}

	gaps = applyPending(gaps, ops, pending)

	eventGaps, err := checkEvents(specPath, root)
	if err != nil {
		return nil, err
	}
	gaps = append(gaps, eventGaps...)
	gaps = append(gaps, client.gaps...)
	gaps = append(gaps, cli.gaps...)
	gaps = append(gaps, rt.gaps...)
	rank := make(map[string]int, len(ops))
	for i, op := range ops {
		rank[op.ID] = i
	}
	order := func(g Gap) int {
		if r, ok := rank[g.Operation]; ok && g.Kind != Unknown {
			return r
		}
		return len(ops)
	}
	slices.SortStableFunc(gaps, func(a, b Gap) int {
		return cmp.Or(
			cmp.Compare(order(a), order(b)),
			cmp.Compare(a.Layer.rank(), b.Layer.rank()),
			cmp.Compare(a.Where, b.Where),
		)
	})
	return gaps, nil
}
