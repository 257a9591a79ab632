package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the real repository; the tests only read it.
const repoRoot = "../../../.."

// copyClient copies what wrapper/rooms needs to compile (go.mod, go.sum,
// gen/, internal/termtext and wrapper/rooms without their tests) into a
// temporary module root.
func copyClient(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, dir := range []string{".", "gen", filepath.Join("internal", "termtext"), filepath.Join("wrapper", "rooms")} {
		entries, err := os.ReadDir(filepath.Join(repoRoot, dir))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Join(dst, dir), 0o755))
		for _, e := range entries {
			name := e.Name()
			keep := name == "go.mod" || name == "go.sum" || (dir != "." && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"))
			if e.IsDir() || !keep {
				continue
			}
			b, err := os.ReadFile(filepath.Join(repoRoot, dir, name))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dst, dir, name), b, 0o644))
		}
	}
	return dst
}

// edit replaces old, which must occur once, by new in the file at path.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(b), old), "%s contains %q once", path, old)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644))
}

// TestRunOnTheClient records the API of a copy of wrapper/rooms, then
// removes an exported function (the check fails naming it and says how to
// accept the break) and, with it back, adds one (the check passes and lists
// it).
func TestRunOnTheClient(t *testing.T) {
	t.Setenv("GOPROXY", "off") // everything is in the module cache already
	root := copyClient(t)
	ctx := context.Background()
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(ctx, append([]string{"-root", root}, args...), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	baseline := filepath.ToSlash(filepath.Join(root, "testdata", "api"))

	code, stdout, stderr := run("-write", "./wrapper/rooms")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `^check-api: wrote `+regexp.QuoteMeta(baseline)+`/rooms.txt \(new, \d+ features\)\n`, stdout)
	code, stdout, stderr = run("./wrapper/rooms")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Equal(t, "check-api: ok: the exported API of rooms matches "+baseline+"/\n", stdout)

	params := filepath.Join(root, "wrapper", "rooms", "params.go")
	edit(t, params, "func ParticipantIDs(", "func participantIDs(")
	code, stdout, stderr = run("./wrapper/rooms")
	assert.Equal(t, 1, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Empty(t, stderr)
	assert.Equal(t, []string{
		"check-api: the exported API of rooms compared with " + baseline + "/:",
		"incompatible: removed: pkg rooms, func ParticipantIDs(...string) Participants",
		"check-api: FAIL: 1 incompatible change (and 0 compatible).",
		"check-api: to accept a deliberate break, run `go run ./internal/apicheck/cmd/apicheck -write -root " + root + " ./wrapper/rooms`" +
			" and commit " + baseline + "/ in the same commit as the API change, saying BREAKING in the commit message and listing the incompatible lines above.",
	}, strings.Split(strings.TrimSuffix(stdout, "\n"), "\n"))

	edit(t, params, "func participantIDs(", "func ParticipantIDs(")
	extra := "package rooms\n\n// Extra is new.\nfunc Extra() string { return \"\" }\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "wrapper", "rooms", "extra.go"), []byte(extra), 0o644))
	code, stdout, stderr = run("./wrapper/rooms")
	assert.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Equal(t, "check-api: the exported API of rooms compared with "+baseline+"/:\n"+
		"compatible: added: pkg rooms, func Extra() string\n"+
		"check-api: ok: 1 compatible change since "+baseline+"/, none incompatible.\n", stdout)
}

func TestRunCannotCheck(t *testing.T) {
	empty := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(empty, "go.mod"), []byte("module example.com/empty\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(empty, "lib.go"), []byte("package lib\n\n// F is the API.\nfunc F() {}\n"), 0o644))
	tests := []struct {
		name, want string
		args       []string
	}{
		{name: "bad flag", args: []string{"-nope"}, want: "flag provided but not defined: -nope"},
		{name: "no baseline", args: []string{"-root", empty, "."}, want: "check-api: cannot run the check: apicheck: baseline directory: stat "},
		{name: "no such package", args: []string{"-root", empty, "./nope"}, want: "check-api: cannot run the check: apicheck: load ./nope"},
		{name: "write without a package", args: []string{"-root", empty, "-write", "./nope"}, want: "check-api: cannot write the baseline: apicheck: load ./nope"},
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

func TestAcceptCommand(t *testing.T) {
	assert.Equal(t, "`make api-baseline` (that is, `go run ./internal/apicheck/cmd/apicheck -write ./wrapper/rooms ./wrapper/roomstest`)",
		acceptCommand([]string{"./wrapper/rooms", "./wrapper/roomstest"}, true))
	assert.Equal(t, "`make api-baseline` (that is, `go run ./internal/apicheck/cmd/apicheck -write`)", acceptCommand(nil, true))
	assert.Equal(t, "`go run ./internal/apicheck/cmd/apicheck -write -baseline x ./a`", acceptCommand([]string{"-baseline", "x", "./a"}, false))
}

// TestDefaultPackagesAreTheMakefiles keeps the two lists of the packages
// whose API is the contract in step: the command's default and the
// Makefile's API_PACKAGES, which make check-api passes.
func TestDefaultPackagesAreTheMakefiles(t *testing.T) {
	makefile, err := os.ReadFile(filepath.Join(repoRoot, "Makefile"))
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^API_PACKAGES\s*[:?]?=\s*(.*)$`).FindSubmatch(makefile)
	require.NotNil(t, m, "the Makefile sets API_PACKAGES")
	assert.Equal(t, defaultPackages(), strings.Fields(string(m[1])))
}
