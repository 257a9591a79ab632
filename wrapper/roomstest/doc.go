// Package roomstest is an in-memory, stateful, contract-checked fake of the
// Telnyx Video Rooms API: what net/http/httptest and stripe-mock are to
// their ecosystems, except that it remembers what you did. A test of code
// that uses the API runs against it without a key or a network; this file
// compiles as it stands (it is this package's meeting_test.go):
//
//	package meeting_test
//
//	import (
//		"testing"
//
//		"github.com/stretchr/testify/assert"
//		"github.com/stretchr/testify/require"
//
//		"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
//		"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
//	)
//
//	func TestMeeting(t *testing.T) {
//		srv := roomstest.NewServer(roomstest.WithResponseValidation())
//		t.Cleanup(srv.Close)
//		client, err := srv.Client() // a *rooms.Client with key and base URL preset
//		require.NoError(t, err)
//		ctx := t.Context()
//
//		room, err := client.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("standup")})
//		require.NoError(t, err)
//		sess, err := srv.StartSession(room.ID) // people join over WebRTC in real life
//		require.NoError(t, err)
//		alice, err := srv.Join(sess.ID, "Alice")
//		require.NoError(t, err)
//
//		srv.Inject("muteParticipantInSession", roomstest.FailNext(1, 503))
//		// The code under test mutes everyone; the client retries the 503.
//		err = client.Sessions.Mute(ctx, sess.ID, rooms.ParticipantsAction{Participants: rooms.AllParticipants})
//		require.NoError(t, err)
//
//		assert.True(t, srv.Muted(alice.ID))
//		assert.Equal(t, 2, srv.Requests("muteParticipantInSession"))
//		assert.Empty(t, srv.ContractViolations())
//	}
//
// # Serving
//
// NewServer listens on a random port of 127.0.0.1; Server.URL is the API
// base URL, which ends in BasePath ("/v2") as https://api.telnyx.com/v2
// does. NewHandler builds the same fake without a listener: serve
// Server.Handler on any address (roomsctl serve does) and use the test
// controls as usual; its URL is empty.
//
// # Behaviour
//
// All 25 operations of openapi.yaml are implemented through the strict
// server interface generated in package gen/genserver, on state kept behind one
// mutex:
//
//   - Rooms: max_participants defaults to 10, enable_recording to false,
//     webhook URLs and webhook_timeout_secs to unset (absent from JSON).
//     unique_name is unique: a duplicate is 422 with source.pointer
//     "/unique_name". created_at and updated_at come from the clock
//     (WithClock); updated_at changes on every PATCH and only then.
//     PATCH changes only the fields present; webhook_timeout_secs: null
//     clears the timeout and an empty URL clears a webhook URL. DELETE ends
//     the active session (everyone leaves); the room is then 404, its
//     past sessions stay listable under /room_sessions.
//   - Sessions and participants are created by the test controls
//     StartSession, Join and Leave (the real API creates them when people
//     join over WebRTC); the last participant present leaving ends the
//     session. A room has at most one active session; Join fails
//     beyond max_participants. endSession makes the session inactive with
//     ended_at set and everyone still present leaves (left_at set); ending
//     an ended session is a successful no-op. kick, mute and unmute act on
//     "all" or the listed participant ids, minus exclude, restricted to
//     those still present; a body without participants selects nobody; a
//     listed id that is not in the session is 422 naming it
//     (/participants/i). Read mute state back with Muted.
//   - Client tokens: generate returns an opaque token and refresh token
//     expiring token_ttl_secs (600) and refresh_token_ttl_secs (3600) from
//     now. refresh accepts only a refresh token issued for that same room
//     and not yet expired; anything else is 422 with source.pointer
//     "/refresh_token" (422 rather than 401, so that a client does not take
//     it for a bad API key). A refresh token can be used until it expires.
//     The fake keeps nothing per token (a refresh token carries its grant,
//     signed with a key of that Server), so a fake that issues tokens for
//     days holds no more memory for them.
//   - Recordings (D19): a participant who joins a session of a room with
//     enable_recording is recorded, audio (opus) and video (vp8): two
//     recordings, processing, from its joined_at. They end when it leaves
//     or the session ends, and are completed RecordingProcessingDelay (5 s)
//     later on the fake's clock, with size_mb, duration_secs and a
//     download_url. The bulk delete takes the list's filters and deletes
//     exactly what they match (with page[size] or page[number], that page
//     of it), answering the count.
//   - Compositions (D16, D20): only an ended session can be composed (an
//     unknown or active one is 422 naming /session_id); resolution is
//     checked (16..1280 each side, at most 1280x720 pixels), and every
//     video source of video_layout must be "*" or a video recording of the
//     session. A composition is enqueued, processing after
//     CompositionStartDelay (1 s), completed after
//     CompositionProcessingDelay (10 s) on the fake's clock. The fake has
//     no timers: recordings and compositions move to the state the clock
//     says whenever they are read, or on Settle, so a test moves its clock
//     and reads (without WithClock the fake also settles every second).
//   - Their webhooks (D21): video.room.recording.started for each
//     recording as its participant joins, video.room.recording.completed
//     as it completes (to the room's URLs), video.room.composition.completed
//     to the composition's own webhook_event_url when its create gave one,
//     else to the room's.
//   - Media (D21): the download_url of a completed recording or
//     composition is a URL of the fake itself under MediaPath, the host the
//     request came to: a small generated, deterministic file (Matroska,
//     WebM or MP4 header, a few KiB), served without the API key, with
//     Content-Length and ranges; 404 once the resource is deleted.
//   - Lists: every date filter (filter[date_X][eq|gte|lte]) compares the
//     calendar date in UTC, bounds included; the other filters match
//     exactly. include_sessions / include_participants add the nested
//     arrays, which are absent otherwise (and, generated types being
//     omitempty, when empty). page[size] is 1..250 (default 20),
//     page[number] >= 1 (default 1); meta.total_pages is
//     ceil(total_results / page_size), 0 without results; a page past the
//     end has empty data and the true meta. Lists are ordered by created_at
//     (participants: joined_at), then creation order. They read indexes
//     kept in that order and copy only their page, so a list costs about
//     what its page costs however many rooms the fake holds (a filter on
//     created_at or joined_at is a binary search; other filters a pass
//     over pointers).
//
// Responses are the generated models encoded as JSON, so a false boolean
// (active, enable_recording) and an unset field are absent rather than
// written out; decoding into the generated or rooms types gives the zero
// value either way.
//
// # Contract checks and errors
//
// Every request is validated against the contract (kin-openapi
// openapi3filter, servers ignored so any host works, formats uuid, date,
// date-time and uri enforced). A violation is 422 in the Telnyx error
// envelope {"errors":[{"code","title","detail","source"}]} with
// source.parameter naming the query or path parameter, or source.pointer
// the body field; 422 because that is what Telnyx answers to invalid
// parameters and what the contract declares for every operation. A
// missing or malformed "Authorization: Bearer <key>", or another key than
// WithAPIKey's, is 401 (checked before validation). The five operations
// whose authentication the contract makes optional, as upstream does (D43:
// end, kick, mute, unmute and refresh_client_token), are served without an
// Authorization header; a header they do carry is checked all the same. Error
// answers are always the envelope, the first of the three error shapes the
// contract documents (D41). Unknown paths are 404,
// a wrong method on a known path 405. No error answer ever carries a raw Go
// error string or the API key.
//
// The fake acts on exactly what it validated. A JSON body must be one
// document in UTF-8 with distinct member names: invalid UTF-8, an escaped
// half of a surrogate pair, a member given twice (source.pointer names it)
// and anything after the document are 422, code 10023. Member names match
// exactly, as validation matches them: a member the schema does not
// declare, such as "MAX_PARTICIPANTS" or "Exclude", is allowed by the
// contract and ignored, never read as max_participants or exclude. A query
// string net/url cannot read whole (bad percent-encoding, a ";" separator,
// more than 10000 parameters), which would silently drop a filter, is 422,
// code 10015, as is a parameter of the operation given more than once
// (source.parameter names it). Parameters the operation does not declare
// are ignored. (Decisions D45 and D46 of openapi.yaml.)
//
// With WithResponseValidation (use it in tests) every response is
// validated too; a violation is recorded (ContractViolations) and replaced
// by a 500 envelope titled "Contract violation" that names it.
//
// # Faults
//
// Inject(route, fault) makes the requests of one operation (its
// operationId, such as "createRoom", or AllRoutes) fail on purpose, in
// order and for a given number of requests: Delay (latency, honouring the
// request context), FailNext (any 4xx/5xx status with an envelope, such as
// 429, 500, 502, 503, 504), RateLimitNext (429 with Retry-After),
// ResetNext (connection closed without a response), TruncateNext (body
// cut in half under the full Content-Length) and HTMLNext (an HTML error
// page, 502 by default). Status, HTML and reset faults answer before the
// handler runs, so state is unchanged, as when a proxy fails in front of
// the API; a truncated response comes from a request that did run. Faults
// skip response validation. Requests(route) counts every request that
// reached the server, faults included, so a test can assert attempts and
// that a create was not sent twice. ConnectionsOpened counts the
// connections clients opened, so a test can assert that a client reuses
// its keep-alive connections.
//
// # Webhooks
//
// The fake sends the room's webhooks as Telnyx does (decisions D34 to D37
// of openapi.yaml): signed with Ed25519 (headers telnyx-signature-ed25519
// and telnyx-timestamp over "timestamp|body"), POSTed to the room's
// webhook_event_url, and to its webhook_event_failover_url when that
// fails (a non-2xx answer, a connection error, no answer within
// webhook_timeout_secs, 10 seconds when unset). StartSession sends
// video.room.session.started, Join video.room.participant.joined, Leave
// and kick video.room.participant.left (left_reason "left", "kicked"); end
// and room deletion end the session (participant.left "session_ended" for
// those present, then video.room.session.ended "ended" or "room_deleted"),
// and so does the last participant present leaving ("stale"). Recordings
// and compositions send theirs (video.room.recording.started and
// .completed, video.room.composition.completed, D21; see Behaviour).
//
// Delivery is asynchronous, one room's events in order. Tests wait for it
// without sleeping (WaitDeliveries, WaitWebhooksIdle) and read every
// attempt from Deliveries; verify with WebhookPublicKey (or
// WebhookPublicKeyBase64) and, when the fake's clock was moved, a verifier
// on the same clock. Every event is validated against the contract first;
// a violation is recorded in ContractViolations and not sent. The fake
// delivers only to loopback addresses unless WithWebhookAnyHost, and Close
// cancels what is under way.
//
// # Rate limit
//
// WithRateLimit(budget, window) makes the fake limit each API key as Telnyx
// limits an account (decisions D55 and D56 of openapi.yaml): a fixed window
// per key, started by its first request after the previous one ended, in
// which every authenticated request spends one unit. Answers carry
// x-ratelimit-limit, x-ratelimit-remaining and x-ratelimit-reset (whole
// seconds until the window ends, rounded up); beyond the budget the answer
// is 429 with code 10011 and no Retry-After, and spends nothing. A 401 and
// an injected fault carry no rate-limit headers and spend nothing. Windows
// follow the fake's clock (WithClock). RateLimitNext, by contrast, injects a
// 429 with Retry-After whatever the budget.
//
// # Seed world
//
// WithSeedData loads a world built from the API documents' own examples,
// so that their example requests succeed (same UUIDs):
//
//   - Room "my_video_room", SeedRoomID 0ccc7b54-4df3-4bca-a65a-3da1ecc777f0,
//     defaults, created 2021-04-25T10:00:00Z, with active session
//     SeedSessionID (the same UUID, as in the examples) created then, and
//     its participants Alice (SeedAliceID 7b61621f-62e0-4aad-ab11-9fd19e272e73,
//     present), Bob (SeedBobID 0ccc7b54-4df3-4bca-a65a-3da1ecc777f0, present)
//     and Carol (SeedCarolID 7b61621f-62e0-4aad-ab11-9fd19e272e75, joined
//     and left on 2021-04-25).
//   - Room "My Room", SeedMyRoomID 7b61621f-62e0-4aad-ab11-9fd19e272e73,
//     exactly the reference's room sample (max_participants 50, recording
//     on, webhook URLs, webhook_timeout_secs 25, created
//     2021-04-16T09:46:20.954863Z), with its active session
//     SeedMyRoomSessionID 7b61621f-62e0-4aad-ab11-9fd19e272e74 (no
//     participants).
//   - Room "sample-room", SeedPastRoomID 7b61621f-5fe4-4aad-ab11-9fd19e272e73,
//     with the ended session of the session list sample (SeedEndedSessionID
//     7b61621f-62e0-4aad-ab11-9fd19e272e73, 2021-04-16 09:46 to 10:24, no
//     participants), its completed audio recording SeedRecordingID
//     6b61621f-62e0-4aad-ab11-9fd19e272e73 and its completed composition
//     SeedCompositionID 7103dc53-ee59-4b54-a58b-c77d99ceb037 (the ids of the
//     reference's samples).
//
// Ids of different kinds coincide as they do in the documents; each kind
// has its own namespace.
package roomstest
