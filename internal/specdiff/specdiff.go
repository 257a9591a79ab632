package specdiff

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

// Change is one difference between the baseline and the revision, as oasdiff
// words it.
type Change struct {
	// ID is oasdiff's rule id, for example "api-path-removed-without-deprecation".
	ID string
	// Level is "error", "warning" or "info", after the raises of GoBreakingRules.
	Level string
	// Breaking reports whether the change fails the check.
	Breaking bool
	// Raised holds the reason from GoBreakingRules when this package raised
	// the change from oasdiff's INFO to ERR, and is empty otherwise.
	Raised string
	// Method and Path locate the operation ("DELETE", "/rooms/{room_id}");
	// both are empty for changes outside paths (components, security, info).
	Method, Path string
	// OperationID is the operationId of the changed operation, if any.
	OperationID string
	// Section is the part of the document that changed: "paths",
	// "components", "security" or "info".
	Section string
	// Text is oasdiff's message, without colours.
	Text string
	// Comment is oasdiff's explanation, when it gives one.
	Comment string
}

// Location returns where the change is: "METHOD /path (operationId)" for an
// operation, otherwise the section of the document.
func (c Change) Location() string {
	if c.Path == "" {
		return c.Section
	}
	loc := c.Path
	if c.Method != "" {
		loc = c.Method + " " + c.Path
	}
	if c.OperationID != "" {
		loc += " (" + c.OperationID + ")"
	}
	return loc
}

// Report is the outcome of comparing two versions of the contract.
type Report struct {
	// Base and Revision are the files that were compared.
	Base, Revision string
	// Changes lists every change: breaking ones first, then by path, method,
	// rule id and text, so that the order never depends on map iteration.
	Changes []Change
}

// Breaking returns the changes that fail the check, in report order.
func (r *Report) Breaking() []Change {
	return r.filter(true)
}

// Changelog returns the changes that do not fail the check, in report order.
func (r *Report) Changelog() []Change {
	return r.filter(false)
}

// HasBreaking reports whether any change fails the check.
func (r *Report) HasBreaking() bool {
	return slices.ContainsFunc(r.Changes, func(c Change) bool { return c.Breaking })
}

func (r *Report) filter(breaking bool) []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Breaking == breaking {
			out = append(out, c)
		}
	}
	return out
}

// Compare loads the OpenAPI documents at basePath (the released contract) and
// revisionPath (the contract as it is now) and returns every change oasdiff's
// backward compatibility checker finds, down to level INFO.
func Compare(basePath, revisionPath string) (*Report, error) {
	base, err := load.NewSpecInfo(openapi3.NewLoader(), load.NewSource(basePath))
	if err != nil {
		return nil, fmt.Errorf("specdiff: load base %s: %w", basePath, err)
	}
	revision, err := load.NewSpecInfo(openapi3.NewLoader(), load.NewSource(revisionPath))
	if err != nil {
		return nil, fmt.Errorf("specdiff: load revision %s: %w", revisionPath, err)
	}
	hoistCallbacks(base.Spec)
	hoistCallbacks(revision.Spec)
	d, sources, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), base, revision)
	if err != nil {
		return nil, fmt.Errorf("specdiff: diff %s and %s: %w", basePath, revisionPath, err)
	}
	config := checker.NewConfig(checker.GetAllChecks(), checker.WithSeverityLevels(severityLevels()))
	found := checker.CheckBackwardCompatibilityUntilLevel(config, d, sources, checker.INFO)

	raised := GoBreakingRules()
	localize := checker.NewDefaultLocalizer()
	changes := make([]Change, 0, len(found))
	for _, f := range found {
		c := Change{
			ID:          f.GetId(),
			Level:       f.GetLevel().String(),
			Breaking:    isBreaking(f.GetLevel()),
			Method:      f.GetOperation(),
			Path:        f.GetPath(),
			OperationID: f.GetOperationId(),
			Section:     f.GetSection(),
			Text:        f.GetUncolorizedText(localize),
			Comment:     f.GetComment(localize),
		}
		if reason, ok := raised[c.ID]; ok && f.GetLevel() == checker.ERR {
			c.Raised = reason
		}
		changes = append(changes, c)
	}
	slices.SortStableFunc(changes, compareChanges)
	return &Report{Base: basePath, Revision: revisionPath, Changes: changes}, nil
}

// compareChanges orders breaking changes first, then errors before warnings
// before infos, then by location, rule id and text.
func compareChanges(a, b Change) int {
	if a.Breaking != b.Breaking {
		if a.Breaking {
			return -1
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(levelRank(a.Level), levelRank(b.Level)),
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Method, b.Method),
		cmp.Compare(a.Section, b.Section),
		cmp.Compare(a.ID, b.ID),
		cmp.Compare(a.Text, b.Text),
		cmp.Compare(a.Comment, b.Comment),
	)
}

func levelRank(level string) int {
	switch level {
	case checker.ERR.String():
		return 0
	case checker.WARN.String():
		return 1
	default:
		return 2
	}
}
