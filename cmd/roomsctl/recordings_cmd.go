package main

import (
	"context"
	"flag"
	"iter"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// recordingsCommands is the recordings group: the recordings of room
// sessions, and their media files.
func recordingsCommands() []command {
	return []command{
		{group: "recordings", verb: "list", operations: []string{"listRoomRecordings"}, summary: "list room recordings", setup: recordingsList},
		{group: "recordings", verb: "get", operations: []string{"viewRoomRecording"}, args: "RECORDING_ID", summary: "show a recording", setup: recordingsGet},
		{group: "recordings", verb: "delete", operations: []string{"deleteRoomRecording"}, args: "RECORDING_ID", summary: "delete a recording and its media", setup: recordingsDelete},
		{group: "recordings", verb: "delete-bulk", operations: []string{"deleteRoomRecordings"}, flagsHint: "(filters | --all-recordings)",
			summary: "delete every recording the filters match",
			details: "Without a filter nothing is deleted: --all-recordings says to delete every recording of the account.",
			setup:   recordingsDeleteBulk},
		{group: "recordings", verb: "download", operations: []string{"viewRoomRecording"}, args: "RECORDING_ID", flagsHint: "[--out FILE] [--force]",
			summary: "download the media file of a completed recording",
			details: "The file is RECORDING_ID plus the download URL's extension unless --out names it (--out - writes to stdout).\n" +
				"An existing file is never replaced without --force. A progress bar is drawn when stdout is a terminal.\n" +
				"The API key is never sent with the download: download URLs are links that need none (D23).",
			setup: recordingsDownload},
	}
}

// recordingFilterFlags registers the filters shared by `recordings list`
// and `recordings delete-bulk`.
func recordingFilterFlags(fs *flag.FlagSet, f *rooms.RecordingFilter) {
	dateFlags(fs, "started", "started", &f.StartedAt)
	dateFlags(fs, "ended", "ended", &f.EndedAt)
	fs.StringVar(&f.RoomID, "room-id", "", "only the recordings of room `ID`")
	fs.StringVar(&f.SessionID, "session-id", "", "only the recordings of session `ID`")
	fs.StringVar(&f.ParticipantID, "participant-id", "", "only the recordings of participant `ID`")
	fs.Func("status", "only the recordings with `STATUS` processing or completed", func(s string) error {
		f.Status = rooms.RecordingStatus(s)
		return nil
	})
	fs.Func("type", "only the `TYPE` audio or video", func(s string) error {
		f.Type = rooms.RecordingType(s)
		return nil
	})
	fs.IntVar(&f.MinDurationSecs, "min-duration", 0, "only the recordings at least `S` seconds long")
}

func recordingsList(fs *flag.FlagSet) runFunc {
	var p rooms.ListRecordingsParams
	recordingFilterFlags(fs, &p.RecordingFilter)
	all := pageFlags(fs, &p.ListOptions)
	return func(ctx context.Context, c *cli, _ []string) error {
		return runList(c, *all, recordingColumns(), listVerb[rooms.Recording]{
			page:  func(cl *rooms.Client) (*rooms.Page[rooms.Recording], error) { return cl.Recordings.List(ctx, &p) },
			pages: func(cl *rooms.Client) iter.Seq2[rooms.Recording, error] { return cl.Recordings.ListIter(ctx, &p) },
		})
	}
}

func recordingsGet(*flag.FlagSet) runFunc {
	return func(ctx context.Context, c *cli, args []string) error {
		return showOne(c, recordingColumns(), func(cl *rooms.Client) (*rooms.Recording, error) { return cl.Recordings.Get(ctx, args[0]) })
	}
}

func recordingsDelete(*flag.FlagSet) runFunc {
	return func(ctx context.Context, c *cli, args []string) error {
		return doAction(c, "deleted recording "+args[0], func(cl *rooms.Client) error { return cl.Recordings.Delete(ctx, args[0]) })
	}
}

func recordingsDeleteBulk(fs *flag.FlagSet) runFunc {
	var p rooms.DeleteRecordingsParams
	recordingFilterFlags(fs, &p.RecordingFilter)
	fs.BoolVar(&p.AllRecordings, "all-recordings", false, "delete every recording of the account (no filter may be given)")
	fs.IntVar(&p.PageSize, "page-size", 0, "delete only one page of `N` matches, 1..250")
	fs.IntVar(&p.PageNumber, "page", 0, "with --page-size, which page of the matches `N` to delete")
	return func(ctx context.Context, c *cli, _ []string) error {
		// The client refuses both too; said here in the flags' words.
		switch filtered := p.RecordingFilter != (rooms.RecordingFilter{}); {
		case !filtered && !p.AllRecordings:
			return usagef("no filter: that would delete every recording of the account; give a filter, or --all-recordings to mean it")
		case filtered && p.AllRecordings:
			return usagef("--all-recordings deletes every recording of the account: it takes no filter")
		}
		cl, err := c.api()
		if err != nil {
			return err
		}
		n, err := cl.Recordings.DeleteBulk(ctx, &p)
		if err != nil {
			return err
		}
		if c.json() {
			return writeJSON(c.stdout, map[string]int{"room_recordings": n})
		}
		return say(c.stdout, "deleted %s", plural(n, "recording"))
	}
}
