package rooms

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 12, item 9 (decision D47): input the client used to let through.
// Every case is refused before the network with a *ValidationError naming
// the API field.

// TestInputRefusedBeforeTheNetwork covers the classes: dates whose year
// YYYY-MM-DD cannot write, and strings that are not valid UTF-8, in every
// filter and body field that carries them.
func TestInputRefusedBeforeTheNetwork(t *testing.T) {
	t.Parallel()
	type call func(context.Context, *Client) error
	ret := func(_ any, err error) error { return err }
	year := func(y int) time.Time { return time.Date(y, 6, 1, 12, 0, 0, 0, time.UTC) }
	y0, y10000, yNeg := year(0), year(10000), year(-44)
	// A time whose UTC year is 9999 but whose own location's date is in 10000:
	// the date sent is the location's (see DateFilter).
	east := time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC).In(time.FixedZone("UTC+5", 5*3600))
	const bad = "caf\xe9" // Latin-1 é: not UTF-8
	rooms := func(p *ListRoomsParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Rooms.List(ctx, p)) }
	}
	sessions := func(p *ListSessionsParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Sessions.List(ctx, p)) }
	}
	parts := func(p *ListParticipantsParams) call {
		return func(ctx context.Context, c *Client) error { return ret(c.Participants.List(ctx, p)) }
	}
	cases := []struct {
		name  string
		field string
		call  call
	}{
		{"rooms created eq year 0", "filter[date_created_at][eq]", rooms(&ListRoomsParams{CreatedAt: DateFilter{Eq: y0}})},
		{"rooms updated lte year 10000", "filter[date_updated_at][lte]", rooms(&ListRoomsParams{UpdatedAt: DateFilter{Lte: y10000}})},
		{"rooms iter created gte BC", "filter[date_created_at][gte]", func(ctx context.Context, c *Client) error {
			return firstErr(c.Rooms.ListIter(ctx, &ListRoomsParams{CreatedAt: DateFilter{Gte: yNeg}}))
		}},
		{"rooms created in a zone past 9999", "filter[date_created_at][eq]", rooms(&ListRoomsParams{CreatedAt: DateFilter{Eq: east}})},
		{"sessions ended gte year 10000", "filter[date_ended_at][gte]", sessions(&ListSessionsParams{EndedAt: DateFilter{Gte: y10000}})},
		{"sessions created lte year 0", "filter[date_created_at][lte]", sessions(&ListSessionsParams{CreatedAt: DateFilter{Lte: y0}})},
		{"room sessions updated eq year 0", "filter[date_updated_at][eq]", func(ctx context.Context, c *Client) error {
			return ret(c.Rooms.ListSessions(ctx, roomID, &ListSessionsParams{UpdatedAt: DateFilter{Eq: y0}}))
		}},
		{"participants joined eq year 10000", "filter[date_joined_at][eq]", parts(&ListParticipantsParams{JoinedAt: DateFilter{Eq: y10000}})},
		{"participants left lte year 0", "filter[date_left_at][lte]", parts(&ListParticipantsParams{LeftAt: DateFilter{Lte: y0}})},
		{"session participants updated gte year 0", "filter[date_updated_at][gte]", func(ctx context.Context, c *Client) error {
			return ret(c.Sessions.ListParticipants(ctx, sessionID, &ListParticipantsParams{UpdatedAt: DateFilter{Gte: y0}}))
		}},

		{"create unique_name", "unique_name", func(ctx context.Context, c *Client) error {
			return ret(c.Rooms.Create(ctx, &RoomParams{UniqueName: Ptr(bad)}))
		}},
		{"update unique_name", "unique_name", func(ctx context.Context, c *Client) error {
			return ret(c.Rooms.Update(ctx, roomID, &RoomParams{UniqueName: Ptr("ok\xff")}))
		}},
		{"webhook_event_url", "webhook_event_url", func(ctx context.Context, c *Client) error {
			return ret(c.Rooms.Create(ctx, &RoomParams{WebhookEventURL: Ptr("https://example.com/" + bad)}))
		}},
		{"webhook_event_failover_url", "webhook_event_failover_url", func(ctx context.Context, c *Client) error {
			return ret(c.Rooms.Update(ctx, roomID, &RoomParams{WebhookEventFailoverURL: Ptr("https://example.com/\xc3")}))
		}},
		{"refresh_token", "refresh_token", func(ctx context.Context, c *Client) error {
			return ret(c.Tokens.Refresh(ctx, roomID, &RefreshTokenParams{RefreshToken: "eyJ\x80"}))
		}},
		{"filter unique_name", "filter[unique_name]", rooms(&ListRoomsParams{UniqueName: bad})},
		{"filter context", "filter[context]", parts(&ListParticipantsParams{Context: bad})},
		{"nested filter context", "filter[context]", func(ctx context.Context, c *Client) error {
			return firstErr(c.Sessions.ListParticipantsIter(ctx, sessionID, &ListParticipantsParams{Context: "\xed\xa0\x80"}))
		}},
		{"timeout set and reset", "webhook_timeout_secs", func(ctx context.Context, c *Client) error {
			return ret(c.Rooms.Update(ctx, roomID, &RoomParams{WebhookTimeoutSecs: Ptr(5), ResetWebhookTimeout: true}))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/", func(_ http.ResponseWriter, r *http.Request) {
				t.Errorf("a request was sent despite invalid input: %s %s", r.Method, r.URL)
			})
			err := tc.call(context.Background(), c)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Equal(t, "rooms: invalid "+tc.field+": "+ve.Rule, err.Error())
			assert.True(t, strings.ToValidUTF8(err.Error(), "") == err.Error(), "the message is valid UTF-8")
		})
	}
}

