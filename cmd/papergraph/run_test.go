package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/internal/sample"
)

// runCmd runs the command in-process and returns its exit status and output.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageAndExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring
		stderr     string // substring
		stderrNone bool
	}{
		{name: "help", args: []string{"-h"}, code: 0, stdout: "Usage:", stderrNone: true},
		{name: "build help", args: []string{"build", "-h"}, code: 0, stdout: "Usage:", stderrNone: true},
		{name: "version", args: []string{"-version"}, code: 0, stdout: "papergraph ", stderrNone: true},
		{name: "no command", args: nil, code: 2, stderr: "papergraph: no command given"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "bad flag", args: []string{"build", "-nope"}, code: 2, stderr: "flag provided but not defined"},
		{name: "bad format", args: []string{"build", "-formats", "dot,pdf"}, code: 2, stderr: `unknown output format "pdf"`},
		{name: "bad shares", args: []string{"build", "-shares", "sideways"}, code: 2, stderr: `-shares "sideways"`},
		{name: "missing file", args: []string{"extract", "does-not-exist.txt"}, code: 1, stderr: "does-not-exist.txt"},
		{name: "formats", args: []string{"formats"}, code: 0, stdout: "bibtex", stderrNone: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "", tc.args...)
			assert.Equal(t, tc.code, code, "stderr: %s", stderr)
			assert.Contains(t, stdout, tc.stdout)
			if tc.stderrNone {
				assert.Empty(t, stderr)
			} else {
				assert.Contains(t, stderr, tc.stderr)
				assert.Equal(t, 1, strings.Count(stderr, "papergraph: "), "the error is printed once: %q", stderr)
			}
			if tc.code != 0 {
				assert.Empty(t, stdout, "stdout carries data only")
			}
		})
	}
}

// samplePapers splits the embedded sample into (title, abstract) pairs.
func samplePapers(t *testing.T) [][2]string {
	t.Helper()
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(sample.Page))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			lines = append(lines, s)
		}
	}
	// Abstracts are the long lines; the title is the line before each.
	var out [][2]string
	for i := 1; i < len(lines); i++ {
		if len(lines[i]) > 300 {
			out = append(out, [2]string{lines[i-1], lines[i]})
		}
	}
	require.Len(t, out, 61)
	return out
}

func writePage(t *testing.T, path string, papers [][2]string) {
	var b strings.Builder
	b.WriteString("Trending Papers\n\n")
	for _, p := range papers {
		b.WriteString(p[0] + "\n\n" + p[1] + "\n\n")
	}
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = b
	}
	return out
}

func TestBuildSampleDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "c")
	code, _, stderr := runCmd(t, "", "build", "-o", a, "-formats", "all")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "61 papers read")
	outA := readDir(t, a)
	for _, name := range []string{"graph.dot", "graph.svg", "graph.png", "graph.graphml", "graph.gexf", "graph.nodelink.json", "graph.graphology.json", "graph.cyjs", "nodes.csv", "edges.csv", "communities.csv", "graph.html"} {
		assert.NotEmpty(t, outA[name], name)
	}
	code, _, stderr = runCmd(t, "", "build", "-quiet", "-o", b, "-formats", "all")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr, "-quiet")
	outB := readDir(t, b)
	for name, want := range outA {
		assert.True(t, bytes.Equal(want, outB[name]), "%s differs between two runs", name)
	}

	// The same papers in another order give the same graph.
	papers := samplePapers(t)
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(papers), func(i, j int) { papers[i], papers[j] = papers[j], papers[i] })
	shuffled := filepath.Join(dir, "shuffled.txt")
	writePage(t, shuffled, papers)
	code, _, stderr = runCmd(t, "", "build", "-quiet", "-o", c, "-formats", "dot,graphml,gexf,json,csv", shuffled)
	require.Equal(t, 0, code, stderr)
	outC := readDir(t, c)
	for name, got := range outC {
		if name == "graph.gexf" {
			// The meta description names the input file; compare the graph itself.
			got, want := afterMeta(got), afterMeta(outA[name])
			assert.True(t, bytes.Equal(want, got), "%s depends on input order", name)
			continue
		}
		assert.True(t, bytes.Equal(outA[name], got), "%s depends on input order", name)
	}
}

