package papergraph_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/papergraph/papergraph"

// layers places every package of the module, from the bottom up, by its
// path below the module ("" is the root package, the nouns; a path holds
// the packages below it too). A package imports only packages of layers
// below its own, never one beside or above it: the stages run one way,
// papergraph ← extract/read ← extract ← graph ← export ← cmd.
var layers = [][]string{
	{""},                               // the nouns
	{"extract/read"},                   // inputs into Papers
	{"extract", "extract/fetch"},       // the rules; sources fetched as pages for the readers
	{"extract/table"},                  // extracted papers as tables for an engine
	{"graph"},                          // the graph of a batch
	{"export", "graph/dgview"},         // writers; the dominikbraun/graph view
	{"export/render", "export/tables"}, // pictures (Graphviz, the rasteriser); tables back into a graph
	{"cmd"},
}

// helper reports whether the package at path (below the module) is an
// internal helper: it may be imported wherever Go allows it, and it
// imports only other helpers.
func helper(path string) bool {
	return path == "internal" || strings.HasPrefix(path, "internal/") || strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal")
}

// layerOf returns the layer of the package at path, -1 if none holds it.
func layerOf(path string) int {
	best, layer := -1, -1
	for i, l := range layers {
		for _, p := range l {
			match := path == p || p != "" && strings.HasPrefix(path, p+"/")
			if match && len(p) > best {
				best, layer = len(p), i
			}
		}
	}
	return layer
}

// modulePackages lists, by `go list`, each package of the module with
// the module's packages it imports in its own files (imports) and in its
// tests (tests), as paths below the module.
func modulePackages(t *testing.T) (imports, tests map[string][]string) {
	t.Helper()
	gobin, err := exec.LookPath("go")
	require.NoError(t, err, "the go command runs the tests; it lists the packages")
	out, err := exec.Command(gobin, "list", "-f",
		"{{.ImportPath}}|{{join .Imports \" \"}}|{{join .TestImports \" \"}} {{join .XTestImports \" \"}}", module+"/...").Output()
	require.NoError(t, err, "go list")
	rel := func(p string) (string, bool) {
		if p == module {
			return "", true
		}
		r, ok := strings.CutPrefix(p, module+"/")
		return r, ok
	}
	ours := func(list string) []string {
		var ps []string
		for _, p := range strings.Fields(list) {
			if r, ok := rel(p); ok {
				ps = append(ps, r)
			}
		}
		return ps
	}
	imports, tests = map[string][]string{}, map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "|")
		require.Len(t, f, 3, sc.Text())
		p, ok := rel(f[0])
		require.True(t, ok, f[0])
		imports[p], tests[p] = ours(f[1]), ours(f[2])
	}
	require.NoError(t, sc.Err())
	return imports, tests
}

// TestLayers holds the module to its layering: no package imports one
// of its own layer or above, in its code or its tests; internal helpers
// import only helpers; every package has a place in layers.
func TestLayers(t *testing.T) {
	imports, tests := modulePackages(t)
	require.Contains(t, imports, "extract", "the check reads the module it means to")
	for p := range imports {
		deps := append(slices.Clone(imports[p]), tests[p]...)
		slices.Sort(deps)
		deps = slices.Compact(deps)
		if helper(p) {
			for _, d := range deps {
				assert.True(t, helper(d) || d == p, "%s, an internal helper, imports %s: a helper imports only helpers", p, d)
			}
			continue
		}
		lp := layerOf(p)
		if !assert.GreaterOrEqual(t, lp, 0, "package %q has no place in layers: add it where it belongs", p) {
			continue
		}
		for _, d := range deps {
			if d == p || helper(d) {
				continue
			}
			ld := layerOf(d)
			assert.Less(t, ld, lp, "%s (layer %d, %v) imports %s (layer %d, %v): imports point down only", p, lp, layers[lp], d, ld, layers[max(ld, 0)])
		}
	}
}

// TestStagesLinkNoPictures: a program that uses only the stages up to
// the writers (the nouns, read, extract, graph, export) links no module
// outside the standard library but the ones named here: the picture
// libraries (Graphviz, the rasteriser) come only with export/render,
// Parquet only with extract/table and export/tables.
func TestStagesLinkNoPictures(t *testing.T) {
	allowed := map[string][]string{
		"":             nil,
		"extract/read": nil,
		"extract":      nil,
		"graph":        nil,
		"export":       nil,
	}
	gobin, err := exec.LookPath("go")
	require.NoError(t, err)
	for p, want := range allowed {
		path := module
		if p != "" {
			path += "/" + p
		}
		out, err := exec.Command(gobin, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", path).Output()
		require.NoError(t, err, "go list -deps %s", path)
		var got []string
		for _, d := range strings.Fields(string(out)) {
			if d != module && !strings.HasPrefix(d, module+"/") {
				got = append(got, d)
			}
		}
		assert.ElementsMatch(t, want, got, "modules outside the standard library that %s links", path)
	}
}
