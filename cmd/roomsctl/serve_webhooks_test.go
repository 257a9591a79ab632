package main

import (
	"bufio"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// serveBanner runs `roomsctl serve args...` with env until the test ends
// and returns the lines of its banner (up to the webhooks line), and a
// function that stops it and returns its exit status and stderr.
func serveBanner(t *testing.T, env map[string]string, args ...string) (banner []string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	outR, outW := io.Pipe()
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), func(k string) string { return env[k] }, outW, &stderr)
		outW.Close()
	}()
	sc := bufio.NewScanner(outR)
	for sc.Scan() {
		banner = append(banner, sc.Text())
		if strings.HasPrefix(sc.Text(), "webhooks: ") {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	code := -1
	stop = func() (int, string) {
		if code < 0 {
			cancel()
			code = <-done
		}
		return code, stderr.String()
	}
	t.Cleanup(func() { stop() })
	return banner, stop
}

// bannerKey returns the key of the banner's line "webhook public key: BASE64".
func bannerKey(t *testing.T, banner []string) string {
	t.Helper()
	for _, l := range banner {
		if k, ok := strings.CutPrefix(l, "webhook public key: "); ok {
			return k
		}
	}
	require.FailNow(t, "no line \"webhook public key: BASE64\"", "%q", banner)
	return ""
}

func TestServePrintsTheWebhookPublicKey(t *testing.T) {
	pub, priv := hookKey(7)
	tests := []struct {
		name    string
		env     map[string]string
		wantKey string // "" for a generated one
		origin  string
	}{
		{name: "generated", origin: "generated for this run; set " + envServeWebhookKey + " to keep one"},
		{name: "from a seed", env: map[string]string{envServeWebhookKey: b64(priv.Seed())}, wantKey: b64(pub), origin: "from " + envServeWebhookKey},
		{name: "from a private key", env: map[string]string{envServeWebhookKey: b64(priv)}, wantKey: b64(pub), origin: "from " + envServeWebhookKey},
		{name: "unpadded", env: map[string]string{envServeWebhookKey: strings.TrimRight(b64(priv.Seed()), "=")}, wantKey: b64(pub), origin: "from " + envServeWebhookKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			banner, stop := serveBanner(t, tt.env, "--addr", "127.0.0.1:0")
			key := bannerKey(t, banner)
			assert.Regexp(t, `^[A-Za-z0-9+/]{43}=$`, key, "base64 of 32 bytes")
			if tt.wantKey != "" {
				assert.Equal(t, tt.wantKey, key)
			}
			last := banner[len(banner)-1]
			assert.Contains(t, last, tt.origin)
			assert.Contains(t, last, "loopback URLs only (--webhook-any-host for others)")
			assert.Contains(t, last, "roomsctl webhooks listen --public-key "+key)
			code, stderr := stop()
			assert.Equal(t, exitOK, code)
			assert.NotContains(t, stderr, "warning")
			if tt.env != nil {
				assert.NotContains(t, strings.Join(banner, "\n")+stderr, tt.env[envServeWebhookKey], "the private key is never printed")
			}
		})
	}
}

func TestServeWebhookAnyHostWarns(t *testing.T) {
	banner, stop := serveBanner(t, nil, "--addr", "127.0.0.1:0", "--webhook-any-host")
	assert.Contains(t, banner[len(banner)-1], "sent to a room's webhook URLs on any URL")
	code, stderr := stop()
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stderr, "roomsctl: warning: --webhook-any-host: ")
}

func TestServeWebhookKeyIsChecked(t *testing.T) {
	_, priv := hookKey(8)
	mismatched := append(append([]byte(nil), priv.Seed()...), make([]byte, 32)...)
	tests := []struct{ name, value, wantErr string }{
		{"not base64", "not*base64!", envServeWebhookKey + " is not base64"},
		{"16 bytes", b64(make([]byte, 16)), envServeWebhookKey + " holds 16 bytes: want the base64 of an Ed25519 seed (32 bytes) or private key (64 bytes)"},
		{"a public half that does not match", b64(mismatched), envServeWebhookKey + " is not an Ed25519 private key: its public half does not match its seed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, map[string]string{envServeWebhookKey: tt.value}, "serve", "--addr", "127.0.0.1:0")
			assert.Equal(t, exitUsage, r.code)
			assert.Empty(t, r.stdout, "nothing served")
			requireOneLineError(t, r, "serve: "+tt.wantErr)
			assert.NotContains(t, r.stderr, tt.value)
		})
	}
}

// TestServeDeliversToWebhooksListen is the README's recipe: serve signs,
// webhooks listen verifies with the key serve printed, and prints the
// events of a session ended through the CLI.
func TestServeDeliversToWebhooksListen(t *testing.T) {
	banner, _ := serveBanner(t, nil, "--addr", "127.0.0.1:0", "--seed")
	base := strings.TrimPrefix(banner[0], "fake Telnyx Rooms API listening on ")
	l := startListen(t, nil, "--addr", "127.0.0.1:0", "--public-key", bannerKey(t, banner))

	env := map[string]string{envAPIKey: testKey, envBaseURL: base}
	r := runCLI(t, env, "rooms", "update", roomstest.SeedRoomID, "--webhook-url", l.url)
	require.Equal(t, exitOK, r.code, r.stderr)
	r = runCLI(t, env, "sessions", "end", roomstest.SeedSessionID)
	require.Equal(t, exitOK, r.code, r.stderr)

	ids := "room_id=" + roomstest.SeedRoomID + " session_id=" + roomstest.SeedSessionID
	want := []string{
		"video.room.participant.left .* " + ids + " participant_id=(" + roomstest.SeedAliceID + "|" + roomstest.SeedBobID + ") left_reason=session_ended",
		"video.room.participant.left .* " + ids + " participant_id=(" + roomstest.SeedAliceID + "|" + roomstest.SeedBobID + ") left_reason=session_ended",
		"video.room.session.ended .* " + ids + " ended_reason=ended",
	}
	var got []string
	for _, w := range want {
		line := nextLine(t, l.stdout, "the listener's stdout")
		assert.Regexp(t, "^"+w+"$", line)
		got = append(got, line)
	}
	assert.NotEqual(t, regexp.MustCompile(`participant_id=\S+`).FindString(got[0]), regexp.MustCompile(`participant_id=\S+`).FindString(got[1]),
		"Alice and Bob each left once")
}
