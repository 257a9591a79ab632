package rooms

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

const (
	// maxErrorBody bounds how much of a non-2xx body is read.
	maxErrorBody = 1 << 20
	// maxDrain bounds how much of an unread body is discarded so that the
	// connection can be reused; beyond it the connection is closed instead.
	maxDrain = 64 << 10
)

// checker is implemented by response envelopes that can tell a well-formed
// JSON document that still breaks the contract (such as a page without meta).
type checker interface{ check() error }

// do sends req with the client's headers and retry policy and decodes a 2xx
// body into out (nil: the body is discarded). req must come from a route
// or a gen request builder: its GetBody rebuilds the body of every retry.
func (c *Client) do(ctx context.Context, req *http.Request, class retryClass, out any) error {
	h := req.Header
	h["Authorization"] = c.creds().header
	h["User-Agent"] = c.hdrUA
	h["Accept"] = c.hdrAccept
	var last error // the failure of the previous attempt
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return c.errorf("rooms: %s %s: %w", req.Method, req.URL.Path, err)
		}
		res, err := c.pacedAttempt(ctx, req, n, class, out, last)
		if err != nil {
			return err
		}
		if res.err == nil {
			return nil
		}
		if !res.retry || n > c.retry.MaxRetries {
			return c.finalError(req, n, res.err)
		}
		d := c.retry.delay(n, res.retryAfter, res.hasRetryAfter)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= d {
			// Waiting would outlive ctx: report the real failure now.
			return c.finalError(req, n, res.err)
		}
		if c.logger != nil {
			c.logger.LogAttrs(ctx, slog.LevelWarn, "rooms: retrying",
				slog.String("method", req.Method), slog.String("path", req.URL.Path),
				slog.Int("attempt", n), slog.Duration("delay", d), slog.String("reason", c.logText(res.reason())))
		}
		if err := c.clock.Sleep(ctx, d); err != nil {
			return c.errorf("%w (%w while waiting to retry)", c.finalError(req, n, res.err), err)
		}
		last = res.err
	}
}

// attemptResult is the outcome of one attempt.
type attemptResult struct {
	err           error
	status        int // 0 when no answer came
	retry         bool
	retryAfter    time.Duration
	hasRetryAfter bool
	rate          RateLimit // of the answer; zero when none came or it had none
}

func (r *attemptResult) reason() string {
	if r.status != 0 {
		return strconv.Itoa(r.status) + " " + http.StatusText(r.status)
	}
	return r.err.Error()
}

// finalError adds the attempt count to the error of the last attempt.
// Transport errors stay wrapped so that errors.As finds *url.Error.
func (c *Client) finalError(req *http.Request, attempts int, err error) error {
	switch e := err.(type) {
	case *APIError:
		e.Attempts = attempts
		return e
	case *DecodeError:
		return e
	}
	if attempts > 1 {
		return c.errorf("rooms: %s %s after %d attempts: %w", req.Method, req.URL.Path, attempts, err)
	}
	return c.errorf("rooms: %s %s: %w", req.Method, req.URL.Path, err)
}

// errorf is fmt.Errorf for the errors a request returns: when the message
// holds a form of the key (a key that is also text of the client's own,
// such as a piece of the path, or one that the words around a scrubbed
// cause rebuild), the error is wrapped in one whose message is redacted.
func (c *Client) errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	red := c.creds().red
	if msg := err.Error(); red.holds(msg) {
		return &wrappedRedacted{msg: red.redact(msg), err: err}
	}
	return err
}

// attempt sends req once, bounded by the per-attempt timeout, and reads the answer.
func (c *Client) attempt(ctx context.Context, base *http.Request, n int, class retryClass, out any) (res attemptResult) {
	actx := ctx
	if c.attemptTimeout > 0 {
		var cancel context.CancelFunc
		actx, cancel = c.clock.WithTimeout(ctx, c.attemptTimeout)
		defer cancel()
	}
	// A request already bound to actx goes out as it is on the first
	// attempt (the transport does not modify it); a retry, which sets a
	// new body, or another context needs a copy.
	req := base
	if n > 1 || actx != base.Context() {
		req = base.WithContext(actx)
	}
	if n > 1 && base.GetBody != nil {
		body, err := base.GetBody()
		if err != nil {
			return attemptResult{err: err}
		}
		req.Body = body
	}
	var start time.Time
	if c.logger != nil {
		start = c.clock.Now()
		defer func() { c.logAttempt(ctx, req, n, start, &res) }()
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		// A redirect location can carry what a hostile server echoed, and
		// an error about a malformed answer can quote raw bytes of it.
		return attemptResult{err: printable(c.creds().red.scrub(err)), retry: retryableError(ctx, class, err)}
	}
	res.status = resp.StatusCode
	rl := c.observeRateLimit(resp.Header)
	res.rate = rl
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if sink, ok := out.(answerSink); ok {
			sink.answered(rl)
		}
		res.err = c.decode(resp, req, out)
		if de, ok := res.err.(*DecodeError); ok && de.cutShort {
			// The connection failed while the body was read: a transport
			// failure like any other, not a malformed answer.
			res.retry = retryableError(ctx, class, de.Err)
		}
		return res
	}
	apiErr := c.readAPIError(resp, req)
	res.err = apiErr
	res.retry = retryableStatus(class, resp.StatusCode)
	res.retryAfter, res.hasRetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.clock.Now())
	apiErr.RetryAfter = res.retryAfter
	apiErr.RateLimit = rl
	if resp.StatusCode == http.StatusTooManyRequests && !res.hasRetryAfter && rl.Known() && rl.Reset > 0 {
		// A spent budget without Retry-After: wait for the window to end
		// (capped by the policy's MaxRetryAfter, as a Retry-After is).
		res.retryAfter, res.hasRetryAfter = rl.Reset, true
	}
	return res
}

