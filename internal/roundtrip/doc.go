// Package roundtrip holds the round-trip contract test: every method of the
// wrapper/rooms client, called against the wrapper/roomstest fake with the
// contract checked in both directions. The fake validates every request
// against openapi.yaml (a violation is a 422, which fails the test) and, with
// roomstest.WithResponseValidation, every response (a violation is recorded
// and fails the test). The test also checks that every operation was
// requested and that every query parameter and request body field of the
// contract was sent at least once. A second test sends a sample request of
// every operation, built from the contract alone, through the fake's handler
// and checks that a handler answers it.
//
// Each step of the test declares the operationId it calls (the op field of
// step); internal/coverage reads those declarations, and the calls of client
// methods in this package, to check that every operation has a round-trip
// case. The package has no exported code.
package roundtrip
