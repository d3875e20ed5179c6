package export_test

import (
	"fmt"
	"os"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/graph"
)

// A paper naming a dataset, written as DOT with the positions of a layout.
// Render it exactly as laid out with `neato -n2 -Tsvg`.
func ExampleDOT() {
	b := graph.NewBuilder()
	for _, n := range []graph.Node{
		{ID: "paper:2401.00001", Kind: papergraph.KindPaper, Label: "GoldenNoise",
			Title: `Golden Noise: "Better" Seeds`, URL: "https://arxiv.org/abs/2401.00001"},
		{ID: "dataset:imagenet", Kind: papergraph.KindDataset, Label: "ImageNet", Title: "ImageNet"},
	} {
		if err := b.AddNode(n); err != nil {
			fmt.Println(err)
		}
	}
	if err := b.AddEdge(graph.Edge{Source: "paper:2401.00001", Target: "dataset:imagenet", Relation: graph.Mentions, Weight: 1}); err != nil {
		fmt.Println(err)
	}
	g, err := b.Graph()
	if err != nil {
		fmt.Println(err)
		return
	}
	layout := &export.Layout{Pos: map[string]export.Point{
		"paper:2401.00001": {X: 50, Y: 90},
		"dataset:imagenet": {X: 50, Y: 20},
	}, Width: 100, Height: 110}
	if err := export.DOT(os.Stdout, g, export.Options{Layout: layout, NoLegend: true}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// digraph "papergraph" {
	// 	graph [fontname="DejaVu Sans", fontsize=12, outputorder=edgesfirst, overlap=prism, sep="+8", esep="+4", splines=true, pad=0.3, bgcolor=white, nodesep=0.25, ranksep=0.6];
	// 	node [fontname="DejaVu Sans", fontsize=10, style=filled, penwidth=0.8, margin="0.08,0.03"];
	// 	edge [fontname="DejaVu Sans", fontsize=9];
	// 	"dataset:imagenet" [label="ImageNet", tooltip="ImageNet", shape=cylinder, style="filled", fillcolor="#009e73", color="#006e50", fontcolor="#000000", fontsize=10.6, width=0.22, height=0.22, pos="50,20"];
	// 	"paper:2401.00001" [label="GoldenNoise", tooltip="Golden Noise: \"Better\" Seeds", shape=ellipse, style="filled", fillcolor="#0072b2", color="#004f7c", fontcolor="#ffffff", fontsize=10.6, width=0.22, height=0.22, URL="https://arxiv.org/abs/2401.00001", target="_blank", pos="50,90"];
	// 	"paper:2401.00001" -> "dataset:imagenet" [color="#8c8c8c99", penwidth=0.7, arrowsize=0.4, tooltip="mentions: GoldenNoise → ImageNet"];
	// }
}
