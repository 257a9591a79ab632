package depguard

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// ClientPackage is the package users import, relative to the module root.
const ClientPackage = "./wrapper/rooms"

// WebhookPackage is the webhook receiver users import, relative to the
// module root. It links the standard library only (CheckStdlibOnly), so
// that a receiver can import it without the client's dependencies.
const WebhookPackage = "./wrapper/webhook"

// allowedRoots are the packages whose own imports the client may link:
// anything they import (and nothing else outside the standard library) is
// allowed.
var allowedRoots = []string{
	"github.com/go-json-experiment/json",
	"github.com/go-json-experiment/json/jsontext",
	"github.com/google/uuid",
	"github.com/oapi-codegen/runtime",
	"github.com/oapi-codegen/runtime/types",
}

// allowedOwn are this module's packages the client may link, relative to
// the module path.
var allowedOwn = []string{"/gen", "/internal/termtext", "/wrapper/rooms"}

// Violation is one package the client links that it must not.
type Violation struct {
	// Package is the import path of the package linked.
	Package string
	// Via is the chain of imports from the client to Package.
	Via []string
}

// String returns "PACKAGE (via A -> B -> PACKAGE)".
func (v Violation) String() string {
	return v.Package + " (via " + strings.Join(v.Via, " -> ") + ")"
}

// Check lists every package outside the standard library that pkg (such as
// ClientPackage) links in the module at root and that is neither one of
// this module's allowed packages nor imported by an allowed root. An empty
// result means the graph is lean.
func Check(ctx context.Context, root, pkg string) ([]Violation, error) {
	module, err := goList(ctx, root, "-m", "-f", "{{.Path}}")
	if err != nil {
		return nil, err
	}
	modPath := strings.TrimSpace(string(module))
	graph, err := imports(ctx, root, pkg)
	if err != nil {
		return nil, err
	}
	allowed := map[string]bool{}
	for _, own := range allowedOwn {
		allowed[modPath+own] = true
	}
	rootDeps, err := goList(ctx, root, append([]string{"-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}"}, allowedRoots...)...)
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Fields(string(rootDeps)) {
		allowed[p] = true
	}
	start := graph.root
	var out []Violation
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range graph.nonStd {
			if !yield(p) {
				return
			}
		}
	}) {
		if !allowed[p] {
			out = append(out, Violation{Package: p, Via: graph.path(start, p)})
		}
	}
	return out, nil
}

// CheckStdlibOnly lists every package outside the standard library that
// pkg (such as WebhookPackage) links, other than pkg itself. An empty result
// means pkg needs nothing but Go.
func CheckStdlibOnly(ctx context.Context, root, pkg string) ([]Violation, error) {
	graph, err := imports(ctx, root, pkg)
	if err != nil {
		return nil, err
	}
	var out []Violation
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range graph.nonStd {
			if p != graph.root && !yield(p) {
				return
			}
		}
	}) {
		out = append(out, Violation{Package: p, Via: graph.path(graph.root, p)})
	}
	return out, nil
}

// importGraph is the import graph of one package and its dependencies.
type importGraph struct {
	root   string
	edges  map[string][]string
	nonStd map[string]bool
}

func imports(ctx context.Context, dir, pkg string) (*importGraph, error) {
	b, err := goList(ctx, dir, "-deps", "-f", "{{.ImportPath}}|{{.Standard}}|{{join .Imports \" \"}}", pkg)
	if err != nil {
		return nil, err
	}
	g := &importGraph{edges: map[string][]string{}, nonStd: map[string]bool{}}
	for line := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n") {
		parts := strings.SplitN(line, "|", 3)
		if len(parts) != 3 {
			return nil, fmt.Errorf("depguard: unexpected go list line %q", line)
		}
		g.edges[parts[0]] = strings.Fields(parts[2])
		if parts[1] != "true" {
			g.nonStd[parts[0]] = true
		}
		g.root = parts[0] // go list -deps prints the package itself last
	}
	return g, nil
}

// path returns the shortest import chain from a to b.
func (g *importGraph) path(a, b string) []string {
	prev := map[string]string{a: ""}
	queue := []string{a}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == b {
			break
		}
		for _, q := range g.edges[p] {
			if _, seen := prev[q]; !seen {
				prev[q] = p
				queue = append(queue, q)
			}
		}
	}
	var chain []string
	for p := b; p != ""; p = prev[p] {
		chain = append(chain, p)
		if p == a {
			break
		}
	}
	slices.Reverse(chain)
	return chain
}

// goList runs `go list args...` in dir, offline and outside any go.work.
func goList(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", append([]string{"list"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly", "GOPROXY=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("depguard: go list %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
