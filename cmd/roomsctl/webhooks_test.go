package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hookKey returns a key pair made from a fixed seed, so that failures
// reproduce; seed picks one of several.
func hookKey(seed byte) (ed25519.PublicKey, ed25519.PrivateKey) {
	s := make([]byte, ed25519.SeedSize)
	for i := range s {
		s[i] = seed + byte(i)
	}
	priv := ed25519.NewKeyFromSeed(s)
	return priv.Public().(ed25519.PublicKey), priv
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// signedHook returns the headers of body signed at t with priv, as the
// scheme says and with crypto/ed25519 alone: the timestamp, "|", the body.
func signedHook(priv ed25519.PrivateKey, t time.Time, body []byte) http.Header {
	ts := strconv.FormatInt(t.Unix(), 10)
	h := http.Header{}
	h.Set("telnyx-signature-ed25519", b64(ed25519.Sign(priv, append([]byte(ts+"|"), body...))))
	h.Set("telnyx-timestamp", ts)
	return h
}

// hookBody is a webhook body of the given type, id and payload (JSON).
func hookBody(eventType, id, payload string) []byte {
	return []byte(`{"data": {"record_type": "event", "event_type": "` + eventType + `", "id": "` + id +
		`", "occurred_at": "2026-01-02T09:00:05.25Z", "payload": ` + payload + `}, "meta": {"attempt": 1, "delivered_to": "http://127.0.0.1/"}}`)
}

// lines sends the lines read from r until it ends.
func lines(r io.Reader) <-chan string {
	ch := make(chan string, 64)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			ch <- sc.Text()
		}
		_, _ = io.Copy(io.Discard, r)
	}()
	return ch
}

// nextLine returns the next line of ch, failing the test if none comes
// within outerBound (not a budget: the line comes as soon as it is written).
func nextLine(t *testing.T, ch <-chan string, what string) string {
	t.Helper()
	select {
	case l, ok := <-ch:
		require.True(t, ok, "%s ended without the line", what)
		return l
	case <-time.After(outerBound):
		require.FailNow(t, "no line on "+what)
		return ""
	}
}

// listener is a `roomsctl webhooks listen` run in-process.
type listener struct {
	url            string
	stdout, stderr <-chan string
	stop           func() int // cancels the run and returns its exit status
}

// startListen runs `roomsctl webhooks listen args...` with env until the
// test ends.
func startListen(t *testing.T, env map[string]string, args ...string) *listener {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	outR, outW := io.Pipe()
	errR, errW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"webhooks", "listen"}, args...), func(k string) string { return env[k] }, outW, errW)
		outW.Close()
		errW.Close()
	}()
	l := &listener{stdout: lines(outR), stderr: lines(errR)}
	first := nextLine(t, l.stderr, "stderr")
	const prefix = "webhook receiver listening on "
	require.True(t, strings.HasPrefix(first, prefix), first)
	l.url = strings.TrimPrefix(first, prefix)
	assert.Contains(t, nextLine(t, l.stderr, "stderr"), "roomsctl rooms update ROOM_ID --webhook-url "+l.url)
	code := -1
	l.stop = func() int {
		if code < 0 {
			cancel()
			code = <-done
		}
		return code
	}
	t.Cleanup(func() { l.stop() })
	return l
}

// post sends body with header to the listener and returns the status.
func (l *listener) post(t *testing.T, method string, header http.Header, body []byte) int {
	t.Helper()
	status, err := l.send(t.Context(), method, header, body)
	require.NoError(t, err)
	return status
}

// send is post for goroutines other than the test's: it fails nothing.
func (l *listener) send(ctx context.Context, method string, header http.Header, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, l.url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Body.Close()
}

const (
	hookRoom    = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
	hookSession = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	hookPerson  = "5f3a9c2e-1b4d-4e6f-8a7b-9c0d1e2f3a4b"
)

