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
BenchmarkViewRoom/client-2         	   37413	     27500 ns/op	    8456 B/op	      92 allocs/op
BenchmarkViewRoom/client-2         	   40257	     27000 ns/op	    8454 B/op	      92 allocs/op
BenchmarkViewRoom/client-2         	   40701	     90000 ns/op	    8453 B/op	      92 allocs/op
BenchmarkViewRoom/raw-2            	   42758	     28000 ns/op	    7926 B/op	      90 allocs/op
BenchmarkViewRoom/raw-2            	   43220	     27000 ns/op	    7925 B/op	      90 allocs/op
BenchmarkViewRoom/raw-2            	   45657	     26000 ns/op	    7925 B/op	      90 allocs/op
BenchmarkListRooms250/client-2     	    1620	    500000 ns/op	   70400 B/op	     373 allocs/op
BenchmarkListRooms250/raw-2        	    1262	    800000 ns/op	  414390 B/op	     860 allocs/op
BenchmarkIterate20Pages/sequential-2 	      10	 109000000 ns/op	  437670 B/op	    3313 allocs/op
BenchmarkIterate20Pages/prefetch4-2  	      34	  33000000 ns/op	  436100 B/op	    3358 allocs/op
BenchmarkWalk200Pages/sequential-2 	       5	 200000000 ns/op	   1000000 live-B@p10	   1100000 live-B@p200	 9000000 B/op	   70000 allocs/op
BenchmarkWalk200Pages/prefetch4-2  	       5	  90000000 ns/op	   2000000 live-B@p10	  40000000 live-B@p200	 9000000 B/op	   70000 allocs/op
--- FAIL: BenchmarkSomething
PASS
ok  	github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms	15.329s
`

func TestParseAndMedians(t *testing.T) {
	s, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	assert.Equal(t, []float64{27500, 27000, 90000}, s["BenchmarkViewRoom/client"]["ns/op"])
	assert.Equal(t, 27500.0, median(s["BenchmarkViewRoom/client"]["ns/op"]), "an outlier does not move the median")
	assert.Equal(t, 2.5, median([]float64{4, 1, 3, 2}))
	assert.Equal(t, []float64{1100000}, s["BenchmarkWalk200Pages/sequential"]["live-B@p200"], "custom metrics")
	assert.Len(t, s, 8)
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
		{27500.0 / 27000, true}, // 1.019
		{92.0 / 90, true},
		{500000.0 / 800000, true}, // 0.625
		{373.0 / 860, true},
		{109.0 / 33, true},
		{1.1, true}, // live heap at page 200 over page 10
		{20, false}, // a walk that keeps its pages
	}
	for i, w := range want {
		assert.InDelta(t, w.ratio, rs[i].ratio, 1e-9, "%v", rs[i])
		assert.Equal(t, w.pass, rs[i].pass, "%v", rs[i])
	}
	assert.Contains(t, rs[0].String(), "PASS  BenchmarkViewRoom/client / raw")
	assert.Contains(t, rs[0].String(), "1.02  (want <= 1.05; median of 3 runs)")
	assert.Contains(t, rs[4].String(), "(want >= 3;")
	assert.Contains(t, rs[5].String(), "PASS  BenchmarkWalk200Pages/sequential")
	assert.Contains(t, rs[5].String(), "live-B@p200 / live-B@p10")
	assert.Contains(t, rs[6].String(), "MISS")

	slow := samples{"BenchmarkIterate20Pages/sequential": {"ns/op": {10}}, "BenchmarkIterate20Pages/prefetch4": {"ns/op": {5}}}
	r := evaluate(targets[4:5], slow)[0]
	assert.False(t, r.pass, "a prefetch only 2x faster misses")

	heavy := samples{"BenchmarkListRooms250/client": {"ns/op": {700}}, "BenchmarkListRooms250/raw": {"ns/op": {1000}}}
	r = evaluate(targets[2:3], heavy)[0]
	assert.False(t, r.pass, "0.7 of the raw time misses 0.65")
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	assert.Equal(t, 1, run(strings.NewReader(sample), &out), "one target is missed")
	assert.True(t, strings.HasPrefix(out.String(), sample), "the input is copied")
	assert.Equal(t, 6, strings.Count(out.String(), "PASS  "))
	assert.Equal(t, 1+len(bounds), strings.Count(out.String(), "MISS  "), "one target, and the bounds have no data")

	out.Reset()
	assert.Equal(t, 1, run(strings.NewReader("no benchmarks here\n"), &out))
	assert.Equal(t, len(targets)+len(bounds), strings.Count(out.String(), "no data"))

	good := strings.ReplaceAll(sample, "40000000 live-B@p200", " 2100000 live-B@p200") + bulkSample
	out.Reset()
	assert.Equal(t, 0, run(strings.NewReader(good), &out), out.String())
}
