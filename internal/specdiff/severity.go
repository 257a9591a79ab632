package specdiff

import "github.com/oasdiff/oasdiff/checker"

// GoBreakingRules returns the oasdiff rule ids that oasdiff rates INFO and
// this package raises to ERR, each with the reason. They all remove or retype
// an identifier in the generated package gen (a struct field, a type, a
// method or a response field), so a program that compiles against the released
// module would no longer compile. A fresh map is returned on every call.
func GoBreakingRules() map[string]string {
	const (
		field   = "removes a field of a generated Go type"
		schema  = "removes a generated Go type"
		method  = "removes generated Go client and server methods"
		opID    = "renames the generated Go client and server methods and types"
		status  = "removes the JSON<status> field of the generated response type"
		retyped = "changes the Go type of a generated field"
	)
	return map[string]string{
		"response-optional-property-removed":            field,
		"response-optional-write-only-property-removed": field,
		"request-parameter-removed-with-deprecation":    field,
		"api-schema-removed":                            schema,
		"api-removed-with-deprecation":                  method,
		"api-path-removed-with-deprecation":             method,
		"api-operation-id-removed":                      opID,
		"response-non-success-status-removed":           status,
		"response-property-type-specialized":            retyped,
		"response-property-type-compatible":             retyped,
		"response-body-type-specialized":                retyped,
		"response-body-type-compatible":                 retyped,
		"request-property-type-generalized":             retyped,
		"request-property-type-compatible":              retyped,
		"request-body-type-generalized":                 retyped,
		"request-body-type-compatible":                  retyped,
		"request-parameter-type-generalized":            retyped,
	}
}

// severityLevels returns the level overrides handed to oasdiff: every rule of
// GoBreakingRules at ERR.
func severityLevels() map[string]checker.Level {
	levels := make(map[string]checker.Level)
	for id := range GoBreakingRules() {
		levels[id] = checker.ERR
	}
	return levels
}

// isBreaking reports whether a change of the given level fails the check.
// WARN counts: oasdiff uses it for removed request parameters and properties,
// changed patterns and changed parameter types, each of which either removes a
// generated Go field or can make the API reject a request it used to accept.
func isBreaking(level checker.Level) bool {
	return level >= checker.WARN
}
