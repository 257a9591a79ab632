package rooms

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseRateLimit(t *testing.T) {
	now := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	h := func(limit, remaining, reset string) http.Header {
		out := http.Header{}
		for k, v := range map[string]string{headerRateLimit: limit, headerRateRemaining: remaining, headerRateReset: reset} {
			if v != "-" {
				out.Set(k, v)
			}
		}
		return out
	}
	tests := []struct {
		name   string
		header http.Header
		want   RateLimit
	}{
		{"all three", h("100", "42", "17"), RateLimit{Limit: 100, Remaining: 42, Reset: 17 * time.Second, ResetAt: now.Add(17 * time.Second)}},
		{"spent, resets now", h("100", "0", "0"), RateLimit{Limit: 100, Remaining: 0, Reset: 0, ResetAt: now}},
		{"spaces around", h(" 100 ", "1", "2"), RateLimit{Limit: 100, Remaining: 1, Reset: 2 * time.Second, ResetAt: now.Add(2 * time.Second)}},
		{"largest", h("2147483647", "2147483647", "2147483647"), RateLimit{Limit: 1<<31 - 1, Remaining: 1<<31 - 1, Reset: (1<<31 - 1) * time.Second, ResetAt: now.Add((1<<31 - 1) * time.Second)}},
		{"none", http.Header{}, RateLimit{}},
		{"limit missing", h("-", "1", "2"), RateLimit{}},
		{"remaining missing", h("10", "-", "2"), RateLimit{}},
		{"reset missing", h("10", "1", "-"), RateLimit{}},
		{"negative", h("10", "-1", "2"), RateLimit{}},
		{"plus sign", h("10", "+1", "2"), RateLimit{}},
		{"too large", h("2147483648", "1", "2"), RateLimit{}},
		{"fraction", h("10", "1", "1.5"), RateLimit{}},
		{"empty", h("10", "", "2"), RateLimit{}},
		{"remaining above limit", h("10", "11", "2"), RateLimit{}},
		{"twice", http.Header{headerRateLimit: {"10", "20"}, headerRateRemaining: {"1"}, headerRateReset: {"2"}}, RateLimit{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseRateLimit(tt.header, now)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want != RateLimit{}, got.Known())
		})
	}
}
