package apicheck

import (
	"fmt"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// typeWriter prints types the way the features of a listing spell them: as
// Go's api/*.txt files do (types of the listed package unqualified, those of
// other packages qualified by package name, byte and rune as uint8 and int32,
// untyped constants as ideal-int and so on, type parameters as $0, $1, ...
// because their names may change), but with the whole of an unnamed struct
// or interface type, so that a change inside one shows. Aliases are printed
// as the type they denote: both spellings are the same type to a user.
//
// It records the unexported named types of the listed package that it prints,
// because their exported fields and methods are reachable by users too.
type typeWriter struct {
	pkg *types.Package
	// reached collects the unexported named types of pkg that were printed.
	reached func(*types.TypeName)
}

func (w *typeWriter) typeString(t types.Type) string {
	var b strings.Builder
	w.writeType(&b, t)
	return b.String()
}

func (w *typeWriter) signatureString(sig *types.Signature) string {
	var b strings.Builder
	w.writeSignature(&b, sig)
	return b.String()
}

func (w *typeWriter) writeType(b *strings.Builder, t types.Type) {
	switch t := t.(type) {
	case *types.Basic:
		b.WriteString(basicName(t))
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		w.writeType(b, t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		w.writeType(b, t.Elem())
	case *types.Pointer:
		b.WriteByte('*')
		w.writeType(b, t.Elem())
	case *types.Map:
		b.WriteString("map[")
		w.writeType(b, t.Key())
		b.WriteByte(']')
		w.writeType(b, t.Elem())
	case *types.Chan:
		w.writeChan(b, t)
	case *types.Signature:
		b.WriteString("func")
		w.writeSignature(b, t)
	case *types.Struct:
		w.writeStruct(b, t)
	case *types.Interface:
		w.writeInterface(b, t)
	case *types.Union:
		b.WriteString(w.unionString(t))
	case *types.Alias:
		w.writeType(b, types.Unalias(t))
	case *types.Named:
		w.writeNamed(b, t)
	case *types.TypeParam:
		fmt.Fprintf(b, "$%d", t.Index())
	case *types.Tuple:
		w.writeTuple(b, t, false)
	default:
		// Every type go/types makes is handled above; a new kind is printed
		// in go/types' own syntax rather than dropped.
		b.WriteString(types.TypeString(t, types.RelativeTo(w.pkg)))
	}
}

// basicName returns the name of a basic type, with the byte and rune aliases
// resolved and untyped kinds named as Go's api files name them.
func basicName(t *types.Basic) string {
	switch t.Kind() {
	case types.UnsafePointer:
		return "unsafe.Pointer"
	case types.UntypedBool:
		return "ideal-bool"
	case types.UntypedInt:
		return "ideal-int"
	case types.UntypedRune:
		return "ideal-char"
	case types.UntypedFloat:
		return "ideal-float"
	case types.UntypedComplex:
		return "ideal-complex"
	case types.UntypedString:
		return "ideal-string"
	case types.UntypedNil:
		return "nil"
	case types.Uint8:
		return "uint8"
	case types.Int32:
		return "int32"
	}
	return t.Name()
}

func (w *typeWriter) writeChan(b *strings.Builder, t *types.Chan) {
	switch t.Dir() {
	case types.SendOnly:
		b.WriteString("chan<- ")
	case types.RecvOnly:
		b.WriteString("<-chan ")
	default:
		b.WriteString("chan ")
	}
	// chan (<-chan T) needs its parentheses: chan <-chan T is another type.
	if elem, ok := types.Unalias(t.Elem()).(*types.Chan); ok && t.Dir() == types.SendRecv && elem.Dir() == types.RecvOnly {
		b.WriteByte('(')
		w.writeType(b, elem)
		b.WriteByte(')')
		return
	}
	w.writeType(b, t.Elem())
}

func (w *typeWriter) writeNamed(b *strings.Builder, t *types.Named) {
	obj := t.Obj()
	if pkg := obj.Pkg(); pkg != nil && pkg != w.pkg {
		b.WriteString(pkg.Name())
		b.WriteByte('.')
	}
	if obj.Pkg() == w.pkg && !obj.Exported() && w.reached != nil {
		w.reached(obj)
	}
	b.WriteString(obj.Name())
	if args := t.TypeArgs(); args.Len() > 0 {
		b.WriteByte('[')
		for i := range args.Len() {
			if i > 0 {
				b.WriteString(", ")
			}
			w.writeType(b, args.At(i))
		}
		b.WriteByte(']')
	}
}

// writeStruct prints an unnamed struct type whole, unexported fields and
// tags included: they are all part of its identity.
func (w *typeWriter) writeStruct(b *strings.Builder, t *types.Struct) {
	b.WriteString("struct{")
	for i := range t.NumFields() {
		if i > 0 {
			b.WriteString("; ")
		}
		f := t.Field(i)
		if !f.Anonymous() {
			b.WriteString(f.Name())
			b.WriteByte(' ')
		}
		w.writeType(b, f.Type())
		if tag := t.Tag(i); tag != "" {
			b.WriteByte(' ')
			b.WriteString(strconv.Quote(tag))
		}
	}
	b.WriteByte('}')
}

// writeInterface prints an unnamed interface type whole: its methods,
// unexported ones included, sorted by name, then its type-set elements. The
// empty interface is "any"; the implicit interface of a constraint such as
// [T ~int | ~string] is its union alone.
func (w *typeWriter) writeInterface(b *strings.Builder, t *types.Interface) {
	elems := w.interfaceElements(t)
	if t.IsImplicit() && t.NumMethods() == 0 && len(elems) == 1 {
		b.WriteString(elems[0])
		return
	}
	var parts []string
	mset := types.NewMethodSet(t)
	for i := range mset.Len() {
		m := mset.At(i).Obj().(*types.Func)
		parts = append(parts, m.Name()+w.signatureString(m.Signature()))
	}
	parts = append(parts, elems...)
	if len(parts) == 0 {
		b.WriteString("any")
		return
	}
	b.WriteString("interface{" + strings.Join(parts, "; ") + "}")
}

// interfaceElements returns the type-set elements that t embeds, besides
// methods: unions and single type terms, "comparable", and those of the
// interfaces it embeds, sorted and without duplicates.
func (w *typeWriter) interfaceElements(t *types.Interface) []string {
	var elems []string
	for i := range t.NumEmbeddeds() {
		elems = append(elems, w.elements(t.EmbeddedType(i))...)
	}
	slices.Sort(elems)
	return slices.Compact(elems)
}

func (w *typeWriter) elements(t types.Type) []string {
	switch t := t.(type) {
	case *types.Alias:
		return w.elements(types.Unalias(t))
	case *types.Named:
		if t.Obj().Pkg() == nil && t.Obj().Name() == "comparable" {
			return []string{"comparable"}
		}
		if iface, ok := t.Underlying().(*types.Interface); ok {
			// Its methods are in the method set; its elements are ours.
			return w.interfaceElements(iface)
		}
	case *types.Interface:
		return w.interfaceElements(t)
	case *types.Union:
		return []string{w.unionString(t)}
	}
	return []string{w.typeString(t)}
}

// unionString prints the terms of a union sorted, so that reordering them,
// which does not change the type set, does not change the feature.
func (w *typeWriter) unionString(u *types.Union) string {
	terms := make([]string, u.Len())
	for i := range u.Len() {
		term := u.Term(i)
		s := w.typeString(term.Type())
		if term.Tilde() {
			s = "~" + s
		}
		terms[i] = s
	}
	slices.Sort(terms)
	return strings.Join(terms, " | ")
}

func (w *typeWriter) writeSignature(b *strings.Builder, sig *types.Signature) {
	if tparams := sig.TypeParams(); tparams.Len() > 0 {
		w.writeTypeParams(b, tparams, true)
	}
	w.writeTuple(b, sig.Params(), sig.Variadic())
	switch res := sig.Results(); res.Len() {
	case 0:
	case 1:
		b.WriteByte(' ')
		w.writeType(b, res.At(0).Type())
	default:
		b.WriteByte(' ')
		w.writeTuple(b, res, false)
	}
}

// writeTuple prints parameter or result types without their names, which
// callers never depend on.
func (w *typeWriter) writeTuple(b *strings.Builder, t *types.Tuple, variadic bool) {
	b.WriteByte('(')
	for i := range t.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		typ := t.At(i).Type()
		if variadic && i == t.Len()-1 {
			if s, ok := typ.(*types.Slice); ok {
				b.WriteString("...")
				typ = s.Elem()
			}
		}
		w.writeType(b, typ)
	}
	b.WriteByte(')')
}

// writeTypeParams prints [$0 C0, $1 C1] with the constraints, or [$0, $1]
// without them (for a method's receiver).
func (w *typeWriter) writeTypeParams(b *strings.Builder, tparams *types.TypeParamList, constraints bool) {
	b.WriteByte('[')
	for i := range tparams.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		tp := tparams.At(i)
		w.writeType(b, tp)
		if constraints {
			b.WriteByte(' ')
			w.writeType(b, tp.Constraint())
		}
	}
	b.WriteByte(']')
}

func (w *typeWriter) typeParamsString(tparams *types.TypeParamList, constraints bool) string {
	if tparams.Len() == 0 {
		return ""
	}
	var b strings.Builder
	w.writeTypeParams(&b, tparams, constraints)
	return b.String()
}
