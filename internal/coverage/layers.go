package coverage

import (
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"strings"
)

// decl is one layer's declaration that it serves an operation.
type decl struct {
	op     string // operationId declared
	what   string // what declares it, for messages: "Rooms.List", `command "rooms list"`, `step "..."`
	where  string // file:line
	method string // client only: the Operation line's method and path
	path   string
}

// layerScan is what Check found in one layer.
type layerScan struct {
	decls []decl
	gaps  []Gap // unreadable declarations
}

// operationLine matches a client method's doc line
// "Operation: GET /rooms/{room_id} (viewRoom)."
var operationLine = regexp.MustCompile(`^Operation: ([A-Z]+) (/\S*) \(([^()\s]+)\)\.$`)

// clientScan is the client layer: the declarations, and the Client field
// through which each service is reached ("Rooms" for *RoomsService).
type clientScan struct {
	layerScan
	fieldOf map[string]string // service type name -> Client field name
}

// scanClient reads the Operation lines of the exported methods of the
// service types of rooms.Client.
func scanClient(root string) (*clientScan, error) {
	src, err := parseDir(root, ClientDir, false)
	if err != nil {
		return nil, err
	}
	fieldOf := clientServices(src)
	if len(fieldOf) == 0 {
		return nil, fmt.Errorf("coverage: %s: no type Client with exported fields of service types (*XService): the check finds the client's methods through them", ClientDir)
	}
	cs := &clientScan{fieldOf: fieldOf}
	src.methods(func(recv string, fd *ast.FuncDecl) {
		field, ok := fieldOf[recv]
		if !ok || !fd.Name.IsExported() {
			return
		}
		what := field + "." + fd.Name.Name
		found := false
		for _, c := range docLines(fd.Doc) {
			line := strings.TrimSpace(strings.TrimPrefix(c.Text, "//"))
			if !strings.HasPrefix(line, "Operation:") {
				continue
			}
			found = true
			m := operationLine.FindStringSubmatch(line)
			if m == nil {
				cs.gaps = append(cs.gaps, Gap{Layer: LayerClient, Kind: Unreadable, Where: src.where(c.Pos()),
					Problem: fmt.Sprintf("the doc line %q of %s is not \"Operation: METHOD /path (operationId).\"", line, what)})
				continue
			}
			cs.decls = append(cs.decls, decl{op: m[3], what: what, where: src.where(c.Pos()), method: m[1], path: m[2]})
		}
		if !found {
			cs.gaps = append(cs.gaps, Gap{Layer: LayerClient, Kind: Undeclared, Where: src.where(fd.Pos()),
				Problem: fmt.Sprintf("%s documents no operation: add the line \"// Operation: METHOD /path (operationId).\" to its doc comment for each operation it calls", what)})
		}
	})
	return cs, nil
}

func docLines(g *ast.CommentGroup) []*ast.Comment {
	if g == nil {
		return nil
	}
	return g.List
}

// clientServices maps the type of each exported pointer field of the struct
// type Client to the field's name.
func clientServices(src *source) map[string]string {
	out := map[string]string{}
	for _, f := range src.files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if !ok || ts.Name.Name != "Client" {
					continue
				}
				for _, field := range st.Fields.List {
					star, ok := field.Type.(*ast.StarExpr)
					if !ok {
						continue
					}
					typ, ok := star.X.(*ast.Ident)
					if !ok {
						continue
					}
					for _, name := range field.Names {
						if name.IsExported() {
							out[typ.Name] = name.Name
						}
					}
				}
			}
		}
	}
	return out
}

// scanFake finds the type asserted to implement genserver.StrictServerInterface
// and returns its exported methods as declarations of the operations whose
// GoName they have (resolved by Check, which knows the operations).
func scanFake(root string) (impl string, methods []decl, err error) {
	src, err := parseDir(root, FakeDir, false)
	if err != nil {
		return "", nil, err
	}
	for _, f := range src.files {
		if t := strictServerImpl(f); t != "" {
			impl = t
			break
		}
	}
	if impl == "" {
		return "", nil, fmt.Errorf("coverage: %s: no assertion `var _ genserver.StrictServerInterface = (*T)(nil)`: the check finds the fake's handlers through it", FakeDir)
	}
	src.methods(func(recv string, fd *ast.FuncDecl) {
		if recv == impl && fd.Name.IsExported() {
			methods = append(methods, decl{op: fd.Name.Name, what: impl + "." + fd.Name.Name, where: src.where(fd.Pos())})
		}
	})
	return impl, methods, nil
}

