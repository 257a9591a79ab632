package contract

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rateLimitHeaders maps each rate-limit response header (D55) to the
// component under components/headers that describes it.
var rateLimitHeaders = map[string]string{
	"x-ratelimit-limit":     "#/components/headers/RateLimitLimit",
	"x-ratelimit-remaining": "#/components/headers/RateLimitRemaining",
	"x-ratelimit-reset":     "#/components/headers/RateLimitReset",
}

// TestEveryResponseDeclaresTheRateLimit checks decision D55 on every
// operation, those added later included: each response declares the three
// rate-limit headers by reference to components/headers, and each operation
// declares the 429 answer of a spent budget. A new operation that fails here
// lists its responses' headers as the existing ones do, and gets
// `'429': {$ref: '#/components/responses/TooManyRequestsResponse'}`.
func TestEveryResponseDeclaresTheRateLimit(t *testing.T) {
	doc := loadSpec(t)
	for name, ref := range rateLimitHeaders {
		comp := ref[len("#/components/headers/"):]
		require.Contains(t, doc.Components.Headers, comp, "components/headers/%s describes %s", comp, name)
		schema := doc.Components.Headers[comp].Value.Schema.Value
		assert.True(t, schema.Type.Is("integer"), "%s is an integer", name)
		assert.False(t, doc.Components.Headers[comp].Value.Required, "%s is optional: a proxy's answer may lack it (D55)", name)
	}
	tooMany := doc.Components.Responses["TooManyRequestsResponse"]
	require.NotNil(t, tooMany, "components/responses/TooManyRequestsResponse")
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			t.Run(op.OperationID, func(t *testing.T) {
				too := op.Responses.Status(429)
				if assert.NotNil(t, too, "%s %s declares no 429", method, path) {
					assert.Equal(t, "#/components/responses/TooManyRequestsResponse", too.Ref, "%s %s: the 429 answer", method, path)
				}
				statuses := op.Responses.Map()
				codes := make([]string, 0, len(statuses))
				for code := range statuses {
					codes = append(codes, code)
				}
				sort.Strings(codes)
				for _, code := range codes {
					resp := statuses[code].Value
					for header, want := range rateLimitHeaders {
						got, ok := resp.Headers[header]
						if assert.True(t, ok, "%s %s answer %s does not declare %s", method, path, code, header) {
							assert.Equal(t, want, got.Ref, "%s %s answer %s: %s", method, path, code, header)
						}
					}
				}
			})
		}
	}
}
