package rooms

import (
	"testing"
)

// FuzzRedaction fuzzes the key as well as what a hostile server echoes of
// it: the echo is pre, the key in one of echoEncodings, post, and a piece
// of the key (bytes from..to) in the same encoding, put into one place of
// the answer (echoPlace). Neither Error() nor a log record may show any
// encoding of the key the oracle knows (oracleForms), nor a run of
// minPiece bytes of it. Keys a client refuses (empty, or not visible
// ASCII) are skipped, as are texts longer than a header can carry.
func FuzzRedaction(f *testing.F) {
	for _, k := range redactionKeys {
		for i := range echoEncodings {
			f.Add(k.key, uint8(i), uint8(i%int(numEchoPlaces)), "RE", "TED", uint8(0), uint8(len(k.key)/2))
		}
	}
	f.Add("abcdefgRE", uint8(0), uint8(inEnvelope), "abcdefg", "", uint8(0), uint8(0))
	f.Add("TED0123456789", uint8(0), uint8(inHTML), "", "", uint8(3), uint8(10))
	f.Add(`KEY0123\`, uint8(0), uint8(inMessage), "", `"`, uint8(0), uint8(7))
	f.Add(`nKEY0123`, uint8(0), uint8(inMessage), "\n", "", uint8(1), uint8(8))
	h := newEchoHarness(f)
	f.Fuzz(func(t *testing.T, key string, enc, place uint8, pre, post string, from, to uint8) {
		if key == "" || len(key) > 128 || checkAPIKey(key) != nil || len(pre)+len(post) > 1024 {
			return
		}
		e := echoEncodings[int(enc)%len(echoEncodings)].Encode
		i := int(from) % len(key)
		j := i + int(to)%(len(key)-i+1)
		echo := pre + e(key) + post + e(key[i:j])
		at := echoPlace(place % uint8(numEchoPlaces))
		if l := h.call(t, key, echo, at).leak(key); l != "" {
			t.Errorf("an echo in the %s leaks: %s", at, l)
		}
	})
}
