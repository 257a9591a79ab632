package roomstest

import (
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// The events of recordings and compositions (D21), emitted where their
// state changes, like those of sessions and participants (events.go).

// settleInterval is how often a fake on the real clock (no WithClock)
// settles recordings and compositions by itself, so that their events go
// out on time even when nobody reads them.
const settleInterval = time.Second

// recordingsStarted sends video.room.recording.started for each recording
// that just began (its participant joined a recording room's session).
func (st *store) recordingsStarted(recs []*gen.RoomRecording) {
	for _, r := range recs {
		st.emitRoom(r.RoomID, webhook.EventRecordingStarted, r.StartedAt, gen.RecordingStartedPayload{
			RoomID: r.RoomID, SessionID: r.SessionID, ParticipantID: r.ParticipantID, RecordingID: r.ID,
			Type: gen.RecordingStartedPayloadType(r.Type),
		})
	}
}

// settleAndNotify is settle, then the events of what completed: each
// recording's video.room.recording.completed to its room's webhook URLs,
// each composition's video.room.composition.completed to its own
// webhook_event_url when its create gave one, else to its room's.
func (st *store) settleAndNotify() {
	recs, comps := st.settle()
	base := st.mediaBase()
	for _, r := range recs {
		st.emitRoom(r.RoomID, webhook.EventRecordingCompleted, r.CompletedAt, gen.RecordingCompletedPayload{
			RoomID: r.RoomID, SessionID: r.SessionID, ParticipantID: r.ParticipantID, RecordingID: r.ID,
			Type: gen.RecordingCompletedPayloadType(r.Type), Codec: r.Codec, DownloadURL: base + r.DownloadURL,
			DurationSecs: r.DurationSecs, SizeMb: r.SizeMb,
		})
	}
	for _, c := range comps {
		payload := gen.CompositionCompletedPayload{
			CompositionID: c.ID, RoomID: c.RoomID, SessionID: c.SessionID, DownloadURL: base + c.DownloadURL,
			DurationSecs: c.DurationSecs, Format: string(c.Format), Resolution: c.Resolution, SizeMb: c.SizeMb,
		}
		if c.WebhookEventURL == "" {
			st.emitRoom(c.RoomID, webhook.EventCompositionCompleted, c.CompletedAt, payload)
			continue
		}
		st.hooks.emit(compositionTarget(c), webhook.EventCompositionCompleted, c.RoomID, c.CompletedAt, payload)
	}
}

// compositionTarget is where the events of a composition with a webhook
// URL of its own go: its URLs and timeout, in its room's queue, so that
// they keep their order with the room's other events.
func compositionTarget(c *gen.RoomComposition) hookTarget {
	t := hookTarget{queue: "room " + c.RoomID.String(), primary: c.WebhookEventURL, failover: c.WebhookEventFailoverURL, timeout: defaultWebhookTimeout}
	if c.WebhookTimeoutSecs != nil {
		t.timeout = time.Duration(*c.WebhookTimeoutSecs) * time.Second
	}
	return t
}

// mediaBase is the scheme and host of the download URLs in events: the
// listening address of a NewServer fake, else the host the first API
// request came to; "" before any request.
func (st *store) mediaBase() string {
	if p := st.base.Load(); p != nil {
		return *p
	}
	return ""
}

// noteBase records base as the media base, unless one is set already.
func (st *store) noteBase(base string) {
	if st.base.Load() == nil {
		st.base.CompareAndSwap(nil, &base)
	}
}

// Settle brings every recording and composition to the state the fake's
// clock says now, and sends the events of those that completed. Every
// request and test control that reads recordings or compositions does it
// first; call Settle after moving a WithClock clock to have the completion
// webhooks sent without a request. Without WithClock the fake settles by
// itself every second.
func (s *Server) Settle() {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	s.st.settleAndNotify()
}

// settleOnTime settles every settleInterval until the Server closes. It is
// started for a fake on the real clock only.
func (s *Server) settleOnTime() {
	defer s.settling.Done()
	tick := time.NewTicker(settleInterval)
	defer tick.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-tick.C:
			s.Settle()
		}
	}
}
