package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// Downloads (roomsctl recordings download). The media file of a recording
// is fetched from its download_url, which the API hands out as a link that
// needs no key (D23): the API key is never sent with it, whatever host it
// names, so a download URL (or a redirect from it) cannot make roomsctl give
// the key away. The URL must be https, or http on a loopback host (the
// fake's); a redirect must be too, and never from https to http. The file is
// bounded (--max-bytes), written next to its destination and never replaces
// a file without --force.

// defaultMaxDownload bounds a download unless --max-bytes says otherwise.
const defaultMaxDownload = 4 << 30

// maxDownloadRedirects bounds the redirects a download follows.
const maxDownloadRedirects = 10

// downloadHeaderTimeout bounds the wait for the media server's answer; the
// body may then take as long as it needs (ctx still ends it).
const downloadHeaderTimeout = 30 * time.Second

// extension is the part of a download URL's path kept for the default file name.
var extension = regexp.MustCompile(`^\.[A-Za-z0-9]{1,8}$`)

type downloadFlags struct {
	out      string
	force    bool
	maxBytes int64
}

func recordingsDownload(fs *flag.FlagSet) runFunc {
	var f downloadFlags
	fs.StringVar(&f.out, "out", "", "write to `FILE` (- for stdout; default: RECORDING_ID plus the URL's extension)")
	fs.BoolVar(&f.force, "force", false, "replace FILE if it exists")
	fs.Int64Var(&f.maxBytes, "max-bytes", defaultMaxDownload, "refuse a file larger than `N` bytes")
	return func(ctx context.Context, c *cli, args []string) error {
		if f.maxBytes <= 0 {
			return usagef("--max-bytes %d: want a positive number of bytes", f.maxBytes)
		}
		cl, err := c.api()
		if err != nil {
			return err
		}
		rec, err := cl.Recordings.Get(ctx, args[0])
		if err != nil {
			return err
		}
		if rec.Status != rooms.RecordingCompleted || rec.DownloadURL == "" {
			return fmt.Errorf("recording %s is %s: its media file is not ready yet (no download_url)", rec.ID, orDash(string(rec.Status)))
		}
		src, err := checkDownloadURL(rec.DownloadURL)
		if err != nil {
			return err
		}
		out := f.out
		if out == "" {
			out = rec.ID + defaultExtension(src)
		}
		n, err := download(ctx, c, src, out, f)
		if err != nil {
			return err
		}
		switch {
		case out == "-":
			return nil
		case c.json():
			return writeJSON(c.stdout, map[string]any{"id": rec.ID, "file": out, "bytes": n})
		}
		return say(c.stdout, "downloaded %s (%s) of recording %s to %s", plural(int(n), "byte"), fmtBytes(n), rec.ID, out)
	}
}

// checkDownloadURL parses a download URL and checks its scheme and host.
func checkDownloadURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() || u.Host == "" || u.User != nil {
		return nil, errors.New("the recording's download_url is not an absolute URL without user info")
	}
	if err := checkDownloadScheme(u); err != nil {
		return nil, err
	}
	return u, nil
}

// checkDownloadScheme allows https, and http on a loopback host only.
func checkDownloadScheme(u *url.URL) error {
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("refusing to download from %s://%s: want https (or http on a loopback host)", u.Scheme, u.Host)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// defaultExtension is the extension of the URL's path when it is a short
// alphanumeric one, else "": the server picks nothing else of the name.
func defaultExtension(u *url.URL) string {
	if ext := path.Ext(u.Path); extension.MatchString(ext) {
		return ext
	}
	return ""
}

// downloadClient fetches media: no key, https only (or loopback http),
// bounded redirects that never downgrade.
func downloadClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = downloadHeaderTimeout
	return &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxDownloadRedirects {
			return fmt.Errorf("stopped after %d redirects", maxDownloadRedirects)
		}
		if via[len(via)-1].URL.Scheme == "https" && req.URL.Scheme != "https" {
			return errors.New("refusing a redirect from https to http")
		}
		return checkDownloadScheme(req.URL)
	}}
}

