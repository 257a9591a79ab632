package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// usageError is a mistake in the command line itself: an unknown group, verb
// or flag, a missing argument, a malformed value. It exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseArgs parses args with fs and returns the positional arguments. Unlike
// fs.Parse it lets flags follow positional arguments, as in
// `sessions kick SESSION_ID --all`; everything after a lone "--" is positional.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for i, a := range args {
		if a == "--" {
			args, rest = args[:i], args[i+1:]
			break
		}
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return append(positional, rest...), nil
}

// stringList is a flag that may be repeated; each value may also hold a
// comma-separated list. --participant a --participant b,c gives [a b c].
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	for s := range strings.SplitSeq(v, ",") {
		if s = strings.TrimSpace(s); s == "" {
			return errors.New("empty value")
		}
		*l = append(*l, s)
	}
	return nil
}

// optBool is a boolean flag that remembers whether it was given, so that
// --active, --active=true and --active=false all differ from leaving it out.
// It stores a pointer to the value in *dst, which stays nil without the flag.
type optBool struct{ dst **bool }

func (b *optBool) String() string {
	if b == nil || b.dst == nil || *b.dst == nil {
		return ""
	}
	return strconv.FormatBool(**b.dst)
}

func (b *optBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	*b.dst = &v
	return nil
}

// IsBoolFlag lets the flag package accept a bare --active as --active=true.
func (b *optBool) IsBoolFlag() bool { return true }

// dateLayout is the format of every date filter flag: a calendar date.
const dateLayout = "2006-01-02"

// dateFlags registers the three flags of one date filter, e.g. --created-on,
// --created-from and --created-to for the API's filter[date_created_at][eq|gte|lte].
// From and to are inclusive, as the API documents.
func dateFlags(fs *flag.FlagSet, name, what string, f *rooms.DateFilter) {
	set := func(dst *time.Time) func(string) error {
		return func(s string) error {
			t, err := time.Parse(dateLayout, s)
			if err != nil {
				return errors.New("want a date as YYYY-MM-DD")
			}
			*dst = t
			return nil
		}
	}
	fs.Func(name+"-on", "only those "+what+" on `DATE` (YYYY-MM-DD, UTC)", set(&f.Eq))
	fs.Func(name+"-from", "only those "+what+" on or after `DATE`", set(&f.Gte))
	fs.Func(name+"-to", "only those "+what+" on or before `DATE`", set(&f.Lte))
}

// pageFlags registers the paging flags every list verb takes: --page-size and
// --page set o (with --all, --page says where the walk starts), and the
// returned bool is --all.
func pageFlags(fs *flag.FlagSet, o *rooms.ListOptions) *bool {
	intFlag(fs, "page-size", "`N` results per page, 1..250 (default: the API's 20)", pageSizeBounds, &o.PageSize)
	intFlag(fs, "page", "show page `N`, counted from 1 (default 1)", pageNumberBounds, &o.PageNumber)
	return fs.Bool("all", false, "walk every page (from --page on, if given) and print all results")
}

// roomFlags are the settable fields of a room, shared by rooms create and rooms update.
type roomFlags struct {
	uniqueName, webhookURL, failoverURL string
	maxParticipants, webhookTimeout     int
	recording                           bool
}

func (r *roomFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&r.uniqueName, "unique-name", "", "room `NAME`, unique within the account")
	intFlag(fs, "max-participants", "maximum participants, 2..50 (`N`)", bounds{"max_participants", 2, 50}, &r.maxParticipants)
	fs.BoolVar(&r.recording, "enable-recording", false, "record the room's sessions (--enable-recording=false to stop)")
	fs.StringVar(&r.webhookURL, "webhook-url", "", "`URL` that receives the room's webhook events")
	fs.StringVar(&r.failoverURL, "webhook-failover-url", "", "`URL` used when the webhook URL fails")
	intFlag(fs, "webhook-timeout", "seconds to wait for the webhook, 0..30 (`S`)", webhookTimeoutBounds, &r.webhookTimeout)
}

// params returns the RoomParams holding exactly the room flags given on the
// command line (found with fs.Visit), so that an update changes nothing else,
// and how many there were.
func (r *roomFlags) params(fs *flag.FlagSet) (*rooms.RoomParams, int) {
	p := &rooms.RoomParams{}
	n := 0
	fs.Visit(func(f *flag.Flag) {
		n++
		switch f.Name {
		case "unique-name":
			p.UniqueName = rooms.Ptr(r.uniqueName)
		case "max-participants":
			p.MaxParticipants = rooms.Ptr(r.maxParticipants)
		case "enable-recording":
			p.EnableRecording = rooms.Ptr(r.recording)
		case "webhook-url":
			p.WebhookEventURL = rooms.Ptr(r.webhookURL)
		case "webhook-failover-url":
			p.WebhookEventFailoverURL = rooms.Ptr(r.failoverURL)
		case "webhook-timeout":
			p.WebhookTimeoutSecs = rooms.Ptr(r.webhookTimeout)
		default:
			n-- // a global flag given after the verb
		}
	})
	return p, n
}

// bounds are the values of the API field a numeric flag sets, as the
// contract declares them (decision D63): field names it in the error.
type bounds struct {
	field    string
	min, max int
}

var (
	pageSizeBounds       = bounds{"page[size]", 1, 250}
	pageNumberBounds     = bounds{"page[number]", 1, math.MaxInt32}
	webhookTimeoutBounds = bounds{"webhook_timeout_secs", 0, 30}
)

// parse reads a whole number within b. A number out of b, or out of what
// an int64 holds, is refused with the words of the client's own
// *rooms.ValidationError, naming the field; so nothing the flag is given
// can wrap around (a TTL of 2^55 seconds is no 10-second token).
func (b bounds) parse(s string) (int, error) { return b.parseAs(s, "a whole number") }

// parseAs is parse, with what saying what a value that is no number should be.
func (b bounds) parseAs(s, what string) (int, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("want %s (%s, %d..%d)", what, b.field, b.min, b.max)
	}
	if err != nil || n < int64(b.min) || n > int64(b.max) {
		return 0, fmt.Errorf("invalid %s: must be between %d and %d", b.field, b.min, b.max)
	}
	return int(n), nil
}

// intFlag registers a whole-number flag whose value must lie within b.
func intFlag(fs *flag.FlagSet, name, usage string, b bounds, dst *int) {
	fs.Func(name, usage, func(s string) error {
		n, err := b.parse(s)
		if err == nil {
			*dst = n
		}
		return err
	})
}

// seconds registers an optional whole-seconds flag such as --ttl, whose
// value must lie within b.
func seconds(fs *flag.FlagSet, name, usage string, b bounds, d *time.Duration) {
	fs.Func(name, usage, func(s string) error {
		n, err := b.parseAs(s, "a positive whole number of seconds")
		if err == nil {
			*d = time.Duration(n) * time.Second
		}
		return err
	})
}

// plural says "1 participant" or "3 participants".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
