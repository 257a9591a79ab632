package roomstest

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
)

// TestGeneratedServerErrorHandlersAnswerInTheEnvelope calls the three
// handlers the fake installs in the generated servers, which would
// otherwise send err.Error() as text/plain.
func TestGeneratedServerErrorHandlersAnswerInTheEnvelope(t *testing.T) {
	secret := errors.New("internal detail: /home/ci/secret.go:42")
	tests := []struct {
		name      string
		handler   func(http.ResponseWriter, *http.Request, error)
		err       error
		status    int
		code      string
		parameter string
	}{
		{"strict request error (undecodable body)", requestErrorHandler, secret, 422, codeInvalidJSON, ""},
		{"strict response error, unknown", responseErrorHandler, secret, 500, codeUnexpected, ""},
		{"strict response error, apiError", responseErrorHandler,
			errNotFound("room_id", "room", stringer("r1")), 404, codeNotFound, "room_id"},
		{"std param error, invalid format", paramErrorHandler,
			&genserver.InvalidParamFormatError{ParamName: "page[size]", Err: secret}, 422, codeBadRequest, "page[size]"},
		{"std param error, required", paramErrorHandler,
			&genserver.RequiredParamError{ParamName: "room_id"}, 422, codeBadRequest, "room_id"},
		{"std param error, too many values", paramErrorHandler,
			&genserver.TooManyValuesForParamError{ParamName: "filter[active]", Count: 2}, 422, codeBadRequest, "filter[active]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tt.handler(rec, httptest.NewRequest(http.MethodGet, "/rooms", nil), tt.err)
			assert.Equal(t, tt.status, rec.Code)
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			var env gen.Errors
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env), rec.Body.String())
			require.Len(t, env.Errors, 1)
			assert.Equal(t, tt.code, env.Errors[0].Code)
			assert.NotEmpty(t, env.Errors[0].Title)
			assert.Equal(t, tt.parameter, env.Errors[0].Source.Parameter)
			assert.NotContains(t, rec.Body.String(), "secret.go", "never a raw Go error string")
		})
	}
}

type stringer string

func (s stringer) String() string { return string(s) }
