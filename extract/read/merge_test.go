package read

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/extract"
)

func TestMergeRules(t *testing.T) {
	tests := []struct {
		name   string
		in     []extract.Paper
		groups [][]int // indexes of in that end up as one paper, in output order
		stats  MergeStats
	}{
		{"arXiv id",
			[]extract.Paper{{Title: "A", ArXiv: "2401.00001"}, {Title: "Other title", ArXiv: "2401.00001"}},
			[][]int{{0, 1}}, MergeStats{In: 2, Out: 1, Merged: 1, ByArXiv: 1}},
		{"old-style arXiv id",
			[]extract.Paper{{Title: "A", ArXiv: "hep-th/9901001"}, {Title: "B", ArXiv: "hep-th/9901001"}, {Title: "C", ArXiv: "hep-th/9901002"}},
			[][]int{{0, 1}, {2}}, MergeStats{In: 3, Out: 2, Merged: 1, ByArXiv: 1}},
		{"arXiv DOI given as DOI",
			[]extract.Paper{{Title: "A", DOI: "10.48550/arxiv.2401.00001"}, {Title: "B", ArXiv: "2401.00001"}},
			[][]int{{0, 1}}, MergeStats{In: 2, Out: 1, Merged: 1, ByArXiv: 1}},
		{"DOI",
			[]extract.Paper{{Title: "A", DOI: "10.1000/xyz"}, {Title: "B", DOI: "10.1000/xyz", ArXiv: "2401.00001"}},
			[][]int{{0, 1}}, MergeStats{In: 2, Out: 1, Merged: 1, ByDOI: 1}},
		{"DOI but different arXiv ids",
			[]extract.Paper{{Title: "A", DOI: "10.1000/xyz", ArXiv: "2401.00001"}, {Title: "B", DOI: "10.1000/xyz", ArXiv: "2401.00002"}},
			[][]int{{0}, {1}}, MergeStats{In: 2, Out: 2}},
		{"title",
			[]extract.Paper{{Title: "Attention Is All You Need"}, {Title: "attention is all you need."}, {Title: "Attention is all you need!", ArXiv: "1706.03762"}},
			[][]int{{0, 1, 2}}, MergeStats{In: 3, Out: 1, Merged: 2, ByTitle: 2}},
		{"title but different arXiv ids",
			[]extract.Paper{{Title: "A Survey of Large Language Models", ArXiv: "2303.18223"}, {Title: "A Survey of Large Language Models", ArXiv: "2402.06196"}},
			[][]int{{0}, {1}}, MergeStats{In: 2, Out: 2}},
		{"title but different DOIs",
			[]extract.Paper{{Title: "A Survey of Large Language Models", DOI: "10.1/a"}, {Title: "A Survey of Large Language Models", DOI: "10.1/b"}},
			[][]int{{0}, {1}}, MergeStats{In: 2, Out: 2}},
		{"source ids",
			[]extract.Paper{{Title: "A", OpenAlex: "W1"}, {Title: "B", S2: "abc"}, {Title: "C", OpenAlex: "W1", S2: "abc"}, {Title: "D", OpenAlex: "W2"}},
			[][]int{{0, 1, 2}, {3}}, MergeStats{In: 4, Out: 2, Merged: 2, BySourceID: 2}},
		{"short generic title is no identity",
			[]extract.Paper{{Title: "Introduction"}, {Title: "Introduction"}},
			[][]int{{0}, {1}}, MergeStats{In: 2, Out: 2}},
		{"transitive through a record with both keys",
			[]extract.Paper{{Title: "Deep Residual Learning for Image Recognition"}, {Title: "x", ArXiv: "1512.03385"}, {Title: "Z", DOI: "10.1109/cvpr.2016.90"}, {Title: "Deep residual learning for image recognition", ArXiv: "1512.03385", DOI: "10.1109/CVPR.2016.90"}},
			[][]int{{0, 1, 2, 3}}, MergeStats{In: 4, Out: 1, Merged: 3, ByArXiv: 1, ByDOI: 1, ByTitle: 1}},
		{"first-seen order kept",
			[]extract.Paper{{Title: "P one", ArXiv: "2401.00001"}, {Title: "P two", ArXiv: "2401.00002"}, {Title: "P one again", ArXiv: "2401.00001"}, {Title: "P three", ArXiv: "2401.00003"}},
			[][]int{{0, 2}, {1}, {3}}, MergeStats{In: 4, Out: 3, Merged: 1, ByArXiv: 1}},
		{"empty", nil, [][]int{}, MergeStats{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i := range tc.in {
				tc.in[i].Pos.Record = i
			}
			got, st := Merge(tc.in)
			assert.Equal(t, tc.stats, st)
			require.Len(t, got, len(tc.groups))
			for g, members := range tc.groups {
				assert.Equal(t, members[0], got[g].Pos.Record, "group %d starts with its first-seen record", g)
				assert.Equal(t, tc.in[members[0]].Title, got[g].Title)
			}
		})
	}
}

