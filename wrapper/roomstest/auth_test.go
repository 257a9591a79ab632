package roomstest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func TestAuth(t *testing.T) {
	const key = "KEYsecret-0123456789"
	tests := []struct {
		name   string
		opts   []roomstest.Option
		auth   string
		status int
	}{
		{"no header", nil, "", http.StatusUnauthorized},
		{"no scheme", nil, key, http.StatusUnauthorized},
		{"basic scheme", nil, "Basic " + key, http.StatusUnauthorized},
		{"empty bearer", nil, "Bearer ", http.StatusUnauthorized},
		{"blank bearer", nil, "Bearer    ", http.StatusUnauthorized},
		{"any key without WithAPIKey", nil, "Bearer anything", http.StatusCreated},
		{"scheme is case-insensitive", nil, "bearer anything", http.StatusCreated},
		{"the configured key", []roomstest.Option{roomstest.WithAPIKey(key)}, "Bearer " + key, http.StatusCreated},
		{"another key", []roomstest.Option{roomstest.WithAPIKey(key)}, "Bearer " + key + "x", http.StatusUnauthorized},
		{"a prefix of the key", []roomstest.Option{roomstest.WithAPIKey(key)}, "Bearer KEY", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.opts...)
			status, header, body := doRaw(t, http.MethodPost, f.srv.URL+"/rooms", `{"unique_name": "x"}`, tt.auth)
			require.Equal(t, tt.status, status, "body: %s", body)
			if tt.status != http.StatusUnauthorized {
				assert.Len(t, f.srv.Rooms(), 1)
				return
			}
			assert.Equal(t, "application/json", header.Get("Content-Type"))
			e := envelope(t, body)
			assert.Equal(t, "10009", e.Code)
			assert.NotContains(t, string(body), "KEY", "the key is never echoed")
			assert.Empty(t, f.srv.Rooms(), "an unauthenticated request changes nothing")
		})
	}
}

func TestAuthComesBeforeValidation(t *testing.T) {
	f := newFixture(t)
	status, _, body := doRaw(t, http.MethodGet, f.srv.URL+"/rooms?page[size]=0", "", "")
	assert.Equal(t, http.StatusUnauthorized, status, "body: %s", body)
	assert.Equal(t, 1, f.srv.Requests("listRooms"))
}
