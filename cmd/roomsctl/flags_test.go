package main

import (
	"flag"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

func newFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func TestParseArgsLetsFlagsFollowArguments(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantPos  []string
		wantAll  bool
		wantIDs  []string
		wantFail bool
	}{
		{name: "flags first", args: []string{"--all", "S"}, wantPos: []string{"S"}, wantAll: true},
		{name: "flags after", args: []string{"S", "--all"}, wantPos: []string{"S"}, wantAll: true},
		{name: "mixed and repeated", args: []string{"--participant", "a", "S", "--participant=b,c"}, wantPos: []string{"S"}, wantIDs: []string{"a", "b", "c"}},
		{name: "double dash ends flags", args: []string{"S", "--", "--all"}, wantPos: []string{"S", "--all"}},
		{name: "several positionals", args: []string{"A", "-all", "B"}, wantPos: []string{"A", "B"}, wantAll: true},
		{name: "unknown flag after argument", args: []string{"S", "--nope"}, wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFlagSet()
			all := fs.Bool("all", false, "")
			var ids stringList
			fs.Var(&ids, "participant", "")
			pos, err := parseArgs(fs, tt.args)
			if tt.wantFail {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantPos, pos)
			assert.Equal(t, tt.wantAll, *all)
			assert.Equal(t, tt.wantIDs, []string(ids))
		})
	}
}

func TestOptBoolIsTriState(t *testing.T) {
	tests := []struct {
		args []string
		want *bool
	}{
		{args: nil, want: nil},
		{args: []string{"--active"}, want: rooms.Ptr(true)},
		{args: []string{"--active=true"}, want: rooms.Ptr(true)},
		{args: []string{"--active=false"}, want: rooms.Ptr(false)},
	}
	for _, tt := range tests {
		fs := newFlagSet()
		var active *bool
		fs.Var(&optBool{dst: &active}, "active", "")
		require.NoError(t, fs.Parse(tt.args))
		assert.Equal(t, tt.want, active, "%v", tt.args)
	}
}

func TestDateFlagsFillTheFilter(t *testing.T) {
	fs := newFlagSet()
	var f rooms.DateFilter
	dateFlags(fs, "created", "created", &f)
	require.NoError(t, fs.Parse([]string{"--created-on", "2021-04-16", "--created-from=2021-04-01", "--created-to", "2021-04-30"}))
	assert.Equal(t, time.Date(2021, 4, 16, 0, 0, 0, 0, time.UTC), f.Eq)
	assert.Equal(t, time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC), f.Gte)
	assert.Equal(t, time.Date(2021, 4, 30, 0, 0, 0, 0, time.UTC), f.Lte)
}

func TestRoomFlagsSendOnlyWhatWasGiven(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  rooms.RoomParams
		wantN int
	}{
		{name: "nothing", args: nil, want: rooms.RoomParams{}},
		{name: "global flag only", args: []string{"-o", "json"}, want: rooms.RoomParams{}},
		{name: "zero values are sent when given", args: []string{"--enable-recording=false", "--webhook-timeout", "0"},
			want: rooms.RoomParams{EnableRecording: rooms.Ptr(false), WebhookTimeoutSecs: rooms.Ptr(0)}, wantN: 2},
		{name: "every field", args: []string{
			"--unique-name", "r1", "--max-participants", "7", "--enable-recording",
			"--webhook-url", "https://a.example", "--webhook-failover-url", "https://b.example", "--webhook-timeout", "12",
		}, want: rooms.RoomParams{
			UniqueName: rooms.Ptr("r1"), MaxParticipants: rooms.Ptr(7), EnableRecording: rooms.Ptr(true),
			WebhookEventURL: rooms.Ptr("https://a.example"), WebhookEventFailoverURL: rooms.Ptr("https://b.example"),
			WebhookTimeoutSecs: rooms.Ptr(12),
		}, wantN: 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFlagSet()
			var rf roomFlags
			rf.register(fs)
			fs.String("o", "table", "")
			require.NoError(t, fs.Parse(tt.args))
			p, n := rf.params(fs)
			assert.Equal(t, tt.want, *p)
			assert.Equal(t, tt.wantN, n)
		})
	}
}

func TestSecondsFlag(t *testing.T) {
	fs := newFlagSet()
	var d time.Duration
	seconds(fs, "ttl", "", tokenTTLBounds, &d)
	require.NoError(t, fs.Parse([]string{"--ttl", "600"}))
	assert.Equal(t, 10*time.Minute, d)
	for _, bad := range []string{"0", "-5", "1.5", "10m"} {
		assert.Error(t, newFlagSetWithSeconds().Parse([]string{"--ttl", bad}), bad)
	}
}

func newFlagSetWithSeconds() *flag.FlagSet {
	fs := newFlagSet()
	var d time.Duration
	seconds(fs, "ttl", "", tokenTTLBounds, &d)
	return fs
}
