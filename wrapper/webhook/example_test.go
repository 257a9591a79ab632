package webhook_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// exampleKey stands for the account's key pair: Telnyx holds the private
// key, the portal shows the public one.
func exampleKey() (public string, private ed25519.PrivateKey) {
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	return base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey)), priv
}

// exampleDelivery signs body at t as Telnyx does.
func exampleDelivery(priv ed25519.PrivateKey, t time.Time, body string) http.Header {
	ts := strconv.FormatInt(t.Unix(), 10)
	h := http.Header{}
	h.Set(webhook.TimestampHeader, ts)
	h.Set(webhook.SignatureHeader, base64.StdEncoding.EncodeToString(ed25519.Sign(priv, []byte(ts+"|"+body))))
	return h
}

const exampleBody = `{"data":{"record_type":"event","event_type":"video.room.participant.joined",` +
	`"id":"d51754fc-6888-4b0e-8f29-fc3ae41250cd","occurred_at":"2026-03-04T05:06:07.5Z",` +
	`"payload":{"room_id":"2fbf2c0d-b6aa-463f-aeed-83ce298be978","session_id":"7c4da191-2600-4df6-a35e-0ecae6caa5d3",` +
	`"participant_id":"5ccc7b54-4df3-4bca-a65a-35a1ecc777f0","context":"Alice"}}}`

// Verify a webhook's signature over the raw body, then switch on its type.
func ExampleVerifier_VerifyAndParse() {
	public, private := exampleKey()
	now := time.Date(2026, 3, 4, 5, 6, 8, 0, time.UTC)
	header := exampleDelivery(private, now, exampleBody)

	// In a receiver: webhook.NewVerifier() reads TELNYX_PUBLIC_KEY.
	v, err := webhook.NewVerifier(webhook.WithPublicKey(public), webhook.WithClock(func() time.Time { return now }))
	if err != nil {
		fmt.Println(err)
		return
	}
	event, err := v.VerifyAndParse(header, []byte(exampleBody))
	if err != nil {
		fmt.Println(err)
		return
	}
	switch e := event.(type) {
	case *webhook.ParticipantJoined:
		fmt.Println(e.Type, e.Payload.Context, e.Payload.ParticipantID)
	case *webhook.UnknownEvent:
		fmt.Println("an event this version does not know:", e.Type)
	}

	// The same body with other whitespace is another message: it fails.
	_, err = v.VerifyAndParse(header, []byte(strings.Replace(exampleBody, `,"id"`, `, "id"`, 1)))
	fmt.Println(err)
	// Output:
	// video.room.participant.joined Alice 5ccc7b54-4df3-4bca-a65a-35a1ecc777f0
	// webhook: telnyx-signature-ed25519: signature mismatch
}

// Serve webhooks with typed callbacks and duplicate suppression.
func ExampleNewHandler() {
	public, private := exampleKey()
	now := time.Date(2026, 3, 4, 5, 6, 8, 0, time.UTC)
	v, err := webhook.NewVerifier(webhook.WithPublicKey(public), webhook.WithClock(func() time.Time { return now }))
	if err != nil {
		fmt.Println(err)
		return
	}
	h := webhook.NewHandler(v,
		webhook.WithDeduplicator(webhook.NewMemoryDeduplicator()),
		webhook.On(func(ctx context.Context, e *webhook.ParticipantJoined) error {
			fmt.Println("joined:", e.Payload.Context)
			return nil // an error makes the handler answer 500, so Telnyx delivers again
		}),
	)
	srv := httptest.NewServer(h) // in production: http.Handle("/webhooks", h)
	defer srv.Close()

	for range 2 { // Telnyx may deliver an event twice
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(exampleBody))
		req.Header = exampleDelivery(private, now, exampleBody)
		resp, err := srv.Client().Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	// Output:
	// joined: Alice
	// 204
	// 204
}
