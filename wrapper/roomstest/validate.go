package roomstest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// contract is openapi.yaml as the fake checks traffic against it.
type contract struct {
	router     routers.Router
	operations map[string]bool // every operationId
	formats    []openapi3.SchemaValidationOption
	events     map[webhook.EventType]*openapi3.Schema // the body schema of each event (eventcheck.go)
}

// sharedContract is the contract every Server checks traffic against,
// loaded on first use. Once built it is only read (routing and validation
// never change it), so the servers of a process share one instead of each
// decoding and indexing the embedded spec again (some 10 ms a server, 40 ms
// under -race).
var sharedContract = sync.OnceValues(loadContract)

// loadContract loads the spec embedded in gen/genserver with its servers cleared, so
// that any host (127.0.0.1, a --addr of roomsctl serve) matches.
func loadContract() (*contract, error) {
	doc, err := genserver.GetSpec()
	if err != nil {
		return nil, err
	}
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	ops := map[string]bool{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops[op.OperationID] = true
		}
	}
	return &contract{
		router:     router,
		operations: ops,
		events:     eventSchemas(doc),
		formats: []openapi3.SchemaValidationOption{
			openapi3.WithStringFormatValidator("uuid", openapi3.NewCallbackValidator(validUUID)),
			openapi3.WithStringFormatValidator("uri", openapi3.NewCallbackValidator(validURI)),
		},
	}, nil
}

// validUUID accepts the canonical 36-character form only.
func validUUID(s string) error {
	if len(s) != 36 {
		return errors.New("not a UUID in its 8-4-4-4-12 form")
	}
	if _, err := uuid.Parse(s); err != nil {
		return errors.New("not a UUID in its 8-4-4-4-12 form")
	}
	return nil
}

// validURI accepts an absolute URL with a scheme and a host, or the empty
// string (the documented default of webhook_event_failover_url; sending it
// clears a webhook URL).
func validURI(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return errors.New("not an absolute URL with a scheme, such as https://example.com/hook")
	}
	return nil
}

func (c *contract) requestInput(r *http.Request, route *routers.Route, params map[string]string) *openapi3filter.RequestValidationInput {
	return &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: params,
		Route:      route,
		Options: &openapi3filter.Options{
			AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc, // the fake checks the key itself
			SkipSettingDefaults:     true,                                  // handlers apply documented defaults
			SchemaValidationOptions: c.formats,
		},
	}
}

// validateRequest checks r against the contract. A violation becomes a 422
// in the envelope naming the parameter (source.parameter) or the body field
// (source.pointer).
func (c *contract) validateRequest(ctx context.Context, r *http.Request, route *routers.Route, params map[string]string) *apiError {
	err := openapi3filter.ValidateRequest(ctx, c.requestInput(r, route, params))
	if err == nil {
		return nil
	}
	return requestViolation(err)
}

func requestViolation(err error) *apiError {
	const status = http.StatusUnprocessableEntity
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return newAPIError(status, codeBadRequest, "Bad Request", "The request does not match the API contract.")
	}
	reason := violationReason(re)
	switch {
	case re.Parameter != nil:
		name := re.Parameter.Name
		if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
			return newAPIError(status, codeMissingParameter, "Missing required parameter",
				fmt.Sprintf("The %s parameter %q is required.", re.Parameter.In, name)).withParameter(name)
		}
		return newAPIError(status, codeBadRequest, "Invalid parameter",
			fmt.Sprintf("The %s parameter %q is invalid: %s.", re.Parameter.In, name, reason)).withParameter(name)
	case re.RequestBody != nil:
		if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
			return newAPIError(status, codeMissingParameter, "Missing request body", "This operation requires a JSON request body.")
		}
		var se *openapi3.SchemaError
		if errors.As(re.Err, &se) {
			pointer := jsonPointer(se.JSONPointer())
			if se.SchemaField == "required" {
				return newAPIError(status, codeMissingParameter, "Missing required parameter",
					fmt.Sprintf("The body field %s is required.", pointer)).withPointer(pointer)
			}
			if pointer == "" { // the document itself, such as an array for an object
				return newAPIError(status, codeBadRequest, "Invalid parameter", fmt.Sprintf("The request body is invalid: %s.", reason))
			}
			return newAPIError(status, codeBadRequest, "Invalid parameter",
				fmt.Sprintf("The body field %s is invalid: %s.", pointer, reason)).withPointer(pointer)
		}
		if strings.Contains(re.Error(), "Content-Type") {
			return newAPIError(status, codeBadRequest, "Unsupported Media Type", "The request body must be application/json.")
		}
		return newAPIError(status, codeInvalidJSON, "Invalid JSON", "The request body is not valid JSON.")
	default:
		return newAPIError(status, codeBadRequest, "Bad Request", "The request does not match the API contract: "+reason+".")
	}
}

// violationReason is a short, value-free description of what is wrong.
func violationReason(re *openapi3filter.RequestError) string {
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		if se.SchemaField == "format" && se.Schema != nil {
			return formatHint(se.Schema.Format)
		}
		if se.Reason != "" {
			return se.Reason
		}
	}
	var pe *openapi3filter.ParseError
	if errors.As(re.Err, &pe) && pe.Reason != "" {
		return pe.Reason
	}
	if re.Reason != "" {
		return re.Reason
	}
	return "it does not match the contract"
}

// formatHint says what a value of a string format looks like.
func formatHint(format string) string {
	switch format {
	case "uuid":
		return "it must be a UUID such as 0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
	case "date":
		return "it must be a date written YYYY-MM-DD"
	case "date-time":
		return "it must be an RFC 3339 timestamp"
	case "uri":
		return "it must be an absolute URL with a scheme, such as https://example.com"
	}
	return "it must have the format " + strconv.Quote(format)
}

// jsonPointer writes a path as an RFC 6901 JSON pointer.
func jsonPointer(path []string) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(p))
	}
	return b.String()
}

// validateResponse checks a finished response against the contract.
func (c *contract) validateResponse(ctx context.Context, r *http.Request, route *routers.Route, params map[string]string, status int, header http.Header, body []byte) error {
	in := c.requestInput(r, route, params)
	return openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{
			IncludeResponseStatus:   true,
			SchemaValidationOptions: c.formats,
		},
	})
}
