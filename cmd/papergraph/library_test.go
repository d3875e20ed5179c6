package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/export/render"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/extract/read"
	"github.com/papergraph/papergraph/graph"
)

// fixtureDir holds one file per input format the readers know.
const fixtureDir = "../../extract/read/testdata"

func fixtureFiles(t *testing.T) []string {
	t.Helper()
	ents, err := os.ReadDir(fixtureDir)
	require.NoError(t, err)
	var files []string
	for _, e := range ents {
		if !e.IsDir() {
			files = append(files, filepath.Join(fixtureDir, e.Name()))
		}
	}
	require.GreaterOrEqual(t, len(files), 10)
	return files
}

// libraryGraph runs the documented library calls on files: read every
// record, merge, extract each paper once, the batch pass, build, lay out
// and write GraphML and edges.csv as build does.
func libraryGraph(t *testing.T, files []string) (graphml, edges []byte) {
	t.Helper()
	var papers []papergraph.Paper
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		rd, err := read.Open(f, name, read.Options{})
		require.NoError(t, err, name)
		for {
			p, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if errors.Is(err, read.ErrMalformed) {
				continue
			}
			require.NoError(t, err, name)
			papers = append(papers, p)
		}
		f.Close()
	}
	papers, _ = papergraph.Merge(papers)
	x := extract.Default()
	for i := range papers {
		x.Paper(&papers[i])
	}
	extract.NameRefs(papers)
	g, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	lay, err := render.Layout(context.Background(), g, export.Options{}, render.Options{})
	require.NoError(t, err)
	opt := export.Options{Layout: lay, Version: version(), Description: "papergraph build "}
	var gm, ed bytes.Buffer
	require.NoError(t, export.GraphML(&gm, g, opt))
	require.NoError(t, export.EdgesCSV(&ed, g, opt))
	return gm.Bytes(), ed.Bytes()
}

// TestCLIEqualsLibrary: every fixture format, alone and all mixed in one
// run (where records of one paper from several sources merge), gives the
// same bytes through the command as through the library.
func TestCLIEqualsLibrary(t *testing.T) {
	files := fixtureFiles(t)
	// Papers that name fixture papers, one merging with a fixture record.
	names := filepath.Join(t.TempDir(), "names.csv")
	require.NoError(t, os.WriteFile(names, []byte("title,abstract\n"+
		"\"ViT-X: Vision at scale\",\"We train on ImageNet.\"\n"+
		"\"Better baselines\",\"Unlike ViT-X, we fine-tune BERT and compare with SkyReels-V2.\"\n"+
		"\"Attention is all you need\",\"A much longer abstract than the others: the Transformer, later used by BERT, relies on attention alone.\"\n"), 0o644))
	cases := map[string][]string{"mixed": files, "mixed with names": append([]string{names}, files...)}
	for _, f := range files {
		cases[filepath.Base(f)] = []string{f}
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := runCmd(t, "", append([]string{"build", "-quiet", "-formats", "graphml,csv", "-o", out}, in...)...)
			require.Equal(t, 0, code, stderr)
			got := readDir(t, out)
			graphml, edges := libraryGraph(t, in)
			assert.Equal(t, string(graphml), string(got["graph.graphml"]), "GraphML")
			assert.Equal(t, string(edges), string(got["edges.csv"]), "edges.csv")
			if name == "mixed with names" {
				// BERT, an all-capital acronym, is no distinctive name.
				assert.Equal(t, 2, strings.Count(string(edges), "(system name of "), "ViT-X, SkyReels-V2")
				assert.Contains(t, string(edges), `names ""ViT-X""`)
				assert.Contains(t, string(edges), `names ""SkyReels-V2""`)
			}
		})
	}
}

