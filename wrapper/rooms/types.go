package rooms

import "github.com/seed1c924325/telnyx-rooms-go/gen"

// defaultUserAgent identifies this library in the User-Agent header.
const defaultUserAgent = "telnyx-rooms-go/0.1"

// Room is a video room (https://developers.telnyx.com/api/video/rooms).
type Room = gen.Room

// Session is a room session: one continuous use of a room, from the first
// participant joining until it ends.
type Session = gen.RoomSession

// Participant is a participant of a room session.
type Participant = gen.RoomParticipant

// JoinClientToken is a client token and its refresh token, returned by TokensService.Generate.
type JoinClientToken = gen.JoinClientToken

// RefreshedClientToken is a new client token, returned by TokensService.Refresh.
type RefreshedClientToken = gen.RefreshedClientToken
