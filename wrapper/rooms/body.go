package rooms

import (
	"errors"
	"io"
)

// errBodyLimit is what bodyReader.Read returns once its limit is passed.
var errBodyLimit = errors.New("body limit passed")

// bodyReader is what the decoder reads a response body through (decision
// D52 of the contract). Bodies are decoded as they arrive, never read whole
// into memory first, so bodyReader keeps what an error about the body needs:
// the first bytes (for a snippet), whether any byte is not JSON whitespace
// (an empty body), the first read error (a body cut short by the
// connection), and whether the body went past its limit. Client pools them.
type bodyReader struct {
	r        io.Reader
	left     int64 // bytes still allowed; below 0 the limit is passed
	strict   bool  // a body past the limit is an error (success bodies); else it ends there
	over     bool  // the body went past the limit (strict only)
	head     []byte
	headMax  int
	nonSpace bool
	err      error // the first read error other than io.EOF
}

// reset prepares b to read r, allowing limit bytes, and keeping the first
// headMax bytes.
func (b *bodyReader) reset(r io.Reader, limit int64, strict bool, headMax int) {
	*b = bodyReader{r: r, left: limit, strict: strict, head: b.head[:0], headMax: headMax}
	if cap(b.head) < headMax {
		b.head = make([]byte, 0, headMax)
	}
}

// Read reads from the body. Past the limit a strict reader fails with
// errBodyLimit and the other one reports io.EOF; it reads at most one byte
// past the limit either way.
func (b *bodyReader) Read(p []byte) (int, error) {
	if b.left < 0 || (b.left == 0 && !b.strict) {
		if b.strict {
			return 0, errBodyLimit
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	if !b.strict && int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if room := b.headMax - len(b.head); room > 0 {
		b.head = append(b.head, p[:min(n, room)]...)
	}
	if !b.nonSpace {
		for _, c := range p[:n] {
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				b.nonSpace = true
				break
			}
		}
	}
	if b.left < 0 {
		b.over = true
		return n, errBodyLimit
	}
	if err != nil && err != io.EOF && b.err == nil {
		b.err = err
	}
	return n, err
}

// finish reads the rest of the body, up to the limit, and discards it:
// after a decode error, so that the cause reported is the one it would be
// had the body been read whole first (a body past the limit, a body cut
// short by the connection), and the snippet has its full length.
func (b *bodyReader) finish() {
	_, _ = io.Copy(io.Discard, b)
}

// release drops what b refers to, before it goes back to the pool.
func (b *bodyReader) release() {
	b.r, b.err = nil, nil
	b.head = b.head[:0]
}

// reader returns a pooled bodyReader reading r.
func (c *Client) reader(r io.Reader, limit int64, strict bool) *bodyReader {
	b, ok := c.readers.Get().(*bodyReader)
	if !ok {
		b = new(bodyReader)
	}
	b.reset(r, limit, strict, 2*snippetMax+len(c.creds().key))
	return b
}

// putReader returns b to the pool.
func (c *Client) putReader(b *bodyReader) {
	b.release()
	c.readers.Put(b)
}
