package roomstest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

// testKey is the API key the tests' clients send.
const testKey = "test-key-123"

// clock is a settable clock for WithClock, safe for concurrent use.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock(t time.Time) *clock { return &clock{now: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is a fake with response validation on, a generated client with
// the bearer key, and a settable clock.
type fixture struct {
	srv   *roomstest.Server
	api   *gen.ClientWithResponses
	clock *clock
	ctx   context.Context
}

// t0 is the fixtures' initial time.
var t0 = time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)

func newFixture(t *testing.T, opts ...roomstest.Option) *fixture {
	t.Helper()
	c := newClock(t0)
	all := append([]roomstest.Option{roomstest.WithResponseValidation(), roomstest.WithClock(c.Now)}, opts...)
	srv := roomstest.NewServer(all...)
	t.Cleanup(func() {
		srv.Close()
		assert.Empty(t, srv.ContractViolations(), "the fake's responses must match the contract")
	})
	api, err := gen.NewClientWithResponses(srv.URL, gen.WithRequestEditorFn(bearer(testKey)))
	require.NoError(t, err)
	return &fixture{srv: srv, api: api, clock: c, ctx: context.Background()}
}

func bearer(key string) gen.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+key)
		return nil
	}
}

// do sends a raw request (path relative to srv.URL) with the test key and
// returns the status, headers and body.
func (f *fixture) do(t *testing.T, method, path, body string) (int, http.Header, []byte) {
	t.Helper()
	return doRaw(t, method, f.srv.URL+path, body, "Bearer "+testKey)
}

func doRaw(t *testing.T, method, url, body, auth string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, b
}

// envelope decodes a Telnyx error envelope and requires exactly one error.
func envelope(t *testing.T, body []byte) gen.Error {
	t.Helper()
	var e gen.Errors
	require.NoError(t, json.Unmarshal(body, &e), "body: %s", body)
	require.Len(t, e.Errors, 1, "body: %s", body)
	assert.NotEmpty(t, e.Errors[0].Code)
	assert.NotEmpty(t, e.Errors[0].Title)
	return e.Errors[0]
}

// createRoom creates a room through the API and returns it.
func (f *fixture) createRoom(t *testing.T, body gen.CreateRoomRequest) gen.Room {
	t.Helper()
	resp, err := f.api.CreateRoomWithResponse(f.ctx, body)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, resp.StatusCode(), "body: %s", resp.Body)
	return resp.JSON201.Data
}

// session starts a session in room and joins the given contexts.
func (f *fixture) session(t *testing.T, roomID uuid.UUID, contexts ...string) (rooms.Session, []rooms.Participant) {
	t.Helper()
	s, err := f.srv.StartSession(roomID.String())
	require.NoError(t, err)
	var ps []rooms.Participant
	for _, c := range contexts {
		p, err := f.srv.Join(s.ID, c)
		require.NoError(t, err)
		ps = append(ps, p)
	}
	return s, ps
}

func ptr[T any](v T) *T { return &v }

func day(y int, m time.Month, d int) *openapi_types.Date {
	return &openapi_types.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func roomIDs(rs []gen.Room) []uuid.UUID {
	out := make([]uuid.UUID, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func sessionIDs(ss []gen.RoomSession) []uuid.UUID {
	out := make([]uuid.UUID, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

func participantIDs(ps []gen.RoomParticipant) []uuid.UUID {
	out := make([]uuid.UUID, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func stringsReader(s string) io.Reader {
	if s == "" {
		return http.NoBody
	}
	return strings.NewReader(s)
}

func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return b
}

// uid parses an id the test controls returned, for the generated client,
// whose path and filter parameters are UUIDs.
func uid(s string) uuid.UUID { return uuid.MustParse(s) }

// joinedIDs is participantIDs for what the test controls return.
func joinedIDs(ps []rooms.Participant) []uuid.UUID {
	out := make([]uuid.UUID, len(ps))
	for i, p := range ps {
		out[i] = uid(p.ID)
	}
	return out
}

// errorList returns the error list of an error answer, failing t unless the
// fake answered the Telnyx envelope with at least one error (D41: the fake
// answers only that shape of the three the contract documents).
func errorList(t testing.TB, body *gen.ErrorBody) []gen.Error {
	t.Helper()
	require.NotNil(t, body, "an error body")
	env, err := body.AsErrors()
	require.NoError(t, err)
	require.NotEmpty(t, env.Errors, "the fake answers the envelope {\"errors\": [...]}")
	return env.Errors
}
