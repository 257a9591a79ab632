package rooms

import (
	"strconv"
	"strings"
	"time"
)

// RecordingStatus is the state of a room recording: RecordingProcessing
// while Telnyx prepares the file, then RecordingCompleted.
type RecordingStatus string

// The statuses of a room recording.
const (
	// RecordingProcessing: the recording's media file is being prepared.
	RecordingProcessing RecordingStatus = "processing"
	// RecordingCompleted: the media file is ready at DownloadURL.
	RecordingCompleted RecordingStatus = "completed"
)

// RecordingType is what a room recording holds: one participant's audio or
// one participant's video.
type RecordingType string

// The types of a room recording.
const (
	// RecordingAudio is an audio track.
	RecordingAudio RecordingType = "audio"
	// RecordingVideo is a video track.
	RecordingVideo RecordingType = "video"
)

// CompositionStatus is the state of a room composition: enqueued, then
// processing, then completed.
type CompositionStatus string

// The statuses of a room composition.
const (
	// CompositionEnqueued: the composition waits to be processed.
	CompositionEnqueued CompositionStatus = "enqueued"
	// CompositionProcessing: the recordings are being composed.
	CompositionProcessing CompositionStatus = "processing"
	// CompositionCompleted: the composed file is ready at DownloadURL.
	CompositionCompleted CompositionStatus = "completed"
)

// CompositionFormat is the container format of a room composition.
type CompositionFormat string

// FormatMP4 is an MP4 file, the API's default and only format.
const FormatMP4 CompositionFormat = "mp4"

// AllVideoSources, as the only element of VideoRegion.VideoSources, places
// every video recording of the session in the region.
const AllVideoSources = "*"

// Recording is one recording of a room session: the audio or the video of
// one participant.
//
// API docs: https://developers.telnyx.com/api/video/view-room-recording
type Recording struct {
	// ID identifies the recording.
	ID string `json:"id"`
	// RoomID is the room the recording was made in.
	RoomID string `json:"room_id,omitempty"`
	// SessionID is the session the recording belongs to.
	SessionID string `json:"session_id,omitempty"`
	// ParticipantID is the participant whose audio or video was recorded.
	ParticipantID string `json:"participant_id,omitempty"`
	// Status is RecordingProcessing or RecordingCompleted.
	Status RecordingStatus `json:"status,omitempty"`
	// Type is RecordingAudio or RecordingVideo.
	Type RecordingType `json:"type,omitempty"`
	// Codec is the media codec, such as "opus".
	Codec string `json:"codec,omitempty"`
	// DurationSecs is the recording's length in seconds.
	DurationSecs int `json:"duration_secs,omitempty"`
	// SizeMB is the media file's size in megabytes, a decimal number.
	SizeMB float64 `json:"size_mb,omitempty"`
	// DownloadURL is where the media file can be downloaded once the
	// recording is completed.
	DownloadURL string `json:"download_url,omitempty"`
	// StartedAt is when recording started.
	StartedAt time.Time `json:"started_at,omitzero"`
	// EndedAt is when recording ended.
	EndedAt time.Time `json:"ended_at,omitzero"`
	// CompletedAt is when the media file became ready.
	CompletedAt time.Time `json:"completed_at,omitzero"`
	// CreatedAt is when the recording was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the recording last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// RecordType is the API's name for the kind of resource,
	// "room_recording" (some answers say otherwise; it is not checked).
	RecordType string `json:"record_type,omitempty"`
}

