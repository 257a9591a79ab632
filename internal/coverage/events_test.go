package coverage

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadEvents: the contract declares the seven Video events of the
// reference (video-webhooks.yaml), as callbacks of createRoom.
func TestLoadEvents(t *testing.T) {
	events, err := LoadEvents(filepath.Join(repoRoot, "openapi.yaml"))
	require.NoError(t, err)
	var types []string
	for _, e := range events {
		types = append(types, e.Type)
		assert.Equal(t, "createRoom", e.Operation, e.Type)
		assert.NotEmpty(t, e.Callback, e.Type)
	}
	assert.Equal(t, []string{
		"video.room.composition.completed",
		"video.room.participant.joined",
		"video.room.participant.left",
		"video.room.recording.completed",
		"video.room.recording.started",
		"video.room.session.ended",
		"video.room.session.started",
	}, types)
}

// newCallback is a made-up event added to copies of the contract.
const newCallback = `        videoRoomWhiteboardOpened:
          '{$request.body#/webhook_event_url}':
            post:
              operationId: videoRoomWhiteboardOpened
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        data:
                          type: object
                          properties:
                            event_type:
                              type: string
                              enum: [video.room.whiteboard.opened]
              responses:
                '200':
                  description: Taken.
`

func TestEventChangesAreNamed(t *testing.T) {
	before := baseline(t)
	tests := []struct {
		name string
		edit func(t *testing.T, spec string) string
		want []Gap // Operation, Endpoint, Layer and Kind
	}{
		{
			name: "event added",
			edit: func(t *testing.T, spec string) string {
				// The first callbacks of the contract are createRoom's.
				require.Positive(t, strings.Index(spec, "      callbacks:\n"))
				require.Less(t, strings.Index(spec, "operationId: createRoom\n"), strings.Index(spec, "      callbacks:\n"))
				return strings.Replace(spec, "      callbacks:\n", "      callbacks:\n"+newCallback, 1)
			},
			want: []Gap{
				{Operation: "video.room.whiteboard.opened", Endpoint: "callback videoRoomWhiteboardOpened of createRoom", Layer: LayerFake, Kind: Missing},
				{Operation: "video.room.whiteboard.opened", Endpoint: "callback videoRoomWhiteboardOpened of createRoom", Layer: LayerWebhook, Kind: Missing},
			},
		},
		{
			name: "event removed",
			edit: func(t *testing.T, spec string) string {
				start := strings.Index(spec, "        videoRoomSessionStarted:\n")
				end := strings.Index(spec, "        videoRoomSessionEnded:\n")
				require.Positive(t, start)
				require.Greater(t, end, start)
				return spec[:start] + spec[end:]
			},
			want: []Gap{
				{Operation: "video.room.session.started", Layer: LayerFake, Kind: Unknown},
				{Operation: "video.room.session.started", Layer: LayerWebhook, Kind: Unknown},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all, err := Check(copyContract(t, tt.edit), repoRoot)
			require.NoError(t, err)
			gaps := newGaps(before, all)
			require.Len(t, gaps, len(tt.want), "gaps:\n  %s", gapLines(gaps))
			for i, g := range gaps {
				assert.Equal(t, tt.want[i], Gap{Operation: g.Operation, Endpoint: g.Endpoint, Layer: g.Layer, Kind: g.Kind})
				assert.Contains(t, g.String(), tt.want[i].Operation)
			}
		})
	}
}

// TestPendingFakeEventsAreContractEvents keeps the pending list honest: each
// entry is an event of the contract, with a reason.
func TestPendingFakeEventsAreContractEvents(t *testing.T) {
	events, err := LoadEvents(filepath.Join(repoRoot, "openapi.yaml"))
	require.NoError(t, err)
	known := map[string]bool{}
	for _, e := range events {
		known[e.Type] = true
	}
	for et, reason := range PendingFakeEvents() {
		assert.True(t, known[et], et)
		assert.NotEmpty(t, reason, et)
	}
}
