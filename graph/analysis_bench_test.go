package graph

import (
	"fmt"
	"testing"
)

// BenchmarkAnalysis times each analysis step, in CPU seconds, on
// synthetic batches: 100,000 papers with the default pruning, and the
// exact projection of 10,000 (dense: most nodes two steps apart). The
// steps: the undirected copy, PageRank, betweenness.
func BenchmarkAnalysis(b *testing.B) {
	for _, c := range []struct {
		n     int
		exact bool
	}{{100_000, false}, {10_000, true}} {
		b.Run(fmt.Sprintf("papers=%d/exact=%v", c.n, c.exact), func(b *testing.B) {
			g, err := Build(synthetic(c.n, 1), Options{NoCentrality: true, Exact: c.exact})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				t0 := cpuTime()
				u := simple(g.store, 2)
				t1 := cpuTime()
				u.pageRank(2)
				t2 := cpuTime()
				_, k := u.betweenness(2, 0, nil)
				t3 := cpuTime()
				b.ReportMetric((t1 - t0).Seconds(), "simple-cpu-s")
				b.ReportMetric((t2 - t1).Seconds(), "pagerank-cpu-s")
				b.ReportMetric((t3 - t2).Seconds(), "betweenness-cpu-s")
				b.ReportMetric(float64(k), "sources")
				b.ReportMetric(float64(u.n()), "nodes")
				b.ReportMetric(float64(len(u.nbr)), "ends")
			}
		})
	}
}

// BenchmarkRankStep times one PageRank step over every row of the exact
// projection of 10,000 synthetic papers on one goroutine, through the
// route step takes there: the indexed uint16 form read without bounds
// checks (y of 65,536 values, as pageRank makes it).
func BenchmarkRankStep(b *testing.B) {
	g, err := Build(synthetic(10_000, 1), Options{NoCentrality: true, NoCommunities: true, Exact: true})
	if err != nil {
		b.Fatal(err)
	}
	u := simple(g.store, 2)
	re, _ := u.rankEdges(2)
	if re.route() != rankRouteIndexed16 {
		b.Fatalf("route %d, want rankRouteIndexed16", re.route())
	}
	n := u.n()
	y := make([]float64, max(n, 1<<16))
	for v := range n {
		y[v] = 1 / float64(n)
	}
	next := make([]float64, n)
	for b.Loop() {
		re.step(0, n, 0.01, y, next)
	}
	b.ReportMetric(float64(len(u.nbr))*float64(b.N)/b.Elapsed().Seconds()/1e6, "M-ends/s")
}
