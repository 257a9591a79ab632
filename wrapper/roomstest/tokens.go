package roomstest

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
)

// Token lifetimes the API uses when a request does not set them.
const (
	defaultTokenTTLSecs        = 600
	defaultRefreshTokenTTLSecs = 3600
)

// GenerateJoinClientToken implements generateJoinClientToken: a client
// token and a refresh token for the room, expiring token_ttl_secs (default
// 600) and refresh_token_ttl_secs (default 3600) from now.
func (a *api) GenerateJoinClientToken(_ context.Context, req genserver.GenerateJoinClientTokenRequestObject) (genserver.GenerateJoinClientTokenResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	if _, err := a.st.room(req.RoomID); err != nil {
		return nil, err
	}
	ttl, refreshTTL := int32(defaultTokenTTLSecs), int32(defaultRefreshTokenTTLSecs)
	if req.Body.TokenTTLSecs != nil {
		ttl = *req.Body.TokenTTLSecs
	}
	if req.Body.RefreshTokenTTLSecs != nil {
		refreshTTL = *req.Body.RefreshTokenTTLSecs
	}
	now := a.st.now()
	grant := refreshGrant{roomID: req.RoomID, expiresAt: now.Add(seconds(refreshTTL))}
	tok := gen.JoinClientToken{
		Token:                 newToken("tok"),
		TokenExpiresAt:        now.Add(seconds(ttl)),
		RefreshToken:          a.st.issueRefreshToken(grant),
		RefreshTokenExpiresAt: grant.expiresAt,
	}
	return genserver.GenerateJoinClientToken201JSONResponse{JoinClientTokenDataJSONResponse: genserver.JoinClientTokenDataJSONResponse{Data: tok}}, nil
}

// RefreshClientToken implements refreshClientToken. It accepts only a
// refresh token the fake issued for this same room that has not expired
// (expiry is exclusive: at refresh_token_expires_at it is already expired);
// anything else is a 422 with source.pointer "/refresh_token". The refresh
// token stays valid until it expires, so it can be used again. The fake
// keeps no record of the tokens it issued: a refresh token carries its
// grant, signed (refresh.go).
func (a *api) RefreshClientToken(_ context.Context, req genserver.RefreshClientTokenRequestObject) (genserver.RefreshClientTokenResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	if _, err := a.st.room(req.RoomID); err != nil {
		return nil, err
	}
	now := a.st.now()
	grant, ok := a.st.refreshGrantOf(req.Body.RefreshToken)
	switch {
	case !ok:
		return nil, errRefresh("The refresh token was not issued by this API.")
	case grant.roomID != req.RoomID:
		return nil, errRefresh("The refresh token was issued for another room.")
	case !now.Before(grant.expiresAt):
		return nil, errRefresh("The refresh token has expired.")
	}
	ttl := int32(defaultTokenTTLSecs)
	if req.Body.TokenTTLSecs != nil {
		ttl = *req.Body.TokenTTLSecs
	}
	tok := gen.RefreshedClientToken{Token: newToken("tok"), TokenExpiresAt: now.Add(seconds(ttl))}
	return genserver.RefreshClientToken201JSONResponse{RefreshedClientTokenDataJSONResponse: genserver.RefreshedClientTokenDataJSONResponse{Data: tok}}, nil
}

func errRefresh(detail string) *apiError {
	return newAPIError(http.StatusUnprocessableEntity, codeBadRequest, "Invalid refresh token", detail).
		withPointer("/refresh_token")
}

func seconds(n int32) time.Duration { return time.Duration(n) * time.Second }

// newToken returns an opaque, unguessable token with a readable prefix.
func newToken(prefix string) string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "roomstest." + prefix + "." + base64.RawURLEncoding.EncodeToString(b)
}
