package rooms

// WithClock replaces a Client's clock (see clock.go): the seam the external
// test package drives with internal/fakeclock.
var WithClock = withClock
