package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func demoCommand() command {
	return command{
		group:   "demo",
		summary: "walk through the whole life of a room on an in-process fake (no key, no network)",
		setup: func(*flag.FlagSet) runFunc {
			return func(ctx context.Context, c *cli, _ []string) error {
				clock := newDemoClock()
				srv := roomstest.NewServer(roomstest.WithClock(clock.now), roomstest.WithResponseValidation())
				defer srv.Close()
				return walkthrough(ctx, c.stdout, srv, clock)
			}
		},
	}
}

// demoClock is the fake's clock in the demo: it starts at a fixed instant
// and advances one second per reading, so that timestamps are distinct and
// the output repeatable.
type demoClock struct {
	start time.Time
	ticks atomic.Int64
}

func newDemoClock() *demoClock {
	return &demoClock{start: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)}
}

// now reads the clock and advances it.
func (c *demoClock) now() time.Time {
	return c.start.Add(time.Duration(c.ticks.Add(1)) * time.Second)
}

// latest is the last reading, without advancing the clock.
func (c *demoClock) latest() time.Time {
	return c.start.Add(time.Duration(c.ticks.Load()) * time.Second)
}

// validFor says whether expiry lies ttl after the clock's reading at issue:
// the fake read the clock at most a few ticks before latest.
func (c *demoClock) validFor(expiry time.Time, ttl time.Duration) bool {
	left := expiry.Sub(c.latest())
	return left <= ttl && left > ttl-time.Minute
}

// demo is the state the walkthrough's steps share.
type demo struct {
	out   io.Writer
	srv   *roomstest.Server
	clock *demoClock
	cl    *rooms.Client
	n     int

	hooks *demoHooks // the receiver of the room's webhooks
	// below are lines the step just run prints under its own (indented).
	below []string

	room    rooms.Room
	session rooms.Session
	people  []rooms.Participant // Alice, Bob, Carol
	refresh string
	media   demoMedia // the recording and composition steps (demo_media.go)
}

// demoStep is one numbered step: it acts through the client, checks the
// outcome against the API's documented behaviour and says what it saw.
type demoStep struct {
	title string
	do    func(ctx context.Context) (string, error)
}

// walkthrough runs every step against srv, printing one line per step. It
// stops at the first step that fails or does not behave as documented.
func walkthrough(ctx context.Context, out io.Writer, srv *roomstest.Server, clock *demoClock) error {
	cl, err := srv.Client(rooms.WithRetryPolicy(rooms.RetryPolicy{}))
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	hooks, err := startDemoHooks(ctx, srv, clock)
	if err != nil {
		return fmt.Errorf("demo: webhook receiver: %w", err)
	}
	defer hooks.close()
	d := &demo{out: out, srv: srv, clock: clock, cl: cl, hooks: hooks}
	steps := []demoStep{
		{"create a room", d.createRoom},
		{"create a second, same name", d.duplicateName},
		{"update the room", d.updateRoom},
		{"generate a join token", d.generateToken},
		{"refresh the join token", d.refreshToken},
		{"start a session (fake)", d.startSession},
		{"join three people (fake)", d.join},
		{"list active sessions", d.listSessions},
		{"list participants, --all", d.listParticipants},
		{"filter by --context Bob", d.filterParticipants},
		{"mute all but Alice", d.muteAllButAlice},
		{"kick Carol", d.kickCarol},
		{"end the session", d.endSession},
		{"delete the room", d.deleteRoom},
		{"get the deleted room", d.getDeleted},
		{"webhooks received, verified", d.checkWebhooks},
	}
	steps = insertAfter(steps, "end the session", d.mediaSteps())
	_ = say(out, "roomsctl demo: the life of a room, through the rooms client, on an in-process fake API")
	for _, s := range steps {
		d.n++
		d.below = nil
		detail, err := s.do(ctx)
		if err != nil {
			_ = say(out, "%2d. %-28s FAILED", d.n, s.title)
		} else {
			_ = say(out, "%2d. %-28s %s", d.n, s.title, detail)
		}
		for _, line := range d.below {
			_ = say(out, "      %s", line)
		}
		if err != nil {
			return fmt.Errorf("demo: step %d (%s): %w", d.n, s.title, err)
		}
	}
	if v := srv.ContractViolations(); len(v) > 0 {
		return fmt.Errorf("demo: %d response(s) broke openapi.yaml, the first: %s", len(v), v[0])
	}
	_ = say(out, "demo ok: all %d steps behaved as documented; every response and webhook matched openapi.yaml", len(steps))
	return nil
}

// expect returns an error saying what was wanted when ok is false.
func expect(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf("want "+format, args...)
}

// short shortens an id for display.
func short(id string) string { return id[:min(len(id), 8)] }

func (d *demo) createRoom(ctx context.Context) (string, error) {
	r, err := d.cl.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("demo-room")})
	if err != nil {
		return "", err
	}
	d.room = *r
	err = errors.Join(
		expect(r.UniqueName == "demo-room", "unique_name demo-room, got %q", r.UniqueName),
		expect(r.MaxParticipants == 10, "the default max_participants 10, got %d", r.MaxParticipants),
		expect(!r.EnableRecording, "recording off by default"),
		expect(!r.CreatedAt.IsZero(), "created_at set"))
	return fmt.Sprintf("%s %s, max_participants=%d (default), recording=%t", r.UniqueName, short(r.ID), r.MaxParticipants, r.EnableRecording), err
}

