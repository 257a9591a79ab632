package main

import (
	"context"
	"flag"
	"iter"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// roomsCommands is the rooms group: CRUD and the sessions of one room.
func roomsCommands() []command {
	const fields = "[--unique-name NAME] [--max-participants N] ..."
	return []command{
		{group: "rooms", verb: "list", operations: []string{"listRooms"}, summary: "list rooms", setup: roomsList},
		{group: "rooms", verb: "create", operations: []string{"createRoom"}, flagsHint: fields, summary: "create a room", setup: roomsCreate},
		{group: "rooms", verb: "get", operations: []string{"viewRoom"}, args: "ROOM_ID", flagsHint: "[--include-sessions]", summary: "show a room", setup: roomsGet},
		{group: "rooms", verb: "update", operations: []string{"updateRoom"}, args: "ROOM_ID", flagsHint: fields, summary: "change the given fields of a room, and only those", setup: roomsUpdate},
		{group: "rooms", verb: "delete", operations: []string{"deleteRoom"}, args: "ROOM_ID", summary: "delete a room, ending its active session", setup: roomsDelete},
		{group: "rooms", verb: "sessions", operations: []string{"nestedListRoomSessions"}, args: "ROOM_ID", summary: "list the sessions of a room", setup: roomsSessions},
	}
}

func roomsList(fs *flag.FlagSet) runFunc {
	var p rooms.ListRoomsParams
	dateFlags(fs, "created", "created", &p.CreatedAt)
	dateFlags(fs, "updated", "updated", &p.UpdatedAt)
	fs.StringVar(&p.UniqueName, "unique-name", "", "only the room named `NAME`")
	fs.BoolVar(&p.IncludeSessions, "include-sessions", false, "include each room's sessions")
	all := pageFlags(fs, &p.ListOptions)
	return func(ctx context.Context, c *cli, _ []string) error {
		return runList(c, *all, roomColumns(p.IncludeSessions), listVerb[rooms.Room]{
			page:  func(cl *rooms.Client) (*rooms.Page[rooms.Room], error) { return cl.Rooms.List(ctx, &p) },
			pages: func(cl *rooms.Client) iter.Seq2[rooms.Room, error] { return cl.Rooms.ListIter(ctx, &p) },
		})
	}
}

func roomsCreate(fs *flag.FlagSet) runFunc {
	var rf roomFlags
	rf.register(fs)
	return func(ctx context.Context, c *cli, _ []string) error {
		p, _ := rf.params(fs)
		return showOne(c, roomColumns(false), func(cl *rooms.Client) (*rooms.Room, error) { return cl.Rooms.Create(ctx, p) })
	}
}

func roomsGet(fs *flag.FlagSet) runFunc {
	var p rooms.GetRoomParams
	fs.BoolVar(&p.IncludeSessions, "include-sessions", false, "include the room's sessions")
	return func(ctx context.Context, c *cli, args []string) error {
		return showOne(c, roomColumns(p.IncludeSessions), func(cl *rooms.Client) (*rooms.Room, error) { return cl.Rooms.Get(ctx, args[0], &p) })
	}
}

func roomsUpdate(fs *flag.FlagSet) runFunc {
	var rf roomFlags
	rf.register(fs)
	return func(ctx context.Context, c *cli, args []string) error {
		p, n := rf.params(fs)
		if n == 0 {
			return usagef("nothing to change: give at least one of --unique-name, --max-participants, --enable-recording, --webhook-url, --webhook-failover-url, --webhook-timeout")
		}
		return showOne(c, roomColumns(false), func(cl *rooms.Client) (*rooms.Room, error) { return cl.Rooms.Update(ctx, args[0], p) })
	}
}

func roomsDelete(*flag.FlagSet) runFunc {
	return func(ctx context.Context, c *cli, args []string) error {
		return doAction(c, "deleted room "+args[0], func(cl *rooms.Client) error { return cl.Rooms.Delete(ctx, args[0]) })
	}
}

func roomsSessions(fs *flag.FlagSet) runFunc {
	var p rooms.ListSessionsParams
	sessionFilterFlags(fs, &p)
	all := pageFlags(fs, &p.ListOptions)
	return func(ctx context.Context, c *cli, args []string) error {
		return runList(c, *all, sessionColumns(p.IncludeParticipants), listVerb[rooms.Session]{
			page: func(cl *rooms.Client) (*rooms.Page[rooms.Session], error) {
				return cl.Rooms.ListSessions(ctx, args[0], &p)
			},
			pages: func(cl *rooms.Client) iter.Seq2[rooms.Session, error] {
				return cl.Rooms.ListSessionsIter(ctx, args[0], &p)
			},
		})
	}
}
