# telnyx-rooms-go — developer targets. `make check` is what CI runs.
GO ?= go

.PHONY: all generate check-generated spec-diff vet test check bench fuzz

all: check

## generate: compile openapi.yaml into gen/ (oapi-codegen pinned in go.mod via tools.go)
generate:
	$(GO) generate ./...

## check-generated: fail if gen/ or go.mod/go.sum differ from what the contract produces
check-generated: generate
	@$(GO) mod tidy -diff || { echo "check-generated: go.mod/go.sum are not tidy; run 'go mod tidy' and commit" >&2; exit 1; }
	@changed="$$(git status --porcelain -- gen api openapi.yaml go.mod go.sum)"; \
	if [ -n "$$changed" ]; then \
		echo "check-generated: gen/ is not what 'go generate ./...' produces from openapi.yaml and api/:" >&2; \
		echo "$$changed" >&2; \
		git --no-pager diff --stat -- gen >&2; \
		echo "Fix: run 'make generate' and commit gen/ together with the contract change." >&2; \
		exit 1; \
	fi
	@echo "check-generated: gen/ matches openapi.yaml"

## spec-diff: fail on breaking changes between testdata/openapi.baseline.yaml (last release) and openapi.yaml
spec-diff:
	$(GO) run ./internal/specdiff/cmd/specdiff -base testdata/openapi.baseline.yaml -revision openapi.yaml

## vet: go vet every package
vet:
	$(GO) vet ./...

## test: every test with the race detector
test:
	$(GO) test -race -count=1 ./...

## check: everything CI checks
check: check-generated spec-diff vet test
