package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestKeyNeverPrintedWhenEchoed runs commands against a hostile server that
// echoes the Authorization header it receives into its error bodies, its
// X-Request-Id header and redirect locations: no output of roomsctl, table
// or JSON, holds the key or a piece of it (runCLI checks the whole key).
func TestKeyNeverPrintedWhenEchoed(t *testing.T) {
	const id = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		w.Header().Set("X-Request-Id", auth)
		if r.URL.Query().Get("loop") != "" || strings.HasSuffix(r.URL.Path, "/sessions") {
			http.Redirect(w, r, r.URL.Path+"?loop="+url.QueryEscape(auth), http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"errors":[{"code":%q,"title":%q,"detail":%q,"meta":{"echo":%q}}]}`, auth, "Bad "+auth, auth, auth)
	}))
	t.Cleanup(srv.Close)
	env := map[string]string{envAPIKey: testKey, envBaseURL: srv.URL + "/v2", envRetries: "1"}
	for _, args := range [][]string{
		{"rooms", "list"},
		{"-o", "json", "rooms", "get", id},
		{"rooms", "create", "--unique-name", "x"},
		{"rooms", "sessions", id}, // a redirect loop whose location holds the key
		{"tokens", "generate", id},
		{"sessions", "mute", id, "--all"},
		{"participants", "get", id},
	} {
		r := runCLI(t, env, args...)
		assert.Equal(t, exitAPI, r.code, "%v", args)
		out := r.stdout + r.stderr
		for i := 0; i+10 <= len(testKey); i++ {
			if strings.Contains(out, testKey[i:i+10]) {
				t.Errorf("%v: the output holds a piece of the key (bytes %d..%d)", args, i, i+10)
				break
			}
		}
		assert.Contains(t, out, "REDACTED", "%v: the echo was redacted, not absent", args)
	}
}
