package roomstest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Refresh tokens carry their own grant: the room, the expiry and a nonce,
// signed with the store's random key. The fake checks a refresh token by
// its signature and remembers nothing per token, so that a long-running
// fake (roomsctl serve) holds the same memory however many tokens it
// issues (issue 12: 100k tokens held 22 MB, never dropped), and expiry is
// decided by the fake's clock (WithClock) at the time of the refresh.

const refreshPrefix = "roomstest.rtok."

// Layout of a refresh token's payload, before base64: room id, expiry
// (Unix microseconds, big-endian), nonce, then the first macSize bytes of
// HMAC-SHA256(tokenKey, room id | expiry | nonce).
const (
	grantRoomSize   = 16
	grantExpirySize = 8
	grantNonceSize  = 8
	grantMACSize    = 16
	grantSize       = grantRoomSize + grantExpirySize + grantNonceSize
)

// refreshGrant is what a refresh token grants.
type refreshGrant struct {
	roomID    uuid.UUID
	expiresAt time.Time
}

// issueRefreshToken returns a refresh token for g, signed by st.
func (st *store) issueRefreshToken(g refreshGrant) string {
	payload := make([]byte, grantSize, grantSize+grantMACSize)
	copy(payload, g.roomID[:])
	binary.BigEndian.PutUint64(payload[grantRoomSize:], uint64(g.expiresAt.UnixMicro()))
	_, _ = rand.Read(payload[grantRoomSize+grantExpirySize:]) // crypto/rand.Read never fails (Go 1.24+)
	payload = append(payload, st.grantMAC(payload)...)
	return refreshPrefix + base64.RawURLEncoding.EncodeToString(payload)
}

// refreshGrantOf returns the grant of a refresh token st issued, or false
// for any other string.
func (st *store) refreshGrantOf(token string) (refreshGrant, bool) {
	encoded, ok := strings.CutPrefix(token, refreshPrefix)
	if !ok {
		return refreshGrant{}, false
	}
	payload, err := base64.RawURLEncoding.Strict().DecodeString(encoded)
	if err != nil || len(payload) != grantSize+grantMACSize {
		return refreshGrant{}, false
	}
	if !hmac.Equal(payload[grantSize:], st.grantMAC(payload[:grantSize])) {
		return refreshGrant{}, false
	}
	var g refreshGrant
	copy(g.roomID[:], payload[:grantRoomSize])
	g.expiresAt = time.UnixMicro(int64(binary.BigEndian.Uint64(payload[grantRoomSize:]))).UTC()
	return g, true
}

func (st *store) grantMAC(grant []byte) []byte {
	m := hmac.New(sha256.New, st.tokenKey[:])
	m.Write(grant)
	return m.Sum(nil)[:grantMACSize]
}
