// Command specdiff compares the contract with the last released contract and
// fails when the change would break a user of the module. `make spec-diff`
// runs it from the repository root.
//
// Usage:
//
//	go run ./internal/specdiff/cmd/specdiff [-base testdata/openapi.baseline.yaml] [-revision openapi.yaml]
//
// Exit status: 0 when there are no breaking changes, 1 when there are, 2 when
// a document cannot be loaded or the flags are wrong.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/seed1c924325/telnyx-rooms-go/internal/specdiff"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("specdiff", flag.ContinueOnError)
	flags.SetOutput(stderr)
	base := flags.String("base", "testdata/openapi.baseline.yaml", "the last released contract")
	revision := flags.String("revision", "openapi.yaml", "the contract as it is now")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 0 {
		fmt.Fprintf(stderr, "specdiff: unexpected arguments %q\n", flags.Args())
		return 2
	}
	report, err := specdiff.Compare(*base, *revision)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if err := report.WriteText(stdout); err != nil {
		fmt.Fprintln(stderr, "specdiff:", err)
		return 2
	}
	if report.HasBreaking() {
		return 1
	}
	return 0
}
