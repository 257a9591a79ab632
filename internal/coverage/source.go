package coverage

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// source is the parsed Go files of one directory.
type source struct {
	root  string // module root, to print positions relative to it
	fset  *token.FileSet
	files []*ast.File
}

// parseDir parses the .go files of root/dir: the test files when tests is
// true, the others otherwise. Subdirectories are not read.
func parseDir(root, dir string, tests bool) (*source, error) {
	entries, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		return nil, fmt.Errorf("coverage: %w", err)
	}
	src := &source{root: root, fset: token.NewFileSet()}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") != tests {
			continue
		}
		f, err := parser.ParseFile(src.fset, filepath.Join(root, dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("coverage: %w", err)
		}
		src.files = append(src.files, f)
	}
	if len(src.files) == 0 {
		return nil, fmt.Errorf("coverage: %s has no Go files to read", dir)
	}
	return src, nil
}

// where returns "dir/file.go:line" of pos, relative to the module root.
func (s *source) where(pos token.Pos) string {
	p := s.fset.Position(pos)
	if rel, err := filepath.Rel(s.root, p.Filename); err == nil {
		p.Filename = filepath.ToSlash(rel)
	}
	return p.Filename + ":" + strconv.Itoa(p.Line)
}

// methods calls fn for every method declaration of the files.
func (s *source) methods(fn func(recv string, decl *ast.FuncDecl)) {
	for _, f := range s.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			if recv := baseTypeName(fd.Recv.List[0].Type); recv != "" {
				fn(recv, fd)
			}
		}
	}
}

// baseTypeName returns T for the receiver types T, *T, T[X] and *T[X].
func baseTypeName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return baseTypeName(t.X)
	case *ast.IndexExpr:
		return baseTypeName(t.X)
	case *ast.IndexListExpr:
		return baseTypeName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return ""
}

// literal is one composite literal of a named type, such as command{...}.
type literal struct {
	pos    token.Pos
	fields map[string]ast.Expr // its keyed fields
}

// literals returns every composite literal of the type named typeName in the
// files, including the elements of a []typeName literal whose type is elided.
func (s *source) literals(typeName string) []literal {
	var out []literal
	add := func(cl *ast.CompositeLit) {
		l := literal{pos: cl.Pos(), fields: map[string]ast.Expr{}}
		for _, elt := range cl.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok {
					l.fields[key.Name] = kv.Value
				}
			}
		}
		out = append(out, l)
	}
	isType := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name == typeName
	}
	for _, f := range s.files {
		ast.Inspect(f, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if isType(cl.Type) {
				add(cl)
				return true
			}
			// []typeName{{...}, {...}}: the elements' type is elided.
			if at, ok := cl.Type.(*ast.ArrayType); ok && isType(at.Elt) {
				for _, elt := range cl.Elts {
					if inner, ok := elt.(*ast.CompositeLit); ok && inner.Type == nil {
						add(inner)
					}
				}
			}
			return true
		})
	}
	slices.SortFunc(out, func(a, b literal) int { return int(a.pos - b.pos) })
	return out
}

// stringLit returns the value of a string literal expression.
func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

// stringList returns the values of a []string{"a", "b"} literal.
func stringList(e ast.Expr) ([]string, bool) {
	cl, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	if at, ok := cl.Type.(*ast.ArrayType); !ok || at.Len != nil {
		return nil, false
	} else if id, ok := at.Elt.(*ast.Ident); !ok || id.Name != "string" {
		return nil, false
	}
	out := make([]string, 0, len(cl.Elts))
	for _, elt := range cl.Elts {
		v, ok := stringLit(elt)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}
