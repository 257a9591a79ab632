package roomstest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/gen/genserver"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// Composition defaults and limits documented by the API (D16).
const (
	defaultResolution    = "1280x720"
	minSide, maxSide     = 16, 1280
	maxCompositionPixels = 1280 * 720
	allVideoSources      = "*"
)

// ListRoomCompositions implements listRoomCompositions (GET /room_compositions).
func (a *api) ListRoomCompositions(ctx context.Context, req genserver.ListRoomCompositionsRequestObject) (genserver.ListRoomCompositionsResponseObject, error) {
	p := req.Params
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	a.st.settleAndNotify()
	candidates := a.st.comp.order.within(newDayRange(p.FilterDateCreatedAtEq, p.FilterDateCreatedAtGte, p.FilterDateCreatedAtLte))
	page, meta := pageOf(candidates, p.PageSize, p.PageNumber,
		equalFilter(p.FilterSessionID, func(c *gen.RoomComposition) openapi_types.UUID { return c.SessionID }),
		equalFilter(p.FilterStatus, func(c *gen.RoomComposition) gen.ListRoomCompositionsParamsFilterStatus {
			return gen.ListRoomCompositionsParamsFilterStatus(c.Status)
		}),
	)
	for i := range page {
		page[i] = outComposition(ctx, page[i])
	}
	return genserver.ListRoomCompositions200JSONResponse{RoomCompositionsPageJSONResponse: genserver.RoomCompositionsPageJSONResponse{Data: page, Meta: meta}}, nil
}

// CreateRoomComposition implements createRoomComposition (POST
// /room_compositions): 202 with the composition enqueued, for an ended
// session (D16, D20).
func (a *api) CreateRoomComposition(ctx context.Context, req genserver.CreateRoomCompositionRequestObject) (genserver.CreateRoomCompositionResponseObject, error) {
	body := req.Body
	resolution := defaultResolution
	if body.Resolution != nil {
		resolution = *body.Resolution
	}
	if err := checkResolution(resolution); err != nil {
		return nil, err
	}
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	a.st.settleAndNotify()
	sess, ok := a.st.sessions[body.SessionID]
	if !ok {
		return nil, errUnprocessable(string(rooms.CodeAssociatedResourceNotFound), "Associated resource not found",
			fmt.Sprintf("The room session %s could not be found.", body.SessionID), "/session_id")
	}
	if sess.Active {
		return nil, errUnprocessable(codeBadRequest, "Invalid parameter",
			fmt.Sprintf("The room session %s has not ended: only an ended session can be composed.", sess.ID), "/session_id")
	}
	if err := a.st.checkLayout(sess.ID, body.VideoLayout); err != nil {
		return nil, err
	}
	now := a.st.now()
	c := &gen.RoomComposition{
		ID:           uuid.New(),
		RoomID:       sess.RoomID,
		SessionID:    sess.ID,
		UserID:       a.st.comp.account,
		Status:       gen.RoomCompositionStatusEnqueued,
		Format:       gen.RoomCompositionFormatMp4,
		Resolution:   resolution,
		VideoLayout:  body.VideoLayout,
		DurationSecs: wholeSeconds(sess.EndedAt.Sub(sess.CreatedAt)),
		StartedAt:    sess.CreatedAt,
		EndedAt:      sess.EndedAt,
		CreatedAt:    now,
		UpdatedAt:    now,
		RecordType:   recordComposition,
	}
	if body.WebhookEventURL != nil {
		c.WebhookEventURL = *body.WebhookEventURL
	}
	if body.WebhookEventFailoverURL != nil {
		c.WebhookEventFailoverURL = *body.WebhookEventFailoverURL
	}
	if body.WebhookTimeoutSecs != nil {
		v := *body.WebhookTimeoutSecs
		c.WebhookTimeoutSecs = &v
	}
	a.st.addComposition(c)
	return genserver.CreateRoomComposition202JSONResponse{RoomCompositionDataJSONResponse: genserver.RoomCompositionDataJSONResponse{Data: outComposition(ctx, *c)}}, nil
}

// checkResolution enforces what the pattern of resolution cannot: width and
// height each 16..1280, their product at most 1280*720 (D16).
func checkResolution(res string) error {
	w, h, ok := strings.Cut(res, "x")
	width, errW := strconv.Atoi(w)
	height, errH := strconv.Atoi(h)
	switch {
	case !ok || errW != nil || errH != nil:
		return errUnprocessable(codeBadRequest, "Invalid parameter",
			fmt.Sprintf("resolution %q is not WIDTHxHEIGHT.", res), "/resolution")
	case width < minSide || width > maxSide || height < minSide || height > maxSide:
		return errUnprocessable(codeBadRequest, "Invalid parameter",
			fmt.Sprintf("resolution %q: width and height must each be between %d and %d.", res, minSide, maxSide), "/resolution")
	case width*height > maxCompositionPixels:
		return errUnprocessable(codeBadRequest, "Invalid parameter",
			fmt.Sprintf("resolution %q: width times height must not exceed 1280 times 720.", res), "/resolution")
	}
	return nil
}

// checkLayout refuses a video source that is neither "*" nor a video
// recording of the session, naming it (D17).
func (st *store) checkLayout(sessionID uuid.UUID, layout map[string]gen.VideoRegion) error {
	videos := map[string]bool{}
	for _, r := range st.videoRecordingsOf(sessionID) {
		videos[r.ID.String()] = true
	}
	for _, name := range slices.Sorted(maps.Keys(layout)) {
		for i, src := range layout[name].VideoSources {
			if src == allVideoSources || videos[strings.ToLower(src)] {
				continue
			}
			return errUnprocessable(codeBadRequest, "Invalid parameter",
				fmt.Sprintf("Video source %s is not a video recording of room session %s.", src, sessionID),
				fmt.Sprintf("/video_layout/%s/video_sources/%d", jsonPointerToken(name), i))
		}
	}
	return nil
}

// jsonPointerToken escapes a member name as a JSON pointer token (RFC 6901).
func jsonPointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// ViewRoomComposition implements viewRoomComposition (GET /room_compositions/{room_composition_id}).
func (a *api) ViewRoomComposition(ctx context.Context, req genserver.ViewRoomCompositionRequestObject) (genserver.ViewRoomCompositionResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	a.st.settleAndNotify()
	c, err := a.st.composition(req.RoomCompositionID)
	if err != nil {
		return nil, err
	}
	return genserver.ViewRoomComposition200JSONResponse{RoomCompositionDataJSONResponse: genserver.RoomCompositionDataJSONResponse{Data: outComposition(ctx, *c)}}, nil
}

// DeleteRoomComposition implements deleteRoomComposition (DELETE
// /room_compositions/{room_composition_id}); the media goes with it.
func (a *api) DeleteRoomComposition(_ context.Context, req genserver.DeleteRoomCompositionRequestObject) (genserver.DeleteRoomCompositionResponseObject, error) {
	a.st.mu.Lock()
	defer a.st.mu.Unlock()
	a.st.settleAndNotify()
	c, err := a.st.composition(req.RoomCompositionID)
	if err != nil {
		return nil, err
	}
	a.st.removeComposition(c)
	return genserver.DeleteRoomComposition204Response{}, nil
}

// outComposition is a composition as the request's client sees it: its
// download_url an absolute URL of the fake (D21).
func outComposition(ctx context.Context, c gen.RoomComposition) gen.RoomComposition {
	c.DownloadURL = absolute(ctx, c.DownloadURL)
	return c
}
