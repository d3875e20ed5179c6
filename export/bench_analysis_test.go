package export

import (
	"io"
	"testing"
	"time"

	"github.com/papergraph/papergraph/graph"
	"github.com/papergraph/papergraph/internal/cputime"
)

// BenchmarkAnalysisOverhead measures what centrality (PageRank,
// betweenness) and communities (Louvain and their labels) add to the
// default build of 100,000 papers: graph.Build and the files the default
// formats write at that size (graph.dot and graph.graphml; the picture is
// skipped as too large), with and without the analysis, alternating in the
// same run (go test ./export -run '^$' -bench AnalysisOverhead -benchtime
// 5x -cpu 1). ratio is the wall time with the analysis over the time
// without, cpu-ratio the same for the process's CPU time (which other
// work on a loaded machine does not inflate).
func BenchmarkAnalysisOverhead(b *testing.B) {
	if testing.Short() {
		b.Skip("large graph")
	}
	papers := largePapers()
	type cost struct{ wall, cpu time.Duration }
	run := func(opt graph.Options, into *cost) {
		t0 := time.Now()
		c0, _ := cputime.Now()
		g, err := graph.Build(papers, opt)
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range []writerFunc{DOT, GraphML} {
			if err := w(io.Discard, g, Options{Version: "bench"}); err != nil {
				b.Fatal(err)
			}
		}
		c1, _ := cputime.Now()
		into.wall += time.Since(t0)
		into.cpu += c1 - c0
	}
	none := graph.Options{NoCentrality: true, NoCommunities: true}
	var with, without cost
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			run(graph.Options{}, &with)
			run(none, &without)
		} else {
			run(none, &without)
			run(graph.Options{}, &with)
		}
		i++
	}
	n := float64(i)
	b.ReportMetric(with.wall.Seconds()/n, "with-s")
	b.ReportMetric(without.wall.Seconds()/n, "without-s")
	b.ReportMetric(with.wall.Seconds()/without.wall.Seconds(), "ratio")
	b.ReportMetric(with.cpu.Seconds()/n, "with-cpu-s")
	b.ReportMetric(without.cpu.Seconds()/n, "without-cpu-s")
	b.ReportMetric(with.cpu.Seconds()/without.cpu.Seconds(), "cpu-ratio")
}
