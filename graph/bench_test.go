package graph

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/papergraph/papergraph"
)

// BenchmarkBuild builds synthetic Zipf batches (see synthetic) and reports
// CPU seconds per build besides wall time (the machine is shared). The
// million-paper case runs only with GRAPH_BENCH_1M=1 (it needs ~3 GB);
// GRAPH_BENCH_LOG=1 logs each build's phases on stderr.
func BenchmarkBuild(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if os.Getenv("GRAPH_BENCH_1M") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	var log *slog.Logger
	if os.Getenv("GRAPH_BENCH_LOG") == "1" {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	for _, n := range sizes {
		papers := synthetic(n, 1)
		for _, exact := range []bool{false, true} {
			if exact && n > 10_000 {
				continue // the full projection of 100k papers has ~400 M pairs
			}
			name := fmt.Sprintf("papers=%d/exact=%v", n, exact)
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				var g *Graph
				cpu := cpuTime()
				for b.Loop() {
					var err error
					g, err = Build(papers, Options{Exact: exact, Logger: log})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
				st := g.Stats()
				b.ReportMetric(float64(st.Shares), "shares")
				b.ReportMetric(float64(st.Pairs), "pairs")
			})
		}
	}
}

// BenchmarkProjectFar builds the exact projection of a batch of sparse
// rows with far-apart pairs: each paper shares one artifact with the paper
// half the batch away, and nothing else. Reading every bit word from a row
// to its pair would cost about nb²/128 word reads.
func BenchmarkProjectFar(b *testing.B) {
	for _, n := range []int{100_000, 400_000} {
		papers := make([]papergraph.Paper, n)
		for i := range papers {
			name := fmt.Sprintf("Pair%d", i%(n/2))
			papers[i] = papergraph.Paper{
				ArXiv:    fmt.Sprintf("24%02d.%06d", 1+i/900_000, 100_000+i%900_000),
				Entities: []papergraph.Entity{{Kind: papergraph.KindDataset, Name: name, Surface: name, Rule: "far"}},
			}
		}
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			var g *Graph
			cpu := cpuTime()
			for b.Loop() {
				var err error
				g, err = Build(papers, Options{Exact: true, NoCentrality: true, NoCommunities: true, Workers: 1})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(g.Stats().Pairs), "pairs")
		})
	}
}

// BenchmarkEdges compares reading a built graph's edges through the
// iterator and through the materialised slice.
func BenchmarkEdges(b *testing.B) {
	papers := synthetic(10_000, 1)
	b.Run("AllEdges", func(b *testing.B) {
		g, err := Build(papers, Options{Exact: true, NoCommunities: true})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			for e := range g.AllEdges() {
				n += len(e.Shared)
			}
		}
	})
	b.Run("Edges", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			g, err := Build(papers, Options{Exact: true, NoCommunities: true})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			n := 0
			for _, e := range g.Edges() {
				n += len(e.Shared)
			}
		}
	})
}

// BenchmarkArtifacts times the artifacts phase alone over 300,000 papers
// that each introduce an artifact of their own and name two of a few
// thousand others, as the papers of make_corpus.py do: most artifacts are
// the introduced ones (go test ./graph -run '^$' -bench Artifacts -cpu 1).
func BenchmarkArtifacts(b *testing.B) {
	const n = 300_000
	papers := make([]papergraph.Paper, n)
	for i := range papers {
		p := &papers[i]
		p.ArXiv = fmt.Sprintf("24%02d.%06d", 10+i%12, 100000+i)
		name := fmt.Sprintf("Method%d", i)
		p.Entities = []papergraph.Entity{
			{Kind: papergraph.KindModel, Name: name, Surface: name, Rule: "bench", Introduced: true},
			{Kind: papergraph.KindDataset, Name: fmt.Sprintf("Set%d", i%3000), Surface: "set", Rule: "bench"},
			{Kind: papergraph.KindModel, Name: fmt.Sprintf("Net%d", i%1000), Surface: "net", Rule: "bench"},
		}
	}
	b.ReportAllocs()
	var cpu time.Duration // of the phase alone
	for b.Loop() {
		b.StopTimer()
		bl := &builder{in: papers, ctx: context.Background()}
		bl.opt = Options{}.resolve(n)
		if err := bl.paperSlots(); err != nil {
			b.Fatal(err)
		}
		c := cpuTime()
		b.StartTimer()
		if err := bl.artifacts(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}
