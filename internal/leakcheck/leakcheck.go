// Package leakcheck is the oracle of the API key redaction proofs: it lists
// the encodings of a key a hostile server (or a formatter) can give it and
// finds them in what a program showed. It is independent of the redactor
// it checks (wrapper/rooms), and it is for tests only.
//
// A leak is a whole encoding of the key (see Forms) or, with pieces, a run
// of MinPiece consecutive bytes of the key as it is. Messages name which
// form and where, never the key.
package leakcheck

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
)

// MinPiece is the length from which a run of bytes of the key is a leak.
// It equals the redactor's own bound (a test of wrapper/rooms checks it).
const MinPiece = 8

// Encoding is one way a server can encode what it echoes.
type Encoding struct {
	Name   string
	Encode func(string) string
}

// Encodings are the encodings of echoes the proofs drive: the first three
// (raw, QueryEscape, PathEscape) are the common ones.
var Encodings = []Encoding{
	{"raw", func(s string) string { return s }},
	{"QueryEscape", url.QueryEscape},
	{"PathEscape", url.PathEscape},
	{"%XX every byte", func(s string) string { return EveryByte(s, "%%%02X") }},
	{"%xx every byte", func(s string) string { return EveryByte(s, "%%%02x") }},
	{"%Xx mixed case", mixedCasePercent},
	{`\u00xx every byte`, func(s string) string { return EveryByte(s, `\u%04x`) }},
	{`\u00XX every byte`, func(s string) string { return EveryByte(s, `\u%04X`) }},
	{"JSON string", JSONInner},
	{"JSON string of a JSON string", func(s string) string { return JSONInner(JSONInner(s)) }},
	{"QueryEscape twice", func(s string) string { return url.QueryEscape(url.QueryEscape(s)) }},
	{`\xHH every byte`, func(s string) string { return EveryByte(s, `\x%02x`) }},
	{"HTML &#xH;", func(s string) string { return EveryByte(s, "&#x%x;") }},
	{"HTML &#N;", func(s string) string { return EveryByte(s, "&#%d;") }},
	{"html.EscapeString", html.EscapeString},
	{"base64 std", func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }},
	{"base64 url raw", func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }},
	{"hex", func(s string) string { return hex.EncodeToString([]byte(s)) }},
	{"HEX", func(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }},
}

// EveryByte formats every byte of s with format (such as "%%%02X").
func EveryByte(s, format string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, format, s[i])
	}
	return b.String()
}

// mixedCasePercent percent-encodes every byte, alternating the hex case.
func mixedCasePercent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		h := fmt.Sprintf("%02X", s[i])
		if i%2 == 1 {
			h = strings.ToLower(h)
		}
		b.WriteString("%" + h)
	}
	return b.String()
}

// JSONInner is s as a JSON string literal, without the quotes.
func JSONInner(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// Forms lists the encodings of key whose presence in shown text is a leak:
// the key; its URL, percent, JSON, Go and HTML escapes; and, for a key of
// MinPiece bytes or more, its base64 and hex encodings.
func Forms(key string) []string {
	quoted := strconv.Quote(key)
	forms := []string{key, url.QueryEscape(key), url.PathEscape(key),
		EveryByte(key, "%%%02X"), EveryByte(key, "%%%02x"), EveryByte(key, `\u%04x`), EveryByte(key, `\u%04X`),
		JSONInner(key), quoted[1 : len(quoted)-1], html.EscapeString(key)}
	if len(key) >= MinPiece {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			forms = append(forms, enc.EncodeToString([]byte(key)))
		}
		forms = append(forms, hex.EncodeToString([]byte(key)), strings.ToUpper(hex.EncodeToString([]byte(key))))
	}
	return forms
}

// In names the first form of key found in s ("" for none): a whole form,
// or with pieces a run of MinPiece bytes of the key.
func In(s, key string, pieces bool) string { return Before(s, key, pieces, len(s)) }

// Before is In for matches that start before byte end of s: those that
// hold text, not only the syntax a log handler closes a value with.
func Before(s, key string, pieces bool, end int) string {
	find := func(f string) int {
		if i := strings.Index(s, f); i < end {
			return i // -1 included
		}
		return -1
	}
	for i, f := range Forms(key) {
		if at := find(f); at >= 0 {
			return fmt.Sprintf("form %d of the key at byte %d", i, at)
		}
	}
	if pieces {
		for i := 0; i+MinPiece <= len(key); i++ {
			if at := find(key[i : i+MinPiece]); at >= 0 {
				return fmt.Sprintf("bytes %d..%d of the key at byte %d", i, i+MinPiece, at)
			}
		}
	}
	return ""
}
