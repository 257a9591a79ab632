package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"strconv"
	"strings"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// Environment variables roomsctl reads. The API key is only ever read from
// the environment: a flag would leave it in the shell history.
const (
	envAPIKey  = rooms.APIKeyEnv // TELNYX_API_KEY
	envBaseURL = "ROOMSCTL_BASE_URL"
	envRetries = "ROOMSCTL_RETRIES"
)

// Exit statuses.
const (
	exitOK    = 0
	exitAPI   = 1 // the API answered with an error, or the network failed
	exitUsage = 2 // the command line is wrong, or a value failed validation before any request
)

// runFunc runs one verb once its flags and arguments are parsed. Verbs that
// talk to the API get their client from c.api once their own checks passed.
type runFunc func(ctx context.Context, c *cli, args []string) error

// command is one `GROUP VERB` of roomsctl (serve and demo have no verb).
type command struct {
	group, verb string
	args        string // positional arguments, e.g. "SESSION_ID"; their count is enforced
	flagsHint   string // the verb's notable flags for the synopsis, e.g. "--refresh-token T [--ttl S]"
	summary     string
	details     string // more for 'roomsctl GROUP VERB --help', after the summary; may be empty
	// operations are the operationIds of openapi.yaml the verb calls; empty
	// for the verbs that talk to no API (webhooks listen, serve, demo). internal/coverage reads
	// them (they must be string literals) to check that every operation has a
	// command, and the tests check that they are exactly what the verb sends.
	operations []string
	// setup registers the verb's flags on fs and returns the function that runs it.
	setup func(fs *flag.FlagSet) runFunc
}

func (cmd command) name() string { return strings.TrimSpace(cmd.group + " " + cmd.verb) }

// commands is the command table, in the order help lists it.
func commands() []command {
	var all []command
	all = append(all, roomsCommands()...)
	all = append(all, tokensCommands()...)
	all = append(all, sessionsCommands()...)
	all = append(all, participantsCommands()...)
	all = append(all, recordingsCommands()...)
	all = append(all, compositionsCommands()...)
	all = append(all, webhooksCommands()...)
	all = append(all, serveCommand(), demoCommand())
	return all
}

// groups lists the groups in help order with the commands of each.
func groups(cmds []command) (names []string, byGroup map[string][]command) {
	byGroup = map[string][]command{}
	for _, cmd := range cmds {
		if _, ok := byGroup[cmd.group]; !ok {
			names = append(names, cmd.group)
		}
		byGroup[cmd.group] = append(byGroup[cmd.group], cmd)
	}
	return names, byGroup
}

// cli is what every verb shares: the streams, the environment and the global flags.
type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	baseURL        string
	output         string
}

func (c *cli) json() bool { return c.output == "json" }

// globalFlags registers --base-url and -o on fs. They are registered on the
// top-level flag set and again on every verb's, so they may also follow the verb.
func (c *cli) globalFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.baseURL, "base-url", c.baseURL, "API root `URL` (env "+envBaseURL+"; default "+rooms.DefaultBaseURL+")")
	fs.StringVar(&c.output, "o", c.output, "output `format`: table or json")
}

// api builds the API client from the environment and the global flags.
func (c *cli) api() (*rooms.Client, error) {
	key := strings.TrimSpace(c.getenv(envAPIKey))
	if key == "" {
		return nil, usagef("no API key: set the %s environment variable (roomsctl never takes the key as a flag)", envAPIKey)
	}
	opts := []rooms.Option{rooms.WithAPIKey(key), rooms.WithBaseURL(c.baseURL), rooms.WithUserAgent("roomsctl")}
	if s := c.getenv(envRetries); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return nil, usagef("%s=%q: want a whole number of retries, 0 or more", envRetries, s)
		}
		p := rooms.DefaultRetryPolicy()
		p.MaxRetries = n
		opts = append(opts, rooms.WithRetryPolicy(p))
	}
	cl, err := rooms.NewClient(opts...)
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	return cl, nil
}

