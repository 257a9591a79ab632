package rooms

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// benchServer answers GET /v2/rooms/{id} with one room and GET /v2/rooms with
// a page of 250 rooms, from bodies rendered once.
func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	one := []byte(`{"data":` + roomJSON(roomID, "bench") + `}`)
	items := make([]string, 250)
	for i := range items {
		items[i] = roomJSON(uuidN(i), "bench")
	}
	page := []byte(pageJSON(items, 1, 250, 1, 250))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/rooms/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(one)
	})
	mux.HandleFunc("GET /v2/rooms", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(page)
	})
	srv := httptest.NewServer(mux)
	b.Cleanup(srv.Close)
	return srv
}

// rawGet is the hand-written baseline: net/http plus encoding/json.
func rawGet(ctx context.Context, hc *http.Client, url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil
}

func benchClient(b *testing.B, srv *httptest.Server) *Client {
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL(srv.URL+"/v2"), WithHTTPClient(srv.Client()))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkViewRoom compares Rooms.Get (GET /rooms/{room_id}, viewRoom)
// with the raw baseline: the same request and decode, hand-written.
func BenchmarkViewRoom(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		c := benchClient(b, srv)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Rooms.Get(ctx, roomID, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		hc := srv.Client()
		url := srv.URL + "/v2/rooms/" + roomID
		b.ReportAllocs()
		for b.Loop() {
			var env struct {
				Data *Room `json:"data"`
			}
			if err := rawGet(ctx, hc, url, &env); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkListRooms250 compares Rooms.List of a 250-room page with the raw
// baseline.
func BenchmarkListRooms250(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		c := benchClient(b, srv)
		p := &ListRoomsParams{ListOptions: ListOptions{PageSize: 250}}
		b.ReportAllocs()
		for b.Loop() {
			page, err := c.Rooms.List(ctx, p)
			if err != nil || len(page.Items) != 250 {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		hc := srv.Client()
		url := srv.URL + "/v2/rooms?page%5Bsize%5D=250"
		b.ReportAllocs()
		for b.Loop() {
			var env struct {
				Data []Room              `json:"data"`
				Meta *gen.PaginationMeta `json:"meta"`
			}
			if err := rawGet(ctx, hc, url, &env); err != nil || len(env.Data) != 250 {
				b.Fatal(err)
			}
		}
	})
}

// iterPages and iterLatency shape BenchmarkIterate20Pages: 20 pages of 250
// rooms (the largest page the API serves), each answered after 5 ms, as a
// distant API would.
const (
	iterPages   = 20
	iterSize    = 250
	iterLatency = 5 * time.Millisecond
)

// BenchmarkIterate20Pages walks 20 pages of 250 rooms with ListIter, one page at a time
// (sequential) and with WithPrefetch(4) (prefetch4), from a server in a
// process of its own (startPageProcess), as the API is.
func BenchmarkIterate20Pages(b *testing.B) {
	c := prefetchingClient(b, startPageProcess(b, iterLatency), http.DefaultTransport.(*http.Transport))
	p := &ListRoomsParams{ListOptions: ListOptions{PageSize: iterSize}}
	for _, bc := range []struct {
		name string
		opts []IterOption
	}{{"sequential", nil}, {"prefetch4", []IterOption{WithPrefetch(4)}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				for _, err := range c.Rooms.ListIter(context.Background(), p, bc.opts...) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != iterPages*iterSize {
					b.Fatalf("walked %d rooms", n)
				}
			}
		})
	}
}

// walkPages and walkSize shape BenchmarkWalk200Pages: 200 pages of 250
// rooms, answered at once.
const (
	walkPages = 200
	walkSize  = 250
)

// BenchmarkWalk200Pages walks 200 pages of 250 rooms with ListIter, one
// page at a time (sequential) and with WithPrefetch(4) (prefetch4), and
// reports the live heap (after a collection, while the loop holds the
// page's last room) at page 10 and at page 200, the highest of every run,
// as the custom metrics live-B@p10 and live-B@p200, beside live-B@start,
// before the first walk: a walk holds the page it yields and those it
// prefetched, never those it has yielded, so the two are the same.
func BenchmarkWalk200Pages(b *testing.B) {
	// Each page is the same template with its page number written in: the
	// server holds one page, not 200.
	items := make([]string, walkSize)
	for i := range items {
		items[i] = roomJSON(fmt.Sprintf("00000000-0000-4000-8000-PPPPPP%06d", i), "walk")
	}
	template := []byte(strings.Replace(pageJSON(items, 0, walkSize, walkPages, walkPages*walkSize), `"page_number":0`, `"page_number":NNNNNN`, 1))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("page[number]"))
		if err != nil {
			n = 1
		}
		w.Header().Set("Content-Type", "application/json")
		if n < 1 || n > walkPages {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		body := bytes.ReplaceAll(template, []byte("PPPPPP"), fmt.Appendf(nil, "%06d", n))
		_, _ = w.Write(bytes.Replace(body, []byte("NNNNNN"), fmt.Appendf(nil, "%6d", n), 1))
	}))
	b.Cleanup(srv.Close)
	c := prefetchingClient(b, srv.URL+"/v2", srv.Client().Transport.(*http.Transport))
	p := &ListRoomsParams{ListOptions: ListOptions{PageSize: walkSize}}
	for _, bc := range []struct {
		name string
		opts []IterOption
	}{{"sequential", nil}, {"prefetch4", []IterOption{WithPrefetch(4)}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			base := liveHeap()
			var at10, at200 uint64
			for b.Loop() {
				n := 0
				for _, err := range c.Rooms.ListIter(context.Background(), p, bc.opts...) {
					if err != nil {
						b.Fatal(err)
					}
					n++
					switch n {
					case 10 * walkSize:
						at10 = max(at10, liveHeap())
					case walkPages * walkSize:
						at200 = max(at200, liveHeap())
					}
				}
				if n != walkPages*walkSize {
					b.Fatalf("walked %d rooms", n)
				}
			}
			b.ReportMetric(float64(base), "live-B@start")
			b.ReportMetric(float64(at10), "live-B@p10")
			b.ReportMetric(float64(at200), "live-B@p200")
		})
	}
}

// liveHeap returns the bytes of live heap, after a collection.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// prefetchingClient is a Client of the API at baseURL over a copy of base
// that keeps enough idle connections alive for the prefetching walks of the
// benchmarks.
func prefetchingClient(tb testing.TB, baseURL string, base *http.Transport) *Client {
	tb.Helper()
	tr := base.Clone()
	tr.MaxIdleConnsPerHost = 16 // keep the prefetching connections alive
	tb.Cleanup(tr.CloseIdleConnections)
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL(baseURL), WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
