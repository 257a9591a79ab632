package roomstest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// Both kin-openapi and the generated server read the query through
// url.URL.Query, which silently drops what it cannot parse: a pair with bad
// percent-encoding or a ";" in it, or every parameter once there are more
// than net/url keeps (10000). A filter that vanishes that way turns a
// filtered list into an unfiltered one, and a parameter given twice is
// read as its first value by one and refused by the other. So the fake
// reads the raw query itself first and refuses, with 422 in the error
// envelope (code 10015, title "Invalid parameter", source.parameter
// naming the parameter when there is one; decision D46 of openapi.yaml):
//
//   - a query string net/url cannot parse whole;
//   - a parameter of the operation given more than once (every query
//     parameter of the contract takes one value).
//
// Parameters the operation does not declare are ignored, as before.

// checkQuery returns the 422 refusing r's query string for route, or nil.
func checkQuery(r *http.Request, route *routers.Route) *apiError {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return malformedQuery(r.URL.RawQuery)
	}
	for _, name := range singleValued(route) {
		if n := len(values[name]); n > 1 {
			return invalidQuery(fmt.Sprintf("The query parameter %q is given %d times; it takes one value.", name, n)).withParameter(name)
		}
	}
	return nil
}

// malformedQuery says what url.ParseQuery refused in raw.
func malformedQuery(raw string) *apiError {
	for pair := range strings.SplitSeq(raw, "&") {
		if strings.Contains(pair, ";") {
			return invalidQuery(`The query string separates parameters with ";": only "&" separates them.`)
		}
		key, value, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(key)
		if err != nil {
			return invalidQuery("A query parameter name has invalid percent-encoding.")
		}
		if _, err := url.QueryUnescape(value); err != nil {
			return invalidQuery(fmt.Sprintf("The query parameter %q has invalid percent-encoding.", name)).withParameter(name)
		}
	}
	return invalidQuery("The query string has more parameters than the server reads.")
}

// singleValued lists the query parameters of route's operation that take
// one value: all of them but arrays.
func singleValued(route *routers.Route) []string {
	var names []string
	add := func(ps openapi3.Parameters) {
		for _, p := range ps {
			if p == nil || p.Value == nil || p.Value.In != openapi3.ParameterInQuery {
				continue
			}
			if s := p.Value.Schema; s != nil && s.Value != nil && s.Value.Type.Is(openapi3.TypeArray) {
				continue
			}
			names = append(names, p.Value.Name)
		}
	}
	if route.PathItem != nil {
		add(route.PathItem.Parameters)
	}
	if route.Operation != nil {
		add(route.Operation.Parameters)
	}
	return names
}

func invalidQuery(detail string) *apiError {
	return newAPIError(http.StatusUnprocessableEntity, codeBadRequest, "Invalid parameter", detail)
}
