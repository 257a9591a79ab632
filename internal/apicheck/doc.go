// Package apicheck treats the exported Go API of the module's packages as a
// contract, the way internal/specdiff treats openapi.yaml: it lists the API
// of each package, compares it with a baseline (one file per package in
// testdata/api/, the API as last released) and reports incompatible changes,
// which fail the check, and compatible ones, which are a changelog.
//
// # Listing
//
// List writes one feature per line, sorted, in the format of Go's own
// api/*.txt files:
//
//	pkg rooms, const DefaultBaseURL = "https://api.telnyx.com/v2"
//	pkg rooms, const DefaultBaseURL ideal-string
//	pkg rooms, var ErrNotFound error
//	pkg rooms, func NewClient(...Option) (*Client, error)
//	pkg rooms, func Ptr[$0 any]($0) *$0
//	pkg rooms, type APIError struct
//	pkg rooms, type APIError struct, StatusCode int
//	pkg rooms, type ListRoomsParams struct, embedded ListOptions
//	pkg rooms, type ListRoomsParams struct, promoted PageSize int
//	pkg rooms, type ListOptions struct, comparable
//	pkg rooms, method (*RoomsService) Delete(context.Context, string) error
//	pkg rooms, type Room = gen.Room
//	pkg rooms, type Room struct, Id uuid.UUID
//
// Types of the listed package are unqualified, others qualified by package
// name; aliases are resolved (byte is uint8, openapi_types.UUID is
// uuid.UUID); parameter names are left out and type parameters are numbered
// ($0, $1), because renaming them breaks nobody. A struct lists its exported
// fields, its embedded fields, the fields that selectors reach through them
// ("promoted"), and "comparable" when == works on it. An interface lists its
// exported methods, "unexported methods" when it has others (then only its
// package can implement it, so it may grow), and its type-set elements
// ("embedded ~int | ~string"). A type lists its exported method set,
// promoted methods included: method (T) M for T's, method (*T) M for those
// only *T has. For an interface with unexported methods, each listed type
// that implements it has a line "type T implements I".
//
// An alias to a type whose features are not listed under its own name (a
// type of another package, such as the generated models that wrapper/rooms
// re-exports from gen, or an unexported type) lists that type's features
// under the alias's name, because they are what users of the alias get. An
// unexported type that the API reaches (type Option func(*config) error) is
// listed too: users hold values of it, so its exported fields and methods
// are API.
//
// # Compatibility
//
// Compare pairs the lines of the baseline and the current listing. A line
// that was removed, or replaced by one that declares the same thing
// differently (a "changed" feature), is incompatible, except where Go's
// compatibility rules and golang.org/x/exp/apidiff accept the change: a
// method moved from *T to T, a promoted field declared in the struct itself,
// a func that became a var of the same type, a defined numeric type
// widened (int32 to int64), a channel type that lost its direction, an
// interface that lost its unexported methods. A line that was added is
// compatible, except in an interface of the baseline: a method (when the
// interface had no unexported methods, so users may implement it), the
// "unexported methods" marker, or a type-set element. Changes are reported
// one per line:
//
//	incompatible: removed: pkg rooms, func ParticipantIDs(...string) Participants
//	incompatible: changed: pkg rooms, method (*RoomsService) Delete(context.Context, string) error -> method (*RoomsService) Delete(context.Context, string, bool) error
//	compatible: added: pkg rooms, func Extra()
//
// A type removed or added whole is one line that counts the features it
// stands for. A baseline file whose package is no longer checked is the
// removal of the whole package.
//
// Known limits: renaming an unexported type that the API mentions changes
// the lines that print it (apidiff would match the two by position); a type
// of another package that the API reaches other than by an alias is listed
// by name only, so its own changes are that package's contract.
//
// The command in cmd/apicheck is what `make check-api` and `make
// api-baseline` run.
package apicheck
