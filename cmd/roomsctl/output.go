package main

import (
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/internal/termtext"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// Terminal safety. What roomsctl prints comes from the server (names,
// contexts, URLs, error details), the environment or the command line, and
// is data, never terminal control: in every output but -o json (whose JSON
// escaping keeps the exact text) control and format characters are escaped
// by internal/termtext (\x1b, \n, \u202e...), so that one line stays one
// line and one cell one cell. Two functions do it, and every text output of
// roomsctl goes through one of them: cell for a table cell (printList and
// printOne call it for every value), say for any other line (notes, action
// results, errors, serve and demo). A new command group gets the escaping by
// printing with printList, printOne, printDone, runList, showOne or say.

// say writes one line to w: format applied to args, escaped, then "\n".
func say(w io.Writer, format string, args ...any) error {
	_, err := io.WriteString(w, termtext.Escape(fmt.Sprintf(format, args...))+"\n")
	return err
}

// cell is the table text of one value: escaped, "-" when empty.
func cell(s string) string { return orDash(termtext.Escape(s)) }

// column is one field of a resource in table output.
type column[T any] struct {
	name  string
	value func(T) string
	// detail columns appear only when one resource is shown (get, create, update).
	detail bool
}

// listColumns drops the detail columns.
func listColumns[T any](cols []column[T]) []column[T] {
	var out []column[T]
	for _, col := range cols {
		if !col.detail {
			out = append(out, col)
		}
	}
	return out
}

// printList prints items as an aligned table with a header row, or as a JSON
// array (never null) with -o json.
func printList[T any](c *cli, cols []column[T], items []T) error {
	if c.json() {
		if items == nil {
			items = []T{}
		}
		return writeJSON(c.stdout, items)
	}
	cols = listColumns(cols)
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = col.name
	}
	fmt.Fprintln(tw, strings.Join(names, "\t"))
	for _, it := range items {
		vals := make([]string, len(cols))
		for i, col := range cols {
			vals[i] = cell(col.value(it))
		}
		fmt.Fprintln(tw, strings.Join(vals, "\t"))
	}
	return tw.Flush()
}