// Composition is a room composition: the recordings of one session laid
// out into one video file.
//
// API docs: https://developers.telnyx.com/api/video/view-room-composition
type Composition struct {
	// ID identifies the composition.
	ID string `json:"id"`
	// RoomID is the room of the composed session.
	RoomID string `json:"room_id,omitempty"`
	// SessionID is the composed session.
	SessionID string `json:"session_id,omitempty"`
	// UserID is the Telnyx user the composition belongs to.
	UserID string `json:"user_id,omitempty"`
	// Status is CompositionEnqueued, CompositionProcessing or CompositionCompleted.
	Status CompositionStatus `json:"status,omitempty"`
	// Format is the file's container format (FormatMP4).
	Format CompositionFormat `json:"format,omitempty"`
	// Resolution is the video's size as WIDTHxHEIGHT, such as "1280x720";
	// ParseResolution reads it.
	Resolution string `json:"resolution,omitempty"`
	// VideoLayout places the session's videos: region name to region.
	VideoLayout map[string]VideoRegion `json:"video_layout,omitempty"`
	// DurationSecs is the composed video's length in seconds.
	DurationSecs int `json:"duration_secs,omitempty"`
	// SizeMB is the file's size in megabytes, a decimal number.
	SizeMB float64 `json:"size_mb,omitempty"`
	// DownloadURL is where the file can be downloaded once completed.
	DownloadURL string `json:"download_url,omitempty"`
	// StartedAt is when the composed part of the session started.
	StartedAt time.Time `json:"started_at,omitzero"`
	// EndedAt is when the composed part of the session ended.
	EndedAt time.Time `json:"ended_at,omitzero"`
	// CompletedAt is when the file became ready.
	CompletedAt time.Time `json:"completed_at,omitzero"`
	// CreatedAt is when the composition was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the composition last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// WebhookEventURL receives the composition's webhooks; "" when none is set.
	WebhookEventURL string `json:"webhook_event_url,omitempty"`
	// WebhookEventFailoverURL receives the webhooks that WebhookEventURL
	// failed to take; "" when none is set.
	WebhookEventFailoverURL string `json:"webhook_event_failover_url,omitempty"`
	// WebhookTimeoutSecs is how many seconds a webhook delivery may take
	// (0 to 30), or nil for Telnyx's default.
	WebhookTimeoutSecs *int `json:"webhook_timeout_secs,omitempty"`
	// RecordType is the API's name for the kind of resource,
	// "room_composition" (some answers say "composition"; it is not checked).
	RecordType string `json:"record_type,omitempty"`
}

// VideoRegion is one region of a composition's layout: a rectangle of the
// video in which some of the session's video recordings are placed on a
// grid. In CompositionParams a zero Height, Width, MaxColumns or MaxRows is
// not sent (the API then sizes the region or its grid itself); XPos, YPos
// and ZPos default to 0.
type VideoRegion struct {
	// Height is the region's height in pixels, at least 16.
	Height int `json:"height,omitempty"`
	// Width is the region's width in pixels, at least 16.
	Width int `json:"width,omitempty"`
	// MaxColumns caps the columns of the region's grid, 1 to 1000.
	MaxColumns int `json:"max_columns,omitempty"`
	// MaxRows caps the rows of the region's grid, 1 to 1000.
	MaxRows int `json:"max_rows,omitempty"`
	// VideoSources are the ids of the video recordings placed in the
	// region, or AllVideoSources alone for every video recording of the
	// session.
	VideoSources []string `json:"video_sources,omitempty"`
	// XPos is the x offset in pixels of the region's upper left corner
	// from that of the whole video.
	XPos int `json:"x_pos,omitempty"`
	// YPos is the y offset in pixels of the region's upper left corner
	// from that of the whole video.
	YPos int `json:"y_pos,omitempty"`
	// ZPos stacks regions: a higher one is drawn above a lower one, -99 to 99.
	ZPos int `json:"z_pos,omitempty"`
}

// Resolution is the size of a composition's video in pixels. Width and
// Height are each 16 to 1280, and Width×Height is at most 1280×720. The
// zero Resolution stands for the API's default, 1280x720.
type Resolution struct {
	// Width in pixels.
	Width int
	// Height in pixels.
	Height int
}

// String returns the resolution as the API writes it, WIDTHxHEIGHT.
func (r Resolution) String() string {
	return strconv.Itoa(r.Width) + "x" + strconv.Itoa(r.Height)
}

// ParseResolution reads a resolution written WIDTHxHEIGHT, such as
// Composition.Resolution or a command-line value; it does not check the
// API's limits (CompositionsService.Create does).
func ParseResolution(s string) (Resolution, error) {
	w, h, ok := strings.Cut(s, "x")
	width, errW := strconv.Atoi(w)
	height, errH := strconv.Atoi(h)
	if !ok || errW != nil || errH != nil || width <= 0 || height <= 0 || strings.ContainsAny(s, "+- ") {
		return Resolution{}, &ValidationError{Field: "resolution", Rule: "must be WIDTHxHEIGHT in pixels, such as 1280x720", Value: s}
	}
	return Resolution{Width: width, Height: height}, nil
}
