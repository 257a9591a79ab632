package rooms

import (
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// The functions below validate the parameters of the recordings and
// compositions operations (limits in media_validate.go) and convert them
// to the generated query and body types, copying every value.

// optID parses a non-empty id filter; "" sends nothing.
func optID(field, s string) (*gen.FilterRoomID, error) {
	if s == "" {
		return nil, nil
	}
	id, err := parseID(field, s)
	if err != nil {
		return nil, err
	}
	return &id, nil
}

// isZero reports whether f sends no filter at all: what query sends, not
// what == says (a zero time in another location is not == time.Time{},
// and sends nothing all the same).
func (f *RecordingFilter) isZero() bool {
	return f.StartedAt.isZero() && f.EndedAt.isZero() && f.RoomID == "" && f.SessionID == "" &&
		f.ParticipantID == "" && f.Status == "" && f.Type == "" && f.MinDurationSecs == 0
}

// isZero reports whether f sends no bound.
func (f DateFilter) isZero() bool { return f.Eq.IsZero() && f.Gte.IsZero() && f.Lte.IsZero() }

// query converts f for GET /room_recordings.
func (f *RecordingFilter) query() (q gen.ListRoomRecordingsParams, err error) {
	if err := checkDates([]string{"date_started_at", "date_ended_at"}, f.StartedAt, f.EndedAt); err != nil {
		return q, err
	}
	if q.FilterRoomID, err = optID("filter[room_id]", f.RoomID); err != nil {
		return q, err
	}
	if q.FilterSessionID, err = optID("filter[session_id]", f.SessionID); err != nil {
		return q, err
	}
	if q.FilterParticipantID, err = optID("filter[participant_id]", f.ParticipantID); err != nil {
		return q, err
	}
	if f.Status != "" {
		if err := checkEnum("filter[status]", f.Status, RecordingProcessing, RecordingCompleted); err != nil {
			return q, err
		}
		q.FilterStatus = Ptr(gen.ListRoomRecordingsParamsFilterStatus(f.Status))
	}
	if f.Type != "" {
		if err := checkEnum("filter[type]", f.Type, RecordingAudio, RecordingVideo); err != nil {
			return q, err
		}
		q.FilterType = Ptr(gen.ListRoomRecordingsParamsFilterType(f.Type))
	}
	if f.MinDurationSecs != 0 {
		if err := checkRange("filter[duration_secs]", f.MinDurationSecs, 0, math.MaxInt32); err != nil {
			return q, err
		}
		q.FilterDurationSecs = Ptr(int32(f.MinDurationSecs))
	}
	q.FilterDateStartedAtEq, q.FilterDateStartedAtGte, q.FilterDateStartedAtLte = f.StartedAt.dates()
	q.FilterDateEndedAtEq, q.FilterDateEndedAtGte, q.FilterDateEndedAtLte = f.EndedAt.dates()
	return q, nil
}

func (p *ListRecordingsParams) query() (q gen.ListRoomRecordingsParams, start int, err error) {
	if p == nil {
		return q, 0, nil
	}
	if err := checkListOptions(p.ListOptions); err != nil {
		return q, 0, err
	}
	if q, err = p.RecordingFilter.query(); err != nil {
		return q, 0, err
	}
	q.PageSize = p.size()
	return q, p.PageNumber, nil
}

// query converts p for DELETE /room_recordings. It refuses a nil p and
// one that sets no filter unless AllRecordings says so, and AllRecordings
// combined with a filter.
func (p *DeleteRecordingsParams) query() (gen.DeleteRoomRecordingsParams, error) {
	const field = "filter"
	switch {
	case p == nil || (p.isZero() && !p.AllRecordings):
		return gen.DeleteRoomRecordingsParams{}, &ValidationError{Field: field,
			Rule: "is required: a bulk delete without a filter deletes every recording of the account; set a filter, or AllRecordings to mean it"}
	case p.AllRecordings && !p.isZero():
		return gen.DeleteRoomRecordingsParams{}, &ValidationError{Field: field,
			Rule: "must be empty with AllRecordings, which deletes every recording of the account: set one or the other"}
	}
	if err := checkListOptions(p.ListOptions); err != nil {
		return gen.DeleteRoomRecordingsParams{}, err
	}
	q, err := p.RecordingFilter.query()
	if err != nil {
		return gen.DeleteRoomRecordingsParams{}, err
	}
	out := gen.DeleteRoomRecordingsParams{
		FilterDateEndedAtEq: q.FilterDateEndedAtEq, FilterDateEndedAtGte: q.FilterDateEndedAtGte, FilterDateEndedAtLte: q.FilterDateEndedAtLte,
		FilterDateStartedAtEq: q.FilterDateStartedAtEq, FilterDateStartedAtGte: q.FilterDateStartedAtGte, FilterDateStartedAtLte: q.FilterDateStartedAtLte,
		FilterRoomID: q.FilterRoomID, FilterParticipantID: q.FilterParticipantID, FilterSessionID: q.FilterSessionID,
		FilterDurationSecs: q.FilterDurationSecs, PageSize: p.size(),
	}
	if q.FilterStatus != nil {
		out.FilterStatus = Ptr(gen.DeleteRoomRecordingsParamsFilterStatus(*q.FilterStatus))
	}
	if q.FilterType != nil {
		out.FilterType = Ptr(gen.DeleteRoomRecordingsParamsFilterType(*q.FilterType))
	}
	if p.PageNumber > 0 {
		out.PageNumber = Ptr(int32(p.PageNumber))
	}
	return out, nil
}

func (p *ListCompositionsParams) query() (q gen.ListRoomCompositionsParams, start int, err error) {
	if p == nil {
		return q, 0, nil
	}
	if err := checkListOptions(p.ListOptions); err != nil {
		return q, 0, err
	}
	if err := checkDates([]string{"date_created_at"}, p.CreatedAt); err != nil {
		return q, 0, err
	}
	if q.FilterSessionID, err = optID("filter[session_id]", p.SessionID); err != nil {
		return q, 0, err
	}
	if p.Status != "" {
		if err := checkEnum("filter[status]", p.Status, CompositionEnqueued, CompositionProcessing, CompositionCompleted); err != nil {
			return q, 0, err
		}
		q.FilterStatus = Ptr(gen.ListRoomCompositionsParamsFilterStatus(p.Status))
	}
	q.FilterDateCreatedAtEq, q.FilterDateCreatedAtGte, q.FilterDateCreatedAtLte = p.CreatedAt.dates()
	q.PageSize = p.size()
	return q, p.PageNumber, nil
}

// body validates p and converts it to the create body.
func (p *CompositionParams) body() (gen.CreateRoomCompositionRequest, error) {
	var r gen.CreateRoomCompositionRequest
	if p == nil {
		p = &CompositionParams{}
	}
	id, err := parseID("session_id", p.SessionID)
	if err != nil {
		return r, err
	}
	r.SessionID = id
	if p.Format != "" {
		if err := checkEnum("format", p.Format, FormatMP4); err != nil {
			return r, err
		}
		r.Format = Ptr(gen.CreateRoomCompositionRequestFormat(p.Format))
	}
	if p.Resolution != (Resolution{}) {
		if err := p.Resolution.check(); err != nil {
			return r, err
		}
		r.Resolution = Ptr(p.Resolution.String())
	}
	if r.VideoLayout, err = layout(p.VideoLayout); err != nil {
		return r, err
	}
	for _, u := range []struct {
		field string
		v     string
		dst   **string
	}{{"webhook_event_url", p.WebhookEventURL, &r.WebhookEventURL}, {"webhook_event_failover_url", p.WebhookEventFailoverURL, &r.WebhookEventFailoverURL}} {
		if u.v == "" {
			continue
		}
		if err := checkText(u.field, u.v); err != nil {
			return r, err
		}
		if err := checkURL(u.field, u.v); err != nil {
			return r, err
		}
		*u.dst = Ptr(u.v)
	}
	if v := p.WebhookTimeoutSecs; v != nil {
		if err := checkRange("webhook_timeout_secs", *v, 0, maxWebhookTimeout); err != nil {
			return r, err
		}
		r.WebhookTimeoutSecs = Ptr(int32(*v))
	}
	return r, nil
}

// layout validates a video layout and converts it; nil stays nil.
func layout(l map[string]VideoRegion) (map[string]gen.VideoRegion, error) {
	if l == nil {
		return nil, nil
	}
	if len(l) > maxRegions {
		return nil, &ValidationError{Field: "video_layout", Rule: "must have at most 2 regions", Value: len(l)}
	}
	out := make(map[string]gen.VideoRegion, len(l))
	for _, name := range slices.Sorted(maps.Keys(l)) { // the first bad region, always the same
		region := l[name]
		field := "video_layout[" + name + "]"
		if name == "" {
			return nil, &ValidationError{Field: "video_layout", Rule: "region names must not be empty"}
		}
		if err := checkText("video_layout", name); err != nil {
			return nil, err
		}
		g, err := region.convert(field)
		if err != nil {
			return nil, err
		}
		out[name] = g
	}
	return out, nil
}

// convert validates one region; field names it in errors, as
// "video_layout[name]".
func (v VideoRegion) convert(field string) (gen.VideoRegion, error) {
	var g gen.VideoRegion
	for _, c := range []struct {
		name   string
		v      int
		lo, hi int
		dst    *int32
	}{
		{"height", v.Height, minRegionSide, math.MaxInt32, &g.Height},
		{"width", v.Width, minRegionSide, math.MaxInt32, &g.Width},
		{"max_columns", v.MaxColumns, 1, maxGrid, &g.MaxColumns},
		{"max_rows", v.MaxRows, 1, maxGrid, &g.MaxRows},
		{"x_pos", v.XPos, math.MinInt32, math.MaxInt32, &g.XPos},
		{"y_pos", v.YPos, math.MinInt32, math.MaxInt32, &g.YPos},
		{"z_pos", v.ZPos, -maxZPos, maxZPos, &g.ZPos},
	} {
		if c.v == 0 { // the default, or unset: not sent
			continue
		}
		if err := checkRange(field+"."+c.name, c.v, c.lo, c.hi); err != nil {
			return g, err
		}
		*c.dst = int32(c.v)
	}
	if v.VideoSources != nil {
		src, err := videoSources(field+".video_sources", v.VideoSources)
		if err != nil {
			return g, err
		}
		g.VideoSources = src
	}
	return g, nil
}

// videoSources checks a region's sources: recording ids, or
// AllVideoSources alone.
func videoSources(field string, s []string) ([]string, error) {
	if len(s) == 1 && s[0] == AllVideoSources {
		return []string{AllVideoSources}, nil
	}
	out := make([]string, len(s))
	for i, id := range s {
		if id == AllVideoSources {
			return nil, &ValidationError{Field: field, Rule: `holds "*" (every video recording) alone or recording ids, not both`, Value: s}
		}
		u, err := parseID(field+"["+strconv.Itoa(i)+"]", id)
		if err != nil {
			return nil, err
		}
		out[i] = u.String()
	}
	return out, nil
}
