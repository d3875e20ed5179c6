package render

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// sampleGraph builds a graph shaped like the trending-page sample: papers
// papers and about 2.5 entities per paper, each paper naming 3–6 of them
// with a few popular hubs, shares edges between papers naming a common
// entity and a few citations. It is deterministic for a given size.
func sampleGraph(tb testing.TB, papers, entities int) *graph.Graph {
	tb.Helper()
	rng := rand.New(rand.NewPCG(uint64(papers), uint64(entities)))
	gb := graph.NewBuilder()
	words := strings.Fields("diffusion vision language model agent reasoning video token sparse attention reward robot " +
		"benchmark scaling latent retrieval speech graph multimodal efficient long context alignment")
	for i := 0; i < papers; i++ {
		name := fmt.Sprintf("%s-%d", strings.ToUpper(words[i%len(words)][:1])+words[i%len(words)][1:], i)
		title := fmt.Sprintf("%s: %s %s for %s %s", name, words[rng.IntN(len(words))], words[rng.IntN(len(words))],
			words[rng.IntN(len(words))], words[rng.IntN(len(words))])
		require.NoError(tb, gb.AddNode(graph.Node{ID: fmt.Sprintf("paper:2501.%05d", i), Kind: papergraph.KindPaper,
			Label: name, Title: title, URL: fmt.Sprintf("https://arxiv.org/abs/2501.%05d", i), Community: -1}))
	}
	kinds := []papergraph.Kind{papergraph.KindRepo, papergraph.KindURL, papergraph.KindDataset, papergraph.KindBenchmark, papergraph.KindModel}
	var ents []string
	for i := 0; i < entities; i++ {
		k := kinds[i%len(kinds)]
		label := fmt.Sprintf("%s-%s-%d", words[rng.IntN(len(words))], words[rng.IntN(len(words))], i)
		n := graph.Node{ID: fmt.Sprintf("%s:%s", k, label), Kind: k, Label: label, Title: label, Community: -1}
		switch k {
		case papergraph.KindRepo:
			n.Label = "github.com/lab/" + label
			n.URL = "https://" + n.Label
		case papergraph.KindURL:
			n.Label = label + ".github.io"
			n.URL = "https://" + n.Label
		}
		require.NoError(tb, gb.AddNode(n))
		ents = append(ents, n.ID)
	}
	naming := map[string][]int{}
	for i := 0; i < papers; i++ {
		seen := map[string]bool{}
		// Every artifact is named by some paper, as in a built graph.
		for e := i; e < len(ents); e += papers {
			seen[ents[e]] = true
			naming[ents[e]] = append(naming[ents[e]], i)
			require.NoError(tb, gb.AddEdge(graph.Edge{Source: fmt.Sprintf("paper:2501.%05d", i), Target: ents[e],
				Relation: graph.Mentions, Weight: 1}))
		}
		for j := 0; j < 3+rng.IntN(4); j++ {
			// A few hubs are named by many papers.
			var e string
			if rng.IntN(4) == 0 {
				e = ents[rng.IntN(min(8, len(ents)))]
			} else {
				e = ents[rng.IntN(len(ents))]
			}
			if seen[e] {
				continue
			}
			seen[e] = true
			naming[e] = append(naming[e], i)
			require.NoError(tb, gb.AddEdge(graph.Edge{Source: fmt.Sprintf("paper:2501.%05d", i), Target: e,
				Relation: graph.Mentions, Weight: 1}))
		}
		if i > 0 && rng.IntN(5) == 0 {
			require.NoError(tb, gb.AddEdge(graph.Edge{Source: fmt.Sprintf("paper:2501.%05d", i),
				Target: fmt.Sprintf("paper:2501.%05d", rng.IntN(i)), Relation: graph.Cites, Weight: 1}))
		}
	}
	pairs := map[[2]int]float64{}
	for _, ps := range naming {
		if len(ps) < 2 || len(ps) > 6 {
			continue
		}
		for a := 0; a < len(ps); a++ {
			for b := a + 1; b < len(ps); b++ {
				pairs[[2]int{min(ps[a], ps[b]), max(ps[a], ps[b])}] += 1 / float64(len(ps)-1)
			}
		}
	}
	for i := 0; i < papers; i++ {
		for j := i + 1; j < papers; j++ {
			if w, ok := pairs[[2]int{i, j}]; ok {
				require.NoError(tb, gb.AddEdge(graph.Edge{Source: fmt.Sprintf("paper:2501.%05d", i),
					Target: fmt.Sprintf("paper:2501.%05d", j), Relation: graph.Shares, Weight: w}))
			}
		}
	}
	g, err := gb.Graph()
	require.NoError(tb, err)
	return g
}
