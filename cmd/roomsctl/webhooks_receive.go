package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// receiver prints what `webhooks listen` receives: one line per verified
// event on out, one line per refused delivery on errOut. Deliveries may come
// at once, so lines are written whole under a lock.
type receiver struct {
	mu          sync.Mutex
	out, errOut io.Writer
	json        bool
	inFlight    sync.WaitGroup // the requests being served
}

func newReceiver(out, errOut io.Writer, asJSON bool) *receiver {
	return &receiver{out: out, errOut: errOut, json: asJSON}
}

// delivery is what the receiver learns about one request while the
// webhook.Handler serves it: the body as read, and why it was refused.
type delivery struct {
	body bytes.Buffer
	err  error
}

type deliveryKey struct{}

// handler is a webhook.Handler verifying with v, wrapped so that the
// receiver sees each request's raw body (for -o json) and the reason of a
// refusal, which the Handler does not answer with.
func (rc *receiver) handler(v *webhook.Verifier) http.Handler {
	h := webhook.NewHandler(v,
		webhook.On(rc.event),
		webhook.WithErrorLog(func(r *http.Request, err error) {
			if d, ok := r.Context().Value(deliveryKey{}).(*delivery); ok {
				d.err = err
			}
		}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.inFlight.Add(1)
		defer rc.inFlight.Done()
		d := &delivery{}
		r = r.WithContext(context.WithValue(r.Context(), deliveryKey{}, d))
		r.Body = teeBody{Reader: io.TeeReader(r.Body, &d.body), Closer: r.Body}
		h.ServeHTTP(&refusalWriter{ResponseWriter: w, refused: func(status int) { rc.refused(r, status, d.err) }}, r)
	})
}

// wait waits until no request is being served, or for at most limit: after
// a shutdown that closed connections under requests, their handlers report
// the cut and return at once, unless a write to the output blocks.
func (rc *receiver) wait(limit time.Duration) {
	idle := make(chan struct{})
	go func() {
		rc.inFlight.Wait()
		close(idle)
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-idle:
	case <-timer.C:
	}
}

// teeBody is a request body whose reads are copied.
type teeBody struct {
	io.Reader
	io.Closer
}

// refusalWriter reports a status of 400 or more before it is written, so
// that the report is out once the sender has its answer.
type refusalWriter struct {
	http.ResponseWriter
	refused func(status int)
	done    bool
}

func (w *refusalWriter) WriteHeader(status int) {
	if !w.done && status >= http.StatusBadRequest {
		w.refused(status)
	}
	w.done = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *refusalWriter) Write(p []byte) (int, error) {
	w.done = true
	return w.ResponseWriter.Write(p)
}

// event prints one verified event: a text line, or with -o json the body as
// received, compacted to one line (and HTML-escaped as every -o json output
// of roomsctl is, which keeps its value).
func (rc *receiver) event(ctx context.Context, e webhook.Event) error {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if !rc.json {
		return say(rc.out, "%s", eventLine(e))
	}
	d, _ := ctx.Value(deliveryKey{}).(*delivery)
	if d == nil {
		return errors.New("webhooks listen: no body to print")
	}
	var compact, line bytes.Buffer
	if err := json.Compact(&compact, d.body.Bytes()); err != nil {
		return err
	}
	json.HTMLEscape(&line, compact.Bytes())
	line.WriteByte('\n')
	_, err := rc.out.Write(line.Bytes())
	return err
}

// refused reports a delivery answered with status, and why: the reason
// names what failed (a header, a member of the body), never the body or
// the signature.
func (rc *receiver) refused(r *http.Request, status int, err error) {
	what := "refused"
	var ve *webhook.VerificationError
	switch {
	case errors.As(err, &ve):
		what = "verification failed"
	case status >= http.StatusInternalServerError:
		what = "not handled"
	}
	msg := fmt.Sprintf("%s %s from %s: %s (answered %d %s)", r.Method, r.URL.Path, r.RemoteAddr, what, status, http.StatusText(status))
	if err != nil {
		msg += ": " + err.Error()
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	_ = say(rc.errOut, "roomsctl: webhooks listen: %s", msg)
}
