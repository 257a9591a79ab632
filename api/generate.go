// Package api holds the oapi-codegen configuration that compiles ../openapi.yaml
// into the gen package. It contains no code of its own.
package api

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config config.yaml ../openapi.yaml
