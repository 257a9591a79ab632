package apicheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompareLines compares listings written by hand: pairing, folding and
// the verdicts that depend on the other version's lines.
func TestCompareLines(t *testing.T) {
	tests := []struct {
		name          string
		base, current []string
		want          []string
	}{
		{
			name:    "identical listings",
			base:    []string{"pkg p, func F()", "pkg p, var V int"},
			current: []string{"pkg p, var V int", "pkg p, func F()"},
		},
		{
			name:    "two lines with one key are not paired",
			base:    []string{"pkg p, type T struct", "pkg p, type T struct, embedded *a.E", "pkg p, type T struct, embedded *b.E"},
			current: []string{"pkg p, type T struct", "pkg p, type T struct, embedded a.E"},
			want: []string{
				"incompatible: removed: pkg p, type T struct, embedded *a.E",
				"incompatible: removed: pkg p, type T struct, embedded *b.E",
				"compatible: added: pkg p, type T struct, embedded a.E",
			},
		},
		{
			name: "a re-exported type removed folds into its alias line",
			base: []string{
				"pkg p, type Room = gen.Room", "pkg p, type Room struct", "pkg p, type Room struct, ID string",
				"pkg p, method (Room) String() string", "pkg p, func F()",
			},
			current: []string{"pkg p, func F()"},
			want:    []string{"incompatible: removed: pkg p, type Room = gen.Room (with its 3 other features)"},
		},
		{
			name:    "an alias that becomes a defined type is one removal; its fields stay",
			base:    []string{"pkg p, type Room = gen.Room", "pkg p, type Room struct", "pkg p, type Room struct, ID string"},
			current: []string{"pkg p, type Room struct", "pkg p, type Room struct, ID string"},
			want:    []string{"incompatible: removed: pkg p, type Room = gen.Room"},
		},
		{
			name:    "a type whose members all changed is not folded",
			base:    []string{"pkg p, type T struct", "pkg p, type T struct, A int"},
			current: []string{"pkg p, type T int"},
			want: []string{
				"incompatible: changed: pkg p, type T struct -> type T int",
				"incompatible: removed: pkg p, type T struct, A int",
			},
		},
		{
			name:    "a method added to an interface that is new is compatible",
			base:    []string{"pkg p, type J interface"},
			current: []string{"pkg p, type J interface", "pkg p, type I interface", "pkg p, type I interface, M()"},
			want:    []string{"compatible: added: pkg p, type I interface (with its 1 other feature)"},
		},
		{
			name:    "a type-set element added to an existing interface is incompatible",
			base:    []string{"pkg p, type C interface", "pkg p, type C interface, String() string"},
			current: []string{"pkg p, type C interface", "pkg p, type C interface, String() string", "pkg p, type C interface, embedded ~int"},
			want:    []string{"incompatible: added: pkg p, type C interface, embedded ~int (narrows the set of types that satisfy C)"},
		},
		{
			name:    "a pointer that now implements through its value type is compatible",
			base:    []string{"pkg p, type *T implements I"},
			current: []string{"pkg p, type T implements I"},
			want: []string{
				"compatible: removed: pkg p, type *T implements I (the value type implements it now, and so does the pointer)",
				"compatible: added: pkg p, type T implements I",
			},
		},
		{
			name:    "a promoted embedded field declared in the struct is compatible",
			base:    []string{"pkg p, type T struct", "pkg p, type T struct, promoted embedded E"},
			current: []string{"pkg p, type T struct", "pkg p, type T struct, embedded E"},
			want: []string{
				"compatible: added: pkg p, type T struct, embedded E",
				"compatible: removed: pkg p, type T struct, promoted embedded E (now declared in the struct itself, so selectors still reach it)",
			},
		},
		{
			name:    "features of two packages are kept apart",
			base:    []string{"pkg a, func F()", "pkg b, func F()"},
			current: []string{"pkg b, func F()"},
			want:    []string{"incompatible: removed: pkg a, func F()"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes, err := Compare(tt.base, tt.current)
			require.NoError(t, err)
			var got []string
			for _, c := range changes {
				got = append(got, c.Line())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCompareRejectsMalformedLines(t *testing.T) {
	_, err := Compare([]string{"pkg p, func F()", "nonsense"}, []string{"pkg p, func F()"})
	assert.ErrorContains(t, err, `feature "nonsense" does not start with "pkg "`)
}

func TestChangeLine(t *testing.T) {
	tests := []struct {
		change Change
		want   string
	}{
		{Change{Kind: Removed, Old: "pkg p, func F()"}, "incompatible: removed: pkg p, func F()"},
		{Change{Kind: Added, New: "pkg p, func F()", Compatible: true}, "compatible: added: pkg p, func F()"},
		{Change{Kind: Changed, Old: "pkg p, var V int", New: "pkg p, var V uint"}, "incompatible: changed: pkg p, var V int -> var V uint"},
		{Change{Kind: Removed, Old: "pkg p, type T struct", Reason: "why", Folded: 2}, "incompatible: removed: pkg p, type T struct (why; with its 2 other features)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.change.Line())
	}
}
