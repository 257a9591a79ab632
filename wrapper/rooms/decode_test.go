package rooms

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rooms returns n room objects with ids of their own.
func roomsJSON(n int) []string {
	items := make([]string, n)
	for i := range items {
		items[i] = roomJSON(uuidN(i), "r")
	}
	return items
}

// TestPageItemLimit checks that a page holding more items than the page size
// the request asked for (20 when it asked for none) is refused with a
// *DecodeError wrapping ErrTooManyItems, and not retried.
func TestPageItemLimit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		size  int // page[size] asked for; 0: none
		items int
		ok    bool
	}{
		{name: "asked 5, got 5", size: 5, items: 5, ok: true},
		{name: "asked 5, got 6", size: 5, items: 6},
		{name: "asked none, got 20", items: 20, ok: true},
		{name: "asked none, got 21", items: 21},
		{name: "asked 250, got 250", size: 250, items: 250, ok: true},
		{name: "asked 250, got 251", size: 250, items: 251},
		{name: "asked 1, got 0", size: 1, items: 0, ok: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var calls syncVal[int]
			body := pageJSON(roomsJSON(tc.items), 1, max(tc.size, defaultPageSize), 1, tc.items)
			mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) {
				calls.set(calls.get() + 1)
				writeJSON(w, 200, body)
			})
			page, err := c.Rooms.List(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageSize: tc.size}})
			assert.Equal(t, 1, calls.get())
			if tc.ok {
				require.NoError(t, err)
				assert.Len(t, page.Items, tc.items)
				return
			}
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.ErrorIs(t, err, ErrTooManyItems)
			assert.Contains(t, err.Error(), "more items than the page size asked for")
			assert.LessOrEqual(t, len(de.Snippet), snippetMax)
		})
	}
}

// TestPageLimitsAreTheContracts checks the page sizes the decoder relies on
// against openapi.yaml: the default and the maximum of page[size].
func TestPageLimitsAreTheContracts(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../openapi.yaml")
	require.NoError(t, err)
	doc, err := openapi3.NewLoader().LoadFromData(b)
	require.NoError(t, err)
	p := doc.Components.Parameters["PageSize"]
	require.NotNil(t, p, "components.parameters.PageSize")
	s := p.Value.Schema.Value
	assert.Equal(t, "page[size]", p.Value.Name)
	assert.EqualValues(t, defaultPageSize, s.Default)
	require.NotNil(t, s.Max)
	assert.EqualValues(t, maxPageSize, *s.Max)
}

// TestStrictDecoding checks how the decoder reads a success body: JSON is
// case-sensitive, member names are distinct, the body is one document, and
// members the types do not declare are ignored.
func TestStrictDecoding(t *testing.T) {
	t.Parallel()
	room := roomJSON(roomID, "n")
	cases := []struct {
		name    string
		body    string
		wantErr string // "" when the body decodes
		check   func(t *testing.T, r *Room)
	}{
		{name: "unknown member", body: `{"data":` + strings.Replace(room, `{`, `{"new_field":{"x":[1,2]},`, 1) + `,"extra":true}`,
			check: func(t *testing.T, r *Room) { assert.Equal(t, roomID, r.ID) }},
		{name: "another case is another member", body: `{"data":` + strings.Replace(room, `"unique_name":"n"`, `"unique_name":"n","UNIQUE_NAME":"x","Max_Participants":99`, 1) + `}`,
			check: func(t *testing.T, r *Room) {
				assert.Equal(t, "n", r.UniqueName)
				assert.Equal(t, 10, r.MaxParticipants)
			}},
		{name: "an envelope member in another case", body: `{"DATA":` + room + `}`, wantErr: `missing "data"`},
		{name: "duplicate member", body: `{"data":` + strings.Replace(room, `"unique_name":"n"`, `"unique_name":"n","unique_name":"m"`, 1) + `}`, wantErr: "duplicate"},
		{name: "duplicate envelope member", body: `{"data":` + room + `,"data":` + room + `}`, wantErr: "duplicate"},
		{name: "two documents", body: `{"data":` + room + `} {}`, wantErr: "cannot decode"},
		{name: "wrong type", body: `{"data":` + strings.Replace(room, `"max_participants":10`, `"max_participants":"10"`, 1) + `}`, wantErr: "max_participants"},
		{name: "fraction for an int", body: `{"data":` + strings.Replace(room, `"max_participants":10`, `"max_participants":1.5`, 1) + `}`, wantErr: "max_participants"},
		{name: "bad time", body: `{"data":` + strings.Replace(room, `"2021-04-16T09:46:20.954863Z"`, `"yesterday"`, 1) + `}`, wantErr: "created_at"},
		{name: "null for a string", body: `{"data":` + strings.Replace(room, `"unique_name":"n"`, `"unique_name":null`, 1) + `}`,
			check: func(t *testing.T, r *Room) { assert.Empty(t, r.UniqueName) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("GET /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, tc.body) })
			r, err := c.Rooms.Get(context.Background(), roomID, nil)
			if tc.wantErr == "" {
				require.NoError(t, err)
				tc.check(t, r)
				return
			}
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}