func (d *demo) duplicateName(ctx context.Context) (string, error) {
	_, err := d.cl.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("demo-room")})
	if !errors.Is(err, rooms.ErrUnprocessable) || !rooms.HasErrorCode(err, rooms.CodeDuplicateResource) {
		return "", fmt.Errorf("want 422 with code %s for a duplicate unique_name, got %v", rooms.CodeDuplicateResource, err)
	}
	return "refused: " + apiReason(err) + " (rooms.CodeDuplicateResource)", nil
}

// apiReason is the status and first error title of an *APIError, e.g.
// "422 Duplicate resource".
func apiReason(err error) string {
	var apiErr *rooms.APIError
	if !errors.As(err, &apiErr) {
		return err.Error()
	}
	reason := strconv.Itoa(apiErr.StatusCode)
	if len(apiErr.Errors) > 0 {
		reason += " " + apiErr.Errors[0].Title
	}
	return reason
}

func (d *demo) updateRoom(ctx context.Context) (string, error) {
	hook := d.hooks.url
	r, err := d.cl.Rooms.Update(ctx, d.room.ID, &rooms.RoomParams{
		MaxParticipants: rooms.Ptr(5), EnableRecording: rooms.Ptr(true), WebhookEventURL: rooms.Ptr(hook),
	})
	if err != nil {
		return "", err
	}
	err = errors.Join(
		expect(r.MaxParticipants == 5 && r.EnableRecording && r.WebhookEventURL == hook, "the three new values"),
		expect(r.UniqueName == d.room.UniqueName, "unique_name unchanged, got %q", r.UniqueName),
		expect(r.UpdatedAt.After(d.room.UpdatedAt), "updated_at to move forward"))
	d.room = *r
	return fmt.Sprintf("max_participants=%d, recording=%t, webhook_event_url on the demo's receiver", r.MaxParticipants, r.EnableRecording), err
}

func (d *demo) generateToken(ctx context.Context) (string, error) {
	t, err := d.cl.Tokens.Generate(ctx, d.room.ID, &rooms.GenerateTokenParams{
		TokenTTL: 10 * time.Minute, RefreshTokenTTL: time.Hour,
	})
	if err != nil {
		return "", err
	}
	d.refresh = t.RefreshToken
	err = errors.Join(
		expect(t.Token != "" && t.RefreshToken != "", "a token and a refresh token"),
		expect(d.clock.validFor(t.TokenExpiresAt, 10*time.Minute), "the token to expire in 10m, at %v", t.TokenExpiresAt),
		expect(d.clock.validFor(t.RefreshTokenExpiresAt, time.Hour), "the refresh token to expire in 1h, at %v", t.RefreshTokenExpiresAt))
	return "token valid 10m, refresh token valid 1h", err
}

func (d *demo) refreshToken(ctx context.Context) (string, error) {
	t, err := d.cl.Tokens.Refresh(ctx, d.room.ID, &rooms.RefreshTokenParams{RefreshToken: d.refresh, TokenTTL: 5 * time.Minute})
	if err != nil {
		return "", err
	}
	if err := expect(t.Token != "" && d.clock.validFor(t.TokenExpiresAt, 5*time.Minute), "a new token valid 5m, expiring at %v", t.TokenExpiresAt); err != nil {
		return "", err
	}
	_, err = d.cl.Tokens.Refresh(ctx, d.room.ID, &rooms.RefreshTokenParams{RefreshToken: "made-up"})
	if err := expect(errors.As(err, new(*rooms.APIError)), "a made-up refresh token to be refused, got %v", err); err != nil {
		return "", err
	}
	return "new token valid 5m; a made-up one gets " + apiReason(err), nil
}

func (d *demo) startSession(ctx context.Context) (string, error) {
	s, err := d.srv.StartSession(d.room.ID)
	if err != nil {
		return "", err
	}
	d.session = s
	r, err := d.cl.Rooms.Get(ctx, d.room.ID, nil)
	if err != nil {
		return "", err
	}
	err = errors.Join(
		expect(s.Active, "an active session"),
		expect(r.ActiveSessionID == s.ID, "the room's active_session_id to be the session"))
	return fmt.Sprintf("session %s active; the room's active_session_id matches", short(s.ID)), err
}

func (d *demo) join(ctx context.Context) (string, error) {
	var names []string
	for _, name := range []string{"Alice", "Bob", "Carol"} {
		p, err := d.srv.Join(d.session.ID, name)
		if err != nil {
			return "", err
		}
		d.people = append(d.people, p)
		names = append(names, name+" "+short(p.ID))
	}
	return strings.Join(names, ", "), nil
}

