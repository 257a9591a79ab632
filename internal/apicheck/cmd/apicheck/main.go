// Command apicheck fails when the exported Go API of the module's packages
// changed incompatibly since the baseline in testdata/api/, and prints the
// compatible changes as a changelog. With -write it rewrites the baseline
// instead. `make check-api` and `make api-baseline` run it from the
// repository root.
//
// Usage:
//
//	go run ./internal/apicheck/cmd/apicheck [-write] [-root .] [-baseline testdata/api] [packages]
//
// The packages are patterns as the go command takes them; without any, they
// are ./wrapper/rooms, ./wrapper/roomstest and ./wrapper/webhook (the Makefile's API_PACKAGES).
//
// Exit status: 0 when the API is compatible with the baseline (or -write
// wrote it), 1 when a change is incompatible, 2 when the check cannot run:
// wrong flags, a package that does not load, a missing or malformed baseline.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/seed1c924325/telnyx-rooms-go/internal/apicheck"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// defaultPackages returns the packages whose API is the module's contract
// when no pattern is given. The Makefile's API_PACKAGES lists the same.
func defaultPackages() []string {
	return []string{"./wrapper/rooms", "./wrapper/roomstest", "./wrapper/webhook"}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("apicheck", flag.ContinueOnError)
	flags.SetOutput(stderr)
	write := flags.Bool("write", false, "rewrite the baseline from the current API instead of checking it")
	root := flags.String("root", ".", "the module root, in which packages and -baseline are resolved")
	baseline := flags.String("baseline", apicheck.DefaultBaselineDir, "the directory of the baseline files")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	cfg := apicheck.Config{Dir: *root, Patterns: flags.Args(), BaselineDir: *baseline}
	if len(cfg.Patterns) == 0 {
		cfg.Patterns = defaultPackages()
	}
	if *write {
		report, err := apicheck.Write(ctx, cfg)
		if err != nil {
			fmt.Fprintln(stderr, "check-api: cannot write the baseline:", err)
			return 2
		}
		if err := report.WriteWritten(stdout); err != nil {
			fmt.Fprintln(stderr, "check-api:", err)
			return 2
		}
		return 0
	}
	report, err := apicheck.Check(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "check-api: cannot run the check:", err)
		return 2
	}
	if err := report.WriteText(stdout, acceptCommand(args, isDefault(cfg))); err != nil {
		fmt.Fprintln(stderr, "check-api:", err)
		return 2
	}
	if len(report.Incompatible()) > 0 {
		return 1
	}
	return 0
}

// acceptCommand returns the command that accepts the current API: this
// command as it was run, with -write, preceded by `make api-baseline` when
// that runs the same (the default packages and directories).
func acceptCommand(args []string, makeTarget bool) string {
	command := "`" + strings.Join(append([]string{"go run ./internal/apicheck/cmd/apicheck -write"}, args...), " ") + "`"
	if makeTarget {
		return "`make api-baseline` (that is, " + command + ")"
	}
	return command
}

// isDefault reports whether cfg checks the default packages against the
// default baseline from the current directory, as `make check-api` does.
func isDefault(cfg apicheck.Config) bool {
	return cfg.Dir == "." && cfg.BaselineDir == apicheck.DefaultBaselineDir && slices.Equal(cfg.Patterns, defaultPackages())
}
