// Package specdiff compares the contract (openapi.yaml) with the last released
// contract (testdata/openapi.baseline.yaml) using oasdiff's backward
// compatibility checker, and reports every difference in oasdiff's own words.
//
// A change is breaking when it can break a user of this module: oasdiff rates
// it ERR or WARN (it can break a request or a response decoder), or it is one
// of the rules listed by GoBreakingRules, which oasdiff rates INFO because an
// HTTP client tolerates them but which remove or retype an identifier that
// oapi-codegen generates from the contract, so code that compiles against the
// released module would stop compiling. Everything else is a changelog entry.
//
// oasdiff's checker does not look at callbacks, so Compare lists each
// callback operation (the webhook events of createRoom) as an operation of
// its own under CallbackPathPrefix before comparing, with the body the API
// sends as a response body: a callback binds the API as a response does.
//
// The command in cmd/specdiff is what `make spec-diff` runs.
package specdiff
