package rooms

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// BenchmarkDecodePage250 decodes the body of a page of 250 rooms, with no
// HTTP around it, in each of the ways item 1 of issue 13 weighs (the
// evaluation is in BENCHMARKS.md):
//
//   - encoding-json: encoding/json's Unmarshal of the whole body, which
//     scans it for validity before it decodes it;
//   - encoding-json-decoder: encoding/json's Decoder over a reader, the raw
//     baseline of BenchmarkListRooms250;
//   - v2-bytes: go-json-experiment/json's Unmarshal of the whole body, with
//     the page-size bound (D50, the decoder before D52);
//   - v2-stream: go-json-experiment/json over a reader, with the page-size
//     bound: what the client does (D52);
//   - v2-stream-plain: the same into a plain envelope, with no bound;
//   - tokens: a decoder written for Room on jsontext tokens, what a code
//     generator would emit: the most generated decoders could gain.
//
// Run with GOEXPERIMENT=jsonv2, go-json-experiment/json is an alias of the
// standard library's encoding/json/v2, and the v2 cases measure it.
func BenchmarkDecodePage250(b *testing.B) {
	body := []byte(pageJSON(roomsJSON(250), 1, 250, 1, 250))
	b.SetBytes(int64(len(body)))
	check := func(b *testing.B, err error, n int) {
		if err != nil || n != 250 {
			b.Fatal(n, err)
		}
	}
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var env plainEnvelope
			err := stdjson.Unmarshal(body, &env)
			check(b, err, len(env.Data))
		}
	})
	b.Run("encoding-json-decoder", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var env plainEnvelope
			err := stdjson.NewDecoder(bytes.NewReader(body)).Decode(&env)
			check(b, err, len(env.Data))
		}
	})
	b.Run("v2-bytes", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			env := listEnvelope[Room]{limit: 250}
			err := decodeJSON(body, &env)
			check(b, err, len(env.Data))
		}
	})
	b.Run("v2-stream", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			env := listEnvelope[Room]{limit: 250}
			err := decodeFrom(bytes.NewReader(body), &env)
			check(b, err, len(env.Data))
		}
	})
	b.Run("v2-stream-plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var env plainEnvelope
			err := decodeFrom(bytes.NewReader(body), &env)
			check(b, err, len(env.Data))
		}
	})
	b.Run("tokens", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			env := listEnvelope[tokenRoom]{limit: 250}
			err := decodeFrom(bytes.NewReader(body), &env)
			check(b, err, len(env.Data))
		}
	})
}

// TestTokenDecoderMatches checks that the token decoder of the benchmark
// decodes what the client's decoder does, so that it measures the same work.
func TestTokenDecoderMatches(t *testing.T) {
	t.Parallel()
	body := []byte(pageJSON(roomsJSON(3), 1, 250, 1, 3))
	want := listEnvelope[Room]{limit: 250}
	if err := decodeFrom(bytes.NewReader(body), &want); err != nil {
		t.Fatal(err)
	}
	got := listEnvelope[tokenRoom]{limit: 250}
	if err := decodeFrom(bytes.NewReader(body), &got); err != nil {
		t.Fatal(err)
	}
	for i := range want.Data {
		if fmt.Sprint(want.Data[i]) != fmt.Sprint(Room(got.Data[i])) {
			t.Fatalf("room %d: %+v, want %+v", i, got.Data[i], want.Data[i])
		}
	}
	for _, bad := range []string{`{"max_participants":"10"}`, `{"max_participants":1.5}`, `{"id":1}`, `{"created_at":"yesterday"}`, `{"id":"a","id":"b"}`} {
		var r tokenRoom
		if err := decodeFrom(bytes.NewReader([]byte(bad)), &r); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}

// plainEnvelope is a list body as encoding/json would decode it: no bound.
type plainEnvelope struct {
	Data []Room    `json:"data"`
	Meta *pageMeta `json:"meta"`
}

// tokenRoom is a Room decoded by hand from jsontext tokens.
type tokenRoom Room

var errTokenKind = errors.New("wrong JSON kind")

// UnmarshalJSONFrom decodes a room token by token. Member names and
// numbers are read as raw values, which allocates nothing; strings are
// unquoted into new strings, as any decoder must.
func (r *tokenRoom) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != '{' {
		return errTokenKind
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadValue()
		if err != nil {
			return err
		}
		switch string(name) {
		case `"id"`:
			r.ID, err = tokenString(dec)
		case `"unique_name"`:
			r.UniqueName, err = tokenString(dec)
		case `"max_participants"`:
			r.MaxParticipants, err = tokenInt(dec)
		case `"enable_recording"`:
			if tok, err = dec.ReadToken(); err == nil {
				switch tok.Kind() {
				case 't', 'f':
					r.EnableRecording = tok.Bool()
				case 'n':
				default:
					err = errTokenKind
				}
			}
		case `"active_session_id"`:
			r.ActiveSessionID, err = tokenString(dec)
		case `"created_at"`:
			r.CreatedAt, err = tokenTime(dec)
		case `"updated_at"`:
			r.UpdatedAt, err = tokenTime(dec)
		case `"webhook_event_url"`:
			r.WebhookEventURL, err = tokenString(dec)
		case `"webhook_event_failover_url"`:
			r.WebhookEventFailoverURL, err = tokenString(dec)
		case `"webhook_timeout_secs"`:
			if dec.PeekKind() == 'n' {
				r.WebhookTimeoutSecs = nil
				_, err = dec.ReadToken()
				break
			}
			var n int
			if n, err = tokenInt(dec); err == nil {
				r.WebhookTimeoutSecs = &n
			}
		case `"sessions"`:
			err = json.UnmarshalDecode(dec, &r.Sessions)
		case `"record_type"`:
			r.RecordType, err = tokenString(dec)
		default:
			err = dec.SkipValue()
		}
		if err != nil {
			return err
		}
	}
	_, err = dec.ReadToken()
	return err
}

func tokenString(dec *jsontext.Decoder) (string, error) {
	tok, err := dec.ReadToken()
	switch {
	case err != nil:
		return "", err
	case tok.Kind() == 'n':
		return "", nil
	case tok.Kind() != '"':
		return "", errTokenKind
	}
	return tok.String(), nil
}

// tokenInt reads a JSON integer that fits an int32, or null (0).
func tokenInt(dec *jsontext.Decoder) (int, error) {
	v, err := dec.ReadValue()
	switch {
	case err != nil:
		return 0, err
	case v.Kind() == 'n':
		return 0, nil
	case v.Kind() != '0' || len(v) > 10:
		return 0, errTokenKind
	}
	n, neg := 0, v[0] == '-'
	if neg {
		v = v[1:]
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, errTokenKind
		}
		n = 10*n + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, nil
}

func tokenTime(dec *jsontext.Decoder) (time.Time, error) {
	s, err := tokenString(dec)
	if err != nil || s == "" {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339Nano, s)
}
