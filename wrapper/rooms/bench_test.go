package rooms

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
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

// iterPages and iterLatency shape BenchmarkIterate20Pages: 20 pages of 20
// rooms, each answered after 5 ms, as a distant API would.
const (
	iterPages   = 20
	iterSize    = 20
	iterLatency = 5 * time.Millisecond
)

// BenchmarkIterate20Pages walks 20 pages with ListIter, one page at a time
// (sequential) and with WithPrefetch(4) (prefetch4).
func BenchmarkIterate20Pages(b *testing.B) {
	pages := make([][]byte, iterPages+1)
	for n := 1; n <= iterPages; n++ {
		items := make([]string, iterSize)
		for i := range items {
			items[i] = roomJSON(uuidN(n*iterSize+i), "bench")
		}
		pages[n] = []byte(pageJSON(items, n, iterSize, iterPages, iterPages*iterSize))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("page[number]"))
		if err != nil {
			n = 1
		}
		time.Sleep(iterLatency)
		w.Header().Set("Content-Type", "application/json")
		if n < 1 || n > iterPages {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		_, _ = w.Write(pages[n])
	}))
	b.Cleanup(srv.Close)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 16 // keep the prefetching connections alive
	b.Cleanup(tr.CloseIdleConnections)
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL(srv.URL+"/v2"), WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		b.Fatal(err)
	}
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
