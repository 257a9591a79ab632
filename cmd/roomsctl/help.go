package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

const helpFooter = `Environment:
  TELNYX_API_KEY          API key for every command but serve and demo (never printed; never a flag)
  ROOMSCTL_BASE_URL       default for --base-url, e.g. the URL 'roomsctl serve' prints
  ROOMSCTL_RETRIES        retries after a failed attempt (default 2)
  ROOMSCTL_SERVE_API_KEY  the only key 'roomsctl serve' accepts (default: any non-empty key)
  TELNYX_PUBLIC_KEY       the account's Ed25519 public key (base64) 'roomsctl webhooks listen' verifies with

Exit status: 0 ok, 1 API or network error, 2 usage or validation error.
Flags take one or two dashes. Run 'roomsctl GROUP --help' or 'roomsctl GROUP VERB --help' for details.
`

// synopsis is a command's usage line without the program name.
func (cmd command) synopsis() string {
	parts := []string{cmd.name()}
	if cmd.args != "" {
		parts = append(parts, cmd.args)
	}
	if cmd.flagsHint != "" {
		parts = append(parts, cmd.flagsHint)
	}
	return strings.Join(parts, " ")
}

// printHelp writes the top-level help: grammar, every command, environment, exit statuses.
func printHelp(w io.Writer, cmds []command) {
	fmt.Fprint(w, `roomsctl: the Telnyx Video Rooms API from the command line.

Usage:
  roomsctl [--base-url URL] [-o table|json] GROUP VERB [flags] [ARGS]

Commands:
`)
	names, byGroup := groups(cmds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, name := range names {
		group := byGroup[name]
		if group[0].verb == "" {
			fmt.Fprintf(tw, "  %s\t%s\n", group[0].synopsis(), group[0].summary)
			continue
		}
		fmt.Fprintf(tw, "  %s %s\t%s\n", name, verbList(group, "|"), groupSummary(name))
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprint(w, helpFooter)
}

// groupSummary says what a group of verbs is about.
func groupSummary(group string) string {
	switch group {
	case "rooms":
		return "rooms, and the sessions of a room"
	case "tokens":
		return "the client tokens participants join a room with"
	case "sessions":
		return "room sessions, and the participants in them"
	case "participants":
		return "room participants across sessions"
	case "recordings":
		return "the recordings of room sessions, and their media files"
	case "compositions":
		return "videos composed of the recordings of a session"
	case "webhooks":
		return "the webhooks Telnyx sends about rooms"
	}
	return ""
}

// printGroupHelp writes the help of one group: its verbs.
func printGroupHelp(w io.Writer, group []command) {
	fmt.Fprintf(w, "Usage:\n  roomsctl [global flags] %s VERB [flags] [ARGS]\n\n%s.\n\nVerbs:\n",
		group[0].group, upperFirst(groupSummary(group[0].group)))
	for _, cmd := range group {
		fmt.Fprintf(w, "  %s\n      %s\n", cmd.synopsis(), cmd.summary)
	}
	fmt.Fprintf(w, "\nRun 'roomsctl %s VERB --help' for the flags of a verb.\n", group[0].group)
}

// printCommandHelp writes the help of one command: synopsis, summary and flags.
// The global flags are left out of the list: a line after it names them.
func printCommandHelp(w io.Writer, cmd command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage:\n  roomsctl [global flags] %s [flags]\n\n%s.\n", cmd.synopsis(), upperFirst(cmd.summary))
	if cmd.details != "" {
		fmt.Fprintf(w, "%s\n", cmd.details)
	}
	if len(cmd.operations) > 0 {
		fmt.Fprintf(w, "API operation: %s.\n", strings.Join(cmd.operations, ", "))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "base-url" || f.Name == "o" {
			return
		}
		if n++; n == 1 {
			fmt.Fprint(tw, "\nFlags:\n")
		}
		arg, usage := flag.UnquoteUsage(f)
		switch f.DefValue {
		case "", "0", "false":
		default:
			usage += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(tw, "  --%s\t%s\n", strings.TrimSpace(f.Name+" "+arg), usage)
	})
	tw.Flush()
	fmt.Fprint(w, "\nGlobal flags --base-url URL and -o table|json may come before the group or after the verb.\n")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// help implements `roomsctl help [GROUP [VERB]]`.
func (c *cli) help(cmds []command, args []string) error {
	if len(args) == 0 {
		printHelp(c.stdout, cmds)
		return flag.ErrHelp
	}
	_, byGroup := groups(cmds)
	group, ok := byGroup[args[0]]
	if !ok {
		return usagef("help: unknown command %q (see 'roomsctl help')", args[0])
	}
	if len(args) == 1 && group[0].verb != "" {
		printGroupHelp(c.stdout, group)
		return flag.ErrHelp
	}
	cmd := group[0]
	if cmd.verb != "" {
		if cmd, ok = findVerb(group, args[1]); !ok {
			return usagef("help: %s: unknown verb %q; want one of %s", args[0], args[1], verbList(group, ", "))
		}
	}
	fs, _ := c.flagSet(cmd)
	printCommandHelp(c.stdout, cmd, fs)
	return flag.ErrHelp
}
