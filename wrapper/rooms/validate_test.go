package rooms

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// firstErr returns the first error a walk yields.
func firstErr[T any](seq iter.Seq2[T, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestValidation checks every contract rule the client enforces: each bad
// value gives a *ValidationError naming the API field, and nothing is sent.
func TestValidation(t *testing.T) {
	t.Parallel()
	const other = "11111111-2222-4333-8444-555555555555"
	type call func(context.Context, *Client) error
	ret := func(_ any, err error) error { return err }
	rooms := func(p *ListRoomsParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Rooms.List(ctx, p)) }
	}
	sessions := func(p *ListSessionsParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Sessions.List(ctx, p)) }
	}
	create := func(p *RoomParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Rooms.Create(ctx, p)) }
	}
	update := func(p *RoomParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Rooms.Update(ctx, roomID, p)) }
	}
	generate := func(p *GenerateTokenParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Tokens.Generate(ctx, roomID, p)) }
	}
	refresh := func(p *RefreshTokenParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Tokens.Refresh(ctx, roomID, p)) }
	}
	mute := func(a ParticipantsAction) call {
		return func(ctx context.Context, c *Client) error { return c.Sessions.Mute(ctx, sessionID, a) }
	}
	cases := []validationCase{
		// Path ids.
		{"room id empty", "room_id", func(ctx context.Context, c *Client) error { return ret(c.Rooms.Get(ctx, "", nil)) }},
		{"room id not a uuid", "room_id", func(ctx context.Context, c *Client) error { return ret(c.Rooms.Get(ctx, "my-room", nil)) }},
		{"room id with braces", "room_id", func(ctx context.Context, c *Client) error { return ret(c.Rooms.Get(ctx, "{"+roomID+"}", nil)) }},
		{"room id path traversal", "room_id", func(ctx context.Context, c *Client) error { return ret(c.Rooms.Get(ctx, "../room_sessions", nil)) }},
		{"update room id", "room_id", func(ctx context.Context, c *Client) error { return ret(c.Rooms.Update(ctx, "x", nil)) }},
		{"delete room id", "room_id", func(ctx context.Context, c *Client) error { return c.Rooms.Delete(ctx, "x") }},
		{"room sessions id", "room_id", func(ctx context.Context, c *Client) error { return ret(c.Rooms.ListSessions(ctx, "x", nil)) }},
		{"room sessions iter id", "room_id", func(ctx context.Context, c *Client) error { return firstErr(c.Rooms.ListSessionsIter(ctx, "x", nil)) }},
		{"generate room id", "room_id", func(ctx context.Context, c *Client) error { return ret(c.Tokens.Generate(ctx, "x", nil)) }},
		{"refresh room id", "room_id", func(ctx context.Context, c *Client) error {
			return ret(c.Tokens.Refresh(ctx, "x", &RefreshTokenParams{RefreshToken: "r"}))
		}},
		{"get session id", "room_session_id", func(ctx context.Context, c *Client) error { return ret(c.Sessions.Get(ctx, "x", nil)) }},
		{"end session id", "room_session_id", func(ctx context.Context, c *Client) error { return c.Sessions.End(ctx, "x") }},
		{"kick session id", "room_session_id", func(ctx context.Context, c *Client) error {
			return c.Sessions.Kick(ctx, "x", ParticipantsAction{Participants: AllParticipants})
		}},
		{"unmute session id", "room_session_id", func(ctx context.Context, c *Client) error {
			return c.Sessions.Unmute(ctx, "", ParticipantsAction{Participants: AllParticipants})
		}},
		{"session participants id", "room_session_id", func(ctx context.Context, c *Client) error {
			return ret(c.Sessions.ListParticipants(ctx, "x", nil))
		}},
		{"session participants iter id", "room_session_id", func(ctx context.Context, c *Client) error {
			return firstErr(c.Sessions.ListParticipantsIter(ctx, "x", nil))
		}},
		{"participant id", "room_participant_id", func(ctx context.Context, c *Client) error { return ret(c.Participants.Get(ctx, "x")) }},

		// Paging, on every list operation.
		{"page size too big", "page[size]", rooms(&ListRoomsParams{ListOptions: ListOptions{PageSize: 251}})},
		{"page size negative", "page[size]", sessions(&ListSessionsParams{ListOptions: ListOptions{PageSize: -1}})},
		{"page number negative", "page[number]", rooms(&ListRoomsParams{ListOptions: ListOptions{PageNumber: -1}})},
		{"page number beyond int32", "page[number]", rooms(&ListRoomsParams{ListOptions: ListOptions{PageNumber: 1 << 31}})},
		{"nested sessions page size", "page[size]", func(ctx context.Context, c *Client) error {
			return ret(c.Rooms.ListSessions(ctx, roomID, &ListSessionsParams{ListOptions: ListOptions{PageSize: 300}}))
		}},
		{"participants page size", "page[size]", func(ctx context.Context, c *Client) error {
			return ret(c.Participants.List(ctx, &ListParticipantsParams{ListOptions: ListOptions{PageSize: 1000}}))
		}},
		{"nested participants page number", "page[number]", func(ctx context.Context, c *Client) error {
			return ret(c.Sessions.ListParticipants(ctx, sessionID, &ListParticipantsParams{ListOptions: ListOptions{PageNumber: -3}}))
		}},
		{"rooms iter page size", "page[size]", func(ctx context.Context, c *Client) error {
			return firstErr(c.Rooms.ListIter(ctx, &ListRoomsParams{ListOptions: ListOptions{PageSize: 251}}))
		}},
		{"sessions iter page size", "page[size]", func(ctx context.Context, c *Client) error {
			return firstErr(c.Sessions.ListIter(ctx, &ListSessionsParams{ListOptions: ListOptions{PageSize: 251}}))
		}},
		{"participants iter page size", "page[size]", func(ctx context.Context, c *Client) error {
			return firstErr(c.Participants.ListIter(ctx, &ListParticipantsParams{ListOptions: ListOptions{PageSize: 251}}))
		}},

		// Filters.
		{"filter room id", "filter[room_id]", sessions(&ListSessionsParams{RoomID: "room-1"})},
		{"filter room id of another room", "filter[room_id]", func(ctx context.Context, c *Client) error {
			return ret(c.Rooms.ListSessions(ctx, roomID, &ListSessionsParams{RoomID: other}))
		}},
		{"filter session id", "filter[session_id]", func(ctx context.Context, c *Client) error {
			return ret(c.Participants.List(ctx, &ListParticipantsParams{SessionID: "s"}))
		}},
		{"filter session id of another session", "filter[session_id]", func(ctx context.Context, c *Client) error {
			return ret(c.Sessions.ListParticipants(ctx, sessionID, &ListParticipantsParams{SessionID: other}))
		}},

		// Room fields, on create and update.
		{"max participants 1", "max_participants", create(&RoomParams{MaxParticipants: Ptr(1)})},
		{"max participants 51", "max_participants", update(&RoomParams{MaxParticipants: Ptr(51)})},
		{"webhook timeout -1", "webhook_timeout_secs", create(&RoomParams{WebhookTimeoutSecs: Ptr(-1)})},
		{"webhook timeout 31", "webhook_timeout_secs", update(&RoomParams{WebhookTimeoutSecs: Ptr(31)})},
		{"webhook url without scheme", "webhook_event_url", create(&RoomParams{WebhookEventURL: Ptr("example.com/hook")})},
		{"webhook url relative", "webhook_event_url", create(&RoomParams{WebhookEventURL: Ptr("/hook")})},
		{"failover url without host", "webhook_event_failover_url", create(&RoomParams{WebhookEventFailoverURL: Ptr("https:///x")})},
		{"failover url unparsable", "webhook_event_failover_url", update(&RoomParams{WebhookEventFailoverURL: Ptr("https://exa mple.com\x7f")})},

		// Token lifetimes.
		{"token ttl too short", "token_ttl_secs", generate(&GenerateTokenParams{TokenTTL: 9 * time.Second})},
		{"token ttl too long", "token_ttl_secs", generate(&GenerateTokenParams{TokenTTL: time.Hour + time.Second})},
		{"token ttl negative", "token_ttl_secs", generate(&GenerateTokenParams{TokenTTL: -time.Minute})},
		{"token ttl not whole seconds", "token_ttl_secs", generate(&GenerateTokenParams{TokenTTL: 1500 * time.Millisecond})},
		{"refresh ttl too short", "refresh_token_ttl_secs", generate(&GenerateTokenParams{RefreshTokenTTL: 59 * time.Second})},
		{"refresh ttl too long", "refresh_token_ttl_secs", generate(&GenerateTokenParams{RefreshTokenTTL: 24*time.Hour + time.Second})},
		{"refresh token missing", "refresh_token", refresh(&RefreshTokenParams{TokenTTL: time.Minute})},
		{"refresh params nil", "refresh_token", refresh(nil)},
		{"refresh token ttl", "token_ttl_secs", refresh(&RefreshTokenParams{RefreshToken: "r", TokenTTL: 5 * time.Second})},

		// Participants of an action.
		{"participants unset", "participants", mute(ParticipantsAction{})},
		{"participants empty list", "participants", mute(ParticipantsAction{Participants: ParticipantIDs()})},
		{"participants bad id", "participants[1]", mute(ParticipantsAction{Participants: ParticipantIDs(partID, "alice")})},
		{"exclude bad id", "exclude[0]", mute(ParticipantsAction{Participants: AllParticipants, Exclude: []string{"bob"}})},
		{"kick exclude bad id", "exclude[1]", func(ctx context.Context, c *Client) error {
			return c.Sessions.Kick(ctx, sessionID, ParticipantsAction{Participants: AllParticipants, Exclude: []string{partID, ""}})
		}},
	}
	checkValidation(t, cases)
}

