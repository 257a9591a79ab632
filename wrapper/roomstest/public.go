package roomstest

import (
	"encoding/json"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// The fake keeps its state in the generated models, which its generated
// server encodes; the test controls hand out the rooms package's types,
// which a client decodes from the same JSON. public converts one into the
// other through that JSON, so a test sees exactly what a client would.

// public returns v encoded as the API encodes it and decoded into T.
func public[T, G any](v G) T {
	var out T
	b, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil { // cannot happen: both sides are the contract's JSON
		panic("roomstest: converting " + err.Error())
	}
	return out
}

// publicList converts every element of vs.
func publicList[T, G any](vs []G) []T {
	out := make([]T, len(vs))
	for i := range vs {
		out[i] = public[T](vs[i])
	}
	return out
}

func publicSession(s gen.RoomSession) rooms.Session             { return public[rooms.Session](s) }
func publicParticipant(p gen.RoomParticipant) rooms.Participant { return public[rooms.Participant](p) }
