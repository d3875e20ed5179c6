package graph

import (
	"fmt"
	"math/rand/v2"

	"github.com/papergraph/papergraph"
)

// synthetic makes n extracted papers shaped like make_corpus.py's corpus:
// 55% name 1–3 datasets drawn Zipf-like from 4,446, 45% name 2 models from
// 77, 30% link a repository of an owner drawn Zipf-like from n/20. The
// same n and seed give the same papers.
func synthetic(n int, seed uint64) []papergraph.Paper {
	r := rand.New(rand.NewPCG(seed, 7))
	datasets := rand.NewZipf(r, 1.1, 1, 4445)
	models := rand.NewZipf(r, 1.1, 1, 76)
	owners := rand.NewZipf(r, 1.01, 1, uint64(max(50, n/20))-1)
	papers := make([]papergraph.Paper, n)
	for i := range papers {
		p := &papers[i]
		p.ArXiv = fmt.Sprintf("26%02d.%05d", 1+i/99999%12, i%99999+1)
		p.Title = fmt.Sprintf("Synthetic paper %d on topic %d", i, r.IntN(500))
		off := 0
		add := func(k papergraph.Kind, name string) {
			p.Entities = append(p.Entities, papergraph.Entity{Kind: k, Name: name, Surface: name, Start: off, End: off + len(name), Rule: "gazetteer"})
			off += len(name) + 10
		}
		if r.Float64() < 0.55 {
			for range 1 + r.IntN(3) {
				add(papergraph.KindDataset, fmt.Sprintf("Dataset-%d", datasets.Uint64()))
			}
		}
		if r.Float64() < 0.45 {
			add(papergraph.KindModel, fmt.Sprintf("Model-%d", models.Uint64()))
			add(papergraph.KindModel, fmt.Sprintf("Model-%d", models.Uint64()))
		}
		if r.Float64() < 0.3 {
			add(papergraph.KindRepo, fmt.Sprintf("github.com/lab%d/code-%d", owners.Uint64(), i))
		}
	}
	return papers
}
