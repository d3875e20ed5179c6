package extract_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// corpusScript makes the benchmark corpus (../shared/peers/make_corpus.py).
const corpusScript = "../../shared/peers/make_corpus.py"

// benchCorpus returns the abstracts of a 2,000-record corpus made by
// make_corpus.py, or the sample page's abstracts when python3 or the
// script is missing.
func benchCorpus(b *testing.B) ([]papergraph.Paper, string) {
	b.Helper()
	py, err := exec.LookPath("python3")
	if _, serr := os.Stat(corpusScript); err == nil && serr == nil {
		out := filepath.Join(b.TempDir(), "corpus.jsonl")
		if msg, err := exec.Command(py, corpusScript, "2000", out).CombinedOutput(); err != nil {
			b.Fatalf("make_corpus.py: %v: %s", err, msg)
		}
		f, err := os.Open(out)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		var papers []papergraph.Paper
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var rec struct{ ID, Title, Abstract string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				b.Fatal(err)
			}
			papers = append(papers, papergraph.Paper{ID: rec.ID, Title: rec.Title, Abstract: rec.Abstract})
		}
		if err := sc.Err(); err != nil {
			b.Fatal(err)
		}
		return papers, "make_corpus.py 2000"
	}
	return readSamplePage(b, samplePage), "sample page"
}

// BenchmarkExtract measures extraction throughput in MB/s of abstract
// text (run with -cpu 1 for the one-core figure), and per second of CPU
// time: MB, words (runs between white space) and tokens (the words and
// punctuation the rules read).
func BenchmarkExtract(b *testing.B) {
	papers, src := benchCorpus(b)
	x := extract.Default()
	var n, words, toks int64
	for _, p := range papers {
		n += int64(len(p.Abstract))
		words += int64(len(strings.Fields(p.Abstract)))
		toks += int64(extract.CountTokens(p.Abstract))
	}
	b.Logf("corpus: %s, %d papers, %d bytes, %d words, %d tokens", src, len(papers), n, words, toks)
	b.SetBytes(n)
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c0, ok := cpuTime()
	b.ResetTimer()
	for range b.N {
		for i := range papers {
			p := papers[i]
			x.Paper(&p)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	// Rates of CPU time: what an idle core does, whatever the load. A
	// word is a run of text between white space.
	if c1, ok2 := cpuTime(); ok && ok2 && c1 > c0 {
		b.ReportMetric(float64(n)*float64(b.N)/1e6/(c1-c0).Seconds(), "cpu-MB/s")
		b.ReportMetric(float64(words)*float64(b.N)/(c1-c0).Seconds(), "cpu-words/s")
		b.ReportMetric(float64(toks)*float64(b.N)/(c1-c0).Seconds(), "cpu-tokens/s")
	}
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/float64(words)/float64(b.N), "allocs/word")
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/float64(toks)/float64(b.N), "allocs/token")
}

// BenchmarkNew measures building an Extractor (the list automaton).
func BenchmarkNew(b *testing.B) {
	for range b.N {
		if _, err := extract.New(extract.Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExcerptsKeep measures what keeping the text the batch pass
// reads costs per abstract (MB/s of abstract text), and reports the share
// of the text kept.
func BenchmarkExcerptsKeep(b *testing.B) {
	papers, src := benchCorpus(b)
	n := 0
	for _, p := range papers {
		n += len(p.Abstract)
	}
	b.Logf("corpus: %s, %d papers, %d bytes", src, len(papers), n)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var x extract.Excerpts
	b.ResetTimer()
	for range b.N {
		for i := range papers {
			x.Keep(i, &papers[i])
		}
	}
	b.ReportMetric(float64(extract.ExcerptsSize(&x))/float64(n), "kept/byte")
}
