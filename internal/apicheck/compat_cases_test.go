package apicheck

// compatCase is one change to a package and every change the check must
// report for it, as Change.Line prints them, in report order. The sources
// are package lib without its package clause; other, when set, is package
// other beside it, which lib imports as "$OTHER".
type compatCase struct {
	name               string
	old, new           string
	oldOther, newOther string
	want               []string
}

// compatCases are the rules of the check, one change at a time. They were
// also run through golang.org/x/exp/apidiff (out of tree: it is not a
// requirement of this module), which gives the same verdict on each but
// where a name says otherwise.
func compatCases() []compatCase {
	return []compatCase{
		{
			name: "removing a func is incompatible",
			old:  "func F() {}\nfunc G() {}",
			new:  "func G() {}",
			want: []string{"incompatible: removed: pkg lib, func F()"},
		},
		{
			name: "adding a func is compatible",
			old:  "func G() {}",
			new:  "func F(int) error { return nil }\nfunc G() {}",
			want: []string{"compatible: added: pkg lib, func F(int) error"},
		},
		{
			name: "changing a signature is incompatible",
			old:  "func F(int) {}",
			new:  "func F(int, ...string) {}",
			want: []string{"incompatible: changed: pkg lib, func F(int) -> func F(int, ...string)"},
		},
		{
			name: "renaming parameters and results changes nothing",
			old:  "func F(a int) (n int) { return a }",
			new:  "func F(b int) (m int) { return b }",
		},
		{
			name: "adding a field to a struct is compatible",
			old:  "type T struct{ A int }",
			new:  "type T struct{ A int; B string }",
			want: []string{"compatible: added: pkg lib, type T struct, B string"},
		},
		{
			name: "removing a field is incompatible",
			old:  "type T struct{ A int; B string }",
			new:  "type T struct{ A int }",
			want: []string{"incompatible: removed: pkg lib, type T struct, B string"},
		},
		{
			name: "changing a field's type is incompatible",
			old:  "type T struct{ A int }",
			new:  "type T struct{ A int64 }",
			want: []string{"incompatible: changed: pkg lib, type T struct, A int -> type T struct, A int64"},
		},
		{
			name: "a struct that is no longer comparable is incompatible",
			old:  "type T struct{ A int }",
			new:  "type T struct{ A int; b []int }",
			want: []string{"incompatible: removed: pkg lib, type T struct, comparable (values of T can no longer be compared with == or be map keys)"},
		},
		{
			name: "adding a method to an interface users can implement is incompatible",
			old:  "type I interface{ M() }",
			new:  "type I interface{ M(); N() }",
			want: []string{"incompatible: added: pkg lib, type I interface, N() (a type outside the package that implements I lacks it)"},
		},
		{
			name: "adding a method to an interface only the package can implement is compatible",
			old:  "type I interface{ M(); m() }",
			new:  "type I interface{ M(); N(); m() }",
			want: []string{"compatible: added: pkg lib, type I interface, N()"},
		},
		{
			name: "adding an unexported method to an interface is incompatible",
			old:  "type I interface{ M() }",
			new:  "type I interface{ M(); m() }",
			want: []string{"incompatible: added: pkg lib, type I interface, unexported methods (types outside the package no longer implement I)"},
		},
		{
			name: "removing the unexported methods of an interface is compatible",
			old:  "type I interface{ M(); m() }",
			new:  "type I interface{ M() }",
			want: []string{"compatible: removed: pkg lib, type I interface, unexported methods (users may now implement the interface too)"},
		},
		{
			name: "removing a method from an interface is incompatible",
			old:  "type I interface{ M(); N() }",
			new:  "type I interface{ M() }",
			want: []string{"incompatible: removed: pkg lib, type I interface, N()"},
		},
		{
			name: "changing an interface method is incompatible",
			old:  "type I interface{ M() }",
			new:  "type I interface{ M() error }",
			want: []string{"incompatible: changed: pkg lib, type I interface, M() -> type I interface, M() error"},
		},
		{
			name: "removing a method is incompatible",
			old:  "type T struct{}\nfunc (T) M() {}\nfunc (T) N() {}",
			new:  "type T struct{}\nfunc (T) M() {}",
			want: []string{"incompatible: removed: pkg lib, method (T) N()"},
		},
		{
			name: "adding a method to a struct is compatible",
			old:  "type T struct{}",
			new:  "type T struct{}\nfunc (*T) M() {}",
			want: []string{"compatible: added: pkg lib, method (*T) M()"},
		},
		{
			name: "moving a method to the value receiver is compatible",
			old:  "type T struct{}\nfunc (*T) M() {}",
			new:  "type T struct{}\nfunc (T) M() {}",
			want: []string{"compatible: changed: pkg lib, method (*T) M() -> method (T) M() (*T still has the method, and T has it now)"},
		},
		{
			name: "moving a method to the pointer receiver is incompatible",
			old:  "type T struct{}\nfunc (T) M() {}",
			new:  "type T struct{}\nfunc (*T) M() {}",
			want: []string{"incompatible: changed: pkg lib, method (T) M() -> method (*T) M()"},
		},
		{
			name: "changing a constant's value is incompatible",
			old:  "const C = 1",
			new:  "const C = 2",
			want: []string{"incompatible: changed: pkg lib, const C = 1 -> const C = 2"},
		},
		{
			name: "giving an untyped constant a type is incompatible",
			old:  "const C = 1",
			new:  "const C int = 1",
			want: []string{"incompatible: changed: pkg lib, const C ideal-int -> const C int"},
		},
		{
			name: "changing a var's type is incompatible",
			old:  "var V int",
			new:  "var V int64",
			want: []string{"incompatible: changed: pkg lib, var V int -> var V int64"},
		},
		{
			name: "a func that becomes a var of its type is compatible",
			old:  "func F(int) error { return nil }",
			new:  "var F = func(int) error { return nil }",
			want: []string{"compatible: changed: pkg lib, func F(int) error -> var F func(int) error (a var of the same func type, so calls still compile)"},
		},
		{
			name: "widening a defined numeric type is compatible",
			old:  "type N int32",
			new:  "type N int64",
			want: []string{"compatible: changed: pkg lib, type N int32 -> type N int64 (widened from int32 to int64)"},
		},
		{
			name: "narrowing a defined numeric type is incompatible",
			old:  "type N int64",
			new:  "type N int32",
			want: []string{"incompatible: changed: pkg lib, type N int64 -> type N int32"},
		},
		{
			name: "a channel type that loses its direction is compatible",
			old:  "type C <-chan int",
			new:  "type C chan int",
			want: []string{"compatible: changed: pkg lib, type C <-chan int -> type C chan int (the channel lost its direction only)"},
		},
		{
			name: "removing a field that an embedding struct promotes is incompatible twice",
			old:  "type Inner struct{ X int }\ntype T struct{ Inner }",
			new:  "type Inner struct{}\ntype T struct{ Inner }",
			want: []string{
				"incompatible: removed: pkg lib, type Inner struct, X int",
				"incompatible: removed: pkg lib, type T struct, promoted X int",
			},
		},
		{
			name: "declaring a promoted field in the struct itself is compatible",
			old:  "type inner struct{ X int }\ntype T struct{ inner }",
			new:  "type inner struct{}\ntype T struct{\n\tinner\n\tX int\n}",
			want: []string{
				"compatible: added: pkg lib, type T struct, X int",
				"compatible: removed: pkg lib, type T struct, promoted X int (now declared in the struct itself, so selectors still reach it)",
			},
		},
		{
			name: "moving a field into an embedded struct is incompatible: keyed literals lose it",
			old:  "type inner struct{}\ntype T struct{\n\tinner\n\tX int\n}",
			new:  "type inner struct{ X int }\ntype T struct{ inner }",
			want: []string{
				"incompatible: removed: pkg lib, type T struct, X int",
				"compatible: added: pkg lib, type T struct, promoted X int",
			},
		},
		{
			name: "embedding by value instead of by pointer is incompatible",
			old:  "type E struct{}\ntype T struct{ *E }",
			new:  "type E struct{}\ntype T struct{ E }",
			want: []string{"incompatible: changed: pkg lib, type T struct, embedded *E -> type T struct, embedded E"},
		},
		{
			name: "changing a type parameter's constraint is incompatible",
			old:  "func F[T any](T) {}",
			new:  "func F[T comparable](T) {}",
			want: []string{"incompatible: changed: pkg lib, func F[$0 any]($0) -> func F[$0 comparable]($0)"},
		},
		{
			name: "renaming a type parameter changes nothing",
			old:  "func F[T any](T) {}\ntype P[T any] struct{ V T }",
			new:  "func F[U any](U) {}\ntype P[E any] struct{ V E }",
		},
		{
			name: "changing a generic method's result is incompatible",
			old:  "type P[T any] struct{}\nfunc (*P[T]) M() T { var v T; return v }",
			new:  "type P[T any] struct{}\nfunc (*P[T]) M() *T { return nil }",
			want: []string{"incompatible: changed: pkg lib, method (*P[$0]) M() $0 -> method (*P[$0]) M() *$0"},
		},
		{
			name: "narrowing a constraint's type set is incompatible (apidiff compares no type sets)",
			old:  "type Number interface{ ~int | ~float64 }",
			new:  "type Number interface{ ~int }",
			want: []string{"incompatible: changed: pkg lib, type Number interface, embedded ~float64 | ~int -> type Number interface, embedded ~int"},
		},
		{
			name: "reordering a union changes nothing",
			old:  "type Number interface{ ~int | ~float64 }",
			new:  "type Number interface{ ~float64 | ~int }",
		},
		{
			name: "removing a type is one incompatible change",
			old:  "type T struct{ A int }\nfunc (T) M() {}\nfunc G() {}",
			new:  "func G() {}",
			want: []string{"incompatible: removed: pkg lib, type T struct (with its 3 other features)"},
		},
		{
			name: "adding a type is one compatible change",
			old:  "func G() {}",
			new:  "type I interface{ M() }\nfunc G() {}",
			want: []string{"compatible: added: pkg lib, type I interface (with its 1 other feature)"},
		},
		{
			name: "a type that stops implementing an interface only the package implements is incompatible",
			old:  "type I interface{ M(); m() }\ntype T struct{}\nfunc (T) M() {}\nfunc (T) m() {}",
			new:  "type I interface{ M(); N(); m() }\ntype T struct{}\nfunc (T) M() {}\nfunc (T) m() {}",
			want: []string{
				"incompatible: removed: pkg lib, type T implements I (assigning one to the interface no longer compiles)",
				"compatible: added: pkg lib, type I interface, N()",
			},
		},
		{
			name:     "a field added to a type that another package declares and this one re-exports is compatible (apidiff does not look into the other package)",
			old:      "import \"$OTHER\"\n\ntype Model = other.Model",
			new:      "import \"$OTHER\"\n\ntype Model = other.Model",
			oldOther: "type Model struct{ ID string }",
			newOther: "type Model struct{ ID string; Name string }",
			want:     []string{"compatible: added: pkg lib, type Model struct, Name string"},
		},
		{
			name:     "a field renamed in a re-exported type is incompatible (apidiff does not look into the other package)",
			old:      "import \"$OTHER\"\n\ntype Model = other.Model",
			new:      "import \"$OTHER\"\n\ntype Model = other.Model",
			oldOther: "type Model struct{ Id string }",
			newOther: "type Model struct{ ID string }",
			want: []string{
				"incompatible: removed: pkg lib, type Model struct, Id string",
				"compatible: added: pkg lib, type Model struct, ID string",
			},
		},
		{
			name: "a field removed from an unexported type that the API returns is incompatible",
			old:  "type result struct{ N int }\nfunc F() result { return result{} }",
			new:  "type result struct{}\nfunc F() result { return result{} }",
			want: []string{"incompatible: removed: pkg lib, type result struct, N int"},
		},
		{
			name: "an unexported struct that the API reaches and that is no longer comparable is incompatible, as apidiff says",
			old:  "type config struct{ n int }\ntype Option func(*config)",
			new:  "type config struct{ n int; m map[string]int }\ntype Option func(*config)",
			want: []string{"incompatible: removed: pkg lib, type config struct, comparable (values of config can no longer be compared with == or be map keys)"},
		},
		{
			name: "declarations moved between files change nothing",
			old:  "// A is first.\nconst A = 1\n\nvar B = \"b\"",
			new:  "var B = \"b\"\n\n// A is last now.\nconst A = 1",
		},
	}
}
