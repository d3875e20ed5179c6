package graph

import (
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCites(t *testing.T) {
	target := func() papergraph.Paper {
		return papergraph.Paper{ArXiv: "2401.00002", DOI: "10.1000/b", OpenAlex: "W2", S2: "s2b", Title: "B: a system"}
	}
	citing := func(abstract string, refs ...papergraph.Ref) papergraph.Paper {
		return papergraph.Paper{ArXiv: "2401.00001", Title: "A", Abstract: abstract, Refs: refs}
	}
	const a, b = "paper:2401.00001", "paper:2401.00002"
	tests := []struct {
		name   string
		papers []papergraph.Paper
		want   []string // "source target" of cites edges
		ev     string   // evidence of the first cites edge
	}{
		{"arxiv ref in abstract", []papergraph.Paper{citing("see arXiv:2401.00002", papergraph.Ref{ArXiv: "2401.00002", Surface: "arXiv:2401.00002", Start: 4, End: 20, Source: "abstract"}), target()},
			[]string{a + " " + b}, `ref arxiv:2401.00002 "arXiv:2401.00002" @4`},
		{"doi ref, any case", []papergraph.Paper{citing("", papergraph.Ref{DOI: "10.1000/B"}), target()},
			[]string{a + " " + b}, "ref doi:10.1000/b"},
		{"openalex referenced_works", []papergraph.Paper{citing("", papergraph.Ref{OpenAlex: "W2", Source: "referenced_works"}), target()},
			[]string{a + " " + b}, "ref openalex:W2 in referenced_works"},
		{"semantic scholar", []papergraph.Paper{citing("", papergraph.Ref{S2: "s2b", Source: "references"}), target()},
			[]string{a + " " + b}, "ref s2:s2b in references"},
		{"several refs, one edge", []papergraph.Paper{citing("", papergraph.Ref{S2: "s2b"}, papergraph.Ref{ArXiv: "2401.00002"}, papergraph.Ref{S2: "s2b"}), target()},
			[]string{a + " " + b}, "ref s2:s2b; ref arxiv:2401.00002"},
		{"self reference", []papergraph.Paper{citing("", papergraph.Ref{ArXiv: "2401.00001"}), target()}, nil, ""},
		{"unresolved reference alone adds nothing", []papergraph.Paper{citing("", papergraph.Ref{ArXiv: "2401.09999"}), target()}, nil, ""},
		{"reference to itself by name", []papergraph.Paper{func() papergraph.Paper {
			p := citing("")
			p.Refs = []papergraph.Ref{{Paper: "paper:2401.00001", Surface: "XNet-2", Start: 4, End: 10, Source: "abstract"}}
			return p
		}(), target()}, nil, ""},
		{"name ref", []papergraph.Paper{citing("", papergraph.Ref{Paper: "paper:2401.00002", Surface: "b", Start: 3, End: 4, Source: "title"}), target()},
			[]string{a + " " + b}, `names "b" @3 in title (system name of paper:2401.00002)`},
		{"name ref to an unknown paper", []papergraph.Paper{citing("", papergraph.Ref{Paper: "paper:2401.09999", Surface: "B", Start: 3, End: 4}), target()}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(t, tt.papers, Options{})
			cs := edgesOf(g, Cites)
			assert.Equal(t, tt.want, nilIfEmpty(pairsOf(cs)))
			assert.Equal(t, len(tt.want), g.Stats().Cites)
			if len(cs) > 0 {
				assert.Equal(t, tt.ev, cs[0].Evidence)
				assert.Equal(t, 1.0, cs[0].Weight)
			}
		})
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestCitesByName(t *testing.T) {
	named := func(name string) papergraph.Paper {
		return papergraph.Paper{ArXiv: "2401.00002", Title: name + ": a system", Name: name}
	}
	abstract := func(text string, ents ...papergraph.Entity) papergraph.Paper {
		return papergraph.Paper{ArXiv: "2401.00001", Title: "A", Abstract: text, Entities: ents}
	}
	tests := []struct {
		name   string
		papers []papergraph.Paper
		ev     string // evidence, "" for no citation
	}{
		{"system name", []papergraph.Paper{abstract("We compare with DeepSeek-R1."), named("DeepSeek-R1")},
			`names "DeepSeek-R1" @16 (system name of paper:2401.00002)`},
		{"long distinctive name in other case", []papergraph.Paper{abstract("unlike deepseek-r1, ours"), named("DeepSeek-R1")},
			`names "DeepSeek-R1" @7 (system name of paper:2401.00002)`},
		{"short name exact case", []papergraph.Paper{abstract("Built on ViT, we"), named("ViT")},
			`names "ViT" @9 (system name of paper:2401.00002)`},
		{"short name other case", []papergraph.Paper{abstract("a vit and Vit"), named("ViT")}, ""},
		{"short name with lower-case suffix", []papergraph.Paper{abstract("our ViT-based model"), named("ViT")},
			`names "ViT" @4 (system name of paper:2401.00002)`},
		{"followed by hyphen and digit", []papergraph.Paper{abstract("we use ViT-2 here"), named("ViT")}, ""},
		{"followed by hyphen and capital", []papergraph.Paper{abstract("we use ViT-HQ here"), named("ViT")}, ""},
		{"inside a compound", []papergraph.Paper{abstract("we use Grounded-ViT here"), named("ViT")}, ""},
		{"inside a word", []papergraph.Paper{abstract("ViTAL and xViT"), named("ViT")}, ""},
		{"followed by a dot and word", []papergraph.Paper{abstract("see ViT.cpp"), named("ViT")}, ""},
		{"end of sentence", []papergraph.Paper{abstract("We beat ViT."), named("ViT")},
			`names "ViT" @8 (system name of paper:2401.00002)`},
		{"all-capital acronym never matches", []papergraph.Paper{abstract("Built on SAM, we"), named("SAM")}, ""},
		{"plain capitalised word never matches", []papergraph.Paper{abstract("Diffusion is great"), named("Diffusion")}, ""},
		{"two-letter name never matches", []papergraph.Paper{abstract("we use XL here"), named("XL")}, ""},
		{"multi-word name", []papergraph.Paper{abstract("as in Zorp Noise, we"), named("Zorp Noise")}, ""},
		{"multi-word name with a distinctive word", []papergraph.Paper{abstract("as in Zorp LLMs, we"), named("Zorp LLMs")},
			`names "Zorp LLMs" @6 (system name of paper:2401.00002)`},
		{"multi-word name other case", []papergraph.Paper{abstract("as in zorp llms, we"), named("Zorp LLMs")}, ""},
		{"name that is a word in lower case", []papergraph.Paper{abstract("we propose a method"), named("ProPose")}, ""},
		{"introduced artifact named in text", []papergraph.Paper{abstract("Tested on FooBench-2."),
			{ArXiv: "2401.00002", Title: "B", Entities: []papergraph.Entity{{Kind: papergraph.KindBenchmark, Name: "FooBench-2", Surface: "FooBench-2", Rule: "pattern", Introduced: true}}}},
			`names "FooBench-2" @10 (benchmark:foobench-2 introduced by paper:2401.00002)`},
		{"introduced artifact named as an entity", []papergraph.Paper{abstract("Tested on foobench.", papergraph.Entity{Kind: papergraph.KindBenchmark, Name: "FooBench", Surface: "foobench", Start: 10, End: 18, Rule: "gazetteer"}),
			{ArXiv: "2401.00002", Title: "B", Entities: []papergraph.Entity{{Kind: papergraph.KindBenchmark, Name: "FooBench", Surface: "FooBench", Rule: "pattern", Introduced: true}}}},
			`names benchmark:foobench introduced by it (gazetteer: "foobench" @10)`},
		{"short introduced artifact spelled differently", []papergraph.Paper{abstract("on abc", papergraph.Entity{Kind: papergraph.KindDataset, Name: "abc", Surface: "abc", Start: 3, End: 6, Rule: "gazetteer"}),
			{ArXiv: "2401.00002", Title: "B", Entities: []papergraph.Entity{{Kind: papergraph.KindDataset, Name: "ABC", Surface: "ABC", Rule: "pattern", Introduced: true}}}},
			""},
		{"system name in the title", []papergraph.Paper{{ArXiv: "2401.00001", Title: "Distilling DeepSeek-R1 cheaply"}, named("DeepSeek-R1")},
			`names "DeepSeek-R1" @11 in title (system name of paper:2401.00002)`},
		{"name claimed by two papers", []papergraph.Paper{abstract("We compare with XNet-1."), named("XNet-1"),
			{ArXiv: "2401.00003", Title: "XNet-1 too", Name: "XNet-1"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The names in the text are found by extraction's batch pass;
			// the graph turns its refs into citations.
			extract.NameRefs(tt.papers)
			for i := range tt.papers {
				tt.papers[i].DropAbstract()
			}
			g := build(t, tt.papers, Options{})
			e, ok := g.Edge("paper:2401.00001", "paper:2401.00002", Cites)
			if tt.ev == "" {
				assert.False(t, ok, "unexpected citation: %+v", e)
				assert.Empty(t, edgesOf(g, Cites))
				return
			}
			require.True(t, ok, "no citation in %v", g.Edges())
			assert.Equal(t, tt.ev, e.Evidence)
			assert.Len(t, edgesOf(g, Cites), 1)
		})
	}
}

func TestExternalWorks(t *testing.T) {
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "P1", Refs: []papergraph.Ref{{OpenAlex: "W9", Title: "Attention Is All You Need", Source: "referenced_works"}, {ArXiv: "2301.00005"}}},
		{ArXiv: "2401.00002", Title: "P2", Refs: []papergraph.Ref{{OpenAlex: "W9", Source: "referenced_works"}, {ArXiv: "2301.00005"}, {DOI: "10.5/once"}}},
		{ArXiv: "2401.00003", Title: "P3", Refs: []papergraph.Ref{{OpenAlex: "W8"}}},
	}
	tests := []struct {
		name      string
		minCocite int
		want      []string
	}{
		{"default: cited by two", 0, []string{"paper:2301.00005", "paper:openalex:W9"}},
		{"cited once is enough", 1, []string{"paper:2301.00005", "paper:doi:10.5/once", "paper:openalex:W8", "paper:openalex:W9"}},
		{"three needed", 3, nil},
		{"none", -1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(t, papers, Options{MinCocite: tt.minCocite})
			var got []string
			for _, n := range g.Nodes() {
				if n.External {
					got = append(got, n.ID)
				}
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, len(tt.want), g.Stats().External)
			assert.Equal(t, 3, g.Stats().Papers)
		})
	}
	g := build(t, papers, Options{})
	w9, ok := g.Node("paper:openalex:W9")
	require.True(t, ok)
	assert.Equal(t, Node{ID: "paper:openalex:W9", Kind: papergraph.KindPaper, Label: "Attention Is All You Need", Title: "Attention Is All You Need",
		URL: "https://openalex.org/W9", External: true, Papers: 2, Degree: 2, Strength: 2, Community: w9.Community,
		CommunityLabel: w9.CommunityLabel, PageRank: w9.PageRank, Betweenness: w9.Betweenness, CitedBy: 2}, w9)
	ax, _ := g.Node("paper:2301.00005")
	assert.Equal(t, "arxiv:2301.00005", ax.Label)
	assert.Equal(t, "2301.00005", ax.ArXiv)
	assert.Equal(t, "https://arxiv.org/abs/2301.00005", ax.URL)
	e, ok := g.Edge("paper:2401.00001", "paper:openalex:W9", Cites)
	require.True(t, ok)
	assert.Equal(t, "ref openalex:W9 in referenced_works", e.Evidence)
	// Bibliographic coupling: P1 and P2 share both cited works.
	s, ok := g.Edge("paper:2401.00002", "paper:2401.00001", Shares)
	require.True(t, ok)
	assert.Equal(t, []string{"paper:2301.00005", "paper:openalex:W9"}, s.Shared)
	assert.InDelta(t, 2*0.9162907318741551, s.Weight, weightTol, "2 × ln(1 + 3/2)")
	assert.NotEqual(t, -1, w9.Community)
}

