package contract

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// TestGeneratedClientSendsBracketedQuery checks that the generated client
// writes the flat, bracketed parameter names exactly as the API expects.
func TestGeneratedClientSendsBracketedQuery(t *testing.T) {
	var gotRaw, gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotRaw = r.URL.RawQuery
		gotPath = r.URL.Path
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data":[],"meta":{"page_number":1,"page_size":50,"total_pages":0,"total_results":0}}`))
	}))
	defer srv.Close()

	c, err := gen.NewClientWithResponses(srv.URL + "/v2")
	require.NoError(t, err)

	day := openapi_types.Date{Time: time.Date(2021, 4, 25, 0, 0, 0, 0, time.UTC)}
	size := int32(50)
	resp, err := c.ListRoomsWithResponse(context.Background(), &gen.ListRoomsParams{
		FilterDateCreatedAtGte: &day,
		PageSize:               &size,
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	require.NotNil(t, resp.JSON200)

	assert.Equal(t, "/v2/rooms", gotPath)
	unescaped, err := url.QueryUnescape(gotRaw)
	require.NoError(t, err)
	assert.Equal(t, "filter[date_created_at][gte]=2021-04-25&page[size]=50", unescaped)
	q, err := url.ParseQuery(gotRaw)
	require.NoError(t, err)
	assert.Equal(t, url.Values{"filter[date_created_at][gte]": {"2021-04-25"}, "page[size]": {"50"}}, q)
}

func TestGeneratedClientEveryListFilter(t *testing.T) {
	var got url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Query()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`))
	}))
	defer srv.Close()
	c, err := gen.NewClientWithResponses(srv.URL)
	require.NoError(t, err)

	day := openapi_types.Date{Time: time.Date(2021, 4, 25, 0, 0, 0, 0, time.UTC)}
	sid := uuid.MustParse("0ccc7b54-4df3-4bca-a65a-3da1ecc777f0")
	ctxStr := "Alice"
	num := int32(3)
	_, err = c.ListRoomParticipantsWithResponse(context.Background(), &gen.ListRoomParticipantsParams{
		FilterDateJoinedAtEq: &day, FilterDateJoinedAtGte: &day, FilterDateJoinedAtLte: &day,
		FilterDateUpdatedAtEq: &day, FilterDateUpdatedAtGte: &day, FilterDateUpdatedAtLte: &day,
		FilterDateLeftAtEq: &day, FilterDateLeftAtGte: &day, FilterDateLeftAtLte: &day,
		FilterContext: &ctxStr, FilterSessionID: &sid, PageNumber: &num,
	})
	require.NoError(t, err)
	want := url.Values{"filter[context]": {"Alice"}, "filter[session_id]": {sid.String()}, "page[number]": {"3"}}
	for _, f := range []string{"joined", "updated", "left"} {
		for _, op := range []string{"eq", "gte", "lte"} {
			want["filter[date_"+f+"_at]["+op+"]"] = []string{"2021-04-25"}
		}
	}
	assert.Equal(t, want, got)
}
