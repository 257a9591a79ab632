package apicheck

import (
	"context"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// testModule is the module path of the synthetic modules the tests write.
const testModule = "example.com/m"

// writeModule writes a module example.com/m that needs nothing but the
// standard library, with files (slash paths relative to its root) into a
// fresh temporary directory, and returns the directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module " + testModule + "\n\ngo 1.26\n"
	for path, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(path))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(content), 0o644))
	}
	return dir
}

// loadTypes type-checks every package of the module at dir with one `go
// list`, keyed by import path.
func loadTypes(t *testing.T, dir string) map[string]*types.Package {
	t.Helper()
	t.Setenv("GOPROXY", "off") // a synthetic module needs no download
	pkgs, err := load(context.Background(), dir, []string{"./..."})
	require.NoError(t, err)
	out := make(map[string]*types.Package, len(pkgs))
	for _, p := range pkgs {
		out[p.PkgPath] = p.Types
	}
	return out
}
