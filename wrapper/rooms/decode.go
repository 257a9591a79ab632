package rooms

import (
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Response bodies are decoded with github.com/go-json-experiment/json, the
// engine that became encoding/json/v2 (decision D50 of openapi.yaml), as
// they are read from the connection (D52): no validity pre-scan, no copy
// of the whole body. It is strict: a body must
// be one JSON document whose objects have distinct member names, and a member
// name matches a field only when it is the same string (JSON is
// case-sensitive). Members the types do not declare are ignored, so that a
// field the API adds never breaks a client; invalid UTF-8 inside a string is
// replaced by U+FFFD, as encoding/json did.

// ErrTooManyItems is wrapped by the *DecodeError returned when a page holds
// more items than the page size the request asked for (20, the API's
// default, when it asked for none). The page is refused while it is decoded,
// at the first item too many, so that a hostile page never holds more than
// the page size in memory.
var ErrTooManyItems = errors.New("more items than the page size asked for")

// decodeOptions are the options of every decode.
func decodeOptions() json.Options { return jsontext.AllowInvalidUTF8(true) }

// decodeJSON decodes the one JSON document b holds into out.
func decodeJSON(b []byte, out any) error {
	return json.Unmarshal(b, out, decodeOptions())
}

// decodeFrom decodes the one JSON document r holds into out as it reads it
// (decision D52 of openapi.yaml): the decoder keeps a window of a few KiB of
// the body, and no more than the longest token, never the whole body. It
// reads r to its end, so that a second document or trailing bytes other
// than whitespace are refused as they are by decodeJSON.
func decodeFrom(r io.Reader, out any) error {
	return json.UnmarshalRead(r, out, decodeOptions())
}

// UnmarshalJSONFrom decodes a list body, refusing the page at its first item
// beyond e.limit (maxPageSize when 0).
func (e *listEnvelope[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	return decodeObject(dec, func(name string) error {
		switch name {
		case "data":
			return decodeItems(dec, &e.Data, e.limit)
		case "meta":
			return json.UnmarshalDecode(dec, &e.Meta)
		}
		return dec.SkipValue()
	})
}

// decodeObject reads one JSON object (or null) from dec and calls member for
// each member name, with dec positioned at its value: member must consume
// exactly that value.
func decodeObject(dec *jsontext.Decoder, member func(name string) error) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case 'n':
		return nil
	case '{':
	default:
		return fmt.Errorf("want a JSON object, got %v", tok.Kind())
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if err := member(name.String()); err != nil {
			return err
		}
	}
	_, err = dec.ReadToken()
	return err
}

// yieldEvery is how many items decodeItems decodes between two yields of
// the processor.
const yieldEvery = 16

// decodeItems decodes a JSON array (or null) from dec into *items, with room
// for at most limit items (maxPageSize when limit is 0 or larger).
func decodeItems[T any](dec *jsontext.Decoder, items *[]T, limit int) error {
	if limit <= 0 || limit > maxPageSize {
		limit = maxPageSize
	}
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case 'n':
		*items = nil
		return nil
	case '[':
	default:
		return fmt.Errorf(`"data" is not an array but %v`, tok.Kind())
	}
	out := make([]T, 0, limit)
	for dec.PeekKind() != ']' {
		if len(out) == limit {
			return fmt.Errorf("%w: more than %d", ErrTooManyItems, limit)
		}
		if len(out)%yieldEvery == yieldEvery-1 {
			// A page of 250 items decodes for half a millisecond or more
			// without blocking, and Go does not preempt it before 10 ms:
			// on few cores it would hold off the goroutines of the other
			// fetches of a prefetching walk (sending the next request,
			// reading an answer). Yielding now and then lets them run.
			runtime.Gosched()
		}
		out = out[:len(out)+1]
		if err := json.UnmarshalDecode(dec, &out[len(out)-1]); err != nil {
			return err
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	*items = out
	return nil
}
