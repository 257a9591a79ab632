package apicheck

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// DefaultBaselineDir is the directory, relative to the module root, that
// holds one baseline file per package.
const DefaultBaselineDir = "testdata/api"

// Baseline is the recorded API of one package: the content of its file.
type Baseline struct {
	// Name is the package name, from the file name (rooms.txt: rooms).
	Name string
	// File is the path of the file.
	File string
	// Features are the feature lines of the file, comments left out.
	Features []string
}

// BaselineFile returns the name of the baseline file of the package named
// name: name + ".txt".
func BaselineFile(name string) string {
	return name + ".txt"
}

// FormatBaseline returns the content of the baseline file of api: a header
// of comment lines (starting with #) that says what the file is and how it
// is updated, then the features, one per line.
func FormatBaseline(api API) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The exported Go API of %s, one feature per line in the format of Go's api/*.txt.\n", api.Path)
	b.WriteString("# `make check-api` fails when a feature is removed or changed incompatibly; new features pass as a changelog.\n")
	b.WriteString("# Generated; do not edit. After a deliberate break run `make api-baseline` and commit this file in the same commit.\n")
	for _, f := range api.Features {
		b.WriteString(f + "\n")
	}
	return b.Bytes()
}

// ReadBaselines reads every baseline file (*.txt) in dir, keyed by package
// name. A missing dir is an error that wraps fs.ErrNotExist. A line that is
// not a comment must be a feature of the file's package.
func ReadBaselines(dir string) (map[string]Baseline, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("apicheck: %w", err)
	}
	if len(matches) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("apicheck: baseline directory: %w", err)
		}
	}
	baselines := make(map[string]Baseline, len(matches))
	for _, file := range matches {
		b, err := readBaseline(file)
		if err != nil {
			return nil, err
		}
		baselines[b.Name] = b
	}
	return baselines, nil
}

func readBaseline(file string) (Baseline, error) {
	content, err := os.ReadFile(file)
	if err != nil {
		return Baseline{}, fmt.Errorf("apicheck: %w", err)
	}
	b := Baseline{Name: strings.TrimSuffix(filepath.Base(file), ".txt"), File: file}
	sc := bufio.NewScanner(bytes.NewReader(content))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f, err := parseFeature(line)
		if err != nil {
			return Baseline{}, fmt.Errorf("apicheck: %s:%d: %w", file, n, err)
		}
		if f.pkg != b.Name {
			return Baseline{}, fmt.Errorf("apicheck: %s:%d: feature of package %s in the baseline of package %s", file, n, f.pkg, b.Name)
		}
		b.Features = append(b.Features, line)
	}
	if err := sc.Err(); err != nil {
		return Baseline{}, fmt.Errorf("apicheck: %s: %w", file, err)
	}
	return b, nil
}

// isNotExist reports whether err says that a file or directory is missing.
func isNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist)
}
