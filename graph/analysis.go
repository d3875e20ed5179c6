package graph

import (
	"runtime"
	"sync"
	"time"
)

// analyse finds the communities of the finished graph g (when
// s.communities; nodes marked in skip take no part) and its centrality
// (PageRank and betweenness when s.centrality, and CitedBy), then names
// the communities, which ranks their papers by PageRank. Communities and
// centrality run at the same time when s.workers allows: both only read
// the graph and each writes its own fields of the nodes and of the stats,
// so the result is the same either way. It returns Louvain's moves per
// pass and the time each of the two took.
func (g *Graph) analyse(skip []bool, s settings) (passes []int, comm, cent time.Duration) {
	communities := func() {
		t0 := time.Now()
		if s.communities {
			var c []int32
			c, passes = louvain(g, skip, s.resolution, s.seed)
			g.stats.Communities = numberCommunities(g.nodes, c)
		}
		comm = time.Since(t0)
	}
	centrality := func() {
		t0 := time.Now()
		g.centrality(s.workers, s.seed, s.centrality)
		cent = time.Since(t0)
	}
	if s.workers > 1 && s.communities {
		var wg sync.WaitGroup
		wg.Go(communities)
		centrality()
		wg.Wait()
	} else {
		communities()
		centrality()
	}
	g.nameCommunities(g.stats.Communities)
	return passes, comm, cent
}

// collectRows is the size of freed projection rows from which analyse
// collects before it starts: the exact projection of 10,000 papers frees
// about 60 MB of them (4.9 M pairs of 12 bytes), the default one of
// 100,000 a few MB.
const collectRows = 16 << 20

// sumsStarted, when not nil, is called as the degree and strength pass
// starts: tests set it to hold the pass back, so that it is still running
// when the analysis ends.
var sumsStarted func()

// analyse is the build phase after the edges: communities and centrality
// (see Graph.analyse).
func (b *builder) analyse() error {
	// The input papers and the builder's tables are not read from here
	// on: dropped, they are garbage the analysis can reuse, when the
	// caller holds the papers no more (at a million papers they are half
	// the live heap).
	*b = builder{ctx: b.ctx, opt: b.opt, phase: b.phase, cpu: b.cpu, g: b.g,
		leftOut: b.leftOut, freedRows: b.freedRows}
	// Degree and strength in edge order, as Finish computes them, summed
	// in arrays of their own: a Node is hundreds of bytes, and the nodes
	// an edge's target reaches are all over them. One sequential pass over
	// every edge, which nothing in the analysis reads: when workers allow,
	// it runs beside the analysis and is joined here, so no goroutine
	// outlives the build, and a build cancelled before this phase never
	// starts it. deg and strength (12 bytes per node) stay live through
	// the whole analysis.
	g := b.g
	deg := make([]int32, len(g.nodes))
	strength := make([]float64, len(g.nodes))
	sum := func() {
		if sumsStarted != nil {
			sumsStarted()
		}
		s := g.store
		for i, v := range s.source {
			t, w := s.target[i], s.weight[i]
			deg[v]++
			strength[v] += w
			deg[t]++
			strength[t] += w
		}
	}
	var wg sync.WaitGroup
	if b.opt.workers > 1 {
		wg.Go(sum)
	} else {
		sum()
	}
	// The projection's rows were freed for the analysis (assemble), but
	// the collector would not find that out before the heap had grown to
	// twice what it last saw live, edges and rows together: when they were
	// large, collect now, so the analysis and the writers allocate on top
	// of the graph alone. Small rows are left to the collector.
	if b.freedRows >= collectRows {
		runtime.GC()
	}
	passes, comm, cent := g.analyse(b.leftOut, b.opt)
	wg.Wait()
	for v := range g.nodes {
		g.nodes[v].Degree, g.nodes[v].Strength = int(deg[v]), strength[v]
	}
	b.opt.log.Debug("graph: analysis", "passes", passes, "communities_seconds", comm.Seconds(),
		"centrality_seconds", cent.Seconds())
	return nil
}
