// Package rooms is a client for the Telnyx Video Rooms API
// (https://developers.telnyx.com/api/video): rooms, their sessions, the
// participants of a session, and the client tokens that let people join.
//
// # Quick start
//
//	client, err := rooms.NewClient() // API key from TELNYX_API_KEY, or rooms.WithAPIKey
//	if err != nil { ... }
//	room, err := client.Rooms.Create(ctx, &rooms.RoomParams{
//		UniqueName:      rooms.Ptr("standup"),
//		MaxParticipants: rooms.Ptr(10),
//	})
//	if err != nil { ... }
//	tok, err := client.Tokens.Generate(ctx, room.ID, &rooms.GenerateTokenParams{TokenTTL: 10 * time.Minute})
//	// hand tok.Token to the browser or mobile SDK
//
//	for s, err := range client.Rooms.ListSessionsIter(ctx, room.ID, nil) {
//		if err != nil { ... }
//		fmt.Println(s.ID, s.Active)
//	}
//
//	if room.ActiveSessionID != "" {
//		err = client.Sessions.Mute(ctx, room.ActiveSessionID, rooms.ParticipantsAction{
//			Participants: rooms.AllParticipants,
//			Exclude:      []string{hostID},
//		})
//	}
//
// Every method takes a context.Context first. A Client is safe for
// concurrent use; create one and share it.
//
// # Ids and types
//
// Ids are strings holding UUIDs, in what the methods take and in what they
// return, so that a value one call returns passes to the next as it is:
//
//	sess, err := client.Sessions.Get(ctx, room.ActiveSessionID, nil)
//	room, err = client.Rooms.Update(ctx, room.ID, &rooms.RoomParams{MaxParticipants: rooms.Ptr(room.MaxParticipants + 1)})
//
// A string, as the official Telnyx SDKs and stripe-go use, needs no import
// to compare, print or store, and "none" is the empty string
// (room.ActiveSessionID == ""). It gives up nothing in safety: every id a
// method is given is checked to be a UUID in canonical form before anything
// is sent (a *ValidationError naming the parameter otherwise), and every id
// in an answer is checked when it is decoded (a *DecodeError otherwise), so
// an id the client returned is always one it accepts. Counts are int, and
// the one setting that may be absent, WebhookTimeoutSecs, is *int in and
// out. Room, Session, Participant, Recording, Composition and the token types are declared in this
// package with the API's JSON names; the contract tests check them against
// openapi.yaml field by field.
//
// # Services and operations
//
//	Client.Rooms         List, ListIter, Create, Get, Update, Delete, ListSessions, ListSessionsIter
//	Client.Sessions      List, ListIter, Get, End, Kick, Mute, Unmute, ListParticipants, ListParticipantsIter
//	Client.Participants  List, ListIter, Get
//	Client.Tokens        Generate, Refresh
//	Client.Recordings    List, ListIter, Get, Delete, DeleteBulk
//	Client.Compositions  List, ListIter, Create, Get, Delete
//
// Each method's documentation names its HTTP operation and links the API reference.
//
// # Recordings and compositions
//
// A room whose EnableRecording is true records each participant of its
// sessions, audio and video apart (Recording, RecordingProcessing and then
// RecordingCompleted with a DownloadURL). Compositions.Create composes the
// video recordings of an ended session into one video, laid out in at most
// two named regions (VideoRegion) at a Resolution:
//
//	comp, err := client.Compositions.Create(ctx, &rooms.CompositionParams{
//		SessionID:   sessionID,
//		Resolution:  rooms.Resolution{Width: 1280, Height: 720},
//		VideoLayout: map[string]rooms.VideoRegion{"grid": {VideoSources: []string{rooms.AllVideoSources}}},
//	})
//	// comp.Status is rooms.CompositionEnqueued; Get it again until rooms.CompositionCompleted.
//
// Recordings.DeleteBulk deletes what a filter matches. A filter that sets
// nothing would delete every recording of the account, so it is refused
// before the network unless DeleteRecordingsParams.AllRecordings says that
// is meant:
//
//	n, err := client.Recordings.DeleteBulk(ctx, &rooms.DeleteRecordingsParams{
//		RecordingFilter: rooms.RecordingFilter{SessionID: sessionID},
//	})
//
// # Errors
//
// Parameters are checked against the API contract before anything is sent:
// a bad value returns a *ValidationError naming the API field ("page[size]",
// "max_participants", "room_id", ...) and the rule it breaks.
//
// A non-2xx answer returns an *APIError with the status, method, path, the
// X-Request-Id header, the number of attempts and what the body carried. The
// API answers errors in three shapes, and each is kept: the envelope
// {"errors": [...]} and a single error object {"code", "title", ...} both
// fill APIError.Errors, and {"message": "...", "success": false} fills
// APIError.Message. A body of none of these shapes (an HTML page from a
// proxy) leaves a snippet of at most 512 bytes in APIError.Body. Error bodies
// are read up to 1 MiB. Match the usual cases with errors.Is:
//
//	errors.Is(err, rooms.ErrNotFound)      // 404
//	errors.Is(err, rooms.ErrUnauthorized)  // 401, 403
//	errors.Is(err, rooms.ErrUnprocessable) // 422
//	errors.Is(err, rooms.ErrRateLimited)   // 429
//
// and a documented Telnyx error code with HasErrorCode (or APIError.HasCode)
// and the Code constants, never a string literal:
//
//	if rooms.HasErrorCode(err, rooms.CodeDuplicateResource) { // 10012: the unique_name is taken
//		...
//	}
//
// A 2xx answer whose body cannot be decoded (empty, truncated, not JSON) is a
// *DecodeError. The session actions (End, Kick, Mute, Unmute) succeed only on
// the body {"data": {"result": "ok"}}: a 200 whose body holds an error list
// is an *APIError with that list (StatusCode 200), and any other body
// (empty, another result) is a *DecodeError; neither is retried, since the
// action may have happened. A success body larger than WithMaxResponseBytes (default
// DefaultMaxResponseBytes, 16 MiB) is a *DecodeError wrapping
// ErrResponseTooLarge; it is not read beyond the limit (not at all when its
// Content-Length announces more), so that a hostile or broken server cannot
// make the client hold more than that. A transport failure keeps its cause:
// errors.As(err, new(*url.Error)) works, and a ctx or WithAttemptTimeout
// timeout satisfies errors.Is(err, context.DeadlineExceeded). Error strings
// are one line and never contain the API key. Text the server sent is data,
// never terminal control: error strings escape control and format characters
// (ESC, BEL, NUL, CR, LF, NEL, U+2028, bidi overrides...) as Go escapes such
// as \x1b, \n or \u202e, while the fields of APIError and the values the
// client returns keep the server's text exactly.
//
// # Retries
//
// By default a failed request is retried twice (WithRetryPolicy changes
// that). The decision is taken on the status code and headers of the answer
// first, whatever its body says; only when there is no answer at all is the
// transport error examined.
//
//	failure                              creates (see below)    every other operation
//	-----------------------------------  ---------------------  ---------------------
//	429 Too Many Requests                retried                retried
//	408, 500, 502, 503, 504              not retried            retried
//	any other 4xx or 5xx                 not retried            not retried
//	dial or DNS failure (never sent)     retried                retried
//	other connection failure, timeout,   not retried            retried
//	  also while reading a 2xx body
//	TLS certificate error, bad redirect  not retried            not retried
//	caller's ctx cancelled or expired    not retried            not retried
//
// The creates are Rooms.Create (POST /rooms), Compositions.Create (POST
// /room_compositions) and Recordings.DeleteBulk (DELETE /room_recordings).
// The first two are not idempotent and the API has no idempotency key: once
// the request may have reached the server, a retry could create a second
// room or compose a session twice. A repeated bulk delete would delete the
// recordings that began to match in between and report only its own count.
// So only a 429 (the server refused it) or a failure to connect is retried.
// The other operations are retried on the full list because repeating them
// has the effect of doing them once (GET, PATCH, DELETE, and the session
// actions end, kick, mute and unmute) or is harmless (Generate and Refresh
// return one more valid token). A retried Delete or End may answer 404 when
// an earlier attempt already succeeded; APIError.Attempts > 1 tells you so.
//
// Before retry n the client waits a random time in [0, min(MaxDelay,
// BaseDelay·2^(n-1))] (exponential backoff with full jitter: 500 ms base,
// 8 s cap by default), or, when the answer has a Retry-After header (seconds
// or an HTTP date), that long capped at MaxRetryAfter (30 s by default). No
// wait is longer than MaxRetryWait (24 h), whatever the policy or the server
// asks. The wait watches ctx; if it would end after ctx's deadline the client stops
// and returns the last error at once. WithAttemptTimeout bounds each attempt.
// Every attempt rebuilds the request body and carries the Authorization,
// User-Agent and Accept headers.
//
// # Rate limits and pacing
//
// Telnyx limits each account (API key) to a budget of requests per window
// and says on every answer where it stands: RateLimit (Limit, Remaining,
// Reset) is on every Page and *APIError, and WithRateLimitHook sees the
// rate limit of every answer, each retried attempt included. A 429 without
// Retry-After is retried after x-ratelimit-reset (capped by MaxRetryAfter).
//
// WithPacing makes a client spend the budget evenly instead of running
// into 429s, for bulk work. It learns from every answer; the headers
// describe the account, so clients in many processes that share a key
// pace together without talking to each other:
//   - Before its first answer, and once a window has ended until an answer
//     from the next one arrives, a client sends one request at a time. If
//     that answer carries no rate-limit headers the client stops pacing
//     until one does (inside a known window such an answer, from a proxy
//     say, is ignored).
//   - The window ends, at the latest, at the earliest arrival plus
//     x-ratelimit-reset among the window's answers (the header is rounded
//     up). What is left is the lowest Remaining of the window, less this
//     client's attempts that answer cannot have counted yet (those in
//     flight and those sent after it).
//   - The client's share of the key is the part of what the key spent
//     since the client's first answer of the window that was its own. It spends that
//     share of what is left, less a margin for what the other clients send
//     before it hears of it: (1-share)/share times two plus its attempts in
//     flight. PacingReserve leaves more for users of the key that do not
//     pace.
//   - It spreads that budget evenly over the rest of the window: one
//     attempt, then the next once (end - last attempt) / (budget + 1) has
//     passed. Once the budget is spent it waits for the window's end.
//
// Every attempt, retries included, waits for its turn before it is sent;
// the callers of one Client queue, and only the first of them waits on
// the clock. The wait watches ctx: once ctx is done the call returns an
// error matching ctx.Err() (errors.Is) without sending anything.
//
// The limits of the scheme: the margin leaves a few requests of every
// window unspent when several clients share a key (about 4% with four
// clients in BenchmarkRateLimitedBulk, see BENCHMARKS.md); a client that
// first hears of a window late in it knows its end only to the second (it
// then paces slower, never faster); a user of the key that does not pace
// and spends in bursts can still cause 429s, which are retried as usual;
// an attempt that fails without an answer is counted as spent; and pacing
// adds waits even when the budget is far from spent, which suits bulk work
// more than interactive calls. It assumes, as Telnyx documents (decision
// D55 of openapi.yaml), a fixed window whose budget refills at once when
// it ends.
//
// # Pagination
//
// The seven list operations each come as List, returning a *Page with the
// items and the paging state (HasNext, Next), and ListIter, an
// iter.Seq2[T, error] that walks every page:
//
//	for room, err := range client.Rooms.ListIter(ctx, &rooms.ListRoomsParams{ListOptions: rooms.ListOptions{PageSize: 250}}) {
//		if err != nil { return err }
//		...
//	}
//
// A walk stops when the caller breaks, when ctx is done (the ctx error is
// yielded), and at the first error (yielded once, with a zero item). It copies
// the parameters when ListIter is called and never changes them.
// WithPrefetch(n) fetches up to n following pages concurrently, keeping the
// order of items and yielding an error where the failed page would have been;
// a fetch makes room for the next one as soon as its answer arrives, and a
// walk holds at most 2n pages ahead of the caller's. Breaking out of the loop
// cancels and waits for pending fetches.
//
// The API requires none of the meta fields of a page. A missing page_number
// stands for the page asked for and a missing page_size for the size asked
// for (20 when none was); without total_pages, total_results and page_size
// give the total. When the total is unknown (Page.TotalPages is then 0),
// a full page has a next one and the walk ends on the first short or empty
// page; WithPrefetch then fetches one page at a time.
//
// A walk cannot loop forever on a server whose paging misbehaves:
//   - an empty page ends the walk cleanly, whatever its meta claims;
//   - a page whose meta.page_number is not the number asked for is an error;
//   - a page with the same items as the previous one is an error;
//   - a walk ends cleanly at the last page the latest meta announces, so a
//     shrinking total_pages shortens it;
//   - a walk goes at most to page 2×total_pages+10 of its first page; a server
//     still announcing more pages there is an error (without a total, the
//     repeat check above is what stops a server answering the same full page).
//
// These errors wrap ErrPaginationInconsistent.
//
// # Memory
//
// What a call holds is bounded by what it asked for, not only by the bytes
// it may read. A page holding more items than the page size asked for (20
// when none was, at most 250) is refused while it is decoded, at the first
// item too many, with a *DecodeError wrapping ErrTooManyItems: a page never
// holds more than 250 items, and a walk with WithPrefetch(n) at most 2n+1
// pages. An *APIError keeps the first 16 entries of the error list (its
// message counts the others), their meta while it adds up to at most 64 KiB
// of JSON, and at most 512 bytes of the X-Request-Id header.
//
// Bodies are decoded as they are read, never read whole first: the decoder
// keeps a window of a few KiB of the body, growing only to hold its longest
// token (a string or a number, at most the body itself), plus the first
// KiB for the snippet of a DecodeError or an APIError. The peak of a call is
// therefore what it returns plus that window, not twice the body. A body
// that cannot be decoded is still read, and discarded, up to its limit, so
// that a body over the limit is always ErrResponseTooLarge and a body cut
// short by the connection is always a connection failure, retried as one.
//
// The tests measure it (heap allocated during the call, an upper bound of
// its peak, and heap retained after it, -race included): a 16 MiB page of
// 5.6 million empty rooms allocates under 4 MiB and retains under 256 KiB;
// a 12 MiB page of 250 rooms padded with members the types do not declare
// allocates under 4 MiB; a prefetching walk of 16 pages of 1 MiB allocates
// under 8 MiB and retains under 1 MiB with its 16 connections; a 1 MiB error
// body of 350,000 empty errors, or of one error and padding, allocates under
// 1 MiB and retains under 256 KiB; a 9 MiB X-Request-Id leaves under 256 KiB
// retained. A walk of 200 pages of 250 rooms holds as much live heap at
// its 200th page as at its 10th: the page it yields and those it
// prefetched, never those it yielded (BenchmarkWalk200Pages).
//
// # Observability
//
// WithLogger sets a *slog.Logger that gets one Debug record per attempt
// (method, path, status, attempt, duration, error) and one Warn record per
// retry (method, path, attempt, delay, reason). Headers, bodies and the API
// key are never logged. Without a logger the client does no logging work.
//
// # Security
//
// The base URL must be https, except on a loopback host (for tests and the
// roomstest fake server) or with WithInsecureHTTP. A redirect to another host
// never carries the Authorization header, and never a request body either: a
// 307 or 308 answer to a create, an update, a token request or an action
// (whose body may hold a refresh token) that points to another host is
// refused, as is a redirect from https to http. A refused redirect is
// never retried and matches ErrRedirectRefused.
//
// The API key never appears in an error, a log record or a formatted value:
// printing a Client with any fmt verb shows no key, and whatever a server
// sends back (error bodies and their meta, the X-Request-Id header, redirect
// locations, a body that cannot be decoded) has the key replaced by
// REDACTED before the client puts it into an error. That holds for every
// key and for the forms a server, a URL or a formatter can give it:
// percent-encoded (any bytes, either hex case), JSON-, Go- or HTML-escaped,
// up to three times over; base64 (standard or URL alphabet, any alignment)
// and hex for a key of 8 bytes or more; any run of 8 or more of its bytes;
// and the text that the quoting of an error message or a log handler turns
// into the key. Where REDACTED itself would rebuild the key with the text
// around it (a key that starts or ends with letters of REDACTED), the
// marker is "███" (U+2588 three times) instead. The error messages and the log values
// are checked whole, so a key that is also text of the client's own (a
// piece of a path, a status text) is redacted there too. Success bodies are
// the API's data and are returned as they are (decision D62 of the contract).
package rooms