// logAttempt writes the Debug record of one attempt. The request headers,
// and so the API key, are never logged.
func (c *Client) logAttempt(ctx context.Context, req *http.Request, n int, start time.Time, res *attemptResult) {
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method), slog.String("path", req.URL.Path),
		slog.Int("status", res.status), slog.Int("attempt", n),
		slog.Duration("duration", c.clock.Now().Sub(start)),
	}
	if res.err != nil {
		attrs = append(attrs, slog.String("error", c.logText(res.err.Error())))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "rooms: attempt", attrs...)
}

// decode decodes a 2xx body (bounded by maxResponse) into out as it is
// read, and closes it. The page item limit of a list envelope applies while
// it decodes.
func (c *Client) decode(resp *http.Response, req *http.Request, out any) error {
	if out == nil {
		discard(resp.Body)
		return nil
	}
	defer resp.Body.Close()
	fail := func(b []byte, err error) error {
		red := c.creds().red
		return &DecodeError{StatusCode: resp.StatusCode, Method: req.Method, Path: req.URL.Path,
			Snippet: snippetOf(b, red), Err: red.scrub(err), red: red}
	}
	if resp.ContentLength > c.maxResponse {
		return fail(nil, c.tooLarge())
	}
	br := c.reader(resp.Body, c.maxResponse, true)
	defer c.putReader(br)
	err := decodeFrom(br, out)
	if err != nil {
		br.finish()
	}
	switch {
	case br.over:
		return fail(br.head, c.tooLarge())
	case br.err != nil:
		de := fail(br.head, br.err).(*DecodeError)
		de.cutShort = true
		return de
	case !br.nonSpace && err != nil:
		return fail(nil, errEmptyBody)
	case err != nil:
		return fail(br.head, err)
	}
	if ch, ok := out.(checker); ok {
		if err := ch.check(); err != nil {
			if l, ok := out.(errorLister); ok && errors.Is(err, errActionErrors) {
				// The server says it failed, whatever its status: report what it said.
				if e := c.apiError(resp, req, l.errorList(), nil); e.saysSomething() {
					return e
				}
			}
			return fail(br.head, err)
		}
	}
	return nil
}

func (c *Client) tooLarge() error {
	return fmt.Errorf("%w: more than %d bytes (raise it with rooms.WithMaxResponseBytes)", ErrResponseTooLarge, c.maxResponse)
}

// readAPIError turns a non-2xx answer into an *APIError, decoding at most
// 1 MiB of its body as it is read, and closes the body.
func (c *Client) readAPIError(resp *http.Response, req *http.Request) *APIError {
	br := c.reader(resp.Body, maxErrorBody, false)
	defer c.putReader(br)
	var eb errorBody
	var parsed *errorBody
	if decodeFrom(br, &eb) == nil {
		parsed = &eb
	} else {
		br.finish()
	}
	discard(resp.Body)
	return c.apiError(resp, req, parsed, br.head)
}

// apiError builds the *APIError of an answer whose body decoded into eb
// (nil when it is not a Telnyx error) and starts with head.
func (c *Client) apiError(resp *http.Response, req *http.Request, eb *errorBody, head []byte) *APIError {
	red := c.creds().red
	e := &APIError{
		StatusCode: resp.StatusCode, Method: req.Method, Path: req.URL.Path,
		RequestID: headerText(resp.Header, "X-Request-Id", red), red: red,
	}
	e.fill(eb, head, red)
	return e
}

// discard drains a bounded rest of body, so that the connection can be
// reused, and closes it.
func discard(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, maxDrain)
	_ = body.Close()
}
