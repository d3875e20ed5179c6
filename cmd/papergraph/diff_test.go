package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoMore are chainCSV's batch plus two papers: one naming ImageNet, one
// naming nothing another paper names.
const twoMore = chainCSV +
	"\"Fifth\",\"We pretrain on ImageNet.\",2402.00005\n" +
	"\"Sixth\",\"We study something else entirely.\",2402.00006\n"

func TestDiffCommand(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	require.NoError(t, os.WriteFile(a, []byte(chainCSV), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(twoMore), 0o644))

	t.Run("self", func(t *testing.T) {
		code, stdout, stderr := runCmd(t, "", "diff", "-quiet", a, a)
		require.Equal(t, 0, code, stderr)
		assert.True(t, strings.HasPrefix(stdout, "no change: 4 papers"), stdout)
	})
	t.Run("two papers added", func(t *testing.T) {
		out := filepath.Join(dir, "out")
		code, stdout, stderr := runCmd(t, "", "diff", "-quiet", "-o", out, "-formats", "json,graphml", a, b)
		require.Equal(t, 0, code, stderr)
		lines := strings.Split(stdout, "\n")
		assert.Equal(t, "papers: 2 added, 0 gone (4 before, 6 after)", lines[0])
		assert.True(t, strings.HasPrefix(lines[1], "  + paper:2402.00005"), stdout)
		assert.True(t, strings.HasPrefix(lines[2], "  + paper:2402.00006"), stdout)
		assert.True(t, strings.HasPrefix(lines[3], "artifacts whose paper count changed: 1"), stdout)
		assert.Contains(t, lines[4], "dataset:imagenet")
		assert.Contains(t, lines[4], "2 -> 3 papers")
		assert.Contains(t, stdout, "communities: 0 merged, 0 split")

		var doc struct {
			Nodes []struct{ ID, Status string }
			Links []struct{ Source, Target, Status string }
		}
		raw, err := os.ReadFile(filepath.Join(out, "graph.nodelink.json"))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(raw, &doc))
		added := map[string]bool{}
		for _, n := range doc.Nodes {
			require.NotEmpty(t, n.Status, n.ID)
			if n.Status == "added" {
				added[n.ID] = true
			}
		}
		assert.Equal(t, map[string]bool{"paper:2402.00005": true, "paper:2402.00006": true}, added)
		for _, l := range doc.Links {
			isNew := added[l.Source] || added[l.Target]
			assert.Equal(t, map[bool]string{true: "added", false: "kept"}[isNew], l.Status, "%s %s", l.Source, l.Target)
		}
		gml, err := os.ReadFile(filepath.Join(out, "graph.graphml"))
		require.NoError(t, err)
		assert.Contains(t, string(gml), `<key id="status" for="node" attr.name="status" attr.type="string"/>`)
		assert.Contains(t, string(gml), `<key id="edge_status" for="edge" attr.name="status" attr.type="string"/>`)
	})
	t.Run("from written graphs", func(t *testing.T) {
		outA, outB := filepath.Join(dir, "ga"), filepath.Join(dir, "gb")
		for _, c := range [][2]string{{outA, a}, {outB, b}} {
			code, _, stderr := runCmd(t, "", "build", "-quiet", "-formats", "json", "-o", c[0], c[1])
			require.Equal(t, 0, code, stderr)
		}
		code, stdout, stderr := runCmd(t, "", "diff", "-quiet", filepath.Join(outA, "graph.nodelink.json"), filepath.Join(outB, "graph.nodelink.json"))
		require.Equal(t, 0, code, stderr)
		assert.True(t, strings.HasPrefix(stdout, "papers: 2 added, 0 gone (4 before, 6 after)\n  + paper:2402.00005"), stdout)
		code, stdout, stderr = runCmd(t, "", "diff", "-quiet", filepath.Join(outB, "graph.nodelink.json"), b)
		require.Equal(t, 0, code, stderr)
		assert.True(t, strings.HasPrefix(stdout, "no change: 6 papers"), "a written graph and its batch: %s", stdout)
	})
	t.Run("usage", func(t *testing.T) {
		code, _, _ := runCmd(t, "", "diff", a)
		assert.Equal(t, 2, code)
		code, _, stderr := runCmd(t, "", "diff", "-o", filepath.Join(dir, "p"), "-formats", "svg", a, b)
		assert.Equal(t, 2, code)
		assert.Contains(t, stderr, "not drawn")
	})
}

// TestDiffRefusesToOverwriteInputFirst: an output of -o that is one of
// the inputs is refused before the inputs are read or compared: no
// summary on stdout, the input unchanged.
func TestDiffRefusesToOverwriteInputFirst(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	require.NoError(t, os.WriteFile(a, []byte(chainCSV), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(twoMore), 0o644))
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd(t, "", "diff", "-quiet", "-o", out, "-formats", "json", a, b)
	require.Equal(t, 0, code, stderr)
	old := filepath.Join(out, "graph.nodelink.json")
	before, err := os.ReadFile(old)
	require.NoError(t, err)

	code, stdout, stderr := runCmd(t, "", "diff", "-o", out, "-formats", "json", old, b)
	assert.NotEqual(t, 0, code)
	assert.Contains(t, stderr, "output would overwrite an input")
	assert.Empty(t, stdout, "refused before comparing")
	after, err := os.ReadFile(old)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}
