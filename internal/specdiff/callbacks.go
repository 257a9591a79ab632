package specdiff

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// CallbackPathPrefix starts the path under which Compare lists the
// callbacks of an operation (see hoistCallbacks), such as
// "/callbacks/createRoom/videoRoomSessionStarted".
const CallbackPathPrefix = "/callbacks/"

// hoistCallbacks makes oasdiff compare the callbacks of doc, which its
// checker does not look at: each operation of each callback of each
// operation becomes an operation of its own at the synthetic path
// CallbackPathPrefix + parent operationId + "/" + callback name, with the
// same method and operationId.
//
// A callback is a request the API sends and the user's receiver takes, so
// the roles of a request and a response are swapped: what the API sends
// must keep every promise a receiver decodes, as a response must for a
// client. The synthetic operation therefore carries the callback's request
// body as the body of a 200 response, and its header parameters as the
// headers of that response; oasdiff's response rules then rate a removed
// event member, a narrowed enum or a retyped field as breaking, and an added
// optional member as a changelog entry. A removed callback is a removed
// path, breaking too.
func hoistCallbacks(doc *openapi3.T) {
	if doc == nil || doc.Paths == nil {
		return
	}
	type hoisted struct {
		path string
		item *openapi3.PathItem
	}
	var out []hoisted
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for _, method := range sortedMethods(item) {
			op := item.GetOperation(method)
			if op == nil || len(op.Callbacks) == 0 {
				continue
			}
			names := make([]string, 0, len(op.Callbacks))
			for name := range op.Callbacks {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				cb := op.Callbacks[name]
				if cb == nil || cb.Value == nil {
					continue
				}
				synthetic := &openapi3.PathItem{}
				for _, expr := range cb.Value.Map() {
					for cbMethod, cbOp := range expr.Operations() {
						synthetic.SetOperation(cbMethod, receiverView(cbOp))
					}
				}
				out = append(out, hoisted{path: CallbackPathPrefix + op.OperationID + "/" + name, item: synthetic})
			}
		}
	}
	for _, h := range out {
		doc.Paths.Set(h.path, h.item)
	}
}

// receiverView returns the operation a receiver of the callback cbOp sees:
// the request body and header parameters the API sends, as a 200 response.
func receiverView(cbOp *openapi3.Operation) *openapi3.Operation {
	resp := openapi3.NewResponse().WithDescription("The callback as its receiver gets it.")
	if rb := cbOp.RequestBody; rb != nil && rb.Value != nil {
		resp.Content = rb.Value.Content
	}
	for _, p := range cbOp.Parameters {
		if p == nil || p.Value == nil || p.Value.In != openapi3.ParameterInHeader {
			continue
		}
		if resp.Headers == nil {
			resp.Headers = openapi3.Headers{}
		}
		resp.Headers[p.Value.Name] = &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: *p.Value}}
	}
	responses := openapi3.NewResponses()
	responses.Set("200", &openapi3.ResponseRef{Value: resp})
	return &openapi3.Operation{
		OperationID: cbOp.OperationID,
		Summary:     cbOp.Summary,
		Description: cbOp.Description,
		Responses:   responses,
	}
}

// sortedMethods returns the methods of item's operations in a fixed order.
func sortedMethods(item *openapi3.PathItem) []string {
	methods := make([]string, 0, 8)
	for m := range item.Operations() {
		methods = append(methods, m)
	}
	slices.Sort(methods)
	return methods
}
