package read

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/papergraph/papergraph"
)

// TestMergeFixtures reads every fixture, as a user mixing formats in one
// run would, and checks which papers the merge recognises as one.
func TestMergeFixtures(t *testing.T) {
	var all []papergraph.Paper
	for _, fx := range fixtures {
		papers, _, _ := readFixture(t, fx.file)
		all = append(all, papers...)
	}
	merged, st := papergraph.Merge(all)
	assert.Equal(t, len(all), st.In)
	assert.Equal(t, len(all)-len(merged), st.Merged)
	byTitle := map[string]papergraph.Paper{}
	var got []string
	for _, p := range merged {
		got = append(got, p.Title)
		byTitle[p.Title] = p
	}
	assert.Equal(t, []string{
		"SkyReels-V2: Infinite-length Film Generative Model",
		"Attention is All you Need", // the Semantic Scholar record's: the richest (Merge's rule)
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

	att := byTitle["Attention is All you Need"]
	assert.Equal(t, "1706.03762", att.ArXiv)
	assert.Equal(t, "W2963403868", att.OpenAlex, "the OpenAlex record without an arXiv id joined by title")
	assert.Equal(t, "204e3073870fae3d05bcbc2f6a8e263d9b72e776", att.S2)
	assert.Contains(t, att.Links, papergraph.Link{URL: "https://github.com/tensorflow/tensor2tensor", Source: "comments"})

	res := byTitle["Deep Residual Learning for Image Recognition"]
	assert.Equal(t, "1512.03385", res.ArXiv)
	assert.Equal(t, "10.1109/cvpr.2016.90", res.DOI)
	assert.Equal(t, "W2194775991", res.OpenAlex)
	assert.Equal(t, []string{"Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"}, res.Authors)

	bert := byTitle["BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"]
	assert.Equal(t, "10.18653/v1/n19-1423", bert.DOI)
	assert.Contains(t, bert.Refs, papergraph.Ref{ArXiv: "1706.03762", Title: "Attention is All you Need", Source: "references"})

	clip := byTitle["Learning Transferable Visual Models From Natural Language Supervision"]
	assert.Equal(t, "W3135367836", clip.OpenAlex)
	assert.Equal(t, []papergraph.Link{{URL: "https://github.com/openai/CLIP", Source: "githubRepo"}}, clip.Links)
	assert.Len(t, clip.Refs, 3)

	// Determinism: merging again gives the same papers.
	again, _ := papergraph.Merge(all)
	assert.Equal(t, fmt.Sprint(merged), fmt.Sprint(again))
}
