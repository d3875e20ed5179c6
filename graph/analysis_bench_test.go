package graph

import (
	"testing"
	"time"
)

// BenchmarkAnalysis times each analysis step on a synthetic 100,000-paper
// batch: the undirected copy, PageRank, betweenness and the naming.
func BenchmarkAnalysis(b *testing.B) {
	g, err := Build(synthetic(100_000, 1), Options{NoCentrality: true})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		t0 := time.Now()
		u := simple(g.store, 2)
		t1 := time.Now()
		u.pageRank(2)
		t2 := time.Now()
		_, k := u.betweenness(2, 0, nil)
		t3 := time.Now()
		b.ReportMetric(t1.Sub(t0).Seconds(), "simple-s")
		b.ReportMetric(t2.Sub(t1).Seconds(), "pagerank-s")
		b.ReportMetric(t3.Sub(t2).Seconds(), "betweenness-s")
		b.ReportMetric(float64(k), "sources")
		b.ReportMetric(float64(u.n()), "nodes")
		b.ReportMetric(float64(len(u.nbr)), "ends")
	}
}
