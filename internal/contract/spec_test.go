package contract

import (
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
)

// specPath is the contract at the repository root.
var specPath = filepath.Join("..", "..", "openapi.yaml")

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specPath)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()), "openapi.yaml must be a valid OpenAPI 3 document")
	return doc
}

// wantOperations is the list of the 25 Video operations the contract must describe:
// the 17 of rooms, sessions, participants and tokens, and the 8 of recordings
// and compositions (D12).
var wantOperations = map[string]string{
	"GET /rooms":                    "listRooms",
	"POST /rooms":                   "createRoom",
	"GET /rooms/{room_id}":          "viewRoom",
	"PATCH /rooms/{room_id}":        "updateRoom",
	"DELETE /rooms/{room_id}":       "deleteRoom",
	"GET /rooms/{room_id}/sessions": "nestedListRoomSessions",
	"POST /rooms/{room_id}/actions/generate_join_client_token": "generateJoinClientToken",
	"POST /rooms/{room_id}/actions/refresh_client_token":       "refreshClientToken",
	"GET /room_sessions":                                   "listRoomSessions",
	"GET /room_sessions/{room_session_id}":                 "viewRoomSession",
	"POST /room_sessions/{room_session_id}/actions/end":    "endSession",
	"POST /room_sessions/{room_session_id}/actions/kick":   "kickParticipantInSession",
	"POST /room_sessions/{room_session_id}/actions/mute":   "muteParticipantInSession",
	"POST /room_sessions/{room_session_id}/actions/unmute": "unmuteParticipantInSession",
	"GET /room_sessions/{room_session_id}/participants":    "nestedListRoomParticipants",
	"GET /room_participants":                               "listRoomParticipants",
	"GET /room_participants/{room_participant_id}":         "viewRoomParticipant",
	"GET /room_recordings":                                 "listRoomRecordings",
	"DELETE /room_recordings":                              "deleteRoomRecordings",
	"GET /room_recordings/{room_recording_id}":             "viewRoomRecording",
	"DELETE /room_recordings/{room_recording_id}":          "deleteRoomRecording",
	"GET /room_compositions":                               "listRoomCompositions",
	"POST /room_compositions":                              "createRoomComposition",
	"GET /room_compositions/{room_composition_id}":         "viewRoomComposition",
	"DELETE /room_compositions/{room_composition_id}":      "deleteRoomComposition",
}

func TestSpecIsValidAndComplete(t *testing.T) {
	doc := loadSpec(t)

	require.Len(t, doc.Servers, 1)
	assert.Equal(t, "https://api.telnyx.com/v2", doc.Servers[0].URL)
	require.Contains(t, doc.Components.SecuritySchemes, "bearerAuth")
	assert.Equal(t, "bearer", doc.Components.SecuritySchemes["bearerAuth"].Value.Scheme)
	require.Len(t, doc.Security, 1, "bearer auth applies to every operation")

	got := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			got[method+" "+path] = op.OperationID
		}
	}
	assert.Equal(t, wantOperations, got)
}

func TestEveryOperationIsDocumented(t *testing.T) {
	doc := loadSpec(t)
	allowedTags := map[string]bool{"Rooms": true, "Room Sessions": true, "Room Participants": true, "Room Client Tokens": true, "Room Recordings": true, "Room Compositions": true}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			t.Run(name, func(t *testing.T) {
				assert.NotEmpty(t, op.OperationID, "operationId")
				assert.NotEmpty(t, op.Summary, "summary")
				require.Len(t, op.Tags, 1, "exactly one tag")
				assert.True(t, allowedTags[op.Tags[0]], "tag %q", op.Tags[0])

				errorCodes := []string{"401", "422", "default"}
				if strings.Contains(path, "{") {
					errorCodes = append(errorCodes, "404")
				}
				if strings.Contains(path, "client_token") {
					errorCodes = append(errorCodes, "403") // D40
				}
				for _, code := range errorCodes {
					resp := op.Responses.Value(code)
					require.NotNil(t, resp, "response %s is documented", code)
					mt := resp.Value.Content.Get("application/json")
					require.NotNil(t, mt, "response %s has a JSON body", code)
					assert.Equal(t, "#/components/schemas/ErrorBody", mt.Schema.Ref, "response %s documents the three error shapes (D41)", code)
				}
				success := 0
				for code := range op.Responses.Map() {
					if strings.HasPrefix(code, "2") {
						success++
					}
				}
				assert.Equal(t, 1, success, "exactly one success response")
			})
		}
	}
}

