package roomstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// A request body is read by three parsers: kin-openapi validates it
// (matching member names exactly), the generated strict server binds it
// with encoding/json (matching them case-insensitively, last duplicate
// winning, ignoring anything after the first document), and bodyFields
// reads its keys. Left alone they disagree: {"MAX_PARTICIPANTS":99} is an
// unknown member to the validator and max_participants to the binder. So
// the fake reads each JSON body once, strictly, and hands every parser the
// same canonical document (decision D45 of openapi.yaml):
//
//   - it must be one JSON document in UTF-8: invalid UTF-8, an escaped
//     surrogate without its pair (which encoding/json would turn into
//     U+FFFD), a member name given twice in one object and anything after
//     the document are refused (422, code 10023 Invalid JSON, with
//     source.pointer naming a duplicated member);
//   - members the schema does not declare, which the request schemas allow
//     (none sets additionalProperties), are dropped: member names match
//     exactly, so a name in another case is such an unknown member and is
//     ignored, never bound to the declared one;
//   - what is left is encoded again and is the only body validation and
//     the handler see.

// canonicalBody returns the body the fake validates and acts on for a
// request of route, or the 422 refusing it. A route without a JSON request
// body, or a request whose Content-Type the operation does not accept (so
// validation refuses it), gets its body back unchanged, as does an empty
// body (validation decides whether one is required).
func canonicalBody(r *http.Request, route *routers.Route, body []byte) ([]byte, *apiError) {
	schema := requestSchema(r, route)
	if schema == nil || len(body) == 0 {
		return body, nil
	}
	doc, e := parseStrict(body)
	if e != nil {
		return nil, e
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(prune(doc, schema)); err != nil { // cannot happen: doc came from JSON
		return nil, invalidJSON("The request body could not be read as JSON.", "")
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// requestSchema is the schema validation will check r's body against: the
// one of the media type its Content-Type selects, found as kin-openapi
// finds it. It is nil when the operation takes no body or not that media
// type.
func requestSchema(r *http.Request, route *routers.Route) *openapi3.Schema {
	op := route.Operation
	if op == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	mt := op.RequestBody.Value.Content.Get(r.Header.Get("Content-Type"))
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// parseStrict decodes raw into the generic values of encoding/json
// (map[string]any, []any, json.Number, string, bool, nil), refusing what a
// strict reader and encoding/json would read differently.
func parseStrict(raw []byte) (any, *apiError) {
	if !utf8.Valid(raw) {
		return nil, invalidJSON("The request body is not valid UTF-8.", "")
	}
	if !json.Valid(raw) { // also refuses anything after the first document
		var v any
		detail := "The request body is not one valid JSON document."
		if se, ok := json.Unmarshal(raw, &v).(*json.SyntaxError); ok {
			detail = fmt.Sprintf("The request body is not one valid JSON document (at byte %d).", se.Offset)
		}
		return nil, invalidJSON(detail, "")
	}
	if at := unpairedSurrogate(raw); at >= 0 {
		return nil, invalidJSON(fmt.Sprintf("The request body escapes half a UTF-16 surrogate pair (at byte %d).", at), "")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return decodeStrict(dec, "")
}

// decodeStrict reads the next value of dec, which holds a valid document
// (json.Valid checked it, nesting depth included), refusing a member name
// given twice in one object. pointer is the value's JSON pointer.
func decodeStrict(dec *json.Decoder, pointer string) (any, *apiError) {
	tok, err := dec.Token()
	if err != nil { // cannot happen after json.Valid
		return nil, invalidJSON("The request body is not one valid JSON document.", "")
	}
	switch tok {
	case json.Delim('{'):
		obj := map[string]any{}
		for dec.More() {
			kt, err := dec.Token()
			key, ok := kt.(string)
			if err != nil || !ok {
				return nil, invalidJSON("The request body is not one valid JSON document.", "")
			}
			at := pointer + jsonPointer([]string{key})
			if _, dup := obj[key]; dup {
				return nil, invalidJSON(fmt.Sprintf("The body field %s is given more than once.", at), at)
			}
			v, e := decodeStrict(dec, at)
			if e != nil {
				return nil, e
			}
			obj[key] = v
		}
		_, _ = dec.Token() // '}'
		return obj, nil
	case json.Delim('['):
		arr := []any{}
		for i := 0; dec.More(); i++ {
			v, e := decodeStrict(dec, pointer+"/"+strconv.Itoa(i))
			if e != nil {
				return nil, e
			}
			arr = append(arr, v)
		}
		_, _ = dec.Token() // ']'
		return arr, nil
	}
	return tok, nil // json.Number, string, bool or nil
}

// unpairedSurrogate returns the offset of the first \u escape in raw, a
// valid JSON document, that encodes half a UTF-16 surrogate pair without
// the other half, or -1.
func unpairedSurrogate(raw []byte) int {
	inString := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case !inString:
			inString = c == '"'
		case c == '"':
			inString = false
		case c == '\\':
			if raw[i+1] != 'u' {
				i++ // a one-character escape
				continue
			}
			r := hex4(raw[i+2 : i+6])
			switch {
			case utf16.IsSurrogate(r) && r < 0xdc00: // high half: a low half must follow
				if i+12 > len(raw) || raw[i+6] != '\\' || raw[i+7] != 'u' {
					return i
				}
				if low := hex4(raw[i+8 : i+12]); low < 0xdc00 || low > 0xdfff {
					return i
				}
				i += 11
			case utf16.IsSurrogate(r): // a low half alone
				return i
			default:
				i += 5
			}
		}
	}
	return -1
}

// hex4 decodes the four hex digits of a \u escape (valid: json.Valid checked them).
func hex4(b []byte) rune {
	n, _ := strconv.ParseUint(string(b), 16, 16)
	return rune(n)
}

// prune drops from v the object members that schema s does not declare and
// allows as additional properties without a schema of their own (D45).
// Members it forbids (additionalProperties: false) are kept, so that
// validation refuses them. Values under oneOf, anyOf or allOf are kept as
// they are: no request schema puts an object there (a test of this package
// checks it), since pruning one would need to know which branch applies.
func prune(v any, s *openapi3.Schema) any {
	if s == nil {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		ap := s.AdditionalProperties
		if len(s.Properties) == 0 && ap.Schema == nil && (ap.Has == nil || *ap.Has) {
			return x // a free-form object: every member is data
		}
		out := make(map[string]any, len(x))
		for k, val := range x {
			switch p, declared := s.Properties[k]; {
			case declared && p != nil:
				out[k] = prune(val, p.Value)
			case ap.Schema != nil:
				out[k] = prune(val, ap.Schema.Value)
			case ap.Has != nil && !*ap.Has:
				out[k] = val
			}
		}
		return out
	case []any:
		if s.Items == nil {
			return x
		}
		for i := range x {
			x[i] = prune(x[i], s.Items.Value)
		}
		return x
	}
	return v
}

func invalidJSON(detail, pointer string) *apiError {
	e := newAPIError(http.StatusUnprocessableEntity, codeInvalidJSON, "Invalid JSON", detail)
	if pointer != "" {
		e = e.withPointer(pointer)
	}
	return e
}
