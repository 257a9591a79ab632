package main

import (
	"strconv"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
)

// fmtMB shows a size in megabytes with the decimals the API sent.
func fmtMB(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func recordingColumns() []column[rooms.Recording] {
	return []column[rooms.Recording]{
		{name: "ID", value: func(r rooms.Recording) string { return r.ID }},
		{name: "SESSION", value: func(r rooms.Recording) string { return r.SessionID }},
		{name: "PARTICIPANT", value: func(r rooms.Recording) string { return r.ParticipantID }},
		{name: "TYPE", value: func(r rooms.Recording) string { return string(r.Type) }},
		{name: "STATUS", value: func(r rooms.Recording) string { return string(r.Status) }},
		{name: "DURATION", value: func(r rooms.Recording) string { return strconv.Itoa(r.DurationSecs) }},
		{name: "SIZE MB", value: func(r rooms.Recording) string { return fmtMB(r.SizeMB) }},
		{name: "STARTED", value: func(r rooms.Recording) string { return fmtTime(r.StartedAt) }},
		{name: "ROOM", value: func(r rooms.Recording) string { return r.RoomID }, detail: true},
		{name: "CODEC", value: func(r rooms.Recording) string { return r.Codec }, detail: true},
		{name: "ENDED", value: func(r rooms.Recording) string { return fmtTime(r.EndedAt) }, detail: true},
		{name: "COMPLETED", value: func(r rooms.Recording) string { return fmtTime(r.CompletedAt) }, detail: true},
		{name: "DOWNLOAD URL", value: func(r rooms.Recording) string { return r.DownloadURL }, detail: true},
		{name: "CREATED", value: func(r rooms.Recording) string { return fmtTime(r.CreatedAt) }, detail: true},
		{name: "UPDATED", value: func(r rooms.Recording) string { return fmtTime(r.UpdatedAt) }, detail: true},
	}
}

func compositionColumns() []column[rooms.Composition] {
	return []column[rooms.Composition]{
		{name: "ID", value: func(c rooms.Composition) string { return c.ID }},
		{name: "SESSION", value: func(c rooms.Composition) string { return c.SessionID }},
		{name: "STATUS", value: func(c rooms.Composition) string { return string(c.Status) }},
		{name: "RESOLUTION", value: func(c rooms.Composition) string { return c.Resolution }},
		{name: "DURATION", value: func(c rooms.Composition) string { return strconv.Itoa(c.DurationSecs) }},
		{name: "SIZE MB", value: func(c rooms.Composition) string { return fmtMB(c.SizeMB) }},
		{name: "CREATED", value: func(c rooms.Composition) string { return fmtTime(c.CreatedAt) }},
		{name: "ROOM", value: func(c rooms.Composition) string { return c.RoomID }, detail: true},
		{name: "FORMAT", value: func(c rooms.Composition) string { return string(c.Format) }, detail: true},
		{name: "REGIONS", value: func(c rooms.Composition) string { return strconv.Itoa(len(c.VideoLayout)) }, detail: true},
		{name: "STARTED", value: func(c rooms.Composition) string { return fmtTime(c.StartedAt) }, detail: true},
		{name: "ENDED", value: func(c rooms.Composition) string { return fmtTime(c.EndedAt) }, detail: true},
		{name: "COMPLETED", value: func(c rooms.Composition) string { return fmtTime(c.CompletedAt) }, detail: true},
		{name: "DOWNLOAD URL", value: func(c rooms.Composition) string { return c.DownloadURL }, detail: true},
		{name: "WEBHOOK URL", value: func(c rooms.Composition) string { return c.WebhookEventURL }, detail: true},
		{name: "WEBHOOK FAILOVER URL", value: func(c rooms.Composition) string { return c.WebhookEventFailoverURL }, detail: true},
		{name: "WEBHOOK TIMEOUT", value: func(c rooms.Composition) string { return fmtIntPtr(c.WebhookTimeoutSecs) }, detail: true},
		{name: "UPDATED", value: func(c rooms.Composition) string { return fmtTime(c.UpdatedAt) }, detail: true},
	}
}