// TestParametersFollowTheRules checks the details the issue asks for: flat
// bracketed names, no deepObject, dates as format date, paging limits.
func TestParametersFollowTheRules(t *testing.T) {
	doc := loadSpec(t)
	dateFilter := regexp.MustCompile(`^filter\[date_[a-z]+_at\]\[(eq|gte|lte)\]$`)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			params := append(openapi3.Parameters{}, item.Parameters...)
			params = append(params, op.Parameters...)
			for _, p := range params {
				p := p.Value
				where := method + " " + path + " " + p.Name
				assert.NotEqual(t, "deepObject", p.Style, where)
				assert.NotEqual(t, "filter", p.Name, "%s: no consolidated filter parameter", where)
				s := p.Schema.Value
				if s.Type.Is("integer") {
					assert.Equal(t, "int32", s.Format, "%s: integers have a format", where)
				}
				if s.Type.Is("number") {
					assert.Equal(t, "double", s.Format, "%s: a number is a float64 (format double)", where)
				}
				switch {
				case dateFilter.MatchString(p.Name):
					assert.Equal(t, "date", s.Format, where)
				case p.Name == "page[size]":
					assert.Equal(t, 1.0, *s.Min, where)
					assert.Equal(t, 250.0, *s.Max, where)
					assert.Equal(t, 20.0, s.Default, where)
				case p.Name == "page[number]":
					assert.Equal(t, 1.0, *s.Min, where)
					assert.Equal(t, 1.0, s.Default, where)
				case p.In == "path":
					assert.Equal(t, "uuid", s.Format, where)
				}
			}
		}
	}
}