func TestWebhooksListenPrintsEachVerifiedEvent(t *testing.T) {
	pub, priv := hookKey(1)
	l := startListen(t, nil, "--addr", "127.0.0.1:0", "--public-key", b64(pub))
	assert.Regexp(t, `^http://127\.0\.0\.1:[1-9][0-9]*/$`, l.url)
	ids := `"room_id": "` + hookRoom + `", "session_id": "` + hookSession + `"`
	tests := []struct {
		eventType, payload, want string
	}{
		{"video.room.session.started", `{` + ids + `}`,
			"room_id=" + hookRoom + " session_id=" + hookSession},
		{"video.room.participant.joined", `{` + ids + `, "participant_id": "` + hookPerson + `", "context": "Alice"}`,
			"room_id=" + hookRoom + " session_id=" + hookSession + " participant_id=" + hookPerson},
		{"video.room.participant.left", `{` + ids + `, "participant_id": "` + hookPerson + `", "duration_secs": 7, "left_reason": "kicked"}`,
			"room_id=" + hookRoom + " session_id=" + hookSession + " participant_id=" + hookPerson + " left_reason=kicked"},
		{"video.room.session.ended", `{` + ids + `, "duration_secs": 9, "ended_reason": "ended"}`,
			"room_id=" + hookRoom + " session_id=" + hookSession + " ended_reason=ended"},
		{"video.room.composition.completed", `{"composition_id": "c1", ` + ids + `, "size_mb": 1.5}`,
			"composition_id=c1 room_id=" + hookRoom + " session_id=" + hookSession},
		{"video.room.something.new", `{"zeta_id": "z", "alpha_id": "a", "count": 3, "odd_id": 4, "why_reason": "because so"}`,
			`alpha_id=a why_reason="because so" zeta_id=z`},
		{"video.room.poisoned", `{"room_id": "r\u001b[31m\n\u202eFAKE"}`, `room_id=r\x1b[31m\n\u202eFAKE`},
	}
	for i, tt := range tests {
		id := "e" + strconv.Itoa(i)
		body := hookBody(tt.eventType, id, tt.payload)
		require.Equal(t, http.StatusNoContent, l.post(t, http.MethodPost, signedHook(priv, time.Now(), body), body), tt.eventType)
		assert.Equal(t, tt.eventType+" id="+id+" occurred_at=2026-01-02T09:00:05.25Z "+tt.want, nextLine(t, l.stdout, "stdout"))
	}
	assert.Equal(t, exitOK, l.stop())
	assert.Equal(t, "roomsctl: webhooks listen: stopped", nextLine(t, l.stderr, "stderr"))
	_, open := <-l.stdout
	assert.False(t, open, "nothing else on stdout")
}

func TestWebhooksListenJSONPrintsEachBodyOnOneLine(t *testing.T) {
	pub, priv := hookKey(2)
	l := startListen(t, map[string]string{envPublicKey: b64(pub)}, "--addr=127.0.0.1:0", "-o", "json")
	body := hookBody("video.room.participant.joined", "e1", `{
		"room_id": "`+hookRoom+`", "session_id": "`+hookSession+`", "participant_id": "`+hookPerson+`",
		"context": "<b>Bob</b>\u2028", "extra": {"kept": [1, 2.50]}}`)
	require.Equal(t, http.StatusNoContent, l.post(t, http.MethodPost, signedHook(priv, time.Now(), body), body))
	line := nextLine(t, l.stdout, "stdout")
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, body))
	assert.JSONEq(t, compact.String(), line, "the body as received")
	assert.NotContains(t, line, "\u2028", "escaped as every -o json output is")
	assert.Contains(t, line, `"extra":{"kept":[1,2.50]}`, "members the event types do not know are kept, numbers as written")
}

