package apicheck

import (
	"fmt"
	"go/constant"
	"go/types"
	"maps"
	"slices"
)

// List returns the exported API of pkg: one feature per line, sorted, each
// starting with "pkg NAME, ". See the package documentation for the lines.
func List(pkg *types.Package) []string {
	l := &lister{
		pkg:      pkg,
		features: make(map[string]bool),
		listed:   make(map[*types.TypeName]bool),
	}
	l.w = typeWriter{pkg: pkg, reached: l.reach}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if obj := scope.Lookup(name); obj.Exported() {
			l.object(obj)
		}
	}
	for len(l.queue) > 0 {
		tn := l.queue[0]
		l.queue = l.queue[1:]
		if named, ok := tn.Type().(*types.Named); ok {
			l.typeBody(tn.Name(), named)
		}
	}
	l.implementations()
	return slices.Sorted(maps.Keys(l.features))
}

// lister collects the features of one package.
type lister struct {
	pkg      *types.Package
	w        typeWriter
	features map[string]bool
	// listed holds the types of pkg whose features are listed (or queued to
	// be), so that each is listed once.
	listed map[*types.TypeName]bool
	// queue holds unexported types of pkg that the API reaches and whose
	// features are still to be listed.
	queue []*types.TypeName
	// types are the listed types a sealed interface may be implemented by.
	types []listedType
	// sealed are the listed interfaces with unexported methods.
	sealed []listedType
}

// listedType is a type under the name it is listed with.
type listedType struct {
	name string
	typ  types.Type
}

func (l *lister) emit(format string, args ...any) {
	l.features["pkg "+l.pkg.Name()+", "+fmt.Sprintf(format, args...)] = true
}

// reach queues an unexported type of the package that a feature mentions:
// users get values of it, so its exported fields and methods are API too.
func (l *lister) reach(tn *types.TypeName) {
	if l.listed[tn] || tn.IsAlias() || tn.Parent() != l.pkg.Scope() {
		return
	}
	l.listed[tn] = true
	l.queue = append(l.queue, tn)
}

func (l *lister) object(obj types.Object) {
	name := obj.Name()
	switch obj := obj.(type) {
	case *types.Const:
		l.emit("const %s %s", name, l.w.typeString(obj.Type()))
		l.emit("const %s = %s", name, constValue(obj.Val()))
	case *types.Var:
		l.emit("var %s %s", name, l.w.typeString(obj.Type()))
	case *types.Func:
		l.emit("func %s%s", name, l.w.signatureString(obj.Signature()))
	case *types.TypeName:
		if obj.IsAlias() {
			l.alias(obj)
			return
		}
		named := obj.Type().(*types.Named)
		l.listed[obj] = true
		l.typeBody(name, named)
		if named.TypeParams().Len() == 0 {
			l.types = append(l.types, listedType{name, named})
		}
	}
}

// constValue prints a constant's value as Go's api files do: exactly, and
// for a number whose short form rounds, the short form, then the exact one
// in a comment ("3.3  // 33/10").
func constValue(v constant.Value) string {
	exact := v.ExactString()
	if v.Kind() == constant.String {
		return exact
	}
	if short := v.String(); short != exact {
		return short + "  // " + exact
	}
	return exact
}

// alias lists type A = T. When T is a type whose features are not listed
// under its own name (a type of another package, such as the generated
// models that wrapper/rooms re-exports, an unexported type, or an unnamed
// struct or interface), they are listed under A: they are what users of A
// get, and a change to T changes A.
func (l *lister) alias(obj *types.TypeName) {
	name := obj.Name()
	var tparams *types.TypeParamList
	if a, ok := obj.Type().(*types.Alias); ok {
		tparams = a.TypeParams()
	}
	target := types.Unalias(obj.Type())
	expand := true
	switch t := target.(type) {
	case *types.Named:
		if t.Obj().Pkg() == l.pkg {
			// Listed under its own name when exported, here otherwise.
			expand = !t.Obj().Exported() || t.Obj().Parent() != l.pkg.Scope()
			l.listed[t.Obj()] = l.listed[t.Obj()] || expand
		}
	case *types.Struct, *types.Interface:
	default:
		expand = false
	}
	l.emit("type %s%s = %s", name, l.w.typeParamsString(tparams, true), l.w.typeString(target))
	if !expand {
		return
	}
	l.typeBodyParams(name, tparams, target)
	if tparams.Len() == 0 {
		l.types = append(l.types, listedType{name, target})
	}
}

// typeBody lists a defined type under name: its kind or underlying type,
// its fields or interface methods, and its method set.
func (l *lister) typeBody(name string, named *types.Named) {
	l.typeBodyParams(name, named.TypeParams(), named)
}

func (l *lister) typeBodyParams(name string, tparams *types.TypeParamList, t types.Type) {
	header := "type " + name + l.w.typeParamsString(tparams, true)
	switch u := t.Underlying().(type) {
	case *types.Struct:
		l.emit("%s struct", header)
		l.structMembers(header+" struct", t, u)
		if types.Comparable(t) {
			l.emit("%s struct, comparable", header)
		}
	case *types.Interface:
		l.emit("%s interface", header)
		if l.interfaceMembers(header+" interface", u) && tparams.Len() == 0 {
			l.sealed = append(l.sealed, listedType{name, u})
		}
		return // an interface's methods are its members
	default:
		l.emit("%s %s", header, l.w.typeString(u))
	}
	l.methods(name+l.w.typeParamsString(tparams, false), t)
}

