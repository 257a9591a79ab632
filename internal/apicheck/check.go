package apicheck

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// Config says which packages to check against which baseline.
type Config struct {
	// Dir is the module root, in which Patterns and a relative BaselineDir
	// are resolved. Empty means the current directory.
	Dir string
	// Patterns select the packages, as the go command takes them
	// (./wrapper/rooms).
	Patterns []string
	// BaselineDir holds the baseline files. Empty means DefaultBaselineDir.
	BaselineDir string
}

func (c Config) baselineDir() string {
	dir := c.BaselineDir
	if dir == "" {
		dir = DefaultBaselineDir
	}
	if filepath.IsAbs(dir) || c.Dir == "" {
		return dir
	}
	return filepath.Join(c.Dir, dir)
}

func (c Config) dir() string {
	if c.Dir == "" {
		return "."
	}
	return c.Dir
}

// Report is the outcome of comparing the current API with the baseline.
type Report struct {
	// BaselineDir is the directory of the baseline files.
	BaselineDir string
	// APIs are the packages as they are now, sorted by name.
	APIs []API
	// Changes lists every change from the baseline, incompatible ones first
	// (see Compare), package by package.
	Changes []Change
	// Unrecorded are the packages that had no baseline file, which Write
	// creates.
	Unrecorded []string
	// Orphans are the baseline files of packages not among those checked:
	// each is the incompatible removal of a whole package.
	Orphans []string
	// Written and Deleted are the baseline files that Write wrote and
	// deleted; both are empty after Check.
	Written, Deleted []string
}

// Incompatible returns the changes that fail the check.
func (r *Report) Incompatible() []Change {
	return r.filter(false)
}

// Compatible returns the changes that pass: the changelog.
func (r *Report) Compatible() []Change {
	return r.filter(true)
}

func (r *Report) filter(compatible bool) []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Compatible == compatible {
			out = append(out, c)
		}
	}
	return out
}

// Check lists the exported API of the packages of cfg and compares each with
// its baseline file. A package without a baseline file is an error (create
// the file with Write); a baseline file without a package among those
// checked is an incompatible change: the whole package was removed.
func Check(ctx context.Context, cfg Config) (*Report, error) {
	return compare(ctx, cfg, false)
}

// Write rewrites the baseline from the current API: one file per package,
// and it deletes the baseline files of packages no longer checked, so that
// Check passes afterwards. The report lists what the new baseline accepts
// compared with the old one (nothing for a package that had no file).
func Write(ctx context.Context, cfg Config) (*Report, error) {
	dir := cfg.baselineDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("apicheck: %w", err)
	}
	r, err := compare(ctx, cfg, true)
	if err != nil {
		return nil, err
	}
	for _, api := range r.APIs {
		file := filepath.Join(dir, BaselineFile(api.Name))
		if err := os.WriteFile(file, FormatBaseline(api), 0o644); err != nil {
			return nil, fmt.Errorf("apicheck: %w", err)
		}
		r.Written = append(r.Written, file)
	}
	for _, file := range r.Orphans {
		if err := os.Remove(file); err != nil {
			return nil, fmt.Errorf("apicheck: %w", err)
		}
		r.Deleted = append(r.Deleted, file)
	}
	return r, nil
}

func compare(ctx context.Context, cfg Config, missingOK bool) (*Report, error) {
	apis, err := Load(ctx, cfg.dir(), cfg.Patterns)
	if err != nil {
		return nil, err
	}
	dir := cfg.baselineDir()
	baselines, err := ReadBaselines(dir)
	if err != nil && !(missingOK && isNotExist(err)) {
		return nil, fmt.Errorf("%w (create it with `make api-baseline`)", err)
	}
	r := &Report{BaselineDir: dir, APIs: apis}
	for _, api := range apis {
		base, ok := baselines[api.Name]
		if !ok {
			if missingOK {
				r.Unrecorded = append(r.Unrecorded, api.Name)
				continue
			}
			return nil, fmt.Errorf("apicheck: package %s (%s) has no baseline %s: create it with `make api-baseline` and commit it",
				api.Name, api.Path, filepath.Join(dir, BaselineFile(api.Name)))
		}
		delete(baselines, api.Name)
		changes, err := Compare(base.Features, api.Features)
		if err != nil {
			return nil, fmt.Errorf("apicheck: %s: %w", base.File, err)
		}
		r.Changes = append(r.Changes, changes...)
	}
	for _, name := range slices.Sorted(maps.Keys(baselines)) {
		orphan := baselines[name]
		r.Orphans = append(r.Orphans, orphan.File)
		r.Changes = append(r.Changes, Change{
			Kind:   Removed,
			Old:    "pkg " + name,
			Reason: fmt.Sprintf("the whole package, %d features: %s is the baseline of no package checked", len(orphan.Features), orphan.File),
		})
	}
	slices.SortStableFunc(r.Changes, func(a, b Change) int {
		switch {
		case a.Compatible == b.Compatible:
			return 0
		case a.Compatible:
			return 1
		}
		return -1
	})
	return r, nil
}
