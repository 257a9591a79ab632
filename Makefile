# telnyx-rooms-go — developer targets. `make check` is what CI runs; `make help` lists them.
GO ?= go

.PHONY: all help generate check-generated spec-diff check-api api-baseline check-layers vet lint test check bench fuzz stress

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

# API_PACKAGES are the packages whose exported Go API is the contract that check-api checks.
API_PACKAGES := ./wrapper/rooms ./wrapper/roomstest ./wrapper/webhook

## check-api: fail on incompatible changes to the exported Go API of API_PACKAGES since testdata/api/ (last release); print the rest as a changelog
check-api:
	$(GO) run ./internal/apicheck/cmd/apicheck $(API_PACKAGES)

## api-baseline: rewrite testdata/api/ from the current exported Go API (accepts a deliberate break: commit it with the change, saying BREAKING)
api-baseline:
	$(GO) run ./internal/apicheck/cmd/apicheck -write $(API_PACKAGES)

## check-layers: fail, naming the operationId and the layer, if an operation of openapi.yaml lacks a client method, fake handler, roomsctl command or round-trip case
check-layers:
	$(GO) test -count=1 -run '^TestEveryOperationIsCoveredInEveryLayer$$' ./internal/coverage

## vet: go vet every package
vet:
	$(GO) vet ./...

## lint: staticcheck every package (pinned in go.mod as a tool: go tool staticcheck)
lint:
	$(GO) tool staticcheck ./...

## test: every test with the race detector
test:
	$(GO) test -race -count=1 ./...

## check: everything CI checks: check-generated, spec-diff, check-api, check-layers, vet, lint, test
check: check-generated spec-diff check-api check-layers vet lint test

## bench: the issue-13 benchmarks of wrapper/rooms with -benchmem and one batch of BenchmarkRateLimitedBulk, BENCHCOUNT interleaved runs, then their ratios and bounds, PASS or MISS per target
BENCHCOUNT ?= 6
BENCHTIME ?= 1s
bench:
	@for i in $$(seq $(BENCHCOUNT)); do \
		$(GO) test -run '^$$' -bench '^Benchmark(ViewRoom|ListRooms250|Iterate20Pages|Walk200Pages)$$' -benchmem \
			-count 1 -benchtime $(BENCHTIME) ./wrapper/rooms || exit 1; \
		$(GO) test -run '^$$' -bench '^BenchmarkRateLimitedBulk$$' -count 1 -benchtime 1x ./wrapper/rooms || exit 1; \
	done | $(GO) run ./internal/benchratio

## fuzz: run every fuzz target of the module for FUZZTIME each (default 10s); not part of check, whose go test runs their seed corpora
FUZZTIME ?= 10s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for fn in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz: $$fn in $$pkg for $(FUZZTIME)"; \
			$(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

## stress: the load check of issue 12: three `go test -race -count=1 ./...` at once plus `go test -race -count=5 ./wrapper/...`, STRESSROUNDS rounds in a row; fails on the first red run
STRESSROUNDS ?= 3
stress:
	@set -e; for round in $$(seq $(STRESSROUNDS)); do \
		start=$$(date +%s); pids=""; \
		for i in 1 2 3; do $(GO) test -race -count=1 ./... > /tmp/stress-$$round-all$$i.log 2>&1 & pids="$$pids $$!"; done; \
		$(GO) test -race -count=5 ./wrapper/... > /tmp/stress-$$round-wrapper.log 2>&1 & pids="$$pids $$!"; \
		fail=0; for p in $$pids; do wait $$p || fail=1; done; \
		echo "stress: round $$round: $$(( $$(date +%s) - start ))s, $$([ $$fail = 0 ] && echo green || echo RED) (logs /tmp/stress-$$round-*.log)"; \
		[ $$fail = 0 ] || { grep -h -- '--- FAIL' /tmp/stress-$$round-*.log | head -20; exit 1; }; \
	done
