// Command benchratio reads the output of `go test -bench` on its standard
// input, copies it to its standard output, and then prints, for each
// performance target of issue 13, the ratio of the two benchmarks (or two
// metrics) it compares (the median of each over -count runs) and PASS or
// MISS, and for each bound on one benchmark's metric (issue 13 item 4:
// bounds.go) its median or worst run and PASS or MISS.
// `make bench` pipes the benchmarks of wrapper/rooms into it.
//
// Usage:
//
//	go test -run '^$' -bench . -benchmem -count 6 ./wrapper/rooms | go run ./internal/benchratio
//
// Exit status: 0 when every target is met, 1 when one is missed or has no
// data, 2 when the input cannot be read.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Stdin, os.Stdout)) }

func run(in io.Reader, out io.Writer) int {
	samples, err := parse(io.TeeReader(in, out))
	if err != nil {
		fmt.Fprintln(out, "benchratio:", err)
		return 2
	}
	fmt.Fprintln(out)
	ok := true
	for _, r := range evaluate(targets, samples) {
		fmt.Fprintln(out, r)
		ok = ok && r.pass
	}
	for _, r := range evaluateBounds(bounds, samples) {
		fmt.Fprintln(out, r)
		ok = ok && r.pass
	}
	if !ok {
		return 1
	}
	return 0
}
