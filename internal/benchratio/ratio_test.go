package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms
BenchmarkViewRoom/client-2         	   37413	     31000 ns/op	    8456 B/op	     100 allocs/op
BenchmarkViewRoom/client-2         	   40257	     29000 ns/op	    8454 B/op	     100 allocs/op
BenchmarkViewRoom/client-2         	   40701	     90000 ns/op	    8453 B/op	     100 allocs/op
BenchmarkViewRoom/raw-2            	   42758	     28000 ns/op	    7926 B/op	      89 allocs/op
BenchmarkViewRoom/raw-2            	   43220	     27000 ns/op	    7925 B/op	      89 allocs/op
BenchmarkViewRoom/raw-2            	   45657	     26000 ns/op	    7925 B/op	      89 allocs/op
BenchmarkListRooms250/client-2     	    1620	   1000000 ns/op	  114400 B/op	     619 allocs/op
BenchmarkListRooms250/raw-2        	    1262	    800000 ns/op	  370390 B/op	     610 allocs/op
BenchmarkIterate20Pages/sequential-2 	      10	 109000000 ns/op	  437670 B/op	    3313 allocs/op
BenchmarkIterate20Pages/prefetch4-2  	      34	  33000000 ns/op	  436100 B/op	    3358 allocs/op
--- FAIL: BenchmarkSomething
PASS
ok  	github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms	15.329s
`

func TestParseAndMedians(t *testing.T) {
	s, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	assert.Equal(t, []float64{31000, 29000, 90000}, s["BenchmarkViewRoom/client"]["ns/op"])
	assert.Equal(t, 31000.0, median(s["BenchmarkViewRoom/client"]["ns/op"]), "an outlier does not move the median")
	assert.Equal(t, 2.5, median([]float64{4, 1, 3, 2}))
	assert.Len(t, s, 6)
	assert.NotContains(t, s, "BenchmarkSomething")
}

func TestEvaluate(t *testing.T) {
	s, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	rs := evaluate(targets, s)
	require.Len(t, rs, len(targets))
	want := []struct {
		ratio float64
		pass  bool
	}{
		{31000.0 / 27000, true}, // 1.148
		{100.0 / 89, true},
		{1.25, false}, // 1,000,000 / 800,000 ns
		{619.0 / 610, true},
		{109.0 / 33, true},
	}
	for i, w := range want {
		assert.InDelta(t, w.ratio, rs[i].ratio, 1e-9, "%v", rs[i])
		assert.Equal(t, w.pass, rs[i].pass, "%v", rs[i])
	}
	assert.Contains(t, rs[0].String(), "PASS  BenchmarkViewRoom/client / raw")
	assert.Contains(t, rs[0].String(), "1.15  (want <= 1.15; median of 3 runs)")
	assert.Contains(t, rs[2].String(), "MISS")
	assert.Contains(t, rs[4].String(), "(want >= 3;")

	slow := samples{"BenchmarkIterate20Pages/sequential": {"ns/op": {10}}, "BenchmarkIterate20Pages/prefetch4": {"ns/op": {5}}}
	r := evaluate(targets[4:], slow)[0]
	assert.False(t, r.pass, "a prefetch only 2x faster misses")
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	assert.Equal(t, 1, run(strings.NewReader(sample), &out), "one target is missed")
	assert.True(t, strings.HasPrefix(out.String(), sample), "the input is copied")
	assert.Equal(t, 4, strings.Count(out.String(), "PASS  "))
	assert.Equal(t, 1+len(bounds), strings.Count(out.String(), "MISS  "), "one target, and the bounds have no data")

	out.Reset()
	assert.Equal(t, 1, run(strings.NewReader("no benchmarks here\n"), &out))
	assert.Equal(t, len(targets)+len(bounds), strings.Count(out.String(), "no data"))

	good := strings.ReplaceAll(sample, "    800000 ns/op", "    900000 ns/op") + bulkSample
	out.Reset()
	assert.Equal(t, 0, run(strings.NewReader(good), &out), out.String())
}
