package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

func testCLI(output string) (*cli, *bytes.Buffer) {
	var out bytes.Buffer
	return &cli{stdout: &out, stderr: &out, output: output}, &out
}

func sampleRooms() []rooms.Room {
	created := time.Date(2021, 4, 16, 9, 46, 20, 954863000, time.UTC)
	return []rooms.Room{
		{ID: "7b61621f-62e0-4aad-ab11-9fd19e272e73", UniqueName: "My Room", MaxParticipants: 50,
			EnableRecording: true, CreatedAt: created, UpdatedAt: created, WebhookEventURL: "https://www.example.com"},
		{ID: "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", UniqueName: "b", MaxParticipants: 10,
			ActiveSessionID: "0ccc7b54-4df3-4bca-a65a-3da1ecc777b0", CreatedAt: created},
	}
}

func TestPrintListTableIsAligned(t *testing.T) {
	c, out := testCLI("table")
	require.NoError(t, printList(c, roomColumns(false), sampleRooms()))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 3)
	assert.Regexp(t, `^ID +UNIQUE NAME +MAX +RECORDING +ACTIVE SESSION +CREATED$`, lines[0])
	assert.Regexp(t, `^7b61621f-62e0-4aad-ab11-9fd19e272e73 +My Room +50 +true +- +2021-04-16T09:46:20Z$`, lines[1])
	assert.Regexp(t, `^0ccc7b54-4df3-4bca-a65a-3da1ecc777f0 +b +10 +false +0ccc7b54-4df3-4bca-a65a-3da1ecc777b0 +2021-04-16T09:46:20Z$`, lines[2])
	col := strings.Index(lines[0], "UNIQUE NAME")
	assert.Equal(t, col, strings.Index(lines[1], "My Room"), "columns are not aligned")
	assert.Equal(t, col, strings.Index(lines[2], "b "), "columns are not aligned")
	assert.NotContains(t, lines[0], "WEBHOOK", "detail columns belong to the single-resource view")
	assert.NotContains(t, lines[0], "SESSIONS", "SESSIONS only when --include-sessions asked for them")
}

func TestPrintListShowsIncludedSessions(t *testing.T) {
	c, out := testCLI("table")
	rs := sampleRooms()
	rs[0].Sessions = []rooms.Session{{}, {}}
	require.NoError(t, printList(c, roomColumns(true), rs))
	lines := strings.Split(out.String(), "\n")
	assert.Regexp(t, `SESSIONS$`, lines[0])
	assert.Regexp(t, ` 2$`, lines[1])
	assert.Regexp(t, ` 0$`, lines[2])
}

func TestPrintOneTableIsFieldValue(t *testing.T) {
	c, out := testCLI("table")
	require.NoError(t, printOne(c, roomColumns(false), sampleRooms()[0]))
	assert.Regexp(t, `(?m)^ID +7b61621f-62e0-4aad-ab11-9fd19e272e73$`, out.String())
	assert.Regexp(t, `(?m)^WEBHOOK URL +https://www.example.com$`, out.String())
	assert.Regexp(t, `(?m)^WEBHOOK TIMEOUT +-$`, out.String())
	assert.Regexp(t, `(?m)^UPDATED +2021-04-16T09:46:20Z$`, out.String())
}

func TestJSONOutput(t *testing.T) {
	c, out := testCLI("json")
	require.NoError(t, printList(c, roomColumns(false), sampleRooms()))
	var got []rooms.Room
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	assert.Equal(t, sampleRooms(), got)

	out.Reset()
	require.NoError(t, printList[rooms.Room](c, roomColumns(false), nil))
	assert.Equal(t, "[]\n", out.String(), "an empty list is an empty JSON array, not null")

	out.Reset()
	require.NoError(t, printOne(c, roomColumns(false), sampleRooms()[1]))
	var one map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &one))
	assert.Equal(t, "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", one["id"])
	assert.Equal(t, "b", one["unique_name"])

	out.Reset()
	require.NoError(t, printDone(c, "deleted"))
	assert.JSONEq(t, `{"result":"ok"}`, out.String())
}
