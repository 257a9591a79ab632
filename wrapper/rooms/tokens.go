package rooms

import (
	"context"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// Generate issues a client token that lets one participant join the room
// roomID, and a refresh token to renew it. Generating twice is harmless (two
// valid tokens), so it is retried like a read.
//
// Operation: POST /rooms/{room_id}/actions/generate_join_client_token (generateJoinClientToken).
// API docs: https://developers.telnyx.com/api/video/create-room-client-token
func (s *TokensService) Generate(ctx context.Context, roomID string, p *GenerateTokenParams) (*JoinClientToken, error) {
	id, err := parseID("room_id", roomID)
	if err != nil {
		return nil, err
	}
	var body gen.GenerateJoinClientTokenRequest
	if p != nil {
		if body.TokenTTLSecs, err = ttlSeconds("token_ttl_secs", p.TokenTTL, minTokenTTL, maxTokenTTL); err != nil {
			return nil, err
		}
		if body.RefreshTokenTTLSecs, err = ttlSeconds("refresh_token_ttl_secs", p.RefreshTokenTTL, minRefreshTTL, maxRefreshTTL); err != nil {
			return nil, err
		}
	}
	req, err := s.client.routes().generateToken.requestJSON(ctx, id, body)
	return one[JoinClientToken](ctx, s.client, retryAll, req, err)
}

// Refresh exchanges a refresh token for a new client token to join the room
// roomID. p and p.RefreshToken are required.
//
// Operation: POST /rooms/{room_id}/actions/refresh_client_token (refreshClientToken).
// API docs: https://developers.telnyx.com/api/video/refresh-room-client-token
func (s *TokensService) Refresh(ctx context.Context, roomID string, p *RefreshTokenParams) (*RefreshedClientToken, error) {
	id, err := parseID("room_id", roomID)
	if err != nil {
		return nil, err
	}
	if p == nil || p.RefreshToken == "" {
		return nil, &ValidationError{Field: "refresh_token", Rule: "is required"}
	}
	if err := checkText("refresh_token", p.RefreshToken); err != nil {
		return nil, err
	}
	body := gen.RefreshClientTokenRequest{RefreshToken: p.RefreshToken}
	if body.TokenTTLSecs, err = ttlSeconds("token_ttl_secs", p.TokenTTL, minTokenTTL, maxTokenTTL); err != nil {
		return nil, err
	}
	req, err := s.client.routes().refreshToken.requestJSON(ctx, id, body)
	return one[RefreshedClientToken](ctx, s.client, retryAll, req, err)
}
