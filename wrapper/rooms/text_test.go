package rooms

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileText holds one character of each class a terminal acts on: C0
// controls (ESC of an ANSI sequence, BEL, NUL, VT, FF, CR, LF, TAB), DEL, C1
// (NEL, CSI), the line and paragraph separators, bidi overrides and isolates,
// zero-width and tag characters.
var hostileText = map[string]string{
	"ANSI colour":         "\x1b[31mred\x1b[0m",
	"clear screen":        "\x1b[2J\x1b[H",
	"OSC title":           "\x1b]0;pwned\a",
	"BEL NUL":             "\a\x00",
	"VT FF":               "\v\f",
	"CR LF fake line":     "\r\nroomsctl: fake line",
	"TAB":                 "a\tb",
	"DEL":                 "\x7f",
	"NEL":                 "\u0085",
	"C1 CSI":              "\u009b31m",
	"line separator":      "\u2028",
	"paragraph separator": "\u2029",
	"bidi override":       "\u202egnp.exe",
	"bidi isolate":        "\u2066x\u2069",
	"zero width":          "\u200b\ufeff",
	"tag character":       "\U000E0041",
}

// requirePrintable fails unless s is one line without a control or format
// character, a line or paragraph separator.
func requirePrintable(t *testing.T, s string) {
	t.Helper()
	for i, r := range s {
		if unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) {
			require.Failf(t, "unescaped character", "%U at byte %d of %q", r, i, s)
		}
	}
}

// TestAPIErrorEscapesServerText checks every field of an error answer that
// reaches APIError.Error: the message escapes what a terminal would act on,
// while the fields keep the server's text exactly.
func TestAPIErrorEscapesServerText(t *testing.T) {
	t.Parallel()
	for name, text := range hostileText {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, WithRetryPolicy(RetryPolicy{}))
			mux.HandleFunc("GET /room_participants/"+partID, func(w http.ResponseWriter, r *http.Request) {
				// net/http refuses a header with an ASCII control character
				// (TestTransportErrorQuotingTheAnswerIsPrintable covers that
				// answer): the header carries the others.
				w.Header().Set("X-Request-Id", "req"+strings.Map(func(r rune) rune {
					if r < 0x20 || r == 0x7f {
						return -1
					}
					return r
				}, text))
				body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{
					"code": "1" + text, "title": "T" + text, "detail": "D" + text,
					"source": map[string]any{"pointer": "/p" + text, "parameter": "q" + text},
				}}})
				writeJSON(w, http.StatusUnprocessableEntity, string(body))
			})
			_, err := c.Participants.Get(context.Background(), partID)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			requirePrintable(t, err.Error())
			require.Len(t, apiErr.Errors, 1)
			d := apiErr.Errors[0]
			assert.Equal(t, []string{"1" + text, "T" + text, "D" + text, "/p" + text, "q" + text},
				[]string{string(d.Code), d.Title, d.Detail, d.Pointer, d.Parameter}, "the fields keep the server's text")
			assert.Contains(t, err.Error(), "T"+escaped(text))
		})
	}
}

// TestErrorsFromOtherBodiesArePrintable checks the other paths by which the
// server's bytes reach an error message: a body that is not the envelope, a
// 2xx body that is not JSON, and a transport error quoting a malformed
// header line of the answer.
func TestErrorsFromOtherBodiesArePrintable(t *testing.T) {
	t.Parallel()
	text := strings.Join([]string{hostileText["ANSI colour"], hostileText["CR LF fake line"], hostileText["bidi override"], hostileText["NEL"]}, "")
	cases := []struct {
		name   string
		handle func(w http.ResponseWriter)
	}{
		{"plain text error body", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprint(w, text)
		}},
		{"not JSON success body", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, text)
		}},
		{"wrong type in a success body", func(w http.ResponseWriter) {
			body, _ := json.Marshal(map[string]any{"data": map[string]any{"id": partID, text: 1, "context": 5}})
			writeJSON(w, http.StatusOK, string(body))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, WithRetryPolicy(RetryPolicy{}))
			mux.HandleFunc("GET /room_participants/"+partID, func(w http.ResponseWriter, r *http.Request) { tc.handle(w) })
			_, err := c.Participants.Get(context.Background(), partID)
			require.Error(t, err)
			requirePrintable(t, err.Error())
		})
	}
}

// TestTransportErrorQuotingTheAnswerIsPrintable answers with a malformed
// header line holding an ANSI sequence: net/http's error quotes the line raw,
// the client's error escapes it and still wraps the transport's error.
func TestTransportErrorQuotingTheAnswerIsPrintable(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				_, _ = http.ReadRequest(bufio.NewReader(conn))
				_, _ = fmt.Fprint(conn, "HTTP/1.1 200 OK\r\nbroken \x1b[31mheader\u2028\x1b]0;pwned\a\r\nContent-Length: 0\r\n\r\n")
			}()
		}
	}()
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL("http://"+ln.Addr().String()+apiPrefix), WithRetryPolicy(RetryPolicy{}))
	require.NoError(t, err)
	_, err = c.Participants.Get(context.Background(), partID)
	require.Error(t, err)
	requirePrintable(t, err.Error())
	assert.Contains(t, err.Error(), `\x1b[31mheader`, "the text is escaped, not dropped")
	var ue interface{ Timeout() bool }
	assert.ErrorAs(t, err, &ue, "the *url.Error is still in the chain")
}

// escaped is what the package doc of internal/termtext says the message
// shows for s; it is spelled out here rather than computed by termtext.
func escaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\a':
			b.WriteString(`\a`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\v':
			b.WriteString(`\v`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestBaseURLErrorsNeverRepeatTheURL checks that a key pasted anywhere in a
// base URL NewClient refuses (user info, path, query, fragment, a part that
// does not parse) never reaches the error.
func TestBaseURLErrorsNeverRepeatTheURL(t *testing.T) {
	t.Parallel()
	const secret = "KEYsecret0123456789"
	for _, raw := range []string{
		"https://user:" + secret + "@api.example.com/v2",
		"https://api.example.com/v2?key=" + secret,
		"https://api.example.com/v2#" + secret,
		"http://api.example.com/" + secret,
		"ftp://api.example.com/" + secret,
		"https:///" + secret,
		"https://api.example.com:" + secret + "/v2",
		"https://api.example.com/%zz" + secret,
		"https://api.example.com/v2?\x1b[31m" + secret,
	} {
		_, err := NewClient(WithAPIKey(testKey), WithBaseURL(raw))
		require.Error(t, err, raw)
		assert.NotContains(t, err.Error(), secret, raw)
		requirePrintable(t, err.Error())
	}
}
