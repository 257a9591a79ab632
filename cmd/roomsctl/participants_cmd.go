package main

import (
	"context"
	"flag"
	"iter"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// participantsCommands is the participants group: read participants across sessions.
func participantsCommands() []command {
	return []command{
		{group: "participants", verb: "list", operations: []string{"listRoomParticipants"}, summary: "list room participants", setup: participantsList},
		{group: "participants", verb: "get", operations: []string{"viewRoomParticipant"}, args: "PARTICIPANT_ID", summary: "show a participant", setup: participantsGet},
	}
}

// participantFilterFlags registers the filters shared by `participants list`
// and `sessions participants`.
func participantFilterFlags(fs *flag.FlagSet, p *rooms.ListParticipantsParams) {
	dateFlags(fs, "joined", "who joined", &p.JoinedAt)
	dateFlags(fs, "updated", "updated", &p.UpdatedAt)
	dateFlags(fs, "left", "who left", &p.LeftAt)
	fs.StringVar(&p.Context, "context", "", "only participants whose context is `TEXT`")
}

func participantsList(fs *flag.FlagSet) runFunc {
	var p rooms.ListParticipantsParams
	participantFilterFlags(fs, &p)
	fs.StringVar(&p.SessionID, "session-id", "", "only the participants of session `ID`")
	all := pageFlags(fs, &p.ListOptions)
	return func(ctx context.Context, c *cli, _ []string) error {
		return runList(c, *all, participantColumns(), listVerb[rooms.Participant]{
			page: func(cl *rooms.Client) (*rooms.Page[rooms.Participant], error) {
				return cl.Participants.List(ctx, &p)
			},
			pages: func(cl *rooms.Client) iter.Seq2[rooms.Participant, error] {
				return cl.Participants.ListIter(ctx, &p)
			},
		})
	}
}

func participantsGet(*flag.FlagSet) runFunc {
	return func(ctx context.Context, c *cli, args []string) error {
		return showOne(c, participantColumns(), func(cl *rooms.Client) (*rooms.Participant, error) {
			return cl.Participants.Get(ctx, args[0])
		})
	}
}
