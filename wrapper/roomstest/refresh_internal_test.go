package roomstest

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRefreshTokensCarryTheirGrant: a refresh token gives back exactly the
// grant it was issued for, and only the store that signed it accepts it;
// any change to it, or a token of another store, is not a refresh token.
func TestRefreshTokensCarryTheirGrant(t *testing.T) {
	st, other := newStore(nil), newStore(nil)
	grant := refreshGrant{roomID: uuid.New(), expiresAt: time.Date(2024, 5, 10, 13, 0, 0, 123456000, time.UTC)}
	token := st.issueRefreshToken(grant)
	assert.True(t, strings.HasPrefix(token, "roomstest.rtok."))
	assert.NotEqual(t, token, st.issueRefreshToken(grant), "every token is new")

	got, ok := st.refreshGrantOf(token)
	require.True(t, ok)
	assert.Equal(t, grant, got)

	_, ok = other.refreshGrantOf(token)
	assert.False(t, ok, "another Server's token")
	for i := len("roomstest.rtok."); i < len(token); i++ {
		for _, c := range []byte{'A', '_'} {
			if token[i] == c {
				continue
			}
			tampered := token[:i] + string(c) + token[i+1:]
			_, ok := st.refreshGrantOf(tampered)
			assert.False(t, ok, "byte %d changed", i)
		}
	}
	for _, bad := range []string{"", "roomstest.rtok.", token[len("roomstest."):], token + "A", token[:len(token)-1], "roomstest.tok." + token[len("roomstest.rtok."):], token + "=="} {
		_, ok := st.refreshGrantOf(bad)
		assert.False(t, ok, "%q", bad)
	}
}
