package export

import (
	"io"
	"testing"
	"time"

	"github.com/papergraph/papergraph/graph"
)

// BenchmarkAnalysisOverhead measures what centrality (PageRank,
// betweenness) and communities (Louvain and their labels) add to the
// default build of 100,000 papers: graph.Build and the files the default
// formats write at that size (graph.dot and graph.graphml; the picture is
// skipped as too large), with and without the analysis, alternating in the
// same run (go test ./export -run '^$' -bench AnalysisOverhead -benchtime
// 3x). ratio is the time with the analysis over the time without.
func BenchmarkAnalysisOverhead(b *testing.B) {
	if testing.Short() {
		b.Skip("large graph")
	}
	papers := largePapers()
	run := func(opt graph.Options) time.Duration {
		t0 := time.Now()
		g, err := graph.Build(papers, opt)
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range []writerFunc{DOT, GraphML} {
			if err := w(io.Discard, g, Options{Version: "bench"}); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(t0)
	}
	var with, without time.Duration
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			with += run(graph.Options{})
			without += run(graph.Options{NoCentrality: true, NoCommunities: true})
		} else {
			without += run(graph.Options{NoCentrality: true, NoCommunities: true})
			with += run(graph.Options{})
		}
		i++
	}
	b.ReportMetric(with.Seconds()/float64(i), "with-s")
	b.ReportMetric(without.Seconds()/float64(i), "without-s")
	b.ReportMetric(with.Seconds()/without.Seconds(), "ratio")
}
