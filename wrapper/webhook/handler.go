package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
)

// DefaultMaxBodyBytes is the largest webhook body a Handler reads when
// WithMaxBodyBytes is not given: 1 MiB, far above any Video event.
const DefaultMaxBodyBytes = 1 << 20

// Handler is an http.Handler that receives the webhooks of one endpoint:
// see the package documentation for what it answers. Build it with
// NewHandler; it is safe for concurrent use.
type Handler struct {
	verifier  *Verifier
	maxBody   int64
	dedup     Deduplicator
	callbacks []callback
	onError   func(*http.Request, error)
}

type callback func(context.Context, Event) error

// HandlerOption configures a Handler.
type HandlerOption func(*Handler)

// On registers fn for the events of type T: a pointer to an event type,
// such as *SessionStarted, *UnknownEvent, or Event itself for every event.
// The callbacks whose type matches run in the order registered until one
// fails; the Handler answers 2xx only if all returned nil.
//
//	webhook.On(func(ctx context.Context, e *webhook.ParticipantJoined) error { ... })
func On[T Event](fn func(ctx context.Context, event T) error) HandlerOption {
	return func(h *Handler) {
		if fn == nil {
			return
		}
		h.callbacks = append(h.callbacks, func(ctx context.Context, e Event) error {
			if t, ok := e.(T); ok {
				return fn(ctx, t)
			}
			return nil
		})
	}
}

// WithMaxBodyBytes sets the largest body read (DefaultMaxBodyBytes by
// default); a larger one is answered 413. Values below 1 are ignored.
func WithMaxBodyBytes(n int64) HandlerOption {
	return func(h *Handler) {
		if n > 0 {
			h.maxBody = n
		}
	}
}

// WithDeduplicator makes the Handler claim each event's id before calling
// the callbacks, answer 2xx without calling them for an id already claimed,
// and release the claim when a callback fails. Without it, every delivery
// is handled. NewMemoryDeduplicator suits one process.
func WithDeduplicator(d Deduplicator) HandlerOption {
	return func(h *Handler) { h.dedup = d }
}

// WithErrorLog sets a function told why each request was refused or failed
// (a *VerificationError, a *ParseError, a callback's error), for logs: the
// sender is answered without the detail.
func WithErrorLog(log func(r *http.Request, err error)) HandlerOption {
	return func(h *Handler) { h.onError = log }
}

// NewHandler returns a Handler verifying with v. It panics if v is nil, a
// programming error.
func NewHandler(v *Verifier, opts ...HandlerOption) *Handler {
	if v == nil {
		panic("webhook: NewHandler: nil Verifier")
	}
	h := &Handler{verifier: v, maxBody: DefaultMaxBodyBytes}
	for _, opt := range opts {
		if opt != nil {
			opt(h)
		}
	}
	return h
}

// ServeHTTP receives one webhook.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.fail(w, r, err, http.StatusRequestEntityTooLarge, "request body too large")
			return
		}
		h.fail(w, r, err, http.StatusBadRequest, "unreadable request body")
		return
	}
	if err := h.verifier.Verify(r.Header, body); err != nil {
		h.fail(w, r, err, http.StatusUnauthorized, "webhook verification failed")
		return
	}
	event, err := Parse(body)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest, "malformed webhook")
		return
	}
	ctx := r.Context()
	id := event.Common().ID
	if h.dedup != nil && id != "" {
		first, err := h.dedup.Claim(ctx, id)
		if err != nil {
			h.fail(w, r, err, http.StatusInternalServerError, "webhook not handled")
			return
		}
		if !first {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	if err := h.dispatch(ctx, event); err != nil {
		if h.dedup != nil && id != "" {
			if rerr := h.dedup.Release(ctx, id); rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
		h.fail(w, r, err, http.StatusInternalServerError, "webhook not handled")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) dispatch(ctx context.Context, e Event) error {
	for _, cb := range h.callbacks {
		if err := cb(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error, status int, text string) {
	if h.onError != nil {
		h.onError(r, err)
	}
	http.Error(w, text, status)
}
