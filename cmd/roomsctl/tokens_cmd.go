package main

import (
	"context"
	"flag"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// tokensCommands is the tokens group: the client tokens participants join with.
func tokensCommands() []command {
	return []command{
		{group: "tokens", verb: "generate", operations: []string{"generateJoinClientToken"}, args: "ROOM_ID", flagsHint: "[--ttl S] [--refresh-ttl S]", summary: "issue a join token and its refresh token", setup: tokensGenerate},
		{group: "tokens", verb: "refresh", operations: []string{"refreshClientToken"}, args: "ROOM_ID", flagsHint: "--refresh-token T [--ttl S]", summary: "exchange a refresh token for a new join token", setup: tokensRefresh},
	}
}

func tokensGenerate(fs *flag.FlagSet) runFunc {
	var p rooms.GenerateTokenParams
	seconds(fs, "ttl", "join token lifetime in seconds, 10..3600 (`S`; default: the API's)", tokenTTLBounds, &p.TokenTTL)
	seconds(fs, "refresh-ttl", "refresh token lifetime in seconds, 60..86400 (`S`; default: the API's)", bounds{"refresh_token_ttl_secs", 60, 86400}, &p.RefreshTokenTTL)
	return func(ctx context.Context, c *cli, args []string) error {
		return showOne(c, joinTokenColumns(), func(cl *rooms.Client) (*rooms.JoinClientToken, error) {
			return cl.Tokens.Generate(ctx, args[0], &p)
		})
	}
}

func tokensRefresh(fs *flag.FlagSet) runFunc {
	var p rooms.RefreshTokenParams
	fs.StringVar(&p.RefreshToken, "refresh-token", "", "refresh token `T` from 'tokens generate' (required)")
	seconds(fs, "ttl", "new join token lifetime in seconds, 10..3600 (`S`; default: the API's)", tokenTTLBounds, &p.TokenTTL)
	return func(ctx context.Context, c *cli, args []string) error {
		if p.RefreshToken == "" {
			return usagef("--refresh-token is required")
		}
		return showOne(c, refreshedTokenColumns(), func(cl *rooms.Client) (*rooms.RefreshedClientToken, error) {
			return cl.Tokens.Refresh(ctx, args[0], &p)
		})
	}
}

// tokenTTLBounds are those of token_ttl_secs, in both token requests.
var tokenTTLBounds = bounds{"token_ttl_secs", 10, 3600}
