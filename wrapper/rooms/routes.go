package rooms

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/seed1c924325/telnyx-rooms-go/gen"
)

// route is the request template of one operation, derived once per Client
// from the operation's gen builder (decision D66): the method, the URL
// before and after the path parameter, and the headers the builder sets.
// A request is then one string concatenation and one parse, where the
// builder parses the server URL, styles the parameter, formats and
// resolves the path and parses the result again on every call.
//
// The contract stays the only place a path is written: nothing here names
// one. A route whose derivation fails keeps calling its builder.
type route struct {
	// build is the operation's gen builder. It receives the body of the
	// request (nil: none) and ignores it when the operation has none.
	build builder
	// method, prefix, suffix and header are meaningful only when ok.
	method         string
	prefix, suffix string // the URL before and after the path parameter; suffix holds the query
	header         http.Header
	hasID          bool // the URL holds the path parameter; false: prefix is the whole URL
	ok             bool // derived: request concatenates; false: request calls build
}

// jsonContentType is the Content-Type of every request body, as the gen
// JSON builders set it.
const jsonContentType = "application/json"

// deriveRoute builds the requests of two probes, uuid.Nil and uuid.Max,
// with build and keeps what surrounds the parameter. The probes differ in
// every hex digit, so the first and the last byte where the two URLs differ
// are the first and the last byte of the parameter. It trusts nothing it
// has not checked: the two requests must agree in method and headers, and
// what differs between their URLs must be exactly each probe's canonical
// text (or nothing, for an operation without a path parameter).
func deriveRoute(build builder) route {
	r := route{build: build}
	a, err := build(uuid.Nil, nil)
	if err != nil {
		return r
	}
	b, err := build(uuid.Max, nil)
	if err != nil || a.Method != b.Method || !sameHeader(a.Header, b.Header) {
		return r
	}
	ua, ub := a.URL.String(), b.URL.String()
	r.method, r.header = a.Method, a.Header
	if ua == ub {
		r.prefix, r.ok = ua, true
		return r
	}
	p := 0
	for p < len(ua) && p < len(ub) && ua[p] == ub[p] {
		p++
	}
	s := 0
	for s < len(ua)-p && s < len(ub)-p && ua[len(ua)-1-s] == ub[len(ub)-1-s] {
		s++
	}
	if ua[p:len(ua)-s] != uuid.Nil.String() || ub[p:len(ub)-s] != uuid.Max.String() {
		return r
	}
	r.prefix, r.suffix, r.hasID, r.ok = ua[:p], ua[len(ua)-s:], true, true
	return r
}

func sameHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb := b[k]
		if len(va) != len(vb) {
			return false
		}
		for i := range va {
			if va[i] != vb[i] {
				return false
			}
		}
	}
	return true
}

