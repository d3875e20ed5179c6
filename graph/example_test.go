package graph_test

import (
	"fmt"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

func ExampleBuild() {
	imagenet := papergraph.Entity{Kind: papergraph.KindDataset, Name: "ImageNet", Surface: "ImageNet", Start: 12, End: 20, Rule: "gazetteer"}
	// Two papers as extraction leaves them (see extract.NameRefs): the
	// abstracts ("We train on ImageNet.", "Unlike ViT-X, we train on
	// ImageNet.") are no longer needed.
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "ViT-X: Vision at scale", Name: "ViT-X",
			Entities: []papergraph.Entity{imagenet}},
		{ArXiv: "2401.00002", Title: "Better baselines",
			Entities: []papergraph.Entity{{Kind: papergraph.KindDataset, Name: "ImageNet", Surface: "ImageNet", Start: 26, End: 34, Rule: "gazetteer"}},
			Refs:     []papergraph.Ref{{Paper: "paper:2401.00001", Surface: "ViT-X", Start: 7, End: 12, Source: "abstract"}}},
	}
	g, err := graph.Build(papers, graph.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range g.Nodes() {
		fmt.Printf("%s %q papers=%d community=%d\n", n.ID, n.Label, n.Papers, n.Community)
	}
	for _, e := range g.Edges() {
		fmt.Printf("%s -%s-> %s %.3f shared=%v evidence=%s\n", e.Source, e.Relation, e.Target, e.Weight, e.Shared, e.Evidence)
	}
	fmt.Println(g.Neighbors("dataset:imagenet"))
	// Output:
	// dataset:imagenet "ImageNet" papers=2 community=0
	// paper:2401.00001 "ViT-X" papers=0 community=0
	// paper:2401.00002 "Better baselines" papers=0 community=0
	// paper:2401.00001 -mentions-> dataset:imagenet 1.000 shared=[] evidence=gazetteer: "ImageNet" @12
	// paper:2401.00001 -shares-> paper:2401.00002 0.693 shared=[dataset:imagenet] evidence=
	// paper:2401.00002 -mentions-> dataset:imagenet 1.000 shared=[] evidence=gazetteer: "ImageNet" @26
	// paper:2401.00002 -cites-> paper:2401.00001 1.000 shared=[] evidence=names "ViT-X" @7 (system name of paper:2401.00001)
	// [paper:2401.00001 paper:2401.00002]
}