// structMembers lists the exported fields of a struct: those declared in it
// (the keys of a keyed literal), then those promoted from embedded structs
// that a selector reaches.
func (l *lister) structMembers(scope string, t types.Type, s *types.Struct) {
	for f := range s.Fields() {
		switch {
		case !f.Exported():
		case f.Embedded():
			l.emit("%s, embedded %s", scope, l.w.typeString(f.Type()))
		default:
			l.emit("%s, %s %s", scope, f.Name(), l.w.typeString(f.Type()))
		}
	}
	for _, f := range promotedFields(l.pkg, t, s) {
		if f.Embedded() {
			l.emit("%s, promoted embedded %s", scope, l.w.typeString(f.Type()))
		} else {
			l.emit("%s, promoted %s %s", scope, f.Name(), l.w.typeString(f.Type()))
		}
	}
}

// interfaceMembers lists the exported methods of an interface, the marker
// "unexported methods" when it has others (then only this package can
// implement it, so methods may be added), and its type-set elements. It
// reports whether the interface has unexported methods.
func (l *lister) interfaceMembers(scope string, iface *types.Interface) (sealed bool) {
	mset := types.NewMethodSet(iface)
	for i := range mset.Len() {
		m := mset.At(i).Obj().(*types.Func)
		if !m.Exported() {
			sealed = true
			continue
		}
		l.emit("%s, %s%s", scope, m.Name(), l.w.signatureString(m.Signature()))
	}
	if sealed {
		l.emit("%s, unexported methods", scope)
	}
	for _, e := range l.w.interfaceElements(iface) {
		l.emit("%s, embedded %s", scope, e)
	}
	return sealed
}

// methods lists the exported method set of t, promoted methods included:
// method (T) M for the methods of T, method (*T) M for those only *T has.
func (l *lister) methods(recv string, t types.Type) {
	onValue := make(map[string]bool)
	vset := types.NewMethodSet(t)
	for i := range vset.Len() {
		m := vset.At(i)
		if m.Obj().Exported() {
			onValue[m.Obj().Name()] = true
			l.emit("method (%s) %s%s", recv, m.Obj().Name(), l.w.signatureString(m.Type().(*types.Signature)))
		}
	}
	pset := types.NewMethodSet(types.NewPointer(t))
	for i := range pset.Len() {
		m := pset.At(i)
		if m.Obj().Exported() && !onValue[m.Obj().Name()] {
			l.emit("method (*%s) %s%s", recv, m.Obj().Name(), l.w.signatureString(m.Type().(*types.Signature)))
		}
	}
}

// implementations lists, for each interface of the package with unexported
// methods, the listed types that implement it. Such an interface may gain
// methods compatibly, and then a type of the package may stop implementing
// it, which breaks the users who assign one to the other.
func (l *lister) implementations() {
	for _, iface := range l.sealed {
		it := iface.typ.(*types.Interface)
		for _, t := range l.types {
			switch {
			case t.name == iface.name:
			case types.Implements(t.typ, it):
				l.emit("type %s implements %s", t.name, iface.name)
			case types.Implements(types.NewPointer(t.typ), it):
				l.emit("type *%s implements %s", t.name, iface.name)
			}
		}
	}
}

// promotedFields returns the exported fields of struct type t (with
// underlying s) that are declared in embedded structs and that a selector
// x.Name reaches by Go's rules (the shallowest, unambiguous, not shadowed by
// a method), sorted by name.
func promotedFields(pkg *types.Package, t types.Type, s *types.Struct) []*types.Var {
	names := make(map[string]bool)
	seen := []*types.Struct{s}
	for level := embeddedStructs(s, &seen); len(level) > 0; {
		var next []*types.Struct
		for _, e := range level {
			for f := range e.Fields() {
				if f.Exported() {
					names[f.Name()] = true
				}
			}
			next = append(next, embeddedStructs(e, &seen)...)
		}
		level = next
	}
	var out []*types.Var
	for _, name := range slices.Sorted(maps.Keys(names)) {
		obj, index, _ := types.LookupFieldOrMethod(t, true, pkg, name)
		if f, ok := obj.(*types.Var); ok && len(index) > 1 {
			out = append(out, f)
		}
	}
	return out
}

// embeddedStructs returns the structs that s embeds, directly or through a
// pointer, that are not in seen, and adds them to seen.
func embeddedStructs(s *types.Struct, seen *[]*types.Struct) []*types.Struct {
	var out []*types.Struct
	for f := range s.Fields() {
		if !f.Embedded() {
			continue
		}
		t := f.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		e, ok := t.Underlying().(*types.Struct)
		if !ok || slices.ContainsFunc(*seen, func(x *types.Struct) bool { return types.Identical(x, e) }) {
			continue
		}
		*seen = append(*seen, e)
		out = append(out, e)
	}
	return out
}
