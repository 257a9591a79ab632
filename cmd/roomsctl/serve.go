package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// envServeAPIKey is where `serve` reads the key it requires, so that the key
// need not be typed on the command line.
const envServeAPIKey = "ROOMSCTL_SERVE_API_KEY"

func serveCommand() command {
	return command{
		group: "serve", flagsHint: "[--addr 127.0.0.1:4010] [--api-key K] [--seed]",
		summary: "run the fake Rooms API (wrapper/roomstest) until interrupted",
		setup:   serve,
	}
}

func serve(fs *flag.FlagSet) runFunc {
	var addr, key string
	var seed bool
	fs.StringVar(&addr, "addr", "127.0.0.1:4010", "`host:port` to listen on; port 0 picks a free port")
	fs.StringVar(&key, "api-key", "", "the only bearer key `K` to accept (default: any non-empty key; prefer env "+envServeAPIKey+")")
	fs.BoolVar(&seed, "seed", false, "start with the rooms, sessions and participants of the API documentation's examples")
	return func(ctx context.Context, c *cli, _ []string) error {
		keyFlag := false
		fs.Visit(func(f *flag.Flag) { keyFlag = keyFlag || f.Name == "api-key" })
		if keyFlag {
			fmt.Fprintf(c.stderr, "roomsctl: warning: --api-key lands in your shell history; set %s instead\n", envServeAPIKey)
		} else {
			key = c.getenv(envServeAPIKey)
		}
		return runServer(ctx, c, addr, key, seed)
	}
}

// runServer serves the fake on addr until ctx is done, then shuts it down.
// Its first line on stdout carries the base URL, with the real port when addr asks for port 0.
func runServer(ctx context.Context, c *cli, addr, key string, seed bool) error {
	var opts []roomstest.Option
	if key != "" {
		opts = append(opts, roomstest.WithAPIKey(key))
	}
	if seed {
		opts = append(opts, roomstest.WithSeedData())
	}
	fake := roomstest.NewHandler(opts...)
	defer fake.Close()

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: fake.Handler(), ReadHeaderTimeout: 10 * time.Second}
	base := "http://" + ln.Addr().String() + roomstest.BasePath

	fmt.Fprintf(c.stdout, "fake Telnyx Rooms API listening on %s\n", base)
	keyHint := "any non-empty key"
	if key != "" {
		keyHint = "the key given to serve"
	}
	fmt.Fprintf(c.stdout, "use it with: %s=%s and %s set to %s; Ctrl-C stops\n", envBaseURL, base, envAPIKey, keyHint)
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(c.stderr, "roomsctl: warning: %s is not a loopback address: other machines can reach the fake\n", host)
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	fmt.Fprintln(c.stderr, "roomsctl: serve: stopped")
	return nil
}
