# telnyx-rooms-go — developer targets. `make check` is what CI runs; `make help` lists them.
GO ?= go

.PHONY: all help generate check-generated spec-diff check-layers vet test check bench fuzz

all: check

## help: list the targets
help:
	@awk '/^## [a-z-]+:/ { sub(/^## /, ""); name = $$0; sub(/:.*/, "", name); sub(/^[^:]*: /, ""); printf "  %-16s %s\n", name, $$0 }' $(MAKEFILE_LIST)

## generate: compile openapi.yaml into gen/ (oapi-codegen pinned in go.mod via tools.go)
generate:
	$(GO) generate ./...

## check-generated: fail if gen/ is not what `go generate ./...` makes (names each edited, missing or new file) or go.mod/go.sum are untidy
check-generated:
	$(GO) run ./internal/drift/cmd/checkgen -go $(GO)

## spec-diff: fail on breaking changes from testdata/openapi.baseline.yaml (last release) to openapi.yaml; print the rest as a changelog
spec-diff:
	$(GO) run ./internal/specdiff/cmd/specdiff -base testdata/openapi.baseline.yaml -revision openapi.yaml

## check-layers: fail, naming the operationId and the layer, if an operation of openapi.yaml lacks a client method, fake handler, roomsctl command or round-trip case
check-layers:
	$(GO) test -count=1 -run '^TestEveryOperationIsCoveredInEveryLayer$$' ./internal/coverage

## vet: go vet every package
vet:
	$(GO) vet ./...

## test: every test with the race detector
test:
	$(GO) test -race -count=1 ./...

## check: everything CI checks: check-generated, spec-diff, check-layers, vet, test
check: check-generated spec-diff check-layers vet test
