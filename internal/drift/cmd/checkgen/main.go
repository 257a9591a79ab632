// Command checkgen fails when gen/ is not exactly what `go generate ./...`
// produces from openapi.yaml and api/, or when go.mod and go.sum are not tidy,
// and says which files differ and which command fixes them. It changes no file.
// `make check-generated` runs it from the repository root.
//
// Usage:
//
//	go run ./internal/drift/cmd/checkgen [-root .] [-go go]
//
// Exit status: 0 when everything matches, 1 when something differs, 2 when the
// check itself cannot run (for example, generation fails).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/seed1c924325/telnyx-rooms-go/internal/drift"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("checkgen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	root := flags.String("root", ".", "the module root")
	goCmd := flags.String("go", "go", "the go command")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 0 {
		fmt.Fprintf(stderr, "checkgen: unexpected arguments %q\n", flags.Args())
		return 2
	}
	report, err := drift.Check(ctx, *root, drift.WithGo(*goCmd))
	if err != nil {
		fmt.Fprintln(stderr, "check-generated: cannot run the check:", err)
		return 2
	}
	if err := report.WriteText(stdout); err != nil {
		fmt.Fprintln(stderr, "checkgen:", err)
		return 2
	}
	if !report.OK() {
		return 1
	}
	return 0
}
