package apicheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFeature(t *testing.T) {
	tests := []struct {
		line                      string
		scope, member, owner, key string
		primary                   bool
	}{
		{line: "pkg p, func F[$0 interface{ ~[]$1 }, $1 any]($0) $1", key: "obj F"},
		{line: "pkg p, var V map[string]int", key: "obj V"},
		{line: "pkg p, const C ideal-int", key: "obj C"},
		{line: "pkg p, const C = 1", key: "value C"},
		{line: "pkg p, method (*Page[$0]) Next(context.Context) (*Page[$0], error)", owner: "Page", key: "method Page.Next"},
		{line: "pkg p, type T struct", owner: "T", key: "obj T", primary: true},
		{line: "pkg p, type T = gen.T", owner: "T", key: "alias T", primary: true},
		{line: "pkg p, type M[$0 any, $1 comparable] struct, Items map[$1]$0", scope: "type M[$0 any, $1 comparable] struct",
			member: "Items map[$1]$0", owner: "M", key: "member M|Items"},
		{line: "pkg p, type T struct, embedded *gen.Room", scope: "type T struct", member: "embedded *gen.Room", owner: "T", key: "member T|embedded Room"},
		{line: "pkg p, type T struct, promoted embedded E", scope: "type T struct", member: "promoted embedded E", owner: "T", key: "member T|promoted embedded E"},
		{line: "pkg p, type T struct, promoted X int", scope: "type T struct", member: "promoted X int", owner: "T", key: "member T|promoted X"},
		{line: "pkg p, type T struct, comparable", scope: "type T struct", member: "comparable", owner: "T", key: "member T|comparable"},
		{line: "pkg p, type I interface, M(int) error", scope: "type I interface", member: "M(int) error", owner: "I", key: "member I|M"},
		{line: "pkg p, type I interface, embedded ~int | ~string", scope: "type I interface", member: "embedded ~int | ~string", owner: "I", key: "member I|embedded"},
		{line: "pkg p, type *T implements I", owner: "T", key: "line pkg p, type *T implements I"},
		{line: "pkg p, type F func(struct{A int}, ...string) error", owner: "F", key: "obj F", primary: true},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			f, err := parseFeature(tt.line)
			require.NoError(t, err)
			assert.Equal(t, "p", f.pkg)
			assert.Equal(t, tt.scope, f.scope, "scope")
			assert.Equal(t, tt.member, f.member, "member")
			assert.Equal(t, tt.owner, f.owner, "owner")
			assert.Equal(t, tt.key, f.key, "key")
			assert.Equal(t, tt.primary, f.primary, "primary")
		})
	}
}

func TestParseFeatureRejects(t *testing.T) {
	for _, line := range []string{
		"func F()",
		"pkg p",
		"pkg p, fn F()",
		"pkg p, method M()",
		"pkg p, type T[$0 any struct",
		"pkg p, func ()",
	} {
		_, err := parseFeature(line)
		assert.Error(t, err, line)
	}
}
