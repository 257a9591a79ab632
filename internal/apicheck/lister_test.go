package apicheck

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestList lists a package that has one of each kind of feature and checks
// every line.
func TestList(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"other/other.go": `package other

// Model is declared here and re-exported by shapes.
type Model struct {
	ID   string
	note string
}

// Name is a method of Model.
func (Model) Name() string { return "" }
`,
		"shapes/shapes.go": `package shapes

import (
	"context"
	"io"

	"example.com/m/other"
)

const (
	Untyped  = 1 << 4
	Pi       = 3.3
	Greeting = "hi"
	Yes      = true
	Letter   = 'x'
)

type Kind uint8

const (
	KindA Kind = iota
	KindB
)

var (
	ErrX     error
	Hook     func(context.Context, ...string) (int, error)
	Bytes    []byte
	Runes    [2]rune
	Table    map[string][]*Kind
	Events   <-chan struct{ At int64 ` + "`json:\"at\"`" + ` }
	Pipes    chan (<-chan int)
	Sink     interface{ Write([]byte) (int, error); flush() }
	Anything interface{}
)

func Map[T any, R comparable](xs []T, f func(T) R) map[R]T { return nil }
func Sum[N Number](ns ...N) N { var z N; return z }
func New(opts ...Option) (*Shape, error) { return nil, nil }
func unexported() {}

type Number interface{ ~int | ~float64 }

type Reader interface {
	io.Reader
	Close() error
}

type Event interface {
	Kind() Kind
	isEvent()
}

type Base struct{ ID string }

func (Base) Describe() string { return "" }
func (*Base) Reset()          {}

type inner struct {
	Depth  int
	hidden bool
}

func (inner) Level() int { return 0 }

type Shape struct {
	Base
	inner
	Name  string
	Tags  []string
	dirty bool
}

func (*Shape) Kind() Kind { return 0 }
func (Shape) isEvent()    {}

type Page[T any] struct {
	Items []T
	Next  *Page[T]
}

func (p *Page[T]) First() (T, bool) { var z T; return z, false }

type Model = other.Model
type Alias = Base
type Handle = handle
type handle struct{ FD int }

type Option func(*config)
type config struct{ n int }

type Point struct{ X, Y int }
`,
	})
	pkgs := loadTypes(t, dir)
	pkg := pkgs[testModule+"/shapes"]
	require.NotNil(t, pkg)

	want := []string{
		`const Greeting = "hi"`,
		`const Greeting ideal-string`,
		`const KindA = 0`,
		`const KindA Kind`,
		`const KindB = 1`,
		`const KindB Kind`,
		`const Letter = 120`,
		`const Letter ideal-char`,
		`const Pi = 3.3  // 33/10`,
		`const Pi ideal-float`,
		`const Untyped = 16`,
		`const Untyped ideal-int`,
		`const Yes = true`,
		`const Yes ideal-bool`,
		`func Map[$0 any, $1 comparable]([]$0, func($0) $1) map[$1]$0`,
		`func New(...Option) (*Shape, error)`,
		`func Sum[$0 Number](...$0) $0`,
		`var Anything any`,
		`var Bytes []uint8`,
		`var ErrX error`,
		`var Events <-chan struct{At int64 "json:\"at\""}`,
		`var Hook func(context.Context, ...string) (int, error)`,
		`var Pipes chan (<-chan int)`,
		`var Runes [2]int32`,
		`var Sink interface{Write([]uint8) (int, error); flush()}`,
		`var Table map[string][]*Kind`,
		`type Kind uint8`,
		`type Number interface`,
		`type Number interface, embedded ~float64 | ~int`,
		`type Reader interface`,
		`type Reader interface, Close() error`,
		`type Reader interface, Read([]uint8) (int, error)`,
		`type Event interface`,
		`type Event interface, Kind() Kind`,
		`type Event interface, unexported methods`,
		`type Base struct`,
		`type Base struct, ID string`,
		`type Base struct, comparable`,
		`method (Base) Describe() string`,
		`method (*Base) Reset()`,
		`type Shape struct`,
		`type Shape struct, Name string`,
		`type Shape struct, Tags []string`,
		`type Shape struct, embedded Base`,
		`type Shape struct, promoted Depth int`,
		`type Shape struct, promoted ID string`,
		`method (Shape) Describe() string`,
		`method (Shape) Level() int`,
		`method (*Shape) Kind() Kind`,
		`method (*Shape) Reset()`,
		`type *Shape implements Event`,
		`type Page[$0 any] struct`,
		`type Page[$0 any] struct, Items []$0`,
		`type Page[$0 any] struct, Next *Page[$0]`,
		`method (*Page[$0]) First() ($0, bool)`,
		`type Model = other.Model`,
		`type Model struct`,
		`type Model struct, ID string`,
		`type Model struct, comparable`,
		`method (Model) Name() string`,
		`type Alias = Base`,
		`type Handle = handle`,
		`type Handle struct`,
		`type Handle struct, FD int`,
		`type Handle struct, comparable`,
		`type Option func(*config)`,
		`type config struct`,
		`type config struct, comparable`,
		`type Point struct`,
		`type Point struct, X int`,
		`type Point struct, Y int`,
		`type Point struct, comparable`,
	}
	for i := range want {
		want[i] = "pkg shapes, " + want[i]
	}
	slices.Sort(want)
	got := List(pkg)
	assert.Equal(t, want, got, "got:\n%s", strings.Join(got, "\n"))
	assert.True(t, slices.IsSorted(got))
	assert.Equal(t, got, List(pkg), "listing twice gives the same lines")
	for _, line := range got {
		_, err := parseFeature(line)
		assert.NoError(t, err, "every line List writes parses")
	}
}
