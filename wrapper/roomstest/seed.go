package roomstest

import (
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// Ids of the seed world (WithSeedData), taken from the API documents'
// examples; the package documentation describes the world.
const (
	// SeedRoomID is "my_video_room", the room of the documents' examples.
	SeedRoomID = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
	// SeedSessionID is the active session of SeedRoomID (same UUID, as in the examples).
	SeedSessionID = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
	// SeedAliceID is Alice, present in SeedSessionID (the id of the kick example's exclude list).
	SeedAliceID = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	// SeedBobID is Bob, present in SeedSessionID (the participant id of the path examples).
	SeedBobID = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
	// SeedCarolID is Carol, who joined SeedSessionID and left.
	SeedCarolID = "7b61621f-62e0-4aad-ab11-9fd19e272e75"
	// SeedMyRoomID is "My Room", the room of the reference's response samples.
	SeedMyRoomID = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	// SeedMyRoomSessionID is the active session of "My Room".
	SeedMyRoomSessionID = "7b61621f-62e0-4aad-ab11-9fd19e272e74"
	// SeedPastRoomID is "sample-room", the room of the session list sample.
	SeedPastRoomID = "7b61621f-5fe4-4aad-ab11-9fd19e272e73"
	// SeedEndedSessionID is the ended session of SeedPastRoomID (the session list sample).
	SeedEndedSessionID = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	// SeedRecordingID is the completed audio recording of SeedEndedSessionID
	// (the id of the reference's recording sample).
	SeedRecordingID = "6b61621f-62e0-4aad-ab11-9fd19e272e73"
	// SeedCompositionID is the completed composition of SeedEndedSessionID
	// (the id of the reference's composition sample).
	SeedCompositionID = "7103dc53-ee59-4b54-a58b-c77d99ceb037"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic("roomstest: seed timestamp " + s + ": " + err.Error())
	}
	return t.UTC()
}

// seed loads the world of WithSeedData into an empty store.
func (st *store) seed() {
	id := uuid.MustParse
	timeout := int32(25)

	myRoom := &gen.Room{
		ID:                      id(SeedMyRoomID),
		UniqueName:              "My Room",
		MaxParticipants:         50,
		EnableRecording:         true,
		ActiveSessionID:         id(SeedMyRoomSessionID),
		WebhookEventURL:         "https://www.example.com",
		WebhookEventFailoverURL: "https://failover.example.com",
		WebhookTimeoutSecs:      &timeout,
		CreatedAt:               ts("2021-04-16T09:46:20.954863Z"),
		UpdatedAt:               ts("2021-04-16T10:24:55.962200Z"),
		RecordType:              recordRoom,
	}
	videoRoom := &gen.Room{
		ID:              id(SeedRoomID),
		UniqueName:      "my_video_room",
		MaxParticipants: defaultMaxParticipants,
		ActiveSessionID: id(SeedSessionID),
		CreatedAt:       ts("2021-04-25T10:00:00Z"),
		UpdatedAt:       ts("2021-04-25T10:00:00Z"),
		RecordType:      recordRoom,
	}
	pastRoom := &gen.Room{
		ID:              id(SeedPastRoomID),
		UniqueName:      "sample-room",
		MaxParticipants: defaultMaxParticipants,
		CreatedAt:       ts("2021-04-16T09:00:00Z"),
		UpdatedAt:       ts("2021-04-16T09:00:00Z"),
		RecordType:      recordRoom,
	}
	for _, r := range []*gen.Room{pastRoom, myRoom, videoRoom} {
		st.addRoom(r)
	}

	sessions := []*gen.RoomSession{
		{
			ID: id(SeedEndedSessionID), RoomID: pastRoom.ID, Active: false,
			CreatedAt: ts("2021-04-16T09:46:20.954863Z"),
			UpdatedAt: ts("2021-04-16T10:24:55.962200Z"),
			EndedAt:   ts("2021-04-16T10:24:55.962200Z"),
		},
		{
			ID: id(SeedMyRoomSessionID), RoomID: myRoom.ID, Active: true,
			CreatedAt: ts("2021-04-16T09:46:20.954863Z"),
			UpdatedAt: ts("2021-04-16T10:24:55.962200Z"),
		},
		{
			ID: id(SeedSessionID), RoomID: videoRoom.ID, Active: true,
			CreatedAt: ts("2021-04-25T10:00:00Z"),
			UpdatedAt: ts("2021-04-25T10:30:00Z"),
		},
	}
	for _, s := range sessions {
		s.RecordType = recordSession
		st.addSession(s)
	}

	participants := []*gen.RoomParticipant{
		{
			ID: id(SeedAliceID), SessionID: id(SeedSessionID), Context: "Alice",
			JoinedAt: ts("2021-04-25T10:01:00Z"), UpdatedAt: ts("2021-04-25T10:01:00Z"),
		},
		{
			ID: id(SeedBobID), SessionID: id(SeedSessionID), Context: "Bob",
			JoinedAt: ts("2021-04-25T10:02:00Z"), UpdatedAt: ts("2021-04-25T10:02:00Z"),
		},
		{
			ID: id(SeedCarolID), SessionID: id(SeedSessionID), Context: "Carol",
			JoinedAt:  ts("2021-04-25T10:03:00Z"),
			UpdatedAt: ts("2021-04-25T10:30:00Z"),
			LeftAt:    ts("2021-04-25T10:30:00Z"),
		},
	}
	for _, p := range participants {
		p.RecordType = recordParticipant
		st.addParticipant(p)
	}
	st.seedMedia()
}

