package rooms

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// pageServerEnv, set in the environment of this package's test binary to a
// latency (a time.Duration such as 5ms, or 0), makes it serve the pages of
// BenchmarkIterate20Pages, each after that latency, instead of running
// tests: the benchmark's server then runs in a process of its own, as a
// distant API does. In the benchmark's process, the server's goroutines
// would share the Go scheduler with the client's decodes, which it does not
// preempt for 10 ms and which keep it from polling the network: a request
// would wait there for a decode to end, which no remote API makes it do.
const pageServerEnv = "ROOMS_TEST_PAGE_SERVER"

func TestMain(m *testing.M) {
	if v, ok := os.LookupEnv(pageServerEnv); ok {
		latency, err := time.ParseDuration(v)
		if err != nil {
			fmt.Fprintln(os.Stderr, "page server:", err)
			os.Exit(2)
		}
		os.Exit(servePageProcess(latency, os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// iterHandler answers GET /v2/rooms with the pages of BenchmarkIterate20Pages,
// rendered once, each after latency (none when it is 0).
func iterHandler(latency time.Duration) http.Handler {
	pages := make([][]byte, iterPages+1)
	for n := 1; n <= iterPages; n++ {
		items := make([]string, iterSize)
		for i := range items {
			items[i] = roomJSON(uuidN(n*iterSize+i), "bench")
		}
		pages[n] = []byte(pageJSON(items, n, iterSize, iterPages, iterPages*iterSize))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("page[number]"))
		if err != nil {
			n = 1
		}
		if latency > 0 {
			time.Sleep(latency) // the emulated distance of the API, in benchmarks only
		}
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/v2/rooms" || n < 1 || n > iterPages {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(pages[n])))
		_, _ = w.Write(pages[n])
	})
}

// servePageProcess serves iterHandler(latency) on a loopback port, writes the port's
// address as the first line of out, and serves until in ends (the parent
// closed it, or exited). It returns the process's exit code.
func servePageProcess(latency time.Duration, in io.Reader, out io.Writer) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "page server:", err)
		return 1
	}
	srv := &http.Server{Handler: iterHandler(latency), ReadHeaderTimeout: time.Minute}
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintln(out, ln.Addr())
	_, _ = io.Copy(io.Discard, in)
	_ = srv.Close()
	return 0
}

// startPageProcess runs this test binary as a page server (servePageProcess)
// in a process of its own, answering after latency, stopped when tb ends,
// and returns its base URL.
func startPageProcess(tb testing.TB, latency time.Duration) string {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), pageServerEnv+"="+latency.String())
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	require.NoError(tb, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(tb, err)
	require.NoError(tb, cmd.Start())
	tb.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	})
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(tb, err, "the page server did not say where it listens")
	return "http://" + strings.TrimSpace(addr) + "/v2"
}

// TestPageProcess checks the server of BenchmarkIterate20Pages, in its own
// process as the benchmark runs it (without its latency, which only the
// benchmark's timings need): a prefetching walk gets every page,
// complete and in order, and a page beyond the total is not found.
func TestPageProcess(t *testing.T) {
	t.Parallel()
	base := startPageProcess(t, 0)
	c := prefetchingClient(t, base, http.DefaultTransport.(*http.Transport))
	p := &ListRoomsParams{ListOptions: ListOptions{PageSize: iterSize}}
	n := 0
	for r, err := range c.Rooms.ListIter(context.Background(), p, WithPrefetch(4)) {
		require.NoError(t, err)
		require.Equal(t, uuidN(iterSize+n), r.ID, "room %d", n)
		n++
	}
	require.Equal(t, iterPages*iterSize, n)
	_, err := c.Rooms.List(context.Background(), &ListRoomsParams{ListOptions: ListOptions{PageNumber: iterPages + 1, PageSize: iterSize}})
	require.ErrorIs(t, err, ErrNotFound)
}
