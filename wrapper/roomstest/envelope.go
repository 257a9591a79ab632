package roomstest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// Telnyx error codes the fake answers with: the rooms package's constants,
// as the generated envelope's string.
const (
	codeMissingParameter = string(rooms.CodeMissingParameter)
	codeNotFound         = string(rooms.CodeNotFound)
	codeUnexpected       = string(rooms.CodeUnexpected)
	codeTimeout          = string(rooms.CodeRequestTimeout)
	codeAuthentication   = string(rooms.CodeAuthenticationFailed)
	codeTooManyRequests  = string(rooms.CodeTooManyRequests)
	codeDuplicate        = string(rooms.CodeDuplicateResource)
	codeBadRequest       = string(rooms.CodeBadRequest)
	codeInvalidJSON      = string(rooms.CodeInvalidJSON)
)

// apiError is a failure that the fake reports to the client in the Telnyx
// error envelope. Strict handlers return it as their error; the strict
// server's response error handler turns it into the HTTP response.
type apiError struct {
	status int
	item   gen.Error
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.status, e.item.Title, e.item.Detail)
}

// newAPIError builds an apiError without a source.
func newAPIError(status int, code, title, detail string) *apiError {
	return &apiError{status: status, item: gen.Error{Code: code, Title: title, Detail: detail}}
}

// withParameter names the offending query or path parameter.
func (e *apiError) withParameter(name string) *apiError {
	e.item.Source.Parameter = name
	return e
}

// withPointer names the offending request body field as a JSON pointer.
func (e *apiError) withPointer(pointer string) *apiError {
	e.item.Source.Pointer = pointer
	return e
}

// errNotFound reports that the resource named by a path parameter does not exist.
func errNotFound(parameter, kind string, id fmt.Stringer) *apiError {
	return newAPIError(http.StatusNotFound, codeNotFound, "Resource not found",
		fmt.Sprintf("The %s %s could not be found.", kind, id)).withParameter(parameter)
}

// errUnprocessable reports a request the contract accepts but the API refuses.
func errUnprocessable(code, title, detail, pointer string) *apiError {
	return newAPIError(http.StatusUnprocessableEntity, code, title, detail).withPointer(pointer)
}

// writeEnvelope answers with status and the errors in the Telnyx envelope.
func writeEnvelope(w http.ResponseWriter, status int, items ...gen.Error) {
	body, err := json.Marshal(gen.Errors{Errors: items})
	if err != nil { // cannot happen: gen.Error holds strings and a JSON-safe map
		body = []byte(`{"errors":[{"code":"` + codeUnexpected + `","title":"Unexpected error"}]}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeAPIError answers with e in the envelope.
func writeAPIError(w http.ResponseWriter, e *apiError) {
	writeEnvelope(w, e.status, e.item)
}

// requestErrorHandler is the strict server's RequestErrorHandlerFunc: the
// generated code calls it when a JSON body cannot be decoded. Request
// validation normally rejects such bodies first; this is the backstop.
func requestErrorHandler(w http.ResponseWriter, _ *http.Request, _ error) {
	writeAPIError(w, newAPIError(http.StatusUnprocessableEntity, codeInvalidJSON, "Invalid JSON",
		"The request body is not a JSON document of the expected shape."))
}

// responseErrorHandler is the strict server's ResponseErrorHandlerFunc: it
// renders the apiError a handler returned, and anything else as a 500 that
// never exposes a Go error string.
func responseErrorHandler(w http.ResponseWriter, _ *http.Request, err error) {
	var ae *apiError
	if errors.As(err, &ae) {
		writeAPIError(w, ae)
		return
	}
	writeAPIError(w, newAPIError(http.StatusInternalServerError, codeUnexpected, "Unexpected error",
		"roomstest: the fake failed to build a response."))
}

// paramErrorHandler is the std server's ErrorHandlerFunc: the generated
// wrapper calls it when it cannot bind a path or query parameter.
func paramErrorHandler(w http.ResponseWriter, _ *http.Request, err error) {
	name := ""
	var (
		invalid  *genserver.InvalidParamFormatError
		required *genserver.RequiredParamError
		tooMany  *genserver.TooManyValuesForParamError
	)
	switch {
	case errors.As(err, &invalid):
		name = invalid.ParamName
	case errors.As(err, &required):
		name = required.ParamName
	case errors.As(err, &tooMany):
		name = tooMany.ParamName
	}
	writeAPIError(w, newAPIError(http.StatusUnprocessableEntity, codeBadRequest, "Invalid parameter",
		fmt.Sprintf("The parameter %q has an invalid value.", name)).withParameter(name))
}