// run is roomsctl: it parses args (without the program name), runs the
// command, reports errors on stderr as one line and returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	c := &cli{stdout: stdout, stderr: stderr, getenv: getenv, output: "table", baseURL: rooms.DefaultBaseURL}
	if u := getenv(envBaseURL); u != "" {
		c.baseURL = u
	}
	err := c.dispatch(ctx, args)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	}
	_ = say(stderr, "roomsctl: %s", err)
	if isUsage(err) {
		return exitUsage
	}
	return exitAPI
}

// isUsage reports whether err is the caller's mistake rather than the API's
// or the network's: a usage error or a rooms.ValidationError.
func isUsage(err error) bool {
	var ue *usageError
	var ve *rooms.ValidationError
	return errors.As(err, &ue) || errors.As(err, &ve)
}

// dispatch parses the global flags, finds the command and runs it. It returns
// flag.ErrHelp once help has been printed.
func (c *cli) dispatch(ctx context.Context, args []string) error {
	cmds := commands()
	top := flag.NewFlagSet("roomsctl", flag.ContinueOnError)
	top.SetOutput(io.Discard)
	c.globalFlags(top)
	if err := top.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printHelp(c.stdout, cmds)
			return err
		}
		return usagef("%v (see 'roomsctl help')", err)
	}
	args = top.Args()
	if len(args) == 0 {
		printHelp(c.stderr, cmds)
		return usagef("missing command (see 'roomsctl help')")
	}
	if args[0] == "help" {
		return c.help(cmds, args[1:])
	}
	names, byGroup := groups(cmds)
	group, ok := byGroup[args[0]]
	if !ok {
		return usagef("unknown command %q; want one of %s", args[0], strings.Join(names, ", "))
	}
	args = args[1:]
	cmd := group[0]
	if cmd.verb != "" {
		if len(args) == 0 {
			return usagef("%s: missing verb (see 'roomsctl %s --help')", cmd.group, cmd.group)
		}
		if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
			printGroupHelp(c.stdout, group)
			return flag.ErrHelp
		}
		if cmd, ok = findVerb(group, args[0]); !ok {
			return usagef("%s: unknown verb %q; want one of %s", group[0].group, args[0], verbList(group, ", "))
		}
		args = args[1:]
	}
	return c.runCommand(ctx, cmd, args)
}

func findVerb(group []command, verb string) (command, bool) {
	for _, cmd := range group {
		if cmd.verb == verb {
			return cmd, true
		}
	}
	return command{}, false
}

func verbList(group []command, sep string) string {
	verbs := make([]string, len(group))
	for i, cmd := range group {
		verbs[i] = cmd.verb
	}
	return strings.Join(verbs, sep)
}

// flagSet returns the flag set of cmd, its own flags and the global ones,
// and the function that runs cmd.
func (c *cli) flagSet(cmd command) (*flag.FlagSet, runFunc) {
	fs := flag.NewFlagSet("roomsctl "+cmd.name(), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runner := cmd.setup(fs)
	c.globalFlags(fs)
	return fs, runner
}

// runCommand parses the verb's flags and arguments and runs it.
func (c *cli) runCommand(ctx context.Context, cmd command, args []string) error {
	fs, runner := c.flagSet(cmd)
	positional, err := parseArgs(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommandHelp(c.stdout, cmd, fs)
			return err
		}
		return usagef("%s: %v (see 'roomsctl %s --help')", cmd.name(), err, cmd.name())
	}
	if want := strings.Fields(cmd.args); len(positional) != len(want) {
		return usagef("%s: want %s, got %d argument(s) (see 'roomsctl %s --help')",
			cmd.name(), argsPhrase(want), len(positional), cmd.name())
	}
	if c.output != "table" && c.output != "json" {
		return usagef("-o %q: want table or json", c.output)
	}
	err = runner(ctx, c, positional)
	var ue *usageError
	if errors.As(err, &ue) {
		return usagef("%s: %s", cmd.name(), ue.msg)
	}
	return err
}

func argsPhrase(names []string) string {
	if len(names) == 0 {
		return "no arguments"
	}
	return strings.Join(names, " ")
}
