package render_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/export/render"
	"github.com/papergraph/papergraph/graph"
)

// One layout, given once in export.Options, places the nodes of the DOT
// file and of both pictures; render.Options says only how to draw (here:
// PNG at 1 pixel per point).
func ExampleSVG() {
	b := graph.NewBuilder()
	if err := errors.Join(
		b.AddNode(graph.Node{ID: "paper:1", Kind: papergraph.KindPaper, Label: "GoldenNoise"}),
		b.AddNode(graph.Node{ID: "dataset:imagenet", Kind: papergraph.KindDataset, Label: "ImageNet"}),
		b.AddEdge(graph.Edge{Source: "paper:1", Target: "dataset:imagenet", Relation: graph.Mentions, Weight: 1}),
	); err != nil {
		fmt.Println(err)
		return
	}
	g, err := b.Graph()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	lay, err := render.Layout(ctx, g, export.Options{}, render.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	opt := export.Options{Layout: lay, NoLegend: true}
	ropt := render.Options{Scale: 1}
	var dot, svg, pic bytes.Buffer
	if err := export.DOT(&dot, g, opt); err != nil {
		fmt.Println(err)
	}
	if err := render.SVG(ctx, &svg, g, opt, ropt); err != nil {
		fmt.Println(err)
	}
	if err := render.PNG(ctx, &pic, g, opt, ropt); err != nil {
		fmt.Println(err)
	}
	img, err := png.Decode(&pic)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("engine:", lay.Engine)
	fmt.Println("DOT positions:", strings.Count(dot.String(), "pos="))
	fmt.Println("SVG nodes:", strings.Count(svg.String(), `class="node"`))
	fmt.Println("SVG legend:", strings.Contains(svg.String(), "legend:"))
	fmt.Printf("PNG: %d×%d pixels\n", img.Bounds().Dx(), img.Bounds().Dy())
	// Output:
	// engine: dot
	// DOT positions: 2
	// SVG nodes: 2
	// SVG legend: false
	// PNG: 154×162 pixels
}
