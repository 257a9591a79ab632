package roomstest

import (
	"crypto/ed25519"
	"time"
)

// config collects what the options set.
type config struct {
	apiKey            string
	apiKeyErr         error // CheckAPIKey(apiKey): such a key refuses every request, saying why
	seed              bool
	clock             func() time.Time
	validateResponses bool
	rateBudget        int                // WithRateLimit; 0: no rate limit
	rateWindow        time.Duration      // WithRateLimit
	webhookKey        ed25519.PrivateKey // WithWebhookKey; nil: generate a key pair
	webhookAnyHost    bool               // WithWebhookAnyHost
}

// Option configures a Server built by NewServer or NewHandler.
type Option func(*config)

// WithAPIKey makes the fake accept only this bearer key; any other key gets
// 401. Without it (or with "") every non-empty bearer key is accepted.
// Server.Client sends this key. A key that CheckAPIKey refuses (one with
// white space or control characters, say) cannot arrive in a request: the
// fake then answers every request 401 with a detail that says so; check
// keys from users with CheckAPIKey first, as roomsctl serve does.
func WithAPIKey(key string) Option {
	return func(c *config) { c.apiKey, c.apiKeyErr = key, CheckAPIKey(key) }
}

// WithSeedData loads the small world described in the package
// documentation, built from the API documents' own examples, so that their
// example requests succeed.
func WithSeedData() Option {
	return func(c *config) { c.seed = true }
}

// WithClock replaces time.Now as the source of every timestamp the fake
// writes (created_at, updated_at, ended_at, token expiries, a webhook's
// occurred_at and telnyx-timestamp, ...) and of the time it checks
// refresh-token expiry against. A webhook verifier then needs the same
// clock (webhook.WithClock) unless it stays near the real time; the
// timeouts of webhook deliveries stay on the wall clock. The function is called while
// the fake holds its lock, possibly from many goroutines: it must be safe
// for concurrent use and must not call back into the Server.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithResponseValidation validates every response the fake produces against
// the contract (openapi.yaml, embedded in package gen/genserver). A response that
// violates it is recorded (see Server.ContractViolations) and replaced by a
// 500 in the error envelope naming the problem, so a test cannot miss it.
// Injected faults are not validated: they break the contract on purpose.
func WithResponseValidation() Option {
	return func(c *config) { c.validateResponses = true }
}

// WithWebhookKey makes the fake sign its webhooks with key instead of a key
// pair it generates; Server.WebhookPublicKey returns its public half. A key
// that is not ed25519.PrivateKeySize bytes long is a test bug: NewServer
// and NewHandler panic on it.
func WithWebhookKey(key ed25519.PrivateKey) Option {
	return func(c *config) { c.webhookKey = append(ed25519.PrivateKey(nil), key...) }
}

// WithWebhookAnyHost lets the fake deliver webhooks to any address. Without
// it the fake delivers only to loopback addresses (127.0.0.0/8, ::1), and
// records an attempt at any other as DeliveryRefused without sending it:
// the check applies to the address a connection is actually made to, after
// name resolution, so a host name that resolves elsewhere is refused too.
// A fake reachable by others (roomsctl serve) must not become a way to
// make requests to arbitrary hosts.
func WithWebhookAnyHost() Option {
	return func(c *config) { c.webhookAnyHost = true }
}
