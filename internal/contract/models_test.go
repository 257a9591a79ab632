package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// The resource types users handle are declared by hand in package rooms, so
// that go doc shows their fields where users look. The tests below keep them
// the contract's: every property of the schema is a field with the
// property's JSON name and the Go type the mapping rules give it, and every
// field is a property.

// publicModels pairs each type of package rooms with its schema.
var publicModels = []struct {
	schema string
	typ    reflect.Type
}{
	{"Room", reflect.TypeFor[rooms.Room]()},
	{"RoomSession", reflect.TypeFor[rooms.Session]()},
	{"RoomParticipant", reflect.TypeFor[rooms.Participant]()},
	{"JoinClientToken", reflect.TypeFor[rooms.JoinClientToken]()},
	{"RefreshedClientToken", reflect.TypeFor[rooms.RefreshedClientToken]()},
	{"RoomRecording", reflect.TypeFor[rooms.Recording]()},
	{"RoomComposition", reflect.TypeFor[rooms.Composition]()},
	{"VideoRegion", reflect.TypeFor[rooms.VideoRegion]()},
}

// enumTypes are the named string types of package rooms that hold the
// values of an enum, by the property of each schema they type.
var enumTypes = map[string]reflect.Type{
	"RoomRecording.status":   reflect.TypeFor[rooms.RecordingStatus](),
	"RoomRecording.type":     reflect.TypeFor[rooms.RecordingType](),
	"RoomComposition.status": reflect.TypeFor[rooms.CompositionStatus](),
	"RoomComposition.format": reflect.TypeFor[rooms.CompositionFormat](),
}

// modelOf returns the rooms type of a schema name.
func modelOf(schema string) (reflect.Type, bool) {
	for _, m := range publicModels {
		if m.schema == schema {
			return m.typ, true
		}
	}
	return nil, false
}

// goTypeOf is the Go type a schema property maps to in package rooms:
// strings (uuid, uri or plain) are string, an enum of strings the named
// type of enumTypes (key "Schema.property"), date-times time.Time, integers
// int (*int when nullable, so that null and 0 stay apart), numbers float64
// (format double only: a float32 would change the decimals), booleans
// bool, an array of strings []string and of a schema a slice of that
// schema's type, and an object whose additional properties are a schema a
// map of string to that schema's type.
func goTypeOf(t *testing.T, key string, ref *openapi3.SchemaRef) reflect.Type {
	t.Helper()
	s := ref.Value
	switch {
	case s.Type.Is("string") && len(s.Enum) > 0:
		typ, ok := enumTypes[key]
		require.True(t, ok, "%s is an enum: name its rooms type in enumTypes", key)
		return typ
	case s.Type.Is("number"):
		require.Equal(t, "double", s.Format, "%s: a decimal is format double, float64 in Go", key)
		return reflect.TypeFor[float64]()
	case s.Type.Is("array") && s.Items.Ref == "" && s.Items.Value.Type.Is("string"):
		return reflect.TypeFor[[]string]()
	case s.Type.Is("object") && s.AdditionalProperties.Schema != nil:
		name := strings.TrimPrefix(s.AdditionalProperties.Schema.Ref, "#/components/schemas/")
		elem, ok := modelOf(name)
		require.True(t, ok, "map of %q: no rooms type for that schema", name)
		return reflect.MapOf(reflect.TypeFor[string](), elem)
	case s.Type.Is("string") && s.Format == "date-time":
		return reflect.TypeFor[time.Time]()
	case s.Type.Is("string"):
		return reflect.TypeFor[string]()
	case s.Type.Is("integer") && s.Nullable:
		return reflect.TypeFor[*int]()
	case s.Type.Is("integer"):
		return reflect.TypeFor[int]()
	case s.Type.Is("boolean"):
		return reflect.TypeFor[bool]()
	case s.Type.Is("array"):
		name := strings.TrimPrefix(s.Items.Ref, "#/components/schemas/")
		elem, ok := modelOf(name)
		require.True(t, ok, "array of %q: no rooms type for that schema", s.Items.Ref)
		return reflect.SliceOf(elem)
	}
	t.Fatalf("no mapping rule for a property of type %v format %q", s.Type, s.Format)
	return nil
}

// jsonName is the name in a field's json tag.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

func TestPublicModelsMatchTheirSchemas(t *testing.T) {
	doc := loadSpec(t)
	for _, m := range publicModels {
		t.Run(m.schema, func(t *testing.T) {
			ref, ok := doc.Components.Schemas[m.schema]
			require.True(t, ok, "openapi.yaml has no schema %s", m.schema)
			props := ref.Value.Properties

			fields := map[string]reflect.StructField{}
			for f := range m.typ.Fields() {
				name := jsonName(f)
				require.NotEmpty(t, name, "%s.%s has no json name", m.typ.Name(), f.Name)
				fields[name] = f
				_, known := props[name]
				assert.True(t, known, "rooms.%s.%s (json %q) is not a property of schema %s", m.typ.Name(), f.Name, name, m.schema)
			}
			for _, name := range slices.Sorted(func(yield func(string) bool) {
				for k := range props {
					if !yield(k) {
						return
					}
				}
			}) {
				f, ok := fields[name]
				if !assert.True(t, ok, "schema %s property %q has no field in rooms.%s", m.schema, name, m.typ.Name()) {
					continue
				}
				want := goTypeOf(t, m.schema+"."+name, props[name])
				assert.Equal(t, want.String(), f.Type.String(), "type of rooms.%s.%s (property %q)", m.typ.Name(), f.Name, name)
			}
		})
	}
}

