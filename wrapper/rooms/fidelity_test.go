package rooms

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The contract fidelity fixes of issue 11, item 2, and the action success
// bodies of issue 12, item 10 (decisions D40 to D44 of openapi.yaml).

// TestErrorBodyShapes: each of the three error shapes upstream answers with
// (D41) becomes a *APIError carrying what the body says, on any operation.
func TestErrorBodyShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		status      int
		body        string
		wantErrors  []ErrorDetail
		wantMessage string
		wantBody    string
		wantInMsg   string
		sentinel    error
	}{
		{
			name: "envelope", status: 422,
			body:       `{"errors":[{"code":"10015","title":"Bad Request","detail":"bad","source":{"pointer":"/max_participants"}}]}`,
			wantErrors: []ErrorDetail{{Code: "10015", Title: "Bad Request", Detail: "bad", Pointer: "/max_participants"}},
			wantInMsg:  "422 Unprocessable Entity: Bad Request: bad [code 10015, pointer /max_participants]",
			sentinel:   ErrUnprocessable,
		},
		{
			name: "single error object (404 ResourceNotFound)", status: 404,
			body:       `{"code":"10005","title":"Resource not found","detail":"The requested resource or URL could not be found."}`,
			wantErrors: []ErrorDetail{{Code: "10005", Title: "Resource not found", Detail: "The requested resource or URL could not be found."}},
			wantInMsg:  "404 Not Found: Resource not found",
			sentinel:   ErrNotFound,
		},
		{
			name: "single error object (403 on a token operation)", status: 403,
			body:       `{"code":"10010","title":"Forbidden"}`,
			wantErrors: []ErrorDetail{{Code: "10010", Title: "Forbidden"}},
			wantInMsg:  "403 Forbidden: Forbidden [code 10010]",
			sentinel:   ErrUnauthorized,
		},
		{
			name: "message and success", status: 400,
			body:        `{"message":"Error","success":false}`,
			wantMessage: "Error",
			wantInMsg:   "400 Bad Request: Error",
		},
		{
			name: "message without success", status: 422,
			body:        `{"message":"Room session is not active"}`,
			wantMessage: "Room session is not active",
			wantInMsg:   "422 Unprocessable Entity: Room session is not active",
			sentinel:    ErrUnprocessable,
		},
		{
			name: "message with the key in it is redacted", status: 401,
			body:        `{"message":"key ` + testKey + ` refused","success":false}`,
			wantMessage: "key REDACTED refused",
			wantInMsg:   "401 Unauthorized: key REDACTED refused",
			sentinel:    ErrUnauthorized,
		},
		{
			name: "an empty message is no message", status: 400,
			body:     `{"message":"","success":false}`,
			wantBody: `{"message":"","success":false}`,
		},
		{
			name: "none of the shapes", status: 400,
			body:     `{"success":false}`,
			wantBody: `{"success":false}`,
		},
	}
	ops := []struct {
		name string
		call func(context.Context, *Client) error
	}{
		{"list", func(ctx context.Context, c *Client) error { _, err := c.Sessions.List(ctx, nil); return err }},
		{"action", func(ctx context.Context, c *Client) error {
			return c.Sessions.Mute(ctx, sessionID, ParticipantsAction{Participants: AllParticipants})
		}},
		{"token", func(ctx context.Context, c *Client) error {
			_, err := c.Tokens.Refresh(ctx, roomID, &RefreshTokenParams{RefreshToken: "r"})
			return err
		}},
	}
	for _, tt := range tests {
		for _, op := range ops {
			t.Run(tt.name+"/"+op.name, func(t *testing.T) {
				t.Parallel()
				c, mux, _ := setup(t)
				mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, tt.status, tt.body) })
				err := op.call(context.Background(), c)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tt.status, apiErr.StatusCode)
				assert.Equal(t, tt.wantErrors, apiErr.Errors)
				assert.Equal(t, tt.wantMessage, apiErr.Message)
				assert.Equal(t, tt.wantBody, apiErr.Body)
				if tt.wantInMsg != "" {
					assert.Contains(t, err.Error(), tt.wantInMsg)
				}
				if tt.sentinel != nil {
					assert.ErrorIs(t, err, tt.sentinel)
				}
				assert.NotContains(t, err.Error(), testKey)
			})
		}
	}
}

// TestErrorMessageIsBounded: a huge message is cut where it is kept and
// again in Error().
func TestErrorMessageIsBounded(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	long := strings.Repeat("é", 100_000)
	mux.HandleFunc("GET /room_sessions", func(w http.ResponseWriter, _ *http.Request) {
		b, _ := json.Marshal(map[string]any{"message": long, "success": false})
		writeJSON(w, 400, string(b))
	})
	_, err := c.Sessions.List(context.Background(), nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Message), maxMessageBytes)
	assert.True(t, strings.HasPrefix(long, apiErr.Message), "cut at a rune boundary")
	assert.Less(t, len(err.Error()), 2*snippetMax)
}

