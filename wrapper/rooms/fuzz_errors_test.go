package rooms

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxMessage bounds an error message: fixed words, method and path, and
// six fields of at most snippetMax bytes (plus "…") each.
const maxMessage = 8 * (snippetMax + 8)

// FuzzErrorBody feeds arbitrary answers (status, body, X-Request-Id) to the
// client's error and decode paths. "$KEY" in the body or request id stands
// for the API key, so that the fuzzer can place the key anywhere a server
// could echo it. Whatever the input: no panic; a 2xx is a result or a
// *DecodeError; any other status is an *APIError with that status; every
// message is one line of valid UTF-8 of bounded length without the key;
// the snippets are bounded; the sentinels match the status.
func FuzzErrorBody(f *testing.F) {
	for _, s := range []struct {
		status    int
		body, rid string
	}{
		{404, `{"errors":[{"code":"10005","title":"Not found","detail":"gone","source":{"pointer":"/x","parameter":"y"},"meta":{"url":"u"}}]}`, "req-1"},
		{401, `{"errors":[{"code":"$KEY","title":"Bearer $KEY","detail":"key $KEY","meta":{"$KEY":["$KEY",{"k":"$KEY"}]}}]}`, "$KEY"},
		{422, `{"code":10015,"title":"bare","source":{"pointer":"/max_participants"}}`, ""},
		{500, `<html>` + strings.Repeat("x", snippetMax-10) + `Bearer $KEY</html>`, ""},
		{502, "\xff\xfe<html>\r\nbad\x00gateway", "r\xff\n"},
		{429, `{"errors":[null,{},{"code":{}},{"title":1}]}`, ""},
		{400, `{"errors":[{"title":"` + strings.Repeat("t", 2000) + `"}]}`, strings.Repeat("r", 2000)},
		{503, strings.Repeat("[", 20000), ""},
		{200, `{"data":{"id":"7b61621f-62e0-4aad-ab11-9fd19e272e73","created_at":"$KEY"}}`, ""},
		{200, `{"data":` + roomJSON(roomID, "ok") + `}`, ""},
		{201, `{"data":{"id":"urn:uuid:$KEY"}}`, ""},
		{204, ``, ""},
		{200, `{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`, ""},
	} {
		f.Add(s.status, []byte(s.body), s.rid)
	}
	const key = "KEY-fuzz-0123456789abcdef"
	c, err := NewClient(WithAPIKey(key), WithMaxResponseBytes(64<<10))
	if err != nil {
		f.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "https://api.telnyx.com/v2/rooms", nil)
	f.Fuzz(func(t *testing.T, status int, body []byte, rid string) {
		if status < 200 || status > 599 || len(body) > 4*maxErrorBody {
			return
		}
		body = bytes.ReplaceAll(body, []byte("$KEY"), []byte(key))
		rid = strings.ReplaceAll(rid, "$KEY", key)
		resp := func() *http.Response {
			h := http.Header{}
			h["X-Request-Id"] = []string{rid}
			return &http.Response{StatusCode: status, Header: h, ContentLength: -1, Body: io.NopCloser(bytes.NewReader(body))}
		}
		checkMessage := func(what, msg string) {
			switch {
			case strings.ContainsAny(msg, "\r\n"):
				t.Fatalf("%s is not one line: %q", what, msg)
			case !utf8.ValidString(msg):
				t.Fatalf("%s is not UTF-8: %q", what, msg)
			case len(msg) > maxMessage:
				t.Fatalf("%s is %d bytes long", what, len(msg))
			case strings.Contains(msg, key):
				t.Fatalf("%s holds the key", what)
			}
		}
		if status >= 300 {
			e := c.readAPIError(resp(), req)
			if e.StatusCode != status {
				t.Fatalf("status %d, want %d", e.StatusCode, status)
			}
			checkMessage("APIError.Error()", e.Error())
			if len(e.Body) > snippetMax || !utf8.ValidString(e.Body) {
				t.Fatalf("body snippet %q", e.Body)
			}
			if len(e.Errors) > 0 && e.Body != "" {
				t.Fatalf("both an error list and a body snippet")
			}
			if s := fmt.Sprintf("%#v", *e); strings.Contains(s, key) {
				t.Fatalf("the APIError's fields hold the key")
			}
			for target, want := range map[error]bool{
				ErrNotFound: status == 404, ErrUnauthorized: status == 401 || status == 403,
				ErrRateLimited: status == 429, ErrUnprocessable: status == 422,
			} {
				if errors.Is(e, target) != want {
					t.Fatalf("errors.Is(%d, %v) = %v", status, target, !want)
				}
			}
			return
		}
		for _, out := range []any{&dataEnvelope[Room]{}, &listEnvelope[Session]{}, &actionEnvelope{}} {
			err := c.decode(resp(), req, out)
			if err == nil {
				continue
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%T: %v", err, err)
			}
			checkMessage("DecodeError.Error()", err.Error())
			if len(de.Snippet) > snippetMax || !utf8.ValidString(de.Snippet) {
				t.Fatalf("snippet %q", de.Snippet)
			}
			if s := fmt.Sprintf("%#v", *de); strings.Contains(s, key) {
				t.Fatalf("the DecodeError's fields hold the key")
			}
		}
	})
}
