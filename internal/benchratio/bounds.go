package main

import (
	"fmt"
	"slices"
	"strconv"
)

// bound is a performance goal on a metric of one benchmark, not a ratio of
// two: its median at least (with atLeast) or at most limit, or, with
// everyRun, its worst run.
type bound struct {
	name     string // benchmark name without the -GOMAXPROCS suffix
	metric   string // a unit of the result line, custom metrics included
	limit    float64
	atLeast  bool
	everyRun bool
}

// bounds are the targets of issue 13 item 4: paced bulk work from four
// clients sharing one key runs at 90% or more of the allowed rate, and
// never gets a 429.
var bounds = []bound{
	{name: "BenchmarkRateLimitedBulk/paced", metric: "rate%", limit: 90, atLeast: true},
	{name: "BenchmarkRateLimitedBulk/paced", metric: "429s/op", limit: 0, everyRun: true},
}

// boundResult is the verdict on one bound.
type boundResult struct {
	bound
	value float64
	runs  int // 0: no data
	pass  bool
}

func (r boundResult) String() string {
	want := "<= "
	if r.atLeast {
		want = ">= "
	}
	want += strconv.FormatFloat(r.limit, 'f', -1, 64)
	of := "median"
	if r.everyRun {
		of = "worst"
	}
	if r.runs == 0 {
		return fmt.Sprintf("MISS  %-50s %-9s  no data (want %s)", r.name, r.metric, want)
	}
	verdict := "MISS"
	if r.pass {
		verdict = "PASS"
	}
	return fmt.Sprintf("%s  %-50s %-9s  %6.2f  (want %s; %s of %d runs)", verdict, r.name, r.metric, r.value, want, of, r.runs)
}

// evaluateBounds judges each bound on the runs of its benchmark.
func evaluateBounds(bs []bound, s samples) []boundResult {
	var out []boundResult
	for _, b := range bs {
		r := boundResult{bound: b}
		if vs := s[b.name][b.metric]; len(vs) > 0 {
			r.runs = len(vs)
			switch {
			case !b.everyRun:
				r.value = median(vs)
			case b.atLeast:
				r.value = slices.Min(vs)
			default:
				r.value = slices.Max(vs)
			}
			r.pass = r.value <= b.limit
			if b.atLeast {
				r.pass = r.value >= b.limit
			}
		}
		out = append(out, r)
	}
	return out
}