// TestBuildNamesBatchPapers: a paper whose abstract names another batch
// paper cites it in the command's graph (it once did only through the
// library).
func TestBuildNamesBatchPapers(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "two.csv")
	require.NoError(t, os.WriteFile(in, []byte("title,abstract\n"+
		"\"ViT-X: Vision at scale\",\"We train on ImageNet.\"\n"+
		"\"Better baselines\",\"Unlike ViT-X, we train on ImageNet.\"\n"), 0o644))
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd(t, "", "build", "-formats", "csv", "-o", out, in)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, ", 1 cites edges")
	edges := string(readDir(t, out)["edges.csv"])
	assert.Contains(t, edges, `paper:better-baselines,paper:vit-x-vision-at-scale,Directed,cites,`)
	assert.Contains(t, edges, `names ""ViT-X"" @7 (system name of paper:vit-x-vision-at-scale)`)
}

// TestNameCitesAfterMerge: the names are matched once the records of a
// paper are merged: the citing paper's text is the merged record's
// abstract, the cited paper's name is found however its records came.
func TestNameCitesAfterMerge(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	b := filepath.Join(dir, "b.jsonl")
	// ViT-X comes twice (by title), the citing paper twice (by arXiv id):
	// only the longer of its abstracts names ViT-X.
	require.NoError(t, os.WriteFile(a, []byte("title,abstract,arxiv\n"+
		"\"ViT-X: Vision at scale for all images\",\"We train on ImageNet.\",\n"+
		"\"Better baselines for vision\",\"Short.\",2401.00002\n"), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(
		`{"title":"ViT-X: vision at scale for all images","abstract":"A longer abstract: we train ViT-X on ImageNet."}`+"\n"+
			`{"title":"Better Baselines for Vision","arxiv_id":"2401.00002v2","abstract":"Unlike ViT-X, we train on ImageNet with care."}`+"\n"), 0o644))
	defer setAhead(false, false)() // TestExtractAheadCounts counts with it
	n := countExtractions(t)
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd(t, "", "build", "-formats", "csv", "-o", out, a, b)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "4 papers read from 2 input(s), 2 merged")
	assert.Equal(t, int64(2), n.Load(), "each kept paper is extracted once")
	edges := string(readDir(t, out)["edges.csv"])
	assert.Contains(t, edges, `paper:2401.00002,paper:vit-x-vision-at-scale-for-all-images,Directed,cites,`)
	assert.Equal(t, 1, strings.Count(edges, ",Directed,cites,"), edges)
}

// countExtractions counts the papers the command extracts until the test
// ends.
func countExtractions(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	orig := extractPaper
	extractPaper = func(x *extract.Extractor) func(*papergraph.Paper) {
		f := orig(x)
		return func(p *papergraph.Paper) { n.Add(1); f(p) }
	}
	t.Cleanup(func() { extractPaper = orig })
	return &n
}

// TestExtractOncePerKeptPaper: a batch of fixtures with many duplicates
// extracts each kept paper exactly once.
func TestExtractOncePerKeptPaper(t *testing.T) {
	files := fixtureFiles(t)
	defer setAhead(false, false)() // TestExtractAheadCounts counts with it
	n := countExtractions(t)
	code, stdout, stderr := runCmd(t, "", append([]string{"extract"}, files...)...)
	require.Equal(t, 0, code, stderr)
	kept := int64(strings.Count(stdout, "\n"))
	require.Contains(t, stderr, "merged")
	assert.NotContains(t, stderr, " 0 merged")
	assert.Equal(t, kept, n.Load(), "one extraction per kept paper")
}

// TestExtractTablesOncePerRecord: extract -format jsonl extracts each
// record it reads once, through the same hook as the other commands. It
// keeps every record (the projection merges duplicates), so the count is
// the records read, not the papers kept.
func TestExtractTablesOncePerRecord(t *testing.T) {
	files := fixtureFiles(t)
	n := countExtractions(t)
	out := filepath.Join(t.TempDir(), "tables")
	code, _, stderr := runCmd(t, "", append([]string{"extract", "-format", "jsonl", "-o", out}, files...)...)
	require.Equal(t, 0, code, stderr)
	m := regexp.MustCompile(`papergraph: (\d+) papers read`).FindStringSubmatch(stderr)
	require.NotNil(t, m, stderr)
	records, err := strconv.ParseInt(m[1], 10, 64)
	require.NoError(t, err)
	require.Positive(t, records)
	assert.Equal(t, records, n.Load(), "one extraction per record read")
}
