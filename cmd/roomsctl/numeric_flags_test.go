package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNumericFlagsRefuseOutOfRange gives every numeric flag of roomsctl
// values out of its API field's bounds: beyond int64, beyond int32, so
// large that seconds times 10^9 wrap around (2^55 + 10 seconds read as 10
// seconds before), negative, and not a number. Each is refused as a usage
// error naming the field, before any request (the tripwire API fails the
// test if one arrives).
func TestNumericFlagsRefuseOutOfRange(t *testing.T) {
	t.Parallel()
	const id = "7b61621f-62e0-4aad-ab11-9fd19e272e73"
	flags := []struct {
		args  []string // the command, the flag last
		field string
	}{
		{[]string{"tokens", "generate", id, "--ttl"}, "token_ttl_secs"},
		{[]string{"tokens", "generate", id, "--refresh-ttl"}, "refresh_token_ttl_secs"},
		{[]string{"tokens", "refresh", id, "--refresh-token", "r", "--ttl"}, "token_ttl_secs"},
		{[]string{"rooms", "create", "--max-participants"}, "max_participants"},
		{[]string{"rooms", "update", id, "--max-participants"}, "max_participants"},
		{[]string{"rooms", "create", "--webhook-timeout"}, "webhook_timeout_secs"},
		{[]string{"rooms", "update", id, "--webhook-timeout"}, "webhook_timeout_secs"},
		{[]string{"compositions", "create", "--session-id", id, "--webhook-timeout"}, "webhook_timeout_secs"},
		{[]string{"recordings", "list", "--min-duration"}, "filter[duration_secs]"},
		{[]string{"recordings", "delete-bulk", "--min-duration"}, "filter[duration_secs]"},
		{[]string{"recordings", "delete-bulk", "--room-id", id, "--page-size"}, "page[size]"},
		{[]string{"recordings", "delete-bulk", "--room-id", id, "--page-size", "1", "--page"}, "page[number]"},
	}
	for _, list := range [][]string{{"rooms", "list"}, {"rooms", "sessions", id}, {"sessions", "list"},
		{"sessions", "participants", id}, {"participants", "list"}, {"recordings", "list"}, {"compositions", "list"}} {
		flags = append(flags,
			struct {
				args  []string
				field string
			}{append(append([]string{}, list...), "--page-size"), "page[size]"},
			struct {
				args  []string
				field string
			}{append(append([]string{}, list...), "--page"), "page[number]"})
	}
	values := []string{"36028797018963978", "10000000000", "99999999999999999999", "4294967297", "2147483648", "-1", "-9223372036854775809", "1e3", "ten"}
	env := map[string]string{envAPIKey: testKey, envBaseURL: tripwire(t) + "/v2"}
	for _, fl := range flags {
		for _, v := range values {
			args := append(append([]string{}, fl.args...), v)
			r := runCLI(t, env, args...)
			what := strings.Join(args, " ")
			assert.Equal(t, exitUsage, r.code, what)
			assert.Contains(t, r.stderr, fl.field, "%s: the error names the field", what)
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "%s: one line: %q", what, r.stderr)
		}
	}
}

// TestTTLInRangeIsExact checks that a TTL at each bound becomes exactly
// that many seconds.
func TestTTLInRangeIsExact(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s    string
		want int
	}{{"10", 10}, {"3600", 3600}} {
		n, err := tokenTTLBounds.parse(tc.s)
		assert.NoError(t, err)
		assert.Equal(t, tc.want, n)
	}
	_, err := tokenTTLBounds.parse("3601")
	assert.EqualError(t, err, "invalid token_ttl_secs: must be between 10 and 3600")
	_, err = tokenTTLBounds.parse("x")
	assert.EqualError(t, err, "want a whole number (token_ttl_secs, 10..3600)")
}
