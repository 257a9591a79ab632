// Command nethttp is the baseline of rooms: the smallest program that sets
// up a net/http request with JSON decoding, and prints its URL.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

func main() {
	req, err := http.NewRequest(http.MethodGet, "https://api.telnyx.com/v2", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = json.NewDecoder(http.NoBody)
	fmt.Println(req.URL, http.DefaultClient.Timeout)
}