func (d *demo) listSessions(ctx context.Context) (string, error) {
	day := d.clock.latest()
	page, err := d.cl.Sessions.List(ctx, &rooms.ListSessionsParams{
		RoomID: d.room.ID, Active: rooms.Ptr(true), CreatedAt: rooms.DateFilter{Eq: day},
	})
	if err != nil {
		return "", err
	}
	err = expect(len(page.Items) == 1 && page.Items[0].ID == d.session.ID, "exactly our session, got %d sessions", len(page.Items))
	return fmt.Sprintf("sessions list --room-id %s --active --created-on %s: %s",
		short(d.room.ID), day.Format(dateLayout), plural(len(page.Items), "session")), err
}

func (d *demo) listParticipants(ctx context.Context) (string, error) {
	p := &rooms.ListParticipantsParams{ListOptions: rooms.ListOptions{PageSize: 2}}
	first, err := d.cl.Sessions.ListParticipants(ctx, d.session.ID, p)
	if err != nil {
		return "", err
	}
	var names []string
	for part, err := range d.cl.Sessions.ListParticipantsIter(ctx, d.session.ID, p) {
		if err != nil {
			return "", err
		}
		names = append(names, part.Context)
	}
	slices.Sort(names)
	err = errors.Join(
		expect(first.TotalPages == 2 && first.TotalResults == 3 && len(first.Items) == 2, "2 pages of 2 holding 3 participants, got %d pages, %d results", first.TotalPages, first.TotalResults),
		expect(slices.Equal(names, []string{"Alice", "Bob", "Carol"}), "the iterator to yield Alice, Bob and Carol once each, got %v", names))
	return fmt.Sprintf("--page-size 2: %d pages; ListParticipantsIter yields %s", first.TotalPages, strings.Join(names, ", ")), err
}

func (d *demo) filterParticipants(ctx context.Context) (string, error) {
	page, err := d.cl.Participants.List(ctx, &rooms.ListParticipantsParams{SessionID: d.session.ID, Context: "Bob"})
	if err != nil {
		return "", err
	}
	err = expect(len(page.Items) == 1 && page.Items[0].ID == d.people[1].ID, "only Bob, got %d participants", len(page.Items))
	return fmt.Sprintf("participants list --session-id %s --context Bob: %s", short(d.session.ID), plural(len(page.Items), "participant")), err
}

func (d *demo) muteAllButAlice(ctx context.Context) (string, error) {
	alice, bob, carol := d.people[0], d.people[1], d.people[2]
	err := d.cl.Sessions.Mute(ctx, d.session.ID, rooms.ParticipantsAction{
		Participants: rooms.AllParticipants, Exclude: []string{alice.ID},
	})
	if err != nil {
		return "", err
	}
	err = errors.Join(
		expect(!d.srv.Muted(alice.ID), "Alice not muted"),
		expect(d.srv.Muted(bob.ID) && d.srv.Muted(carol.ID), "Bob and Carol muted"))
	return "sessions mute --all --exclude <Alice>: the fake has Bob and Carol muted, Alice not", err
}

func (d *demo) kickCarol(ctx context.Context) (string, error) {
	carol := d.people[2]
	if err := d.cl.Sessions.Kick(ctx, d.session.ID, rooms.ParticipantsAction{
		Participants: rooms.ParticipantIDs(carol.ID),
	}); err != nil {
		return "", err
	}
	var errs []error
	for i, p := range d.people {
		got, err := d.cl.Participants.Get(ctx, p.ID)
		if err != nil {
			return "", err
		}
		left := !got.LeftAt.IsZero()
		errs = append(errs, expect(left == (i == 2), "%s left=%t, got left=%t", p.Context, i == 2, left))
	}
	return "Carol has left_at set; Alice and Bob are still in", errors.Join(errs...)
}

func (d *demo) endSession(ctx context.Context) (string, error) {
	if err := d.cl.Sessions.End(ctx, d.session.ID); err != nil {
		return "", err
	}
	s, err := d.cl.Sessions.Get(ctx, d.session.ID, &rooms.GetSessionParams{IncludeParticipants: true})
	if err != nil {
		return "", err
	}
	stillIn := 0
	for _, p := range s.Participants {
		if p.LeftAt.IsZero() {
			stillIn++
		}
	}
	err = errors.Join(
		expect(!s.Active && !s.EndedAt.IsZero(), "an inactive session with ended_at set"),
		expect(len(s.Participants) == 3 && stillIn == 0, "all 3 participants left, got %d of %d still in", stillIn, len(s.Participants)))
	return fmt.Sprintf("active=%t, ended_at set, %d of %d participants still in", s.Active, stillIn, len(s.Participants)), err
}

func (d *demo) deleteRoom(ctx context.Context) (string, error) {
	if err := d.cl.Rooms.Delete(ctx, d.room.ID); err != nil {
		return "", err
	}
	return "room " + short(d.room.ID) + " deleted", nil
}

func (d *demo) getDeleted(ctx context.Context) (string, error) {
	_, err := d.cl.Rooms.Get(ctx, d.room.ID, nil)
	if !errors.Is(err, rooms.ErrNotFound) {
		return "", fmt.Errorf("want 404 Not Found, got %v", err)
	}
	return "404 Not Found, as errors.Is(err, rooms.ErrNotFound) reports", nil
}
