package coverage

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// Event is one webhook event of the contract: a callback of an operation
// whose request body is an envelope {"data": {"event_type": ...}} with a
// one-value enum event_type.
type Event struct {
	// Type is the event_type, such as "video.room.session.started".
	Type string
	// Operation is the operationId the callback belongs to, such as "createRoom".
	Operation string
	// Callback is the callback's name, such as "videoRoomSessionStarted".
	Callback string
}

// Endpoint returns where the contract declares the event: "callback
// videoRoomSessionStarted of createRoom".
func (e Event) Endpoint() string { return "callback " + e.Callback + " of " + e.Operation }

// PendingFakeEvents returns the event types the fake does not send yet, each
// with the reason, so that the event layer of the check stays green while
// saying so. An entry the fake sends, or that the contract does not have,
// is itself a gap: remove an entry when the fake starts sending its event.
func PendingFakeEvents() map[string]string {
	return map[string]string{}
}

// LoadEvents reads the webhook events of the OpenAPI document at specPath:
// every callback operation whose JSON request body has data.event_type with
// a one-value enum. They are sorted by type; an event declared by callbacks
// of several operations is listed once, for the first operation in path
// order.
func LoadEvents(specPath string) ([]Event, error) {
	doc, err := openapi3.NewLoader().LoadFromFile(specPath)
	if err != nil {
		return nil, fmt.Errorf("coverage: load %s: %w", specPath, err)
	}
	seen := map[string]bool{}
	var events []Event
	if doc.Paths == nil {
		return nil, nil
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		methods := make([]string, 0, 4)
		for m := range item.Operations() {
			methods = append(methods, m)
		}
		slices.SortFunc(methods, func(a, b string) int { return cmp.Compare(methodRank(a), methodRank(b)) })
		for _, m := range methods {
			op := item.GetOperation(m)
			names := make([]string, 0, len(op.Callbacks))
			for name := range op.Callbacks {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				cb := op.Callbacks[name]
				if cb == nil || cb.Value == nil {
					continue
				}
				for _, cbItem := range cb.Value.Map() {
					for _, cbOp := range cbItem.Operations() {
						et, err := eventType(cbOp)
						if err != nil {
							return nil, fmt.Errorf("coverage: %s: callback %s of %s: %w", specPath, name, op.OperationID, err)
						}
						if !seen[et] {
							seen[et] = true
							events = append(events, Event{Type: et, Operation: op.OperationID, Callback: name})
						}
					}
				}
			}
		}
	}
	slices.SortFunc(events, func(a, b Event) int { return cmp.Compare(a.Type, b.Type) })
	return events, nil
}

// eventType returns the one value of data.event_type of the callback's body.
func eventType(op *openapi3.Operation) (string, error) {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return "", fmt.Errorf("no request body")
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return "", fmt.Errorf("no application/json body schema")
	}
	data := mt.Schema.Value.Properties["data"]
	if data == nil || data.Value == nil {
		return "", fmt.Errorf("the body has no data property")
	}
	et := data.Value.Properties["event_type"]
	if et == nil || et.Value == nil || len(et.Value.Enum) != 1 {
		return "", fmt.Errorf("data.event_type is not an enum of one value")
	}
	s, ok := et.Value.Enum[0].(string)
	if !ok || s == "" {
		return "", fmt.Errorf("data.event_type's value is not a string")
	}
	return s, nil
}

// webhookScan is the webhook layer: the EventType constants of the webhook
// package, by name, and as declarations of their values.
type webhookScan struct {
	layerScan
	valueOf map[string]string // constant name -> event type
}

// scanWebhook reads the constants of type EventType declared with a string
// literal in the webhook package.
func scanWebhook(root string) (*webhookScan, error) {
	src, err := parseDir(root, WebhookDir, false)
	if err != nil {
		return nil, err
	}
	ws := &webhookScan{valueOf: map[string]string{}}
	for _, f := range src.files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "EventType" {
					continue
				}
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						break
					}
					v, ok := stringLit(vs.Values[i])
					if !ok {
						ws.gaps = append(ws.gaps, Gap{Layer: LayerWebhook, Kind: Unreadable, Where: src.where(name.Pos()),
							Problem: fmt.Sprintf("the EventType constant %s must be a string literal", name.Name)})
						continue
					}
					ws.valueOf[name.Name] = v
					ws.decls = append(ws.decls, decl{op: v, what: "webhook." + name.Name, where: src.where(name.Pos())})
				}
			}
		}
	}
	return ws, nil
}

