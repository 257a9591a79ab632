package rooms

import (
	"math"
	"net/url"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Limits of the API contract (openapi.yaml), checked before the network.
const (
	maxPageSize        = 250 // also the most items a page may hold
	minMaxParticipants = 2
	maxMaxParticipants = 50
	maxWebhookTimeout  = 30
	minTokenTTL        = 10 * time.Second
	maxTokenTTL        = 3600 * time.Second
	minRefreshTTL      = 60 * time.Second
	maxRefreshTTL      = 86400 * time.Second
)

// parseID checks that s is a UUID in its canonical 36-character form and
// returns it parsed; field names the parameter in the error.
func parseID(field, s string) (uuid.UUID, error) {
	if len(s) == 36 {
		if id, err := uuid.Parse(s); err == nil {
			return id, nil
		}
	}
	rule := "must be a UUID such as 7b61621f-62e0-4aad-ab11-9fd19e272e73"
	if s == "" {
		rule = "is required: " + rule
	}
	return uuid.UUID{}, &ValidationError{Field: field, Rule: rule, Value: s}
}

// checkRange checks lo <= v <= hi.
func checkRange(field string, v, lo, hi int) error {
	if v < lo || v > hi {
		return &ValidationError{Field: field, Rule: "must be between " + strconv.Itoa(lo) + " and " + strconv.Itoa(hi), Value: v}
	}
	return nil
}

// checkListOptions checks page[number] >= 1 and 1 <= page[size] <= 250; zero
// means the API default and is accepted.
func checkListOptions(o ListOptions) error {
	if o.PageNumber < 0 || o.PageNumber > math.MaxInt32 {
		return &ValidationError{Field: "page[number]", Rule: "must be between 1 and 2147483647 (or 0 for the first page)", Value: o.PageNumber}
	}
	if o.PageSize < 0 || o.PageSize > maxPageSize {
		return &ValidationError{Field: "page[size]", Rule: "must be between 1 and 250 (or 0 for the API default of 20)", Value: o.PageSize}
	}
	return nil
}

// checkURL checks that s is an absolute URL with a scheme and a host.
func checkURL(field, s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return &ValidationError{Field: field, Rule: "must be an absolute URL with a scheme, such as https://example.com/webhooks", Value: s}
	}
	return nil
}

// ttlSeconds checks a token lifetime: zero (API default) or whole seconds in [lo, hi].
func ttlSeconds(field string, d, lo, hi time.Duration) (*int32, error) {
	if d == 0 {
		return nil, nil
	}
	if d%time.Second != 0 {
		return nil, &ValidationError{Field: field, Rule: "must be a whole number of seconds", Value: d}
	}
	if d < lo || d > hi {
		return nil, &ValidationError{Field: field, Rule: "must be between " + lo.String() + " and " + hi.String() + " (or 0 for the API default)", Value: d}
	}
	s := int32(d / time.Second)
	return &s, nil
}
