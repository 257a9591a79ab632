package roomstest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

func TestGenerateJoinClientToken(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})

	def, err := f.api.GenerateJoinClientTokenWithResponse(f.ctx, room.ID, gen.GenerateJoinClientTokenRequest{})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, def.StatusCode(), "body: %s", def.Body)
	tok := def.JSON201.Data
	assert.NotEmpty(t, tok.Token)
	assert.NotEmpty(t, tok.RefreshToken)
	assert.NotEqual(t, tok.Token, tok.RefreshToken)
	assert.Equal(t, t0.Add(600*time.Second), tok.TokenExpiresAt)
	assert.Equal(t, t0.Add(3600*time.Second), tok.RefreshTokenExpiresAt)

	custom, err := f.api.GenerateJoinClientTokenWithResponse(f.ctx, room.ID, gen.GenerateJoinClientTokenRequest{
		TokenTTLSecs: ptr(int32(10)), RefreshTokenTTLSecs: ptr(int32(86400)),
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, custom.StatusCode())
	assert.Equal(t, t0.Add(10*time.Second), custom.JSON201.Data.TokenExpiresAt)
	assert.Equal(t, t0.Add(24*time.Hour), custom.JSON201.Data.RefreshTokenExpiresAt)
	assert.NotEqual(t, tok.Token, custom.JSON201.Data.Token, "every token is new")

	missing, err := f.api.GenerateJoinClientTokenWithResponse(f.ctx, uuid.New(), gen.GenerateJoinClientTokenRequest{})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, missing.StatusCode())

	outOfRange, err := f.api.GenerateJoinClientTokenWithResponse(f.ctx, room.ID, gen.GenerateJoinClientTokenRequest{TokenTTLSecs: ptr(int32(9))})
	require.NoError(t, err)
	require.Equal(t, http.StatusUnprocessableEntity, outOfRange.StatusCode())
	assert.Equal(t, "/token_ttl_secs", errorList(t, outOfRange.JSON422)[0].Source.Pointer)
}

func TestRefreshClientToken(t *testing.T) {
	f := newFixture(t)
	room := f.createRoom(t, gen.CreateRoomRequest{})
	other := f.createRoom(t, gen.CreateRoomRequest{})
	gen1, err := f.api.GenerateJoinClientTokenWithResponse(f.ctx, room.ID, gen.GenerateJoinClientTokenRequest{RefreshTokenTTLSecs: ptr(int32(60))})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, gen1.StatusCode())
	issued := gen1.JSON201.Data
	refresh := func(roomID uuid.UUID, token string, ttl *int32) *gen.RefreshClientTokenResponse {
		t.Helper()
		resp, err := f.api.RefreshClientTokenWithResponse(f.ctx, roomID, gen.RefreshClientTokenRequest{RefreshToken: token, TokenTTLSecs: ttl})
		require.NoError(t, err)
		return resp
	}

	f.clock.Advance(30 * time.Second)
	ok := refresh(room.ID, issued.RefreshToken, nil)
	require.Equal(t, http.StatusCreated, ok.StatusCode(), "body: %s", ok.Body)
	assert.NotEmpty(t, ok.JSON201.Data.Token)
	assert.NotEqual(t, issued.Token, ok.JSON201.Data.Token)
	assert.Equal(t, t0.Add(30*time.Second+600*time.Second), ok.JSON201.Data.TokenExpiresAt)

	again := refresh(room.ID, issued.RefreshToken, ptr(int32(3600)))
	require.Equal(t, http.StatusCreated, again.StatusCode(), "a refresh token serves until it expires")
	assert.Equal(t, t0.Add(30*time.Second+time.Hour), again.JSON201.Data.TokenExpiresAt)

	refused := []struct {
		name   string
		roomID uuid.UUID
		token  string
		detail string
	}{
		{"another room", other.ID, issued.RefreshToken, "another room"},
		{"never issued", room.ID, "roomstest.rtok.forged", "not issued"},
		{"a client token is not a refresh token", room.ID, issued.Token, "not issued"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			resp := refresh(tt.roomID, tt.token, nil)
			require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode(), "body: %s", resp.Body)
			e := errorList(t, resp.JSON422)[0]
			assert.Equal(t, "/refresh_token", e.Source.Pointer)
			assert.Contains(t, e.Detail, tt.detail)
		})
	}

	f.clock.Advance(29 * time.Second) // 59 s after issue: still valid
	require.Equal(t, http.StatusCreated, refresh(room.ID, issued.RefreshToken, nil).StatusCode())
	f.clock.Advance(time.Second) // 60 s: expired
	expired := refresh(room.ID, issued.RefreshToken, nil)
	require.Equal(t, http.StatusUnprocessableEntity, expired.StatusCode())
	assert.Contains(t, errorList(t, expired.JSON422)[0].Detail, "expired")

	missing := refresh(uuid.New(), issued.RefreshToken, nil)
	assert.Equal(t, http.StatusNotFound, missing.StatusCode())

	empty := refresh(room.ID, "", nil)
	require.Equal(t, http.StatusUnprocessableEntity, empty.StatusCode())
	assert.Equal(t, "/refresh_token", errorList(t, empty.JSON422)[0].Source.Pointer)
}
