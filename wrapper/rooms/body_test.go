package rooms

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStreamedDecodeErrors checks that decoding a body as it is read (D52)
// reports the cause it reported when bodies were read whole first (D53): a
// body past the limit is too large and a body cut short by the connection is
// a connection failure, whatever the bytes before; an empty body is empty;
// the snippet is the start of the body even when the decoder stopped early.
func TestStreamedDecodeErrors(t *testing.T) {
	t.Parallel()
	const limit = 4096
	room := `{"data":` + roomJSON(roomID, "n") + `}`
	cut := errors.New("connection reset")
	cases := []struct {
		name     string
		body     io.Reader
		ok       bool
		cause    error  // errors.Is of the *DecodeError; nil: any
		text     string // in the message
		cutShort bool
		snippet  string // the snippet starts with it
		full     bool   // the snippet is snippetMax bytes long
	}{
		{name: "one byte at a time", body: iotest.OneByteReader(strings.NewReader(room)), ok: true},
		{name: "document then whitespace", body: strings.NewReader(room + strings.Repeat(" \n", 1000)), ok: true},
		{name: "document then whitespace past the limit", body: strings.NewReader(room + strings.Repeat(" ", limit)), cause: ErrResponseTooLarge},
		{name: "malformed, then past the limit", body: strings.NewReader("x" + strings.Repeat("y", limit)), cause: ErrResponseTooLarge, snippet: "xyyy", full: true},
		{name: "malformed, then cut short", body: io.MultiReader(strings.NewReader(`{"data":nope`), iotest.ErrReader(cut)), cause: cut, cutShort: true, snippet: `{"data":nope`},
		{name: "document, then cut short", body: io.MultiReader(strings.NewReader(room), iotest.ErrReader(io.ErrUnexpectedEOF)), cause: io.ErrUnexpectedEOF, cutShort: true},
		{name: "truncated document", body: strings.NewReader(room[:len(room)-5]), cause: io.ErrUnexpectedEOF, snippet: room[:20]},
		{name: "document then garbage", body: strings.NewReader(room + "garbage"), text: "invalid character"},
		{name: "two documents", body: strings.NewReader(room + room), text: "cannot decode"},
		{name: "whitespace only", body: strings.NewReader(" \r\n\t "), cause: errEmptyBody},
		{name: "nothing", body: strings.NewReader(""), cause: errEmptyBody},
		{name: "stops early, snippet full", body: strings.NewReader("[" + strings.Repeat("z", 2000)), snippet: "[zzz", text: "cannot decode", full: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(WithAPIKey(testKey), WithMaxResponseBytes(limit))
			require.NoError(t, err)
			req, _ := http.NewRequest(http.MethodGet, "https://api.telnyx.com/v2/rooms/"+roomID, nil)
			var env dataEnvelope[Room]
			err = c.decode(&http.Response{StatusCode: 200, ContentLength: -1, Body: io.NopCloser(tc.body)}, req, &env)
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, roomID, env.Data.ID)
				return
			}
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			if tc.cause != nil {
				assert.ErrorIs(t, err, tc.cause)
			}
			assert.Contains(t, err.Error(), tc.text)
			assert.Equal(t, tc.cutShort, de.cutShort, "retried as a connection failure")
			assert.True(t, strings.HasPrefix(de.Snippet, tc.snippet), "snippet %q", de.Snippet)
			assert.LessOrEqual(t, len(de.Snippet), snippetMax)
			if tc.full {
				assert.Len(t, de.Snippet, snippetMax, "the snippet is topped up after the decoder stopped")
			}
		})
	}
}

// TestBodyReaderLimits checks bodyReader on its own: a strict reader fails
// one byte past its limit, a lenient one ends at it, and the head keeps the
// first bytes whatever the size of the reads.
func TestBodyReaderLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		body   string
		limit  int64
		strict bool
		read   string
		over   bool
	}{
		{name: "strict, under", body: "abc", limit: 4, strict: true, read: "abc"},
		{name: "strict, at", body: "abcd", limit: 4, strict: true, read: "abcd"},
		{name: "strict, over", body: "abcde", limit: 4, strict: true, read: "abcde", over: true},
		{name: "lenient, over", body: "abcdef", limit: 4, read: "abcd"},
		{name: "lenient, at", body: "abcd", limit: 4, read: "abcd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var b bodyReader
			b.reset(iotest.HalfReader(strings.NewReader(tc.body)), tc.limit, tc.strict, 3)
			got, err := io.ReadAll(&b)
			assert.Equal(t, tc.read, string(got))
			assert.Equal(t, tc.over, b.over)
			if tc.over {
				assert.ErrorIs(t, err, errBodyLimit)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, tc.body[:3], string(b.head))
			assert.True(t, b.nonSpace)
			assert.NoError(t, b.err)
		})
	}
}
