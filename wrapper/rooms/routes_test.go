package rooms

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httputil"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// routeCase pairs a route with the gen builder it must agree with, called
// the way the client called it before routes existed (the JSON builders
// with their typed body).
type routeCase struct {
	name  string
	route func(*routes) *route
	body  any // nil: no body; otherwise encoded with requestJSON
	gen   func(server string, id uuid.UUID) (*http.Request, error)
}

// routeCases has one case per route; TestEveryRouteIsCompared checks that
// none is missing.
func routeCases() []routeCase {
	name := "a&b=c d/é?#%20</script>\u2028"
	create := gen.CreateRoomRequest{UniqueName: &name, MaxParticipants: Ptr(int32(7))}
	update := gen.UpdateRoomRequest{UniqueName: &name, WebhookEventURL: Ptr("https://h.example/p?q=1&r=é")}
	token := gen.GenerateJoinClientTokenRequest{TokenTTLSecs: Ptr(int32(600)), RefreshTokenTTLSecs: Ptr(int32(3600))}
	refresh := gen.RefreshClientTokenRequest{RefreshToken: "tok+/=&é", TokenTTLSecs: Ptr(int32(60))}
	action, err := ParticipantsAction{Participants: ParticipantIDs(partID, partID2), Exclude: []string{partID}}.body()
	if err != nil {
		panic(err) // the test's own constant data
	}
	composition := gen.CreateRoomCompositionRequest{
		SessionID: uuid.MustParse(sessionID), Resolution: Ptr("1280x720"), WebhookEventURL: Ptr("https://h.example/?a=1&b=é"),
		VideoLayout: map[string]gen.VideoRegion{"z": {Width: 2, VideoSources: []string{"*"}}, "a": {Height: 1}},
	}
	withSessions := &gen.ViewRoomParams{IncludeSessions: optTrue(true)}
	withParticipants := &gen.ViewRoomSessionParams{IncludeParticipants: optTrue(true)}
	return []routeCase{
		{"createRoom", func(r *routes) *route { return &r.createRoom }, create,
			func(s string, _ uuid.UUID) (*http.Request, error) { return gen.NewCreateRoomRequest(s, create) }},
		{"viewRoom", func(r *routes) *route { return &r.viewRoom }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewViewRoomRequest(s, id, nil) }},
		{"viewRoomWithSessions", func(r *routes) *route { return &r.viewRoomWithSessions }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) {
				return gen.NewViewRoomRequest(s, id, withSessions)
			}},
		{"updateRoom", func(r *routes) *route { return &r.updateRoom }, update,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewUpdateRoomRequest(s, id, update) }},
		{"deleteRoom", func(r *routes) *route { return &r.deleteRoom }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewDeleteRoomRequest(s, id) }},
		{"generateToken", func(r *routes) *route { return &r.generateToken }, token,
			func(s string, id uuid.UUID) (*http.Request, error) {
				return gen.NewGenerateJoinClientTokenRequest(s, id, token)
			}},
		{"refreshToken", func(r *routes) *route { return &r.refreshToken }, refresh,
			func(s string, id uuid.UUID) (*http.Request, error) {
				return gen.NewRefreshClientTokenRequest(s, id, refresh)
			}},
		{"viewSession", func(r *routes) *route { return &r.viewSession }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewViewRoomSessionRequest(s, id, nil) }},
		{"viewSessionWithParticipants", func(r *routes) *route { return &r.viewSessionWithParticipants }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) {
				return gen.NewViewRoomSessionRequest(s, id, withParticipants)
			}},
		{"endSession", func(r *routes) *route { return &r.endSession }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewEndSessionRequest(s, id) }},
		{"kick", func(r *routes) *route { return &r.kick }, action,
			func(s string, id uuid.UUID) (*http.Request, error) {
				return gen.NewKickParticipantInSessionRequest(s, id, action)
			}},
		{"mute", func(r *routes) *route { return &r.mute }, action,
			func(s string, id uuid.UUID) (*http.Request, error) {
				return gen.NewMuteParticipantInSessionRequest(s, id, action)
			}},
		{"unmute", func(r *routes) *route { return &r.unmute }, action,
			func(s string, id uuid.UUID) (*http.Request, error) {
				return gen.NewUnmuteParticipantInSessionRequest(s, id, action)
			}},
		{"viewParticipant", func(r *routes) *route { return &r.viewParticipant }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewViewRoomParticipantRequest(s, id) }},
		{"createComposition", func(r *routes) *route { return &r.createComposition }, composition,
			func(s string, _ uuid.UUID) (*http.Request, error) {
				return gen.NewCreateRoomCompositionRequest(s, composition)
			}},
		{"viewComposition", func(r *routes) *route { return &r.viewComposition }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewViewRoomCompositionRequest(s, id) }},
		{"deleteComposition", func(r *routes) *route { return &r.deleteComposition }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewDeleteRoomCompositionRequest(s, id) }},
		{"viewRecording", func(r *routes) *route { return &r.viewRecording }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewViewRoomRecordingRequest(s, id) }},
		{"deleteRecording", func(r *routes) *route { return &r.deleteRecording }, nil,
			func(s string, id uuid.UUID) (*http.Request, error) { return gen.NewDeleteRoomRecordingRequest(s, id) }},
	}
}

