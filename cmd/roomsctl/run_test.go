package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testKey is the API key the tests put in the environment; no output may contain it.
const testKey = "KEY-test-7c6f1e0d-never-print-me"

// result is what one roomsctl invocation produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs roomsctl in-process with env as its whole environment.
func runCLI(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	r := result{code: code, stdout: stdout.String(), stderr: stderr.String()}
	require.NotContains(t, r.stdout+r.stderr, testKey, "the API key leaked into the output")
	return r
}

// tripwire is an API root that fails the test if any request reaches it.
func tripwire(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		http.Error(w, "tripwire", http.StatusTeapot)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// requireOneLineError checks that stderr is exactly one "roomsctl: ..." line holding want.
func requireOneLineError(t *testing.T, r result, want string) {
	t.Helper()
	assert.True(t, strings.HasPrefix(r.stderr, "roomsctl: "), "stderr: %q", r.stderr)
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "stderr is not one line: %q", r.stderr)
	assert.Contains(t, r.stderr, want)
}

func TestUsageErrorsExitTwoBeforeAnyRequest(t *testing.T) {
	const id = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	tests := []struct {
		name    string
		noKey   bool
		env     map[string]string
		args    []string
		wantErr string
	}{
		{name: "unknown group", args: []string{"bogus"}, wantErr: `unknown command "bogus"`},
		{name: "missing verb", args: []string{"rooms"}, wantErr: "rooms: missing verb"},
		{name: "unknown verb", args: []string{"rooms", "explode"}, wantErr: `unknown verb "explode"; want one of list, create`},
		{name: "unknown global flag", args: []string{"--verbose", "rooms", "list"}, wantErr: "flag provided but not defined: -verbose"},
		{name: "unknown verb flag", args: []string{"rooms", "list", "--bogus"}, wantErr: "rooms list: flag provided but not defined: -bogus"},
		{name: "missing argument", args: []string{"rooms", "get"}, wantErr: "rooms get: want ROOM_ID, got 0 argument(s)"},
		{name: "extra argument", args: []string{"participants", "get", id, id}, wantErr: "want PARTICIPANT_ID, got 2 argument(s)"},
		{name: "argument to a verb without any", args: []string{"rooms", "list", "x"}, wantErr: "want no arguments, got 1"},
		{name: "unknown output format", args: []string{"-o", "yaml", "rooms", "list"}, wantErr: `-o "yaml": want table or json`},
		{name: "unknown output format after the verb", args: []string{"rooms", "list", "-o", "csv"}, wantErr: `-o "csv"`},
		{name: "impossible date", args: []string{"rooms", "list", "--created-on", "2021-02-30"}, wantErr: "want a date as YYYY-MM-DD"},
		{name: "date with a time", args: []string{"sessions", "list", "--ended-from", "2021-02-03T10:00:00Z"}, wantErr: "want a date as YYYY-MM-DD"},
		{name: "not a number", args: []string{"rooms", "create", "--max-participants", "many"}, wantErr: "invalid value \"many\" for flag -max-participants"},
		{name: "not a boolean", args: []string{"sessions", "list", "--active=maybe"}, wantErr: "want true or false"},
		{name: "update without fields", args: []string{"rooms", "update", id, "-o", "json"}, wantErr: "rooms update: nothing to change"},
		{name: "kick nobody", args: []string{"sessions", "kick", id}, wantErr: "sessions kick: say who: --all or --participant ID"},
		{name: "mute all and some", args: []string{"sessions", "mute", id, "--all", "--participant", id}, wantErr: "--all and --participant exclude each other"},
		{name: "empty participant id", args: []string{"sessions", "unmute", id, "--participant", "a,,b"}, wantErr: "empty value"},
		{name: "refresh without token", args: []string{"tokens", "refresh", id}, wantErr: "tokens refresh: --refresh-token is required"},
		{name: "ttl as a duration", args: []string{"tokens", "generate", id, "--ttl", "10m"}, wantErr: "want a positive whole number of seconds"},
		{name: "no API key", noKey: true, args: []string{"rooms", "list"}, wantErr: "no API key: set the TELNYX_API_KEY environment variable"},
		{name: "bad retries", env: map[string]string{envRetries: "-1"}, args: []string{"rooms", "list"}, wantErr: "ROOMSCTL_RETRIES"},
		{name: "base URL without host", env: map[string]string{envBaseURL: "http://"}, args: []string{"rooms", "list"}, wantErr: "has no host"},
		{name: "help for an unknown group", args: []string{"help", "bogus"}, wantErr: `help: unknown command "bogus"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{envAPIKey: testKey, envBaseURL: tripwire(t)}
			if tt.noKey {
				delete(env, envAPIKey)
			}
			for k, v := range tt.env {
				env[k] = v
			}
			r := runCLI(t, env, tt.args...)
			assert.Equal(t, exitUsage, r.code)
			assert.Empty(t, r.stdout)
			requireOneLineError(t, r, tt.wantErr)
		})
	}
}

func TestNoCommandPrintsHelpToStderr(t *testing.T) {
	r := runCLI(t, nil)
	assert.Equal(t, exitUsage, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "Usage:\n  roomsctl [--base-url URL] [-o table|json] GROUP VERB [flags] [ARGS]")
	assert.Contains(t, r.stderr, "roomsctl: missing command")
}

func TestHelp(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{name: "help", args: []string{"help"}, want: []string{
			"roomsctl [--base-url URL] [-o table|json] GROUP VERB [flags] [ARGS]",
			"rooms list|create|get|update|delete|sessions",
			"tokens generate|refresh",
			"sessions list|get|end|participants|kick|mute|unmute",
			"participants list|get",
			"serve [--addr 127.0.0.1:4010] [--api-key K] [--seed]",
			"demo ",
			"TELNYX_API_KEY",
			"Exit status: 0 ok, 1 API or network error, 2 usage or validation error.",
		}},
		{name: "--help", args: []string{"--help"}, want: []string{"GROUP VERB"}},
		{name: "-h", args: []string{"-h"}, want: []string{"GROUP VERB"}},
		{name: "group --help", args: []string{"sessions", "--help"}, want: []string{
			"roomsctl [global flags] sessions VERB",
			"sessions kick SESSION_ID (--all | --participant ID...) [--exclude ID...]",
			"sessions participants SESSION_ID",
		}},
		{name: "help group", args: []string{"help", "tokens"}, want: []string{
			"tokens generate ROOM_ID [--ttl S] [--refresh-ttl S]",
			"tokens refresh ROOM_ID --refresh-token T [--ttl S]",
		}},
		{name: "verb --help", args: []string{"rooms", "list", "--help"}, want: []string{
			"roomsctl [global flags] rooms list [flags]",
			"API operation: listRooms.",
			"--created-on DATE", "--created-from DATE", "--created-to DATE",
			"--updated-on DATE", "--unique-name NAME", "--include-sessions",
			"--page N", "--page-size N", "--all ",
		}},
		{name: "help group verb", args: []string{"help", "rooms", "update"}, want: []string{
			"rooms update ROOM_ID", "--unique-name NAME", "--max-participants N", "--enable-recording",
			"--webhook-url URL", "--webhook-failover-url URL", "--webhook-timeout S",
		}},
		{name: "verb -h after an argument", args: []string{"sessions", "mute", "x", "-h"}, want: []string{
			"--all ", "--participant ID", "--exclude ID",
		}},
		{name: "serve --help", args: []string{"serve", "--help"}, want: []string{
			"--addr host:port", "(default 127.0.0.1:4010)", "--api-key K", "ROOMSCTL_SERVE_API_KEY", "--seed",
		}},
		{name: "help demo", args: []string{"help", "demo"}, want: []string{"no key, no network"}},
		{name: "participants list filters", args: []string{"participants", "list", "-h"}, want: []string{
			"--joined-on DATE", "--left-to DATE", "--context TEXT", "--session-id ID",
		}},
		{name: "sessions list filters", args: []string{"help", "sessions", "list"}, want: []string{
			"--ended-from DATE", "--active", "--room-id ID", "--include-participants",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.args...)
			assert.Equal(t, exitOK, r.code)
			assert.Empty(t, r.stderr)
			for _, w := range tt.want {
				assert.Contains(t, r.stdout, w)
			}
		})
	}
}

func TestVerbHelpLeavesOutGlobalFlags(t *testing.T) {
	r := runCLI(t, nil, "rooms", "get", "--help")
	require.Equal(t, exitOK, r.code)
	assert.NotContains(t, r.stdout, "\n  --base-url")
	assert.NotContains(t, r.stdout, "\n  --o ")
	assert.Contains(t, r.stdout, "\n  --include-sessions")
	assert.Contains(t, r.stdout, "Global flags --base-url URL and -o table|json")
}