func TestMergeKeepsRichestFields(t *testing.T) {
	in := []extract.Paper{
		{ID: "hf", Title: "SkyReels-V2: Infinite-length Film Generative Model", Abstract: "short", ArXiv: "2504.13074",
			Authors: []string{"G. Chen"}, Links: []extract.Link{{URL: "https://github.com/SkyworkAI/SkyReels-V2", Source: "githubRepo"}}},
		{ID: "W1", Title: "SkyReels-V2: infinite-length film generative model", Abstract: "a much longer abstract", OpenAlex: "W1", Year: 2025,
			Authors: []string{"Guibin Chen", "Dixuan Lin"}, Refs: []extract.Ref{{OpenAlex: "W9", Source: "referenced_works"}},
			Entities: []extract.Entity{{Kind: extract.KindModel, Name: "SkyReels-V2"}}},
		{ID: "s2", Title: "SkyReels V2", ArXiv: "2504.13074", S2: "abc", DOI: "10.1/sky", URL: "https://s2/abc",
			Links: []extract.Link{{URL: "http://github.com/skyworkai/skyreels-v2/", Source: "comments"}, {URL: "https://www.skyreels.ai", Source: "projectPage"}},
			Refs:  []extract.Ref{{OpenAlex: "W9"}, {ArXiv: "1706.03762"}}},
	}
	got, st := Merge(in)
	require.Len(t, got, 1)
	assert.Equal(t, 2, st.Merged)
	p := got[0]
	assert.Equal(t, "hf", p.ID)
	assert.Equal(t, in[0].Title, p.Title)
	assert.Equal(t, "a much longer abstract", p.Abstract)
	assert.Equal(t, in[1].Entities, p.Entities, "entities follow the abstract they index")
	assert.Equal(t, "2504.13074", p.ArXiv)
	assert.Equal(t, "W1", p.OpenAlex)
	assert.Equal(t, "abc", p.S2)
	assert.Equal(t, "10.1/sky", p.DOI)
	assert.Equal(t, 2025, p.Year)
	assert.Equal(t, "https://s2/abc", p.URL)
	assert.Equal(t, []string{"Guibin Chen", "Dixuan Lin"}, p.Authors)
	assert.Equal(t, []extract.Link{{URL: "https://github.com/SkyworkAI/SkyReels-V2", Source: "githubRepo"}, {URL: "https://www.skyreels.ai", Source: "projectPage"}}, p.Links)
	assert.Equal(t, []extract.Ref{{OpenAlex: "W9", Source: "referenced_works"}, {ArXiv: "1706.03762"}}, p.Refs)
	assert.Len(t, in[0].Links, 1, "inputs are not modified")
	assert.Len(t, in[0].Authors, 1, "inputs are not modified")
}

