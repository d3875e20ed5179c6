package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	dotNodeRE = regexp.MustCompile(`(?m)^\t"([^"]+)" \[`)
	// Graphviz names each node's group in the comment before it (the
	// group's <title> is the hover text).
	svgNodeRE = regexp.MustCompile(`<!-- ([^>]*?) -->\n<g id="[^"]*" class="node">`)
	xmlNodeRE = regexp.MustCompile(`<node id="([^"]*)"`)
)

// nodeSets reads the node IDs of every file that build -formats all
// wrote into dir, by file name, each sorted.
func nodeSets(t *testing.T, dir string) map[string][]string {
	t.Helper()
	files := readDir(t, dir)
	sets := map[string][]string{}
	add := func(name, id string) { sets[name] = append(sets[name], id) }
	for _, m := range dotNodeRE.FindAllSubmatch(files["graph.dot"], -1) {
		if id := string(m[1]); !strings.HasPrefix(id, "legend:") && !strings.HasPrefix(id, "caption:") {
			add("graph.dot", id)
		}
	}
	for _, m := range svgNodeRE.FindAllSubmatch(files["graph.svg"], -1) {
		if id := html.UnescapeString(string(m[1])); !strings.HasPrefix(id, "legend:") && !strings.HasPrefix(id, "caption:") {
			add("graph.svg", id)
		}
	}
	for _, name := range []string{"graph.graphml", "graph.gexf"} {
		for _, m := range xmlNodeRE.FindAllSubmatch(files[name], -1) {
			add(name, html.UnescapeString(string(m[1])))
		}
	}
	var nl struct{ Nodes []struct{ ID string } }
	require.NoError(t, json.Unmarshal(files["graph.nodelink.json"], &nl))
	for _, n := range nl.Nodes {
		add("graph.nodelink.json", n.ID)
	}
	var cy struct {
		Elements struct {
			Nodes []struct{ Data struct{ ID string } }
		}
	}
	require.NoError(t, json.Unmarshal(files["graph.cyjs"], &cy))
	for _, n := range cy.Elements.Nodes {
		add("graph.cyjs", n.Data.ID)
	}
	var gl struct{ Nodes []struct{ Key string } }
	require.NoError(t, json.Unmarshal(files["graph.graphology.json"], &gl))
	for _, n := range gl.Nodes {
		add("graph.graphology.json", n.Key)
	}
	rows, err := csv.NewReader(bytes.NewReader(files["nodes.csv"])).ReadAll()
	require.NoError(t, err)
	for _, r := range rows[1:] {
		add("nodes.csv", r[0])
	}
	for name := range sets {
		slices.Sort(sets[name])
	}
	return sets
}

// csvEdges reads (source, target) pairs from edges.csv.
func csvEdges(t *testing.T, dir string) [][2]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(readDir(t, dir)["edges.csv"])).ReadAll()
	require.NoError(t, err)
	var out [][2]string
	for _, r := range rows[1:] {
		out = append(out, [2]string{r[0], r[1]})
	}
	return out
}

// TestFiltersAgreeAcrossFormats runs each filter on the sample with
// every format: every file holds the same nodes, fewer than without the
// filter, and the summary reports the filter.
func TestFiltersAgreeAcrossFormats(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "none")
	code, _, stderr := runCmd(t, "", "build", "-o", base, "-formats", "all")
	require.Equal(t, 0, code, stderr)
	all := nodeSets(t, base)["nodes.csv"]
	focusPaper := "paper:skyreels-v2-infinite-length-film-generative-model"
	require.Contains(t, all, focusPaper)
	for _, tc := range []struct {
		name  string
		flags []string
	}{
		{"drop-isolated", []string{"-drop-isolated"}},
		{"min-degree", []string{"-min-degree", "2"}},
		{"kinds", []string{"-kinds", "paper,dataset"}},
		{"focus", []string{"-focus", focusPaper, "-depth", "1"}},
		{"max-nodes", []string{"-max-nodes", "40"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name)
			args := append([]string{"build", "-o", out, "-formats", "all"}, tc.flags...)
			code, _, stderr := runCmd(t, "", args...)
			require.Equal(t, 0, code, stderr)
			assert.Contains(t, stderr, "filters: "+tc.flags[0])
			sets := nodeSets(t, out)
			want := sets["nodes.csv"]
			require.NotEmpty(t, want)
			assert.Less(t, len(want), len(all))
			assert.Equal(t, 8, len(sets), "files with nodes (all but the PNG)")
			for name, got := range sets {
				assert.Equal(t, want, got, "%s: node set differs from nodes.csv", name)
			}
			if tc.name == "max-nodes" {
				assert.Len(t, want, 40)
			}
		})
	}
	// Focus on one paper: exactly it and its neighbours in the unfiltered graph.
	want := []string{focusPaper}
	for _, e := range csvEdges(t, base) {
		switch focusPaper {
		case e[0]:
			want = append(want, e[1])
		case e[1]:
			want = append(want, e[0])
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	require.Greater(t, len(want), 1)
	assert.Equal(t, want, nodeSets(t, filepath.Join(dir, "focus"))["nodes.csv"])
}