// scanFakeEvents finds the events the fake sends: every reference
// webhook.NAME, in the fake's non-test files, to an EventType constant of
// the webhook package. The fake's delivery tests prove that each is sent.
func scanFakeEvents(root string, valueOf map[string]string) ([]decl, error) {
	src, err := parseDir(root, FakeDir, false)
	if err != nil {
		return nil, err
	}
	var out []decl
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok || pkg.Name != "webhook" {
				return true
			}
			if v, ok := valueOf[sel.Sel.Name]; ok {
				out = append(out, decl{op: v, what: "webhook." + sel.Sel.Name, where: src.where(sel.Pos())})
			}
			return true
		})
	}
	return out, nil
}

// checkEvents returns the gaps between the events of the contract and the
// webhook and fake layers.
func checkEvents(specPath, root string) ([]Gap, error) {
	events, err := LoadEvents(specPath)
	if err != nil {
		return nil, err
	}
	ws, err := scanWebhook(root)
	if err != nil {
		return nil, err
	}
	sent, err := scanFakeEvents(root, ws.valueOf)
	if err != nil {
		return nil, err
	}
	known := map[string]Event{}
	for _, e := range events {
		known[e.Type] = e
	}
	typed := map[string]bool{}
	for _, d := range ws.decls {
		typed[d.op] = true
	}
	sends := map[string]bool{}
	for _, d := range sent {
		sends[d.op] = true
	}
	pending := PendingFakeEvents()
	var gaps []Gap
	for _, e := range events {
		if !typed[e.Type] {
			gaps = append(gaps, Gap{Operation: e.Type, Endpoint: e.Endpoint(), Layer: LayerWebhook, Kind: Missing,
				Problem: fmt.Sprintf("%s does not type it: add an EventType constant with the value %q and a Go type Parse decodes it into", WebhookDir, e.Type)})
		}
		_, isPending := pending[e.Type]
		switch {
		case !sends[e.Type] && !isPending:
			gaps = append(gaps, Gap{Operation: e.Type, Endpoint: e.Endpoint(), Layer: LayerFake, Kind: Missing,
				Problem: fmt.Sprintf("%s never sends it: emit it (wrapper/roomstest/webhooks.go) where the API would, naming the webhook package's constant, or list it in coverage.PendingFakeEvents with the reason", FakeDir)})
		case sends[e.Type] && isPending:
			gaps = append(gaps, Gap{Operation: e.Type, Endpoint: e.Endpoint(), Layer: LayerFake, Kind: Unknown,
				Problem: fmt.Sprintf("%s sends it but coverage.PendingFakeEvents still lists it: remove the entry", FakeDir)})
		}
	}
	for _, d := range sent {
		if _, ok := known[d.op]; !ok {
			gaps = append(gaps, Gap{Operation: d.op, Layer: LayerFake, Kind: Unknown, Where: d.where,
				Problem: fmt.Sprintf("the fake sends %s (%s), which no callback of the contract has", d.op, d.what)})
		}
	}
	for _, d := range ws.decls {
		if _, ok := known[d.op]; !ok {
			gaps = append(gaps, Gap{Operation: d.op, Layer: LayerWebhook, Kind: Unknown, Where: d.where,
				Problem: fmt.Sprintf("%s names event type %s, which no callback of the contract has", d.what, d.op)})
		}
	}
	for _, et := range slices.Sorted(func(yield func(string) bool) {
		for et := range pending {
			if !yield(et) {
				return
			}
		}
	}) {
		if _, ok := known[et]; !ok {
			gaps = append(gaps, Gap{Operation: et, Layer: LayerFake, Kind: Unknown,
				Problem: "coverage.PendingFakeEvents lists an event type no callback of the contract has: remove the entry"})
		}
	}
	gaps = append(gaps, ws.gaps...)
	return gaps, nil
}