func afterMeta(b []byte) []byte {
	if i := bytes.Index(b, []byte("</meta>")); i >= 0 {
		return b[i:]
	}
	return b
}

func TestExtractJSONLines(t *testing.T) {
	code, stdout, stderr := runCmd(t, "", "extract", "-quiet")
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 61)
	papers := samplePapers(t)
	for i, line := range lines {
		var rec struct {
			ID       string `json:"id"`
			Title    string `json:"title"`
			Entities []struct {
				Kind, Name, Surface, Rule string
				Start, End                int
			} `json:"entities"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
		assert.Equal(t, papers[i][0], rec.Title, "papers come out in input order")
		assert.True(t, strings.HasPrefix(rec.ID, "paper:"), rec.ID)
		for _, e := range rec.Entities {
			assert.NotEmpty(t, e.Kind)
			assert.NotEmpty(t, e.Name)
			assert.NotEmpty(t, e.Rule)
			if e.End > 0 {
				require.LessOrEqual(t, e.End, len(papers[i][1]))
				assert.Equal(t, papers[i][1][e.Start:e.End], e.Surface, "offsets index the abstract")
			}
		}
	}
}

func TestExtractExplain(t *testing.T) {
	in := "A Title\n\nWe introduce Zorblax, a benchmark for sorting, and evaluate Quuxformer-7B on it. Code: https://github.com/o/r.\n"
	code, stdout, stderr := runCmd(t, in, "extract", "-quiet", "-explain", "-")
	require.Equal(t, 0, code, stderr)
	var rec struct {
		Entities []struct{ Name, Rule, Cue string } `json:"entities"`
		Explain  []struct {
			Name, Rule, Cue, Why string
			Taken                bool
		} `json:"explain"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rec), stdout)
	require.NotEmpty(t, rec.Explain)
	taken := map[string]string{}
	for _, d := range rec.Explain {
		if d.Taken {
			taken[d.Name] = d.Rule + " / " + d.Cue
		} else {
			assert.NotEmpty(t, d.Why, "%+v", d)
		}
	}
	assert.Equal(t, "pattern:introduced / introduce … benchmark", taken["Zorblax"])
	for _, e := range rec.Entities {
		assert.Contains(t, taken, e.Name, "every entity is a taken decision")
	}

	code, stdout, stderr = runCmd(t, in, "extract", "-quiet", "-")
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, stdout, `"explain"`, "only -explain adds the decisions")
}

func TestStdinAndBadInput(t *testing.T) {
	code, stdout, stderr := runCmd(t, "A Title\n\nAn abstract that names github.com/owner/repo.\n", "extract", "-quiet", "-")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "github.com/owner/repo")

	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	ps := samplePapers(t)
	// Lines: 1 header, 2 blank, 3 title, 5 abstract, 7 title, 9 abstract, 11 dangling title.
	page := "Trending Papers\n\n" + ps[0][0] + "\n\n" + ps[0][1] + "\n\n" + ps[1][0] + "\n\n" + ps[1][1] + "\n\nA title with no abstract\n"
	require.NoError(t, os.WriteFile(bad, []byte(page), 0o644))
	code, stdout, stderr = runCmd(t, "", "build", "-strict", "-o", filepath.Join(dir, "out"), bad)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "bad.txt:11")
	_, err := os.Stat(filepath.Join(dir, "out"))
	assert.True(t, os.IsNotExist(err), "a failed run writes nothing")

	empty := filepath.Join(dir, "empty.txt")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	code, _, stderr = runCmd(t, "", "build", "-o", filepath.Join(dir, "out"), empty)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "empty.txt")
}

func TestRefusesToOverwriteInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "graph.dot")
	writePage(t, in, samplePapers(t)[:3])
	before, _ := os.ReadFile(in)
	code, _, stderr := runCmd(t, "", "build", "-o", dir, "-formats", "dot", in)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "overwrite")
	after, _ := os.ReadFile(in)
	assert.Equal(t, before, after)
}

func TestFailedRunKeepsPreviousOutputs(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd(t, "", "build", "-quiet", "-o", out)
	require.Equal(t, 0, code, stderr)
	good := readDir(t, out)

	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("\x00\x01\x02binary"), 0o644))
	code, _, _ = runCmd(t, "", "build", "-quiet", "-o", out, bad)
	require.Equal(t, 1, code)
	assert.Equal(t, good, readDir(t, out), "outputs of the earlier run are intact, no temporary files")
}