// download fetches src into out ("-": stdout) and returns the bytes written.
func download(ctx context.Context, c *cli, src *url.URL, out string, f downloadFlags) (int64, error) {
	var dst io.Writer
	var commit func() error
	var abort func()
	if out == "-" {
		dst, commit, abort = c.stdout, func() error { return nil }, func() {}
	} else {
		file, done, undo, err := openTarget(out, f.force)
		if err != nil {
			return 0, err
		}
		dst, commit, abort = file, done, undo
	}
	var bar io.Writer
	if out != "-" && isTerminal(c.stdout) {
		bar = c.stdout
	}
	n, err := fetch(ctx, src, dst, f.maxBytes, bar)
	if err == nil {
		err = commit()
	}
	if err != nil {
		abort()
		return 0, err
	}
	return n, nil
}

// openTarget opens the file a download goes to. Without force the file
// itself is created, exclusively, so that an existing one is never
// replaced; with force a temporary file beside it is renamed over it at the
// end. commit finishes the file; abort removes what was written.
func openTarget(out string, force bool) (w io.Writer, commit func() error, abort func(), err error) {
	if !force {
		file, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			return nil, nil, nil, usagef("%s exists: refusing to replace it without --force", out)
		}
		if err != nil {
			return nil, nil, nil, err
		}
		return file, file.Close, func() { _ = file.Close(); _ = os.Remove(out) }, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".roomsctl-download-*")
	if err != nil {
		return nil, nil, nil, err
	}
	commit = func() error {
		if err := tmp.Close(); err != nil {
			return err
		}
		return os.Rename(tmp.Name(), out)
	}
	return tmp, commit, func() { _ = tmp.Close(); _ = os.Remove(tmp.Name()) }, nil
}

// fetch GETs src, without the API key, and copies at most maxBytes of the
// body to dst, drawing a progress bar on bar unless it is nil.
func fetch(ctx context.Context, src *url.URL, dst io.Writer, maxBytes int64, bar io.Writer) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src.String(), nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "roomsctl")
	resp, err := downloadClient().Do(req)
	if err != nil {
		return 0, fmt.Errorf("download: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("download: %s answered %s", src.Host, resp.Status)
	}
	if resp.ContentLength > maxBytes {
		return 0, fmt.Errorf("download: the file has %d bytes, more than --max-bytes %d", resp.ContentLength, maxBytes)
	}
	if bar != nil {
		p := &progress{w: bar, total: resp.ContentLength}
		defer p.finish()
		dst = io.MultiWriter(dst, p)
	}
	n, err := io.Copy(dst, io.LimitReader(resp.Body, maxBytes+1))
	switch {
	case err != nil:
		return n, fmt.Errorf("download: %w", err)
	case n > maxBytes:
		return n, fmt.Errorf("download: the file has more than --max-bytes %d bytes", maxBytes)
	case resp.ContentLength >= 0 && n != resp.ContentLength:
		return n, fmt.Errorf("download: got %d of the %d bytes announced", n, resp.ContentLength)
	}
	return n, nil
}

// isTerminal reports whether w is a terminal: a character device that is
// not the null device. Only the standard library is used, so a pipe, a
// file or /dev/null gets no progress bar.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(st, null)
}

// progress draws a one-line progress bar, redrawn in place with a carriage
// return whenever the shown value changes. It prints only its own text
// (counts, never anything the server sent).
type progress struct {
	w     io.Writer
	total int64 // -1: unknown
	done  int64
	shown string
}

const barWidth = 30

func (p *progress) Write(b []byte) (int, error) {
	p.done += int64(len(b))
	p.draw()
	return len(b), nil
}

// line is the bar's text for the current count.
func (p *progress) line() string {
	if p.total <= 0 {
		return fmtBytes(p.done)
	}
	filled := int(min(p.done, p.total) * barWidth / p.total)
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", barWidth-filled) + "] " +
		strconv.Itoa(int(min(p.done, p.total)*100/p.total)) + "% " + fmtBytes(p.done) + " of " + fmtBytes(p.total)
}

func (p *progress) draw() {
	if l := p.line(); l != p.shown {
		p.shown = l
		fmt.Fprint(p.w, "\r"+l)
	}
}

// finish ends the bar's line.
func (p *progress) finish() {
	if p.shown != "" {
		fmt.Fprintln(p.w)
	}
}

// fmtBytes shows a byte count in binary units: 512 B, 4.0 KiB, 1.5 MiB.
func fmtBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	return strconv.FormatFloat(float64(n)/float64(div), 'f', 1, 64) + " " + string("KMGTPE"[exp]) + "iB"
}