// routeBases are base URLs a Client accepts, chosen to trip a template that
// splits or escapes carelessly: escapes, non-ASCII, IPv6, ports, a path
// holding a probe's own text, sub-delimiters, no path at all.
var routeBases = []string{
	DefaultBaseURL,
	"http://127.0.0.1:8080/v2",
	"http://[::1]:9/x/y",
	"http://localhost",
	"https://h.example/p%20q/v2",
	"https://h.example/%E2%82%AC/é",
	"https://h.example/a;b,c=d/v2",
	"https://h.example/v2/",
	"https://h.example/00000000-0000-0000-0000-000000000000/ffffffff-ffff-ffff-ffff-ffffffffffff",
	"https://h.example/a%2Fb",
}

// routeIDs are the path parameters: the probes themselves, ids given in
// upper or mixed case (canonicalised to lower case by both), ordinary ones.
func routeIDs(t *testing.T) []uuid.UUID {
	ids := []uuid.UUID{uuid.Nil, uuid.Max}
	for _, s := range []string{roomID, sessionID, "7B61621F-62E0-4AAD-AB11-9FD19E272E73", "0cCc7b54-4dF3-4bCa-a65A-3da1ecc777F0"} {
		id, err := parseID("room_id", s)
		require.NoError(t, err)
		ids = append(ids, id)
	}
	return ids
}

// TestRoutesBuildWhatGenBuilds proves, for every route, every base URL and
// every id, that the derived request is the one the gen builder makes:
// method, URL (parsed and as text), host, headers, body, GetBody and
// content length, and the bytes that go on the wire.
func TestRoutesBuildWhatGenBuilds(t *testing.T) {
	ids := routeIDs(t)
	for _, base := range routeBases {
		c, err := NewClient(WithAPIKey(testKey), WithBaseURL(base))
		require.NoError(t, err, base)
		for _, tc := range routeCases() {
			t.Run(tc.name+"/"+base, func(t *testing.T) {
				r := tc.route(c.routes())
				require.True(t, r.ok, "the route was not derived: it would call its gen builder on every request")
				for _, id := range ids {
					want, err := tc.gen(c.server, id)
					require.NoError(t, err)
					var got *http.Request
					if tc.body != nil {
						got, err = r.requestJSON(context.Background(), id, tc.body)
					} else {
						got, err = r.request(context.Background(), id, nil)
					}
					require.NoError(t, err)
					assertSameRequest(t, want, got)
				}
			})
		}
	}
}

// assertSameRequest compares what a server would see of want and got.
func assertSameRequest(t *testing.T, want, got *http.Request) {
	t.Helper()
	assert.Equal(t, want.Method, got.Method)
	assert.Equal(t, want.URL.String(), got.URL.String())
	assert.Equal(t, want.URL, got.URL)
	assert.Equal(t, want.Host, got.Host)
	assert.Equal(t, want.Header, got.Header)
	assert.Equal(t, want.ContentLength, got.ContentLength)
	assert.Equal(t, want.Body == nil, got.Body == nil)
	assert.Equal(t, want.GetBody == nil, got.GetBody == nil)
	if want.GetBody != nil && got.GetBody != nil {
		assert.Equal(t, readAll(t, want.GetBody), readAll(t, got.GetBody), "GetBody")
	}
	wd, err := httputil.DumpRequestOut(want, true)
	require.NoError(t, err)
	gd, err := httputil.DumpRequestOut(got, true)
	require.NoError(t, err)
	assert.Equal(t, string(wd), string(gd), "on the wire")
}

func readAll(t *testing.T, get func() (io.ReadCloser, error)) string {
	t.Helper()
	rc, err := get()
	require.NoError(t, err)
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	return string(b)
}