// TestPublicModelsDecodeTheSamples decodes every seed sample of a single
// resource or a page into the rooms types strictly (an unknown field is an
// error), as TestSeedSamplesMatchContract does into the generated ones: no
// property the API documents is missing from the public types.
func TestPublicModelsDecodeTheSamples(t *testing.T) {
	samples := []struct {
		file string
		into any
	}{
		{"rooms_list.json", new(page[rooms.Room])},
		{"room.json", new(data[rooms.Room])},
		{"room_sessions_list.json", new(page[rooms.Session])},
		{"room_session.json", new(data[rooms.Session])},
		{"room_participants_list.json", new(page[rooms.Participant])},
		{"room_participant.json", new(data[rooms.Participant])},
	}
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", s.file))
			require.NoError(t, err)
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(s.into))
		})
	}
}

// page and data are the list and single-resource envelopes.
type page[T any] struct {
	Data []T            `json:"data"`
	Meta map[string]int `json:"meta"`
}

type data[T any] struct {
	Data T `json:"data"`
}

// TestRoomParamsCoverTheRequestBodies checks that every property of the
// create and update bodies has a field of rooms.RoomParams, named as Go
// names the property (webhook_event_url: WebhookEventURL).
func TestRoomParamsCoverTheRequestBodies(t *testing.T) {
	doc := loadSpec(t)
	params := reflect.TypeFor[rooms.RoomParams]()
	for _, schema := range []string{"CreateRoomRequest", "UpdateRoomRequest"} {
		for name := range doc.Components.Schemas[schema].Value.Properties {
			field := goName(name)
			_, ok := params.FieldByName(field)
			assert.True(t, ok, "%s property %q: rooms.RoomParams has no field %s", schema, name, field)
		}
	}
}

// TestMediaParamsCoverTheContract checks that every property of the
// composition create body has a field of rooms.CompositionParams, and every
// query parameter of the recordings and compositions lists a field of
// their params (the filters are named differently: the table says how).
func TestMediaParamsCoverTheContract(t *testing.T) {
	doc := loadSpec(t)
	params := reflect.TypeFor[rooms.CompositionParams]()
	for name := range doc.Components.Schemas["CreateRoomCompositionRequest"].Value.Properties {
		_, ok := params.FieldByName(goName(name))
		assert.True(t, ok, "CreateRoomCompositionRequest property %q: rooms.CompositionParams has no field %s", name, goName(name))
	}
	// The Go field of each query parameter; a date filter's three bounds share one field.
	fieldOf := map[string]string{
		"filter[date_started_at]": "StartedAt", "filter[date_ended_at]": "EndedAt", "filter[date_created_at]": "CreatedAt",
		"filter[room_id]": "RoomID", "filter[session_id]": "SessionID", "filter[participant_id]": "ParticipantID",
		"filter[status]": "Status", "filter[type]": "Type", "filter[duration_secs]": "MinDurationSecs",
		"page[size]": "PageSize", "page[number]": "PageNumber",
	}
	for path, typ := range map[string]reflect.Type{
		"GET /room_recordings":    reflect.TypeFor[rooms.ListRecordingsParams](),
		"DELETE /room_recordings": reflect.TypeFor[rooms.DeleteRecordingsParams](),
		"GET /room_compositions":  reflect.TypeFor[rooms.ListCompositionsParams](),
	} {
		method, p, _ := strings.Cut(path, " ")
		op := doc.Paths.Value(p).GetOperation(method)
		require.NotNil(t, op, path)
		for _, ref := range op.Parameters {
			name := ref.Value.Name
			if i := strings.Index(name, "]["); i >= 0 {
				name = name[:i+1] // filter[date_x_at][eq] -> filter[date_x_at]
			}
			field, ok := fieldOf[name]
			require.True(t, ok, "%s: query parameter %s: say which field of rooms.%s it is", path, ref.Value.Name, typ.Name())
			_, ok = typ.FieldByName(field)
			assert.True(t, ok, "%s: query parameter %s: rooms.%s has no field %s", path, ref.Value.Name, typ.Name(), field)
		}
	}
}

// goName is the Go name of a snake_case API name with Go's initialisms.
func goName(api string) string {
	var b strings.Builder
	for word := range strings.SplitSeq(api, "_") {
		switch up := strings.ToUpper(word); up {
		case "ID", "URL", "TTL", "HTTP", "JSON", "URI":
			b.WriteString(up)
		default:
			b.WriteString(strings.ToUpper(word[:1]) + word[1:])
		}
	}
	return b.String()
}

func TestGoName(t *testing.T) {
	for api, want := range map[string]string{
		"webhook_event_url": "WebhookEventURL", "active_session_id": "ActiveSessionID",
		"token_ttl_secs": "TokenTTLSecs", "max_participants": "MaxParticipants",
	} {
		assert.Equal(t, want, goName(api), fmt.Sprint(api))
	}
}