func TestExternalInputPapers(t *testing.T) {
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "P1", Refs: []papergraph.Ref{{DOI: "10.9/ext"}}},
		{DOI: "10.9/ext", Title: "An older work", External: true, Entities: []papergraph.Entity{ds("ignored")}},
	}
	g := build(t, papers, Options{})
	n, ok := g.Node("paper:doi:10.9/ext")
	require.True(t, ok)
	assert.True(t, n.External)
	assert.Equal(t, 1, n.Papers)
	assert.Equal(t, "https://doi.org/10.9/ext", n.URL)
	_, ok = g.Edge("paper:2401.00001", "paper:doi:10.9/ext", Cites)
	assert.True(t, ok)
	// One batch paper and the work it cites make no community (it takes two
	// batch papers); betweenness is exact, from both nodes.
	assert.Equal(t, Stats{Papers: 1, External: 1, Cites: 1, MaxDF: DefaultMaxDFMin, TopK: DefaultTopK, BetweennessSources: 2}, g.Stats())
	assert.Equal(t, 1, n.CitedBy)
}

func TestMalformedRefIDs(t *testing.T) {
	// "doi:10.1/x" in an arXiv field names the same node as DOI 10.1/x.
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "P1", Refs: []papergraph.Ref{{ArXiv: "doi:10.1/x"}, {DOI: "10.1/x"}}},
		{ArXiv: "2401.00002", Title: "P2", Refs: []papergraph.Ref{{ArXiv: "doi:10.1/x"}, {DOI: "10.1/x"}}},
		{ArXiv: "2401.00003", Title: "P3", Refs: []papergraph.Ref{{OpenAlex: "2401.00001"}, {S2: ""}, {}}},
	}
	g := build(t, papers, Options{})
	checkInvariants(t, g)
	n, ok := g.Node("paper:doi:10.1/x")
	require.True(t, ok)
	assert.True(t, n.External)
	assert.Equal(t, 1, g.Stats().External)
	e, ok := g.Edge("paper:2401.00001", "paper:doi:10.1/x", Cites)
	require.True(t, ok)
	assert.Equal(t, "ref arxiv:doi:10.1/x; ref doi:10.1/x", e.Evidence, "one edge with both pieces of evidence")
	_, ok = g.Edge("paper:2401.00003", "paper:2401.00001", Cites)
	assert.False(t, ok, "an OpenAlex id is only matched against OpenAlex ids")
}
