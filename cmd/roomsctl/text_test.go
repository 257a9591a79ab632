package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// poison is what a hostile server adds to the text it answers: an ANSI
// colour, BEL, NUL, a bidi override, NEL, the line separator, a tab that
// would split a cell, and a line break followed by a fake row.
const poison = "\x1b[31m\a\x00\u202e\u0085\u2028\t|\r\nFAKE-ROW x"

// poisonEscaped is how poison reads once escaped (spelled out, not computed).
const poisonEscaped = `\x1b[31m\a\x00\u202e\u0085\u2028\t|\r\nFAKE-ROW x`

// poisoningProxy serves the fake f through a proxy that appends poison to
// every string of every JSON answer, but the ids, timestamps and action
// results (the client checks those, so they cannot carry text), and returns the API base URL of
// the proxy. With errorsOnly every answer is replaced by a 422 whose error
// envelope holds poison in every field instead.
func poisoningProxy(t *testing.T, f *fixture, errorsOnly bool) string {
	t.Helper()
	target, err := url.Parse(f.srv.URL)
	require.NoError(t, err)
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
	rp.ModifyResponse = func(resp *http.Response) error {
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return err
		}
		if errorsOnly {
			resp.StatusCode, resp.Status = http.StatusUnprocessableEntity, "422 Unprocessable Entity"
			resp.Header.Set("Content-Type", "application/json")
			body, err = json.Marshal(map[string]any{"errors": []any{map[string]any{
				"code": "10015" + poison, "title": "Bad" + poison, "detail": "detail" + poison,
				"source": map[string]any{"pointer": "/x" + poison, "parameter": "p" + poison},
			}}})
			require.NoError(t, err)
		} else if len(bytes.TrimSpace(body)) > 0 {
			var v any
			require.NoError(t, json.Unmarshal(body, &v))
			body, err = json.Marshal(poisonStrings(v))
			require.NoError(t, err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
		return nil
	}
	proxy := httptest.NewServer(rp)
	t.Cleanup(proxy.Close)
	return proxy.URL + target.Path
}

// poisonStrings appends poison to every string of v that is not an id or a
// timestamp.
func poisonStrings(v any) any {
	switch x := v.(type) {
	case string:
		if x == "ok" { // an action's result, which the client checks too
			return x
		}
		if _, err := uuid.Parse(x); err == nil && len(x) == 36 {
			return x
		}
		if _, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return x
		}
		return x + poison
	case map[string]any:
		for k, e := range x {
			x[k] = poisonStrings(e)
		}
	case []any:
		for i, e := range x {
			x[i] = poisonStrings(e)
		}
	}
	return v
}

// requireTerminalSafe fails when out holds a control or format character
// other than the "\n" ending each line, or a line that the poison started.
func requireTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		if r != '\n' && unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) {
			require.Failf(t, "unescaped character", "%s: %U at byte %d of %q", what, r, i, out)
		}
	}
	for line := range strings.Lines(out) {
		require.False(t, strings.HasPrefix(strings.TrimSpace(line), "FAKE-ROW"), "%s: the server's text added a line: %q", what, out)
	}
}

// poisonRefused are the verbs that refuse an answer whose text is poisoned,
// and what their error says: recordings download acts on the status and
// the download_url it reads, and neither is what the API sends once
// poisoned. What they print must still be one safe line.
var poisonRefused = map[string]string{"recordings download": "not ready"}

// TestServerTextIsDataInEveryCommand runs the sample of every API verb (the
// ones of verbSamples, which every new verb must add) through a proxy that
// poisons every string the fake answers. In table output nothing the server
// sent drives the terminal or adds a line or a cell; what the JSON output
// shows of the poison, the table shows escaped; -o json keeps the text exact.
func TestServerTextIsDataInEveryCommand(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(verbSamples)) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.env[envBaseURL] = poisoningProxy(t, f, false)
			r := f.run(t, verbSamples[name](t, f)...)
			if want, ok := poisonRefused[name]; ok {
				require.Equal(t, exitAPI, r.code, "stdout: %s", r.stdout)
				requireTerminalSafe(t, "stderr", r.stderr)
				requireOneLineError(t, r, want)
				assert.Empty(t, r.stdout)
				return
			}
			require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			requireTerminalSafe(t, "stdout", r.stdout)
			requireTerminalSafe(t, "stderr", r.stderr)

			g := newFixture(t)
			g.env[envBaseURL] = poisoningProxy(t, g, false)
			j := g.run(t, append([]string{"-o", "json"}, verbSamples[name](t, g)...)...)
			require.Equal(t, exitOK, j.code, "stderr: %s", j.stderr)
			require.True(t, json.Valid([]byte(j.stdout)), j.stdout)
			var shown any
			require.NoError(t, json.Unmarshal([]byte(j.stdout), &shown))
			// Both runs made the same state (but random tokens): each value
			// the JSON shows poisoned, the table shows once, escaped.
			values := poisonedValues(shown)
			assert.Equal(t, len(values), strings.Count(r.stdout, poisonEscaped), "the table shows the server's text, escaped: %s", r.stdout)
			for _, v := range values {
				assert.Contains(t, j.stdout, strings.Trim(mustJSON(t, v), `"`), "-o json keeps the text exact")
			}
		})
	}
}

// TestServerErrorTextIsOneLine answers every API verb with a 422 whose error
// fields hold the poison: stderr is one escaped line, in both output formats.
func TestServerErrorTextIsOneLine(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(verbSamples)) {
		for _, format := range []string{"table", "json"} {
			t.Run(name+"/"+format, func(t *testing.T) {
				t.Parallel()
				f := newFixture(t)
				f.env[envBaseURL] = poisoningProxy(t, f, true)
				r := f.run(t, append([]string{"-o", format}, verbSamples[name](t, f)...)...)
				require.Equal(t, exitAPI, r.code, "stdout: %s", r.stdout)
				requireTerminalSafe(t, "stderr", r.stderr)
				requireOneLineError(t, r, "422 Unprocessable Entity: Bad"+poisonEscaped)
				assert.Empty(t, r.stdout)
			})
		}
	}
}

// TestCellsAndLinesAreEscaped checks the two functions every text output goes
// through, on values no server sent: a table cell and a line.
func TestCellsAndLinesAreEscaped(t *testing.T) {
	t.Parallel()
	c, out := testCLI("table")
	rs := sampleRooms()
	rs[0].UniqueName = "two\nlines\tand\x1b[2J"
	require.NoError(t, printList(c, roomColumns(false), rs))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 3, "one row per room: %q", out.String())
	assert.Contains(t, lines[1], `two\nlines\tand\x1b[2J`)

	var b bytes.Buffer
	require.NoError(t, say(&b, "note: %s", "a\u2028b\u202ec"))
	assert.Equal(t, "note: a\\u2028b\\u202ec\n", b.String())
}

// poisonedValues returns the strings of v (decoded JSON) that end with
// poison, but record_type, which the table does not show.
func poisonedValues(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		if strings.HasSuffix(x, poison) {
			out = append(out, x)
		}
	case map[string]any:
		for k, e := range x {
			if k != "record_type" {
				out = append(out, poisonedValues(e)...)
			}
		}
	case []any:
		for _, e := range x {
			out = append(out, poisonedValues(e)...)
		}
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err, fmt.Sprint(v))
	return string(b)
}
