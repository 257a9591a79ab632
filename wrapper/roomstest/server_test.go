package roomstest_test

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func TestNewServerURL(t *testing.T) {
	srv := roomstest.NewServer()
	defer srv.Close()
	assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)
	assert.True(t, strings.HasSuffix(srv.URL, roomstest.BasePath))
	assert.False(t, strings.HasSuffix(srv.URL, "/"))
}

// TestNewHandlerServesOnAnyListener is what roomsctl serve does.
func TestNewHandlerServesOnAnyListener(t *testing.T) {
	h := roomstest.NewHandler(roomstest.WithSeedData(), roomstest.WithAPIKey("k"), roomstest.WithResponseValidation())
	assert.Empty(t, h.URL)
	_, err := h.Client()
	assert.Error(t, err, "a handler-only Server has no URL to point a client at")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	hs := &http.Server{Handler: h.Handler()}
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() {
		_ = hs.Close()
		h.Close()
	})
	base := "http://" + ln.Addr().String() + roomstest.BasePath

	status, _, body := doRaw(t, http.MethodGet, base+"/rooms/"+roomstest.SeedRoomID, "", "Bearer k")
	require.Equal(t, http.StatusOK, status, "body: %s", body)
	assert.Contains(t, string(body), "my_video_room")
	status, _, _ = doRaw(t, http.MethodGet, base+"/rooms", "", "Bearer other")
	assert.Equal(t, http.StatusUnauthorized, status)

	// The Go controls act on the same state.
	p, err := h.Join(roomstest.SeedSessionID, "Dave")
	require.NoError(t, err)
	status, _, body = doRaw(t, http.MethodGet, base+"/room_participants/"+p.ID, "", "Bearer k")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, string(body), `"context":"Dave"`)
	assert.Equal(t, 3, h.Requests(roomstest.AllRoutes))
	assert.Empty(t, h.ContractViolations())
}

func TestClient(t *testing.T) {
	srv := roomstest.NewServer(roomstest.WithAPIKey("k"))
	defer srv.Close()
	c, err := srv.Client(rooms.WithUserAgent("roomstest-test"))
	require.NoError(t, err)
	assert.NotNil(t, c.Rooms)

	_, err = srv.Client(rooms.WithBaseURL("ftp://example.com"))
	assert.Error(t, err, "opts are applied after the presets")
}
