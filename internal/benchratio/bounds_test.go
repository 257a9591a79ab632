package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bulkSample is BenchmarkRateLimitedBulk output of three runs.
const bulkSample = `BenchmarkRateLimitedBulk/naive-2   	       1	2533024054 ns/op	       128.0 429s/op	       240.8 calls/s	        86.94 rate%
BenchmarkRateLimitedBulk/paced-2   	       1	3589302972 ns/op	         0 429s/op	       167.3 calls/s	        96.32 rate%
BenchmarkRateLimitedBulk/paced-2   	       1	3309272261 ns/op	         0 429s/op	       181.3 calls/s	        89.00 rate%
BenchmarkRateLimitedBulk/paced-2   	       1	3309272261 ns/op	         0 429s/op	       181.3 calls/s	        95.10 rate%
`

func TestEvaluateBounds(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string // the verdict lines, in the order of bounds
	}{
		{"met", bulkSample, []string{
			"PASS  BenchmarkRateLimitedBulk/paced", // median 95.10
			"PASS  BenchmarkRateLimitedBulk/paced",
		}},
		{"one 429 in one run", strings.Replace(bulkSample, "         0 429s/op", "         1 429s/op", 1), []string{
			"PASS  BenchmarkRateLimitedBulk/paced",
			"MISS  BenchmarkRateLimitedBulk/paced",
		}},
		{"slow", strings.ReplaceAll(bulkSample, "95.10 rate%", "80.00 rate%"), []string{
			"MISS  BenchmarkRateLimitedBulk/paced",
			"PASS  BenchmarkRateLimitedBulk/paced",
		}},
		{"no data", "", []string{"MISS", "MISS"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parse(strings.NewReader(tt.input))
			require.NoError(t, err)
			rs := evaluateBounds(bounds, s)
			require.Len(t, rs, len(tt.want))
			for i, w := range tt.want {
				assert.True(t, strings.HasPrefix(rs[i].String(), w), "%v", rs[i])
			}
		})
	}
	s, err := parse(strings.NewReader(bulkSample))
	require.NoError(t, err)
	rs := evaluateBounds(bounds, s)
	assert.Contains(t, rs[0].String(), "95.10  (want >= 90; median of 3 runs)")
	assert.Contains(t, rs[1].String(), "0.00  (want <= 0; worst of 3 runs)")
	assert.Contains(t, evaluateBounds(bounds, samples{})[0].String(), "no data (want >= 90)")
}
