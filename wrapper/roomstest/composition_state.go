package roomstest

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// Composition timing on the fake's clock (D20): a composition is `enqueued`
// when created, `processing` CompositionStartDelay later and `completed`,
// with its download_url, CompositionProcessingDelay after it was created.
const (
	CompositionStartDelay      = 1 * time.Second
	CompositionProcessingDelay = 10 * time.Second
)

// compositionState is the part of the store that holds compositions: every
// composition in list order (created_at, then creation order) and those not
// completed yet, in creation order. Its methods expect the store's lock
// held, like the store's.
type compositionState struct {
	compositions map[uuid.UUID]*gen.RoomComposition
	order        *timeIndex[gen.RoomComposition]
	pending      []*gen.RoomComposition
	// account is the user_id of every composition (the fake has one account).
	account uuid.UUID
}

func newCompositionState() compositionState {
	return compositionState{
		compositions: map[uuid.UUID]*gen.RoomComposition{},
		order:        newTimeIndex(compositionCreated),
		account:      uuid.New(),
	}
}

func compositionCreated(c *gen.RoomComposition) time.Time { return c.CreatedAt }

// addComposition stores a new composition; its created_at must be set.
func (st *store) addComposition(c *gen.RoomComposition) {
	st.comp.compositions[c.ID] = c
	st.comp.order.insert(c)
	if c.Status != gen.RoomCompositionStatusCompleted {
		st.comp.pending = append(st.comp.pending, c)
	}
}

// settleCompositions moves every pending composition to the state the
// clock says (D20) and returns those that completed now, in creation order.
func (st *store) settleCompositions(now time.Time) []*gen.RoomComposition {
	var done []*gen.RoomComposition
	st.comp.pending = slices.DeleteFunc(st.comp.pending, func(c *gen.RoomComposition) bool {
		start := c.CreatedAt.Add(CompositionStartDelay)
		ready := c.CreatedAt.Add(CompositionProcessingDelay)
		if c.Status == gen.RoomCompositionStatusEnqueued && !now.Before(start) {
			c.Status = gen.RoomCompositionStatusProcessing
			c.UpdatedAt = start
		}
		if now.Before(ready) {
			return false
		}
		c.Status = gen.RoomCompositionStatusCompleted
		c.CompletedAt = ready
		c.UpdatedAt = ready
		m := compositionMedia(c)
		c.SizeMb = m.sizeMB()
		c.DownloadURL = m.path
		done = append(done, c)
		return true
	})
	return done
}

// removeComposition forgets a composition; its media is gone with it.
func (st *store) removeComposition(c *gen.RoomComposition) {
	delete(st.comp.compositions, c.ID)
	st.comp.order.remove(c)
	st.comp.pending = slices.DeleteFunc(st.comp.pending, func(x *gen.RoomComposition) bool { return x == c })
}

// composition returns the composition a path parameter names, or the 404.
func (st *store) composition(id uuid.UUID) (*gen.RoomComposition, error) {
	return lookup(st.comp.compositions, id, "room_composition_id", "room composition")
}
