// Package coverage checks that every operation of the contract (openapi.yaml)
// is finished in every layer of the module, so that adding an operation to
// the contract without its client method, fake handler, roomsctl command and
// round-trip case turns CI red, naming the operationId and the layer.
//
// Check reads the contract with kin-openapi and the Go source of the layers
// with go/parser (nothing is built or run), so that it can be pointed at
// another contract file, such as a copy with an added operation. Each layer
// declares the operations it serves in a way the parser can read:
//
//   - client (wrapper/rooms): an exported method of a service type (the type
//     of an exported field of rooms.Client, such as Client.Rooms) whose doc
//     comment has the line "Operation: METHOD /path (operationId)." The
//     method and path must be those of the contract.
//   - fake (wrapper/roomstest): the type asserted to implement the generated
//     strict server, "var _ genserver.StrictServerInterface = (*T)(nil)", has an
//     exported method named as oapi-codegen names the operation (GoName:
//     listRooms becomes ListRooms).
//   - cli (cmd/roomsctl): an entry of the command table, a "command"
//     composite literal, lists the operationId in its operations field
//     (string literals).
//   - round-trip (internal/roundtrip, test files): a "step" composite literal
//     names the operationId in its op field (a string literal), and every
//     client method that documents the operation is called there
//     (client.Rooms.ListIter(...)).
//
// Webhook events are checked too (LoadEvents reads them from the callbacks
// of the contract, one per data.event_type): the webhook package
// (wrapper/webhook) must declare an EventType constant with the event's
// value, and the fake must send it, which the check reads as a reference
// webhook.NAME to that constant in the fake's non-test files (its delivery
// tests prove the sending). PendingFakeEvents lists, with reasons, the
// events the fake does not send yet; an entry that is sent, or that the
// contract does not have, is a gap too. PendingLayers does the same for the
// layers of operations: it lists, with reasons, the layers an operation of
// the contract does not have yet, so that an operation can land layer by
// layer; an entry whose layer exists, or whose operation the contract does
// not have, is a gap.
//
// A declaration of an operationId the contract does not have, an Operation
// line whose method or path differ from the contract's, an exported method
// of a client service without an Operation line, and a declaration the
// parser cannot read are reported too.
//
// The static check proves that the layers declare each operation; tests prove
// that the declarations are true: cmd/roomsctl runs every verb and compares
// the operations it requests with its operations field, and internal/roundtrip
// checks that each step requests exactly its op, that every operation was
// requested, and that a valid sample request of every operation is handled by
// the fake. This package imports neither the client nor the fake, so that its
// check still runs, and names every gap, when a regenerated gen/ has an
// operation the fake does not implement yet and the fake does not compile.
package coverage
