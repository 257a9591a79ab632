package roomstest_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackageDocExampleIsMeetingTest keeps the test file shown in the
// package documentation the one that compiles and runs here: doc.go's
// code block must be meeting_test.go, package clause aside.
func TestPackageDocExampleIsMeetingTest(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	src, err := os.ReadFile("meeting_test.go")
	require.NoError(t, err)

	var block []string
	in := false
	for line := range strings.SplitSeq(string(doc), "\n") {
		switch {
		case strings.HasPrefix(line, "//\tpackage meeting_test"):
			in = true
		case in && strings.HasPrefix(line, "// #"):
			in = false
		}
		if in {
			block = append(block, strings.TrimPrefix(strings.TrimPrefix(line, "//"), "\t"))
		}
	}
	require.NotEmpty(t, block, "doc.go has no code block starting with package meeting_test")
	got := strings.TrimSpace(strings.Replace(strings.Join(block, "\n"), "package meeting_test", "package roomstest_test", 1))
	assert.Equal(t, strings.TrimSpace(string(src)), got, "update doc.go's example from meeting_test.go (or the other way round)")
}
