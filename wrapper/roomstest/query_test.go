package roomstest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// TestMalformedQueriesAreRefused: a query string that net/url reads only in
// part (so that a filter would vanish and the list come back unfiltered),
// or that gives a parameter twice, is refused with 422 in the envelope,
// naming the parameter when there is one; on every list.
func TestMalformedQueriesAreRefused(t *testing.T) {
	tooMany := strings.Repeat("x=1&", 10_000) + "filter[unique_name]=My%20Room"
	sess := roomstest.SeedSessionID
	tests := []struct {
		name, path, parameter, detail string
	}{
		{"a semicolon separator", "/rooms?filter[unique_name]=My%20Room;page[size]=1", "", `separates parameters with ";"`},
		{"a semicolon in a value", "/rooms?filter[unique_name]=a;b", "", `separates parameters with ";"`},
		{"a semicolon in another parameter", "/rooms?x=1;2&filter[unique_name]=My%20Room", "", `separates parameters with ";"`},
		{"bad percent-encoding in a value", "/rooms?filter[unique_name]=%zz", "filter[unique_name]", "invalid percent-encoding"},
		{"a truncated escape", "/rooms?filter[unique_name]=My%2", "filter[unique_name]", "invalid percent-encoding"},
		{"bad percent-encoding in a name", "/rooms?filter%5Bunique_name%ZZ=x", "", "name has invalid percent-encoding"},
		{"bad percent-encoding in an undeclared parameter", "/rooms?x=%&filter[unique_name]=My%20Room", "x", "invalid percent-encoding"},
		{"more parameters than net/url keeps", "/rooms?" + tooMany, "", "more parameters than the server reads"},
		{"a filter given twice", "/rooms?filter[unique_name]=My%20Room&filter[unique_name]=sample-room", "filter[unique_name]", "given 2 times"},
		{"a page size given twice, the first one valid", "/rooms?page[size]=1&page[size]=300", "page[size]", "given 2 times"},
		{"a flag given three times", "/rooms?include_sessions=true&include_sessions=false&include_sessions=true", "include_sessions", "given 3 times"},
		{"a percent-encoded duplicate", "/rooms?page%5Bsize%5D=1&page[size]=2", "page[size]", "given 2 times"},
		{"on the session list", "/room_sessions?filter[active]=true;x", "", `separates parameters with ";"`},
		{"on the nested session list", "/rooms/" + roomstest.SeedRoomID + "/sessions?filter[active]=true&filter[active]=false", "filter[active]", "given 2 times"},
		{"on the participant list", "/room_participants?filter[session_id]=" + sess + "&filter[context]=%E0%A4%A", "filter[context]", "invalid percent-encoding"},
		{"on the nested participant list", "/room_sessions/" + sess + "/participants?filter[context]=Alice&filter[context]=Bob", "filter[context]", "given 2 times"},
		{"on a view", "/rooms/" + roomstest.SeedRoomID + "?include_sessions=%", "include_sessions", "invalid percent-encoding"},
	}
	f := newFixture(t, roomstest.WithSeedData())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := f.do(t, "GET", tt.path, "")
			require.Equal(t, http.StatusUnprocessableEntity, status, "body: %.300s", body)
			e := envelope(t, body)
			assert.Equal(t, "10015", e.Code)
			assert.Equal(t, "Invalid parameter", e.Title)
			assert.Equal(t, tt.parameter, e.Source.Parameter)
			assert.Contains(t, e.Detail, tt.detail)
		})
	}
}

// TestWellFormedQueriesStillWork: what net/url reads whole still works:
// percent-encoded names, "+" for a space, empty pairs, an undeclared
// parameter given twice.
func TestWellFormedQueriesStillWork(t *testing.T) {
	f := newFixture(t, roomstest.WithSeedData())
	for _, q := range []string{
		"filter%5Bunique_name%5D=My%20Room",
		"filter[unique_name]=My+Room",
		"&&filter[unique_name]=My%20Room&",
		"x=1&x=2&filter[unique_name]=My%20Room",
		strings.Repeat("x=1&", 9_998) + "filter[unique_name]=My%20Room",
	} {
		status, _, body := f.do(t, "GET", "/rooms?"+q, "")
		require.Equal(t, http.StatusOK, status, "%.80s: %.300s", q, body)
		assert.Contains(t, string(body), `"total_results":1`, "%.80s: the filter applies", q)
	}
}
