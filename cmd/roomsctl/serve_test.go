package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// seedRoomID is a room of the seed world (the API documentation's example).
const seedRoomID = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"

// startServe runs `roomsctl serve args...` until the test ends and returns
// the base URL it printed, and a function that stops it and returns its exit
// status and stderr.
func startServe(t *testing.T, env map[string]string, args ...string) (baseURL string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), func(k string) string { return env[k] }, outW, &stderr)
		outW.Close()
	}()
	lines := bufio.NewScanner(outR)
	require.True(t, lines.Scan(), "serve printed nothing")
	first := lines.Text()
	const prefix = "fake Telnyx Rooms API listening on "
	require.True(t, strings.HasPrefix(first, prefix), first)
	drained := make(chan string, 1)
	go func() {
		rest, _ := io.ReadAll(outR)
		drained <- string(rest)
	}()
	var stopped bool
	stop = func() (int, string) {
		stopped = true
		cancel()
		code := <-done
		rest := <-drained
		assert.Contains(t, rest, "ROOMSCTL_BASE_URL="+strings.TrimPrefix(first, prefix))
		return code, stderr.String()
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return strings.TrimPrefix(first, prefix), stop
}

func TestServeRunsTheFakeUntilCancelled(t *testing.T) {
	base, stop := startServe(t, nil, "--addr", "127.0.0.1:0", "--seed")
	assert.Regexp(t, `^http://127\.0\.0\.1:[1-9][0-9]*/v2$`, base)

	r := runCLI(t, map[string]string{envAPIKey: testKey, envBaseURL: base}, "rooms", "get", seedRoomID)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, `(?m)^UNIQUE NAME +my_video_room$`, r.stdout, "the seed world is loaded")

	code, stderr := stop()
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "roomsctl: serve: stopped\n", stderr)

	r = runCLI(t, map[string]string{envAPIKey: testKey, envBaseURL: base, envRetries: "0"}, "rooms", "list")
	assert.Equal(t, exitAPI, r.code, "the server is gone once ctx is cancelled")
}

func TestServeWithoutSeedIsEmpty(t *testing.T) {
	base, _ := startServe(t, nil, "--addr=127.0.0.1:0")
	r := runCLI(t, map[string]string{envAPIKey: testKey, envBaseURL: base}, "-o", "json", "rooms", "list")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "[]\n", r.stdout)
}

func TestServeAPIKey(t *testing.T) {
	const serveKey = "serve-key-4b1d-never-print-me"
	tests := []struct {
		name        string
		env         map[string]string
		args        []string
		wantWarning bool
	}{
		{name: "from the flag, with a warning", args: []string{"--api-key", serveKey}, wantWarning: true},
		{name: "from the environment", env: map[string]string{envServeAPIKey: serveKey}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, stop := startServe(t, tt.env, append([]string{"--addr", "127.0.0.1:0"}, tt.args...)...)

			wrong := runCLI(t, map[string]string{envAPIKey: testKey, envBaseURL: base}, "rooms", "list")
			assert.Equal(t, exitAPI, wrong.code)
			requireOneLineError(t, wrong, "401")

			right := runCLI(t, map[string]string{envAPIKey: serveKey, envBaseURL: base}, "rooms", "list")
			assert.Equal(t, exitOK, right.code, right.stderr)
			assert.NotContains(t, right.stdout+right.stderr, serveKey)

			code, stderr := stop()
			assert.Equal(t, exitOK, code)
			assert.NotContains(t, stderr, serveKey)
			if tt.wantWarning {
				assert.Contains(t, stderr, "roomsctl: warning: --api-key lands in your shell history; set "+envServeAPIKey+" instead")
			} else {
				assert.NotContains(t, stderr, "warning")
			}
		})
	}
}

func TestServeOnABusyAddressFails(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	r := runCLI(t, nil, "serve", "--addr", ln.Addr().String())
	assert.Equal(t, exitAPI, r.code)
	assert.Empty(t, r.stdout)
	requireOneLineError(t, r, "serve: listen tcp "+ln.Addr().String())
}

func TestServeRateLimit(t *testing.T) {
	base, stop := startServe(t, nil, "--addr", "127.0.0.1:0", "--rate-limit", "2/1h")
	env := map[string]string{envAPIKey: testKey, envBaseURL: base, envRetries: "0"}
	for range 2 {
		r := runCLI(t, env, "rooms", "list")
		require.Equal(t, exitOK, r.code, r.stderr)
	}
	r := runCLI(t, env, "rooms", "list")
	assert.Equal(t, exitAPI, r.code)
	requireOneLineError(t, r, "429 Too Many Requests")
	assert.Contains(t, r.stderr, "code 10011")

	other := runCLI(t, map[string]string{envAPIKey: "another-key", envBaseURL: base, envRetries: "0"}, "rooms", "list")
	assert.Equal(t, exitOK, other.code, "every key has its own budget: %s", other.stderr)
	code, _ := stop()
	assert.Equal(t, exitOK, code)
}

func TestServeRateLimitFlagIsChecked(t *testing.T) {
	for _, v := range []string{"100", "0/1m", "-1/1m", "x/1m", "100/", "100/0s", "100/-1s", "100/soon", "3000000000/1s"} {
		t.Run(v, func(t *testing.T) {
			r := runCLI(t, nil, "serve", "--addr", "127.0.0.1:0", "--rate-limit", v)
			assert.Equal(t, exitUsage, r.code)
			assert.Empty(t, r.stdout, "nothing served")
			requireOneLineError(t, r, "serve: --rate-limit")
		})
	}
}

// TestServeSeedHasARecordingAndAComposition: `roomsctl serve --seed` answers
// the recording and composition lists with the seeded resources, and their
// download URLs, on the served address, give the media without a key.
func TestServeSeedHasARecordingAndAComposition(t *testing.T) {
	base, _ := startServe(t, nil, "--addr", "127.0.0.1:0", "--seed")
	for _, tt := range []struct{ path, id string }{
		{"/room_recordings", roomstest.SeedRecordingID},
		{"/room_compositions", roomstest.SeedCompositionID},
	} {
		req, err := http.NewRequest(http.MethodGet, base+tt.path, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+testKey)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var page struct {
			Data []struct {
				ID          string `json:"id"`
				DownloadURL string `json:"download_url"`
			} `json:"data"`
		}
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&page))
		require.NoError(t, resp.Body.Close())
		require.Equal(t, http.StatusOK, resp.StatusCode, tt.path)
		require.Len(t, page.Data, 1, tt.path)
		assert.Equal(t, tt.id, page.Data[0].ID)
		assert.True(t, strings.HasPrefix(page.Data[0].DownloadURL, strings.TrimSuffix(base, roomstest.BasePath)+roomstest.MediaPath), page.Data[0].DownloadURL)

		media, err := http.Get(page.Data[0].DownloadURL)
		require.NoError(t, err)
		_, err = io.Copy(io.Discard, media.Body)
		require.NoError(t, err)
		require.NoError(t, media.Body.Close())
		assert.Equal(t, http.StatusOK, media.StatusCode, "the media, without a key")
	}
}
