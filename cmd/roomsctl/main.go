// Command roomsctl operates the Telnyx Video Rooms API from the command line:
// rooms, sessions, participants and join tokens. `roomsctl serve` runs the
// fake API of wrapper/roomstest, and `roomsctl demo` walks through the whole
// life of a room on an in-process fake, with no key and no network.
//
// Run `roomsctl help` for the grammar.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
