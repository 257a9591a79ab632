package rooms

import "fmt"

func (r *Recording) checkIDs() error {
	for _, f := range []struct{ name, v string }{
		{"id", r.ID}, {"room_id", r.RoomID}, {"session_id", r.SessionID}, {"participant_id", r.ParticipantID},
	} {
		if err := checkID(f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

func (c *Composition) checkIDs() error {
	for _, f := range []struct{ name, v string }{
		{"id", c.ID}, {"room_id", c.RoomID}, {"session_id", c.SessionID}, {"user_id", c.UserID},
	} {
		if err := checkID(f.name, f.v); err != nil {
			return err
		}
	}
	for _, region := range c.VideoLayout { // the region's name is the server's text: left out
		for i, src := range region.VideoSources {
			if src == AllVideoSources {
				continue
			}
			if err := checkID(fmt.Sprintf("video_layout.video_sources[%d]", i), src); err != nil {
				return err
			}
		}
	}
	return nil
}
