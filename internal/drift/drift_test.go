package drift

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the real repository; tests only read it and work on copies.
var repoRoot = filepath.Join("..", "..")

// copyInputs copies the generation inputs and gen/ of the real repository into
// a fresh temporary module root and returns it.
func copyInputs(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range append(Inputs(), GeneratedDir) {
		require.NoError(t, copyPath(filepath.Join(repoRoot, p), filepath.Join(root, p)))
	}
	return root
}

// writeTree writes files (as returned by Generate) under a fresh root.
func writeTree(t *testing.T, files Files) string {
	t.Helper()
	root := t.TempDir()
	for path, b := range files {
		full := filepath.Join(root, filepath.FromSlash(path))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, b, 0o644))
	}
	return root
}

// lineOf returns the 1-based line number of byte offset i in b.
func lineOf(b []byte, i int) int {
	return bytes.Count(b[:i], []byte("\n")) + 1
}

// TestDriftDetected regenerates once, from a copy of the repository in which
// one byte of gen/client.gen.go was edited and a new file was added under gen/,
// and checks that both are reported.
func TestDriftDetected(t *testing.T) {
	pristine, err := os.ReadFile(filepath.Join(repoRoot, GeneratedDir, "client.gen.go"))
	require.NoError(t, err)

	root := copyInputs(t)
	genFile := filepath.Join(root, GeneratedDir, "client.gen.go")
	edited := bytes.Clone(pristine)
	offset := bytes.Index(edited, []byte("func NewClient("))
	require.Positive(t, offset, "gen/client.gen.go declares NewClient")
	edited[offset+len("func New")] = 'K' // NewClient -> NewKlient
	require.NoError(t, os.WriteFile(genFile, edited, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, GeneratedDir, "extra.go"), []byte("package gen\n"), 0o644))

	want, err := Generate(context.Background(), root)
	require.NoError(t, err)
	// Generation is faithful and reads none of the tree's gen/: it writes
	// exactly the committed file, byte for byte.
	committed, err := readTree(repoRoot, GeneratedDir)
	require.NoError(t, err)
	require.Equal(t, keys(committed), keys(want), "regenerating writes exactly the committed files")
	for path, b := range committed {
		require.True(t, bytes.Equal(b, want[path]), "regenerating the repository's inputs must reproduce %s", path)
	}

	diffs, err := Compare(root, want)
	require.NoError(t, err)
	line := lineOf(edited, offset)
	require.Len(t, diffs, 2)
	assert.Equal(t, "gen/client.gen.go", diffs[0].Path)
	assert.Equal(t, Modified, diffs[0].Kind)
	assert.Contains(t, diffs[0].Detail, "first difference at line "+strconv.Itoa(line)+":")
	assert.Contains(t, diffs[0].Detail, `in tree "func NewKlient(`)
	assert.Contains(t, diffs[0].Detail, `generated "func NewClient(`)
	assert.Equal(t, Difference{Path: "gen/extra.go", Kind: Unexpected, Detail: "not written by go generate"}, diffs[1])

	var out strings.Builder
	require.NoError(t, (&Report{Differences: diffs}).WriteText(&out))
	text := out.String()
	assert.Contains(t, text, "gen/ is not what `go generate ./...` produces from openapi.yaml and api/ (2 files):")
	assert.Contains(t, text, "  unexpected: gen/extra.go: not written by go generate\n")
	assert.Contains(t, text, "  modified:   gen/client.gen.go: first difference at line "+strconv.Itoa(line))
	assert.Contains(t, text, "fix: run `make generate` (go generate ./...)")
	assert.NotContains(t, text, "ok:")

	t.Run("other trees", func(t *testing.T) {
		tests := []struct {
			name   string
			mutate func(t *testing.T, root string)
			want   []Difference
		}{
			{name: "identical", mutate: func(*testing.T, string) {}},
			{
				name: "missing file",
				mutate: func(t *testing.T, root string) {
					require.NoError(t, os.Remove(filepath.Join(root, GeneratedDir, "client.gen.go")))
				},
				want: []Difference{{Path: "gen/client.gen.go", Kind: Missing, Detail: "generated, but absent from the tree"}},
			},
			{
				name: "missing gen directory",
				mutate: func(t *testing.T, root string) {
					require.NoError(t, os.RemoveAll(filepath.Join(root, GeneratedDir)))
				},
				want: []Difference{
					{Path: "gen/client.gen.go", Kind: Missing, Detail: "generated, but absent from the tree"},
					{Path: "gen/genserver/genserver.gen.go", Kind: Missing, Detail: "generated, but absent from the tree"},
					{Path: "gen/genserver/spec.gen.go", Kind: Missing, Detail: "generated, but absent from the tree"},
				},
			},
			{
				name: "new file in a subdirectory",
				mutate: func(t *testing.T, root string) {
					dir := filepath.Join(root, GeneratedDir, "sub")
					require.NoError(t, os.Mkdir(dir, 0o755))
					require.NoError(t, os.WriteFile(filepath.Join(dir, "x.txt"), nil, 0o644))
				},
				want: []Difference{{Path: "gen/sub/x.txt", Kind: Unexpected, Detail: "not written by go generate"}},
			},
			{
				name: "appended line",
				mutate: func(t *testing.T, root string) {
					f, err := os.OpenFile(filepath.Join(root, GeneratedDir, "client.gen.go"), os.O_APPEND|os.O_WRONLY, 0)
					require.NoError(t, err)
					_, err = f.WriteString("// extra\n")
					require.NoError(t, err)
					require.NoError(t, f.Close())
				},
				want: []Difference{{Path: "gen/client.gen.go", Kind: Modified, Detail: "first difference at line " +
					strconv.Itoa(lineOf(pristine, len(pristine))) + `: generated (end of file), in tree "// extra\n"`}},
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tree := writeTree(t, want)
				tt.mutate(t, tree)
				diffs, err := Compare(tree, want)
				require.NoError(t, err)
				assert.Equal(t, tt.want, diffs)
			})
		}
	})
}

