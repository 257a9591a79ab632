package roomstest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// FuzzHandler sends arbitrary requests (method, path, query, body, with or
// without the right key) through the fake's Handler, seeded world and
// response validation on. Whatever the request: no panic; the answer is a
// success with a "data" document (or an empty 204), or a 4xx in the Telnyx
// error envelope; never a 5xx, never a contract violation, never the key;
// never a success for a query string net/url reads only in part.
func FuzzHandler(f *testing.F) {
	const key = "fuzz-key-5e1d9c7b3a"
	room, sess, alice := roomstest.SeedMyRoomID, roomstest.SeedSessionID, roomstest.SeedAliceID
	for _, s := range []struct {
		method, path, query, body string
		auth                      bool
	}{
		{"GET", "/v2/rooms", "", "", true},
		{"GET", "/v2/rooms", "page[size]=250&page[number]=1&include_sessions=true&filter[unique_name]=My Room", "", true},
		{"GET", "/v2/rooms", "page[size]=0&filter[date_created_at][eq]=2021-13-45&filter[date_created_at][gte]=x", "", true},
		{"GET", "/v2/rooms", "", "", false},
		{"POST", "/v2/rooms", "", `{"unique_name":"fuzz","max_participants":5,"enable_recording":true,"webhook_event_url":"https://example.com/h","webhook_timeout_secs":10}`, true},
		{"POST", "/v2/rooms", "", `{"unique_name":5}`, true},
		{"POST", "/v2/rooms", "", `[]`, true},
		{"POST", "/v2/rooms", "", `{"max_participants":`, true},
		{"POST", "/v2/rooms", "", strings.Repeat("[", 5000), true},
		{"PATCH", "/v2/rooms/" + room, "", `{"webhook_timeout_secs":null,"webhook_event_url":""}`, true},
		{"GET", "/v2/rooms/" + room, "include_sessions=true", "", true},
		{"DELETE", "/v2/rooms/not-a-uuid", "", "", true},
		{"GET", "/v2/rooms/" + room + "/sessions", "filter[active]=true&filter[date_ended_at][lte]=2021-04-25", "", true},
		{"POST", "/v2/rooms/" + room + "/actions/generate_join_client_token", "", `{"token_ttl_secs":10,"refresh_token_ttl_secs":60}`, true},
		{"POST", "/v2/rooms/" + room + "/actions/refresh_client_token", "", `{"refresh_token":"nope"}`, true},
		{"GET", "/v2/room_sessions", "filter[room_id]=" + room + "&include_participants=true", "", true},
		{"POST", "/v2/room_sessions/" + sess + "/actions/mute", "", `{"participants":"all","exclude":["` + alice + `"]}`, true},
		{"POST", "/v2/room_sessions/" + sess + "/actions/kick", "", `{"participants":["` + alice + `","x"]}`, true},
		{"POST", "/v2/room_sessions/" + sess + "/actions/end", "", "", true},
		{"GET", "/v2/room_sessions/" + sess + "/participants", "filter[context]=Alice", "", true},
		{"GET", "/v2/room_participants/" + alice, "", "", true},
		{"OPTIONS", "/v2/rooms", "", "", true},
		{"PUT", "/v2/rooms/" + room, "", `{}`, true},
		{"GET", "/v1/rooms", "", "", true},
		{"GET", "/v2/rooms/../rooms/%2e%2e", "", "", true},
		{"GET", "/v2//rooms", "a=%zz&b", "", true},
		{"GET", "/v2/rooms/", "", "", true},
		{"POST", "/v2/room_sessions/" + sess + "/actions/mute/", "", `{}`, true},
		// Documents two parsers would read differently (issue 12): a member
		// in another case, given twice, or after the document; bad UTF-8.
		{"POST", "/v2/rooms", "", `{"MAX_PARTICIPANTS":99}`, true},
		{"POST", "/v2/rooms", "", `{"Webhook_Timeout_Secs":-5}`, true},
		{"PATCH", "/v2/rooms/" + room, "", `{"webhook_timeout_secs":5,"Webhook_Timeout_Secs":null}`, true},
		{"POST", "/v2/rooms/" + room + "/actions/generate_join_client_token", "", `{"TOKEN_TTL_SECS":2000000000}`, true},
		{"POST", "/v2/rooms/" + room + "/actions/refresh_client_token", "", `{"refresh_token":"x","REFRESH_TOKEN":"y","Token_TTL_Secs":0}`, true},
		{"POST", "/v2/room_sessions/" + sess + "/actions/kick", "", `{"Participants":"all","EXCLUDE":[]}`, true},
		{"POST", "/v2/rooms", "", `{"max_participants":5,"max_participants":6}`, true},
		{"POST", "/v2/rooms", "", `{"max_participants":5}{"max_participants":60}`, true},
		{"POST", "/v2/rooms", "", "{\"unique_name\":\"a\xffb\"}", true},
		{"POST", "/v2/rooms", "", `{"unique_name":"\ud800"}`, true},
		// Query strings net/url reads only in part, or with a parameter twice.
		{"GET", "/v2/rooms", "filter[unique_name]=My%20Room;page[size]=1", "", true},
		{"GET", "/v2/rooms", "filter[unique_name]=%zz", "", true},
		{"GET", "/v2/rooms", strings.Repeat("x&", 10_000) + "filter[unique_name]=My%20Room", "", true},
		{"GET", "/v2/rooms", "page[size]=1&page[size]=300", "", true},
		{"GET", "/v2/room_sessions", "filter[room_id]=" + room + "&filter[room_id]=" + sess, "", true},
	} {
		f.Add(s.method, s.path, s.query, []byte(s.body), s.auth)
	}
	srv := roomstest.NewHandler(roomstest.WithSeedData(), roomstest.WithResponseValidation(), roomstest.WithAPIKey(key))
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, method, path, query string, body []byte, auth bool) {
		// Only what a server can receive: a valid method and request target.
		target := path
		if query != "" {
			target += "?" + query
		}
		u, err := url.ParseRequestURI(target)
		if err != nil || !strings.HasPrefix(u.Path, "/") || len(body) > 2<<20 {
			return
		}
		req, err := http.NewRequest(method, "http://127.0.0.1"+u.RequestURI(), bytes.NewReader(body))
		if err != nil {
			return
		}
		req.URL = u
		req.Header.Set("Content-Type", "application/json")
		if auth {
			req.Header.Set("Authorization", "Bearer "+key)
		} else {
			req.Header.Set("Authorization", "Bearer "+key+"x")
		}
		violations := len(srv.ContractViolations())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)

		status, out := rec.Code, rec.Body.Bytes()
		if bytes.Contains(out, []byte(key)) {
			t.Fatalf("%s %s: the answer holds the key", method, target)
		}
		if v := srv.ContractViolations(); len(v) > violations {
			t.Fatalf("%s %s: contract violation: %s", method, target, v[len(v)-1])
		}
		if _, err := url.ParseQuery(u.RawQuery); err != nil && status < 300 {
			t.Fatalf("%s %s: %d for a query string net/url reads only in part: a parameter was dropped", method, target, status)
		}
		switch {
		case status == http.StatusNoContent:
			if len(out) != 0 {
				t.Fatalf("%s %s: 204 with a body: %q", method, target, out)
			}
		case status >= 200 && status < 300:
			var doc map[string]json.RawMessage
			if err := json.Unmarshal(out, &doc); err != nil || doc["data"] == nil {
				t.Fatalf("%s %s: %d without a data document: %q", method, target, status, out)
			}
		case status >= 400 && status < 500:
			var env struct {
				Errors []struct{ Code, Title string }
			}
			if err := json.Unmarshal(out, &env); err != nil || len(env.Errors) == 0 {
				t.Fatalf("%s %s: %d not in the error envelope: %q", method, target, status, out)
			}
			for _, e := range env.Errors {
				if e.Code == "" || e.Title == "" {
					t.Fatalf("%s %s: %d error without code or title: %q", method, target, status, out)
				}
			}
		default:
			t.Fatalf("%s %s: status %d: %q", method, target, status, out)
		}
		if ct := rec.Header().Get("Content-Type"); status != http.StatusNoContent && !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%s %s: Content-Type %q", method, target, ct)
		}
	})
}
