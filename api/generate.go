// Package api holds the oapi-codegen configuration that compiles
// ../openapi.yaml into the generated packages. It contains no code of its own.
//
//   - client.yaml writes package gen (../gen): the models, the request
//     builders and the generated client. It imports only the standard
//     library, github.com/google/uuid and github.com/oapi-codegen/runtime,
//     so that wrapper/rooms, which builds its requests with it, links
//     nothing else.
//   - server.yaml writes package genserver (../gen/genserver): the net/http
//     server interface and the strict server, which need kin-openapi. Only
//     the fake (wrapper/roomstest) and the contract tests import it. It uses
//     gen's models through a dot import.
//   - spec.yaml writes the contract embedded in genserver (GetSpec), whole:
//     client.yaml and server.yaml compile openapi.yaml through
//     response-headers.overlay.yaml, which keeps the response headers out of
//     the generated types (the wrappers handle them by hand).
package api

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config client.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config server.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config spec.yaml ../openapi.yaml
