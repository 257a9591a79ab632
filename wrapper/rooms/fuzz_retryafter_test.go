package rooms

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzRetryAfter feeds arbitrary Retry-After header values to the parser:
// it must never panic, never return a negative wait or one longer than a
// day, read plain delay-seconds exactly, and the policy must never wait
// longer than MaxRetryAfter whatever the header says.
func FuzzRetryAfter(f *testing.F) {
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, s := range []string{"", "0", "1", " 120 ", "-1", "+5", "1.5", "1e3", "soon", "86400", "86401",
		"99999999999999999999", "9223372036854775807", "-9223372036854775808",
		now.Add(90 * time.Second).Format(http.TimeFormat), now.Add(-time.Hour).Format(http.TimeFormat),
		"Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
		"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "\x00", "１２"} {
		f.Add(s)
	}
	p := RetryPolicy{MaxRetries: 1, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxRetryAfter: 30 * time.Second}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, now)
		if !ok {
			if d != 0 {
				t.Fatalf("%q: not ok but %v", v, d)
			}
			return
		}
		if d < 0 || d > 24*time.Hour {
			t.Fatalf("%q: wait %v outside [0, 24h]", v, d)
		}
		if n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64); err == nil && n <= 86400 && d != time.Duration(n)*time.Second {
			t.Fatalf("%q: %v, want %d s", v, d, n)
		}
		if w := p.delay(1, d, ok); w < 0 || w > p.MaxRetryAfter {
			t.Fatalf("%q: the policy waits %v", v, w)
		}
	})
}
