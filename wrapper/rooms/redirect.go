package rooms

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrRedirectRefused is wrapped (inside the *url.Error of the attempt) by
// every redirect the client refuses to follow: from https to http, past the
// tenth, or a 307/308 that would re-send a request body to another host.
// Such a failure is never retried. Test with errors.Is.
var ErrRedirectRefused = errors.New("rooms: refused redirect")

// maxRedirects bounds how many redirects one attempt follows.
const maxRedirects = 10

// safeRedirects returns a copy of hc whose redirect policy never forwards the
// Authorization header or a request body to another host and refuses an
// https→http downgrade.
func safeRedirects(hc *http.Client) *http.Client {
	cp := *hc
	next := hc.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("%w: stopped after %d redirects", ErrRedirectRefused, maxRedirects)
		}
		first := via[0]
		if first.URL.Scheme == "https" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: from https to %s", ErrRedirectRefused, req.URL.Scheme)
		}
		if req.URL.Host != first.URL.Host {
			if hasBody(req) {
				// A 307 or 308 re-sends the body (a refresh token, a room's
				// settings) to a host the key was never meant for.
				return fmt.Errorf("%w: a %s to another host (%s) would re-send the %s request's body there",
					ErrRedirectRefused, redirectStatus(req), req.URL.Host, req.Method)
			}
			req.Header.Del("Authorization")
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &cp
}

// hasBody reports whether the next request of a redirect carries a body:
// net/http re-sends it on 307 and 308 only (301, 302 and 303 turn a POST
// into a GET without one).
func hasBody(req *http.Request) bool {
	return req.Body != nil && req.Body != http.NoBody
}

// redirectStatus names the status of the answer that redirected req.
func redirectStatus(req *http.Request) string {
	if req.Response == nil {
		return "redirect"
	}
	return fmt.Sprintf("%d redirect", req.Response.StatusCode)
}
