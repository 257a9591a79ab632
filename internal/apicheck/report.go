package apicheck

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// WriteText writes the report of Check for a CI log: every change on its
// own line (Change.Line), incompatible ones first, then a verdict. When the
// check fails, the last line says how to accept a deliberate break: run
// accept (the command that rewrites the baseline) and commit the baseline
// in the same commit as the change.
func (r *Report) WriteText(w io.Writer, accept string) error {
	var b strings.Builder
	dir := filepath.ToSlash(r.BaselineDir) + "/"
	if len(r.Changes) == 0 {
		fmt.Fprintf(&b, "check-api: ok: the exported API of %s matches %s\n", r.packages(), dir)
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "check-api: the exported API of %s compared with %s:\n", r.packages(), dir)
	for _, c := range r.Changes {
		b.WriteString(c.Line() + "\n")
	}
	incompatible, compatible := len(r.Incompatible()), len(r.Compatible())
	if incompatible == 0 {
		fmt.Fprintf(&b, "check-api: ok: %d compatible %s since %s, none incompatible.\n", compatible, plural(compatible, "change", "changes"), dir)
	} else {
		fmt.Fprintf(&b, "check-api: FAIL: %d incompatible %s (and %d compatible).\n", incompatible, plural(incompatible, "change", "changes"), compatible)
		fmt.Fprintf(&b, "check-api: to accept a deliberate break, run %s and commit %s in the same commit as the API change, saying BREAKING in the commit message and listing the incompatible lines above.\n", accept, dir)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteWritten writes the report of Write: the changes the new baseline
// accepts, the files written and deleted, and what to commit.
func (r *Report) WriteWritten(w io.Writer) error {
	var b strings.Builder
	if len(r.Changes) > 0 {
		fmt.Fprintf(&b, "check-api: the new baseline accepts %d %s:\n", len(r.Changes), plural(len(r.Changes), "change", "changes"))
		for _, c := range r.Changes {
			b.WriteString(c.Line() + "\n")
		}
	}
	files := make([]string, 0, len(r.Written))
	for i, file := range r.Written {
		note := ""
		if slices.Contains(r.Unrecorded, r.APIs[i].Name) {
			note = "new, "
		}
		files = append(files, fmt.Sprintf("%s (%s%d features)", filepath.ToSlash(file), note, len(r.APIs[i].Features)))
	}
	fmt.Fprintf(&b, "check-api: wrote %s", strings.Join(files, ", "))
	for _, file := range r.Deleted {
		fmt.Fprintf(&b, "; deleted %s", filepath.ToSlash(file))
	}
	if len(r.Changes) == 0 && len(r.Unrecorded) < len(r.APIs) {
		b.WriteString("; no change to the recorded API")
	}
	b.WriteString("\n")
	if n := len(r.Incompatible()); n > 0 {
		fmt.Fprintf(&b, "check-api: commit %s/ in the same commit as the API change, saying BREAKING in the commit message and listing the %d incompatible %s above.\n",
			filepath.ToSlash(r.BaselineDir), n, plural(n, "line", "lines"))
	} else if len(r.Changes) > 0 || len(r.Deleted) > 0 || len(r.Unrecorded) > 0 {
		fmt.Fprintf(&b, "check-api: commit %s/ with the change.\n", filepath.ToSlash(r.BaselineDir))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// packages names the packages of the report: "rooms, roomstest".
func (r *Report) packages() string {
	names := make([]string, len(r.APIs))
	for i, api := range r.APIs {
		names[i] = api.Name
	}
	return strings.Join(names, ", ")
}
