package apicheck

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// API is the exported API of one package.
type API struct {
	// Name is the package name, which starts every feature ("pkg rooms, ")
	// and names its baseline file (rooms.txt).
	Name string
	// Path is the import path.
	Path string
	// Features is the listing: one feature per line, sorted (see List).
	Features []string
}

// Load type-checks the packages that patterns match, resolved in dir as the
// go command resolves them (./wrapper/rooms, ./wrapper/...), and lists the
// exported API of each, sorted by package name. It runs `go list` with
// GOWORK=off, so that the module stands on its own. It fails when a pattern
// matches no package, a package does not compile, is a command (package
// main), or shares its name with another: the name picks the baseline file.
func Load(ctx context.Context, dir string, patterns []string) ([]API, error) {
	pkgs, err := load(ctx, dir, patterns)
	if err != nil {
		return nil, err
	}
	apis := make([]API, 0, len(pkgs))
	byName := make(map[string]string)
	for _, p := range pkgs {
		if p.Name == "main" {
			return nil, fmt.Errorf("apicheck: %s is a command (package main), which has no API to check", p.PkgPath)
		}
		if other, ok := byName[p.Name]; ok {
			return nil, fmt.Errorf("apicheck: %s and %s are both package %s; each package needs a name of its own, which names its baseline file", other, p.PkgPath, p.Name)
		}
		byName[p.Name] = p.PkgPath
		apis = append(apis, API{Name: p.Name, Path: p.PkgPath, Features: List(p.Types)})
	}
	slices.SortFunc(apis, func(a, b API) int { return strings.Compare(a.Name, b.Name) })
	return apis, nil
}

// load type-checks the packages that patterns match in dir, from the export
// data the compiler writes, and fails with every error a package has.
func load(ctx context.Context, dir string, patterns []string) ([]*packages.Package, error) {
	if len(patterns) == 0 {
		return nil, errors.New("apicheck: no packages to list")
	}
	cfg := &packages.Config{
		Context: ctx,
		Mode:    packages.NeedName | packages.NeedTypes,
		Dir:     dir,
		Env:     append(os.Environ(), "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("apicheck: load %s: %w", strings.Join(patterns, " "), err)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("apicheck: %s matched no packages", strings.Join(patterns, " "))
	}
	var problems []string
	for _, p := range pkgs {
		for _, e := range p.Errors {
			problems = append(problems, e.Error())
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("apicheck: load %s:\n\t%s", strings.Join(patterns, " "), strings.Join(problems, "\n\t"))
	}
	return pkgs, nil
}
