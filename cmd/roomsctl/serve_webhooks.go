package main

import (
	"crypto/ed25519"
	"encoding/base64"
	"strings"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// envServeWebhookKey is where `serve` reads the private key it signs its
// webhooks with, so that their public key stays the same from one run to
// the next. A private key is never a flag: it would land in the shell
// history.
const envServeWebhookKey = "ROOMSCTL_SERVE_WEBHOOK_KEY"

// serveWebhookKey reads the signing key from the environment value v: ""
// (the fake generates a key pair), or the base64 (standard, padded or not)
// of an Ed25519 seed (32 bytes) or private key (64 bytes). A malformed
// value is a usage error that never repeats it.
func serveWebhookKey(v string) (ed25519.PrivateKey, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(v)
	}
	switch {
	case err != nil:
		return nil, usagef("%s is not base64", envServeWebhookKey)
	case len(b) == ed25519.SeedSize:
		return ed25519.NewKeyFromSeed(b), nil
	case len(b) == ed25519.PrivateKeySize:
		key := ed25519.PrivateKey(b)
		// The second half must be the public key of the first, or every
		// signature would be made with a key no one can verify with.
		if !key.Public().(ed25519.PublicKey).Equal(ed25519.NewKeyFromSeed(key.Seed()).Public()) {
			return nil, usagef("%s is not an Ed25519 private key: its public half does not match its seed", envServeWebhookKey)
		}
		return key, nil
	}
	return nil, usagef("%s holds %d bytes: want the base64 of an Ed25519 seed (32 bytes) or private key (64 bytes)", envServeWebhookKey, len(b))
}

// webhookOptions are the fake's options for the webhooks it sends.
func (cfg serveConfig) webhookOptions() []roomstest.Option {
	var opts []roomstest.Option
	if cfg.webhookKey != nil {
		opts = append(opts, roomstest.WithWebhookKey(cfg.webhookKey))
	}
	if cfg.webhookAnyHost {
		opts = append(opts, roomstest.WithWebhookAnyHost())
	}
	return opts
}

// sayWebhooks prints the webhook lines of the banner: the public key the
// fake signs with, and where it delivers.
func sayWebhooks(c *cli, cfg serveConfig, fake *roomstest.Server) {
	key := fake.WebhookPublicKeyBase64()
	_ = say(c.stdout, "webhook public key: %s", key)
	where := "loopback URLs only (--webhook-any-host for others)"
	if cfg.webhookAnyHost {
		where = "any URL"
		_ = say(c.stderr, "roomsctl: warning: --webhook-any-host: the fake sends webhooks to any host a room names, so whoever can reach it can make it send requests elsewhere")
	}
	origin := "generated for this run; set " + envServeWebhookKey + " to keep one"
	if cfg.webhookKey != nil {
		origin = "from " + envServeWebhookKey
	}
	_ = say(c.stdout, "webhooks: signed with that key (%s), sent to a room's webhook URLs on %s; receive them with: roomsctl webhooks listen --public-key %s",
		origin, where, key)
}
