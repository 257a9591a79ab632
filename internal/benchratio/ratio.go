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
// benchmarks, at most (or, with atLeast, at least) limit. With denMetric
// the ratio is of two metrics: metric of num over denMetric of den (den
// may then be num itself).
type target struct {
	num, den  string // benchmark names without the -GOMAXPROCS suffix
	metric    string // "ns/op", "allocs/op", "B/op", or a custom metric
	denMetric string // the metric of den, when it is not metric
	limit     float64
	atLeast   bool
}

// walk200 is the benchmark of a walk of 200 pages, for its memory targets.
const walk200 = "BenchmarkWalk200Pages/"

// targets are those of issue 13 (item 3): on a page of 250 rooms the client
// takes at most 65% of the time and 60% of the allocations of hand-written
// net/http + encoding/json; on one room it adds at most 5% to either;
// prefetching 4 pages walks 20 slow pages of 250 rooms at least 3 times
// faster than one page at a time; and a walk of 200 pages holds as much
// live heap at page 200 as at page 10 (within 25%), prefetching or not.
var targets = []target{
	{num: "BenchmarkViewRoom/client", den: "BenchmarkViewRoom/raw", metric: "ns/op", limit: 1.05},
	{num: "BenchmarkViewRoom/client", den: "BenchmarkViewRoom/raw", metric: "allocs/op", limit: 1.05},
	{num: "BenchmarkListRooms250/client", den: "BenchmarkListRooms250/raw", metric: "ns/op", limit: 0.65},
	{num: "BenchmarkListRooms250/client", den: "BenchmarkListRooms250/raw", metric: "allocs/op", limit: 0.6},
	{num: "BenchmarkIterate20Pages/sequential", den: "BenchmarkIterate20Pages/prefetch4", metric: "ns/op", limit: 3, atLeast: true},
	{num: walk200 + "sequential", den: walk200 + "sequential", metric: "live-B@p200", denMetric: "live-B@p10", limit: 1.25},
	{num: walk200 + "prefetch4", den: walk200 + "prefetch4", metric: "live-B@p200", denMetric: "live-B@p10", limit: 1.25},
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
	name, metric := r.num+" / "+r.den[strings.LastIndex(r.den, "/")+1:], r.metric
	if r.denMetric != "" {
		name, metric = r.num, r.metric+" / "+r.denMetric
	}
	if r.runs == 0 {
		return fmt.Sprintf("MISS  %-50s %-9s  no data (want %s)", name, metric, want)
	}
	verdict := "MISS"
	if r.pass {
		verdict = "PASS"
	}
	return fmt.Sprintf("%s  %-50s %-9s  %6.2f  (want %s; median of %d runs)", verdict, name, metric, r.ratio, want, r.runs)
}

// evaluate computes each target's ratio from the medians of its two benchmarks.
func evaluate(ts []target, s samples) []result {
	var out []result
	for _, t := range ts {
		r := result{target: t}
		dm := t.metric
		if t.denMetric != "" {
			dm = t.denMetric
		}
		num, den := s[t.num][t.metric], s[t.den][dm]
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
