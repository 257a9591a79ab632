package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"iter"
	"strconv"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// compositionsCommands is the compositions group: one video composed of
// the recordings of a session.
func compositionsCommands() []command {
	return []command{
		{group: "compositions", verb: "list", operations: []string{"listRoomCompositions"}, summary: "list room compositions", setup: compositionsList},
		{group: "compositions", verb: "create", operations: []string{"createRoomComposition"}, flagsHint: "--session-id ID [--resolution WxH] [--layout JSON] ...",
			summary: "compose the recordings of an ended session into one video",
			details: "--layout is a JSON object of at most 2 regions by name, e.g. '{\"main\":{\"video_sources\":[\"*\"]}}'.",
			setup:   compositionsCreate},
		{group: "compositions", verb: "get", operations: []string{"viewRoomComposition"}, args: "COMPOSITION_ID", summary: "show a composition", setup: compositionsGet},
		{group: "compositions", verb: "delete", operations: []string{"deleteRoomComposition"}, args: "COMPOSITION_ID", summary: "delete a composition and its video", setup: compositionsDelete},
	}
}

func compositionsList(fs *flag.FlagSet) runFunc {
	var p rooms.ListCompositionsParams
	dateFlags(fs, "created", "created", &p.CreatedAt)
	fs.StringVar(&p.SessionID, "session-id", "", "only the compositions of session `ID`")
	fs.Func("status", "only the compositions with `STATUS` enqueued, processing or completed", func(s string) error {
		p.Status = rooms.CompositionStatus(s)
		return nil
	})
	all := pageFlags(fs, &p.ListOptions)
	return func(ctx context.Context, c *cli, _ []string) error {
		return runList(c, *all, compositionColumns(), listVerb[rooms.Composition]{
			page:  func(cl *rooms.Client) (*rooms.Page[rooms.Composition], error) { return cl.Compositions.List(ctx, &p) },
			pages: func(cl *rooms.Client) iter.Seq2[rooms.Composition, error] { return cl.Compositions.ListIter(ctx, &p) },
		})
	}
}

func compositionsCreate(fs *flag.FlagSet) runFunc {
	var p rooms.CompositionParams
	fs.StringVar(&p.SessionID, "session-id", "", "the ended session `ID` to compose (required)")
	fs.Func("format", "file `FORMAT`; mp4, the API's default, is the only one", func(s string) error {
		p.Format = rooms.CompositionFormat(s)
		return nil
	})
	fs.Func("resolution", "video size `WxH` in pixels, each 16..1280, at most 1280x720 in all (default: the API's 1280x720)", func(s string) error {
		r, err := rooms.ParseResolution(s)
		if err != nil {
			return errors.New("want WIDTHxHEIGHT, such as 1280x720")
		}
		p.Resolution = r
		return nil
	})
	fs.Func("layout", "video layout `JSON`: an object of at most 2 regions by name", func(s string) error {
		l, err := parseLayout(s)
		if err != nil {
			return err
		}
		p.VideoLayout = l
		return nil
	})
	fs.StringVar(&p.WebhookEventURL, "webhook-url", "", "`URL` that receives the composition's webhook events")
	fs.StringVar(&p.WebhookEventFailoverURL, "webhook-failover-url", "", "`URL` used when the webhook URL fails")
	fs.Func("webhook-timeout", "seconds to wait for the webhook, 0..30 (`S`)", intPtr(&p.WebhookTimeoutSecs))
	return func(ctx context.Context, c *cli, _ []string) error {
		if p.SessionID == "" {
			return usagef("--session-id is required")
		}
		return showOne(c, compositionColumns(), func(cl *rooms.Client) (*rooms.Composition, error) { return cl.Compositions.Create(ctx, &p) })
	}
}

// parseLayout reads a --layout value: one JSON object of regions, whose
// members are exactly those of rooms.VideoRegion.
func parseLayout(s string) (map[string]rooms.VideoRegion, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	var l map[string]rooms.VideoRegion
	if err := dec.Decode(&l); err != nil || l == nil || dec.More() {
		return nil, errors.New(`want a JSON object of regions, such as {"main":{"video_sources":["*"]}}`)
	}
	return l, nil
}

// intPtr is the setter of an optional integer flag, such as --webhook-timeout.
func intPtr(dst **int) func(string) error {
	return func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil {
			return errors.New("want a whole number")
		}
		*dst = &n
		return nil
	}
}

func compositionsGet(*flag.FlagSet) runFunc {
	return func(ctx context.Context, c *cli, args []string) error {
		return showOne(c, compositionColumns(), func(cl *rooms.Client) (*rooms.Composition, error) { return cl.Compositions.Get(ctx, args[0]) })
	}
}

func compositionsDelete(*flag.FlagSet) runFunc {
	return func(ctx context.Context, c *cli, args []string) error {
		return doAction(c, "deleted composition "+args[0], func(cl *rooms.Client) error { return cl.Compositions.Delete(ctx, args[0]) })
	}
}