// metaServer answers GET /rooms with total rooms, page by page, writing only
// the meta fields named in fields (nil: no meta at all), and records the
// page numbers asked for.
type metaServer struct {
	total  int
	fields []string
	mu     sync.Mutex
	asked  []int
}

func (s *metaServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	number, size := 1, defaultPageSize
	if v := q.Get("page[number]"); v != "" {
		number, _ = strconv.Atoi(v)
	}
	if v := q.Get("page[size]"); v != "" {
		size, _ = strconv.Atoi(v)
	}
	s.mu.Lock()
	s.asked = append(s.asked, number)
	s.mu.Unlock()
	var items []string
	for i := (number-1)*size + 1; i <= min(number*size, s.total); i++ {
		items = append(items, roomJSON(uuidN(i), "room-"+strconv.Itoa(i)))
	}
	values := map[string]int{"page_number": number, "page_size": size,
		"total_pages": (s.total + size - 1) / size, "total_results": s.total}
	body := `{"data":[` + strings.Join(items, ",") + `]`
	if s.fields != nil {
		var meta []string
		for _, f := range s.fields {
			meta = append(meta, fmt.Sprintf("%q:%d", f, values[f]))
		}
		body += `,"meta":{` + strings.Join(meta, ",") + `}`
	}
	writeJSON(w, 200, body+"}")
}

func (s *metaServer) pages() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.asked...)
}

// TestPagingWithoutMeta: no meta field is required (D42). A walk uses
// total_pages, or total_results with page_size, when given; without them
// it goes on while pages are full and ends on a short or an empty page.
func TestPagingWithoutMeta(t *testing.T) {
	t.Parallel()
	all := []string{"page_number", "page_size", "total_pages", "total_results"}
	tests := []struct {
		name      string
		total     int
		size      int // page[size] asked for; 0: the API default (20)
		fields    []string
		prefetch  int
		wantPages []int
	}{
		{"every field", 45, 0, all, 0, []int{1, 2, 3}},
		{"no page_size", 45, 10, []string{"page_number", "total_pages", "total_results"}, 0, []int{1, 2, 3, 4, 5}},
		{"no total_results", 45, 0, []string{"page_number", "page_size", "total_pages"}, 0, []int{1, 2, 3}},
		{"total_results and page_size only", 45, 10, []string{"page_size", "total_results"}, 0, []int{1, 2, 3, 4, 5}},
		{"total_results and page_size only, prefetched", 45, 10, []string{"page_size", "total_results"}, 4, []int{1, 2, 3, 4, 5}},
		{"no total: ends on a short page", 45, 0, []string{"page_number", "page_size"}, 0, []int{1, 2, 3}},
		{"no total: ends on an empty page", 40, 0, []string{"page_number", "page_size"}, 0, []int{1, 2, 3}},
		{"no total, prefetch asked: one page at a time", 45, 0, []string{"page_number"}, 8, []int{1, 2, 3}},
		{"empty meta, page size asked", 25, 5, []string{}, 0, []int{1, 2, 3, 4, 5, 6}},
		{"no meta at all", 45, 0, nil, 0, []int{1, 2, 3}},
		{"no meta, nothing listed", 0, 0, nil, 0, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			srv := &metaServer{total: tt.total, fields: tt.fields}
			mux.Handle("GET /rooms", srv)
			p := &ListRoomsParams{ListOptions: ListOptions{PageSize: tt.size}}
			var got []string
			for r, err := range c.Rooms.ListIter(context.Background(), p, WithPrefetch(tt.prefetch)) {
				require.NoError(t, err)
				got = append(got, r.ID)
			}
			want := make([]string, tt.total)
			for i := range want {
				want[i] = uuidN(i + 1)
			}
			assert.Equal(t, want, append([]string{}, got...), "every room once, in order")
			if tt.prefetch > 0 {
				assert.ElementsMatch(t, tt.wantPages, srv.pages(), "prefetched pages come in any order")
			} else {
				assert.Equal(t, tt.wantPages, srv.pages())
			}
		})
	}
}

// TestPageFieldsWithoutMeta: what a Page reports when the API leaves meta
// fields out, and how Next behaves on it.
func TestPageFieldsWithoutMeta(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	srv := &metaServer{total: 12, fields: []string{}}
	mux.Handle("GET /rooms", srv)
	ctx := context.Background()
	first, err := c.Rooms.List(ctx, &ListRoomsParams{ListOptions: ListOptions{PageSize: 5, PageNumber: 2}})
	require.NoError(t, err)
	assert.Equal(t, 2, first.PageNumber, "the page asked for")
	assert.Equal(t, 5, first.PageSize, "the size asked for")
	assert.Zero(t, first.TotalPages)
	assert.Zero(t, first.TotalResults)
	assert.True(t, first.HasNext(), "a full page")
	last, err := first.Next(ctx)
	require.NoError(t, err)
	assert.Equal(t, 3, last.PageNumber)
	assert.Len(t, last.Items, 2)
	assert.False(t, last.HasNext(), "a short page is the last")
	_, err = last.Next(ctx)
	assert.ErrorIs(t, err, ErrNoNextPage)
}

