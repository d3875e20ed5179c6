package graph

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/papergraph/papergraph"
)

// Status says, in the graph of a [Diff], whether a node or edge is new,
// gone or in both graphs.
type Status string

// The statuses of a [Diff]'s graph.
const (
	Added   Status = "added"   // only in the new graph
	Removed Status = "removed" // only in the old graph
	Kept    Status = "kept"    // in both
)

// Diff is what changed between two graphs of the same kind of batch (this
// week's and last week's, say): see [Compare].
type Diff struct {
	// PapersAdded and PapersGone are the IDs of the batch papers only in
	// the new and only in the old graph, sorted.
	PapersAdded, PapersGone []string
	// Artifacts are the artifacts whose paper count (Node.Papers) changed,
	// 0 where the artifact is absent, largest change first (then ID).
	Artifacts []ArtifactChange
	// EdgesGained and EdgesLost are the edges only in the new and only in
	// the old graph, by (Source, Target, Relation): Edges order.
	EdgesGained, EdgesLost []Edge
	// EdgesKept counts the edges in both.
	EdgesKept int
	// Merged lists the new communities that gather two or more old ones;
	// Split the old communities spread over two or more new ones. See
	// [Compare].
	Merged, Split []CommunityChange
	// Graph is the union of both graphs, finished (sorted by ID like every
	// Graph), every node and edge with its Status: Added or Kept for those
	// of the new graph, Removed for those only in the old one. A node takes its fields
	// from the new graph when it is there; a removed node is in no
	// community (Community -1), as community numbers differ between the
	// graphs. Degree and Strength count the union's edges; the rest
	// (PageRank, Papers, ...) is the node's own graph's.
	Graph *Graph
}

// ArtifactChange is an artifact whose paper count changed.
type ArtifactChange struct {
	ID, Label string
	Old, New  int
}

// CommunityChange relates communities of the old graph to those of the
// new one: Old and New are community IDs (Node.Community) in each graph,
// sorted, with their labels in the same order.
type CommunityChange struct {
	Old, New             []int
	OldLabels, NewLabels []string
}

// Empty reports whether the two graphs had the same papers, artifact
// counts, edges and communities (up to their numbering).
func (d *Diff) Empty() bool {
	return len(d.PapersAdded) == 0 && len(d.PapersGone) == 0 && len(d.Artifacts) == 0 &&
		len(d.EdgesGained) == 0 && len(d.EdgesLost) == 0 && len(d.Merged) == 0 && len(d.Split) == 0
}

// minShared is how many papers an old and a new community must share to
// count as related in [Compare].
const minShared = 2

// Compare returns what changed from old to new, two finished graphs.
// Nodes are matched by ID and edges by (Source, Target, Relation); a
// batch paper is a paper node that is not External.
//
// Communities are matched through the batch papers in both graphs that
// are in a community in both: an old and a new community are related when
// they share at least two such papers. A new community related to two or
// more old ones is a merge; an old community related to two or more new
// ones a split. Renumbering alone (the same papers together under another
// ID) is neither.
func Compare(old, new *Graph) (*Diff, error) {
	if !old.finished || !new.finished {
		return nil, fmt.Errorf("graph: compare: graph not finished")
	}
	d := &Diff{}
	u := newGraph()
	batch := func(n *Node) bool { return n.Kind == papergraph.KindPaper && !n.External }
	for _, n := range new.nodes {
		o, inOld := old.Node(n.ID)
		n.Status = Kept
		if !inOld {
			n.Status = Added
			if batch(&n) {
				d.PapersAdded = append(d.PapersAdded, n.ID)
			}
		}
		if n.Kind != papergraph.KindPaper {
			was := 0
			if inOld {
				was = o.Papers
			}
			if was != n.Papers {
				d.Artifacts = append(d.Artifacts, ArtifactChange{n.ID, n.Label, was, n.Papers})
			}
		}
		if err := u.addNode(n); err != nil {
			return nil, fmt.Errorf("graph: compare: %w", err)
		}
	}
	for _, n := range old.nodes {
		if _, ok := new.index[n.ID]; ok {
			continue
		}
		if batch(&n) {
			d.PapersGone = append(d.PapersGone, n.ID)
		}
		if n.Kind != papergraph.KindPaper && n.Papers != 0 {
			d.Artifacts = append(d.Artifacts, ArtifactChange{n.ID, n.Label, n.Papers, 0})
		}
		n.Status, n.Community, n.CommunityLabel = Removed, -1, ""
		if err := u.addNode(n); err != nil {
			return nil, fmt.Errorf("graph: compare: %w", err)
		}
	}
	slices.SortFunc(d.Artifacts, func(a, b ArtifactChange) int {
		return cmp.Or(cmp.Compare(abs(b.New-b.Old), abs(a.New-a.Old)), cmp.Compare(a.ID, b.ID))
	})
	for e := range new.AllEdges() {
		if _, ok := old.Edge(e.Source, e.Target, e.Relation); ok {
			e.Status = Kept
			d.EdgesKept++
		} else {
			e.Status = Added
			d.EdgesGained = append(d.EdgesGained, e)
		}
		u.edges = append(u.edges, e)
	}
	for e := range old.AllEdges() {
		if _, ok := new.Edge(e.Source, e.Target, e.Relation); ok {
			continue
		}
		e.Status = Removed
		d.EdgesLost = append(d.EdgesLost, e)
		u.edges = append(u.edges, e)
	}
	if err := u.finish(); err != nil {
		return nil, fmt.Errorf("graph: compare: %w", err)
	}
	u.stats.count(u.nodes, u.edges)
	d.Merged, d.Split = communityChanges(old, new)
	d.Graph = u
	return d, nil
}

func abs(x int) int { return max(x, -x) }

// communityChanges finds the merges and splits between the communities of
// old and new (see [Compare]).
func communityChanges(old, new *Graph) (merged, split []CommunityChange) {
	shared := map[[2]int]int{} // (old community, new community) → batch papers
	labels := [2]map[int]string{{}, {}}
	for _, n := range new.nodes {
		if n.Kind != papergraph.KindPaper || n.External || n.Community < 0 {
			continue
		}
		o, ok := old.Node(n.ID)
		if !ok || o.Community < 0 {
			continue
		}
		shared[[2]int{o.Community, n.Community}]++
		labels[0][o.Community] = o.CommunityLabel
		labels[1][n.Community] = n.CommunityLabel
	}
	related := [2]map[int][]int{{}, {}} // old → new, new → old
	for k, c := range shared {
		if c >= minShared {
			related[0][k[0]] = append(related[0][k[0]], k[1])
			related[1][k[1]] = append(related[1][k[1]], k[0])
		}
	}
	change := func(side int, id int, others []int) CommunityChange {
		slices.Sort(others)
		ls := make([]string, len(others))
		for i, o := range others {
			ls[i] = labels[1-side][o]
		}
		if side == 0 {
			return CommunityChange{Old: []int{id}, New: others, OldLabels: []string{labels[0][id]}, NewLabels: ls}
		}
		return CommunityChange{Old: others, New: []int{id}, OldLabels: ls, NewLabels: []string{labels[1][id]}}
	}
	for side, list := range []*[]CommunityChange{&split, &merged} {
		for id, others := range related[side] {
			if len(others) >= 2 {
				*list = append(*list, change(side, id, others))
			}
		}
		slices.SortFunc(*list, func(a, b CommunityChange) int {
			return cmp.Or(slices.Compare(a.Old, b.Old), slices.Compare(a.New, b.New))
		})
	}
	return merged, split
}