// printOne prints one resource as aligned FIELD VALUE lines, or as a JSON object.
func printOne[T any](c *cli, cols []column[T], item T) error {
	if c.json() {
		return writeJSON(c.stdout, item)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	for _, col := range cols {
		fmt.Fprintf(tw, "%s\t%s\n", col.name, cell(col.value(item)))
	}
	return tw.Flush()
}

// showOne gets one resource through the API client and prints it.
func showOne[T any](c *cli, cols []column[T], get func(*rooms.Client) (*T, error)) error {
	cl, err := c.api()
	if err != nil {
		return err
	}
	v, err := get(cl)
	if err != nil {
		return err
	}
	return printOne(c, cols, *v)
}

// doAction runs an action without a resource in its answer (delete, end,
// kick, mute, unmute) and reports it with printDone.
func doAction(c *cli, msg string, act func(*rooms.Client) error) error {
	cl, err := c.api()
	if err != nil {
		return err
	}
	if err := act(cl); err != nil {
		return err
	}
	return printDone(c, msg)
}

// printDone reports a successful action: msg in table output, the API's own
// action result {"result":"ok"} with -o json.
func printDone(c *cli, msg string) error {
	if c.json() {
		return writeJSON(c.stdout, map[string]string{"result": "ok"})
	}
	return say(c.stdout, "%s", msg)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// listVerb is what the generic list runner needs from one list verb: a
// single page, and the iterator that walks every page.
type listVerb[T any] struct {
	page  func(*rooms.Client) (*rooms.Page[T], error)
	pages func(*rooms.Client) iter.Seq2[T, error]
}

// runList is the one implementation behind the five list verbs: it prints the
// requested page, or with --all every item the client's iterator yields. In
// table output a note on stderr says when more pages exist.
func runList[T any](c *cli, all bool, cols []column[T], lv listVerb[T]) error {
	cl, err := c.api()
	if err != nil {
		return err
	}
	if all {
		items := []T{}
		for it, err := range lv.pages(cl) {
			if err != nil {
				return err
			}
			items = append(items, it)
		}
		return printList(c, cols, items)
	}
	p, err := lv.page(cl)
	if err != nil {
		return err
	}
	if err := printList(c, cols, p.Items); err != nil {
		return err
	}
	if !c.json() && p.HasNext() {
		_ = say(c.stderr, "page %d of %d (%d results): --page %d for the next, --all for every page",
			p.PageNumber, p.TotalPages, p.TotalResults, p.PageNumber+1)
	}
	return nil
}

// Cell formatting.

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func fmtBool(b bool) string { return strconv.FormatBool(b) }

func fmtIntPtr[I ~int32 | ~int](p *I) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(int(*p))
}

// fmtCount shows how many nested resources were included.
func fmtCount[T any](s []T) string { return strconv.Itoa(len(s)) }

// The columns of each resource.

// roomColumns are the columns of a room; SESSIONS counts the included
// sessions and is shown only when they were asked for.
func roomColumns(withSessions bool) []column[rooms.Room] {
	cols := []column[rooms.Room]{
		{name: "ID", value: func(r rooms.Room) string { return r.ID }},
		{name: "UNIQUE NAME", value: func(r rooms.Room) string { return r.UniqueName }},
		{name: "MAX", value: func(r rooms.Room) string { return strconv.Itoa(int(r.MaxParticipants)) }},
		{name: "RECORDING", value: func(r rooms.Room) string { return fmtBool(r.EnableRecording) }},
		{name: "ACTIVE SESSION", value: func(r rooms.Room) string { return r.ActiveSessionID }},
		{name: "CREATED", value: func(r rooms.Room) string { return fmtTime(r.CreatedAt) }},
		{name: "UPDATED", value: func(r rooms.Room) string { return fmtTime(r.UpdatedAt) }, detail: true},
		{name: "WEBHOOK URL", value: func(r rooms.Room) string { return r.WebhookEventURL }, detail: true},
		{name: "WEBHOOK FAILOVER URL", value: func(r rooms.Room) string { return r.WebhookEventFailoverURL }, detail: true},
		{name: "WEBHOOK TIMEOUT", value: func(r rooms.Room) string { return fmtIntPtr(r.WebhookTimeoutSecs) }, detail: true},
	}
	if withSessions {
		cols = append(cols, column[rooms.Room]{name: "SESSIONS", value: func(r rooms.Room) string { return fmtCount(r.Sessions) }})
	}
	return cols
}

// sessionColumns are the columns of a session; PARTICIPANTS counts the
// included participants and is shown only when they were asked for.
func sessionColumns(withParticipants bool) []column[rooms.Session] {
	cols := []column[rooms.Session]{
		{name: "ID", value: func(s rooms.Session) string { return s.ID }},
		{name: "ROOM", value: func(s rooms.Session) string { return s.RoomID }},
		{name: "ACTIVE", value: func(s rooms.Session) string { return fmtBool(s.Active) }},
		{name: "CREATED", value: func(s rooms.Session) string { return fmtTime(s.CreatedAt) }},
		{name: "ENDED", value: func(s rooms.Session) string { return fmtTime(s.EndedAt) }},
		{name: "UPDATED", value: func(s rooms.Session) string { return fmtTime(s.UpdatedAt) }, detail: true},
	}
	if withParticipants {
		cols = append(cols, column[rooms.Session]{name: "PARTICIPANTS", value: func(s rooms.Session) string { return fmtCount(s.Participants) }})
	}
	return cols
}

func participantColumns() []column[rooms.Participant] {
	return []column[rooms.Participant]{
		{name: "ID", value: func(p rooms.Participant) string { return p.ID }},
		{name: "SESSION", value: func(p rooms.Participant) string { return p.SessionID }},
		{name: "CONTEXT", value: func(p rooms.Participant) string { return p.Context }},
		{name: "JOINED", value: func(p rooms.Participant) string { return fmtTime(p.JoinedAt) }},
		{name: "LEFT", value: func(p rooms.Participant) string { return fmtTime(p.LeftAt) }},
		{name: "UPDATED", value: func(p rooms.Participant) string { return fmtTime(p.UpdatedAt) }, detail: true},
	}
}

func joinTokenColumns() []column[rooms.JoinClientToken] {
	return []column[rooms.JoinClientToken]{
		{name: "TOKEN", value: func(t rooms.JoinClientToken) string { return t.Token }},
		{name: "TOKEN EXPIRES", value: func(t rooms.JoinClientToken) string { return fmtTime(t.TokenExpiresAt) }},
		{name: "REFRESH TOKEN", value: func(t rooms.JoinClientToken) string { return t.RefreshToken }},
		{name: "REFRESH EXPIRES", value: func(t rooms.JoinClientToken) string { return fmtTime(t.RefreshTokenExpiresAt) }},
	}
}

func refreshedTokenColumns() []column[rooms.RefreshedClientToken] {
	return []column[rooms.RefreshedClientToken]{
		{name: "TOKEN", value: func(t rooms.RefreshedClientToken) string { return t.Token }},
		{name: "TOKEN EXPIRES", value: func(t rooms.RefreshedClientToken) string { return fmtTime(t.TokenExpiresAt) }},
	}
}
