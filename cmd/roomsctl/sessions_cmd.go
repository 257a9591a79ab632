package main

import (
	"context"
	"flag"
	"iter"
	"strings"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// sessionsCommands is the sessions group: read sessions, end them, and act
// on their participants.
func sessionsCommands() []command {
	const who = "(--all | --participant ID...) [--exclude ID...]"
	return []command{
		{group: "sessions", verb: "list", operations: []string{"listRoomSessions"}, summary: "list room sessions", setup: sessionsList},
		{group: "sessions", verb: "get", operations: []string{"viewRoomSession"}, args: "SESSION_ID", flagsHint: "[--include-participants]", summary: "show a session", setup: sessionsGet},
		{group: "sessions", verb: "end", operations: []string{"endSession"}, args: "SESSION_ID", summary: "end a session: every participant leaves", setup: sessionsEnd},
		{group: "sessions", verb: "participants", operations: []string{"nestedListRoomParticipants"}, args: "SESSION_ID", summary: "list the participants of a session", setup: sessionsParticipants},
		{group: "sessions", verb: "kick", operations: []string{"kickParticipantInSession"}, args: "SESSION_ID", flagsHint: who, summary: "kick participants out of a session", setup: sessionsAction("kick", (*rooms.SessionsService).Kick)},
		{group: "sessions", verb: "mute", operations: []string{"muteParticipantInSession"}, args: "SESSION_ID", flagsHint: who, summary: "mute participants of a session", setup: sessionsAction("mute", (*rooms.SessionsService).Mute)},
		{group: "sessions", verb: "unmute", operations: []string{"unmuteParticipantInSession"}, args: "SESSION_ID", flagsHint: who, summary: "unmute participants of a session", setup: sessionsAction("unmute", (*rooms.SessionsService).Unmute)},
	}
}

// sessionFilterFlags registers the filters shared by `sessions list` and `rooms sessions`.
func sessionFilterFlags(fs *flag.FlagSet, p *rooms.ListSessionsParams) {
	dateFlags(fs, "created", "created", &p.CreatedAt)
	dateFlags(fs, "updated", "updated", &p.UpdatedAt)
	dateFlags(fs, "ended", "ended", &p.EndedAt)
	fs.Var(&optBool{dst: &p.Active}, "active", "only active sessions (--active) or ended ones (--active=false)")
	fs.BoolVar(&p.IncludeParticipants, "include-participants", false, "include each session's participants")
}

func sessionsList(fs *flag.FlagSet) runFunc {
	var p rooms.ListSessionsParams
	sessionFilterFlags(fs, &p)
	fs.StringVar(&p.RoomID, "room-id", "", "only the sessions of room `ID`")
	all := pageFlags(fs, &p.ListOptions)
	return func(ctx context.Context, c *cli, _ []string) error {
		return runList(c, *all, sessionColumns(p.IncludeParticipants), listVerb[rooms.Session]{
			page:  func(cl *rooms.Client) (*rooms.Page[rooms.Session], error) { return cl.Sessions.List(ctx, &p) },
			pages: func(cl *rooms.Client) iter.Seq2[rooms.Session, error] { return cl.Sessions.ListIter(ctx, &p) },
		})
	}
}

func sessionsGet(fs *flag.FlagSet) runFunc {
	var p rooms.GetSessionParams
	fs.BoolVar(&p.IncludeParticipants, "include-participants", false, "include the session's participants")
	return func(ctx context.Context, c *cli, args []string) error {
		return showOne(c, sessionColumns(p.IncludeParticipants), func(cl *rooms.Client) (*rooms.Session, error) {
			return cl.Sessions.Get(ctx, args[0], &p)
		})
	}
}

func sessionsEnd(*flag.FlagSet) runFunc {
	return func(ctx context.Context, c *cli, args []string) error {
		return doAction(c, "ended session "+args[0], func(cl *rooms.Client) error { return cl.Sessions.End(ctx, args[0]) })
	}
}

func sessionsParticipants(fs *flag.FlagSet) runFunc {
	var p rooms.ListParticipantsParams
	participantFilterFlags(fs, &p)
	all := pageFlags(fs, &p.ListOptions)
	return func(ctx context.Context, c *cli, args []string) error {
		return runList(c, *all, participantColumns(), listVerb[rooms.Participant]{
			page: func(cl *rooms.Client) (*rooms.Page[rooms.Participant], error) {
				return cl.Sessions.ListParticipants(ctx, args[0], &p)
			},
			pages: func(cl *rooms.Client) iter.Seq2[rooms.Participant, error] {
				return cl.Sessions.ListParticipantsIter(ctx, args[0], &p)
			},
		})
	}
}

// actionMethod is a method expression of SessionsService.Kick, Mute or Unmute.
type actionMethod func(*rooms.SessionsService, context.Context, string, rooms.ParticipantsAction) error

// pastTense turns kick, mute and unmute into kicked, muted and unmuted.
func pastTense(verb string) string {
	if strings.HasSuffix(verb, "e") {
		return verb + "d"
	}
	return verb + "ed"
}

// sessionsAction builds kick, mute or unmute, which act calls: exactly one
// of --all and --participant chooses who, --exclude leaves some out.
func sessionsAction(verb string, act actionMethod) func(fs *flag.FlagSet) runFunc {
	return func(fs *flag.FlagSet) runFunc {
		var all bool
		var ids, exclude stringList
		fs.BoolVar(&all, "all", false, "every participant of the session")
		fs.Var(&ids, "participant", "participant `ID` (repeat the flag or separate IDs with commas)")
		fs.Var(&exclude, "exclude", "participant `ID` to leave out (repeatable, comma-separated)")
		return func(ctx context.Context, c *cli, args []string) error {
			var who rooms.Participants
			var whom string
			switch {
			case all && len(ids) > 0:
				return usagef("--all and --participant exclude each other")
			case all:
				who, whom = rooms.AllParticipants, "all participants"
			case len(ids) > 0:
				who, whom = rooms.ParticipantIDs(ids...), plural(len(ids), "participant")
			default:
				return usagef("say who: --all or --participant ID")
			}
			if len(exclude) > 0 {
				whom += " except " + plural(len(exclude), "participant")
			}
			action := rooms.ParticipantsAction{Participants: who, Exclude: exclude}
			return doAction(c, pastTense(verb)+" "+whom+" of session "+args[0], func(cl *rooms.Client) error {
				return act(cl.Sessions, ctx, args[0], action)
			})
		}
	}
}
