package rooms

import "errors"

// ErrorCode is a Telnyx error code: an integer written as a string, such as
// "10005". Compare it with the Code constants instead of string literals.
type ErrorCode string

// Telnyx error codes. Each is listed, with the title quoted here, in
// Telnyx's "API error codes" reference
// (https://developers.telnyx.com/development/api-fundamentals/api-errors);
// these are the general codes, not those of other products (phone numbers,
// messaging, email). CodeTooManyRequests is also the code of the 429 answer
// described by Telnyx's rate-limiting guide
// (https://developers.telnyx.com/development/api-fundamentals/reliability/rate-limiting).
const (
	// CodeInvalidURL is "Invalid URL": a URL was malformed or too long.
	CodeInvalidURL ErrorCode = "10003"
	// CodeMissingParameter is "Missing required parameter"; the error's
	// Pointer or Parameter names it.
	CodeMissingParameter ErrorCode = "10004"
	// CodeNotFound is "Resource not found".
	CodeNotFound ErrorCode = "10005"
	// CodeInvalidID is "Invalid ID".
	CodeInvalidID ErrorCode = "10006"
	// CodeUnexpected is "Unexpected error", a failure on Telnyx's side.
	CodeUnexpected ErrorCode = "10007"
	// CodeRequestTimeout is "Request timeout".
	CodeRequestTimeout ErrorCode = "10008"
	// CodeAuthenticationFailed is "Authentication failed": the API key is
	// missing or wrong.
	CodeAuthenticationFailed ErrorCode = "10009"
	// CodeAuthorizationFailed is "Authorization failed": the key may not do
	// this to this resource.
	CodeAuthorizationFailed ErrorCode = "10010"
	// CodeTooManyRequests is "Too many requests": the account's rate limit
	// is spent.
	CodeTooManyRequests ErrorCode = "10011"
	// CodeDuplicateResource is "Duplicate resource", such as a room whose
	// unique_name another room of the account already has.
	CodeDuplicateResource ErrorCode = "10012"
	// CodeMissingAssociation is "Missing association": an associated field
	// does not exist.
	CodeMissingAssociation ErrorCode = "10013"
	// CodeUnsupportedMediaType is "Unsupported Media Type".
	CodeUnsupportedMediaType ErrorCode = "10014"
	// CodeBadRequest is "Bad Request": the request was not well-formed.
	CodeBadRequest ErrorCode = "10015"
	// CodeAssociatedResourceNotFound is "Associated resource does not exist".
	CodeAssociatedResourceNotFound ErrorCode = "10017"
	// CodeResourceInUse is "Resource in use": it cannot be removed yet.
	CodeResourceInUse ErrorCode = "10021"
	// CodeInvalidIDs is "One or more invalid IDs".
	CodeInvalidIDs ErrorCode = "10022"
	// CodeInvalidJSON is "Invalid JSON": the body could not be parsed.
	CodeInvalidJSON ErrorCode = "10023"
)

// HasCode reports whether any entry of the Telnyx error list has code.
func (e *APIError) HasCode(code ErrorCode) bool {
	for i := range e.Errors {
		if e.Errors[i].Code == code {
			return true
		}
	}
	return false
}

// HasErrorCode reports whether err is, or wraps, an *APIError whose error
// list has code:
//
//	if rooms.HasErrorCode(err, rooms.CodeDuplicateResource) {
//		// the unique_name is taken
//	}
func HasErrorCode(err error, code ErrorCode) bool {
	var e *APIError
	return errors.As(err, &e) && e.HasCode(code)
}
