package roomstest

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// maxBodyBytes bounds the request bodies the fake reads.
const maxBodyBytes = 1 << 20

// serve is the fake's HTTP pipeline. Media files (MediaPath, D21) are
// served apart, without authentication. For the API, in order: strip
// BasePath and find the
// operation (404/405 otherwise); count the request; apply an injected fault
// (latency, then a status, HTML page or reset answered before the handler
// runs); check the API key (401); spend a unit of the key's rate limit and
// set the rate-limit headers (429 once it is spent, ratelimit.go); refuse a query string or a JSON body
// that two parsers would read differently, and reduce the body to its
// declared members (422, query.go and strictbody.go); validate the
// request against the contract (422); run the operation; validate the
// response (500 on a violation, when enabled); send it, cut in half for a
// truncation fault.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, MediaPath) { // download URLs, outside the API (D21)
		s.faults.count(AllRoutes)
		s.serveMedia(w, r)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, BasePath)
	if !ok || !strings.HasPrefix(rest, "/") {
		s.faults.count(AllRoutes)
		writeAPIError(w, newAPIError(http.StatusNotFound, codeNotFound, "Resource not found",
			fmt.Sprintf("The API is served under %s; no route for %s %s.", BasePath, r.Method, r.URL.Path)))
		return
	}
	r = withPath(r, rest)
	route, params, err := s.contract.router.FindRoute(r)
	if _, pattern := s.mux.Handler(r); err == nil && pattern == "" {
		// kin-openapi's router accepts paths the generated routes do not,
		// such as one with a trailing slash: answer as for any unknown path.
		err = routers.ErrPathNotFound
	}
	if err != nil {
		s.faults.count(AllRoutes)
		writeRouteError(w, r, err)
		return
	}
	op := route.Operation.OperationID
	s.faults.count(op)

	fault, faulty := s.faults.next(op)
	if faulty {
		if fault.Latency > 0 {
			readAhead(r)
		}
		if !wait(r, s.done, fault.Latency) {
			resetConnection(w) // the client gave up or the server is closing: no response
			return
		}
		switch fault.Kind {
		case FaultStatus:
			writeStatusFault(w, fault)
			return
		case FaultHTML:
			writeHTMLFault(w, fault)
			return
		case FaultReset:
			resetConnection(w)
			return
		}
	}

	rec := httptest.NewRecorder()
	s.handle(rec, r, route, params)
	if s.cfg.validateResponses {
		rec = s.checkResponse(rec, r, op, route, params)
	}
	send(w, rec, faulty && fault.Kind == FaultTruncate)
}

// handle authenticates, validates and runs one request of a known route.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, route *routers.Route, params map[string]string) {
	if e := s.authenticate(r, route); e != nil {
		writeAPIError(w, e)
		return
	}
	if s.limiter != nil {
		d := s.limiter.take(bearerKey(r))
		d.setHeaders(w.Header())
		if !d.allowed {
			writeAPIError(w, d.tooManyRequests())
			return
		}
	}
	if e := checkQuery(r, route); e != nil {
		writeAPIError(w, e)
		return
	}
	body, e := readBody(r)
	if e == nil {
		body, e = canonicalBody(r, route, body)
	}
	if e != nil {
		writeAPIError(w, e)
		return
	}
	setBody(r, body) // validation and the handler read the same canonical body
	if e := s.contract.validateRequest(r.Context(), r, route, params); e != nil {
		writeAPIError(w, e)
		return
	}
	setBody(r, body) // validation consumed it
	ctx := context.WithValue(r.Context(), rawBodyKey{}, body)
	base := requestBase(r)
	s.st.noteBase(base)
	ctx = context.WithValue(ctx, baseURLKey{}, base)
	s.api.ServeHTTP(w, r.WithContext(ctx))
}

// authenticate checks the Authorization header: "Bearer <key>", the
// configured key when WithAPIKey was given. On an operation whose
// authentication the contract makes optional (D43) a request without the
// header is served; one with the header is checked all the same. The key
// never appears in the answer.
func (s *Server) authenticate(r *http.Request, route *routers.Route) *apiError {
	if _, sent := r.Header["Authorization"]; !sent && authOptional(route) {
		return nil
	}
	scheme, key, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	key = strings.TrimSpace(key)
	if !ok || !strings.EqualFold(scheme, "Bearer") || key == "" {
		return newAPIError(http.StatusUnauthorized, codeAuthentication, "Authentication failed",
			`The Authorization header must be "Bearer <API key>".`)
	}
	if s.cfg.apiKeyErr != nil {
		return newAPIError(http.StatusUnauthorized, codeAuthentication, "Authentication failed",
			"roomstest: the fake was given an API key no request can carry ("+
				strings.TrimPrefix(s.cfg.apiKeyErr.Error(), ErrInvalidAPIKey.Error()+": ")+"), so it accepts none.")
	}
	if s.cfg.apiKey != "" && subtle.ConstantTimeCompare([]byte(key), []byte(s.cfg.apiKey)) != 1 {
		return newAPIError(http.StatusUnauthorized, codeAuthentication, "Authentication failed",
			"The API key is not valid.")
	}
	return nil
}

