package roomstest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// TestResponseValidationCatchesABrokenResponse breaks responses on purpose
// through the internal hook and checks that each break is recorded and
// answered with a 500 naming it.
func TestResponseValidationCatchesABrokenResponse(t *testing.T) {
	tests := []struct {
		name    string
		op      string
		path    string
		corrupt func(rec *httptest.ResponseRecorder)
		want    string
	}{
		{
			name: "wrong type", op: "viewRoom", path: "/rooms/" + SeedRoomID,
			corrupt: func(rec *httptest.ResponseRecorder) {
				replaceBody(rec, bytes.Replace(rec.Body.Bytes(), []byte(`"max_participants":10`), []byte(`"max_participants":"ten"`), 1))
			},
			want: `body field "/data/max_participants"`,
		},
		{
			// No meta field is required (D42), but "data" is, and meta's
			// numbers keep their minimums.
			name: "missing required data", op: "listRooms", path: "/rooms",
			corrupt: func(rec *httptest.ResponseRecorder) {
				var page map[string]any
				_ = json.Unmarshal(rec.Body.Bytes(), &page)
				delete(page, "data")
				b, _ := json.Marshal(page)
				replaceBody(rec, b)
			},
			want: `"data"`,
		},
		{
			name: "negative total_pages", op: "listRooms", path: "/rooms",
			corrupt: func(rec *httptest.ResponseRecorder) {
				var page map[string]any
				_ = json.Unmarshal(rec.Body.Bytes(), &page)
				page["meta"].(map[string]any)["total_pages"] = -1
				b, _ := json.Marshal(page)
				replaceBody(rec, b)
			},
			want: "total_pages",
		},
		{
			name: "bad uuid", op: "viewRoomParticipant", path: "/room_participants/" + SeedAliceID,
			corrupt: func(rec *httptest.ResponseRecorder) {
				replaceBody(rec, bytes.Replace(rec.Body.Bytes(), []byte(SeedAliceID), []byte("alice"), 1))
			},
			want: `body field "/data/id"`,
		},
		{
			name: "wrong content type", op: "listRoomSessions", path: "/room_sessions",
			corrupt: func(rec *httptest.ResponseRecorder) { rec.Header().Set("Content-Type", "text/plain") },
			want:    "Content-Type",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := NewServer(WithSeedData(), WithResponseValidation())
			defer srv.Close()
			srv.corrupt = func(op string, rec *httptest.ResponseRecorder) {
				if op == tt.op {
					tt.corrupt(rec)
				}
			}
			resp := get(t, srv, tt.path)
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			require.Equal(t, http.StatusInternalServerError, resp.StatusCode, "body: %s", body)
			var env gen.Errors
			require.NoError(t, json.Unmarshal(body, &env))
			require.Len(t, env.Errors, 1)
			assert.Equal(t, "Contract violation", env.Errors[0].Title)
			assert.Contains(t, env.Errors[0].Detail, tt.op)
			assert.Contains(t, env.Errors[0].Detail, tt.want)
			v := srv.ContractViolations()
			require.Len(t, v, 1)
			assert.Contains(t, v[0], tt.want)
			assert.Contains(t, v[0], "GET /v2"+tt.path)

			// Other operations are untouched.
			ok := get(t, srv, "/room_sessions/"+SeedSessionID)
			assert.Equal(t, http.StatusOK, ok.StatusCode)
			assert.Len(t, srv.ContractViolations(), 1)
		})
	}
}

func TestResponseValidationIsOptIn(t *testing.T) {
	srv := NewServer(WithSeedData())
	defer srv.Close()
	srv.corrupt = func(string, *httptest.ResponseRecorder) {
		t.Error("responses are not checked without WithResponseValidation")
	}
	resp := get(t, srv, "/rooms")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, srv.ContractViolations())
}

func replaceBody(rec *httptest.ResponseRecorder, b []byte) {
	rec.Body = bytes.NewBuffer(b)
}

func get(t *testing.T, srv *Server, path string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer k")
	resp, err := srv.ts.Client().Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { _ = resp.Body.Close() })
	return resp
}

func TestJSONPointerEscapes(t *testing.T) {
	assert.Equal(t, "", jsonPointer(nil))
	assert.Equal(t, "/a/0/b~1c/d~0e", jsonPointer(strings.Split("a,0,b/c,d~e", ",")))
}