func TestWebhooksListenRefusesWhatDoesNotVerify(t *testing.T) {
	pub, priv := hookKey(3)
	_, otherPriv := hookKey(4)
	l := startListen(t, nil, "--addr", "127.0.0.1:0", "--public-key", b64(pub))
	const secret = "do-not-echo-this-body"
	body := hookBody("video.room.session.started", "e1", `{"room_id": "`+secret+`", "session_id": "s"}`)
	good := signedHook(priv, time.Now(), body)
	tampered := bytes.Replace(body, []byte(secret), []byte("do-not-echo-that-body"), 1)
	noTimestamp := signedHook(priv, time.Now(), body)
	noTimestamp.Del("telnyx-timestamp")
	tests := []struct {
		name   string
		method string
		header http.Header
		body   []byte
		status int
		want   string
	}{
		{"body changed", http.MethodPost, good, tampered, http.StatusUnauthorized,
			"verification failed (answered 401 Unauthorized): webhook: telnyx-signature-ed25519: signature mismatch"},
		{"another key", http.MethodPost, signedHook(otherPriv, time.Now(), body), body, http.StatusUnauthorized,
			"verification failed (answered 401 Unauthorized): webhook: telnyx-signature-ed25519: signature mismatch"},
		{"no timestamp", http.MethodPost, noTimestamp, body, http.StatusUnauthorized,
			"verification failed (answered 401 Unauthorized): webhook: telnyx-timestamp: missing header"},
		{"an hour old", http.MethodPost, signedHook(priv, time.Now().Add(-time.Hour), body), body, http.StatusUnauthorized,
			"verification failed (answered 401 Unauthorized): webhook: telnyx-timestamp: timestamp too old (1h0m"},
		{"signed but not JSON", http.MethodPost, signedHook(priv, time.Now(), []byte("{"+secret)), []byte("{" + secret), http.StatusBadRequest,
			"refused (answered 400 Bad Request): webhook: malformed event: invalid JSON at byte 2"},
		{"a GET", http.MethodGet, nil, nil, http.StatusMethodNotAllowed,
			"refused (answered 405 Method Not Allowed)"},
		{"over 1 MiB", http.MethodPost, good, bytes.Repeat([]byte(" "), 1<<20+1), http.StatusRequestEntityTooLarge,
			"refused (answered 413 Request Entity Too Large): http: request body too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.status, l.post(t, tt.method, tt.header, tt.body))
			line := nextLine(t, l.stderr, "stderr")
			assert.Regexp(t, `^roomsctl: webhooks listen: `+tt.method+` / from 127\.0\.0\.1:[0-9]+: `, line)
			assert.Contains(t, line, tt.want)
			assert.NotContains(t, line, "do-not-echo")
			for _, v := range tt.header {
				assert.NotContains(t, line, v[0], "a header value is echoed")
			}
		})
	}
	body = hookBody("video.room.session.started", "e2", `{"room_id": "r", "session_id": "s"}`)
	require.Equal(t, http.StatusNoContent, l.post(t, http.MethodPost, signedHook(priv, time.Now(), body), body))
	assert.Equal(t, "video.room.session.started id=e2 occurred_at=2026-01-02T09:00:05.25Z room_id=r session_id=s",
		nextLine(t, l.stdout, "stdout"), "only the delivery that verified is printed")
}

func TestWebhooksListenKeyIsAUsageError(t *testing.T) {
	pub, _ := hookKey(5)
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"none", nil, nil,
			"webhooks listen: no public key: give --public-key B64 or set TELNYX_PUBLIC_KEY"},
		{"an empty flag wins over the environment", map[string]string{envPublicKey: b64(pub)}, []string{"--public-key", ""},
			"webhooks listen: no public key"},
		{"not base64", nil, []string{"--public-key", "not*base64"},
			"webhooks listen: --public-key is not an Ed25519 public key in base64 (malformed public key: not base64)"},
		{"31 bytes", map[string]string{envPublicKey: b64(pub[:31])}, nil,
			"webhooks listen: TELNYX_PUBLIC_KEY is not an Ed25519 public key in base64 (malformed public key: 31 bytes, want 32)"},
		{"a private key", nil, []string{"--public-key", b64(ed25519.NewKeyFromSeed(make([]byte, 32)))},
			"(malformed public key: 64 bytes, want 32)"},
		{"an argument", map[string]string{envPublicKey: b64(pub)}, []string{"extra"},
			"webhooks listen: want no arguments, got 1 argument(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.env, append([]string{"webhooks", "listen", "--addr", "127.0.0.1:0"}, tt.args...)...)
			assert.Equal(t, exitUsage, r.code)
			assert.Empty(t, r.stdout, "nothing received")
			requireOneLineError(t, r, tt.wantErr)
		})
	}
}

