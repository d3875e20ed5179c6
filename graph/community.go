package graph

import (
	"cmp"
	"slices"
)

// Community detection stops after maxPasses local-moving passes, or
// earlier once a pass moves at most one node in minMovedFraction (1%):
// later passes move a few nodes each at the cost of a full pass.
const (
	maxPasses        = 10
	minMovedFraction = 100
)

// communities runs one level of Louvain modularity optimisation (local
// moving) over the finished graph and numbers the communities.
func (b *builder) communities() error {
	if !b.opt.communities {
		return nil
	}
	comm, passes := louvain(b.g, b.leftOut)
	b.opt.log.Debug("graph: communities", "passes", passes)
	b.g.stats.Communities = numberCommunities(b.g.nodes, comm)
	return nil
}

// louvain assigns every node a community label (a node index) by moving
// nodes, in index order, to the neighbouring community with the best
// modularity gain (ties to the smaller label) until a pass moves no node
// or
// maxPasses passes ran (see minMovedFraction). Every edge counts with its weight, in both
// directions; nodes marked in skip, and their edges, take no part. It is
// sequential, so the result never depends on scheduling. The adjacency is
// copied once from the store into a symmetric CSR (8 bytes per edge end,
// weights as float32, freed on return) so that a pass streams it in
// O(edges).
func louvain(g *Graph, skip []bool) (comm []int32, passes []int) {
	s := g.store
	n := len(g.nodes)
	excluded := func(v int32) bool { return skip != nil && skip[v] }
	// Symmetric CSR: out-edges then in-edges of each node.
	start := make([]int32, n+1)
	for v := int32(0); int(v) < n; v++ {
		d := int32(0)
		if !excluded(v) {
			for e := s.outStart[v]; e < s.outStart[v+1]; e++ {
				if o := s.target[e]; o != v && !excluded(o) {
					d++
				}
			}
			for _, e := range s.inEdge[s.inStart[v]:s.inStart[v+1]] {
				if o := s.source[e]; o != v && !excluded(o) {
					d++
				}
			}
		}
		start[v+1] = start[v] + d
	}
	nbr := make([]int32, start[n])
	wt := make([]float32, start[n])
	k := make([]float64, n)
	m2 := 0.0
	for v := int32(0); int(v) < n; v++ {
		i := start[v]
		if excluded(v) {
			continue
		}
		for e := s.outStart[v]; e < s.outStart[v+1]; e++ {
			if o := s.target[e]; o != v && !excluded(o) {
				nbr[i], wt[i] = o, float32(s.weight[e])
				i++
			}
		}
		for _, e := range s.inEdge[s.inStart[v]:s.inStart[v+1]] {
			if o := s.source[e]; o != v && !excluded(o) {
				nbr[i], wt[i] = o, float32(s.weight[e])
				i++
			}
		}
		for _, x := range wt[start[v]:i] {
			k[v] += float64(x)
		}
		m2 += k[v]
	}
	comm = make([]int32, n)
	tot := make([]float64, n)
	for v := range comm {
		comm[v] = int32(v)
		tot[v] = k[v]
	}
	if m2 == 0 {
		return comm, nil
	}
	nw := make([]float64, n)
	seen := make([]bool, n)
	var near []int32
	for pass := 0; pass < maxPasses; pass++ {
		moved := 0
		for v := int32(0); int(v) < n; v++ {
			if k[v] == 0 {
				continue
			}
			c0 := comm[v]
			near = append(near[:0], c0)
			seen[c0] = true
			for i := start[v]; i < start[v+1]; i++ {
				c := comm[nbr[i]]
				if !seen[c] {
					seen[c] = true
					near = append(near, c)
				}
				nw[c] += float64(wt[i])
			}
			tot[c0] -= k[v]
			best, bestGain := c0, nw[c0]-tot[c0]*k[v]/m2
			for _, c := range near {
				gain := nw[c] - tot[c]*k[v]/m2
				if gain > bestGain || (gain == bestGain && c < best) {
					best, bestGain = c, gain
				}
			}
			tot[best] += k[v]
			comm[v] = best
			if best != c0 {
				moved++
			}
			for _, c := range near {
				nw[c], seen[c] = 0, false
			}
		}
		passes = append(passes, moved)
		if moved*minMovedFraction <= n {
			break
		}
	}
	return comm, passes
}

// numberCommunities sets Node.Community: communities of two or more nodes
// numbered by decreasing size, ties by their first node's ID; -1 for the
// rest. It returns how many communities there are.
func numberCommunities(nodes []Node, comm []int32) int {
	size := make([]int32, len(nodes))
	first := make([]int32, len(nodes))
	for i := range first {
		first[i] = -1
	}
	for v, c := range comm {
		size[c]++
		if first[c] < 0 {
			first[c] = int32(v)
		}
	}
	var labels []int32
	for c, n := range size {
		if n >= 2 {
			labels = append(labels, int32(c))
		}
	}
	slices.SortFunc(labels, func(x, y int32) int {
		return cmp.Or(cmp.Compare(size[y], size[x]), cmp.Compare(first[x], first[y]))
	})
	number := make([]int32, len(nodes))
	for i := range number {
		number[i] = -1
	}
	for i, c := range labels {
		number[c] = int32(i)
	}
	for v, c := range comm {
		nodes[v].Community = int(number[c])
	}
	return len(labels)
}
