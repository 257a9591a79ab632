package rooms_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// The examples run against a tiny hand-written stand-in for the API, so that
// their output is checked by go test. With the real API, create the client
// with rooms.NewClient(): it reads the key from TELNYX_API_KEY.

const (
	exampleRoom    = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	exampleSession = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
	exampleHost    = "5a1b7c3e-9d2f-4e8a-b6c4-1f2e3d4c5b6a"
)

// exampleServer answers the few calls the examples make.
func exampleServer() *httptest.Server {
	mux := http.NewServeMux()
	reply := func(w http.ResponseWriter, status int, body string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}
	room := `{"id":"` + exampleRoom + `","unique_name":"standup","max_participants":10,"record_type":"room"}`
	mux.HandleFunc("POST /v2/rooms", func(w http.ResponseWriter, r *http.Request) {
		reply(w, 201, `{"data":`+room+`}`)
	})
	mux.HandleFunc("POST /v2/rooms/{id}/actions/generate_join_client_token", func(w http.ResponseWriter, r *http.Request) {
		reply(w, 201, `{"data":{"token":"eyJ.join.token","token_expires_at":"2024-05-01T10:10:00Z",`+
			`"refresh_token":"eyJ.refresh","refresh_token_expires_at":"2024-05-01T11:00:00Z"}}`)
	})
	mux.HandleFunc("GET /v2/rooms/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != exampleRoom {
			reply(w, 404, `{"errors":[{"code":"10005","title":"Resource not found","detail":"The requested resource or URL could not be found."}]}`)
			return
		}
		reply(w, 200, `{"data":`+room+`}`)
	})
	mux.HandleFunc("GET /v2/rooms/{id}/sessions", func(w http.ResponseWriter, r *http.Request) {
		// Three sessions, two per page.
		page, _ := strconv.Atoi(r.URL.Query().Get("page[number]"))
		page = max(page, 1)
		var items string
		for i := 2*page - 1; i <= min(2*page, 3); i++ {
			if items != "" {
				items += ","
			}
			items += fmt.Sprintf(`{"id":"00000000-0000-4000-8000-00000000000%d","room_id":"%s","active":%t,"created_at":"2024-05-0%dT09:00:00Z"}`,
				i, exampleRoom, i == 3, i)
		}
		reply(w, 200, fmt.Sprintf(`{"data":[%s],"meta":{"page_number":%d,"page_size":2,"total_pages":2,"total_results":3}}`, items, page))
	})
	mux.HandleFunc("POST /v2/room_sessions/{id}/actions/mute", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Participants string   `json:"participants"`
			Exclude      []string `json:"exclude"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Participants != "all" {
			reply(w, 422, `{"errors":[{"code":"10015","title":"Invalid participants"}]}`)
			return
		}
		reply(w, 200, `{"data":{"result":"ok"}}`)
	})
	return httptest.NewServer(mux)
}

// exampleClient returns a client of the stand-in server.
func exampleClient(srv *httptest.Server) *rooms.Client {
	client, err := rooms.NewClient(rooms.WithAPIKey("KEY-example"), rooms.WithBaseURL(srv.URL+"/v2"))
	if err != nil {
		log.Fatal(err)
	}
	return client
}

// Create a room, then a token that lets one participant join it.
func Example() {
	srv := exampleServer()
	defer srv.Close()
	client := exampleClient(srv) // with the real API: rooms.NewClient()
	ctx := context.Background()

	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{
		UniqueName:      rooms.Ptr("standup"),
		MaxParticipants: rooms.Ptr(10),
	})
	if err != nil {
		log.Fatal(err)
	}
	tok, err := client.Tokens.Generate(ctx, room.Id.String(), &rooms.GenerateTokenParams{
		TokenTTL:        10 * time.Minute,
		RefreshTokenTTL: time.Hour,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("room:", room.UniqueName, room.Id)
	fmt.Println("token:", tok.Token, "expires", tok.TokenExpiresAt.Format(time.RFC3339))
	// Output:
	// room: standup 7b61621f-62e0-4aad-ab11-9fd19e272e73
	// token: eyJ.join.token expires 2024-05-01T10:10:00Z
}

// Walk every session of a room; the iterator fetches the pages as needed.
func ExampleRoomsService_ListSessionsIter() {
	srv := exampleServer()
	defer srv.Close()
	client := exampleClient(srv)

	for s, err := range client.Rooms.ListSessionsIter(context.Background(), exampleRoom, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.Id, s.CreatedAt.Format(time.DateOnly), "active:", s.Active)
	}
	// Output:
	// 00000000-0000-4000-8000-000000000001 2024-05-01 active: false
	// 00000000-0000-4000-8000-000000000002 2024-05-02 active: false
	// 00000000-0000-4000-8000-000000000003 2024-05-03 active: true
}

// Tell a missing room from other failures.
func ExampleAPIError_notFound() {
	srv := exampleServer()
	defer srv.Close()
	client := exampleClient(srv)

	_, err := client.Rooms.Get(context.Background(), "11111111-2222-4333-8444-555555555555", nil)
	var apiErr *rooms.APIError
	switch {
	case errors.Is(err, rooms.ErrNotFound):
		errors.As(err, &apiErr)
		fmt.Println("no such room:", apiErr.StatusCode, apiErr.Errors[0].Code, apiErr.Errors[0].Title)
	case errors.Is(err, rooms.ErrUnprocessable):
		fmt.Println("bad request:", err)
	case err != nil:
		fmt.Println("other failure (network, timeout, 5xx):", err)
	}
	// Output:
	// no such room: 404 10005 Resource not found
}

// Mute everyone in a session except the host.
func ExampleSessionsService_Mute() {
	srv := exampleServer()
	defer srv.Close()
	client := exampleClient(srv)

	err := client.Sessions.Mute(context.Background(), exampleSession, rooms.ParticipantsAction{
		Participants: rooms.AllParticipants,
		Exclude:      []string{exampleHost},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("muted everyone but", exampleHost)
	// Output:
	// muted everyone but 5a1b7c3e-9d2f-4e8a-b6c4-1f2e3d4c5b6a
}
