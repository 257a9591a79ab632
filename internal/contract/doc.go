// Package contract holds the tests that keep openapi.yaml, the seed fixtures in
// testdata/ and the generated package gen in agreement. It has no exported code.
package contract
