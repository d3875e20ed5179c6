package papergraph_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOnlyNouns holds the package to its doc: it exports nouns and nothing
// else. The rule, checked on every exported identifier of the package's
// own (non-test) files:
//
//   - a type is a noun;
//   - a constant or variable is a value of a noun: its type is built from
//     the package's own types only (Kind, []Kind), never a bare byte
//     slice, string or number;
//   - a function computes identity or folds records: each of its
//     parameters and results is a noun or a basic value (string, bool,
//     number), as in NormalizeArXiv(string) (string, bool) or
//     Merge([]Paper) ([]Paper, MergeStats); nothing that does I/O or work
//     (readers, writers, contexts, loggers, other packages' types).
//
// The package also imports the standard library only, so a reader, the
// graph or a writer that imports the nouns links nothing else.
func TestOnlyNouns(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		files = append(files, f)
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			first, _, _ := strings.Cut(path, "/")
			assert.NotContains(t, first, ".", "%s imports %s: the nouns import the standard library only", name, path)
		}
	}
	require.NotEmpty(t, files)
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("github.com/papergraph/papergraph", fset, files, nil)
	require.NoError(t, err)

	// own reports whether t is built from the package's own named types
	// (through slices, arrays, pointers and maps) and, if basic is set,
	// basic types.
	var own func(t types.Type, basic bool) bool
	own = func(t types.Type, basic bool) bool {
		switch t := t.(type) {
		case *types.Named:
			return t.Obj().Pkg() == pkg
		case *types.Basic:
			return basic
		case *types.Slice:
			return own(t.Elem(), false)
		case *types.Array:
			return own(t.Elem(), false)
		case *types.Pointer:
			return own(t.Elem(), false)
		case *types.Map:
			return own(t.Key(), true) && own(t.Elem(), false)
		}
		return false
	}
	scope := pkg.Scope()
	var names []string
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		names = append(names, name)
		switch obj := obj.(type) {
		case *types.TypeName:
			// A noun.
		case *types.Const, *types.Var:
			assert.True(t, own(obj.Type(), false), "%s is a %s of type %s, not a value of one of the package's nouns", name, kindOf(obj), obj.Type())
		case *types.Func:
			sig := obj.Type().(*types.Signature)
			for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
				for v := range tuple.Variables() {
					assert.True(t, own(v.Type(), true), "func %s takes or returns %s, neither a noun nor a basic value", name, v.Type())
				}
			}
		default:
			t.Errorf("%s: unexpected exported %T", name, obj)
		}
	}
	t.Logf("exported: %s", strings.Join(names, " "))
	assert.Contains(t, names, "Paper", "the check reads the package it means to")
}

func kindOf(obj types.Object) string {
	if _, ok := obj.(*types.Const); ok {
		return "constant"
	}
	return "variable"
}