func TestSchemaConstraints(t *testing.T) {
	doc := loadSpec(t)
	schemas := doc.Components.Schemas
	for _, name := range []string{"CreateRoomRequest", "UpdateRoomRequest"} {
		props := schemas[name].Value.Properties
		mp := props["max_participants"].Value
		assert.Equal(t, 2.0, *mp.Min, name)
		assert.Equal(t, 50.0, *mp.Max, name)
		assert.Equal(t, 10.0, mp.Default, name)
		wt := props["webhook_timeout_secs"].Value
		assert.Equal(t, 0.0, *wt.Min, name)
		assert.Equal(t, 30.0, *wt.Max, name)
		assert.Equal(t, "uri", props["webhook_event_url"].Value.Format, name)
		assert.Equal(t, "uri", props["webhook_event_failover_url"].Value.Format, name)
	}
	gen := schemas["GenerateJoinClientTokenRequest"].Value.Properties
	assert.Equal(t, 10.0, *gen["token_ttl_secs"].Value.Min)
	assert.Equal(t, 3600.0, *gen["token_ttl_secs"].Value.Max)
	assert.Equal(t, 600.0, gen["token_ttl_secs"].Value.Default)
	assert.Equal(t, 60.0, *gen["refresh_token_ttl_secs"].Value.Min)
	assert.Equal(t, 86400.0, *gen["refresh_token_ttl_secs"].Value.Max)
	assert.Equal(t, 3600.0, gen["refresh_token_ttl_secs"].Value.Default)
	assert.Equal(t, []string{"refresh_token"}, schemas["RefreshClientTokenRequest"].Value.Required)

	// D16, D17: the composition request and its regions, as upstream constrains them.
	comp := schemas["CreateRoomCompositionRequest"].Value
	assert.Equal(t, []string{"session_id"}, comp.Required)
	assert.Equal(t, "1280x720", comp.Properties["resolution"].Value.Default)
	assert.Equal(t, "mp4", comp.Properties["format"].Value.Default)
	assert.Equal(t, uint64(2), *comp.Properties["video_layout"].Value.MaxProps)
	assert.Equal(t, "#/components/schemas/VideoRegion", comp.Properties["video_layout"].Value.AdditionalProperties.Schema.Ref)
	region := schemas["VideoRegion"].Value.Properties
	assert.Equal(t, 16.0, *region["height"].Value.Min)
	assert.Equal(t, 16.0, *region["width"].Value.Min)
	for _, name := range []string{"max_columns", "max_rows"} {
		assert.Equal(t, 1.0, *region[name].Value.Min, name)
		assert.Equal(t, 1000.0, *region[name].Value.Max, name)
	}
	assert.Equal(t, -99.0, *region["z_pos"].Value.Min)
	assert.Equal(t, 99.0, *region["z_pos"].Value.Max)
	for _, name := range []string{"x_pos", "y_pos", "z_pos"} {
		assert.Equal(t, 0.0, region[name].Value.Default, name)
	}
	// D13: size_mb is a float64 wherever it appears.
	for _, name := range []string{"RoomRecording", "RoomComposition"} {
		assert.Equal(t, "double", schemas[name].Value.Properties["size_mb"].Value.Format, name)
	}

	// D42: no meta field is required, nor meta itself.
	assert.Empty(t, schemas["PaginationMeta"].Value.Required)
	// D41: an error body is one of three shapes, each recognised by what it requires.
	var shapes []string
	for _, ref := range schemas["ErrorBody"].Value.AnyOf {
		shapes = append(shapes, ref.Ref)
	}
	assert.Equal(t, []string{"#/components/schemas/Errors", "#/components/schemas/Error", "#/components/schemas/MessageError"}, shapes)
	assert.Equal(t, []string{"errors"}, schemas["Errors"].Value.Required)
	assert.Equal(t, []string{"code", "title"}, schemas["Error"].Value.Required)
	assert.Equal(t, []string{"message"}, schemas["MessageError"].Value.Required)
	// D44: an action's success names its result.
	assert.Equal(t, []string{"result"}, schemas["ActionResult"].Value.Required)

	// Every number in every schema has a format; the only non-integers are
	// the size_mb of the events, recordings and compositions, which are float64
	// (D33, D13).
	var walk func(string, *openapi3.SchemaRef)
	seen := map[*openapi3.Schema]bool{}
	walk = func(where string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Type.Is("number") {
			assert.Equal(t, "double", s.Format, "%s: a number is a float64 (format double)", where)
		}
		if s.Type.Is("integer") {
			assert.Equal(t, "int32", s.Format, "%s: integers have a format", where)
		}
		for name, p := range s.Properties {
			walk(where+"."+name, p)
		}
		walk(where+"[]", s.Items)
		for i, o := range s.OneOf {
			walk(where+".oneOf", o)
			_ = i
		}
	}
	for name, s := range schemas {
		walk(name, s)
	}
}

// TestEmbeddedSpecMatchesFile makes sure gen/ embeds the current contract.
func TestEmbeddedSpecMatchesFile(t *testing.T) {
	doc := loadSpec(t)
	embedded, err := genserver.GetSpec()
	require.NoError(t, err)
	want, err := doc.MarshalJSON()
	require.NoError(t, err)
	got, err := embedded.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got), "gen/ is stale: run `make generate`")
	_ = http.MethodGet
}

// TestOptionalAuthentication: the five operations upstream marks
// `security: []` take the key but do not require it (D43); every other
// operation has the document's bearer requirement.
func TestOptionalAuthentication(t *testing.T) {
	doc := loadSpec(t)
	optional := map[string]bool{
		"endSession": true, "kickParticipantInSession": true, "muteParticipantInSession": true,
		"unmuteParticipantInSession": true, "refreshClientToken": true,
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if !optional[op.OperationID] {
				assert.Nil(t, op.Security, "%s: the document's bearer requirement", op.OperationID)
				continue
			}
			require.NotNil(t, op.Security, op.OperationID)
			reqs := *op.Security
			require.Len(t, reqs, 2, op.OperationID)
			assert.Empty(t, reqs[0], "%s: no credentials is one way", op.OperationID)
			assert.Contains(t, reqs[1], "bearerAuth", "%s: the key is the other", op.OperationID)
		}
	}
}