// request returns the request of the operation, bound to ctx, for the path
// parameter id (ignored by an operation without one) and body (nil: none).
// Bound to ctx, the request can go out as it is on the first attempt (see
// Client.attempt); a request from a gen builder is bound to
// context.Background and copied for each attempt. The header
// values are shared with the template and must not be modified in place
// (replacing them is fine).
func (r *route) request(ctx context.Context, id uuid.UUID, body io.Reader) (*http.Request, error) {
	if !r.ok {
		return r.build(id, body)
	}
	target := r.prefix
	if r.hasID {
		// The canonical text of a UUID is hex digits and dashes: nothing
		// to escape in a path. One allocation: the Builder's buffer.
		var buf [36]byte
		encodeUUID(&buf, id)
		var b strings.Builder
		b.Grow(len(r.prefix) + len(buf) + len(r.suffix))
		b.WriteString(r.prefix)
		b.Write(buf[:])
		b.WriteString(r.suffix)
		target = b.String()
	}
	bound := ctx
	if bound == nil {
		// A nil ctx is a programming error that Client.do reports with a
		// panic, as for every operation; an error here would hide it.
		bound = context.Background()
	}
	req, err := http.NewRequestWithContext(bound, r.method, target, body)
	if err != nil {
		return nil, err
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	return req, nil
}

// requestJSON is request with body encoded as the gen JSON builders encode
// it (encoding/json).
func (r *route) requestJSON(ctx context.Context, id uuid.UUID, body any) (*http.Request, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	return r.request(ctx, id, bytes.NewReader(b))
}

// encodeUUID writes the canonical text of id (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx,
// lower case), as uuid.UUID.String does, without allocating.
func encodeUUID(dst *[36]byte, id uuid.UUID) {
	hex.Encode(dst[0:8], id[0:4])
	dst[8] = '-'
	hex.Encode(dst[9:13], id[4:6])
	dst[13] = '-'
	hex.Encode(dst[14:18], id[6:8])
	dst[18] = '-'
	hex.Encode(dst[19:23], id[8:10])
	dst[23] = '-'
	hex.Encode(dst[24:], id[10:])
}

// routes holds the route of every operation that has one path parameter or
// none and no query that depends on the call; list operations and
// DeleteBulk, whose query carries every filter, call their gen builders.
type routes struct {
	createRoom, viewRoom, viewRoomWithSessions, updateRoom, deleteRoom route
	generateToken, refreshToken                                        route
	viewSession, viewSessionWithParticipants, endSession               route
	kick, mute, unmute                                                 route
	viewParticipant                                                    route
	createComposition, viewComposition, deleteComposition              route
	viewRecording, deleteRecording                                     route
}

// routes returns the Client's routes, deriving them on first use.
func (c *Client) routes() *routes {
	c.routesOnce.Do(func() { c.rt = deriveRoutes(c.server) })
	return c.rt
}

// builder is the shape deriveRoute takes: a gen builder bound to a server.
type builder = func(id uuid.UUID, body io.Reader) (*http.Request, error)

// pathOnly binds the gen builder of an operation with a path parameter and
// neither body nor query.
func pathOnly(server string, b func(string, uuid.UUID) (*http.Request, error)) builder {
	return func(id uuid.UUID, _ io.Reader) (*http.Request, error) { return b(server, id) }
}

// withBody binds the WithBody gen builder of an operation with a path
// parameter and a JSON body.
func withBody(server string, b func(string, uuid.UUID, string, io.Reader) (*http.Request, error)) builder {
	return func(id uuid.UUID, body io.Reader) (*http.Request, error) { return b(server, id, jsonContentType, body) }
}

// bodyOnly binds the WithBody gen builder of an operation with a JSON body
// and no path parameter.
func bodyOnly(server string, b func(string, string, io.Reader) (*http.Request, error)) builder {
	return func(_ uuid.UUID, body io.Reader) (*http.Request, error) { return b(server, jsonContentType, body) }
}

// deriveRoutes derives every route from its gen builder for server (the
// API root with a trailing slash).
func deriveRoutes(server string) *routes {
	withSessions := &gen.ViewRoomParams{IncludeSessions: optTrue(true)}
	withParticipants := &gen.ViewRoomSessionParams{IncludeParticipants: optTrue(true)}
	return &routes{
		createRoom: deriveRoute(bodyOnly(server, gen.NewCreateRoomRequestWithBody)),
		viewRoom: deriveRoute(func(id uuid.UUID, _ io.Reader) (*http.Request, error) {
			return gen.NewViewRoomRequest(server, id, nil)
		}),
		viewRoomWithSessions: deriveRoute(func(id uuid.UUID, _ io.Reader) (*http.Request, error) {
			return gen.NewViewRoomRequest(server, id, withSessions)
		}),
		updateRoom:    deriveRoute(withBody(server, gen.NewUpdateRoomRequestWithBody)),
		deleteRoom:    deriveRoute(pathOnly(server, gen.NewDeleteRoomRequest)),
		generateToken: deriveRoute(withBody(server, gen.NewGenerateJoinClientTokenRequestWithBody)),
		refreshToken:  deriveRoute(withBody(server, gen.NewRefreshClientTokenRequestWithBody)),
		viewSession: deriveRoute(func(id uuid.UUID, _ io.Reader) (*http.Request, error) {
			return gen.NewViewRoomSessionRequest(server, id, nil)
		}),
		viewSessionWithParticipants: deriveRoute(func(id uuid.UUID, _ io.Reader) (*http.Request, error) {
			return gen.NewViewRoomSessionRequest(server, id, withParticipants)
		}),
		endSession:        deriveRoute(pathOnly(server, gen.NewEndSessionRequest)),
		kick:              deriveRoute(withBody(server, gen.NewKickParticipantInSessionRequestWithBody)),
		mute:              deriveRoute(withBody(server, gen.NewMuteParticipantInSessionRequestWithBody)),
		unmute:            deriveRoute(withBody(server, gen.NewUnmuteParticipantInSessionRequestWithBody)),
		viewParticipant:   deriveRoute(pathOnly(server, gen.NewViewRoomParticipantRequest)),
		createComposition: deriveRoute(bodyOnly(server, gen.NewCreateRoomCompositionRequestWithBody)),
		viewComposition:   deriveRoute(pathOnly(server, gen.NewViewRoomCompositionRequest)),
		deleteComposition: deriveRoute(pathOnly(server, gen.NewDeleteRoomCompositionRequest)),
		viewRecording:     deriveRoute(pathOnly(server, gen.NewViewRoomRecordingRequest)),
		deleteRecording:   deriveRoute(pathOnly(server, gen.NewDeleteRoomRecordingRequest)),
	}
}
