package apicheck

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ChangeKind says how a feature changed.
type ChangeKind string

// The kinds of change.
const (
	// Removed: a feature of the baseline is not in the current API.
	Removed ChangeKind = "removed"
	// Added: a feature of the current API is not in the baseline.
	Added ChangeKind = "added"
	// Changed: a feature of the baseline was replaced by one that declares
	// the same thing differently (another signature, type or value).
	Changed ChangeKind = "changed"
)

// Change is one difference between the baseline and the current API.
type Change struct {
	// Kind says whether the feature was removed, added or changed.
	Kind ChangeKind
	// Old is the feature line in the baseline; empty when Kind is Added.
	Old string
	// New is the feature line in the current API; empty when Kind is Removed.
	New string
	// Compatible reports whether code that compiles against the baseline
	// still compiles: false fails the check.
	Compatible bool
	// Reason explains the verdict when the kind of change alone does not,
	// for example "a type outside the package that implements I lacks it".
	Reason string
	// Folded counts the other features of the same type that were removed
	// or added with it, which this change stands for.
	Folded int
}

// Line formats the change on one line:
//
//	incompatible: removed: pkg rooms, func NewClient(...Option) (*Client, error)
//	incompatible: changed: pkg rooms, var V int -> var V int64
//	compatible: added: pkg rooms, func NewThing() *Thing
func (c Change) Line() string {
	verdict := "incompatible"
	if c.Compatible {
		verdict = "compatible"
	}
	var text string
	switch c.Kind {
	case Removed:
		text = c.Old
	case Added:
		text = c.New
	default:
		_, decl, _ := strings.Cut(c.New, ", ")
		text = c.Old + " -> " + decl
	}
	var notes []string
	if c.Reason != "" {
		notes = append(notes, c.Reason)
	}
	if c.Folded > 0 {
		notes = append(notes, fmt.Sprintf("with its %d %s", c.Folded, plural(c.Folded, "other feature", "other features")))
	}
	line := verdict + ": " + string(c.Kind) + ": " + text
	if len(notes) > 0 {
		line += " (" + strings.Join(notes, "; ") + ")"
	}
	return line
}

// Compare returns the changes from the features of one package in the
// baseline to those in the current API (both as List writes them), incompatible
// ones first, then in the order of their lines. A removed and an added
// feature that declare the same thing are one Changed change; a type removed
// or added whole is one change that folds in its fields and methods. It fails
// when a feature line is malformed.
func Compare(base, current []string) ([]Change, error) {
	c, err := newComparison(base, current)
	if err != nil {
		return nil, err
	}
	changes := c.fold(c.pair())
	slices.SortFunc(changes, compareChanges)
	return changes, nil
}

// comparison holds both versions of a package's features.
type comparison struct {
	base, current  map[string]bool
	removed, added []feature
	removedByKey   map[string][]feature
	addedByKey     map[string][]feature
	// baseOwners and currentOwners hold the types that have a feature in
	// the baseline and in the current API.
	baseOwners, currentOwners map[owner]bool
}

func newComparison(base, current []string) (*comparison, error) {
	c := &comparison{
		base:          setOf(base),
		current:       setOf(current),
		removedByKey:  make(map[string][]feature),
		addedByKey:    make(map[string][]feature),
		baseOwners:    make(map[owner]bool),
		currentOwners: make(map[owner]bool),
	}
	for _, side := range []struct {
		lines    []string
		other    map[string]bool
		features *[]feature
		byKey    map[string][]feature
		owners   map[owner]bool
	}{
		{base, c.current, &c.removed, c.removedByKey, c.baseOwners},
		{current, c.base, &c.added, c.addedByKey, c.currentOwners},
	} {
		for _, line := range slices.Compact(slices.Sorted(slices.Values(side.lines))) {
			f, err := parseFeature(line)
			if err != nil {
				return nil, err
			}
			if f.owner != "" {
				side.owners[owner{f.pkg, f.owner}] = true
			}
			if side.other[line] {
				continue
			}
			*side.features = append(*side.features, f)
			side.byKey[f.key] = append(side.byKey[f.key], f)
		}
	}
	return c, nil
}

// pair turns the removed and added features into changes, pairing a removed
// and an added feature that are the only ones with their key.
func (c *comparison) pair() []change {
	paired := make(map[string]bool)
	var out []change
	for _, r := range c.removed {
		adds := c.addedByKey[r.key]
		if len(adds) == 1 && len(c.removedByKey[r.key]) == 1 {
			a := adds[0]
			paired[a.line] = true
			reason, ok := c.excuse(r)
			out = append(out, change{Change{Kind: Changed, Old: r.line, New: a.line, Compatible: ok, Reason: reason}, r})
			continue
		}
		reason, ok := c.excuse(r)
		if !ok {
			reason = removedReason(r)
		}
		out = append(out, change{Change{Kind: Removed, Old: r.line, Compatible: ok, Reason: reason}, r})
	}
	for _, a := range c.added {
		if paired[a.line] {
			continue
		}
		reason, breaks := c.addedBreaks(a)
		out = append(out, change{Change{Kind: Added, New: a.line, Compatible: !breaks, Reason: reason}, a})
	}
	return out
}

// change is a Change with the feature it is about (the old one when there
// is one).
type change struct {
	Change
	f feature
}

// fold replaces the changes of a type that was removed or added whole (no
// line of the other version belongs to it) by the one change of its
// declaration, which counts the fields, methods and markers it stands for.
func (c *comparison) fold(changes []change) []Change {
	primary := make(map[owner]int) // index into changes
	for i, ch := range changes {
		o := owner{ch.f.pkg, ch.f.owner}
		whole := (ch.Kind == Removed && !c.currentOwners[o]) || (ch.Kind == Added && !c.baseOwners[o])
		if !ch.f.primary || !whole {
			continue
		}
		// The alias line stands for a re-exported type and its features.
		if j, ok := primary[o]; !ok || strings.HasPrefix(changes[j].f.key, "obj ") {
			primary[o] = i
		}
	}
	folded := make([]int, len(changes))
	keep := make([]bool, len(changes))
	for i, ch := range changes {
		j, ok := primary[owner{ch.f.pkg, ch.f.owner}]
		if ok && j != i && ch.Kind == changes[j].Kind {
			folded[j]++
			continue
		}
		keep[i] = true
	}
	var out []Change
	for i, ch := range changes {
		if keep[i] {
			ch.Folded = folded[i]
			out = append(out, ch.Change)
		}
	}
	return out
}

// owner is a type of a package, as features name it.
type owner struct{ pkg, name string }

// compareChanges orders incompatible changes first, then by the line of the
// feature (the old one, for a changed feature).
func compareChanges(a, b Change) int {
	if a.Compatible != b.Compatible {
		if a.Compatible {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(cmp.Or(a.Old, a.New), cmp.Or(b.Old, b.New)), cmp.Compare(a.New, b.New))
}

func setOf(lines []string) map[string]bool {
	m := make(map[string]bool, len(lines))
	for _, l := range lines {
		m[l] = true
	}
	return m
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
