package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed1c924325/telnyx-rooms-go/internal/leakcheck"
)

// cliKeys are API keys of the classes the fixed test key missed (see
// wrapper/rooms TestRedactionClasses): keys that overlap the marker
// REDACTED, hold characters escapes change, or end like an escape.
var cliKeys = []string{
	testKey,
	"KEY0123456789abRED",
	"DACTEDxyz0123456789_RE",
	`KEY+/=%&"'\<>#?;:@[]{}|^~` + "`!$*",
	"nu202ex1b0123456789",
	`KEY0123456789\`,
}

// stderrLeak names a leak of key in what roomsctl printed, past the
// "roomsctl: " every error line starts with.
func stderrLeak(r result, key string) string {
	out := strings.TrimPrefix(r.stderr, "roomsctl: ") + r.stdout
	return leakcheck.In(out, key, true)
}

// echoAPI is a hostile API that echoes text built from the Authorization
// header it gets (the key, "Bearer " cut off) into an error list and the
// X-Request-Id header of a 401.
type echoAPI struct {
	srv  *httptest.Server
	mu   sync.Mutex
	echo func(key string) string
}

func newEchoAPI(t testing.TB) *echoAPI {
	a := &echoAPI{}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		echo := a.echo(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		a.mu.Unlock()
		q, _ := json.Marshal(echo)
		// Every run builds a client (and a transport) of its own: an idle
		// connection kept by each would exhaust the fuzzer's files.
		w.Header().Set("Connection", "close")
		w.Header().Set("X-Request-Id", strings.Map(func(r rune) rune {
			if r < 0x21 || r > 0x7e {
				return '.'
			}
			return r
		}, echo))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"errors":[{"code":%s,"title":%s,"detail":%s,"source":{"pointer":%s},"meta":{"echo":%s}}]}`, q, q, q, q, q)
	}))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *echoAPI) run(t *testing.T, key string, echo func(string) string, args ...string) result {
	a.mu.Lock()
	a.echo = echo
	a.mu.Unlock()
	var stdout, stderr strings.Builder
	code := run(t.Context(), args, func(k string) string {
		return map[string]string{envAPIKey: key, envBaseURL: a.srv.URL + "/v2", envRetries: "0"}[k]
	}, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// TestStderrNeverShowsAnEchoedKey runs a command against a server that
// echoes each class of key, in each encoding, next to pieces of itself:
// stderr shows no encoding of the key and no run of its bytes.
func TestStderrNeverShowsAnEchoedKey(t *testing.T) {
	t.Parallel()
	a := newEchoAPI(t)
	const id = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	for _, key := range cliKeys {
		for _, e := range leakcheck.Encodings {
			for _, pattern := range []func(string) string{
				e.Encode,
				func(k string) string { return "RE" + e.Encode(k) + "TED " + e.Encode(k[:len(k)/2]) + e.Encode(k) },
			} {
				r := a.run(t, key, pattern, "rooms", "get", id)
				assert.Equal(t, exitAPI, r.code)
				if l := stderrLeak(r, key); l != "" {
					t.Errorf("key %d, %s: stderr leaks: %s", len(key), e.Name, l)
				}
			}
		}
	}
}

// TestBaseURLWithTheKeyNeverPrinted gives roomsctl base URLs that carry the
// key in their user info, query, fragment, host or path, from the
// environment and from --base-url: the error names none of it.
func TestBaseURLWithTheKeyNeverPrinted(t *testing.T) {
	t.Parallel()
	a := newEchoAPI(t)
	a.echo = func(string) string { return "unauthorized" }
	const id = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	for _, key := range cliKeys {
		esc := url.QueryEscape(key)
		for _, base := range []struct {
			url  string
			code int
		}{
			{"https://user:" + esc + "@api.example/v2", exitUsage},
			{"https://" + esc + "@api.example/v2", exitUsage},
			{"https://api.example/v2?key=" + esc, exitUsage},
			{"https://api.example/v2?key=" + leakcheck.EveryByte(key, "%%%02x"), exitUsage},
			{"https://api.example/v2#" + esc, exitUsage},
			{"http://" + strings.Map(hostByte, key) + ".example/v2", exitUsage}, // plain http: refused before the network
			{a.srv.URL + "/" + url.PathEscape(key) + "/v2", exitAPI},            // a path is allowed: every error names it
		} {
			for _, viaFlag := range []bool{false, true} {
				env := map[string]string{envAPIKey: key, envRetries: "0"}
				args := []string{"rooms", "get", id}
				if viaFlag {
					args = append([]string{"--base-url", base.url}, args...)
				} else {
					env[envBaseURL] = base.url
				}
				var stdout, stderr strings.Builder
				code := run(t.Context(), args, func(k string) string { return env[k] }, &stdout, &stderr)
				r := result{code: code, stdout: stdout.String(), stderr: stderr.String()}
				assert.Equal(t, base.code, r.code, "%s", r.stderr)
				if l := stderrLeak(r, key); l != "" {
					t.Errorf("key %d, base URL %d (flag %v): stderr leaks: %s", len(key), len(base.url), viaFlag, l)
				}
			}
		}
	}
}

// hostByte keeps the bytes of a key a host name may hold.
func hostByte(r rune) rune {
	if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
		return r
	}
	return 'x'
}

// FuzzStderrRedaction fuzzes the key and the echo (pre, the key in one of
// leakcheck.Encodings, post, and a piece of the key) of a hostile API:
// roomsctl's stderr shows no encoding of the key and no run of its bytes.
func FuzzStderrRedaction(f *testing.F) {
	for i, key := range cliKeys {
		f.Add(key, uint8(i), "RE", "TED", uint8(0), uint8(len(key)/2))
	}
	f.Add("abcdefgRE", uint8(0), "abcdefg", "", uint8(0), uint8(0))
	a := newEchoAPI(f)
	f.Fuzz(func(t *testing.T, key string, enc uint8, pre, post string, from, to uint8) {
		if strings.TrimSpace(key) != key || key == "" || len(key) > 128 || len(pre)+len(post) > 1024 {
			return
		}
		for _, c := range []byte(key) {
			if c < 0x21 || c > 0x7e {
				return // refused by the client before any output
			}
		}
		e := leakcheck.Encodings[int(enc)%len(leakcheck.Encodings)].Encode
		i := int(from) % len(key)
		j := i + int(to)%(len(key)-i+1)
		r := a.run(t, key, func(k string) string { return pre + e(k) + post + e(k[i:j]) }, "rooms", "get", "7b61621f-62e0-4aad-ab11-9fd19e272e73")
		if l := stderrLeak(r, key); l != "" {
			t.Errorf("stderr leaks: %s", l)
		}
	})
}
