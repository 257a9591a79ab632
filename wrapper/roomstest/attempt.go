package roomstest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// maxHookAnswerBytes bounds what the fake reads of a receiver's answer.
const maxHookAnswerBytes = 64 << 10

// errHostRefused is the dial error for an address the fake does not
// deliver to.
var errHostRefused = errors.New("not a loopback address (see WithWebhookAnyHost)")

// newHookClient is the HTTP client of the deliveries: no proxy (the check
// must see the receiver's own address), no redirects (a 3xx is an answer
// like any other non-2xx), and, unless anyHost, connections to loopback
// addresses only, checked on the address dialled after name resolution.
func newHookClient(anyHost bool) *http.Client {
	dialer := &net.Dialer{Timeout: 30 * time.Second, Control: dialControl(anyHost)}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         dialer.DialContext,
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     30 * time.Second,
			ForceAttemptHTTP2:   false,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// dialControl is the check of every address the deliveries dial: nil with
// anyHost, else loopbackOnly.
func dialControl(anyHost bool) func(network, address string, c syscall.RawConn) error {
	if anyHost {
		return nil
	}
	return loopbackOnly
}

// loopbackOnly refuses to connect to an address that is not loopback. It
// sees the address about to be dialled, after name resolution.
func loopbackOnly(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !ap.Addr().Unmap().IsLoopback() {
		return errHostRefused
	}
	return nil
}

// attempt makes attempt number n at ev, to u, and says how it went.
func (d *deliverer) attempt(ev hookEvent, n int, u string) Delivery {
	rec := Delivery{EventID: ev.id, EventType: ev.typ, RoomID: ev.roomID, Attempt: n, URL: u}
	body, err := json.Marshal(wireWebhook{Data: ev.data, Meta: gen.WebhookMeta{Attempt: int32(n), DeliveredTo: u}})
	if err != nil { // cannot happen: data is JSON the fake encoded
		panic("roomstest: encoding a webhook: " + err.Error())
	}
	if d.corrupt != nil {
		body = d.corrupt(body)
	}
	rec.Body = body
	if err := d.ctx.Err(); err != nil {
		return failed(rec, DeliveryCanceled, "the server was closed")
	}
	if err := d.contract.validateEvent(ev.typ, body); err != nil {
		v := "webhook " + string(ev.typ) + " (attempt " + strconv.Itoa(n) + "): " + err.Error()
		d.violate(v)
		return failed(rec, DeliveryInvalid, err.Error())
	}
	if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return failed(rec, DeliveryRefused, "not an http or https URL")
	}

	ts := strconv.FormatInt(d.clock().Unix(), 10)
	msg := make([]byte, 0, len(ts)+1+len(body))
	msg = append(append(append(msg, ts...), '|'), body...)
	rec.Header = http.Header{}
	rec.Header.Set("Content-Type", "application/json")
	rec.Header.Set(webhook.TimestampHeader, ts)
	rec.Header.Set(webhook.SignatureHeader, base64.StdEncoding.EncodeToString(ed25519.Sign(d.key, msg)))

	ctx, cancel := d.ctx, context.CancelFunc(func() {})
	if ev.target.timeout > 0 {
		ctx, cancel = context.WithTimeout(d.ctx, ev.target.timeout)
	}
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return failed(rec, DeliveryRefused, "not a URL the fake can send to")
	}
	req.Header = rec.Header.Clone()
	req.Header.Set("User-Agent", "roomstest-webhooks")
	resp, err := d.client.Do(req)
	if err != nil {
		return d.classify(rec, ctx, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxHookAnswerBytes))
	_ = resp.Body.Close()
	rec.StatusCode = resp.StatusCode
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		rec.Outcome = DeliveryRejected
		return rec
	}
	rec.Outcome = DeliveryOK
	return rec
}

// classify names the failure of an attempt that got no answer.
func (d *deliverer) classify(rec Delivery, ctx context.Context, err error) Delivery {
	switch {
	case errors.Is(err, errHostRefused):
		return failed(rec, DeliveryRefused, errHostRefused.Error())
	case d.ctx.Err() != nil:
		return failed(rec, DeliveryCanceled, "the server was closed")
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return failed(rec, DeliveryTimeout, "no answer within the room's webhook_timeout_secs")
	}
	var ue *url.Error
	if errors.As(err, &ue) { // its message repeats the URL, which rec has
		err = ue.Err
	}
	return failed(rec, DeliveryConnError, err.Error())
}

func failed(rec Delivery, outcome DeliveryOutcome, why string) Delivery {
	rec.Outcome, rec.Error = outcome, why
	return rec
}