// TestDateBoundsAccepted: the first and last days YYYY-MM-DD can write are
// sent as they are.
func TestDateBoundsAccepted(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var query atomic.Value
	mux.HandleFunc("GET /rooms", func(w http.ResponseWriter, r *http.Request) {
		query.Store(r.URL.Query())
		writeJSON(w, 200, pageJSON(nil, 1, 20, 0, 0))
	})
	p := &ListRoomsParams{CreatedAt: DateFilter{
		Gte: time.Date(1, 1, 1, 12, 0, 0, 0, time.UTC), // its midnight is the zero time: no bound
		Lte: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	}}
	_, err := c.Rooms.List(context.Background(), p)
	require.NoError(t, err)
	q := query.Load().(url.Values)
	assert.Equal(t, []string{"0001-01-01"}, q["filter[date_created_at][gte]"])
	assert.Equal(t, []string{"9999-12-31"}, q["filter[date_created_at][lte]"])
}

// TestHeaderOptionsRefused: an API key or a User-Agent that no request can
// carry is refused by NewClient, never tried and retried; the error names
// the header and where the bad character is, never the key.
func TestHeaderOptionsRefused(t *testing.T) {
	const key = "KEY01234secret"
	tests := []struct {
		name   string
		opts   []Option
		env    string // TELNYX_API_KEY, when no WithAPIKey
		field  string
		inRule string
	}{
		{"key with a line break", []Option{WithAPIKey(key + "\n")}, "", "Authorization", "byte 15 of 15 is a line break"},
		{"key with a NUL", []Option{WithAPIKey("KEY\x00" + key)}, "", "Authorization", "byte 4 of 18 is a control character (0x0)"},
		{"key with DEL", []Option{WithAPIKey(key + "\x7f")}, "", "Authorization", "a control character (0x7f)"},
		{"key with ESC", []Option{WithAPIKey("\x1b" + key)}, "", "Authorization", "byte 1 of 15 is a control character (0x1b)"},
		{"key with an inner space", []Option{WithAPIKey("KEY " + key)}, "", "Authorization", "byte 4 of 18 is a space"},
		{"key with a trailing space", []Option{WithAPIKey(key + " ")}, "", "Authorization", "is a space"},
		{"key with a tab", []Option{WithAPIKey(key + "\tx")}, "", "Authorization", "is a tab"},
		{"key not ASCII", []Option{WithAPIKey(key + "é")}, "", "Authorization", "is not ASCII"},
		{"key from the environment", nil, key + "\x01x", "Authorization", "byte 15 of 16 is a control character (0x1)"},
		{"user agent with a line break", []Option{WithAPIKey(key), WithUserAgent("app/1\r\nX-Evil: 1")}, "", "User-Agent", "byte 6 of 16 is a line break"},
		{"user agent with NUL", []Option{WithAPIKey(key), WithUserAgent("app\x00")}, "", "User-Agent", "a control character (0x0)"},
		{"user agent with ESC", []Option{WithAPIKey(key), WithUserAgent("app \x1b[31m")}, "", "User-Agent", "a control character (0x1b)"},
		{"user agent with DEL", []Option{WithAPIKey(key), WithUserAgent("app\x7f")}, "", "User-Agent", "a control character (0x7f)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(APIKeyEnv, tt.env)
			var calls atomic.Int32
			rt := roundTripFunc(func(*http.Request) (*http.Response, error) {
				calls.Add(1)
				return nil, errors.New("never")
			})
			c, err := NewClient(append(tt.opts, WithHTTPClient(&http.Client{Transport: rt}))...)
			require.Nil(t, c)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.field, ve.Field)
			assert.Contains(t, ve.Rule, tt.inRule)
			assert.NotContains(t, err.Error(), key, "the key is never in the error")
			assert.NotContains(t, err.Error(), "secret")
			if tt.field == "Authorization" {
				assert.Nil(t, ve.Value, "the key is not kept in the error either")
			}
			assert.Zero(t, calls.Load())
		})
	}
}

