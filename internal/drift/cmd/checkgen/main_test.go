package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copyRepo copies the real repository, without .git, into a temporary directory.
func copyRepo(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "..", "..")
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	require.NoError(t, err)
	return dst
}

// TestRunReportsEveryProblem runs the command once on a copy of the
// repository with one byte of gen/ edited, a new file under gen/ and a stray
// go.sum line, and checks that it fails naming each and the fixing commands.
func TestRunReportsEveryProblem(t *testing.T) {
	root := copyRepo(t)
	genFile := filepath.Join(root, "gen", "client.gen.go")
	b, err := os.ReadFile(genFile)
	require.NoError(t, err)
	i := bytes.Index(b, []byte("package gen"))
	require.GreaterOrEqual(t, i, 0)
	b[i+len("package ")] = 'G'
	require.NoError(t, os.WriteFile(genFile, b, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "gen", "new.go"), []byte("package gen\n"), 0o644))
	f, err := os.OpenFile(filepath.Join(root, "go.sum"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("example.com/stray v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-root", root}, &stdout, &stderr)
	text := stdout.String()
	require.Equal(t, 1, code, "stdout:\n%s\nstderr:\n%s", text, stderr.String())
	assert.Empty(t, stderr.String())
	for _, want := range []string{
		"  modified:   gen/client.gen.go: first difference at line",
		`in tree "package Gen\n"`,
		"  unexpected: gen/new.go: not written by go generate",
		"fix: run `make generate`",
		"go.mod/go.sum are not tidy",
		"example.com/stray v1.0.0/go.mod",
		"fix: run `go mod tidy`",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "ok:")
	// The check reads the tree and writes nothing into it.
	after, err := os.ReadFile(genFile)
	require.NoError(t, err)
	assert.Equal(t, b, after)
	assert.Contains(t, readFile(t, filepath.Join(root, "go.sum")), "example.com/stray")
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name, want string
		args       []string
	}{
		{name: "bad flag", args: []string{"-nope"}, want: "flag provided but not defined: -nope"},
		{name: "extra argument", args: []string{"extra"}, want: `unexpected arguments ["extra"]`},
		{name: "not a module", args: []string{"-root", t.TempDir()}, want: "check-generated: cannot run the check: drift: copy generation input openapi.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, 2, run(context.Background(), tt.args, &stdout, &stderr))
			assert.Contains(t, stderr.String(), tt.want)
			assert.Empty(t, stdout.String())
		})
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
