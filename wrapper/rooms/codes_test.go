package rooms_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/rooms"
	"github.com/seed1c924325/telnyx-rooms-go/wrapper/roomstest"
)

func TestHasErrorCode(t *testing.T) {
	dup := &rooms.APIError{StatusCode: 422, Errors: []rooms.ErrorDetail{
		{Code: rooms.CodeMissingParameter}, {Code: rooms.CodeDuplicateResource},
	}}
	tests := []struct {
		name string
		err  error
		code rooms.ErrorCode
		want bool
	}{
		{"any entry of the list", dup, rooms.CodeDuplicateResource, true},
		{"first entry", dup, rooms.CodeMissingParameter, true},
		{"wrapped", fmt.Errorf("creating: %w", dup), rooms.CodeDuplicateResource, true},
		{"another code", dup, rooms.CodeNotFound, false},
		{"no error list", &rooms.APIError{StatusCode: 502, Body: "<html>"}, rooms.CodeUnexpected, false},
		{"not an API error", errors.New("10012"), rooms.CodeDuplicateResource, false},
		{"nil", nil, rooms.CodeDuplicateResource, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, rooms.HasErrorCode(tt.err, tt.code))
		})
	}
}

// A duplicate unique_name is recognised by its documented code, over HTTP.
func TestDuplicateUniqueNameHasItsCode(t *testing.T) {
	srv := roomstest.NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.Client()
	require.NoError(t, err)
	ctx := context.Background()
	_, err = c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("standup")})
	require.NoError(t, err)

	_, err = c.Rooms.Create(ctx, &rooms.RoomParams{UniqueName: rooms.Ptr("standup")})
	require.Error(t, err)
	assert.True(t, rooms.HasErrorCode(err, rooms.CodeDuplicateResource), "%v", err)
	assert.ErrorIs(t, err, rooms.ErrUnprocessable)
	var apiErr *rooms.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, apiErr.HasCode(rooms.CodeDuplicateResource))
	assert.False(t, apiErr.HasCode(rooms.CodeNotFound))
}
