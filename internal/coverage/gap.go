package coverage

import "strings"

// Layer is a part of the module that must serve every operation.
type Layer string

// The layers, in the order Check reports them.
const (
	// LayerClient is the user-facing client, wrapper/rooms.
	LayerClient Layer = "client"
	// LayerFake is the fake API, wrapper/roomstest.
	LayerFake Layer = "fake"
	// LayerCLI is the command-line tool, cmd/roomsctl.
	LayerCLI Layer = "cli"
	// LayerRoundTrip is the round-trip contract test, internal/roundtrip.
	LayerRoundTrip Layer = "round-trip"
	// LayerWebhook is the webhook receiver, wrapper/webhook: it must type
	// every event of the contract. (Events are also checked in LayerFake,
	// which must send them.)
	LayerWebhook Layer = "webhook"
)

// Layers returns every layer in report order.
func Layers() []Layer {
	return []Layer{LayerClient, LayerFake, LayerCLI, LayerRoundTrip, LayerWebhook}
}

// Directories, relative to the module root, that Check reads for each layer.
const (
	ClientDir    = "wrapper/rooms"
	FakeDir      = "wrapper/roomstest"
	CLIDir       = "cmd/roomsctl"
	RoundTripDir = "internal/roundtrip"
	WebhookDir   = "wrapper/webhook"
)

// Dir returns the directory, relative to the module root, of the layer's source.
func (l Layer) Dir() string {
	switch l {
	case LayerClient:
		return ClientDir
	case LayerFake:
		return FakeDir
	case LayerCLI:
		return CLIDir
	case LayerRoundTrip:
		return RoundTripDir
	case LayerWebhook:
		return WebhookDir
	}
	return ""
}

func (l Layer) rank() int {
	for i, x := range Layers() {
		if x == l {
			return i
		}
	}
	return len(Layers())
}

// Kind says what is wrong.
type Kind string

const (
	// Missing: the layer does not serve an operation of the contract.
	Missing Kind = "missing"
	// Unknown: the layer declares an operationId the contract does not have
	// (left over from a removed operation, or misspelt).
	Unknown Kind = "unknown"
	// Mismatch: a client method's Operation line names the operation with
	// another method or path than the contract.
	Mismatch Kind = "mismatch"
	// Unreadable: a declaration the check cannot read, such as an operations
	// field that is not a list of string literals.
	Unreadable Kind = "unreadable"
	// Undeclared: an exported method of a client service whose doc comment
	// has no Operation line, so the check cannot tell what it calls.
	Undeclared Kind = "undeclared"
)

// Gap is one thing that keeps an operation from being finished in a layer.
type Gap struct {
	// Operation is the operationId concerned: the contract's for Missing
	// and Mismatch, the one declared for Unknown, empty for Unreadable and
	// Undeclared.
	Operation string
	// Endpoint is "METHOD /path" of the operation in the contract, empty
	// for Unknown and Unreadable.
	Endpoint string
	// Layer is the layer at fault.
	Layer Layer
	// Kind says what is wrong.
	Kind Kind
	// Where is the file:line of the declaration (or method) at fault,
	// relative to the module root; empty for Missing.
	Where string
	// Problem says what is wrong and how to fix it, in one sentence.
	Problem string
}

// String returns the gap on one line, the operation first when there is one:
//
//	listRoomRecordings (GET /rooms/{room_id}/recordings): client: missing: ...
//	cli: unreadable: cmd/roomsctl/rooms_cmd.go:19: ...
func (g Gap) String() string {
	var b strings.Builder
	if g.Operation != "" {
		b.WriteString(g.Operation)
		if g.Endpoint != "" {
			b.WriteString(" (" + g.Endpoint + ")")
		}
		b.WriteString(": ")
	}
	b.WriteString(string(g.Layer) + ": " + string(g.Kind) + ": ")
	if g.Where != "" {
		b.WriteString(g.Where + ": ")
	}
	b.WriteString(g.Problem)
	return b.String()
}
