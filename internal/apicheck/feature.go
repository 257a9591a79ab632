package apicheck

import (
	"fmt"
	"strings"
	"unicode"
)

// feature is one line of a listing taken apart, so that two versions of the
// same declaration can be paired and the compatibility rules can look at it.
type feature struct {
	line string
	// pkg is the package name: "rooms" in "pkg rooms, func F()".
	pkg string
	// decl is the line without "pkg NAME, ".
	decl string
	// scope is "type T struct" or "type T interface" (type parameters
	// included) for a member line such as "type T struct, X int", else "".
	scope string
	// member is what follows scope and ", " in a member line.
	member string
	// owner is the type a line belongs to: T for its kind, alias, member,
	// method and implements lines; "" for consts, vars and funcs.
	owner string
	// primary reports whether the line declares its owner ("type T struct",
	// "type T int", "type T = U"): the others fold into it when the whole
	// type is added or removed.
	primary bool
	// key stays the same when a declaration changes: a removed and an added
	// line with the same key are reported as one change.
	key string
}

// parseFeature takes a feature line apart. It fails on a line that does not
// have the shape List writes, which can only come from an edited baseline.
func parseFeature(line string) (feature, error) {
	f := feature{line: line}
	rest, ok := strings.CutPrefix(line, "pkg ")
	if !ok {
		return f, fmt.Errorf("feature %q does not start with \"pkg \"", line)
	}
	f.pkg, f.decl, ok = strings.Cut(rest, ", ")
	if !ok || f.pkg == "" {
		return f, fmt.Errorf("feature %q has no \"pkg NAME, \" prefix", line)
	}
	word, after, _ := strings.Cut(f.decl, " ")
	switch word {
	case "const":
		name := identPrefix(after)
		if strings.HasPrefix(after[len(name):], " = ") {
			f.key = "value " + name
		} else {
			f.key = "obj " + name
		}
	case "var", "func":
		f.key = "obj " + identPrefix(after)
	case "method":
		recv, tail, ok := strings.Cut(strings.TrimPrefix(after, "("), ") ")
		if !ok || !strings.HasPrefix(after, "(") {
			return f, fmt.Errorf("feature %q: method without (receiver)", line)
		}
		f.owner = recvBase(recv)
		f.key = "method " + f.owner + "." + identPrefix(tail)
	case "type":
		if err := f.parseType(after); err != nil {
			return f, fmt.Errorf("feature %q: %w", line, err)
		}
	default:
		return f, fmt.Errorf("feature %q: unknown declaration %q", line, word)
	}
	if f.key == "" || strings.HasSuffix(f.key, " ") || strings.HasSuffix(f.key, ".") {
		return f, fmt.Errorf("feature %q: no name", line)
	}
	return f, nil
}

// parseType takes apart what follows "type " in a line.
func (f *feature) parseType(after string) error {
	name, tparams, tail, err := typeHeader(after)
	if err != nil {
		return err
	}
	f.owner = strings.TrimPrefix(name, "*")
	for _, kind := range []string{"struct", "interface"} {
		if member, ok := strings.CutPrefix(tail, " "+kind+", "); ok {
			f.scope = "type " + name + tparams + " " + kind
			f.member = member
			f.key = "member " + name + "|" + memberKey(kind, member)
			return nil
		}
	}
	switch {
	case strings.HasPrefix(tail, " = "):
		f.key = "alias " + name
		f.primary = true
	case strings.HasPrefix(tail, " implements "):
		f.key = "line " + f.line
	default:
		f.key = "obj " + name
		f.primary = true
	}
	return nil
}

// typeHeader splits "T[$0 any] struct, X $0" into the name "T", the type
// parameters "[$0 any]" and the rest " struct, X $0".
func typeHeader(s string) (name, tparams, tail string, err error) {
	end := strings.IndexAny(s, " [")
	if end < 0 {
		return s, "", "", nil
	}
	name, tail = s[:end], s[end:]
	if !strings.HasPrefix(tail, "[") {
		return name, "", tail, nil
	}
	depth := 0
	for i, r := range tail {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return name, tail[:i+1], tail[i+1:], nil
			}
		}
	}
	return "", "", "", fmt.Errorf("unbalanced type parameters in %q", s)
}

// memberKey returns what identifies a member of a struct or an interface
// across versions: its name, or the name of an embedded field's type. The
// markers are keys of their own; an interface's type-set elements share one.
func memberKey(kind, member string) string {
	switch {
	case kind == "interface" && strings.HasPrefix(member, "embedded "):
		// All elements share a key: one replaced by another is one change.
		return "embedded"
	case strings.HasPrefix(member, "embedded "), strings.HasPrefix(member, "promoted embedded "):
		prefix, typ, _ := strings.Cut(member, "embedded ")
		return prefix + "embedded " + baseTypeName(typ)
	case strings.HasPrefix(member, "promoted "):
		return "promoted " + identPrefix(strings.TrimPrefix(member, "promoted "))
	case member == "comparable", member == "unexported methods":
		return member
	}
	return identPrefix(member)
}

// baseTypeName returns the bare name of a named type as printed:
// "*gen.Room" and "Page[$0]" give "Room" and "Page".
func baseTypeName(t string) string {
	t = strings.TrimPrefix(t, "*")
	if i := strings.IndexByte(t, '['); i >= 0 {
		t = t[:i]
	}
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// recvBase returns the type name of a method's receiver: "*T[$0]" gives "T".
func recvBase(recv string) string {
	return baseTypeName(recv)
}

// identPrefix returns the Go identifier s starts with.
func identPrefix(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			return s[:i]
		}
	}
	return s
}
