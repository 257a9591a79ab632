package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"strings"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// envPublicKey is where `webhooks listen` reads the account's public key
// when --public-key is not given: the variable the official SDKs read.
const envPublicKey = webhook.PublicKeyEnv // TELNYX_PUBLIC_KEY

// defaultListenAddr is where `webhooks listen` listens by default: the
// port after the one `serve` takes.
const defaultListenAddr = "127.0.0.1:4011"

func webhooksCommands() []command {
	return []command{{
		group: "webhooks", verb: "listen", flagsHint: "[--addr " + defaultListenAddr + "] [--public-key B64]",
		summary: "receive webhooks on this machine, verify each and print its event, until interrupted",
		details: "The public key is the account's Ed25519 key in base64 (--public-key, or env " + envPublicKey + ").\n" +
			"One line per verified event: type, id, occurred_at, the payload's ids and reasons; -o json prints\n" +
			"each delivery's body as one line of JSON instead. A delivery that fails verification is answered\n" +
			"401 and reported on stderr, without its body or signature. Server " + defaultServeLimits().describe() + ".",
		setup: webhooksListen,
	}}
}

func webhooksListen(fs *flag.FlagSet) runFunc {
	var addr, key string
	fs.StringVar(&addr, "addr", defaultListenAddr, "`host:port` to listen on; port 0 picks a free port")
	fs.StringVar(&key, "public-key", "", "the account's Ed25519 public key, base64 (`B64`; default env "+envPublicKey+")")
	return func(ctx context.Context, c *cli, _ []string) error {
		source := "--public-key"
		if !flagGiven(fs, "public-key") {
			key, source = c.getenv(envPublicKey), envPublicKey
		}
		v, err := listenVerifier(key, source)
		if err != nil {
			return err
		}
		return runListener(ctx, c, listenConfig{addr: addr, keySource: source, verifier: v, limits: defaultServeLimits()})
	}
}

// flagGiven reports whether the flag name was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// listenVerifier builds the verifier of `webhooks listen` from the key
// found in source; a missing or malformed key is a usage error that says
// what is wrong without repeating the key.
func listenVerifier(key, source string) (*webhook.Verifier, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return nil, usagef("no public key: give --public-key B64 or set %s to the account's Ed25519 public key in base64 (the Telnyx portal shows it)", envPublicKey)
	}
	v, err := webhook.NewVerifier(webhook.WithPublicKey(key))
	var ve *webhook.VerificationError
	switch {
	case errors.As(err, &ve):
		why := ve.Reason.Error()
		if ve.Detail != "" {
			why += ": " + ve.Detail
		}
		return nil, usagef("%s is not an Ed25519 public key in base64 (%s)", source, why)
	case err != nil:
		return nil, usagef("%s: %v", source, err)
	}
	return v, nil
}

// listenConfig is what runListener serves.
type listenConfig struct {
	addr      string
	keySource string // where the key came from, for the banner
	verifier  *webhook.Verifier
	limits    serveLimits
}

// runListener receives webhooks on cfg.addr until ctx is done, then shuts
// down as `serve` does. Events go to stdout, everything else to stderr,
// whose first line carries the URL it listens on, with the real port when
// addr asks for port 0.
func runListener(ctx context.Context, c *cli, cfg listenConfig) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("webhooks listen: %w", err)
	}
	rc := newReceiver(c.stdout, c.stderr, c.json())
	srv := newHTTPServer(rc.handler(cfg.verifier), cfg.limits)
	url := "http://" + ln.Addr().String() + "/"
	_ = say(c.stderr, "webhook receiver listening on %s", url)
	_ = say(c.stderr, "verifying every delivery with the public key from %s; set a room's webhook URL to it "+
		"(roomsctl rooms update ROOM_ID --webhook-url %s); Ctrl-C stops", cfg.keySource, url)
	warnNotLoopback(c, ln, "the receiver")
	err = serveUntilDone(ctx, "webhooks listen", srv, ln, cfg.limits.shutdownGrace, c.stderr)
	// Requests cut by the shutdown are reported before the end.
	rc.wait(cfg.limits.shutdownGrace)
	if err != nil {
		return fmt.Errorf("webhooks listen: %w", err)
	}
	_ = say(c.stderr, "roomsctl: webhooks listen: stopped")
	return nil
}
