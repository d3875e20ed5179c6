package graph

import (
	"fmt"
	"testing"
)

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		papers := synthetic(n, 1)
		for _, exact := range []bool{false, true} {
			if exact && n > 10_000 {
				continue // the full projection of 100k papers has ~400 M pairs
			}
			name := fmt.Sprintf("papers=%d/exact=%v", n, exact)
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				var g *Graph
				for b.Loop() {
					var err error
					g, err = Build(papers, Options{Exact: exact})
					if err != nil {
						b.Fatal(err)
					}
				}
				st := g.Stats()
				b.ReportMetric(float64(st.Shares), "shares")
				b.ReportMetric(float64(st.Pairs), "pairs")
			})
		}
	}
}
