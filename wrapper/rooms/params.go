package rooms

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// Ptr returns a pointer to v, for the optional fields of RoomParams:
// rooms.Ptr(10).
func Ptr[T any](v T) *T { return &v }

// DateFilter filters a list on one date of its resources. A zero time leaves
// that bound unset. Each time is sent as its calendar date (YYYY-MM-DD, in
// the time's own location); the API compares whole days in UTC and Gte/Lte
// are inclusive.
type DateFilter struct {
	// Eq keeps resources whose date is that day.
	Eq time.Time
	// Gte keeps resources whose date is that day or later.
	Gte time.Time
	// Lte keeps resources whose date is that day or earlier.
	Lte time.Time
}

// dates converts f to the three optional gen query values.
func (f DateFilter) dates() (eq, gte, lte *openapi_types.Date) {
	return day(f.Eq), day(f.Gte), day(f.Lte)
}

func day(t time.Time) *openapi_types.Date {
	if t.IsZero() {
		return nil
	}
	y, m, d := t.Date()
	return &openapi_types.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// ListOptions selects a page. Zero values mean the API defaults: page 1 and
// 20 items per page. PageSize may be 1 to 250.
type ListOptions struct {
	// PageNumber is the page to fetch, from 1. A ListIter walk starts there.
	PageNumber int
	// PageSize is the number of items per page, 1 to 250.
	PageSize int
}

func (o ListOptions) size() *int32 {
	if o.PageSize == 0 {
		return nil
	}
	v := int32(o.PageSize)
	return &v
}

// ListRoomsParams filters RoomsService.List. A nil pointer means no filter.
type ListRoomsParams struct {
	// CreatedAt filters on the creation date (filter[date_created_at][...]).
	CreatedAt DateFilter
	// UpdatedAt filters on the last update date (filter[date_updated_at][...]).
	UpdatedAt DateFilter
	// UniqueName keeps the room with that unique name (filter[unique_name]).
	UniqueName string
	// IncludeSessions asks for each room's sessions (include_sessions=true).
	IncludeSessions bool
	ListOptions
}

// ListSessionsParams filters SessionsService.List and RoomsService.ListSessions.
type ListSessionsParams struct {
	// CreatedAt filters on the creation date (filter[date_created_at][...]).
	CreatedAt DateFilter
	// UpdatedAt filters on the last update date (filter[date_updated_at][...]).
	UpdatedAt DateFilter
	// EndedAt filters on the end date (filter[date_ended_at][...]).
	EndedAt DateFilter
	// RoomID keeps the sessions of one room (filter[room_id]). With
	// RoomsService.ListSessions it must be empty or the same room.
	RoomID string
	// Active keeps active (true) or ended (false) sessions (filter[active]).
	Active *bool
	// IncludeParticipants asks for each session's participants (include_participants=true).
	IncludeParticipants bool
	ListOptions
}

// ListParticipantsParams filters ParticipantsService.List and SessionsService.ListParticipants.
type ListParticipantsParams struct {
	// JoinedAt filters on the join date (filter[date_joined_at][...]).
	JoinedAt DateFilter
	// UpdatedAt filters on the last update date (filter[date_updated_at][...]).
	UpdatedAt DateFilter
	// LeftAt filters on the leave date (filter[date_left_at][...]).
	LeftAt DateFilter
	// Context keeps participants with that context (filter[context]).
	Context string
	// SessionID keeps the participants of one session (filter[session_id]).
	// With SessionsService.ListParticipants it must be empty or the same session.
	SessionID string
	ListOptions
}

// RoomParams are the fields of RoomsService.Create and RoomsService.Update.
// A nil field is not sent: the API keeps its default (create) or the current
// value (update). To clear a room's webhook URLs on Update, set them to
// Ptr(""); to reset its webhook timeout to the API default (none, null),
// set ResetWebhookTimeout.
type RoomParams struct {
	// UniqueName is the room's name, unique within the account; valid UTF-8.
	UniqueName *string
	// MaxParticipants is the most participants the room admits, 2 to 50 (API default 10).
	MaxParticipants *int
	// EnableRecording turns recording on or off.
	EnableRecording *bool
	// WebhookEventURL receives the room's webhooks: an absolute URL with a
	// scheme, or "" to clear it.
	WebhookEventURL *string
	// WebhookEventFailoverURL receives them when WebhookEventURL fails: an
	// absolute URL with a scheme, or "" to clear it.
	WebhookEventFailoverURL *string
	// WebhookTimeoutSecs is how long a webhook may take, 0 to 30 seconds.
	WebhookTimeoutSecs *int
	// ResetWebhookTimeout sends webhook_timeout_secs as null, the API's
	// default: on Update it clears the room's timeout. It cannot be combined
	// with WebhookTimeoutSecs.
	ResetWebhookTimeout bool
}

// GetRoomParams are the options of RoomsService.Get.
type GetRoomParams struct {
	// IncludeSessions asks for the room's sessions (include_sessions=true).
	IncludeSessions bool
}

// GetSessionParams are the options of SessionsService.Get.
type GetSessionParams struct {
	// IncludeParticipants asks for the session's participants (include_participants=true).
	IncludeParticipants bool
}

// GenerateTokenParams are the options of TokensService.Generate. Zero
// durations take the API defaults (10 minutes and 1 hour).
type GenerateTokenParams struct {
	// TokenTTL is the client token's lifetime, 10 s to 1 h, in whole seconds.
	TokenTTL time.Duration
	// RefreshTokenTTL is the refresh token's lifetime, 1 min to 24 h, in whole seconds.
	RefreshTokenTTL time.Duration
}

// RefreshTokenParams are the parameters of TokensService.Refresh.
type RefreshTokenParams struct {
	// RefreshToken is the refresh token returned by TokensService.Generate. Required.
	RefreshToken string
	// TokenTTL is the new client token's lifetime, 10 s to 1 h, in whole
	// seconds; zero takes the API default (10 minutes).
	TokenTTL time.Duration
}

// Participants selects the participants of a session action: every one
// (AllParticipants) or a list (ParticipantIDs). The zero value selects
// nobody and is rejected, so that a forgotten field never kicks everyone.
type Participants struct {
	all bool
	ids []string
}

// AllParticipants selects every participant of the session.
var AllParticipants = Participants{all: true}

// ParticipantIDs selects the participants with these ids. The slice is copied.
func ParticipantIDs(ids ...string) Participants {
	return Participants{ids: slices.Clone(ids)}
}

// ParticipantsAction says whom SessionsService.Kick, Mute and Unmute act on:
// Participants minus Exclude.
type ParticipantsAction struct {
	// Participants is AllParticipants or ParticipantIDs(...). Required.
	Participants Participants
	// Exclude lists participant ids left out of the action.
	Exclude []string
}

// roomRequest validates p and converts it to the create body; the update
// body has the same fields. The reader holds the JSON to send.
func (p *RoomParams) roomRequest() (io.Reader, error) {
	var r gen.CreateRoomRequest
	if p == nil {
		return bytes.NewReader([]byte("{}")), nil
	}
	r.EnableRecording = p.EnableRecording
	if v := p.UniqueName; v != nil {
		if err := checkText("unique_name", *v); err != nil {
			return nil, err
		}
		r.UniqueName = v
	}
	if v := p.MaxParticipants; v != nil {
		if err := checkRange("max_participants", *v, minMaxParticipants, maxMaxParticipants); err != nil {
			return nil, err
		}
		r.MaxParticipants = Ptr(int32(*v))
	}
	if v := p.WebhookTimeoutSecs; v != nil {
		if p.ResetWebhookTimeout {
			return nil, &ValidationError{Field: "webhook_timeout_secs", Rule: "is either set (WebhookTimeoutSecs) or reset to null (ResetWebhookTimeout), not both", Value: *v}
		}
		if err := checkRange("webhook_timeout_secs", *v, 0, maxWebhookTimeout); err != nil {
			return nil, err
		}
		r.WebhookTimeoutSecs = Ptr(int32(*v))
	}
	for _, u := range []struct {
		field string
		v     *string
		dst   **string
	}{{"webhook_event_url", p.WebhookEventURL, &r.WebhookEventURL}, {"webhook_event_failover_url", p.WebhookEventFailoverURL, &r.WebhookEventFailoverURL}} {
		if u.v == nil {
			continue
		}
		if *u.v != "" { // "" clears the URL
			if err := checkText(u.field, *u.v); err != nil {
				return nil, err
			}
			if err := checkURL(u.field, *u.v); err != nil {
				return nil, err
			}
		}
		*u.dst = Ptr(*u.v)
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	if p.ResetWebhookTimeout {
		// The generated body cannot say null: add the member to the object.
		null := []byte(`"webhook_timeout_secs":null}`)
		if len(b) > 2 {
			null = append([]byte{','}, null...)
		}
		b = append(b[:len(b)-1], null...)
	}
	return bytes.NewReader(b), nil
}

// body validates a and converts it to the action request body.
func (a ParticipantsAction) body() (gen.ActionsParticipantsRequest, error) {
	var r gen.ActionsParticipantsRequest
	var sel gen.ActionsParticipantsRequest_Participants
	switch p := a.Participants; {
	case p.all:
		if err := sel.FromActionsParticipantsRequestParticipants0(gen.All); err != nil {
			return r, err
		}
	case len(p.ids) > 0:
		ids, err := parseIDs("participants", p.ids)
		if err != nil {
			return r, err
		}
		if err := sel.FromActionsParticipantsRequestParticipants1(ids); err != nil {
			return r, err
		}
	default:
		return r, &ValidationError{Field: "participants", Rule: "is required: use rooms.AllParticipants or rooms.ParticipantIDs with at least one id"}
	}
	r.Participants = &sel
	if len(a.Exclude) > 0 {
		ids, err := parseIDs("exclude", a.Exclude)
		if err != nil {
			return r, err
		}
		r.Exclude = ids
	}
	return r, nil
}

// parseIDs checks every id of a list; the field of an error is field[i].
func parseIDs(field string, ids []string) ([]openapi_types.UUID, error) {
	out := make([]openapi_types.UUID, len(ids))
	for i, s := range ids {
		id, err := parseID(field+"["+strconv.Itoa(i)+"]", s)
		if err != nil {
			return nil, err
		}
		out[i] = id
	}
	return out, nil
}
