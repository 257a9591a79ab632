package drift

import (
	"context"
	"errors"
	"os/exec"
)

// Tidy runs `go mod tidy -diff` in the module at root and returns the diff it
// prints: empty when go.mod and go.sum are tidy. It changes no file.
func Tidy(ctx context.Context, root string, opts ...Option) (string, error) {
	out, err := runGo(ctx, newOptions(opts), root, "mod", "tidy", "-diff")
	if err == nil {
		return "", nil
	}
	// -diff exits 1 and prints a diff when the files are not tidy; any other
	// failure (no diff printed) is an error.
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && exitErr.ExitCode() == 1 && len(out) > 0 {
		return string(out), nil
	}
	return "", err
}
