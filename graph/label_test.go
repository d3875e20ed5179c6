package graph

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// topicBatch: every paper of 1–12 names ImageNet; papers 1–6 also name COCO
// and 1–4 LVIS (a detection cluster); papers 7–12 name SQuAD and 7–10 GLUE
// (a language cluster); paper 13 names nothing.
func topicBatch() []papergraph.Paper {
	var ps []papergraph.Paper
	for i := 1; i <= 13; i++ {
		p := pp(fmt.Sprintf("2401.%05d", i))
		if i <= 12 {
			p.Entities = append(p.Entities, ds("ImageNet"))
		}
		switch {
		case i <= 4:
			p.Entities = append(p.Entities, ds("COCO"), ds("LVIS"))
		case i <= 6:
			p.Entities = append(p.Entities, ds("COCO"))
		case i <= 10:
			p.Entities = append(p.Entities, ds("SQuAD"), ds("GLUE"))
		case i <= 12:
			p.Entities = append(p.Entities, ds("SQuAD"))
		}
		ps = append(ps, p)
	}
	return ps
}

func TestCommunityLabels(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprintf("shuffle %d", seed), func(t *testing.T) {
			g := build(t, shuffled(topicBatch(), seed), Options{})
			cs := g.Communities()
			require.Len(t, cs, 2)
			byLabel := map[string]Community{}
			for _, c := range cs {
				byLabel[c.Label] = c
			}
			// ImageNet, named by the whole batch, names neither: the
			// over-represented artifacts do, the rarer (higher score) first.
			det, ok := byLabel["LVIS, COCO"]
			require.True(t, ok, "labels: %v", cs)
			lang, ok := byLabel["GLUE, SQuAD"]
			require.True(t, ok, "labels: %v", cs)
			assert.Equal(t, 6, det.Papers)
			assert.Equal(t, 6, lang.Papers)
			assert.Equal(t, []string{"dataset:lvis", "dataset:coco", "dataset:imagenet"}, det.TopArtifacts)
			assert.Equal(t, []string{"dataset:glue", "dataset:squad", "dataset:imagenet"}, lang.TopArtifacts)
			assert.Len(t, det.TopPapers, 5)
			for _, c := range cs {
				assert.Equal(t, CommunityColours[c.ID], c.Colour)
				size := 0
				for _, n := range g.Nodes() {
					if n.Community == c.ID {
						size++
						assert.Equal(t, c.Label, n.CommunityLabel, n.ID)
					}
				}
				assert.Equal(t, size, c.Size)
			}
			p13, _ := g.Node("paper:2401.00013")
			assert.Equal(t, -1, p13.Community, "a paper with no link is in no community")
			assert.Empty(t, p13.CommunityLabel)
		})
	}
}

func TestCommunityLabelFallbacks(t *testing.T) {
	// Two papers joined only by a citation: no artifact named twice, so the
	// community is labelled by its top paper.
	ps := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "Paper one", Name: "One", Refs: []papergraph.Ref{{ArXiv: "2401.00002"}}, Entities: []papergraph.Entity{ds("x")}},
		{ArXiv: "2401.00002", Title: "Paper two", Name: "Two"},
	}
	g := build(t, ps, Options{})
	cs := g.Communities()
	require.Len(t, cs, 1)
	top, _ := g.Node(cs[0].TopPapers[0])
	assert.Equal(t, top.Label, cs[0].Label)
	assert.Equal(t, []string{"dataset:x"}, cs[0].TopArtifacts, "listed, though named once")
	assert.Nil(t, build(t, ps, Options{NoCommunities: true}).Communities())
}

func TestCommunityColour(t *testing.T) {
	assert.Equal(t, "#0072b2", CommunityColour(0))
	assert.Equal(t, OtherColour, CommunityColour(-1))
	assert.Equal(t, OtherColour, CommunityColour(len(CommunityColours)))
}

// TestAnalysisDeterministic builds a batch large enough for sampled
// betweenness (the budget lowered) with one and with four workers and
// GOMAXPROCS: every new column and the communities are identical.
func TestAnalysisDeterministic(t *testing.T) {
	defer func(b int64) { betweennessBudget = b }(betweennessBudget)
	betweennessBudget = 1 << 20
	papers := synthetic(3000, 5)
	var gs []*Graph
	for _, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		g, err := Build(shuffled(papers, uint64(procs)), Options{Workers: procs, Seed: 3})
		runtime.GOMAXPROCS(prev)
		require.NoError(t, err)
		gs = append(gs, g)
	}
	require.Less(t, gs[0].Stats().BetweennessSources, len(gs[0].Nodes()), "sampled")
	require.Equal(t, gs[0].Stats(), gs[1].Stats())
	require.Equal(t, gs[0].Communities(), gs[1].Communities())
	a, b := gs[0].Nodes(), gs[1].Nodes()
	require.Equal(t, len(a), len(b))
	for i := range a {
		assert.Equal(t, a[i].ID, b[i].ID)
		assert.Equal(t, a[i].Degree, b[i].Degree, a[i].ID)
		assert.Equal(t, a[i].Strength, b[i].Strength, a[i].ID)
		assert.Equal(t, a[i].PageRank, b[i].PageRank, a[i].ID)
		assert.Equal(t, a[i].Betweenness, b[i].Betweenness, a[i].ID)
		assert.Equal(t, a[i].CitedBy, b[i].CitedBy, a[i].ID)
		assert.Equal(t, a[i].Community, b[i].Community, a[i].ID)
		assert.Equal(t, a[i].CommunityLabel, b[i].CommunityLabel, a[i].ID)
	}
}

// BenchmarkNameCommunities names the communities of the default build of
// 20,000 synthetic papers, once per iteration.
func BenchmarkNameCommunities(b *testing.B) {
	g, err := Build(synthetic(20_000, 1), Options{})
	require.NoError(b, err)
	k := len(g.comms)
	b.ReportAllocs()
	for b.Loop() {
		for i := range g.nodes {
			g.nodes[i].CommunityLabel = ""
		}
		g.comms = nil
		g.nameCommunities(k)
	}
}
