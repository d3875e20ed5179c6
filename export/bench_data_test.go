package export

import (
	"io"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/papergraph/papergraph/internal/cputime"
)

// BenchmarkDataWriters writes a 10,000-paper, 20,000-node graph in each
// format to io.Discard (go test ./export -run '^$' -bench DataWriters
// -benchmem). Bytes per op is the output size.
func BenchmarkDataWriters(b *testing.B) {
	g := randomGraph(b, 10000, 42)
	benchWriters(b, g, Options{Layout: layoutFor(g)})
}

// BenchmarkDataWritersLarge writes a graph built by graph.Build from
// 100,000 synthetic papers (about the size of the 100k-record corpus's:
// 120,000 nodes and 800,000 edges, read through AllEdges) in each format,
// without layout, as `papergraph build` does (go test ./export -run '^$'
// -bench DataWritersLarge -benchmem -benchtime 3x). Building the graph
// takes a few seconds, outside the timing.
func BenchmarkDataWritersLarge(b *testing.B) {
	if testing.Short() {
		b.Skip("large graph")
	}
	g := largeGraph(b)
	b.Logf("%d nodes, %d edges", len(g.Nodes()), g.NumEdges())
	benchWriters(b, g, Options{Version: "bench", Description: "100000 synthetic papers"})
}

func benchWriters(b *testing.B, g *graph.Graph, opt Options) {
	for _, w := range dataWriters {
		b.Run(w.name, func(b *testing.B) {
			cw := &countingWriter{}
			if err := w.fn(cw, g, opt); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			c0, ok := cputime.Now()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := w.fn(io.Discard, g, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			// MB/s of CPU time (the writers format edges on every core):
			// what a writer costs whatever the machine's load.
			if c1, ok2 := cputime.Now(); ok && ok2 && c1 > c0 {
				b.ReportMetric(float64(cw.n)*float64(b.N)/1e6/(c1-c0).Seconds(), "cpu-MB/s")
			}
		})
	}
}

var large struct {
	once, papersOnce sync.Once
	papers           []papergraph.Paper
	g                *graph.Graph
	err              error
}

// largeGraph builds, once, a graph from 100,000 papers shaped like the
// benchmark corpus: plain English titles (some with &, quotes or accents),
// three to six authors, one to three artifacts drawn with a long tail from a
// pool of 60,000 over every kind, and a few citations between papers.
func largeGraph(b *testing.B) *graph.Graph {
	papers := largePapers()
	large.once.Do(func() { large.g, large.err = graph.Build(papers, graph.Options{}) })
	if large.err != nil {
		b.Fatal(large.err)
	}
	return large.g
}

// largePapers are the 100,000 synthetic papers of largeGraph.
func largePapers() []papergraph.Paper {
	large.papersOnce.Do(func() { large.papers = syntheticPapers(100000) })
	return large.papers
}

// syntheticPapers makes n papers shaped like the benchmark corpus (see
// largeGraph), the same for the same n.
func syntheticPapers(n int) []papergraph.Paper {
	{
		const pool = 60000
		r := rand.New(rand.NewPCG(7, 7))
		words := []string{"learning", "diffusion", "models", "for", "robust", "vision", "language", "transformers",
			"efficient", "graph", "neural", "networks", "scaling", "laws", "of", "the", "benchmark", "reasoning",
			"agents", "retrieval", "augmented", "generation", "Müller", "&", `"zero-shot"`, "via", "self-supervised"}
		zipf := rand.NewZipf(r, 1.2, 4, pool-1)
		papers := make([]papergraph.Paper, n)
		for i := range papers {
			p := &papers[i]
			p.ArXiv = "24" + itoa(10+i%12) + "." + itoa(10000+i)
			p.Year = 2020 + i%6
			title := make([]byte, 0, 80)
			for k := range 5 + r.IntN(8) {
				if k > 0 {
					title = append(title, ' ')
				}
				title = append(title, words[r.IntN(len(words))]...)
			}
			p.Title = string(title)
			for k := range 3 + r.IntN(4) {
				p.Authors = append(p.Authors, "Author "+itoa(r.IntN(20000))+" "+itoa(k))
			}
			for range 1 + r.IntN(3) {
				a := int(zipf.Uint64())
				kind := papergraph.Kinds[a%len(papergraph.Kinds)]
				name := "artifact-" + itoa(a)
				if kind == papergraph.KindRepo {
					name = "github.com/owner" + itoa(a%97) + "/" + name
				}
				p.Entities = append(p.Entities, papergraph.Entity{Kind: kind, Name: name, Surface: name, Rule: "bench"})
			}
			if i > 0 && r.IntN(3) == 0 {
				p.Refs = append(p.Refs, papergraph.Ref{ArXiv: papers[r.IntN(i)].ArXiv, Source: "bench"})
			}
		}
		return papers
	}
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkDOT writes the 10,000-paper graph of BenchmarkDataWriters as
// DOT, with positions (go test ./export -run '^$' -bench DOT -benchmem).
func BenchmarkDOT(b *testing.B) {
	g := randomGraph(b, 10000, 42)
	opt := Options{Layout: layoutFor(g)}
	cw := &countingWriter{}
	if err := DOT(cw, g, opt); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(cw.n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := DOT(io.Discard, g, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDataWritersExact writes the exact projection of the first
// 4,000 papers of BenchmarkDataWritersLarge in each format: nearly every
// edge a shares edge, as in `papergraph build -exact` (go test ./export
// -run '^$' -bench DataWritersExact -benchmem -cpu 1).
func BenchmarkDataWritersExact(b *testing.B) {
	if testing.Short() {
		b.Skip("large graph")
	}
	g, err := graph.Build(largePapers()[:4000], graph.Options{Exact: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d nodes, %d edges", len(g.Nodes()), g.NumEdges())
	benchWriters(b, g, Options{Version: "bench"})
}