// TestPagingWithoutTotalStillStops: a server that never says its total and
// answers every page full with the same items is stopped by the repeat
// check, and one that names another page than asked by the page check.
func TestPagingWithoutTotalStillStops(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    func(n int) string
		wantErr error
	}{
		{"repeats its page", func(int) string {
			return `{"data":[` + roomJSON(uuidN(1), "a") + `]}`
		}, ErrPaginationInconsistent},
		{"names another page", func(n int) string {
			return `{"data":[` + roomJSON(uuidN(n), "a") + `],"meta":{"page_number":1}}`
		}, ErrPaginationInconsistent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var calls atomic.Int32
			mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, 200, tt.body(int(calls.Add(1))))
			})
			var errs []error
			for _, err := range c.Rooms.ListIter(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: 1}}) {
				if err != nil {
					errs = append(errs, err)
				}
			}
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], tt.wantErr)
			assert.EqualValues(t, 2, calls.Load())
		})
	}
}

// TestActionSuccessBody: a 200 answer to end, kick, mute or unmute is a
// success only when its body is {"data": {"result": "ok"}} (D44). An error
// list is a *APIError with that list, anything else a *DecodeError; neither
// is retried.
func TestActionSuccessBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		body      string
		wantAPI   bool   // a *APIError with the body's errors
		wantInErr string // "" for success
	}{
		{name: "ok", body: `{"data":{"result":"ok"}}`},
		{name: "ok with more members", body: `{"data":{"result":"ok","extra":1},"meta":{}}`},
		{name: "ok with an empty error list", body: `{"data":{"result":"ok"},"errors":[]}`},
		{name: "failed", body: `{"data":{"result":"failed"}}`, wantInErr: `"result" is "failed", not "ok"`},
		{name: "result of another case", body: `{"data":{"result":"OK"}}`, wantInErr: `"result" is "OK"`},
		{name: "no result", body: `{"data":{}}`, wantInErr: `"result" is ""`},
		{name: "result not a string", body: `{"data":{"result":true}}`, wantInErr: "cannot decode"},
		{name: "no data", body: `{}`, wantInErr: `missing "data"`},
		{name: "data null", body: `{"data":null}`, wantInErr: `missing "data"`},
		{name: "empty body", body: ``, wantInErr: "empty body"},
		{name: "error list", body: `{"errors":[{"code":"10005","title":"Not found","detail":"no such session"}]}`, wantAPI: true, wantInErr: "200 OK: Not found: no such session [code 10005]"},
		{name: "error list next to ok", body: `{"data":{"result":"ok"},"errors":[{"code":"10007","title":"Unexpected error"}]}`, wantAPI: true, wantInErr: "Unexpected error"},
		{name: "unreadable error list", body: `{"errors":[null]}`, wantInErr: "cannot decode"},
	}
	actions := []struct {
		name string
		call func(context.Context, *Client) error
	}{
		{"end", func(ctx context.Context, c *Client) error { return c.Sessions.End(ctx, sessionID) }},
		{"kick", func(ctx context.Context, c *Client) error {
			return c.Sessions.Kick(ctx, sessionID, ParticipantsAction{Participants: ParticipantIDs(partID)})
		}},
		{"mute", func(ctx context.Context, c *Client) error {
			return c.Sessions.Mute(ctx, sessionID, ParticipantsAction{Participants: AllParticipants})
		}},
		{"unmute", func(ctx context.Context, c *Client) error {
			return c.Sessions.Unmute(ctx, sessionID, ParticipantsAction{Participants: AllParticipants})
		}},
	}
	for _, tt := range tests {
		for _, a := range actions {
			t.Run(tt.name+"/"+a.name, func(t *testing.T) {
				t.Parallel()
				c, mux, _ := setup(t)
				var calls atomic.Int32
				mux.HandleFunc("POST /room_sessions/"+sessionID+"/actions/", func(w http.ResponseWriter, _ *http.Request) {
					calls.Add(1)
					writeJSON(w, 200, tt.body)
				})
				err := a.call(context.Background(), c)
				assert.EqualValues(t, 1, calls.Load(), "never retried")
				if tt.wantInErr == "" {
					require.NoError(t, err)
					return
				}
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantInErr)
				var apiErr *APIError
				var decErr *DecodeError
				if tt.wantAPI {
					require.ErrorAs(t, err, &apiErr)
					assert.Equal(t, 200, apiErr.StatusCode)
					assert.NotEmpty(t, apiErr.Errors)
					assert.Equal(t, 1, apiErr.Attempts)
				} else {
					require.ErrorAs(t, err, &decErr)
					assert.Equal(t, 200, decErr.StatusCode)
				}
			})
		}
	}
}
