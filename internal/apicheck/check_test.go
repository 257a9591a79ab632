package apicheck

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoPackages is a module with two small libraries, a command and a package
// that does not compile.
func twoPackages(t *testing.T) string {
	t.Helper()
	t.Setenv("GOPROXY", "off")
	return writeModule(t, map[string]string{
		"alpha/alpha.go":   "package alpha\n\n// F is the API.\nfunc F() int { return 1 }\n",
		"beta/beta.go":     "package beta\n\n// Version is the API.\nconst Version = \"1\"\n",
		"cmd/tool/main.go": "package main\n\nfunc main() {}\n",
		"dup/alpha/a.go":   "package alpha\n",
		"broken/b.go":      "package broken\n\nfunc F() int { return \"\" }\n",
	})
}

func TestWriteThenCheck(t *testing.T) {
	ctx := context.Background()
	root := twoPackages(t)
	cfg := Config{Dir: root, Patterns: []string{"./alpha", "./beta"}}

	written, err := Write(ctx, cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"alpha", "beta"}, written.Unrecorded)
	assert.Equal(t, []string{filepath.Join(root, "testdata/api/alpha.txt"), filepath.Join(root, "testdata/api/beta.txt")}, written.Written)
	assert.Empty(t, written.Changes)
	content, err := os.ReadFile(filepath.Join(root, "testdata", "api", "alpha.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(content), "# The exported Go API of example.com/m/alpha,")
	assert.Contains(t, string(content), "\npkg alpha, func F() int\n")

	report, err := Check(ctx, cfg)
	require.NoError(t, err)
	assert.Empty(t, report.Changes)
	var out bytes.Buffer
	require.NoError(t, report.WriteText(&out, "`accept`"))
	assert.Equal(t, "check-api: ok: the exported API of alpha, beta matches "+filepath.ToSlash(filepath.Join(root, "testdata/api"))+"/\n", out.String())

	alpha := filepath.Join(root, "alpha", "alpha.go")
	require.NoError(t, os.WriteFile(alpha, []byte("package alpha\n\n// G replaces F.\nfunc G() int { return 1 }\n"), 0o644))
	report, err = Check(ctx, cfg)
	require.NoError(t, err)
	require.Len(t, report.Incompatible(), 1)
	assert.Equal(t, "incompatible: removed: pkg alpha, func F() int", report.Incompatible()[0].Line())
	require.Len(t, report.Compatible(), 1)
	assert.Equal(t, "compatible: added: pkg alpha, func G() int", report.Compatible()[0].Line())
	out.Reset()
	require.NoError(t, report.WriteText(&out, "`accept`"))
	assert.Contains(t, out.String(), "check-api: FAIL: 1 incompatible change (and 1 compatible).\n")
	assert.Contains(t, out.String(), "check-api: to accept a deliberate break, run `accept` and commit ")

	written, err = Write(ctx, cfg)
	require.NoError(t, err)
	assert.Len(t, written.Changes, 2, "Write reports what it accepts")
	out.Reset()
	require.NoError(t, written.WriteWritten(&out))
	assert.Contains(t, out.String(), "check-api: the new baseline accepts 2 changes:\nincompatible: removed: pkg alpha, func F() int\ncompatible: added: pkg alpha, func G() int\n")
	assert.Contains(t, out.String(), "saying BREAKING in the commit message and listing the 1 incompatible line above.\n")
	report, err = Check(ctx, cfg)
	require.NoError(t, err)
	assert.Empty(t, report.Changes)
}

// TestPackageDroppedFromTheList checks that a baseline file without a
// package is the removal of that package, and that Write deletes it.
func TestPackageDroppedFromTheList(t *testing.T) {
	ctx := context.Background()
	root := twoPackages(t)
	_, err := Write(ctx, Config{Dir: root, Patterns: []string{"./alpha", "./beta"}})
	require.NoError(t, err)
	beta := filepath.Join(root, "testdata", "api", "beta.txt")

	cfg := Config{Dir: root, Patterns: []string{"./alpha"}}
	report, err := Check(ctx, cfg)
	require.NoError(t, err)
	require.Len(t, report.Changes, 1)
	assert.Equal(t, "incompatible: removed: pkg beta (the whole package, 2 features: "+beta+" is the baseline of no package checked)", report.Changes[0].Line())
	assert.Equal(t, []string{beta}, report.Orphans)

	written, err := Write(ctx, cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{beta}, written.Deleted)
	assert.NoFileExists(t, beta)
	report, err = Check(ctx, cfg)
	require.NoError(t, err)
	assert.Empty(t, report.Changes)
}

func TestCheckCannotRun(t *testing.T) {
	ctx := context.Background()
	root := twoPackages(t)
	tests := []struct {
		name     string
		patterns []string
		want     string
	}{
		{name: "no baseline", patterns: []string{"./alpha"}, want: "baseline directory: stat " + filepath.Join(root, "testdata", "api")},
		{name: "command", patterns: []string{"./cmd/tool"}, want: "example.com/m/cmd/tool is a command (package main)"},
		{name: "same name", patterns: []string{"./alpha", "./dup/alpha"}, want: "example.com/m/alpha and example.com/m/dup/alpha are both package alpha"},
		{name: "does not compile", patterns: []string{"./broken"}, want: "broken/b.go:3:23: cannot use \"\" (untyped string constant) as int value in return statement"},
		{name: "missing package", patterns: []string{"./nope"}, want: "nope"},
		{name: "no patterns", want: "no packages to list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(ctx, Config{Dir: root, Patterns: tt.patterns})
			assert.ErrorContains(t, err, tt.want)
		})
	}
	t.Run("package without a baseline file", func(t *testing.T) {
		_, err := Write(ctx, Config{Dir: root, Patterns: []string{"./alpha"}})
		require.NoError(t, err)
		_, err = Check(ctx, Config{Dir: root, Patterns: []string{"./alpha", "./beta"}})
		assert.ErrorContains(t, err, "package beta (example.com/m/beta) has no baseline "+filepath.Join(root, "testdata", "api", "beta.txt")+": create it with `make api-baseline`")
	})
}
