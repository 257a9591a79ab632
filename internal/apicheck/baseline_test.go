package apicheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	api := API{Name: "lib", Path: "example.com/m/lib", Features: []string{"pkg lib, func F()", "pkg lib, var V int"}}
	content := FormatBaseline(api)
	assert.True(t, strings.HasPrefix(string(content), "# The exported Go API of example.com/m/lib, one feature per line"))
	assert.Contains(t, string(content), "`make api-baseline`")
	assert.True(t, strings.HasSuffix(string(content), "pkg lib, func F()\npkg lib, var V int\n"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, BaselineFile("lib")), content, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("not a baseline"), 0o644))

	baselines, err := ReadBaselines(dir)
	require.NoError(t, err)
	require.Len(t, baselines, 1)
	assert.Equal(t, Baseline{Name: "lib", File: filepath.Join(dir, "lib.txt"), Features: api.Features}, baselines["lib"])
}

func TestReadBaselinesErrors(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{name: "malformed", content: "# header\n\npkg lib, func F()\nfunc G()\n", want: `lib.txt:4: feature "func G()" does not start with "pkg "`},
		{name: "other package", content: "pkg other, func F()\n", want: "lib.txt:1: feature of package other in the baseline of package lib"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "lib.txt"), []byte(tt.content), 0o644))
			_, err := ReadBaselines(dir)
			assert.ErrorContains(t, err, tt.want)
		})
	}
	t.Run("missing directory", func(t *testing.T) {
		_, err := ReadBaselines(filepath.Join(t.TempDir(), "nope"))
		assert.True(t, isNotExist(err), "%v", err)
	})
	t.Run("empty directory", func(t *testing.T) {
		baselines, err := ReadBaselines(t.TempDir())
		require.NoError(t, err)
		assert.Empty(t, baselines)
	})
}
