package roundtrip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// exchange is one request the client sent and the status it got back.
type exchange struct {
	op     string // operationId, found by routing the request through the contract
	method string
	path   string
	query  url.Values
	body   map[string]json.RawMessage // top-level fields of a JSON object body
	status int
	answer string // the response body of a non-2xx answer
}

func (e exchange) String() string {
	s := fmt.Sprintf("%s %s (%s) -> %d", e.method, e.path, e.op, e.status)
	if e.answer != "" {
		s += ": " + e.answer
	}
	return s
}

// recorder is an http.RoundTripper that records every exchange the client
// makes, so that the test can check the statuses and what was sent.
type recorder struct {
	next   http.RoundTripper
	router routers.Router
	doc    *openapi3.T

	mu   sync.Mutex
	seen []exchange
}

// loadContract returns the contract embedded in gen, which
// internal/contract keeps identical to openapi.yaml, and a router for it
// that matches any host, as the fake's does.
func loadContract(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	doc, err := genserver.GetSpec()
	require.NoError(t, err)
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	require.NoError(t, err)
	return doc, router
}

// newRecorder routes requests with the contract (loadContract).
func newRecorder(t *testing.T) *recorder {
	t.Helper()
	doc, router := loadContract(t)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	return &recorder{next: tr, router: router, doc: doc}
}

// RoundTrip records the request, sends it and records the status.
func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	e := exchange{method: req.Method, path: req.URL.Path, query: req.URL.Query(), op: "(no route)"}
	if req.Body != nil && req.Body != http.NoBody {
		raw, err := readBody(req)
		if err != nil {
			return nil, err
		}
		if req.GetBody == nil { // the body was consumed: send a copy
			req = req.Clone(req.Context())
			req.Body = io.NopCloser(bytes.NewReader(raw))
		}
		_ = json.Unmarshal(raw, &e.body) // a body that is not an object records no fields
	}
	routed := req.Clone(req.Context())
	routed.URL.Path = strings.TrimPrefix(req.URL.Path, roomstest.BasePath)
	routed.URL.RawPath = ""
	if route, _, err := r.router.FindRoute(routed); err == nil {
		e.op = route.Operation.OperationID
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	e.status = resp.StatusCode
	if resp.StatusCode/100 != 2 {
		raw, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(raw))
		e.answer = string(raw)
	}
	r.mu.Lock()
	r.seen = append(r.seen, e)
	r.mu.Unlock()
	return resp, nil
}

// readBody returns the request body, from a fresh copy (GetBody) when the
// request has one, so that the request itself is left untouched.
func readBody(req *http.Request) ([]byte, error) {
	if req.GetBody == nil {
		defer req.Body.Close()
		return io.ReadAll(req.Body)
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// since returns the exchanges recorded after the first n.
func (r *recorder) since(n int) []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.seen[n:])
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.seen)
}

// unsent lists, for every operation of the contract, the query parameters
// and request body fields that no recorded request carried, and the
// alternatives of a oneOf body field (such as participants: "all" or a list
// of ids) that no request used.
func (r *recorder) unsent() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var missing []string
	for path, item := range r.doc.Paths.Map() {
		for method, op := range item.Operations() {
			var sent []exchange
			for _, e := range r.seen {
				if e.op == op.OperationID {
					sent = append(sent, e)
				}
			}
			if roundTripPending(op.OperationID) {
				continue
			}
			where := fmt.Sprintf("%s (%s %s)", op.OperationID, method, path)
			for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
				if p.Value.In != openapi3.ParameterInQuery {
					continue
				}
				if !slices.ContainsFunc(sent, func(e exchange) bool { return e.query.Has(p.Value.Name) }) {
					missing = append(missing, fmt.Sprintf("%s: query parameter %s", where, p.Value.Name))
				}
			}
			if op.RequestBody == nil {
				continue
			}
			media := op.RequestBody.Value.Content.Get("application/json")
			if media == nil || media.Schema == nil {
				continue
			}
			for name, prop := range media.Schema.Value.Properties {
				values := make([]json.RawMessage, 0, len(sent))
				for _, e := range sent {
					if v, ok := e.body[name]; ok {
						values = append(values, v)
					}
				}
				if len(values) == 0 {
					missing = append(missing, fmt.Sprintf("%s: body field %s", where, name))
					continue
				}
				for _, alt := range prop.Value.OneOf {
					if !slices.ContainsFunc(values, func(v json.RawMessage) bool { return alt.Value.Type.Is(jsonType(v)) }) {
						missing = append(missing, fmt.Sprintf("%s: body field %s as %s", where, name, strings.Join(alt.Value.Type.Slice(), "|")))
					}
				}
			}
		}
	}
	slices.Sort(missing)
	return missing
}

// jsonType returns the JSON Schema type of a JSON value.
func jsonType(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '"':
		return openapi3.TypeString
	case '[':
		return openapi3.TypeArray
	case '{':
		return openapi3.TypeObject
	case 't', 'f':
		return openapi3.TypeBoolean
	case 'n':
		return openapi3.TypeNull
	}
	if bytes.ContainsAny(v, ".eE") {
		return openapi3.TypeNumber
	}
	return openapi3.TypeInteger
}
