package roomstest

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// maxDeliveryRecords is how many delivery attempts a Server remembers
// (the most recent), so that a fake served for days (roomsctl serve) does
// not hold every body it ever sent.
const maxDeliveryRecords = 10_000

// defaultWebhookTimeout is how long the fake waits for a receiver's answer
// when the room's webhook_timeout_secs is unset (D32).
const defaultWebhookTimeout = 10 * time.Second

// hookTarget is where an event goes: the URLs and answer timeout of its
// room (or, later, of a composition) as they were when it happened.
type hookTarget struct {
	// queue names the queue the event joins: the events of one queue are
	// delivered one after the other, in the order they were emitted.
	queue    string
	primary  string
	failover string
	timeout  time.Duration // 0: no limit
}

// roomTarget is the target of the events of room r: its webhook URLs and
// timeout, and a queue of its own.
func roomTarget(r *gen.Room) hookTarget {
	t := hookTarget{queue: "room " + r.ID.String(), primary: r.WebhookEventURL, failover: r.WebhookEventFailoverURL, timeout: defaultWebhookTimeout}
	if r.WebhookTimeoutSecs != nil {
		t.timeout = time.Duration(*r.WebhookTimeoutSecs) * time.Second
	}
	return t
}

// hookEvent is an event waiting in a queue: everything but meta, encoded.
type hookEvent struct {
	target hookTarget
	id     string
	typ    webhook.EventType
	roomID string
	data   json.RawMessage // the "data" member
}

// wireData is the "data" member of every webhook body.
type wireData struct {
	RecordType string            `json:"record_type"`
	EventType  webhook.EventType `json:"event_type"`
	ID         uuid.UUID         `json:"id"`
	OccurredAt time.Time         `json:"occurred_at"`
	Payload    any               `json:"payload"`
}

// wireWebhook is a webhook body: the event and how it is delivered.
type wireWebhook struct {
	Data json.RawMessage `json:"data"`
	Meta gen.WebhookMeta `json:"meta"`
}

// deliverer sends the fake's webhooks: one worker goroutine per queue that
// has events waiting, each making its attempts in order.
type deliverer struct {
	key      ed25519.PrivateKey
	clock    func() time.Time
	client   *http.Client
	contract *contract
	violate  func(string) // records a contract violation
	ctx      context.Context
	cancel   context.CancelFunc
	workers  sync.WaitGroup

	// corrupt, when non-nil, may rewrite each body before it is validated.
	// Only this package's tests set it, to prove that event validation
	// catches a broken event.
	corrupt func(body []byte) []byte

	mu      sync.Mutex
	closed  bool
	queues  map[string][]hookEvent // a queue is present while its worker runs
	open    int                    // events emitted and not finished
	records []Delivery             // the attempts, oldest first; the last maxDeliveryRecords of them count
	total   int                    // attempts ever recorded
	changed chan struct{}          // closed and replaced when records or open change
}

