package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// target is one performance goal: the ratio num/den of a metric of two
// benchmarks, at most (or, with atLeast, at least) limit.
type target struct {
	num, den string // benchmark names without the -GOMAXPROCS suffix
	metric   string // "ns/op", "allocs/op", "B/op"
	limit    float64
	atLeast  bool
}

// targets are those of issue 6: the client adds at most 15% time and 30%
// allocations to hand-written net/http + encoding/json, and prefetching 4
// pages walks 20 slow pages at least 3 times faster.
var targets = []target{
	{num: "BenchmarkViewRoom/client", den: "BenchmarkViewRoom/raw", metric: "ns/op", limit: 1.15},
	{num: "BenchmarkViewRoom/client", den: "BenchmarkViewRoom/raw", metric: "allocs/op", limit: 1.3},
	{num: "BenchmarkListRooms250/client", den: "BenchmarkListRooms250/raw", metric: "ns/op", limit: 1.15},
	{num: "BenchmarkListRooms250/client", den: "BenchmarkListRooms250/raw", metric: "allocs/op", limit: 1.3},
	{num: "BenchmarkIterate20Pages/sequential", den: "BenchmarkIterate20Pages/prefetch4", metric: "ns/op", limit: 3, atLeast: true},
}

// samples maps a benchmark name and a metric to the values of every run.
type samples map[string]map[string][]float64

// procSuffix is the -GOMAXPROCS suffix go test appends to a benchmark name.
var procSuffix = regexp.MustCompile(`-\d+$`)

// parse reads `go test -bench` output. A result line is the name, the
// iteration count, then value-unit pairs; every other line is ignored.
func parse(r io.Reader) (samples, error) {
	out := samples{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue
		}
		name := procSuffix.ReplaceAllString(f[0], "")
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			if out[name] == nil {
				out[name] = map[string][]float64{}
			}
			out[name][f[i+1]] = append(out[name][f[i+1]], v)
		}
	}
	return out, sc.Err()
}

// median returns the median of vs, which must not be empty.
func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// result is the verdict on one target.
type result struct {
	target
	ratio float64
	runs  int // runs of the less measured benchmark; 0: no data
	pass  bool
}

func (r result) String() string {
	want := "<= "
	if r.atLeast {
		want = ">= "
	}
	want += strconv.FormatFloat(r.limit, 'f', -1, 64)
	name := r.num + " / " + r.den[strings.LastIndex(r.den, "/")+1:]
	if r.runs == 0 {
		return fmt.Sprintf("MISS  %-50s %-9s  no data (want %s)", name, r.metric, want)
	}
	verdict := "MISS"
	if r.pass {
		verdict = "PASS"
	}
	return fmt.Sprintf("%s  %-50s %-9s  %6.2f  (want %s; median of %d runs)", verdict, name, r.metric, r.ratio, want, r.runs)
}

// evaluate computes each target's ratio from the medians of its two benchmarks.
func evaluate(ts []target, s samples) []result {
	var out []result
	for _, t := range ts {
		r := result{target: t}
		num, den := s[t.num][t.metric], s[t.den][t.metric]
		if len(num) > 0 && len(den) > 0 && median(den) > 0 {
			r.runs = min(len(num), len(den))
			r.ratio = median(num) / median(den)
			r.pass = r.ratio <= t.limit
			if t.atLeast {
				r.pass = r.ratio >= t.limit
			}
		}
		out = append(out, r)
	}
	return out
}
