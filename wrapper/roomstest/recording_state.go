package roomstest

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// RecordingProcessingDelay is how long, on the fake's clock (WithClock),
// a recording stays `processing` after it ended (its participant left or
// its session ended) before it is `completed` with its download_url (D19).
const RecordingProcessingDelay = 5 * time.Second

// Record types of the recordings and compositions the fake writes (D14).
const (
	recordRecording   = "room_recording"
	recordComposition = "room_composition"
)

// Codecs of the recordings the fake holds (D19).
const (
	codecAudio = "opus"
	codecVideo = "vp8"
)

// recordingState is the part of the store that holds recordings (D19): every
// recording in list order (created_at, then creation order), the
// recordings still running of each participant, and the ended ones that
// are still processing, in the order they will complete. Its methods
// expect the store's lock held, like the store's.
type recordingState struct {
	recordings map[uuid.UUID]*gen.RoomRecording
	order      *timeIndex[gen.RoomRecording]
	running    map[uuid.UUID][]*gen.RoomRecording // by participant id
	processing []pendingRecording                 // by readyAt, then end order
}

// pendingRecording is an ended recording and the instant it completes.
type pendingRecording struct {
	rec     *gen.RoomRecording
	readyAt time.Time
}

func newRecordingState() recordingState {
	return recordingState{
		recordings: map[uuid.UUID]*gen.RoomRecording{},
		order:      newTimeIndex(recordingCreated),
		running:    map[uuid.UUID][]*gen.RoomRecording{},
	}
}

func recordingCreated(r *gen.RoomRecording) time.Time { return r.CreatedAt }

// startRecordings holds an audio and a video recording of p, a participant
// who has just joined at p.JoinedAt, when the room of its session records
// (enable_recording). It returns them, running, or nil.
func (st *store) startRecordings(p *gen.RoomParticipant) []*gen.RoomRecording {
	sess, ok := st.sessions[p.SessionID]
	if !ok || !p.LeftAt.IsZero() {
		return nil
	}
	room, ok := st.rooms[sess.RoomID]
	if !ok || !room.EnableRecording {
		return nil
	}
	var out []*gen.RoomRecording
	for _, kind := range []struct {
		typ   gen.RoomRecordingType
		codec string
	}{{gen.RoomRecordingTypeAudio, codecAudio}, {gen.RoomRecordingTypeVideo, codecVideo}} {
		r := &gen.RoomRecording{
			ID:            uuid.New(),
			RoomID:        sess.RoomID,
			SessionID:     sess.ID,
			ParticipantID: p.ID,
			Type:          kind.typ,
			Codec:         kind.codec,
			Status:        gen.RoomRecordingStatusProcessing,
			StartedAt:     p.JoinedAt,
			CreatedAt:     p.JoinedAt,
			UpdatedAt:     p.JoinedAt,
			RecordType:    recordRecording,
		}
		st.rec.recordings[r.ID] = r
		st.rec.order.insert(r)
		out = append(out, r)
	}
	st.rec.running[p.ID] = out
	return out
}

// stopRecordings ends the running recordings of a participant who left at
// t: they get ended_at and their duration, and complete
// RecordingProcessingDelay later.
func (st *store) stopRecordings(participantID uuid.UUID, t time.Time) {
	for _, r := range st.rec.running[participantID] {
		r.EndedAt = t
		r.UpdatedAt = t
		r.DurationSecs = wholeSeconds(t.Sub(r.StartedAt))
		st.rec.processing = append(st.rec.processing, pendingRecording{rec: r, readyAt: t.Add(RecordingProcessingDelay)})
	}
	delete(st.rec.running, participantID)
	// Ends come in clock order unless the clock was set back: keep the
	// queue sorted all the same, stably, so that ties keep end order.
	slices.SortStableFunc(st.rec.processing, func(a, b pendingRecording) int { return a.readyAt.Compare(b.readyAt) })
}

// settle brings every recording and composition to the state the fake's
// clock says, and returns those that completed now, in order. The fake has
// no timers: every request and test control that reads them settles first.
func (st *store) settle() ([]*gen.RoomRecording, []*gen.RoomComposition) {
	now := st.now()
	return st.settleRecordings(now), st.settleCompositions(now)
}

// settleRecordings completes, in order, every processing recording whose
// time has come by now, and returns them. The fake has no timers: every
// request and test control that reads recordings settles them first, so
// their state is always what the clock says (D19).
func (st *store) settleRecordings(now time.Time) []*gen.RoomRecording {
	n := 0
	for n < len(st.rec.processing) && !now.Before(st.rec.processing[n].readyAt) {
		n++
	}
	if n == 0 {
		return nil
	}
	done := make([]*gen.RoomRecording, 0, n)
	for _, p := range st.rec.processing[:n] {
		r := p.rec
		r.Status = gen.RoomRecordingStatusCompleted
		r.CompletedAt = p.readyAt
		r.UpdatedAt = p.readyAt
		m := recordingMedia(r)
		r.SizeMb = m.sizeMB()
		r.DownloadURL = m.path
		done = append(done, r)
	}
	st.rec.processing = slices.Delete(st.rec.processing, 0, n)
	return done
}

// removeRecording forgets a recording, running, processing or completed;
// its media is gone with it.
func (st *store) removeRecording(r *gen.RoomRecording) {
	delete(st.rec.recordings, r.ID)
	st.rec.order.remove(r)
	if running := st.rec.running[r.ParticipantID]; len(running) > 0 {
		running = slices.DeleteFunc(slices.Clone(running), func(x *gen.RoomRecording) bool { return x == r })
		if len(running) == 0 {
			delete(st.rec.running, r.ParticipantID)
		} else {
			st.rec.running[r.ParticipantID] = running
		}
	}
	st.rec.processing = slices.DeleteFunc(st.rec.processing, func(p pendingRecording) bool { return p.rec == r })
}

// recording returns the recording a path parameter names, or the 404.
func (st *store) recording(id uuid.UUID) (*gen.RoomRecording, error) {
	return lookup(st.rec.recordings, id, "room_recording_id", "room recording")
}

// videoRecordingsOf is the video recordings of a session, in list order.
func (st *store) videoRecordingsOf(sessionID uuid.UUID) []*gen.RoomRecording {
	var out []*gen.RoomRecording
	for _, r := range st.rec.order.all() {
		if r.SessionID == sessionID && r.Type == gen.RoomRecordingTypeVideo {
			out = append(out, r)
		}
	}
	return out
}
