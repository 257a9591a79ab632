package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// The recording and composition steps of the demo. The room records its
// sessions since "update the room" (enable_recording), so once the session
// has ended its recordings are listed, waited for, composed into one video,
// downloaded, and deleted in bulk. Waiting polls the fake, whose clock moves
// one second per reading: a bounded number of reads, never a sleep.

// maxPolls bounds every wait of the demo: the fake completes recordings and
// compositions a few seconds of its clock after they begin.
const maxPolls = 60

// demoMedia is the state of the media steps.
type demoMedia struct {
	recordings  []rooms.Recording
	composition rooms.Composition
}

// mediaSteps are the steps that follow "end the session".
func (d *demo) mediaSteps() []demoStep {
	return []demoStep{
		{"list the recordings", d.listRecordings},
		{"wait for the recordings", d.waitRecordings},
		{"compose the session", d.compose},
		{"wait for the composition", d.waitComposition},
		{"download the composition", d.downloadComposition},
		{"bulk delete without filter", d.refuseBulkDelete},
		{"delete the recordings", d.deleteRecordings},
	}
}

// insertAfter returns steps with more inserted after the step titled title.
func insertAfter(steps []demoStep, title string, more []demoStep) []demoStep {
	i := slices.IndexFunc(steps, func(s demoStep) bool { return s.title == title })
	return slices.Insert(steps, i+1, more...)
}

func (d *demo) listRecordings(ctx context.Context) (string, error) {
	var all []rooms.Recording
	for r, err := range d.cl.Recordings.ListIter(ctx, &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{SessionID: d.session.ID}}) {
		if err != nil {
			return "", err
		}
		all = append(all, r)
	}
	d.media.recordings = all
	audio := 0
	for _, r := range all {
		if r.Type == rooms.RecordingAudio {
			audio++
		}
	}
	err := expect(len(all) == 2*len(d.people) && audio == len(d.people), "an audio and a video recording per participant, got %d recordings, %d audio", len(all), audio)
	return fmt.Sprintf("recordings list --session-id %s: %d (audio and video of %s)", short(d.session.ID), len(all), plural(len(d.people), "participant")), err
}

// poll calls done until it reports true, at most maxPolls times, and says
// how many calls it took.
func poll(done func() (bool, error)) (int, error) {
	for n := 1; n <= maxPolls; n++ {
		ok, err := done()
		if err != nil || ok {
			return n, err
		}
	}
	return maxPolls, fmt.Errorf("still not done after %d reads", maxPolls)
}

func (d *demo) waitRecordings(ctx context.Context) (string, error) {
	reads := 0
	for i, r := range d.media.recordings {
		n, err := poll(func() (bool, error) {
			got, err := d.cl.Recordings.Get(ctx, r.ID)
			if err != nil {
				return false, err
			}
			d.media.recordings[i] = *got
			return got.Status == rooms.RecordingCompleted, nil
		})
		reads += n
		if err != nil {
			return "", err
		}
		if got := d.media.recordings[i]; got.DownloadURL == "" || got.EndedAt.IsZero() {
			return "", fmt.Errorf("want a completed recording with download_url and ended_at, got %+v", got)
		}
	}
	return fmt.Sprintf("all %d completed with a download_url (%d reads of the fake's clock)", len(d.media.recordings), reads), nil
}

func (d *demo) compose(ctx context.Context) (string, error) {
	var videos []string
	for _, r := range d.media.recordings {
		if r.Type == rooms.RecordingVideo {
			videos = append(videos, r.ID)
		}
	}
	c, err := d.cl.Compositions.Create(ctx, &rooms.CompositionParams{
		SessionID:  d.session.ID,
		Resolution: rooms.Resolution{Width: 1280, Height: 720},
		VideoLayout: map[string]rooms.VideoRegion{
			"grid":  {Width: 1280, Height: 720, MaxColumns: 2, VideoSources: []string{rooms.AllVideoSources}},
			"alice": {Width: 320, Height: 180, XPos: 940, YPos: 520, ZPos: 1, VideoSources: videos[:1]},
		},
	})
	if err != nil {
		return "", err
	}
	d.media.composition = *c
	_, refused := d.cl.Compositions.Create(ctx, &rooms.CompositionParams{SessionID: d.session.ID, Resolution: rooms.Resolution{Width: 1280, Height: 721}})
	err = errors.Join(
		expect(c.Status == rooms.CompositionEnqueued && c.SessionID == d.session.ID, "an enqueued composition of the session, got %s", c.Status),
		expect(c.Resolution == "1280x720" && len(c.VideoLayout) == 2, "1280x720 in 2 regions, got %s in %d", c.Resolution, len(c.VideoLayout)),
		expect(errors.As(refused, new(*rooms.ValidationError)), "1280x721 refused before the network, got %v", refused))
	return fmt.Sprintf("1280x720, a grid of every video and Alice on top: %s; 1280x721 refused before sending", c.Status), err
}

func (d *demo) waitComposition(ctx context.Context) (string, error) {
	var seen []rooms.CompositionStatus
	n, err := poll(func() (bool, error) {
		got, err := d.cl.Compositions.Get(ctx, d.media.composition.ID)
		if err != nil {
			return false, err
		}
		d.media.composition = *got
		if len(seen) == 0 || seen[len(seen)-1] != got.Status {
			seen = append(seen, got.Status)
		}
		return got.Status == rooms.CompositionCompleted, nil
	})
	if err != nil {
		return "", err
	}
	c := d.media.composition
	err = expect(c.DownloadURL != "" && !c.CompletedAt.IsZero(), "a download_url and completed_at once completed")
	return fmt.Sprintf("%v after %d reads, download_url set", seen, n), err
}

func (d *demo) downloadComposition(ctx context.Context) (string, error) {
	src, err := checkDownloadURL(d.media.composition.DownloadURL)
	if err != nil {
		return "", err
	}
	n, err := fetch(ctx, src, io.Discard, defaultMaxDownload, nil)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s of %s, fetched without the API key", fmtBytes(n), src.Path), expect(n > 0, "a non-empty file")
}

func (d *demo) refuseBulkDelete(ctx context.Context) (string, error) {
	before := d.srv.Requests("deleteRoomRecordings")
	_, err := d.cl.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{})
	var ve *rooms.ValidationError
	return "refused before the network: " + err.Error(), errors.Join(
		expect(errors.As(err, &ve) && ve.Field == "filter", "a *rooms.ValidationError on filter, got %v", err),
		expect(d.srv.Requests("deleteRoomRecordings") == before, "no request sent"))
}

func (d *demo) deleteRecordings(ctx context.Context) (string, error) {
	n, err := d.cl.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{RecordingFilter: rooms.RecordingFilter{SessionID: d.session.ID}})
	if err != nil {
		return "", err
	}
	left, err := d.cl.Recordings.List(ctx, &rooms.ListRecordingsParams{RecordingFilter: rooms.RecordingFilter{SessionID: d.session.ID}})
	if err != nil {
		return "", err
	}
	err = expect(n == len(d.media.recordings) && len(left.Items) == 0, "all %d deleted and none left, got %d deleted, %d left", len(d.media.recordings), n, len(left.Items))
	return fmt.Sprintf("recordings delete-bulk --session-id %s: %s deleted, none left", short(d.session.ID), plural(n, "recording")), err
}
