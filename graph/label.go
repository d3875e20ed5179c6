package graph

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/papergraph/papergraph"
)

// Community is one community of a built graph: nodes that Louvain
// modularity optimisation put together, with at least two batch papers.
type Community struct {
	// ID is the members' Node.Community: 0 is the largest community.
	ID int
	// Label names the community by its most distinctive artifacts (see
	// [Graph.Communities]), joined by ", ".
	Label string
	// Size is the number of member nodes (papers and artifacts); Papers
	// the number of member batch papers.
	Size, Papers int
	// Colour is the community's colour, "#rrggbb": a fixed colour-blind-safe
	// palette by ID ([CommunityColours]), [OtherColour] beyond it. Every output format and picture uses this one.
	Colour string
	// TopPapers are the IDs of the member batch papers with the highest
	// PageRank (ties by ID), at most five.
	TopPapers []string
	// TopArtifacts are the IDs of the most distinctive artifacts named by
	// member papers, best first, at most five.
	TopArtifacts []string
}

// CommunityColours colour communities 0, 1, ... (0 is the largest): the
// Okabe–Ito palette without black, whose colours stay apart under the
// common colour-vision deficiencies (protanopia, deuteranopia,
// tritanopia; checked by the tests with simulated vision). Seven colours
// are as many as a reader tells apart reliably; communities beyond them,
// and nodes in none, have OtherColour, and a legend says so.
var CommunityColours = [...]string{
	"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
}

// OtherColour is the colour of communities past [CommunityColours] and of
// nodes in no community.
const OtherColour = "#c8c8c8"

// CommunityColour returns the colour of community id (-1: none).
func CommunityColour(id int) string {
	if id >= 0 && id < len(CommunityColours) {
		return CommunityColours[id]
	}
	return OtherColour
}

// How many artifacts make a community's label, and how many papers and
// artifacts it lists.
const (
	labelArtifacts = 3
	topListed      = 5
	// overRepresented is how many times more often than in the whole
	// batch an artifact must be named in a community to name it first.
	overRepresented = 2
)

// Communities returns the communities of a graph from [Build], by ID; nil
// when communities were not computed or none has two batch papers.
//
// # Labels
//
// An artifact named by c of a community's P papers, and by df of the N
// papers of the whole batch, scores (c / P) × ln(N / df): how much of the
// community names it, times how rare it is in the batch (TF-IDF, with the
// community as the document). The label is the names of the best three
// artifacts named by at least two member papers, those over-represented
// (c / P at least twice df / N) before the others, ties to more member
// papers, then ID. So an artifact the whole batch names (ImageNet in a
// vision month) names a community only when nothing more distinctive
// does. A community held together by citations alone, with no artifact
// named twice, is labelled by its top paper.
func (g *Graph) Communities() []Community { return g.comms }

// nameCommunities fills g.comms for the k communities numbered on the
// nodes, and each member's CommunityLabel; PageRank must be set.
func (g *Graph) nameCommunities(k int) {
	if k == 0 {
		return
	}
	comms := make([]Community, k)
	members := make([][]int32, k) // batch papers
	batch := 0
	for i := range g.nodes {
		n := &g.nodes[i]
		paper := n.Kind == papergraph.KindPaper && !n.External
		if paper {
			batch++
		}
		if n.Community < 0 {
			continue
		}
		comms[n.Community].Size++
		if paper {
			members[n.Community] = append(members[n.Community], int32(i))
		}
	}
	// (community, artifact) for every mentions edge from a member paper,
	// counted in runs once sorted. A pair is packed in a uint64, community
	// in the high half, so that the integers sort in the pairs' order
	// (both are non-negative int32s) without a comparison function, and
	// the runs are counted over the integers themselves (c = x>>32,
	// a = uint32(x)) without a decoded copy.
	// A paper's mentions edges can be a few among many shares edges
	// (28,812 beside 4,882,719 in the exact projection of 10,000
	// make_corpus.py papers): bytes.IndexByte finds them in the row's
	// relations many bytes at a time, where testing each edge's relation
	// was most of this function's instructions.
	var packed []uint64
	s := g.store
	for c, ms := range members {
		for _, v := range ms {
			lo := s.outStart[v]
			rel := s.rel[lo:s.outStart[v+1]]
			for i := 0; ; i++ {
				j := bytes.IndexByte(rel[i:], relMentions)
				if j < 0 {
					break
				}
				i += j
				packed = append(packed, uint64(c)<<32|uint64(s.target[lo+int32(i)]))
			}
		}
	}
	slices.Sort(packed)
	type cand struct {
		a     int32
		count int
		score float64
		over  bool // named by two member papers, and at least twice as often as in the batch
	}
	var cands []cand
	for i := 0; i < len(packed); {
		c := int32(packed[i] >> 32)
		cands = cands[:0]
		for i < len(packed) && int32(packed[i]>>32) == c {
			j := i
			for j < len(packed) && packed[j] == packed[i] {
				j++
			}
			a, count := int32(uint32(packed[i])), j-i
			df := max(g.nodes[a].Papers, count)
			score := float64(count) / float64(len(members[c])) * math.Log(float64(max(batch, df))/float64(df))
			over := count >= 2 && float64(count)*float64(batch) >= overRepresented*float64(df)*float64(len(members[c]))
			cands = append(cands, cand{a, count, score, over})
			i = j
		}
		slices.SortFunc(cands, func(x, y cand) int {
			return cmp.Or(
				-cmpBool(x.over, y.over),
				-cmpBool(x.count >= 2, y.count >= 2),
				cmp.Compare(y.score, x.score),
				cmp.Compare(y.count, x.count),
				cmp.Compare(g.nodes[x.a].ID, g.nodes[y.a].ID))
		})
		var names []string
		anyOver := len(cands) > 0 && cands[0].over
		for _, x := range cands[:min(topListed, len(cands))] {
			comms[c].TopArtifacts = append(comms[c].TopArtifacts, g.nodes[x.a].ID)
			if x.count >= 2 && (x.over || !anyOver) && len(names) < labelArtifacts {
				names = append(names, g.nodes[x.a].Label)
			}
		}
		comms[c].Label = strings.Join(names, ", ")
	}
	for c := range comms {
		ms := members[c]
		slices.SortFunc(ms, func(x, y int32) int {
			return cmp.Or(cmp.Compare(g.nodes[y].PageRank, g.nodes[x].PageRank), cmp.Compare(x, y))
		})
		for _, v := range ms[:min(topListed, len(ms))] {
			comms[c].TopPapers = append(comms[c].TopPapers, g.nodes[v].ID)
		}
		comms[c].ID, comms[c].Papers, comms[c].Colour = c, len(ms), CommunityColour(c)
		if comms[c].Label == "" && len(ms) > 0 {
			comms[c].Label = g.nodes[ms[0]].Label
		}
	}
	for i := range g.nodes {
		if c := g.nodes[i].Community; c >= 0 {
			g.nodes[i].CommunityLabel = comms[c].Label
		}
	}
	g.comms = comms
}
