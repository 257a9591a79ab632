package apicheck

import "strings"

// excuse reports whether the removal of feature r from the baseline leaves
// every program that compiled against the baseline compiling, because a
// feature of the current API provides what r did, and says why. These are
// the changes that Go's compatibility rules and apidiff accept although a
// line disappears; every other removal is incompatible.
func (c *comparison) excuse(r feature) (reason string, ok bool) {
	prefix := "pkg " + r.pkg + ", "
	has := func(decl string) bool { return c.current[prefix+decl] }
	switch {
	case strings.HasPrefix(r.decl, "method (*"):
		// method (*T) M moved to the value receiver: *T's method set
		// includes T's, so it still has M, and T gained it.
		recv, rest, _ := strings.Cut(strings.TrimPrefix(r.decl, "method (*"), ") ")
		if has("method (" + recv + ") " + rest) {
			return "*" + recv + " still has the method, and " + recv + " has it now", true
		}
	case r.scope != "" && strings.HasPrefix(r.member, "promoted "):
		// A promoted field now declared in the struct itself: selectors
		// still reach it, and it became a key of keyed literals too.
		if has(r.scope + ", " + strings.TrimPrefix(r.member, "promoted ")) {
			return "now declared in the struct itself, so selectors still reach it", true
		}
	case r.scope != "" && r.member == "unexported methods":
		return "users may now implement the interface too", true
	case strings.HasPrefix(r.decl, "func "):
		// func F(...) became var F func(...): calls still compile.
		name := identPrefix(strings.TrimPrefix(r.decl, "func "))
		if has("var " + name + " func" + strings.TrimPrefix(r.decl, "func "+name)) {
			return "a var of the same func type, so calls still compile", true
		}
	case strings.HasPrefix(r.decl, "type *") && strings.Contains(r.decl, " implements "):
		// *T implements I, and now T does too, which implies it.
		if has("type " + strings.TrimPrefix(r.decl, "type *")) {
			return "the value type implements it now, and so does the pointer", true
		}
	case r.primary && strings.HasPrefix(r.key, "obj "):
		return c.underlyingExcuse(r)
	}
	return "", false
}

// underlyingExcuse accepts the two changes of a defined type's underlying
// type that apidiff calls compatible: a wider numeric type of the same kind
// (every value and operation of the old one still works) and a channel that
// lost its direction.
func (c *comparison) underlyingExcuse(r feature) (string, bool) {
	name, tparams, tail, err := typeHeader(strings.TrimPrefix(r.decl, "type "))
	if err != nil || !strings.HasPrefix(tail, " ") {
		return "", false
	}
	old := tail[1:]
	header := "pkg " + r.pkg + ", type " + name + tparams + " "
	for _, wider := range widerBasics(old) {
		if c.current[header+wider] {
			return "widened from " + old + " to " + wider, true
		}
	}
	for _, dir := range []string{"<-chan ", "chan<- "} {
		if elem, ok := strings.CutPrefix(old, dir); ok && c.current[header+"chan "+elem] {
			return "the channel lost its direction only", true
		}
	}
	return "", false
}

// widerBasics returns the basic types that can replace t compatibly, as
// apidiff lists them.
func widerBasics(t string) []string {
	switch t {
	case "uint8":
		return []string{"uint16", "uint32", "uint", "uint64"}
	case "uint16":
		return []string{"uint32", "uint", "uint64"}
	case "uint32":
		return []string{"uint", "uint64"}
	case "uint":
		return []string{"uint64"}
	case "int8":
		return []string{"int16", "int32", "int", "int64"}
	case "int16":
		return []string{"int32", "int", "int64"}
	case "int32":
		return []string{"int", "int64"}
	case "int":
		return []string{"int64"}
	case "float32":
		return []string{"float64"}
	case "complex64":
		return []string{"complex128"}
	}
	return nil
}

// removedReason explains the removals whose line does not say what breaks.
func removedReason(r feature) string {
	switch {
	case r.member == "comparable":
		return "values of " + r.owner + " can no longer be compared with == or be map keys"
	case strings.HasPrefix(r.decl, "type ") && strings.Contains(r.decl, " implements "):
		return "assigning one to the interface no longer compiles"
	}
	return ""
}

// addedBreaks reports whether adding feature a breaks programs that compiled
// against the baseline, and why. Additions are compatible, except to an
// interface that existed in the baseline: a method or an unexported method
// (when users could implement the interface: it had no unexported methods),
// or a type-set element (it narrows the types that satisfy the interface).
func (c *comparison) addedBreaks(a feature) (reason string, breaks bool) {
	if !strings.HasSuffix(a.scope, " interface") || !c.base["pkg "+a.pkg+", "+a.scope] {
		return "", false
	}
	sealed := c.base["pkg "+a.pkg+", "+a.scope+", unexported methods"]
	name := a.owner
	switch {
	case a.member == "unexported methods":
		return "types outside the package no longer implement " + name, true
	case strings.HasPrefix(a.member, "embedded "):
		return "narrows the set of types that satisfy " + name, true
	case !sealed:
		return "a type outside the package that implements " + name + " lacks it", true
	}
	return "", false
}
