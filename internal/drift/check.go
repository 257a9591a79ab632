package drift

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// Report is the outcome of Check.
type Report struct {
	// Differences lists the files under gen/ that are not what generation
	// produces, sorted by path.
	Differences []Difference
	// TidyDiff is what `go mod tidy -diff` printed; empty when tidy.
	TidyDiff string
}

// OK reports whether gen/ is exactly what generation produces and go.mod and
// go.sum are tidy.
func (r *Report) OK() bool {
	return len(r.Differences) == 0 && r.TidyDiff == ""
}

// Check regenerates gen/ from the inputs of the module at root in a temporary
// directory, compares it with root/gen and checks that go.mod and go.sum are
// tidy. It changes nothing under root.
func Check(ctx context.Context, root string, opts ...Option) (*Report, error) {
	want, err := Generate(ctx, root, opts...)
	if err != nil {
		return nil, err
	}
	diffs, err := Compare(root, want)
	if err != nil {
		return nil, err
	}
	tidy, err := Tidy(ctx, root, opts...)
	if err != nil {
		return nil, err
	}
	return &Report{Differences: diffs, TidyDiff: tidy}, nil
}

// WriteText writes the report for a CI log: every differing file with its
// kind, the untidy diff, and the commands that fix each problem.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	if len(r.Differences) > 0 {
		fmt.Fprintf(&b, "check-generated: %s/ is not what `go generate ./...` produces from openapi.yaml and api/ (%d %s):\n",
			GeneratedDir, len(r.Differences), plural(len(r.Differences), "file", "files"))
		for _, d := range r.Differences {
			fmt.Fprintf(&b, "  %-11s %s: %s\n", string(d.Kind)+":", d.Path, d.Detail)
		}
		fmt.Fprintf(&b, "check-generated: fix: run `make generate` (go generate ./...), delete files it does not write, and commit %s/ with the contract change. Never edit %s/ by hand.\n",
			GeneratedDir, GeneratedDir)
	}
	if r.TidyDiff != "" {
		b.WriteString("check-generated: go.mod/go.sum are not tidy; `go mod tidy -diff` says:\n")
		for line := range strings.Lines(r.TidyDiff) {
			b.WriteString("  " + line)
		}
		if !strings.HasSuffix(r.TidyDiff, "\n") {
			b.WriteString("\n")
		}
		b.WriteString("check-generated: fix: run `go mod tidy` and commit go.mod and go.sum.\n")
	}
	if r.OK() {
		fmt.Fprintf(&b, "check-generated: ok: %s/ matches openapi.yaml and api/; go.mod and go.sum are tidy\n", GeneratedDir)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
