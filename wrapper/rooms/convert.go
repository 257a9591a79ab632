package rooms

import (
	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// The functions below validate the friendly list parameters and convert them
// to the generated query structs. They copy every value, so a walk never
// sees later changes to the caller's struct, and never change it.

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optTrue(b bool) *bool {
	if !b {
		return nil
	}
	return &b
}

func (p *ListRoomsParams) query() (q gen.ListRoomsParams, start int, err error) {
	if p == nil {
		return q, 0, nil
	}
	if err := checkListOptions(p.ListOptions); err != nil {
		return q, 0, err
	}
	if err := checkDates([]string{"date_created_at", "date_updated_at"}, p.CreatedAt, p.UpdatedAt); err != nil {
		return q, 0, err
	}
	if err := checkText("filter[unique_name]", p.UniqueName); err != nil {
		return q, 0, err
	}
	q.FilterDateCreatedAtEq, q.FilterDateCreatedAtGte, q.FilterDateCreatedAtLte = p.CreatedAt.dates()
	q.FilterDateUpdatedAtEq, q.FilterDateUpdatedAtGte, q.FilterDateUpdatedAtLte = p.UpdatedAt.dates()
	q.FilterUniqueName = optString(p.UniqueName)
	q.IncludeSessions = optTrue(p.IncludeSessions)
	q.PageSize = p.size()
	return q, p.PageNumber, nil
}

// query converts p for GET /room_sessions. The nested list of one
// room takes the same values but filter[room_id].
func (p *ListSessionsParams) query() (q gen.ListRoomSessionsParams, start int, err error) {
	if p == nil {
		return q, 0, nil
	}
	if err := checkListOptions(p.ListOptions); err != nil {
		return q, 0, err
	}
	if p.RoomID != "" {
		id, err := parseID("filter[room_id]", p.RoomID)
		if err != nil {
			return q, 0, err
		}
		q.FilterRoomID = &id
	}
	if err := checkDates([]string{"date_created_at", "date_updated_at", "date_ended_at"}, p.CreatedAt, p.UpdatedAt, p.EndedAt); err != nil {
		return q, 0, err
	}
	q.FilterDateCreatedAtEq, q.FilterDateCreatedAtGte, q.FilterDateCreatedAtLte = p.CreatedAt.dates()
	q.FilterDateUpdatedAtEq, q.FilterDateUpdatedAtGte, q.FilterDateUpdatedAtLte = p.UpdatedAt.dates()
	q.FilterDateEndedAtEq, q.FilterDateEndedAtGte, q.FilterDateEndedAtLte = p.EndedAt.dates()
	if p.Active != nil {
		q.FilterActive = Ptr(*p.Active)
	}
	q.IncludeParticipants = optTrue(p.IncludeParticipants)
	q.PageSize = p.size()
	return q, p.PageNumber, nil
}

// nestedQuery converts p for GET /rooms/{room_id}/sessions.
func (p *ListSessionsParams) nestedQuery(roomID gen.RoomID) (gen.NestedListRoomSessionsParams, int, error) {
	q, start, err := p.query()
	if err != nil {
		return gen.NestedListRoomSessionsParams{}, 0, err
	}
	if q.FilterRoomID != nil && *q.FilterRoomID != roomID {
		return gen.NestedListRoomSessionsParams{}, 0, &ValidationError{Field: "filter[room_id]", Rule: "must be empty or the room_id whose sessions are listed", Value: p.RoomID}
	}
	return gen.NestedListRoomSessionsParams{
		FilterDateCreatedAtEq: q.FilterDateCreatedAtEq, FilterDateCreatedAtGte: q.FilterDateCreatedAtGte, FilterDateCreatedAtLte: q.FilterDateCreatedAtLte,
		FilterDateUpdatedAtEq: q.FilterDateUpdatedAtEq, FilterDateUpdatedAtGte: q.FilterDateUpdatedAtGte, FilterDateUpdatedAtLte: q.FilterDateUpdatedAtLte,
		FilterDateEndedAtEq: q.FilterDateEndedAtEq, FilterDateEndedAtGte: q.FilterDateEndedAtGte, FilterDateEndedAtLte: q.FilterDateEndedAtLte,
		FilterActive: q.FilterActive, IncludeParticipants: q.IncludeParticipants, PageSize: q.PageSize,
	}, start, nil
}

// query converts p for GET /room_participants.
func (p *ListParticipantsParams) query() (q gen.ListRoomParticipantsParams, start int, err error) {
	if p == nil {
		return q, 0, nil
	}
	if err := checkListOptions(p.ListOptions); err != nil {
		return q, 0, err
	}
	if p.SessionID != "" {
		id, err := parseID("filter[session_id]", p.SessionID)
		if err != nil {
			return q, 0, err
		}
		q.FilterSessionID = &id
	}
	if err := checkDates([]string{"date_joined_at", "date_updated_at", "date_left_at"}, p.JoinedAt, p.UpdatedAt, p.LeftAt); err != nil {
		return q, 0, err
	}
	if err := checkText("filter[context]", p.Context); err != nil {
		return q, 0, err
	}
	q.FilterDateJoinedAtEq, q.FilterDateJoinedAtGte, q.FilterDateJoinedAtLte = p.JoinedAt.dates()
	q.FilterDateUpdatedAtEq, q.FilterDateUpdatedAtGte, q.FilterDateUpdatedAtLte = p.UpdatedAt.dates()
	q.FilterDateLeftAtEq, q.FilterDateLeftAtGte, q.FilterDateLeftAtLte = p.LeftAt.dates()
	q.FilterContext = optString(p.Context)
	q.PageSize = p.size()
	return q, p.PageNumber, nil
}

// nestedQuery converts p for GET /room_sessions/{room_session_id}/participants.
func (p *ListParticipantsParams) nestedQuery(sessionID gen.RoomSessionID) (gen.NestedListRoomParticipantsParams, int, error) {
	q, start, err := p.query()
	if err != nil {
		return gen.NestedListRoomParticipantsParams{}, 0, err
	}
	if q.FilterSessionID != nil && *q.FilterSessionID != sessionID {
		return gen.NestedListRoomParticipantsParams{}, 0, &ValidationError{Field: "filter[session_id]", Rule: "must be empty or the room_session_id whose participants are listed", Value: p.SessionID}
	}
	return gen.NestedListRoomParticipantsParams{
		FilterDateJoinedAtEq: q.FilterDateJoinedAtEq, FilterDateJoinedAtGte: q.FilterDateJoinedAtGte, FilterDateJoinedAtLte: q.FilterDateJoinedAtLte,
		FilterDateUpdatedAtEq: q.FilterDateUpdatedAtEq, FilterDateUpdatedAtGte: q.FilterDateUpdatedAtGte, FilterDateUpdatedAtLte: q.FilterDateUpdatedAtLte,
		FilterDateLeftAtEq: q.FilterDateLeftAtEq, FilterDateLeftAtGte: q.FilterDateLeftAtGte, FilterDateLeftAtLte: q.FilterDateLeftAtLte,
		FilterContext: q.FilterContext, PageSize: q.PageSize,
	}, start, nil
}
