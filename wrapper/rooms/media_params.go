package rooms

// RecordingFilter selects room recordings, for RecordingsService.List and
// RecordingsService.DeleteBulk. Every field left zero is not sent; the set
// ones must all match.
type RecordingFilter struct {
	// StartedAt filters on the day recording started (filter[date_started_at][...]).
	StartedAt DateFilter
	// EndedAt filters on the day recording ended (filter[date_ended_at][...]).
	EndedAt DateFilter
	// RoomID keeps the recordings of one room (filter[room_id]).
	RoomID string
	// SessionID keeps the recordings of one session (filter[session_id]).
	SessionID string
	// ParticipantID keeps the recordings of one participant (filter[participant_id]).
	ParticipantID string
	// Status keeps the recordings with that status (filter[status]).
	Status RecordingStatus
	// Type keeps the audio or the video recordings (filter[type]).
	Type RecordingType
	// MinDurationSecs keeps the recordings at least that many seconds long
	// (filter[duration_secs], which the API compares "greater or equal").
	MinDurationSecs int
}

// ListRecordingsParams filters RecordingsService.List. A nil pointer means
// no filter.
type ListRecordingsParams struct {
	RecordingFilter
	ListOptions
}

// DeleteRecordingsParams says which recordings RecordingsService.DeleteBulk
// deletes: those the filter matches. A filter that sets nothing would
// delete every recording of the account, so it is refused unless
// AllRecordings says that this is what is meant.
type DeleteRecordingsParams struct {
	RecordingFilter
	// AllRecordings deletes every recording of the account. It cannot be
	// combined with a filter.
	AllRecordings bool
	// ListOptions, when set, limit the deletion to that page of the
	// matches (the API declares paging on the bulk delete; see D15 of
	// openapi.yaml). They are not a filter: alone they are refused as an
	// empty filter is.
	ListOptions
}

// ListCompositionsParams filters CompositionsService.List. A nil pointer
// means no filter.
type ListCompositionsParams struct {
	// CreatedAt filters on the creation date (filter[date_created_at][...]).
	CreatedAt DateFilter
	// SessionID keeps the compositions of one session (filter[session_id]).
	SessionID string
	// Status keeps the compositions with that status (filter[status]).
	Status CompositionStatus
	ListOptions
}

// CompositionParams are the fields of CompositionsService.Create. SessionID
// is required; every other zero field is not sent, and the API takes its
// default.
type CompositionParams struct {
	// SessionID is the room session whose recordings are composed. Required.
	SessionID string
	// Format is the file's format; the API's default and only one is FormatMP4.
	Format CompositionFormat
	// Resolution is the video's size; zero takes the API's 1280x720.
	Resolution Resolution
	// VideoLayout places the session's videos in at most 2 named regions;
	// nil lets the API lay them out.
	VideoLayout map[string]VideoRegion
	// WebhookEventURL receives the composition's webhooks (such as
	// video.room.composition.completed): an absolute URL with a scheme.
	WebhookEventURL string
	// WebhookEventFailoverURL receives them when WebhookEventURL fails: an
	// absolute URL with a scheme.
	WebhookEventFailoverURL string
	// WebhookTimeoutSecs is how long a webhook may take, 0 to 30 seconds;
	// nil takes the API's default.
	WebhookTimeoutSecs *int
}
