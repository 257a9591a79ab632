package main

import (
	"context"
	"crypto/ed25519"
	"flag"
	"fmt"
	"math"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// envServeAPIKey is where `serve` reads the key it requires, so that the key
// need not be typed on the command line.
const envServeAPIKey = "ROOMSCTL_SERVE_API_KEY"

func serveCommand() command {
	return command{
		group: "serve", flagsHint: "[--addr 127.0.0.1:4010] [--api-key K] [--seed] [--rate-limit N/DURATION] [--webhook-any-host]",
		summary: "run the fake Rooms API (wrapper/roomstest) until interrupted",
		details: "Server " + defaultServeLimits().describe() + ", then closes every connection still open.\n" +
			"The key (" + envServeAPIKey + " or --api-key) must be visible ASCII: no spaces or control characters.\n" +
			"Webhooks are signed with a key pair generated for the run, or the Ed25519 seed or private key in\n" +
			envServeWebhookKey + " (base64); the banner prints its public key. They go to loopback URLs only\n" +
			"unless --webhook-any-host.",
		setup: serve,
	}
}

func serve(fs *flag.FlagSet) runFunc {
	var addr, key, rate string
	var seed, anyHost bool
	fs.StringVar(&addr, "addr", "127.0.0.1:4010", "`host:port` to listen on; port 0 picks a free port")
	fs.StringVar(&key, "api-key", "", "the only bearer key `K` to accept (default: any non-empty key; prefer env "+envServeAPIKey+")")
	fs.BoolVar(&seed, "seed", false, "start with the rooms, sessions and participants of the API documentation's examples")
	fs.StringVar(&rate, "rate-limit", "", "limit every key to `N/DURATION` requests, such as 100/1m, answering 429 beyond (default: no limit)")
	fs.BoolVar(&anyHost, "webhook-any-host", false, "send webhooks to any host a room names (default: loopback addresses only)")
	return func(ctx context.Context, c *cli, _ []string) error {
		keyFlag := false
		fs.Visit(func(f *flag.Flag) { keyFlag = keyFlag || f.Name == "api-key" })
		source := "--api-key"
		if keyFlag {
			_ = say(c.stderr, "roomsctl: warning: --api-key lands in your shell history; set %s instead", envServeAPIKey)
		} else {
			key, source = c.getenv(envServeAPIKey), envServeAPIKey
		}
		if err := roomstest.CheckAPIKey(key); err != nil {
			// Such a key would make the fake refuse every request: no client can send it.
			return usagef("%s cannot be sent by any client: %s", source,
				strings.TrimPrefix(err.Error(), roomstest.ErrInvalidAPIKey.Error()+": "))
		}
		budget, window, err := parseRateLimit(rate)
		if err != nil {
			return err
		}
		hookKey, err := serveWebhookKey(c.getenv(envServeWebhookKey))
		if err != nil {
			return err
		}
		return runServer(ctx, c, serveConfig{addr: addr, key: key, seed: seed, limits: defaultServeLimits(),
			rateBudget: budget, rateWindow: window, webhookKey: hookKey, webhookAnyHost: anyHost})
	}
}

// serveConfig is what runServer serves.
type serveConfig struct {
	addr, key  string
	seed       bool
	limits     serveLimits
	rateBudget int           // requests per rateWindow and key; 0: no rate limit
	rateWindow time.Duration // the window of rateBudget
	// webhookKey signs the fake's webhooks; nil: a key pair generated for the run.
	webhookKey ed25519.PrivateKey
	// webhookAnyHost lets the fake send webhooks beyond loopback addresses.
	webhookAnyHost bool
}

// parseRateLimit reads the --rate-limit flag: "" (no limit) or N/DURATION,
// a positive count and a positive Go duration such as 1m or 1s.
func parseRateLimit(v string) (int, time.Duration, error) {
	if v == "" {
		return 0, 0, nil
	}
	n, d, ok := strings.Cut(v, "/")
	budget, err := strconv.Atoi(n)
	if !ok || err != nil || budget <= 0 || budget > math.MaxInt32 {
		return 0, 0, usagef("--rate-limit %q: want N/DURATION with N a whole number from 1 to %d, such as 100/1m", v, math.MaxInt32)
	}
	window, err := time.ParseDuration(d)
	if err != nil || window <= 0 {
		return 0, 0, usagef("--rate-limit %q: want N/DURATION with DURATION positive, such as 1m or 10s", v)
	}
	return budget, window, nil
}

// runServer serves the fake on cfg.addr until ctx is done, then shuts it
// down (see httpServer.shutdown). Its first line on stdout carries the base
// URL, with the real port when addr asks for port 0.
func runServer(ctx context.Context, c *cli, cfg serveConfig) error {
	var opts []roomstest.Option
	if cfg.key != "" {
		opts = append(opts, roomstest.WithAPIKey(cfg.key))
	}
	if cfg.seed {
		opts = append(opts, roomstest.WithSeedData())
	}
	if cfg.rateBudget > 0 {
		opts = append(opts, roomstest.WithRateLimit(cfg.rateBudget, cfg.rateWindow))
	}
	fake := roomstest.NewHandler(append(opts, cfg.webhookOptions()...)...)
	defer fake.Close()

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := newHTTPServer(fake.Handler(), cfg.limits)
	base := "http://" + ln.Addr().String() + roomstest.BasePath

	_ = say(c.stdout, "fake Telnyx Rooms API listening on %s", base)
	keyHint := "any non-empty key"
	if cfg.key != "" {
		keyHint = "the key given to serve"
	}
	_ = say(c.stdout, "use it with: %s=%s and %s set to %s; Ctrl-C stops", envBaseURL, base, envAPIKey, keyHint)
	_ = say(c.stdout, "%s", cfg.limits.describe())
	sayWebhooks(c, cfg, fake)
	if cfg.rateBudget > 0 {
		_ = say(c.stdout, "rate limit: %d requests per %v and key, then 429 until the window ends", cfg.rateBudget, cfg.rateWindow)
	}
	warnNotLoopback(c, ln, "the fake")
	if err := serveUntilDone(ctx, "serve", srv, ln, cfg.limits.shutdownGrace, c.stderr); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	_ = say(c.stderr, "roomsctl: serve: stopped")
	return nil
}

// warnNotLoopback warns on stderr when ln listens beyond this machine.
func warnNotLoopback(c *cli, ln net.Listener, what string) {
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		_ = say(c.stderr, "roomsctl: warning: %s is not a loopback address: other machines can reach %s", host, what)
	}
}