// TestHeaderOptionsAccepted: what a key and a User-Agent may hold.
func TestHeaderOptionsAccepted(t *testing.T) {
	t.Parallel()
	for _, opts := range [][]Option{
		{WithAPIKey("KEY0123_abc-~+/=.!#$%&'*^`|")},
		{WithAPIKey("k"), WithUserAgent("my-app/1.2 (linux; +https://example.com)\twith tab")},
		{WithAPIKey("k"), WithUserAgent("app/1 é")},
	} {
		_, err := NewClient(opts...)
		assert.NoError(t, err)
	}
}

// TestClearingRoomFields: "" clears a webhook URL and ResetWebhookTimeout
// sends webhook_timeout_secs as null, alone or with other fields; the
// request carries exactly those members.
func TestClearingRoomFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    *RoomParams
		want string
	}{
		{"clear the webhook URL", &RoomParams{WebhookEventURL: Ptr("")}, `{"webhook_event_url":""}`},
		{"clear the failover URL", &RoomParams{WebhookEventFailoverURL: Ptr("")}, `{"webhook_event_failover_url":""}`},
		{"reset the timeout alone", &RoomParams{ResetWebhookTimeout: true}, `{"webhook_timeout_secs":null}`},
		{"reset the timeout and clear both URLs", &RoomParams{WebhookEventURL: Ptr(""), WebhookEventFailoverURL: Ptr(""), ResetWebhookTimeout: true},
			`{"webhook_event_url":"","webhook_event_failover_url":"","webhook_timeout_secs":null}`},
		{"reset the timeout and rename", &RoomParams{UniqueName: Ptr("n"), ResetWebhookTimeout: true}, `{"unique_name":"n","webhook_timeout_secs":null}`},
		{"set the timeout to 0", &RoomParams{WebhookTimeoutSecs: Ptr(0)}, `{"webhook_timeout_secs":0}`},
		{"nothing", &RoomParams{}, `{}`},
		{"nil", nil, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var bodies atomic.Int32
			check := func(w http.ResponseWriter, r *http.Request, status int) {
				b, err := io.ReadAll(r.Body)
				assert.NoError(t, err)
				assert.JSONEq(t, tt.want, string(b))
				bodies.Add(1)
				writeJSON(w, status, `{"data":`+roomJSON(roomID, "n")+`}`)
			}
			mux.HandleFunc("PATCH /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) { check(w, r, 200) })
			mux.HandleFunc("POST /rooms", func(w http.ResponseWriter, r *http.Request) { check(w, r, 201) })
			_, err := c.Rooms.Update(context.Background(), roomID, tt.p)
			require.NoError(t, err)
			_, err = c.Rooms.Create(context.Background(), tt.p)
			require.NoError(t, err)
			assert.EqualValues(t, 2, bodies.Load())
		})
	}
}

// TestClearedBodyIsResentOnRetry: the spliced body of a reset is rebuilt for
// every attempt, like any other.
func TestClearedBodyIsResentOnRetry(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("PATCH /rooms/"+roomID, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		assert.JSONEq(t, `{"webhook_event_url":"","webhook_timeout_secs":null}`, string(b))
		if calls.Add(1) == 1 {
			writeJSON(w, 503, `{"errors":[{"code":"10007","title":"Unavailable"}]}`)
			return
		}
		writeJSON(w, 200, `{"data":`+roomJSON(roomID, "n")+`}`)
	})
	_, err := c.Rooms.Update(context.Background(), roomID, &RoomParams{WebhookEventURL: Ptr(""), ResetWebhookTimeout: true})
	require.NoError(t, err)
	assert.EqualValues(t, 2, calls.Load())
}