// checkResponse validates a recorded response; on a violation it records
// it and returns a 500 envelope naming it instead.
func (s *Server) checkResponse(rec *httptest.ResponseRecorder, r *http.Request, op string, route *routers.Route, params map[string]string) *httptest.ResponseRecorder {
	if s.corrupt != nil {
		s.corrupt(op, rec)
	}
	err := s.contract.validateResponse(r.Context(), r, route, params, rec.Code, rec.Header(), rec.Body.Bytes())
	if err == nil {
		return rec
	}
	violation := fmt.Sprintf("%s %s%s (%s) answered %d: %s", r.Method, BasePath, r.URL.Path, op, rec.Code, describeViolation(err))
	s.recordViolation(violation)
	out := httptest.NewRecorder()
	copyRateLimitHeaders(out.Header(), rec.Header())
	writeEnvelope(out, http.StatusInternalServerError, gen.Error{
		Code:   codeUnexpected,
		Title:  "Contract violation",
		Detail: "roomstest: the response violates openapi.yaml: " + violation,
	})
	return out
}

// describeViolation names what is wrong with a response in one line.
func describeViolation(err error) string {
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		return fmt.Sprintf("body field %q: %s", jsonPointer(se.JSONPointer()), se.Reason)
	}
	var re *openapi3filter.ResponseError
	if errors.As(err, &re) && re.Reason != "" {
		return re.Reason
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	return first
}

// send writes a recorded response to w. With truncate it announces the
// full Content-Length but writes only half the body: net/http then closes
// the connection and the client reads an unexpected EOF.
func send(w http.ResponseWriter, rec *httptest.ResponseRecorder, truncate bool) {
	body := rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	if len(body) > 0 {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(rec.Code)
	if truncate {
		body = body[:len(body)/2]
	}
	_, _ = w.Write(body)
}

func writeRouteError(w http.ResponseWriter, r *http.Request, err error) {
	var re *routers.RouteError
	if errors.As(err, &re) && re.Reason == routers.ErrMethodNotAllowed.Error() {
		writeAPIError(w, newAPIError(http.StatusMethodNotAllowed, codeBadRequest, "Method not allowed",
			fmt.Sprintf("%s is not allowed on %s%s.", r.Method, BasePath, r.URL.Path)))
		return
	}
	writeAPIError(w, newAPIError(http.StatusNotFound, codeNotFound, "Resource not found",
		fmt.Sprintf("No route for %s %s%s.", r.Method, BasePath, r.URL.Path)))
}

// withPath returns a shallow copy of r whose URL path is path (BasePath stripped).
func withPath(r *http.Request, path string) *http.Request {
	r2 := new(http.Request)
	*r2 = *r
	r2.URL = new(url.URL)
	*r2.URL = *r.URL
	r2.URL.Path = path
	r2.URL.RawPath = ""
	return r2
}

// readBody reads the request body (at most maxBodyBytes) and puts it back.
// A body the server's read deadline cut short (http.Server.ReadTimeout) is
// 408; another one that cannot be read, or is too large, is 422.
func readBody(r *http.Request) ([]byte, *apiError) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	defer r.Body.Close()
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return nil, newAPIError(http.StatusRequestTimeout, codeTimeout, "Request timeout", "The request body did not arrive in time.")
	}
	if err != nil {
		return nil, newAPIError(http.StatusUnprocessableEntity, codeBadRequest, "Bad Request", "The request body could not be read.")
	}
	if len(body) > maxBodyBytes {
		return nil, newAPIError(http.StatusUnprocessableEntity, codeBadRequest, "Bad Request",
			fmt.Sprintf("The request body is larger than %d bytes.", maxBodyBytes))
	}
	setBody(r, body)
	return body, nil
}

// readAhead reads the request body (at most maxBodyBytes+1 bytes) and puts
// what it read back in front of the rest. net/http starts watching the
// connection, and so ends r.Context() when the client leaves, only once the
// request body has been read to its end: without this, an injected latency
// on a request with a body would not end when the client gives up, and the
// handler would run (creating a room the client never saw) after it left.
func readAhead(r *http.Request) {
	if r.Body == nil || r.Body == http.NoBody {
		return
	}
	head, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
}

func setBody(r *http.Request, body []byte) {
	if body == nil {
		r.Body = http.NoBody
		r.GetBody = nil
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
}

// rawBodyKey is the context key of the raw request body.
type rawBodyKey struct{}

// bodyFields returns the top-level keys of the request's JSON body object,
// so that a handler can tell a field sent as null from an absent one.
func bodyFields(ctx context.Context) map[string]bool {
	raw, _ := ctx.Value(rawBodyKey{}).([]byte)
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil
	}
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// authOptional reports whether the contract lets route's operation be
// called without credentials: its security requirements include the empty
// one (`security: [{}, ...]` or `security: []`, D43).
func authOptional(route *routers.Route) bool {
	if route == nil || route.Operation == nil || route.Operation.Security == nil {
		return false
	}
	reqs := *route.Operation.Security
	if len(reqs) == 0 {
		return true
	}
	for _, req := range reqs {
		if len(req) == 0 {
			return true
		}
	}
	return false
}
