package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/extract/read"
)

// duplicatesCorpus writes a JSON Lines corpus of n papers to dir, many of
// them more than once: again as they were, with another sentence in the
// abstract (joined by arXiv id, the abstracts folded), by title only
// (joined by title) and with a DOI and fewer fields (joined by DOI).
// Copies come some way after their paper, so that they are read in other
// batches than it.
func duplicatesCorpus(t *testing.T, dir string, n int) string {
	t.Helper()
	models := []string{"ResNet-50", "BERT", "ViT-B/16", "LLaMA-2", "GPT-2", "T5"}
	sets := []string{"ImageNet", "GLUE", "SQuAD", "COCO", "MMLU", "CIFAR-10"}
	type rec struct {
		ID       string `json:"id,omitempty"`
		Title    string `json:"title"`
		Abstract string `json:"abstract,omitempty"`
		DOI      string `json:"doi,omitempty"`
		Authors  string `json:"authors,omitempty"`
	}
	paper := func(i int) rec {
		return rec{
			ID:    fmt.Sprintf("2401.%05d", i+1),
			Title: fmt.Sprintf("Scaling %s number %d with care on %s", models[i%len(models)], i, sets[i%len(sets)]),
			Abstract: fmt.Sprintf("We fine-tune %s on %s and evaluate it on %s. We release Tool%dNet at https://github.com/lab%d/tool%d.",
				models[i%len(models)], sets[i%len(sets)], sets[(i/6)%len(sets)], i, i%13, i),
			DOI:     fmt.Sprintf("10.1234/p.%d", i),
			Authors: fmt.Sprintf("A. Author%d and B. Author%d", i%17, i%5),
		}
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for i := range n {
		require.NoError(t, enc.Encode(paper(i)))
		if j := i - 300; j >= 0 { // a copy of a paper read 300 records before
			p := paper(j)
			switch j % 9 {
			case 0:
				require.NoError(t, enc.Encode(p))
			case 3:
				p.Abstract += fmt.Sprintf(" Unlike %s, it also runs on %s.", models[(j+1)%len(models)], sets[(j+2)%len(sets)])
				require.NoError(t, enc.Encode(p))
			case 5:
				require.NoError(t, enc.Encode(rec{Title: strings.ToUpper(p.Title), Abstract: "A shorter abstract naming " + sets[j%len(sets)] + "."}))
			case 7:
				require.NoError(t, enc.Encode(rec{Title: "Another title " + p.Title, DOI: strings.ToUpper(p.DOI)}))
			}
		}
	}
	name := filepath.Join(dir, fmt.Sprintf("duplicates-%d.jsonl", n))
	require.NoError(t, os.WriteFile(name, []byte(b.String()), 0o644))
	return name
}

// TestExtractAheadSameBytes: a build that extracts records as they are
// read writes the bytes of one that extracts every paper after the
// merge, whichever records are extracted ahead (all, every other batch,
// none), on inputs with many duplicates read far apart and on the
// fixtures of every reader, with and without abstracts kept.
//
// The default build's inputs are too large to lay out: in one process a
// second layout of a graph gives other positions than the first.
func TestExtractAheadSameBytes(t *testing.T) {
	dir := t.TempDir()
	small, large := duplicatesCorpus(t, dir, 600), duplicatesCorpus(t, dir, 3500)
	for _, tc := range []struct {
		name  string
		files []string
		cmd   []string
	}{
		{"duplicates exact", []string{small}, []string{"build", "-exact", "-formats", "graphml,gexf,csv,json"}},
		{"duplicates", []string{large}, []string{"build", "-formats", "graphml,csv"}},
		{"fixtures exact", fixtureFiles(t), []string{"build", "-exact", "-formats", "graphml,gexf,csv,json"}},
	} {
		name, files, cmd := tc.name, tc.files, tc.cmd
		t.Run(name, func(t *testing.T) {
			outs := map[string]map[string][]byte{}
			for _, mode := range []string{"after merge", "ahead", "every other batch ahead"} {
				func() {
					defer setAhead(mode != "after merge", mode == "every other batch ahead")()
					out := filepath.Join(dir, "out-"+strings.ReplaceAll(mode, " ", "-"))
					require.NoError(t, os.RemoveAll(out))
					args := append(append(append([]string{}, cmd...), "-v", "-o", out), files...)
					code, _, stderr := runCmd(t, "", args...)
					require.Equal(t, 0, code, stderr)
					if mode == "ahead" {
						assert.Positive(t, givenAhead(t, stderr), "records given what was extracted ahead")
					}
					if strings.HasPrefix(name, "duplicates") {
						require.Regexp(t, `, [1-9]\d* merged,`, stderr, "the corpus has duplicates")
					}
					outs[mode] = readDir(t, out)
				}()
			}
			require.NotEmpty(t, outs["after merge"])
			for mode, files := range outs {
				require.Equal(t, len(outs["after merge"]), len(files), mode)
				for f, b := range outs["after merge"] {
					assert.True(t, string(b) == string(files[f]), "%s differs %s", f, mode)
				}
			}
		})
	}
	// extract keeps the abstracts (and so gives what explain reads).
	t.Run("extract", func(t *testing.T) {
		var want string
		for _, mode := range []string{"after merge", "ahead", "every other batch ahead"} {
			func() {
				defer setAhead(mode != "after merge", mode == "every other batch ahead")()
				code, stdout, stderr := runCmd(t, "", "extract", "-v", small)
				require.Equal(t, 0, code, stderr)
				if mode == "ahead" {
					assert.Positive(t, givenAhead(t, stderr), "records given what was extracted ahead")
				}
				if want == "" {
					want = stdout
				}
				assert.True(t, want == stdout, "extract's output differs %s", mode)
			}()
		}
	})
}

// givenAhead returns how many papers the -v log of a run says were
// given what was extracted ahead.
func givenAhead(t *testing.T, log string) int {
	t.Helper()
	m := regexp.MustCompile(`extract: ahead" records=\d+ given=(\d+)`).FindStringSubmatch(log)
	require.NotNil(t, m, log)
	n, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	return n
}

// TestInterruptAhead: Ctrl-C while records are extracted ahead ends the
// run as interrupted (status 130), and no worker is left running.
func TestInterruptAhead(t *testing.T) {
	in := duplicatesCorpus(t, t.TempDir(), 3500)
	defer setAhead(true, false)()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var inWorker atomic.Bool // the 50th record extracted is extracted ahead
	orig := extractPaper
	extractPaper = func(x *extract.Extractor) func(*papergraph.Paper) {
		f := orig(x)
		var n atomic.Int64
		return func(p *papergraph.Paper) {
			if n.Add(1) == 50 {
				inWorker.Store(strings.Contains(string(debug.Stack()), "papergraph.(*ahead).extract("))
				cancel()
			}
			f(p)
		}
	}
	defer func() { extractPaper = orig }()
	var stderr strings.Builder
	code := run(ctx, []string{"build", "-formats", "csv", "-o", filepath.Join(t.TempDir(), "out"), in}, strings.NewReader(""), io.Discard, &stderr)
	assert.Equal(t, 130, code, stderr.String())
	require.True(t, inWorker.Load(), "cancelled while extracting ahead")
	workers := func() int {
		buf := make([]byte, 1<<20)
		return strings.Count(string(buf[:runtime.Stack(buf, true)]), "papergraph.(*ahead).extract(")
	}
	deadline := time.Now().Add(2 * time.Second)
	for workers() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.Zero(t, workers(), "ahead workers still running after the run returned")
}

// setAhead sets whether loadPapers extracts ahead and whether it lets
// every other batch through, and returns the function that restores both.
func setAhead(on, alternate bool) (restore func()) {
	prevOn, prevPass := extractAhead, aheadPass
	extractAhead = on
	if alternate {
		aheadPass = func(batch int) bool { return batch%2 == 1 }
	}
	return func() { extractAhead, aheadPass = prevOn, prevPass }
}

// TestExtractedIsWhatPaperSets: extract.Result holds every field that
// Extractor.Paper sets, so that a paper given what was extracted of its
// record ahead equals the paper extracted after the merge.
func TestExtractedIsWhatPaperSets(t *testing.T) {
	x, err := extract.New(extract.Config{})
	require.NoError(t, err)
	n := 0
	for _, name := range fixtureFiles(t) {
		f, err := os.Open(name)
		require.NoError(t, err)
		rd, err := read.Open(f, name, read.Options{})
		if err != nil {
			f.Close()
			continue
		}
		for {
			p, err := rd.Next()
			if err != nil {
				break
			}
			want := p
			x.Paper(&want)
			got := p
			var ents entityBlocks
			e := want
			e.Entities = ents.hold(e.Entities)
			ex := extract.ResultOf(&e)
			ex.Give(&got)
			require.True(t, reflect.DeepEqual(want, got), "%s: %s: extract.Result misses what Paper sets:\n%+v\n%+v", name, p.Pos, want, got)
			n++
		}
		f.Close()
	}
	require.Greater(t, n, 20)
}

// TestExtractAheadCounts: with every record extracted ahead (an input
// smaller than the workers' batches), each record read is extracted once
// and each paper merged from several once more; after the merge alone,
// each kept paper once.
func TestExtractAheadCounts(t *testing.T) {
	files := fixtureFiles(t)
	count := func(on bool) (n, read, merged, kept int) {
		defer setAhead(on, false)()
		c := countExtractions(t)
		code, stdout, stderr := runCmd(t, "", append([]string{"extract"}, files...)...)
		require.Equal(t, 0, code, stderr)
		m := regexp.MustCompile(`(\d+) papers read[^,]*, (\d+) merged`).FindStringSubmatch(stderr)
		require.NotNil(t, m, stderr)
		read, _ = strconv.Atoi(m[1])
		merged, _ = strconv.Atoi(m[2])
		return int(c.Load()), read, merged, strings.Count(stdout, "\n")
	}
	n, read, merged, kept := count(false)
	require.Positive(t, merged)
	assert.Equal(t, kept, n, "after the merge: one extraction per kept paper")
	n, _, _, _ = count(true)
	assert.Greater(t, n, kept, "the folds are extracted again")
	assert.Less(t, n, read, "a record that shares a key with one read before it is not extracted ahead")
}

// TestExtractAheadCopies: an input given three times is extracted at
// most twice (its records ahead, the folds after the merge), not four
// times (every copy ahead, then the folds).
func TestExtractAheadCopies(t *testing.T) {
	in := duplicatesCorpus(t, t.TempDir(), 600)
	defer setAhead(true, false)()
	n := countExtractions(t)
	code, stdout, stderr := runCmd(t, "", "extract", in, in, in)
	require.Equal(t, 0, code, stderr)
	kept := int64(strings.Count(stdout, "\n"))
	require.Positive(t, kept)
	assert.LessOrEqual(t, n.Load(), 2*kept)
}

// TestExtractAheadCompressed: the records of a gzip input whose size is
// under aheadMaxInput are extracted ahead only until their text passes
// it: the file's size does not say what it holds.
func TestExtractAheadCompressed(t *testing.T) {
	dir := t.TempDir()
	plain, err := os.ReadFile(duplicatesCorpus(t, dir, 600))
	require.NoError(t, err)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, err = zw.Write(plain)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	in := filepath.Join(dir, "papers.jsonl.gz")
	require.NoError(t, os.WriteFile(in, z.Bytes(), 0o644))
	defer setAhead(true, false)()
	prev := aheadMaxInput
	aheadMaxInput = int64(z.Len()) + 1
	defer func() { aheadMaxInput = prev }()
	require.Less(t, aheadMaxInput, int64(len(plain))/3, "the corpus compresses")
	code, _, stderr := runCmd(t, "", "build", "-v", "-formats", "csv", "-o", filepath.Join(dir, "out"), in)
	require.Equal(t, 0, code, stderr)
	m := regexp.MustCompile(`extract: ahead" records=(\d+)`).FindStringSubmatch(stderr)
	require.NotNil(t, m, stderr)
	records, _ := strconv.Atoi(m[1])
	assert.Positive(t, records)
	assert.Less(t, records, strings.Count(string(plain), "\n")/2, "records offered once their text passed the limit")
}

// TestExtractorErrorFirst: an extractor that cannot be built (-entities
// names no file) is the run's error, also when an input cannot be read.
func TestExtractorErrorFirst(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.tsv")
	for _, in := range []string{fixtureFiles(t)[0], filepath.Join("..", "..", "testdata", "hostile", "all-skipped.csv")} {
		code, _, stderr := runCmd(t, "", "build", "-entities", missing, "-o", filepath.Join(dir, "out"), in)
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr, "papergraph: entities: open "+missing, in)
	}
}

