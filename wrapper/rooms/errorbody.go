package rooms

import (
	"bytes"
	"net/http"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// What an *APIError holds is bounded, whatever the body (itself read up to
// maxErrorBody) and headers of the answer.
const (
	// maxErrorDetails is how many entries of an error list are kept.
	maxErrorDetails = 16
	// maxErrorMeta bounds the JSON bytes of the meta objects kept, summed
	// over the error list; a meta beyond it is dropped.
	maxErrorMeta = 64 << 10
)

// wireError is one Error object as the API sends it. Code is raw so that a
// number is accepted as well as the documented string.
type wireError struct {
	Code   jsontext.Value
	Title  string
	Detail string
	Source struct {
		Pointer   string `json:"pointer"`
		Parameter string `json:"parameter"`
	}
	Meta map[string]any
}

// errorBody decodes the three shapes of an error answer (decision D41 of the
// contract): the envelope {"errors": [...]}, a bare Error object, and
// {"message": "...", "success": false}, keeping at most maxErrorDetails
// entries and maxErrorMeta bytes of meta while it decodes.
type errorBody struct {
	Errors   []wireError
	omitted  int // entries skipped beyond maxErrorDetails
	bare     wireError
	message  *string // {"message": "...", "success": false} (decision D41)
	metaLeft int
}

// UnmarshalJSONFrom decodes an error body from dec.
func (b *errorBody) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	b.metaLeft = maxErrorMeta
	return decodeObject(dec, func(name string) error {
		switch name {
		case "errors":
			return b.decodeList(dec)
		case "message":
			return json.UnmarshalDecode(dec, &b.message)
		}
		return b.bare.member(dec, name, &b.metaLeft)
	})
}

// decodeList decodes the "errors" array.
func (b *errorBody) decodeList(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case 'n':
		return nil
	case '[':
	default:
		return &json.SemanticError{JSONKind: tok.Kind()}
	}
	for dec.PeekKind() != ']' {
		if len(b.Errors) == maxErrorDetails {
			b.omitted++
			if err := dec.SkipValue(); err != nil {
				return err
			}
			continue
		}
		b.Errors = append(b.Errors, wireError{})
		w := &b.Errors[len(b.Errors)-1]
		if err := decodeObject(dec, func(name string) error { return w.member(dec, name, &b.metaLeft) }); err != nil {
			return err
		}
	}
	_, err = dec.ReadToken()
	return err
}

// member decodes the member name of an Error object from dec; metaLeft is
// the meta budget left.
func (w *wireError) member(dec *jsontext.Decoder, name string, metaLeft *int) error {
	switch name {
	case "code":
		v, err := dec.ReadValue()
		w.Code = bytes.Clone(v)
		return err
	case "title":
		return json.UnmarshalDecode(dec, &w.Title)
	case "detail":
		return json.UnmarshalDecode(dec, &w.Detail)
	case "source":
		return json.UnmarshalDecode(dec, &w.Source)
	case "meta":
		v, err := dec.ReadValue()
		if err != nil || len(v) > *metaLeft {
			return err
		}
		*metaLeft -= len(v)
		w.Meta = nil
		return json.Unmarshal(v, &w.Meta, decodeOptions())
	}
	return dec.SkipValue()
}

func (w *wireError) detail() ErrorDetail {
	var code string
	switch w.Code.Kind() {
	case '"':
		_ = json.Unmarshal(w.Code, &code, decodeOptions())
	case 'n', 0:
	default:
		code = string(w.Code)
	}
	return ErrorDetail{
		Code: ErrorCode(code), Title: w.Title, Detail: w.Detail,
		Pointer: w.Source.Pointer, Parameter: w.Source.Parameter, Meta: w.Meta,
	}
}

// fill fills e.Errors from eb, the decoded error body, or e.Body with a
// snippet of head, the start of the body, when eb is nil or holds no Telnyx
// error. Any occurrence of secret is redacted.
func (e *APIError) fill(eb *errorBody, head []byte, secret string) {
	if eb != nil {
		for i := range eb.Errors {
			e.Errors = append(e.Errors, eb.Errors[i].detail())
		}
		e.omitted = eb.omitted
		if len(e.Errors) == 0 && (len(eb.bare.Code) > 0 || eb.bare.Title != "") {
			e.Errors = append(e.Errors, eb.bare.detail())
		}
		if len(e.Errors) == 0 && eb.message != nil && *eb.message != "" {
			e.Message = cutRunes(redact(*eb.message, secret), maxMessageBytes)
			return
		}
	}
	if len(e.Errors) == 0 {
		e.Body = snippetOf(head, secret)
		return
	}
	for i := range e.Errors {
		d := &e.Errors[i]
		d.Code, d.Title, d.Detail = ErrorCode(redact(string(d.Code), secret)), redact(d.Title, secret), redact(d.Detail, secret)
		d.Pointer, d.Parameter = redact(d.Pointer, secret), redact(d.Parameter, secret)
		d.Meta = redactMeta(d.Meta, secret)
	}
}

// headerText returns the value of header name in h as an *APIError keeps
// it: valid UTF-8 with secret redacted, cut at snippetMax bytes, and so
// bounded whatever the size of the header.
func headerText(h http.Header, name, secret string) string {
	v := h.Get(name)
	if v == "" {
		return ""
	}
	return snippetOf([]byte(v[:min(len(v), 2*snippetMax+len(secret))]), secret)
}

// saysSomething reports whether e's error list has an entry with a code or
// a title, rather than only empty objects.
func (e *APIError) saysSomething() bool {
	for i := range e.Errors {
		if e.Errors[i].Code != "" || e.Errors[i].Title != "" {
			return true
		}
	}
	return false
}
