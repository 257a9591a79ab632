package roomstest

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
)

// TestPruneUnderstandsEveryRequestSchema guards prune's one limit: it keeps
// values under oneOf, anyOf and allOf as they are, so an object schema
// there would let an undeclared member (in another case, say) through to
// encoding/json's case-insensitive binding. No request body of the
// contract may put an object (or an array of objects) under a composition.
func TestPruneUnderstandsEveryRequestSchema(t *testing.T) {
	doc, err := genserver.GetSpec()
	require.NoError(t, err)
	bodies := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			for mediaType, mt := range op.RequestBody.Value.Content {
				bodies++
				require.NotNil(t, mt.Schema, "%s %s %s", method, path, mediaType)
				checkPrunable(t, method+" "+path+" body", mt.Schema.Value, false)
			}
		}
	}
	assert.NotZero(t, bodies, "the contract has request bodies")
}

func checkPrunable(t *testing.T, at string, s *openapi3.Schema, underComposition bool) {
	t.Helper()
	if s == nil {
		return
	}
	objectLike := s.Type.Is(openapi3.TypeObject) || len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil
	assert.False(t, underComposition && objectLike, "%s: an object schema under oneOf/anyOf/allOf, which prune does not reduce", at)
	for name, p := range s.Properties {
		checkPrunable(t, at+"/"+name, p.Value, underComposition)
	}
	if s.Items != nil {
		checkPrunable(t, at+"/items", s.Items.Value, underComposition)
	}
	if s.AdditionalProperties.Schema != nil {
		checkPrunable(t, at+"/additionalProperties", s.AdditionalProperties.Schema.Value, underComposition)
	}
	for _, group := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
		for _, ref := range group {
			checkPrunable(t, at+"/(composition)", ref.Value, true)
		}
	}
}

func TestPrune(t *testing.T) {
	no, yes := false, true
	str := &openapi3.SchemaRef{Value: openapi3.NewStringSchema()}
	declared := openapi3.Schemas{"name": str}
	tests := []struct {
		name   string
		schema *openapi3.Schema
		in     string
		want   string
	}{
		{"drops undeclared members", &openapi3.Schema{Properties: declared}, `{"name":"a","NAME":"b","x":1}`, `{"name":"a"}`},
		{"keeps members additionalProperties: false forbids, for validation to refuse",
			&openapi3.Schema{Properties: declared, AdditionalProperties: openapi3.AdditionalProperties{Has: &no}}, `{"name":"a","NAME":"b"}`, `{"NAME":"b","name":"a"}`},
		{"drops with additionalProperties: true",
			&openapi3.Schema{Properties: declared, AdditionalProperties: openapi3.AdditionalProperties{Has: &yes}}, `{"name":"a","NAME":"b"}`, `{"name":"a"}`},
		{"keeps members additionalProperties describes",
			&openapi3.Schema{Properties: declared, AdditionalProperties: openapi3.AdditionalProperties{Schema: str}}, `{"name":"a","NAME":"b"}`, `{"NAME":"b","name":"a"}`},
		{"keeps every member of a free-form object", &openapi3.Schema{}, `{"a":1,"A":2}`, `{"A":2,"a":1}`},
		{"prunes nested objects and array items",
			&openapi3.Schema{Properties: openapi3.Schemas{"list": {Value: &openapi3.Schema{Items: &openapi3.SchemaRef{Value: &openapi3.Schema{Properties: declared}}}}}},
			`{"list":[{"name":"a","Name":"b"}],"LIST":[]}`, `{"list":[{"name":"a"}]}`},
		{"leaves scalars", &openapi3.Schema{Properties: declared}, `"x"`, `"x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, e := parseStrict([]byte(tt.in))
			require.Nil(t, e)
			out, err := json.Marshal(prune(v, tt.schema))
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(out))
		})
	}
}

func TestUnpairedSurrogate(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{`"plain"`, -1},
		{`"\ud83d\ude00"`, -1},
		{`"\u00e9\n\\u\ud800"`, 12},
		{`"\\ud800"`, -1}, // an escaped backslash, then text
		{`["\"\ud800"]`, 4},
		{`{"\udfff":1}`, 2},
		{`"\ud800\u0041"`, 1},
		{`"\ud800x"`, 1},
		{`"\ud800"`, 1},
		{`"\uD83D\uDE00" "\uDE00"`, 16},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, unpairedSurrogate([]byte(tt.in)), tt.in)
	}
}
