package apicheck

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestListOddShapes lists the shapes that are easy to get wrong: generic
// aliases of other packages' types, instantiated and recursive embedding, a
// field that two embedded structs make ambiguous (so it is not promoted), an
// embedded interface, and constraints that mix methods and type terms.
func TestListOddShapes(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"other/other.go": "package other\n\ntype G[T any] struct{ V T }\n\nfunc (G[T]) Get() T { var z T; return z }\n\ntype Sealed interface{ S(); s() }\n",
		"odd/odd.go": `package odd

import (
	"fmt"
	"example.com/m/other"
)

type A[P any] = other.G[P]
type Page[T any] struct{ Items []T }
type IntPage = Page[int]
type Node struct{ Next *Node; Val int }
type WithStringer struct{ fmt.Stringer; N int }
type WithPage struct{ Page[int] }
type Loop struct{ *Loop; X int }
type S = other.Sealed
type Impl struct{}
func (Impl) S() {}
func Anon() struct{ A, B int } { return struct{ A, B int }{} }
type Amb struct{ L1; L2 }
type L1 struct{ X int }
type L2 struct{ X int }
type Fn func(int) (x, y string)
type Ptr *Node
type Arr [4]Node
type Stringish interface{ ~string; String() string }
func Gen[S ~[]E, E interface{ comparable; fmt.Stringer }](s S) E { var z E; return z }
`,
	})
	pkgs := loadTypes(t, dir)
	pkg := pkgs[testModule+"/odd"]
	require.NotNil(t, pkg)
	want := []string{
		`func Anon() struct{A int; B int}`,
		`func Gen[$0 ~[]$1, $1 interface{String() string; comparable}]($0) $1`,
		`method (A[$0]) Get() $0`,
		`method (Impl) S()`,
		`method (WithStringer) String() string`,
		`type A[$0 any] = other.G[$0]`,
		`type A[$0 any] struct`,
		`type A[$0 any] struct, V $0`,
		`type Amb struct`,
		`type Amb struct, comparable`,
		`type Amb struct, embedded L1`,
		`type Amb struct, embedded L2`,
		`type Arr [4]Node`,
		`type Fn func(int) (string, string)`,
		`type Impl struct`,
		`type Impl struct, comparable`,
		`type IntPage = Page[int]`,
		`type L1 struct`,
		`type L1 struct, X int`,
		`type L1 struct, comparable`,
		`type L2 struct`,
		`type L2 struct, X int`,
		`type L2 struct, comparable`,
		`type Loop struct`,
		`type Loop struct, X int`,
		`type Loop struct, comparable`,
		`type Loop struct, embedded *Loop`,
		`type Node struct`,
		`type Node struct, Next *Node`,
		`type Node struct, Val int`,
		`type Node struct, comparable`,
		`type Page[$0 any] struct`,
		`type Page[$0 any] struct, Items []$0`,
		`type Ptr *Node`,
		`type S = other.Sealed`,
		`type S interface`,
		`type S interface, S()`,
		`type S interface, unexported methods`,
		`type Stringish interface`,
		`type Stringish interface, String() string`,
		`type Stringish interface, embedded ~string`,
		`type WithPage struct`,
		`type WithPage struct, embedded Page[int]`,
		`type WithPage struct, promoted Items []int`,
		`type WithStringer struct`,
		`type WithStringer struct, N int`,
		`type WithStringer struct, comparable`,
		`type WithStringer struct, embedded fmt.Stringer`,
	}
	for i := range want {
		want[i] = "pkg odd, " + want[i]
	}
	got := List(pkg)
	assert.Equal(t, want, got, "got:\n%s", strings.Join(got, "\n"))
}
