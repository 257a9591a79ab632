package depguard

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the module root, two directories up.
var repoRoot = filepath.Join("..", "..")

// heavy are the modules a program importing only the client must never
// link nor list in its go.mod.
var heavy = []string{"kin-openapi", "yaml", "jsonschema", "oasdiff", "oapi-codegen/oapi-codegen", "golang.org/x/text"}

func TestClientLinksOnlyWhatItUses(t *testing.T) {
	v, err := Check(context.Background(), repoRoot, ClientPackage)
	require.NoError(t, err)
	assert.Empty(t, v, "wrapper/rooms links packages it must not; move what needs them out of its import graph")
}

func TestWebhookLinksOnlyTheStandardLibrary(t *testing.T) {
	v, err := CheckStdlibOnly(context.Background(), repoRoot, WebhookPackage)
	require.NoError(t, err)
	assert.Empty(t, v, "wrapper/webhook links packages outside the standard library")
}

// TestCheckStdlibOnlyCatchesAnImport adds an import of uuid to a temporary
// copy of wrapper/webhook and expects the check to name it.
func TestCheckStdlibOnlyCatchesAnImport(t *testing.T) {
	root := copyModule(t)
	extra := "package webhook\n\nimport _ \"github.com/google/uuid\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "wrapper", "webhook", "zz_extra.go"), []byte(extra), 0o644))
	v, err := CheckStdlibOnly(context.Background(), root, WebhookPackage)
	require.NoError(t, err)
	require.Len(t, v, 1)
	assert.Equal(t, "github.com/google/uuid (via github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook -> github.com/google/uuid)", v[0].String())
}

// TestCheckCatchesAHeavyImport adds an import of kin-openapi to a temporary
// copy of wrapper/rooms and expects the check to name it and the path.
func TestCheckCatchesAHeavyImport(t *testing.T) {
	root := copyModule(t)
	extra := "package rooms\n\nimport _ \"github.com/getkin/kin-openapi/openapi3\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "wrapper", "rooms", "zz_heavy.go"), []byte(extra), 0o644))

	v, err := Check(context.Background(), root, ClientPackage)
	require.NoError(t, err)
	var names []string
	for _, x := range v {
		names = append(names, x.String())
	}
	joined := strings.Join(names, "\n")
	assert.Contains(t, joined, "github.com/getkin/kin-openapi/openapi3 (via github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms -> github.com/getkin/kin-openapi/openapi3)")
	assert.Contains(t, joined, "yaml", "what kin-openapi pulls in is named too")
}

// TestUserModuleStaysLean writes a module that imports only the client
// (through a replace of this one), tidies it offline, and checks its go.mod
// and the client's package init cost.
func TestUserModuleStaysLean(t *testing.T) {
	abs, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	dir := t.TempDir()
	write(t, dir, "go.mod", "module example.com/user\n\ngo 1.26\n\nrequire github.com/seed1c924325/telnyx-rooms-go v0.0.0\n\nreplace github.com/seed1c924325/telnyx-rooms-go => "+abs+"\n")
	write(t, dir, "main.go", `package main

import (
	"fmt"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

func main() {
	_, err := rooms.NewClient(rooms.WithAPIKey("k"))
	fmt.Println(err)
}
`)
	run(t, dir, nil, "go", "mod", "tidy")
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	for _, h := range heavy {
		assert.NotContains(t, string(gomod), h, "a user's go.mod lists %s after go mod tidy", h)
	}

	run(t, dir, nil, "go", "build", "-o", "app", ".")
	trace := run(t, dir, []string{"GODEBUG=inittrace=1"}, filepath.Join(dir, "app"))
	bytes, lines := initBytes(t, trace)
	t.Logf("package init outside the standard library: %d bytes (%s)", bytes, strings.Join(lines, "; "))
	assert.Less(t, bytes, 64<<10, "package init of wrapper/rooms and its dependencies allocates 64 KB or more")
}

// initLine is one line of GODEBUG=inittrace=1.
var initLine = regexp.MustCompile(`(?m)^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, \d+ allocs$`)

// initBytes sums the bytes allocated by the init of every package outside
// the standard library (a dot in the first path element).
func initBytes(t *testing.T, trace string) (int, []string) {
	t.Helper()
	matches := initLine.FindAllStringSubmatch(trace, -1)
	require.NotEmpty(t, matches, "no inittrace lines in %q", trace)
	total := 0
	var lines []string
	for _, m := range matches {
		first, _, _ := strings.Cut(m[1], "/")
		if !strings.Contains(first, ".") {
			continue
		}
		n, err := strconv.Atoi(m[2])
		require.NoError(t, err)
		total += n
		lines = append(lines, m[1]+" "+m[2]+" B")
	}
	return total, lines
}

func TestInitBytes(t *testing.T) {
	trace := "init errors @0.1 ms, 0 ms clock, 100 bytes, 1 allocs\n" +
		"init github.com/x/y @1 ms, 0.01 ms clock, 384 bytes, 4 allocs\n" +
		"init example.com/z @1 ms, 0.01 ms clock, 16 bytes, 1 allocs\n"
	n, lines := initBytes(t, trace)
	assert.Equal(t, 400, n)
	assert.Len(t, lines, 2)
}

// copyModule copies go.mod, go.sum, gen/ and wrapper/rooms/ of the
// repository into a temporary module.
func copyModule(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, p := range []string{"go.mod", "go.sum", "gen", filepath.Join("internal", "termtext"), filepath.Join("wrapper", "rooms"), filepath.Join("wrapper", "webhook")} {
		src := filepath.Join(repoRoot, p)
		err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(repoRoot, path)
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
	}
	return dst
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
}

// run runs a command offline (no module proxy, no checksum database: the
// module cache already holds everything the client needs) and returns its
// combined output.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{"GOWORK=off", "GOPROXY=off", "GOSUMDB=off", "GOFLAGS=-mod=mod"}, env...)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %s: %s", name, strings.Join(args, " "), out)
	return string(out)
}