// validationCase is a call with one invalid parameter, and the API field
// its *ValidationError must name.
type validationCase struct {
	name  string
	field string
	call  func(context.Context, *Client) error
}

// checkValidation runs every case against a server that fails the test on
// any request: each must fail with a *ValidationError naming its field.
func checkValidation(t *testing.T, cases []validationCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("a request was sent despite invalid parameters: %s %s", r.Method, r.URL)
			})
			err := tc.call(context.Background(), c)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.NotEmpty(t, ve.Rule)
			assert.Equal(t, "rooms: invalid "+tc.field+": "+ve.Rule, err.Error())
		})
	}
}

// TestValidationAcceptsBounds checks that the limits themselves are valid.
func TestValidationAcceptsBounds(t *testing.T) {
	t.Parallel()
	_, err := (&RoomParams{MaxParticipants: Ptr(2), WebhookTimeoutSecs: Ptr(30)}).roomRequest()
	require.NoError(t, err)
	_, err = (&RoomParams{MaxParticipants: Ptr(50), WebhookTimeoutSecs: Ptr(0)}).roomRequest()
	require.NoError(t, err)
	for _, o := range []ListOptions{{}, {PageNumber: 1, PageSize: 1}, {PageNumber: 1 << 30, PageSize: 250}} {
		require.NoError(t, checkListOptions(o))
	}
	for _, d := range []time.Duration{0, 10 * time.Second, time.Hour} {
		_, err := ttlSeconds("token_ttl_secs", d, minTokenTTL, maxTokenTTL)
		require.NoError(t, err, d)
	}
	for _, d := range []time.Duration{time.Minute, 24 * time.Hour} {
		_, err := ttlSeconds("refresh_token_ttl_secs", d, minRefreshTTL, maxRefreshTTL)
		require.NoError(t, err, d)
	}
}

// TestValidationErrorHidesValue checks that a refresh token or any other
// rejected value never appears in the message.
func TestValidationErrorHidesValue(t *testing.T) {
	t.Parallel()
	err := error(&ValidationError{Field: "refresh_token", Rule: "is required", Value: "sekrit"})
	assert.False(t, strings.Contains(err.Error(), "sekrit"))
	assert.False(t, errors.Is(err, ErrNotFound))
}

// TestParticipantIDsCopies checks that ParticipantIDs keeps its own copy.
func TestParticipantIDsCopies(t *testing.T) {
	t.Parallel()
	ids := []string{partID}
	p := ParticipantIDs(ids...)
	ids[0] = "changed"
	body, err := ParticipantsAction{Participants: p}.body()
	require.NoError(t, err)
	got, err := body.Participants.AsActionsParticipantsRequestParticipants1()
	require.NoError(t, err)
	assert.Equal(t, partID, got[0].String())
}