// TestEveryRouteIsCompared fails when a route is added to routes without a
// case in routeCases.
func TestEveryRouteIsCompared(t *testing.T) {
	rt := &routes{}
	compared := map[uintptr]bool{}
	for _, tc := range routeCases() {
		compared[reflect.ValueOf(tc.route(rt)).Pointer()] = true
	}
	v := reflect.ValueOf(rt).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		require.Equal(t, reflect.TypeFor[route](), f.Type())
		assert.True(t, compared[f.Addr().Pointer()], "route %s has no case in routeCases", v.Type().Field(i).Name)
	}
}

// TestRouteFallsBackToItsBuilder covers builders a template cannot be
// derived from: a route then calls its builder on every request, so that
// the client sends what gen builds (or fails as gen fails).
func TestRouteFallsBackToItsBuilder(t *testing.T) {
	errBuild := errors.New("builder failed")
	id := uuid.MustParse(roomID)
	for _, tc := range []struct {
		name  string
		build func(uuid.UUID, io.Reader) (*http.Request, error)
		want  string // the URL of the request; "" when the builder fails
	}{
		{"builder fails", func(uuid.UUID, io.Reader) (*http.Request, error) { return nil, errBuild }, ""},
		{"id in another form", func(id uuid.UUID, body io.Reader) (*http.Request, error) {
			return http.NewRequest(http.MethodGet, "https://h.example/"+strings.ToUpper(id.String()), body)
		}, "https://h.example/" + strings.ToUpper(roomID)},
		{"method depends on the id", func(id uuid.UUID, body io.Reader) (*http.Request, error) {
			m := http.MethodGet
			if id == uuid.Max {
				m = http.MethodPost
			}
			return http.NewRequest(m, "https://h.example/"+id.String(), body)
		}, "https://h.example/" + roomID},
		{"header depends on the id", func(id uuid.UUID, body io.Reader) (*http.Request, error) {
			req, err := http.NewRequest(http.MethodGet, "https://h.example/", body)
			if err == nil {
				req.Header.Set("X-Id", id.String())
			}
			return req, err
		}, "https://h.example/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := deriveRoute(tc.build)
			assert.False(t, r.ok)
			req, err := r.request(context.Background(), id, bytes.NewReader([]byte("{}")))
			if tc.want == "" {
				assert.ErrorIs(t, err, errBuild)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, req.URL.String())
		})
	}
}

// TestEncodeUUID checks encodeUUID against uuid.UUID.String.
func TestEncodeUUID(t *testing.T) {
	for _, id := range append(routeIDs(t), uuid.New(), uuid.New()) {
		var buf [36]byte
		encodeUUID(&buf, id)
		assert.Equal(t, id.String(), string(buf[:]))
	}
}

// TestRouteRequestsAreIndependent checks that requests built from one route
// share no mutable state: changing one's header or URL leaves the next one
// as the builder makes it.
func TestRouteRequestsAreIndependent(t *testing.T) {
	c, err := NewClient(WithAPIKey(testKey))
	require.NoError(t, err)
	r := &c.routes().updateRoom
	id := uuid.MustParse(roomID)
	first, err := r.requestJSON(context.Background(), id, gen.UpdateRoomRequest{})
	require.NoError(t, err)
	first.Header.Set("Content-Type", "text/plain")
	first.Header.Add("X-Extra", "1")
	first.URL.Path = "/elsewhere"
	want, err := gen.NewUpdateRoomRequest(c.server, id, gen.UpdateRoomRequest{})
	require.NoError(t, err)
	second, err := r.requestJSON(context.Background(), id, gen.UpdateRoomRequest{})
	require.NoError(t, err)
	assertSameRequest(t, want, second)
}

// TestOperationsWithoutQueryUseRoutes keeps D66 whole: outside routes.go
// the package may call only the gen builders that take a params struct (a
// query that depends on the call: lists, DeleteBulk); every other operation
// goes through its route.
func TestOperationsWithoutQueryUseRoutes(t *testing.T) {
	fset := token.NewFileSet()
	genFile, err := parser.ParseFile(fset, "../../gen/client.gen.go", nil, parser.SkipObjectResolution)
	require.NoError(t, err)
	takesParams := map[string]bool{}
	for _, d := range genFile.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "New") {
			for _, f := range fn.Type.Params.List {
				for _, n := range f.Names {
					if n.Name == "params" {
						takesParams[fn.Name.Name] = true
					}
				}
			}
		}
	}
	require.True(t, takesParams["NewListRoomsRequest"], "gen's builders were not found")
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "routes.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "gen" && strings.HasPrefix(sel.Sel.Name, "New") && strings.Contains(sel.Sel.Name, "Request") {
				assert.True(t, takesParams[sel.Sel.Name], "%s: gen.%s builds a request outside routes.go; add a route for it (D66)",
					fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}