func TestGenerateFailure(t *testing.T) {
	root := copyInputs(t)
	require.NoError(t, os.WriteFile(filepath.Join(root, "openapi.yaml"), []byte("openapi: [broken\n"), 0o644))
	_, err := Generate(context.Background(), root)
	var cmdErr *CommandError
	require.ErrorAs(t, err, &cmdErr)
	assert.Equal(t, []string{"go", "generate", "./..."}, cmdErr.Args)
	assert.NotEmpty(t, cmdErr.Output, "the generator's complaint is kept")
}

func TestFirstDifference(t *testing.T) {
	tests := []struct {
		name, want, have, detail string
	}{
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", `first difference at line 2: generated "b\n", in tree "B\n"`},
		{"truncated file", "a\nb\n", "a\n", `first difference at line 2: generated "b\n", in tree (end of file)`},
		{"missing final newline", "a\nb\n", "a\nb", `first difference at line 2: generated "b\n", in tree "b"`},
		{"long line is cut", strings.Repeat("x", 150), strings.Repeat("y", 150),
			`first difference at line 1: generated "` + strings.Repeat("x", maxExcerpt) + `...", in tree "` + strings.Repeat("y", maxExcerpt) + `..."`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.detail, firstDifference([]byte(tt.want), []byte(tt.have)))
		})
	}
}

func TestTidy(t *testing.T) {
	// GOPROXY=off proves the check needs no network for these modules.
	t.Setenv("GOPROXY", "off")
	uuidSum := goSumLine(t, "github.com/google/uuid v1.6.0/go.mod ")
	tests := []struct {
		name     string
		goMod    string
		goSum    string
		wantDiff []string
		wantErr  bool
	}{
		{name: "tidy", goMod: "module example.com/tidy\n\ngo 1.26.0\n"},
		{
			name:     "stray go.sum line",
			goMod:    "module example.com/tidy\n\ngo 1.26.0\n",
			goSum:    uuidSum,
			wantDiff: []string{"go.sum", "-" + strings.TrimSuffix(uuidSum, "\n")},
		},
		{name: "broken go.mod", goMod: "module example.com/tidy\n\ngo nonsense\n", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte(tt.goMod), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(root, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644))
			if tt.goSum != "" {
				require.NoError(t, os.WriteFile(filepath.Join(root, "go.sum"), []byte(tt.goSum), 0o644))
			}
			diff, err := Tidy(context.Background(), root)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			if len(tt.wantDiff) == 0 {
				assert.Empty(t, diff)
				return
			}
			for _, want := range tt.wantDiff {
				assert.Contains(t, diff, want)
			}
			var out strings.Builder
			require.NoError(t, (&Report{TidyDiff: diff}).WriteText(&out))
			assert.Contains(t, out.String(), "check-generated: go.mod/go.sum are not tidy")
			assert.Contains(t, out.String(), "fix: run `go mod tidy` and commit go.mod and go.sum.")
		})
	}
}

func TestReportOK(t *testing.T) {
	r := &Report{}
	require.True(t, r.OK())
	var out strings.Builder
	require.NoError(t, r.WriteText(&out))
	assert.Equal(t, "check-generated: ok: gen/ matches openapi.yaml and api/; go.mod and go.sum are tidy\n", out.String())
	assert.False(t, (&Report{TidyDiff: "x"}).OK())
	assert.False(t, (&Report{Differences: []Difference{{Path: "gen/x", Kind: Unexpected}}}).OK())
}

// goSumLine returns the repository's go.sum line starting with prefix.
func goSumLine(t *testing.T, prefix string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "go.sum"))
	require.NoError(t, err)
	for line := range strings.Lines(string(b)) {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	require.FailNow(t, "go.sum has no line "+prefix)
	return ""
}

func keys(files Files) []string {
	return slices.Sorted(maps.Keys(files))
}
