package roomstest

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/seed1c924325/telnyx-rooms-go/wrapper/webhook"
)

// eventSchemas finds the webhook body schema of every event of the
// contract: each component schema whose data.event_type is an enum of one
// value, such as SessionStartedWebhook for video.room.session.started.
func eventSchemas(doc *openapi3.T) map[webhook.EventType]*openapi3.Schema {
	out := map[webhook.EventType]*openapi3.Schema{}
	for _, ref := range doc.Components.Schemas {
		if ref == nil || ref.Value == nil {
			continue
		}
		data := ref.Value.Properties["data"]
		if data == nil || data.Value == nil {
			continue
		}
		et := data.Value.Properties["event_type"]
		if et == nil || et.Value == nil || len(et.Value.Enum) != 1 {
			continue
		}
		if s, ok := et.Value.Enum[0].(string); ok {
			out[webhook.EventType(s)] = ref.Value
		}
	}
	return out
}

// validateEvent checks a webhook body against the contract's schema of
// its event type.
func (c *contract) validateEvent(typ webhook.EventType, body []byte) error {
	schema := c.events[typ]
	if schema == nil {
		return fmt.Errorf("the contract has no event %q", typ)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return errors.New("the body is not JSON")
	}
	opts := append([]openapi3.SchemaValidationOption{openapi3.MultiErrors()}, c.formats...)
	if err := schema.VisitJSON(v, opts...); err != nil {
		return fmt.Errorf("the body does not match the contract: %s", eventViolation(err))
	}
	return nil
}

// eventViolation names what is wrong and where, without the values.
func eventViolation(err error) string {
	var me openapi3.MultiError
	if errors.As(err, &me) && len(me) > 0 {
		err = me[0]
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		where := jsonPointer(se.JSONPointer())
		if where == "" {
			where = "/"
		}
		if se.SchemaField == "format" && se.Schema != nil {
			return where + ": " + formatHint(se.Schema.Format)
		}
		return where + ": " + se.Reason
	}
	return "it does not match the schema"
}