// strictServerImpl returns T from `var _ genserver.StrictServerInterface =
// (*T)(nil)` (or &T{} or T{}) in f, where genserver is the file's name for
// the generated server package.
func strictServerImpl(f *ast.File) string {
	genName := ""
	for _, imp := range f.Imports {
		path := strings.Trim(imp.Path.Value, `"`)
		if path == "genserver" || strings.HasSuffix(path, "/genserver") {
			genName = "genserver"
			if imp.Name != nil {
				genName = imp.Name.Name
			}
		}
	}
	if genName == "" {
		return ""
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			sel, ok := vs.Type.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "StrictServerInterface" || len(vs.Values) != 1 {
				continue
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != genName {
				continue
			}
			if t := implType(vs.Values[0]); t != "" {
				return t
			}
		}
	}
	return ""
}

// implType returns T from (*T)(nil), &T{} or T{}.
func implType(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.CallExpr: // (*T)(nil)
		if p, ok := v.Fun.(*ast.ParenExpr); ok {
			return baseTypeName(p.X)
		}
	case *ast.UnaryExpr: // &T{}
		if v.Op == token.AND {
			return implType(v.X)
		}
	case *ast.CompositeLit: // T{}
		return baseTypeName(v.Type)
	}
	return ""
}

// scanCLI reads the operations field of every command literal of roomsctl.
func scanCLI(root string) (*layerScan, error) {
	src, err := parseDir(root, CLIDir, false)
	if err != nil {
		return nil, err
	}
	ls := &layerScan{}
	for _, l := range src.literals("command") {
		what := "a command"
		group, _ := stringLit(l.fields["group"])
		verb, _ := stringLit(l.fields["verb"])
		if name := strings.TrimSpace(group + " " + verb); name != "" {
			what = fmt.Sprintf("command %q", name)
		}
		e, ok := l.fields["operations"]
		if !ok {
			continue
		}
		ops, ok := stringList(e)
		if !ok {
			ls.gaps = append(ls.gaps, Gap{Layer: LayerCLI, Kind: Unreadable, Where: src.where(e.Pos()),
				Problem: fmt.Sprintf("the operations field of %s must be a []string literal of string literals", what)})
			continue
		}
		for _, op := range ops {
			ls.decls = append(ls.decls, decl{op: op, what: what, where: src.where(e.Pos())})
		}
	}
	return ls, nil
}

// roundTripScan is the round-trip layer: the steps' declarations and the
// client methods called in the test files ("Rooms.ListIter").
type roundTripScan struct {
	layerScan
	calls map[string]bool
}

// scanRoundTrip reads the op field of every step literal of the round-trip
// test files, and the calls of client methods through a Client field
// (anything.Rooms.List(...)).
func scanRoundTrip(root string, fields map[string]string) (*roundTripScan, error) {
	src, err := parseDir(root, RoundTripDir, true)
	if err != nil {
		return nil, err
	}
	rs := &roundTripScan{calls: map[string]bool{}}
	for _, l := range src.literals("step") {
		e, ok := l.fields["op"]
		if !ok {
			rs.gaps = append(rs.gaps, Gap{Layer: LayerRoundTrip, Kind: Unreadable, Where: src.where(l.pos),
				Problem: "a step without an op field: name the operationId it calls"})
			continue
		}
		op, ok := stringLit(e)
		if !ok {
			rs.gaps = append(rs.gaps, Gap{Layer: LayerRoundTrip, Kind: Unreadable, Where: src.where(e.Pos()),
				Problem: "the op field of a step must be a string literal"})
			continue
		}
		what := "a step"
		if name, ok := stringLit(l.fields["name"]); ok && name != "" {
			what = fmt.Sprintf("step %q", name)
		}
		rs.decls = append(rs.decls, decl{op: op, what: what, where: src.where(e.Pos())})
	}
	services := map[string]bool{}
	for _, field := range fields {
		services[field] = true
	}
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			method, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if svc, ok := method.X.(*ast.SelectorExpr); ok && services[svc.Sel.Name] {
				rs.calls[svc.Sel.Name+"."+method.Sel.Name] = true
			}
			return true
		})
	}
	return rs, nil
}
