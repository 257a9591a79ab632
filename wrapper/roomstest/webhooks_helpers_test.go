package roomstest_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// waitBudget bounds every wait of the webhook tests: generous, since it
// only ends a test that would otherwise hang (nothing races it).
const waitBudget = 30 * time.Second

// received is one request a receiver got.
type received struct {
	header http.Header
	body   []byte
}

// receiver is a webhook receiver on loopback HTTP that records every
// request and answers with the status answer returns (204 when nil).
// answer may block until its request's context is done or release closes.
type receiver struct {
	URL     string
	srv     *httptest.Server
	release chan struct{}
	answer  func(r *http.Request, release <-chan struct{}) int

	mu      sync.Mutex
	got     []received
	arrived chan struct{} // closed and replaced on every request
}

func newReceiver(t *testing.T, answer func(r *http.Request, release <-chan struct{}) int) *receiver {
	t.Helper()
	rc := &receiver{release: make(chan struct{}), answer: answer, arrived: make(chan struct{})}
	rc.srv = httptest.NewServer(http.HandlerFunc(rc.serve))
	rc.URL = rc.srv.URL + "/hooks"
	var once sync.Once
	t.Cleanup(func() {
		once.Do(func() { close(rc.release) })
		rc.srv.Close()
	})
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.got = append(rc.got, received{header: r.Header.Clone(), body: body})
	close(rc.arrived)
	rc.arrived = make(chan struct{})
	rc.mu.Unlock()
	status := http.StatusNoContent
	if rc.answer != nil {
		status = rc.answer(r, rc.release)
	}
	if status != 0 {
		w.WriteHeader(status)
	}
}

// requests returns what the receiver got, oldest first.
func (rc *receiver) requests() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// waitRequests blocks until the receiver got n requests.
func (rc *receiver) waitRequests(t *testing.T, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitBudget)
	defer cancel()
	for {
		rc.mu.Lock()
		got, arrived := len(rc.got), rc.arrived
		rc.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-arrived:
		case <-ctx.Done():
			require.FailNow(t, "the receiver did not get the requests", "%d of %d", got, n)
		}
	}
}

// status answers every request with code.
func status(code int) func(*http.Request, <-chan struct{}) int {
	return func(*http.Request, <-chan struct{}) int { return code }
}

// hang never answers: it waits until the fake gives up or the test ends.
func hang(r *http.Request, release <-chan struct{}) int {
	select {
	case <-r.Context().Done():
	case <-release:
	}
	return 0
}

// deadURL is a loopback URL where nothing listens (a port just released).
func deadURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return "http://" + addr + "/hooks"
}

// idle waits until every event emitted so far is finished and returns the
// deliveries.
func idle(t *testing.T, srv *roomstest.Server) []roomstest.Delivery {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitBudget)
	defer cancel()
	require.NoError(t, srv.WaitWebhooksIdle(ctx))
	return srv.Deliveries()
}

// parsed verifies and decodes what a receiver got, with the fake's key and
// the fixture's clock (the fake signs at the time of its clock).
func (f *fixture) parsed(t *testing.T, got []received) []webhook.Event {
	t.Helper()
	v, err := webhook.NewVerifier(webhook.WithPublicKeyBytes(f.srv.WebhookPublicKey()), webhook.WithClock(f.clock.Now))
	require.NoError(t, err)
	out := make([]webhook.Event, len(got))
	for i, r := range got {
		e, err := v.VerifyAndParse(r.header, r.body)
		require.NoError(t, err, "request %d: %s", i, r.body)
		out[i] = e
	}
	return out
}

// types lists the event types of events.
func types(events []webhook.Event) []webhook.EventType {
	out := make([]webhook.EventType, len(events))
	for i, e := range events {
		out[i] = e.Common().Type
	}
	return out
}

// outcomes lists the attempt, URL and outcome of each delivery.
func outcomes(ds []roomstest.Delivery) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = string(d.EventType) + " " + strconv.Itoa(d.Attempt) + " " + d.URL + " " + string(d.Outcome)
	}
	return out
}

func assertAllOK(t *testing.T, ds []roomstest.Delivery) {
	t.Helper()
	for i, d := range ds {
		assert.Equal(t, roomstest.DeliveryOK, d.Outcome, "delivery %d: %+v", i, d.Error)
		assert.Equal(t, 1, d.Attempt, "delivery %d", i)
	}
}

// ed25519Key is a fixed key pair, from a seed of n repeated.
func ed25519Key(n byte) ed25519.PrivateKey {
	seed := make([]byte, ed25519.SeedSize)
	for i := range seed {
		seed[i] = n
	}
	return ed25519.NewKeyFromSeed(seed)
}

func b64(key crypto.PublicKey) string {
	return base64.StdEncoding.EncodeToString(key.(ed25519.PublicKey))
}

var errMismatch = errors.New("signature mismatch")

// verifyFromScheme checks a webhook as the reference (shared/reference,
// README) states the scheme, with crypto/ed25519 alone and nothing of
// wrapper/webhook: header telnyx-signature-ed25519 is the base64 of a
// 64-byte signature, header telnyx-timestamp Unix seconds within 5 minutes
// of now, and the signed message the timestamp, "|", and the raw body.
func verifyFromScheme(h http.Header, body []byte, public crypto.PublicKey, now time.Time) error {
	sig, err := base64.StdEncoding.DecodeString(h.Get("telnyx-signature-ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return errors.New("malformed signature header")
	}
	ts := h.Get("telnyx-timestamp")
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("malformed timestamp header")
	}
	if d := now.Sub(time.Unix(secs, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return errors.New("timestamp out of tolerance")
	}
	msg := append([]byte(ts+"|"), body...)
	if !ed25519.Verify(public.(ed25519.PublicKey), msg, sig) {
		return errMismatch
	}
	return nil
}
