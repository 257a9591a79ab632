package drift

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// GeneratedDir is the directory, relative to the module root, that
// `go generate ./...` writes and that the check compares.
const GeneratedDir = "gen"

// Inputs returns the files and directories, relative to the module root, that
// generation reads: the contract, the oapi-codegen configuration with its
// generate directive, and the module files that pin the generator version.
func Inputs() []string {
	return []string{"openapi.yaml", "api", "go.mod", "go.sum", "tools.go"}
}

// Files maps a slash-separated path relative to the module root, such as
// "gen/client.gen.go", to the file's content.
type Files map[string][]byte

// Option configures Generate, Tidy and Check.
type Option func(*options)

type options struct {
	goCmd string
}

// WithGo sets the go command to run (default "go" from PATH).
func WithGo(goCmd string) Option {
	return func(o *options) { o.goCmd = goCmd }
}

func newOptions(opts []Option) options {
	o := options{goCmd: "go"}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// Generate copies the generation inputs of the module at root into a fresh
// temporary directory with an empty gen/, runs `go generate ./...` there and
// returns every file it wrote under gen/. The temporary directory is removed
// before Generate returns.
func Generate(ctx context.Context, root string, opts ...Option) (Files, error) {
	o := newOptions(opts)
	tmp, err := os.MkdirTemp("", "drift-generate-*")
	if err != nil {
		return nil, fmt.Errorf("drift: %w", err)
	}
	defer os.RemoveAll(tmp)

	for _, in := range Inputs() {
		if err := copyPath(filepath.Join(root, in), filepath.Join(tmp, in)); err != nil {
			return nil, fmt.Errorf("drift: copy generation input %s: %w", in, err)
		}
	}
	if err := os.Mkdir(filepath.Join(tmp, GeneratedDir), 0o755); err != nil {
		return nil, fmt.Errorf("drift: %w", err)
	}
	if _, err := runGo(ctx, o, tmp, "generate", "./..."); err != nil {
		return nil, err
	}
	return readTree(tmp, GeneratedDir)
}

// runGo runs the go command with args in dir and returns its standard output.
// A go.work file around dir is ignored: the module must stand on its own.
func runGo(ctx context.Context, o options, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, o.goCmd, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), &CommandError{
			Args:   append([]string{o.goCmd}, args...),
			Output: strings.TrimSpace(stderr.String() + stdout.String()),
			Err:    err,
		}
	}
	return stdout.Bytes(), nil
}

// CommandError reports a go command that failed.
type CommandError struct {
	// Args is the command line, starting with the go command.
	Args []string
	// Output is what the command printed.
	Output string
	// Err is the error from running it, usually an *exec.ExitError.
	Err error
}

// Error returns the command line, the error and the command's output.
func (e *CommandError) Error() string {
	return fmt.Sprintf("drift: %s: %v\n%s", strings.Join(e.Args, " "), e.Err, e.Output)
}

// Unwrap returns the underlying error.
func (e *CommandError) Unwrap() error { return e.Err }

// readTree returns the regular files under root/dir, keyed by slash path
// relative to root. A missing dir is an empty tree.
func readTree(root, dir string) (Files, error) {
	files := make(Files)
	err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && path == filepath.Join(root, dir) {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("drift: read %s: %w", dir, err)
	}
	return files, nil
}

// copyPath copies the file or directory tree src to dst.
func copyPath(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
