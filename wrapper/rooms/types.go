package rooms

import "time"

// defaultUserAgent identifies this library in the User-Agent header.
const defaultUserAgent = "telnyx-rooms-go/0.2"

// The resources below are what the API returns, field for field: each
// field's JSON name is the API's, and internal/contract proves that they
// match the schemas of openapi.yaml, property by property and type by type.
// Ids are strings holding UUIDs (see the package documentation, "Ids"); an
// empty id means "none". Counts are int. A time the API has not set yet is
// the zero time.Time.

// Room is a video room: a named place that participants join, with the
// settings every one of its sessions uses.
//
// API docs: https://developers.telnyx.com/api/video/view-room
type Room struct {
	// ID identifies the room.
	ID string `json:"id"`
	// UniqueName is the room's name, unique within the Telnyx account.
	UniqueName string `json:"unique_name,omitempty"`
	// MaxParticipants is how many participants may be in the room at once.
	MaxParticipants int `json:"max_participants,omitempty"`
	// EnableRecording says whether the room's sessions are recorded.
	EnableRecording bool `json:"enable_recording"`
	// ActiveSessionID is the session in progress, or "" when there is none.
	ActiveSessionID string `json:"active_session_id,omitempty"`
	// CreatedAt is when the room was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the room was last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// WebhookEventURL receives the room's webhooks; "" when none is set.
	WebhookEventURL string `json:"webhook_event_url,omitempty"`
	// WebhookEventFailoverURL receives the webhooks that WebhookEventURL
	// failed to take; "" when none is set.
	WebhookEventFailoverURL string `json:"webhook_event_failover_url,omitempty"`
	// WebhookTimeoutSecs is how many seconds a webhook delivery may take
	// (0 to 30), or nil when the room keeps Telnyx's default.
	WebhookTimeoutSecs *int `json:"webhook_timeout_secs,omitempty"`
	// Sessions are the room's sessions, filled only when the call asked for
	// them (IncludeSessions).
	Sessions []Session `json:"sessions,omitempty"`
	// RecordType is the API's name for the kind of resource: "room".
	RecordType string `json:"record_type,omitempty"`
}

// Session is a room session: one continuous use of a room, from the first
// participant joining until it ends.
//
// API docs: https://developers.telnyx.com/api/video/view-room-session
type Session struct {
	// ID identifies the session.
	ID string `json:"id"`
	// RoomID is the room the session takes place in.
	RoomID string `json:"room_id,omitempty"`
	// Active says whether the session is still going on.
	Active bool `json:"active"`
	// CreatedAt is when the session started.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the session last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// EndedAt is when the session ended; zero while it is active.
	EndedAt time.Time `json:"ended_at,omitzero"`
	// Participants are the session's participants, filled only when the
	// call asked for them (IncludeParticipants).
	Participants []Participant `json:"participants,omitempty"`
	// RecordType is the API's name for the kind of resource: "room_session".
	RecordType string `json:"record_type,omitempty"`
}

// Participant is one participant of a room session.
//
// API docs: https://developers.telnyx.com/api/video/view-room-participant
type Participant struct {
	// ID identifies the participant.
	ID string `json:"id"`
	// SessionID is the session the participant is part of.
	SessionID string `json:"session_id,omitempty"`
	// Context is what the client SDK passed when the participant joined,
	// such as a user name.
	Context string `json:"context,omitempty"`
	// JoinedAt is when the participant joined.
	JoinedAt time.Time `json:"joined_at,omitzero"`
	// UpdatedAt is when the participant last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// LeftAt is when the participant left; zero while they are present.
	LeftAt time.Time `json:"left_at,omitzero"`
	// RecordType is the API's name for the kind of resource: "room_participant".
	RecordType string `json:"record_type,omitempty"`
}

// JoinClientToken is a client token that lets one participant join a room,
// and the refresh token that renews it. TokensService.Generate returns it.
//
// API docs: https://developers.telnyx.com/api/video/create-room-client-token
type JoinClientToken struct {
	// Token is what the client SDK (browser or mobile) joins the room with.
	Token string `json:"token,omitempty"`
	// TokenExpiresAt is when Token stops being accepted.
	TokenExpiresAt time.Time `json:"token_expires_at,omitzero"`
	// RefreshToken obtains a new Token through TokensService.Refresh.
	RefreshToken string `json:"refresh_token,omitempty"`
	// RefreshTokenExpiresAt is when RefreshToken stops being accepted.
	RefreshTokenExpiresAt time.Time `json:"refresh_token_expires_at,omitzero"`
}

// RefreshedClientToken is a new client token for the same room.
// TokensService.Refresh returns it.
//
// API docs: https://developers.telnyx.com/api/video/refresh-room-client-token
type RefreshedClientToken struct {
	// Token is what the client SDK joins the room with.
	Token string `json:"token,omitempty"`
	// TokenExpiresAt is when Token stops being accepted.
	TokenExpiresAt time.Time `json:"token_expires_at,omitzero"`
}