// TestMergeFixtures reads every fixture, as a user mixing formats in one
// run would, and checks which papers the merge recognises as one.
func TestMergeFixtures(t *testing.T) {
	var all []extract.Paper
	for _, fx := range fixtures {
		papers, _, _ := readFixture(t, fx.file)
		all = append(all, papers...)
	}
	merged, st := Merge(all)
	assert.Equal(t, len(all), st.In)
	assert.Equal(t, len(all)-len(merged), st.Merged)
	byTitle := map[string]extract.Paper{}
	var got []string
	for _, p := range merged {
		got = append(got, p.Title)
		byTitle[p.Title] = p
	}
	assert.Equal(t, []string{
		"SkyReels-V2: Infinite-length Film Generative Model",
		"Attention Is All You Need",
		`Short & <Sweet>: A "Quoted" Title`,
		"Deep Residual Learning for Image Recognition",
		"BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
		"A Paper & Its Missing Abstract",
		"Numbers as Identifiers: A Loosely Typed Export",
		"Learning Transferable Visual Models From Natural Language Supervision",
		"Entropy of $AdS_3$ Black Holes and the Cardy Formula & More",
		"Open Problems in Graph Learning: a Survey",
		"Über die Effizienz von α-Netzen: Café, Garçon & Škoda",
		`A "Quoted" Title, With Commas`,
		"Graph Neural Networks: A Review of Methods and Applications",
	}, got)

	att := byTitle["Attention Is All You Need"]
	assert.Equal(t, "1706.03762", att.ArXiv)
	assert.Equal(t, "W2963403868", att.OpenAlex, "the OpenAlex record without an arXiv id joined by title")
	assert.Equal(t, "204e3073870fae3d05bcbc2f6a8e263d9b72e776", att.S2)
	assert.Contains(t, att.Links, extract.Link{URL: "https://github.com/tensorflow/tensor2tensor", Source: "comments"})

	res := byTitle["Deep Residual Learning for Image Recognition"]
	assert.Equal(t, "1512.03385", res.ArXiv)
	assert.Equal(t, "10.1109/cvpr.2016.90", res.DOI)
	assert.Equal(t, "W2194775991", res.OpenAlex)
	assert.Equal(t, []string{"Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"}, res.Authors)

	bert := byTitle["BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"]
	assert.Equal(t, "10.18653/v1/n19-1423", bert.DOI)
	assert.Contains(t, bert.Refs, extract.Ref{ArXiv: "1706.03762", Title: "Attention is All you Need", Source: "references"})

	clip := byTitle["Learning Transferable Visual Models From Natural Language Supervision"]
	assert.Equal(t, "W3135367836", clip.OpenAlex)
	assert.Equal(t, []extract.Link{{URL: "https://github.com/openai/CLIP", Source: "githubRepo"}}, clip.Links)
	assert.Len(t, clip.Refs, 3)

	// Determinism: merging again gives the same papers.
	again, _ := Merge(all)
	assert.Equal(t, fmt.Sprint(merged), fmt.Sprint(again))
}

// FuzzMerge builds papers from fuzz input (one per line: title|arxiv|doi)
// and checks Merge's invariants: counts add up, every id survives, order
// and output are deterministic, and the inputs are not changed.
func FuzzMerge(f *testing.F) {
	f.Add("Attention Is All You Need|1706.03762|\nattention is all you need||10.1/x\nOther Paper Title Here||10.1/X")
	f.Add("a b c d e f g h|hep-th/9901001v2|\nA B C D E F G H|hep-th/9901001|10.48550/arXiv.9901.00001")
	f.Fuzz(func(t *testing.T, s string) {
		var in []extract.Paper
		for i, line := range strings.Split(s, "\n") {
			parts := strings.SplitN(line+"||", "|", 3)
			p := extract.Paper{Title: parts[0], Pos: extract.Pos{Record: i + 1}}
			setIDs(&p, parts[1])
			setIDs(&p, strings.TrimSuffix(parts[2], "||"))
			in = append(in, p)
		}
		before := fmt.Sprint(in)
		out, st := Merge(in)
		again, st2 := Merge(in)
		if fmt.Sprint(out) != fmt.Sprint(again) || st != st2 {
			t.Fatal("Merge is not deterministic")
		}
		if fmt.Sprint(in) != before {
			t.Fatal("Merge changed its input")
		}
		if st.In != len(in) || st.Out != len(out) || st.Merged != st.In-st.Out || st.ByArXiv+st.ByDOI+st.BySourceID+st.ByTitle != st.Merged {
			t.Fatalf("bad stats %+v for %d in, %d out", st, len(in), len(out))
		}
		last := 0
		for _, p := range out {
			if p.Pos.Record <= last {
				t.Fatal("output not in first-seen order")
			}
			last = p.Pos.Record
		}
		for _, p := range in {
			if p.ArXiv != "" && !anyHas(out, p.ArXiv) {
				t.Fatalf("arXiv id %s lost", p.ArXiv)
			}
		}
	})
}

func anyHas(ps []extract.Paper, arxiv string) bool {
	for _, p := range ps {
		if p.ArXiv == arxiv {
			return true
		}
	}
	return false
}
