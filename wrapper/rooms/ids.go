package rooms

import (
	"fmt"

	"github.com/google/uuid"
)

// The API's ids are UUIDs. Every method checks the ids it is given
// (parseID), and every decoded resource has its ids checked too (checkIDs),
// so that any id the client returns can be passed to the next call as it is.

// idChecker is implemented by the resources whose ids are checked on decode.
type idChecker interface{ checkIDs() error }

// checkID reports a non-empty s that is not a UUID in canonical form. The
// value is left out of the error: it came from the server.
func checkID(field, s string) error {
	if s == "" || (len(s) == 36 && uuid.Validate(s) == nil) {
		return nil
	}
	return fmt.Errorf("%s is not a UUID", field)
}

func (r *Room) checkIDs() error {
	if err := checkID("id", r.ID); err != nil {
		return err
	}
	if err := checkID("active_session_id", r.ActiveSessionID); err != nil {
		return err
	}
	for i := range r.Sessions {
		if err := r.Sessions[i].checkIDs(); err != nil {
			return fmt.Errorf("sessions[%d].%w", i, err)
		}
	}
	return nil
}

func (s *Session) checkIDs() error {
	if err := checkID("id", s.ID); err != nil {
		return err
	}
	if err := checkID("room_id", s.RoomID); err != nil {
		return err
	}
	for i := range s.Participants {
		if err := s.Participants[i].checkIDs(); err != nil {
			return fmt.Errorf("participants[%d].%w", i, err)
		}
	}
	return nil
}

func (p *Participant) checkIDs() error {
	if err := checkID("id", p.ID); err != nil {
		return err
	}
	return checkID("session_id", p.SessionID)
}
