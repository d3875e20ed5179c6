package export

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/graph"
)

// frozenTable holds the SHA-256 of every writer's output on the graphs of
// frozenCases, one "case sha256" line each: the bytes the writers gave
// when they were rewritten for speed and the slow writers they replaced
// were retired. A change to any writer's bytes shows here; rewrite the
// table with -update only when the change is intended, and say so in the
// commit.
const frozenTable = "testdata/frozen.sha256"

// frozenWriter is one way to write a graph: a data writer or DOT.
type frozenWriter struct {
	name string
	fn   func(w io.Writer, g *graph.Graph, l *Layout) error
}

func frozenWriters() []frozenWriter {
	var ws []frozenWriter
	for _, o := range []struct {
		name string
		opt  func(l *Layout) Options
	}{
		{"0", func(l *Layout) Options { return Options{Layout: l} }},
		{"1", func(l *Layout) Options {
			return Options{Layout: l, Version: "v1.2.3 <&>", Description: hostileTitles[1] + "\u2028\x00", UndirectedShares: true, Shared: true}
		}},
	} {
		for _, d := range dataWriters {
			ws = append(ws, frozenWriter{o.name + "/" + d.name, func(w io.Writer, g *graph.Graph, l *Layout) error { return d.fn(w, g, o.opt(l)) }})
		}
	}
	for _, o := range []struct {
		name string
		opt  func(g *graph.Graph, l *Layout) Options
	}{
		{"dot/plain", func(*graph.Graph, *Layout) Options { return Options{} }},
		{"dot/layout", func(g *graph.Graph, l *Layout) Options {
			if l == nil {
				l = layoutFor(g)
			}
			return Options{Layout: l}
		}},
		{"dot/odd", func(g *graph.Graph, _ *Layout) Options {
			return Options{Layout: dotOddLayout(g), Name: "a&b;\\\"c\x00  d"}
		}},
		{"dot/nolegend", func(*graph.Graph, *Layout) Options { return Options{NoLegend: true, Name: "x"} }},
	} {
		ws = append(ws, frozenWriter{o.name, func(w io.Writer, g *graph.Graph, l *Layout) error { return DOT(w, g, o.opt(g, l)) }})
	}
	return ws
}

// frozenCases are the graphs whose output is frozen: hand-made and
// generated with fixed seeds (not by graph.Build, whose graphs change with
// its rules; TestBuiltGraphsWriteAsHandMade covers its compact store).
func frozenCases(t *testing.T) []struct {
	name string
	g    *graph.Graph
	l    *Layout
} {
	numbers, numbersLayout := numbersGraph(t)
	hostile := hostileGraph(t)
	random := randomGraph(t, 1500, 3)
	cases := []struct {
		name string
		g    *graph.Graph
		l    *Layout
	}{
		{"small", smallGraph(t), nil},
		{"small-layout", smallGraph(t), layoutFor(smallGraph(t))},
		{"hostile", hostile, nil},
		{"hostile-layout", hostile, layoutFor(hostile)},
		{"random", random, nil},
		{"random-layout", random, layoutFor(random)},
		{"numbers", numbers, numbersLayout},
		{"empty", emptyGraph(t), nil},
		{"odd", oddGraph(t), nil},
	}
	for name, g := range shortcutGraphs(t) {
		cases = append(cases, struct {
			name string
			g    *graph.Graph
			l    *Layout
		}{"shortcut-" + name, g, nil})
	}
	if !testing.Short() {
		// Enough edges for the writers' parallel path.
		large := randomGraph(t, 14000, 5)
		require.GreaterOrEqual(t, large.NumEdges(), parallelEdgeMin)
		cases = append(cases, struct {
			name string
			g    *graph.Graph
			l    *Layout
		}{"large-layout", large, layoutFor(large)})
	}
	return cases
}

// frozenSum is the table's value for one output: the SHA-256 of the bytes,
// and the error when the writer refused the graph.
func frozenSum(b []byte, err error) string {
	h := sha256.Sum256(b)
	s := hex.EncodeToString(h[:])
	if err != nil {
		s += " error=" + strings.ReplaceAll(err.Error(), "\n", `\n`)
	}
	return s
}

// TestFrozenBytes compares every writer's output on every frozen case with
// the table.
func TestFrozenBytes(t *testing.T) {
	got := map[string]string{}
	for _, c := range frozenCases(t) {
		for _, w := range frozenWriters() {
			var b bytes.Buffer
			err := w.fn(&b, c.g, c.l)
			got[c.name+"/"+w.name] = frozenSum(b.Bytes(), err)
		}
	}
	if *update {
		if testing.Short() {
			t.Fatal("-update needs the full set of cases: run without -short")
		}
		keys := make([]string, 0, len(got))
		for k := range got {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var b strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&b, "%s %s\n", k, got[k])
		}
		require.NoError(t, os.WriteFile(filepath.FromSlash(frozenTable), []byte(b.String()), 0o644))
	}
	f, err := os.Open(filepath.FromSlash(frozenTable))
	require.NoError(t, err)
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), " ")
		require.True(t, ok, "bad line %q", sc.Text())
		want[k] = v
	}
	require.NoError(t, sc.Err())
	for k, v := range got {
		w, ok := want[k]
		if !assert.True(t, ok, "%s is not in %s (run with -update if the case is new)", k, frozenTable) {
			continue
		}
		assert.Equal(t, w, v, "%s: output changed", k)
	}
	if !testing.Short() {
		assert.Len(t, got, len(want), "every case in the table is checked")
	}
}

// TestBuiltGraphsWriteAsHandMade: a graph from graph.Build (compact edge
// columns) writes the bytes of the same nodes and edges added by hand.
func TestBuiltGraphsWriteAsHandMade(t *testing.T) {
	built, err := graph.Build(builtPapers(300, 7), graph.Options{})
	require.NoError(t, err)
	for name, g := range map[string]*graph.Graph{"built": built, "built-dot": builtDOTGraph(t, 2000)} {
		handb := graph.NewBuilder()
		for _, n := range g.Nodes() {
			require.NoError(t, handb.AddNode(n))
		}
		for e := range g.AllEdges() {
			require.NoError(t, handb.AddEdge(e))
		}
		hand, err := handb.Graph()
		require.NoError(t, err)
		l := layoutFor(g)
		for _, w := range frozenWriters() {
			var a, b bytes.Buffer
			errA, errB := w.fn(&a, g, l), w.fn(&b, hand, l)
			assert.Equal(t, errA, errB, "%s/%s", name, w.name)
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				i := firstDiff(a.Bytes(), b.Bytes())
				t.Errorf("%s/%s: built and hand-made differ at byte %d:\n built %q\n hand  %q", name, w.name, i, around(a.Bytes(), i), around(b.Bytes(), i))
			}
		}
	}
}