func TestFormatsWriteTheirFiles(t *testing.T) {
	for _, tc := range []struct {
		formats string
		want    []string
	}{
		{"json", []string{"graph.nodelink.json"}},
		{"cyjs,graphology", []string{"graph.cyjs", "graph.graphology.json"}},
		{"csv,graphml", []string{"communities.csv", "edges.csv", "graph.graphml", "nodes.csv", "removed.csv"}},
		{"html", []string{"graph.html"}},
		{"gexf, GEXF ,dot", []string{"graph.dot", "graph.gexf"}},
	} {
		t.Run(tc.formats, func(t *testing.T) {
			dir := t.TempDir()
			code, _, stderr := runCmd(t, "", "build", "-quiet", "-o", dir, "-formats", tc.formats)
			require.Equal(t, 0, code, stderr)
			var got []string
			for name := range readDir(t, dir) {
				got = append(got, name)
			}
			slices.Sort(got)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestTooLargeForAPicture: with the default formats a graph too large to
// lay out still gives its data files (no picture, a note on stderr); a
// picture asked for by name fails the run and writes nothing.
func TestTooLargeForAPicture(t *testing.T) {
	var in strings.Builder
	for i := range 3100 {
		fmt.Fprintf(&in, `{"id":"2401.%05d","title":"Paper %d","abstract":"We train on ImageNet."}`+"\n", i+1, i)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "big.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(in.String()), 0o644))

	out := filepath.Join(dir, "default")
	code, _, stderr := runCmd(t, "", "build", "-o", out, path)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "no picture")
	var got []string
	for name := range readDir(t, out) {
		got = append(got, name)
	}
	slices.Sort(got)
	assert.Equal(t, []string{"graph.dot", "graph.graphml"}, got)

	// -formats all writes every data file, and the viewer (laid out by
	// communities).
	out = filepath.Join(dir, "all")
	code, _, stderr = runCmd(t, "", "build", "-o", out, "-formats", "all", path)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "no picture")
	got = got[:0]
	for name := range readDir(t, out) {
		got = append(got, name)
	}
	slices.Sort(got)
	assert.Equal(t, []string{"communities.csv", "edges.csv", "graph.cyjs", "graph.dot", "graph.gexf", "graph.graphml",
		"graph.graphology.json", "graph.html", "graph.nodelink.json", "graph.vosviewer.json", "nodes.csv", "removed.csv", "report.md"}, got)

	out = filepath.Join(dir, "asked")
	code, _, stderr = runCmd(t, "", "build", "-o", out, "-formats", "svg,graphml", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "too large")
	// The message names filters that remove nodes.
	for _, flag := range []string{"-max-nodes", "-min-degree", "-drop-isolated", "-kinds", "-focus"} {
		assert.Contains(t, stderr, flag)
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "a failed run writes nothing")
}

// TestSharesFlag: by default graph.gexf marks shares edges undirected (Gephi
// draws them without arrowheads) and graph.graphml keeps every edge
// directed (networkx, igraph); -shares directed and -undirected-shares
// change that.
func TestSharesFlag(t *testing.T) {
	for _, tc := range []struct {
		args          []string
		gexf, graphml bool // shares undirected in each
	}{
		{nil, true, false},
		{[]string{"-shares", "directed"}, false, false},
		{[]string{"-shares", "undirected"}, true, true},
		{[]string{"-undirected-shares"}, true, true},
	} {
		t.Run(strings.Join(append([]string{"default"}, tc.args...), " "), func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"build", "-quiet", "-o", dir, "-formats", "gexf,graphml"}, tc.args...)
			code, _, stderr := runCmd(t, "", args...)
			require.Equal(t, 0, code, stderr)
			files := readDir(t, dir)
			assert.Equal(t, tc.gexf, strings.Contains(string(files["graph.gexf"]), `type="undirected"`), "graph.gexf")
			assert.Equal(t, tc.graphml, strings.Contains(string(files["graph.graphml"]), `directed="false"`), "graph.graphml")
		})
	}
}
