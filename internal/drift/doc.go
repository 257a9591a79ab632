// Package drift detects when the generated package gen/ is not exactly what
// `go generate ./...` produces from the contract, and when go.mod and go.sum
// are not tidy.
//
// The check never touches the tree it inspects: it copies the generation
// inputs (Inputs) into a temporary module, regenerates there and compares the
// files under gen/ byte for byte and as a set, so that edited, missing and
// extra files are all reported, whether or not git knows about them. It does
// not need git, and it needs the network only if the module cache lacks the
// generator. The command in cmd/checkgen is what `make check-generated` runs.
package drift
