package coverage

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// Operation is one operation of the contract.
type Operation struct {
	// ID is the operationId, such as "listRooms".
	ID string
	// Method is the HTTP method in upper case, such as "GET".
	Method string
	// Path is the path template of the contract, such as "/rooms/{room_id}".
	Path string
}

// Endpoint returns "METHOD /path".
func (o Operation) Endpoint() string { return o.Method + " " + o.Path }

// methodOrder ranks the HTTP methods in the order operations are reported.
var methodOrder = []string{
	http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodHead, http.MethodOptions, http.MethodTrace,
}

// LoadOperations reads the OpenAPI document at specPath and returns its
// operations sorted by path, then method. It fails when an operation has no
// operationId or two operations share one, since every layer is matched by
// operationId. The document is not validated beyond that: internal/contract
// does it for openapi.yaml.
func LoadOperations(specPath string) ([]Operation, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specPath)
	if err != nil {
		return nil, fmt.Errorf("coverage: load %s: %w", specPath, err)
	}
	var ops []Operation
	if doc.Paths != nil {
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				ops = append(ops, Operation{ID: op.OperationID, Method: method, Path: path})
			}
		}
	}
	slices.SortFunc(ops, func(a, b Operation) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(methodRank(a.Method), methodRank(b.Method)))
	})
	seen := map[string]Operation{}
	for _, o := range ops {
		if o.ID == "" {
			return nil, fmt.Errorf("coverage: %s: %s has no operationId", specPath, o.Endpoint())
		}
		if prev, dup := seen[o.ID]; dup {
			return nil, fmt.Errorf("coverage: %s: operationId %s names both %s and %s", specPath, o.ID, prev.Endpoint(), o.Endpoint())
		}
		seen[o.ID] = o
	}
	return ops, nil
}

func methodRank(m string) int {
	if i := slices.Index(methodOrder, m); i >= 0 {
		return i
	}
	return len(methodOrder)
}

// GoName returns the Go identifier oapi-codegen derives from an
// operationId with its default name normalizer (ToCamelCase in
// pkg/codegen): a lower-case letter after a separator, or first, is
// upper-cased; upper-case letters and digits are kept; everything else is
// dropped. The generated StrictServerInterface has one method of this name
// per operation; a test checks that the two agree.
func GoName(operationID string) string {
	var b strings.Builder
	capNext := true
	for _, r := range strings.Trim(operationID, " ") {
		switch {
		case unicode.IsUpper(r), unicode.IsDigit(r):
			b.WriteRune(r)
		case unicode.IsLower(r):
			if capNext {
				b.WriteString(strings.ToUpper(string(r)))
			} else {
				b.WriteRune(r)
			}
		}
		capNext = strings.ContainsRune(separators, r)
	}
	return b.String()
}

// separators are the word separators of oapi-codegen's ToCamelCase.
const separators = "-#@!$&=.+:;_~ (){}[]"
