package specdiff

import (
	"fmt"
	"io"
	"strings"
)

// Line formats one change on a single line for a CI log:
//
//	error [rule-id] METHOD /path (operationId): oasdiff's message
//
// followed by oasdiff's comment and, for raised rules, the reason.
func (c Change) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-7s [%s] %s: %s", c.Level, c.ID, c.Location(), c.Text)
	if c.Comment != "" {
		b.WriteString(" (" + c.Comment + ")")
	}
	if c.Raised != "" {
		b.WriteString(" (raised from info: " + c.Raised + ")")
	}
	return b.String()
}

// WriteText writes the report for a CI log: a header naming both files, the
// breaking changes, the changelog and a one-line verdict. With no changes it
// says "no changes".
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "spec-diff: %s (released) -> %s (current)\n", r.Base, r.Revision)
	if len(r.Changes) == 0 {
		b.WriteString("spec-diff: ok: no changes\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	breaking, changelog := r.Breaking(), r.Changelog()
	writeSection(&b, "Breaking changes", breaking)
	writeSection(&b, "Changelog (not breaking)", changelog)
	if len(breaking) > 0 {
		fmt.Fprintf(&b, "spec-diff: FAIL: %d breaking %s.\n", len(breaking), plural(len(breaking), "change", "changes"))
		fmt.Fprintf(&b, "spec-diff: to accept a deliberate break, copy %s over %s in the same commit and say so in the commit message.\n", r.Revision, r.Base)
	} else {
		fmt.Fprintf(&b, "spec-diff: ok: %d %s, none breaking.\n", len(changelog), plural(len(changelog), "change", "changes"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeSection(b *strings.Builder, title string, changes []Change) {
	if len(changes) == 0 {
		return
	}
	fmt.Fprintf(b, "%s (%d):\n", title, len(changes))
	for _, c := range changes {
		b.WriteString("  " + c.Line() + "\n")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
