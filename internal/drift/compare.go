package drift

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// Kind says how a file under gen/ differs from what generation produces.
type Kind string

const (
	// Modified means generation writes the file with different content.
	Modified Kind = "modified"
	// Unexpected means the file is in the tree but generation does not write it.
	Unexpected Kind = "unexpected"
	// Missing means generation writes the file but the tree lacks it.
	Missing Kind = "missing"
)

// Difference is one file under gen/ that is not what generation produces.
type Difference struct {
	// Path is slash-separated and relative to the module root, such as "gen/client.gen.go".
	Path string
	// Kind says how the file differs.
	Kind Kind
	// Detail locates a modification ("line 12: generated ... / in tree ...")
	// or explains the other kinds.
	Detail string
}

// Compare reads the files under root/gen and compares them with want, the
// output of Generate. The differences are sorted by path.
func Compare(root string, want Files) ([]Difference, error) {
	have, err := readTree(root, GeneratedDir)
	if err != nil {
		return nil, err
	}
	var diffs []Difference
	for path, w := range want {
		h, ok := have[path]
		switch {
		case !ok:
			diffs = append(diffs, Difference{Path: path, Kind: Missing, Detail: "generated, but absent from the tree"})
		case !bytes.Equal(w, h):
			diffs = append(diffs, Difference{Path: path, Kind: Modified, Detail: firstDifference(w, h)})
		}
	}
	for path := range have {
		if _, ok := want[path]; !ok {
			diffs = append(diffs, Difference{Path: path, Kind: Unexpected, Detail: "not written by go generate"})
		}
	}
	slices.SortFunc(diffs, func(a, b Difference) int { return strings.Compare(a.Path, b.Path) })
	return diffs, nil
}

// maxExcerpt bounds each line quoted in a Detail.
const maxExcerpt = 100

// firstDifference names the first line where the generated content (want)
// and the tree's content (have) differ, quoting both.
func firstDifference(want, have []byte) string {
	wl := slices.Collect(strings.Lines(string(want)))
	hl := slices.Collect(strings.Lines(string(have)))
	for i := range max(len(wl), len(hl)) {
		var w, h string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(hl) {
			h = hl[i]
		}
		if w != h {
			return fmt.Sprintf("first difference at line %d: generated %s, in tree %s", i+1, excerpt(w, i < len(wl)), excerpt(h, i < len(hl)))
		}
	}
	return "contents differ"
}

func excerpt(line string, present bool) string {
	if !present {
		return "(end of file)"
	}
	if len(line) > maxExcerpt {
		line = line[:maxExcerpt] + "..."
	}
	return fmt.Sprintf("%q", line)
}
