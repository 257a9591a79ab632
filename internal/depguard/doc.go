// Package depguard keeps the client's import graph lean: a program that
// imports only wrapper/rooms must link nothing but the standard library,
// github.com/google/uuid, github.com/oapi-codegen/runtime (with its own
// imports), github.com/go-json-experiment/json (the JSON decoder, the engine
// of encoding/json/v2; decision D50 of openapi.yaml) and this module's gen
// and internal/termtext packages. What only the fake, the CLI, the
// contract tests or the generator need (kin-openapi, YAML, JSON Schema,
// oasdiff, oapi-codegen itself) must never reach it.
//
// The webhook receiver, wrapper/webhook, is held to more: the standard
// library only (CheckStdlibOnly).
//
// Its tests check the repository's client, prove that the check catches a
// heavy import added to a temporary copy, and measure what a user module
// sees: its go.mod after `go mod tidy` and the package init cost of the
// client (GODEBUG=inittrace=1).
package depguard
