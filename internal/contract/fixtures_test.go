package contract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// fixture names a seed response sample and where the contract documents it.
type fixture struct {
	file      string
	operation string // operationId whose response documents the body
	status    string
	decodeTo  func() any // a generated type the body must decode into strictly
	check     func(t *testing.T, v any)
}

var fixtures = []fixture{
	{"rooms_list.json", "listRooms", "200", func() any { return new(gen.RoomsPage) }, func(t *testing.T, v any) {
		p := v.(*gen.RoomsPage)
		require.Len(t, p.Data, 1)
		assert.Equal(t, "My Room", p.Data[0].UniqueName)
		require.NotNil(t, p.Data[0].WebhookTimeoutSecs)
		assert.EqualValues(t, 25, *p.Data[0].WebhookTimeoutSecs)
		require.Len(t, p.Data[0].Sessions, 1)
		assert.True(t, p.Data[0].Sessions[0].Active)
		assert.Equal(t, gen.PaginationMeta{PageNumber: 2, PageSize: 25, TotalPages: 3, TotalResults: 55}, p.Meta)
	}},
	{"room.json", "createRoom", "201", func() any { return new(gen.RoomData) }, func(t *testing.T, v any) {
		r := v.(*gen.RoomData).Data
		assert.Equal(t, "7b61621f-62e0-4aad-ab11-9fd19e272e73", r.ID.String())
		assert.EqualValues(t, 50, r.MaxParticipants)
		assert.Equal(t, 2021, r.CreatedAt.Year())
	}},
	{"room.json", "viewRoom", "200", func() any { return new(gen.RoomData) }, nil},
	{"room.json", "updateRoom", "200", func() any { return new(gen.RoomData) }, nil},
	{"room_sessions_list.json", "nestedListRoomSessions", "200", func() any { return new(gen.RoomSessionsPage) }, func(t *testing.T, v any) {
		p := v.(*gen.RoomSessionsPage)
		require.Len(t, p.Data, 1)
		assert.False(t, p.Data[0].Active)
		assert.False(t, p.Data[0].EndedAt.IsZero())
	}},
	{"room_sessions_list.json", "listRoomSessions", "200", func() any { return new(gen.RoomSessionsPage) }, nil},
	{"room_session.json", "viewRoomSession", "200", func() any { return new(gen.RoomSessionData) }, nil},
	{"room_participants_list.json", "nestedListRoomParticipants", "200", func() any { return new(gen.RoomParticipantsPage) }, func(t *testing.T, v any) {
		p := v.(*gen.RoomParticipantsPage)
		require.Len(t, p.Data, 1)
		assert.Equal(t, "Alice", p.Data[0].Context)
	}},
	{"room_participants_list.json", "listRoomParticipants", "200", func() any { return new(gen.RoomParticipantsPage) }, nil},
	{"room_participant.json", "viewRoomParticipant", "200", func() any { return new(gen.RoomParticipantData) }, nil},
	{"errors_envelope.json", "viewRoom", "404", func() any { return new(gen.Errors) }, func(t *testing.T, v any) {
		e := v.(*gen.Errors)
		require.Len(t, e.Errors, 1)
		assert.Equal(t, "/json/pointer", e.Errors[0].Source.Pointer)
	}},
	{"errors_envelope.json", "createRoom", "422", func() any { return new(gen.Errors) }, nil},
	{"errors_envelope.json", "updateRoom", "401", func() any { return new(gen.Errors) }, nil},
	{"action_success.json", "endSession", "200", func() any { return new(gen.ActionSuccess) }, func(t *testing.T, v any) {
		assert.Equal(t, "ok", v.(*gen.ActionSuccess).Data.Result)
	}},
}

func operationByID(t *testing.T, doc *openapi3.T, id string) *openapi3.Operation {
	t.Helper()
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID == id {
				return op
			}
		}
	}
	t.Fatalf("no operation %q in openapi.yaml", id)
	return nil
}

// TestSeedSamplesMatchContract decodes every response sample from the seeds
// into the generated types (unknown fields are an error) and validates it
// against the schema the contract documents for that response.
func TestSeedSamplesMatchContract(t *testing.T) {
	doc := loadSpec(t)
	for _, f := range fixtures {
		t.Run(f.file+"/"+f.operation+"/"+f.status, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", f.file))
			require.NoError(t, err)

			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			v := f.decodeTo()
			require.NoError(t, dec.Decode(v), "sample decodes into the generated type")
			if f.check != nil {
				f.check(t, v)
			}

			resp := operationByID(t, doc, f.operation).Responses.Value(f.status)
			require.NotNil(t, resp, "status %s documented", f.status)
			schema := resp.Value.Content.Get("application/json").Schema.Value
			var generic any
			require.NoError(t, json.Unmarshal(body, &generic))
			assert.NoError(t, schema.VisitJSON(generic, openapi3.MultiErrors()), "sample validates against the contract")

			// Re-encoding the generated value must still satisfy the schema:
			// what a server built on gen/ sends is what the contract promises.
			out, err := json.Marshal(v)
			require.NoError(t, err)
			var again any
			require.NoError(t, json.Unmarshal(out, &again))
			assert.NoError(t, schema.VisitJSON(again, openapi3.MultiErrors()), "re-encoded value validates: %s", out)
		})
	}
}

// TestSingleErrorItemMatchesErrorSchema covers the 404 sample exactly as page
// 002 renders it: one Error object (decision D5 wraps it in the envelope).
func TestSingleErrorItemMatchesErrorSchema(t *testing.T) {
	doc := loadSpec(t)
	body, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", "error_item.json"))
	require.NoError(t, err)
	var generic any
	require.NoError(t, json.Unmarshal(body, &generic))
	require.NoError(t, doc.Components.Schemas["Error"].Value.VisitJSON(generic))
	var e gen.Error
	require.NoError(t, json.Unmarshal(body, &e))
	assert.Equal(t, "string", e.Code)
	assert.Equal(t, "string", e.Source.Parameter)
}

// TestContractRejectsBadSamples proves the validation above can fail.
func TestContractRejectsBadSamples(t *testing.T) {
	doc := loadSpec(t)
	room := doc.Components.Schemas["CreateRoomRequest"].Value
	for name, body := range map[string]string{
		"max_participants too small": `{"max_participants": 1}`,
		"max_participants too large": `{"max_participants": 51}`,
		"webhook timeout too large":  `{"webhook_timeout_secs": 31}`,
		"webhook timeout negative":   `{"webhook_timeout_secs": -1}`,
	} {
		var v any
		require.NoError(t, json.Unmarshal([]byte(body), &v))
		assert.Error(t, room.VisitJSON(v), name)
	}
	meta := doc.Components.Schemas["PaginationMeta"].Value
	for name, body := range map[string]string{
		"page 0":               `{"page_number": 0}`,
		"negative total pages": `{"total_pages": -1}`,
		"negative results":     `{"total_results": -1}`,
	} {
		var v any
		require.NoError(t, json.Unmarshal([]byte(body), &v))
		assert.Error(t, meta.VisitJSON(v), name)
	}
	for _, body := range []string{`{}`, `{"page_number": 1}`, `{"page_size": 20, "total_results": 3}`} {
		var v any
		require.NoError(t, json.Unmarshal([]byte(body), &v))
		assert.NoError(t, meta.VisitJSON(v), "no meta field is required (D42): %s", body)
	}
}
