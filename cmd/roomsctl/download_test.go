package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mediaServer serves body at /media/file.webm, failing the test if a
// request carries an Authorization header; it counts the requests.
func mediaServer(t *testing.T, body []byte, length string) (*httptest.Server, *int) {
	t.Helper()
	n := new(int)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*n++
		assert.Empty(t, r.Header.Values("Authorization"), "the download carried an Authorization header")
		if length != "" {
			w.Header().Set("Content-Length", length)
		}
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, n
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

func TestFetch(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte("media"), 1000)
	cases := []struct {
		name    string
		length  string // Content-Length sent; "" lets net/http set it
		max     int64
		wantErr string
	}{
		{name: "whole file", max: int64(len(body))},
		{name: "announced beyond the limit", max: int64(len(body)) - 1, wantErr: "more than --max-bytes"},
		{name: "streamed beyond the limit", length: "-", max: 10, wantErr: "more than --max-bytes 10"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			length := tc.length
			if length == "-" {
				length = "" // chunked below: no Content-Length
			}
			srv, _ := mediaServer(t, body, length)
			var dst bytes.Buffer
			n, err := fetch(t.Context(), mustURL(t, srv.URL+"/media/file.webm"), &dst, tc.max, nil)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, int64(len(body)), n)
			assert.Equal(t, body, dst.Bytes())
		})
	}
}

func TestFetchRefusesAShortBodyAndErrors(t *testing.T) {
	t.Parallel()
	short := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		_, _ = w.Write([]byte("only this"))
	}))
	t.Cleanup(short.Close)
	_, err := fetch(t.Context(), mustURL(t, short.URL), new(bytes.Buffer), 1000, nil)
	require.Error(t, err)

	gone := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(gone.Close)
	_, err = fetch(t.Context(), mustURL(t, gone.URL), new(bytes.Buffer), 1000, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "404")
}

func TestFetchProgressBar(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte{1}, 64<<10)
	srv, _ := mediaServer(t, body, strconv.Itoa(len(body)))
	var stdout bytes.Buffer
	_, err := fetch(t.Context(), mustURL(t, srv.URL), new(bytes.Buffer), 1<<20, &stdout)
	require.NoError(t, err)
	out := stdout.String()
	assert.True(t, strings.HasPrefix(out, "\r["), "redrawn in place: %q", out)
	assert.True(t, strings.HasSuffix(out, "\r["+strings.Repeat("#", barWidth)+"] 100% 64.0 KiB of 64.0 KiB\n"), "ends full, then a new line: %q", out)
	assert.LessOrEqual(t, strings.Count(out, "\r"), 101, "redrawn only when the text changes")
}

func TestProgressWithoutTotal(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	p := &progress{w: &out, total: -1}
	_, _ = p.Write(make([]byte, 1000))
	_, _ = p.Write(make([]byte, 1000))
	p.finish()
	assert.Equal(t, "\r1000 B\r2.0 KiB\n", out.String())
}

func TestCheckDownloadURL(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"https://media.example.com/r.webm", "http://127.0.0.1:8080/media/x.mka", "http://[::1]/x", "http://localhost/x"} {
		_, err := checkDownloadURL(ok)
		assert.NoError(t, err, ok)
	}
	for _, bad := range []string{"http://media.example.com/r.webm", "ftp://127.0.0.1/x", "/media/x", "https://user:pass@media.example.com/x", "file:///etc/passwd", "https://"} {
		_, err := checkDownloadURL(bad)
		assert.Error(t, err, bad)
	}
}

func TestDownloadRedirects(t *testing.T) {
	t.Parallel()
	check := downloadClient().CheckRedirect
	req := func(s string) *http.Request { return &http.Request{URL: mustURL(t, s)} }
	assert.NoError(t, check(req("https://b.example/x"), []*http.Request{req("https://a.example/x")}))
	assert.Error(t, check(req("http://127.0.0.1/x"), []*http.Request{req("https://a.example/x")}), "https to http")
	assert.Error(t, check(req("http://b.example/x"), []*http.Request{req("http://127.0.0.1/x")}), "http off loopback")
	var via []*http.Request
	for range maxDownloadRedirects {
		via = append(via, req("https://a.example/x"))
	}
	assert.Error(t, check(req("https://b.example/x"), via), "too many")
}

func TestDefaultExtension(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://m.example/media/recordings/abc.webm": ".webm", "https://m.example/a.mka?sig=1": ".mka",
		"https://m.example/a": "", "https://m.example/a.tar.gz": ".gz", "https://m.example/a.%2e%2e%2fx": "",
		"https://m.example/a.verylongext": "", "https://m.example/a.we bm": "",
	} {
		assert.Equal(t, want, defaultExtension(mustURL(t, in)), in)
	}
}

func TestOpenTarget(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	existing := filepath.Join(dir, "taken.webm")
	require.NoError(t, os.WriteFile(existing, []byte("keep me"), 0o644))

	_, _, _, err := openTarget(existing, false)
	require.Error(t, err)
	assert.True(t, isUsage(err), "an existing file is the caller's to move: exit 2")
	assert.Contains(t, err.Error(), "--force")
	got, _ := os.ReadFile(existing)
	assert.Equal(t, "keep me", string(got))

	// --force replaces it only once the download is complete.
	w, commit, _, err := openTarget(existing, true)
	require.NoError(t, err)
	_, _ = w.Write([]byte("new"))
	got, _ = os.ReadFile(existing)
	assert.Equal(t, "keep me", string(got), "untouched until commit")
	require.NoError(t, commit())
	got, _ = os.ReadFile(existing)
	assert.Equal(t, "new", string(got))

	// A failed download leaves nothing behind, with or without --force.
	for i, force := range []bool{false, true} {
		out := filepath.Join(dir, "failed"+strconv.Itoa(i))
		w, _, abort, err := openTarget(out, force)
		require.NoError(t, err)
		_, _ = w.Write([]byte("half"))
		abort()
		_, err = os.Stat(out)
		assert.ErrorIs(t, err, os.ErrNotExist)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left: %v", entries)
}

func TestIsTerminal(t *testing.T) {
	t.Parallel()
	assert.False(t, isTerminal(new(bytes.Buffer)))
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a regular file")
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer null.Close()
	assert.False(t, isTerminal(null), "the null device is a character device, not a terminal")
}

func TestFmtBytes(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 5 << 20: "5.0 MiB", 3 << 30: "3.0 GiB"} {
		assert.Equal(t, want, fmtBytes(n), n)
	}
}
