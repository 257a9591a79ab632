package rooms

import (
	"errors"
	"net/http"
)

// safeRedirects returns a copy of hc whose redirect policy never forwards the
// Authorization header to another host and refuses an https→http downgrade.
func safeRedirects(hc *http.Client) *http.Client {
	cp := *hc
	next := hc.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("rooms: stopped after 10 redirects")
		}
		first := via[0]
		if first.URL.Scheme == "https" && req.URL.Scheme != "https" {
			return errors.New("rooms: refused a redirect from https to " + req.URL.Scheme)
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