func newDeliverer(cfg config, c *contract, violate func(string)) *deliverer {
	key := cfg.webhookKey
	if key == nil {
		_, key, _ = ed25519.GenerateKey(rand.Reader) // crypto/rand never fails (Go 1.24+)
	}
	if len(key) != ed25519.PrivateKeySize {
		panic(fmt.Sprintf("roomstest: WithWebhookKey: an Ed25519 private key is %d bytes, got %d", ed25519.PrivateKeySize, len(key)))
	}
	clock := cfg.clock
	if clock == nil {
		clock = time.Now
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &deliverer{
		key:      key,
		clock:    clock,
		client:   newHookClient(cfg.webhookAnyHost),
		contract: c,
		violate:  violate,
		ctx:      ctx,
		cancel:   cancel,
		queues:   map[string][]hookEvent{},
		changed:  make(chan struct{}),
	}
}

// emit queues an event of type typ about room roomID, which happened at
// at, for delivery to target. payload is the event's payload, a generated
// model such as gen.SessionStartedPayload. Call it where the state changes,
// with the store's lock held, so that a queue's events go out in the order
// they happened. A target without a primary URL gets nothing.
func (d *deliverer) emit(target hookTarget, typ webhook.EventType, roomID uuid.UUID, at time.Time, payload any) {
	if d == nil || target.primary == "" {
		return
	}
	id := uuid.New()
	data, err := json.Marshal(wireData{RecordType: "event", EventType: typ, ID: id, OccurredAt: at.UTC(), Payload: payload})
	if err != nil { // cannot happen: the payloads are generated models
		panic("roomstest: encoding a webhook: " + err.Error())
	}
	ev := hookEvent{target: target, id: id.String(), typ: typ, roomID: roomID.String(), data: data}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	q, running := d.queues[target.queue]
	d.queues[target.queue] = append(q, ev)
	d.open++
	if !running {
		d.workers.Add(1)
		go d.work(target.queue)
	}
}

// work delivers the events of one queue until it is empty.
func (d *deliverer) work(queue string) {
	defer d.workers.Done()
	for {
		d.mu.Lock()
		q := d.queues[queue]
		if len(q) == 0 {
			delete(d.queues, queue)
			d.mu.Unlock()
			return
		}
		ev := q[0]
		q[0] = hookEvent{}
		d.queues[queue] = q[1:]
		d.mu.Unlock()

		d.deliver(ev)

		d.mu.Lock()
		d.open--
		d.notifyLocked()
		d.mu.Unlock()
	}
}

// deliver makes the attempts at one event: the primary URL, then the
// failover URL if the first attempt failed and the target has one.
func (d *deliverer) deliver(ev hookEvent) {
	urls := []string{ev.target.primary}
	if ev.target.failover != "" {
		urls = append(urls, ev.target.failover)
	}
	for i, u := range urls {
		rec := d.attempt(ev, i+1, u)
		d.record(rec)
		switch rec.Outcome {
		case DeliveryOK, DeliveryInvalid, DeliveryCanceled:
			return
		}
	}
}

func (d *deliverer) record(rec Delivery) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.records = append(d.records, rec)
	if len(d.records) >= 2*maxDeliveryRecords { // trim in bulk: appends stay amortised O(1)
		d.records = append([]Delivery(nil), d.records[len(d.records)-maxDeliveryRecords:]...)
	}
	d.total++
	d.notifyLocked()
}

func (d *deliverer) notifyLocked() {
	close(d.changed)
	d.changed = make(chan struct{})
}

// close cancels the attempts under way, drops the events still queued
// (each recorded as DeliveryCanceled by its worker) and waits for the
// workers to finish.
func (d *deliverer) close() {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	d.cancel()
	d.workers.Wait()
	d.client.CloseIdleConnections()
}

func (d *deliverer) deliveries() []Delivery {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.retainedLocked()
}

// retainedLocked copies the last maxDeliveryRecords attempts.
func (d *deliverer) retainedLocked() []Delivery {
	return cloneDeliveries(d.records[max(len(d.records)-maxDeliveryRecords, 0):])
}

func (d *deliverer) wait(ctx context.Context, n int) ([]Delivery, error) {
	for {
		d.mu.Lock()
		total, changed := d.total, d.changed
		if total >= n {
			out := d.retainedLocked()
			d.mu.Unlock()
			return out, nil
		}
		d.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return d.deliveries(), fmt.Errorf("roomstest: WaitDeliveries: %d of %d attempts recorded: %w", total, n, ctx.Err())
		}
	}
}

func (d *deliverer) waitIdle(ctx context.Context) error {
	for {
		d.mu.Lock()
		open, changed := d.open, d.changed
		d.mu.Unlock()
		if open == 0 {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("roomstest: WaitWebhooksIdle: %d events not finished: %w", open, ctx.Err())
		}
	}
}

// cloneDeliveries copies records deeply enough that a caller changing
// its copy (a header, a body byte) changes nothing recorded.
func cloneDeliveries(records []Delivery) []Delivery {
	out := make([]Delivery, len(records))
	for i, r := range records {
		r.Header = r.Header.Clone()
		r.Body = append([]byte(nil), r.Body...)
		out[i] = r
	}
	return out
}