// seedMedia adds the completed recording and composition of the seed
// world, both of SeedEndedSessionID, with the reference samples' ids and
// values where the session allows (its times and duration are the
// session's). The recording's participant is the sample's, which the
// session sample does not list.
func (st *store) seedMedia() {
	id := uuid.MustParse
	started, ended := ts("2021-04-16T09:46:20.954863Z"), ts("2021-04-16T10:24:55.962200Z")
	completed := ts("2021-04-16T10:25:55.962200Z")
	rec := &gen.RoomRecording{
		ID: id(SeedRecordingID), RoomID: id(SeedPastRoomID), SessionID: id(SeedEndedSessionID),
		ParticipantID: id("9b61621f-5fe4-4aad-ab11-9fd19e272e73"),
		Type:          gen.RoomRecordingTypeAudio, Codec: codecAudio, Status: gen.RoomRecordingStatusCompleted,
		StartedAt: started, EndedAt: ended, DurationSecs: wholeSeconds(ended.Sub(started)),
		CreatedAt: started, UpdatedAt: completed, CompletedAt: completed,
		RecordType: recordRecording,
	}
	m := recordingMedia(rec)
	rec.SizeMb, rec.DownloadURL = m.sizeMB(), m.path
	st.rec.recordings[rec.ID] = rec
	st.rec.order.insert(rec)

	st.comp.account = id("12a04ec9-0f91-4a91-9f3a-a19d9931182e")
	created, done := ts("2021-04-16T10:30:00Z"), ts("2021-04-16T10:30:10Z")
	comp := &gen.RoomComposition{
		ID: id(SeedCompositionID), RoomID: id(SeedPastRoomID), SessionID: id(SeedEndedSessionID),
		UserID: st.comp.account, Status: gen.RoomCompositionStatusCompleted,
		Format: gen.RoomCompositionFormatMp4, Resolution: defaultResolution,
		VideoLayout: map[string]gen.VideoRegion{"first": {Height: 720, Width: 1280, VideoSources: []string{allVideoSources}}},
		StartedAt:   started, EndedAt: ended, DurationSecs: rec.DurationSecs,
		CreatedAt: created, UpdatedAt: done, CompletedAt: done,
		RecordType: recordComposition,
	}
	cm := compositionMedia(comp)
	comp.SizeMb, comp.DownloadURL = cm.sizeMB(), cm.path
	st.addComposition(comp)
}
