package rooms

import (
	"errors"
	"fmt"
	"net/http"
)

// errRedirect is wrapped by every redirect the client refuses; such a
// failure is never retried.
var errRedirect = errors.New("rooms: refused redirect")

// maxRedirects bounds how many redirects one attempt follows.
const maxRedirects = 10

// safeRedirects returns a copy of hc whose redirect policy never forwards the
// Authorization header to another host and refuses an https→http downgrade.
func safeRedirects(hc *http.Client) *http.Client {
	cp := *hc
	next := hc.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("%w: stopped after %d redirects", errRedirect, maxRedirects)
		}
		first := via[0]
		if first.URL.Scheme == "https" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: from https to %s", errRedirect, req.URL.Scheme)
		}
		if req.URL.Host != first.URL.Host {
			req.Header.Del("Authorization")
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &cp
}
