package roomstest

import "time"

// config collects what the options set.
type config struct {
	apiKey            string
	apiKeyErr         error // CheckAPIKey(apiKey): such a key refuses every request, saying why
	seed              bool
	clock             func() time.Time
	validateResponses bool
	rateBudget        int           // WithRateLimit; 0: no rate limit
	rateWindow        time.Duration // WithRateLimit
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
// writes (created_at, updated_at, ended_at, token expiries, ...) and of the
// time it checks refresh-token expiry against. The function is called while
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
