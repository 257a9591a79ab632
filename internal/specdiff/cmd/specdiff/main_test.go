package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	contract, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "openapi.yaml"))
	require.NoError(t, err)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
		return path
	}
	base := write("base.yaml", string(contract))
	same := write("same.yaml", string(contract))
	const viewRoomID = "      operationId: viewRoom\n"
	require.Equal(t, 1, strings.Count(string(contract), viewRoomID))
	renamed := write("renamed.yaml", strings.Replace(string(contract), viewRoomID, "      operationId: getRoom\n", 1))

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "no changes", args: []string{"-base", base, "-revision", same}, wantCode: 0, wantStdout: "spec-diff: ok: no changes"},
		{name: "breaking", args: []string{"-base", base, "-revision", renamed}, wantCode: 1,
			wantStdout: "[api-operation-id-removed] GET /rooms/{room_id} (viewRoom): api operation id `viewRoom` removed and replaced with `getRoom`"},
		{name: "missing file", args: []string{"-base", filepath.Join(dir, "nope.yaml"), "-revision", same}, wantCode: 2, wantStderr: "specdiff: load base"},
		{name: "bad flag", args: []string{"-nope"}, wantCode: 2, wantStderr: "flag provided but not defined: -nope"},
		{name: "extra argument", args: []string{"-base", base, "-revision", same, "extra"}, wantCode: 2, wantStderr: `unexpected arguments ["extra"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			assert.Equal(t, tt.wantCode, code, "stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
			if tt.wantStdout != "" {
				assert.Contains(t, stdout.String(), tt.wantStdout)
			}
			if tt.wantStderr != "" {
				assert.Contains(t, stderr.String(), tt.wantStderr)
			} else {
				assert.Empty(t, stderr.String())
			}
		})
	}
}
