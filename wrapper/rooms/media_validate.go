package rooms

import "strconv"

// Limits of the recordings and compositions contract (openapi.yaml D16,
// D17), checked before the network.
const (
	minResolutionSide = 16
	maxResolutionSide = 1280
	maxResolutionArea = 1280 * 720
	maxRegions        = 2
	minRegionSide     = 16
	maxGrid           = 1000
	maxZPos           = 99
)

// checkEnum checks that v is one of the values the contract allows.
func checkEnum[E ~string](field string, v E, allowed ...E) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	rule := "must be one of"
	for i, a := range allowed {
		if i > 0 {
			rule += ","
		}
		rule += " " + strconv.Quote(string(a))
	}
	return &ValidationError{Field: field, Rule: rule, Value: string(v)}
}

// check checks the API's limits of a resolution: each side 16 to 1280
// pixels, and at most 1280×720 pixels in all.
func (r Resolution) check() error {
	for _, side := range []struct {
		name string
		v    int
	}{{"width", r.Width}, {"height", r.Height}} {
		if side.v < minResolutionSide || side.v > maxResolutionSide {
			return &ValidationError{Field: "resolution", Rule: "the " + side.name + " must be between 16 and 1280 pixels", Value: r.String()}
		}
	}
	if r.Width*r.Height > maxResolutionArea {
		return &ValidationError{Field: "resolution", Rule: "must be at most 1280x720 pixels in all (width times height at most 921600)", Value: r.String()}
	}
	return nil
}
