package contract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// userFacing are the packages whose exported names users read.
var userFacing = []string{"gen", "gen/genserver", "wrapper/rooms", "wrapper/roomstest"}

// badInitialism matches a name part that Go writes in capitals: Id, Url,
// Http... followed by the next word or the end of the name.
var badInitialism = regexp.MustCompile(`(Id|Url|Uri|Http|Json|Ttl|Api|Uuid|Html|Xml)([A-Z0-9_]|$)`)

// generatorNames are fixed names of oapi-codegen's templates, which the
// name normalizer does not reach.
var generatorNames = map[string]bool{"HttpRequestDoer": true}

// TestExportedNamesUseGoInitialisms parses every user-facing package and
// fails on an exported identifier (type, function, method, field, constant,
// variable) written RoomId, WebhookEventUrl, TokenTtlSecs and the like.
func TestExportedNamesUseGoInitialisms(t *testing.T) {
	for _, dir := range userFacing {
		t.Run(dir, func(t *testing.T) {
			names := exportedNames(t, filepath.Join("..", "..", dir))
			require.NotEmpty(t, names)
			for _, n := range names {
				if generatorNames[n.name] {
					continue
				}
				assert.False(t, badInitialism.MatchString(n.name), "%s: %s: write the initialism in capitals (ID, URL, TTL, HTTP, JSON...)", n.pos, n.name)
			}
		})
	}
}

type exportedName struct {
	name, pos string
}

// exportedNames returns every exported identifier declared in the non-test
// Go files of dir, struct fields and interface methods included.
func exportedNames(t *testing.T, dir string) []exportedName {
	t.Helper()
	fset := token.NewFileSet()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	var out []exportedName
	add := func(id *ast.Ident) {
		if id != nil && id.IsExported() {
			out = append(out, exportedName{id.Name, fset.Position(id.Pos()).String()})
		}
	}
	var fields func(*ast.FieldList)
	fields = func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				add(n)
			}
			switch ft := f.Type.(type) {
			case *ast.StructType:
				fields(ft.Fields)
			case *ast.InterfaceType:
				fields(ft.Methods)
			}
		}
	}
	for _, path := range matches {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				add(d.Name)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						add(s.Name)
						switch st := s.Type.(type) {
						case *ast.StructType:
							fields(st.Fields)
						case *ast.InterfaceType:
							fields(st.Methods)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							add(n)
						}
					}
				}
			}
		}
	}
	return out
}

func TestBadInitialism(t *testing.T) {
	for name, bad := range map[string]bool{
		"RoomId": true, "WebhookEventUrl": true, "TokenTtlSecs": true, "HttpClient": true, "Identity": false,
		"RoomID": false, "WebhookEventURL": false, "Idle": false, "ApiKey": true, "APIKey": false, "Json200": true,
	} {
		assert.Equal(t, bad, badInitialism.MatchString(name), name)
	}
}
