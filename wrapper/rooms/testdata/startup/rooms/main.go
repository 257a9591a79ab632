// Command rooms is the smallest program that uses wrapper/rooms: it builds a
// Client and prints its base URL. BENCHMARKS.md ("Start-up") measures its
// size and the init cost of its packages against nethttp's.
package main

import (
	"fmt"
	"os"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

func main() {
	c, err := rooms.NewClient(rooms.WithAPIKey("KEY-startup"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(c.BaseURL())
}