func TestWebhooksListenHelp(t *testing.T) {
	r := runCLI(t, nil, "help")
	assert.Contains(t, r.stdout, "webhooks listen  ")
	assert.Contains(t, r.stdout, "TELNYX_PUBLIC_KEY")
	r = runCLI(t, nil, "webhooks", "listen", "--help")
	require.Equal(t, exitOK, r.code)
	for _, want := range []string{"--addr host:port", "(default 127.0.0.1:4011)", "--public-key B64", "TELNYX_PUBLIC_KEY", "401"} {
		assert.Contains(t, r.stdout, want)
	}
}

func TestWebhooksListenPrintsConcurrentDeliveriesWhole(t *testing.T) {
	pub, priv := hookKey(6)
	l := startListen(t, nil, "--addr", "127.0.0.1:0", "--public-key", b64(pub))
	const n = 16
	type answer struct {
		status int
		err    error
	}
	answers := make(chan answer, n)
	for i := range n {
		body := hookBody("video.room.session.started", "c"+strconv.Itoa(i), `{"room_id": "r", "session_id": "s"}`)
		go func() {
			status, err := l.send(t.Context(), http.MethodPost, signedHook(priv, time.Now(), body), body)
			answers <- answer{status, err}
		}()
	}
	seen := map[string]bool{}
	for range n {
		a := <-answers
		require.NoError(t, a.err)
		assert.Equal(t, http.StatusNoContent, a.status)
		line := nextLine(t, l.stdout, "stdout")
		assert.Regexp(t, `^video\.room\.session\.started id=c[0-9]+ occurred_at=2026-01-02T09:00:05.25Z room_id=r session_id=s$`, line)
		seen[line] = true
	}
	assert.Len(t, seen, n, "one line per delivery")
}

// TestWebhooksListenStopsAsServeDoes: Ctrl-C with a sender whose body never
// ends stops the receiver after serve's grace period, closing the
// connection and saying so.
func TestWebhooksListenStopsAsServeDoes(t *testing.T) {
	pub, _ := hookKey(9)
	l := startListen(t, nil, "--addr", "127.0.0.1:0", "--public-key", b64(pub))
	host := strings.TrimSuffix(strings.TrimPrefix(l.url, "http://"), "/")
	s := &server{addr: host}
	// The 100 Continue says the handler is reading the body: the request
	// is in flight when the receiver is stopped.
	endless := s.dial(t, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")
	require.NoError(t, endless.SetReadDeadline(time.Now().Add(outerBound)))
	status, err := bufio.NewReader(endless).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "HTTP/1.1 100 Continue\r\n", status)
	_, err = io.WriteString(endless, `{"data":`)
	require.NoError(t, err)

	assert.Equal(t, exitOK, l.stop())
	requireClosed(t, endless)
	var rest []string
	for line := range l.stderr {
		rest = append(rest, line)
	}
	require.NotEmpty(t, rest)
	assert.Equal(t, "roomsctl: webhooks listen: stopped", rest[len(rest)-1], "the last line, once the cut request is reported")
	assert.Contains(t, rest, "roomsctl: webhooks listen: closed 1 connection(s) still open after 500ms")
	for _, line := range rest[:len(rest)-1] {
		if !strings.Contains(line, "closed 1 connection") {
			assert.Regexp(t, `^roomsctl: webhooks listen: POST / from 127\.0\.0\.1:[0-9]+: refused \(answered 400 Bad Request\): `, line, "the cut body")
		}
	}
}
