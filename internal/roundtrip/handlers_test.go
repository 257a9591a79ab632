package roundtrip

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// samplePathValues gives each path parameter of the contract an id of the
// fake's seed world (roomstest.WithSeedData), so that sample requests name
// resources that exist.
var samplePathValues = map[string]string{
	"room_id":             roomstest.SeedRoomID,
	"room_session_id":     roomstest.SeedSessionID,
	"room_participant_id": roomstest.SeedAliceID,
	"room_recording_id":   roomstest.SeedRecordingID,
	"room_composition_id": roomstest.SeedCompositionID,
}

// sampleRequest builds a valid request of op from the contract alone: path
// parameters from samplePathValues, no query parameters (none is required),
// and a JSON body made of every request body property's example.
func sampleRequest(t *testing.T, path, method string, op *openapi3.Operation) *http.Request {
	t.Helper()
	for {
		start := strings.Index(path, "{")
		if start < 0 {
			break
		}
		end := strings.Index(path, "}")
		name := path[start+1 : end]
		v, ok := samplePathValues[name]
		require.True(t, ok, "%s: no sample value for path parameter %s: add one to samplePathValues", op.OperationID, name)
		path = path[:start] + v + path[end+1:]
	}
	var body []byte
	if op.RequestBody != nil {
		media := op.RequestBody.Value.Content.Get("application/json")
		require.NotNil(t, media, "%s: the sample request needs a JSON body", op.OperationID)
		fields := map[string]any{}
		for name, prop := range media.Schema.Value.Properties {
			if prop.Value.Example != nil {
				fields[name] = prop.Value.Example
			}
		}
		var err error
		body, err = json.Marshal(fields)
		require.NoError(t, err)
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+roomstest.DefaultAPIKey)
	return req
}

// TestEveryOperationHasAWorkingFakeHandler sends a valid sample request of
// every operation of the contract through the fake's handler, on a fresh
// seeded fake each, and checks that it is routed and handled: not 404 or 405
// (no route), no 5xx (500 for a handler error or a response that violates
// the contract, 501 for a missing one), a response that passes validation.
// The sample is checked against the contract first, so a 422 can only be the
// handler's own answer (a made-up refresh token is refused).
func TestEveryOperationHasAWorkingFakeHandler(t *testing.T) {
	doc, router := loadContract(t)

	paths := doc.Paths.InMatchingOrder()
	slices.Sort(paths)
	n := 0
	for _, path := range paths {
		for method, op := range doc.Paths.Value(path).Operations() {
			n++
			t.Run(op.OperationID, func(t *testing.T) {
				t.Parallel()
				req := sampleRequest(t, path, method, op)

				route, params, err := router.FindRoute(req)
				require.NoError(t, err)
				require.Equal(t, op.OperationID, route.Operation.OperationID)
				valid := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
					Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
				require.NoError(t, openapi3filter.ValidateRequest(t.Context(), valid), "the sample request must be valid")
				req = sampleRequest(t, path, method, op) // validation read the body
				req.URL.Path = roomstest.BasePath + req.URL.Path

				srv := roomstest.NewHandler(roomstest.WithSeedData(), roomstest.WithResponseValidation())
				defer srv.Close()
				rec := httptest.NewRecorder()
				srv.Handler().ServeHTTP(rec, req)

				t.Logf("%s %s -> %d", method, path, rec.Code)
				assert.NotContains(t, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, rec.Code, "not routed: %s", rec.Body)
				assert.Less(t, rec.Code, 500, "the handler failed: %s", rec.Body)
				assert.Empty(t, srv.ContractViolations())
				assert.Equal(t, 1, srv.Requests(op.OperationID), "counted as %s", op.OperationID)
			})
		}
	}
	require.Positive(t, n)
}