// TestExtractAheadEnrich: a build with -enrich (whose records come after
// the reading and are extracted after the merge) writes the same bytes
// whichever records are extracted ahead.
func TestExtractAheadEnrich(t *testing.T) {
	newAPIServer(t)
	dir := t.TempDir()
	code, batch, stderr := runCmd(t, "", "fetch", "-cache", "off", "hf:daily:2026-12-01", "arxiv:list:cs.CL")
	require.Equal(t, 0, code, stderr)
	in := filepath.Join(dir, "batch.jsonl")
	require.NoError(t, os.WriteFile(in, []byte(batch), 0o644))
	var want map[string][]byte
	for _, mode := range []string{"after merge", "ahead", "every other batch ahead"} {
		func() {
			defer setAhead(mode != "after merge", mode == "every other batch ahead")()
			out := filepath.Join(dir, strings.ReplaceAll(mode, " ", "-"))
			code, _, stderr := runCmd(t, "", "build", "-v", "-cache", "off", "-enrich", "refs", "-o", out, "-formats", "graphml,json,csv", in)
			require.Equal(t, 0, code, stderr)
			require.Contains(t, stderr, "-enrich refs: ")
			if mode == "ahead" {
				assert.Positive(t, givenAhead(t, stderr), "records given what was extracted ahead")
			}
			got := readDir(t, out)
			if want == nil {
				want = got
			}
			assert.Equal(t, want, got, mode)
		}()
	}
	assert.Contains(t, string(want["edges.csv"]), "cites")
}
