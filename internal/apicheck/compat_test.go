package apicheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompatibility writes the old and the new version of every case of
// compatCases into one temporary module, type-checks them all with one go
// list, and compares the listings of each pair.
func TestCompatibility(t *testing.T) {
	cases := compatCases()
	files := make(map[string]string)
	dirOf := func(i int) string { return fmt.Sprintf("c%02d", i) }
	for i, tc := range cases {
		for _, side := range []struct{ name, lib, other string }{{"old", tc.old, tc.oldOther}, {"new", tc.new, tc.newOther}} {
			dir := dirOf(i) + "/" + side.name
			otherPath := testModule + "/" + dir + "/other"
			files[dir+"/lib.go"] = "package lib\n\n" + strings.ReplaceAll(side.lib, "$OTHER", otherPath) + "\n"
			if side.other != "" {
				files[dir+"/other/other.go"] = "package other\n\n" + side.other + "\n"
			}
		}
	}
	pkgs := loadTypes(t, writeModule(t, files))

	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			oldPkg, newPkg := pkgs[testModule+"/"+dirOf(i)+"/old"], pkgs[testModule+"/"+dirOf(i)+"/new"]
			require.NotNil(t, oldPkg)
			require.NotNil(t, newPkg)
			changes, err := Compare(List(oldPkg), List(newPkg))
			require.NoError(t, err)
			var got []string
			for _, c := range changes {
				got = append(got, c.Line())
			}
			assert.Equal(t, tc.want, got, "old:\n%s\n\nnew:\n%s", strings.Join(List(oldPkg), "\n"), strings.Join(List(newPkg), "\n"))
		})
	}
}
