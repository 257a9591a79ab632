package roomstest_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// FuzzActsOnWhatItValidated sends arbitrary JSON bodies to the operations
// that act on a body (create and update a room, generate a token, mute) and
// checks that whatever the fake accepted it acted on exactly as validation
// read it: member names matched exactly (as kin-openapi matches them, by a
// plain decode into a map), so each declared member present sets its field
// and nothing else does; what is stored is what was answered; no response
// breaks the contract.
//
//	go test -run '^$' -fuzz FuzzActsOnWhatItValidated ./wrapper/roomstest
func FuzzActsOnWhatItValidated(f *testing.F) {
	for _, s := range []struct {
		op   uint8
		body string
	}{
		{opCreate, `{"MAX_PARTICIPANTS":99}`},
		{opCreate, `{"max_participants":5,"Max_Participants":99}`},
		{opCreate, `{"Webhook_Timeout_Secs":-5,"webhook_timeout_secs":null}`},
		{opCreate, `{"unique_name":"a","UNIQUE_NAME":"b","enable_recording":true,"Enable_Recording":false}`},
		{opCreate, `{"unique_name":"<&>","webhook_event_url":"https://e.example/h","webhook_event_failover_url":""}`},
		{opCreate, `{"max_participantſ":40}`},
		{opCreate, `{"max_participants":5}{"max_participants":6}`},
		{opCreate, `{"max_participants":5,"max_participants":6}`},
		{opUpdate, `{"webhook_timeout_secs":5,"Webhook_Timeout_Secs":null}`},
		{opUpdate, `{"webhook_timeout_secs":null,"WEBHOOK_EVENT_URL":"https://x.example"}`},
		{opUpdate, `{"unique_name":"my_video_room"}`},
		{opToken, `{"TOKEN_TTL_SECS":2000000000,"refresh_token_ttl_secs":60}`},
		{opToken, `{"token_ttl_secs":10,"Refresh_Token_TTL_Secs":2000000000}`},
		{opMute, `{"Participants":"all"}`},
		{opMute, `{"participants":"all","EXCLUDE":["` + roomstest.SeedAliceID + `"]}`},
		{opMute, `{"participants":["` + roomstest.SeedBobID + `"],"exclude":[]}`},
	} {
		f.Add(s.op, []byte(s.body))
	}
	now := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, op uint8, body []byte) {
		srv := roomstest.NewHandler(roomstest.WithSeedData(), roomstest.WithResponseValidation(),
			roomstest.WithClock(func() time.Time { return now }))
		defer srv.Close()
		h := srv.Handler()
		call := func(method, path string, body []byte) (int, []byte) {
			req := httptest.NewRequest(method, "http://127.0.0.1/v2"+path, bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer fuzz")
			if body != nil {
				req.Header.Set("Content-Type", "application/json")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec.Code, rec.Body.Bytes()
		}
		room := "/rooms/" + roomstest.SeedMyRoomID
		_, before := call("GET", room, nil)

		var (
			status int
			out    []byte
		)
		switch op % opCount {
		case opCreate:
			status, out = call("POST", "/rooms", body)
		case opUpdate:
			status, out = call("PATCH", room, body)
		case opToken:
			status, out = call("POST", room+"/actions/generate_join_client_token", body)
		case opMute:
			status, out = call("POST", "/room_sessions/"+roomstest.SeedSessionID+"/actions/mute", body)
		}
		if v := srv.ContractViolations(); len(v) > 0 {
			t.Fatalf("contract violation: %s", v[0])
		}
		if status >= 300 {
			return
		}
		var members map[string]json.RawMessage // exact names, as validation reads them
		if err := json.Unmarshal(body, &members); err != nil {
			t.Fatalf("%d for a body that is not a JSON object: %q", status, body)
		}
		switch op % opCount {
		case opCreate, opUpdate:
			var answered, prev gen.RoomData
			mustDecode(t, out, &answered)
			want := gen.Room{ID: answered.Data.ID, RecordType: "room", MaxParticipants: 10, CreatedAt: now, UpdatedAt: now}
			if op%opCount == opUpdate {
				mustDecode(t, before, &prev)
				want = prev.Data
				want.UpdatedAt = now
			}
			applyMembers(t, &want, members)
			if !roomsEqual(want, answered.Data) {
				t.Fatalf("body %q: answered %+v, validation read %+v", body, answered.Data, want)
			}
			_, got := call("GET", "/rooms/"+answered.Data.ID.String(), nil)
			var stored gen.RoomData
			mustDecode(t, got, &stored)
			if !roomsEqual(answered.Data, stored.Data) {
				t.Fatalf("body %q: stored %+v, answered %+v", body, stored.Data, answered.Data)
			}
		case opToken:
			var tok gen.JoinClientTokenData
			mustDecode(t, out, &tok)
			ttl, refreshTTL := int32(600), int32(3600)
			decodeMember(t, members, "token_ttl_secs", &ttl)
			decodeMember(t, members, "refresh_token_ttl_secs", &refreshTTL)
			if !tok.Data.TokenExpiresAt.Equal(now.Add(time.Duration(ttl)*time.Second)) ||
				!tok.Data.RefreshTokenExpiresAt.Equal(now.Add(time.Duration(refreshTTL)*time.Second)) {
				t.Fatalf("body %q: token %+v, validation read TTLs %d and %d", body, tok.Data, ttl, refreshTTL)
			}
		case opMute:
			present := []string{roomstest.SeedAliceID, roomstest.SeedBobID}
			var chosen []string
			if raw, ok := members["participants"]; ok {
				var all string
				if json.Unmarshal(raw, &all) == nil {
					chosen = present
				} else {
					mustDecode(t, raw, &chosen)
				}
			}
			var exclude []string
			decodeMember(t, members, "exclude", &exclude)
			for _, id := range present {
				want := slices.Contains(chosen, id) && !slices.Contains(exclude, id)
				if srv.Muted(id) != want {
					t.Fatalf("body %q: participant %s muted %v, validation read %v", body, id, !want, want)
				}
			}
		}
	})
}

// The operations FuzzActsOnWhatItValidated calls, chosen by op % opCount.
const (
	opCreate uint8 = iota
	opUpdate
	opToken
	opMute
	opCount
)

// applyMembers writes the room fields present in members, as the API documents them.
func applyMembers(t *testing.T, r *gen.Room, members map[string]json.RawMessage) {
	t.Helper()
	decodeMember(t, members, "unique_name", &r.UniqueName)
	decodeMember(t, members, "max_participants", &r.MaxParticipants)
	decodeMember(t, members, "enable_recording", &r.EnableRecording)
	decodeMember(t, members, "webhook_event_url", &r.WebhookEventURL)
	decodeMember(t, members, "webhook_event_failover_url", &r.WebhookEventFailoverURL)
	if raw, ok := members["webhook_timeout_secs"]; ok {
		r.WebhookTimeoutSecs = nil // null clears it
		mustDecode(t, raw, &r.WebhookTimeoutSecs)
	}
}

func decodeMember(t *testing.T, members map[string]json.RawMessage, name string, v any) {
	t.Helper()
	if raw, ok := members[name]; ok {
		mustDecode(t, raw, v)
	}
}

func mustDecode(t *testing.T, raw []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("decoding %q: %v", raw, err)
	}
}

func roomsEqual(a, b gen.Room) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}
