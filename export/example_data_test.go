package export_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/graph"
)

// tiny builds a two-node graph by hand: a paper that mentions a dataset.
func tiny() (*graph.Graph, *export.Layout) {
	b := graph.NewBuilder()
	b.AddNode(graph.Node{ID: "paper:2401.00001", Kind: papergraph.KindPaper, Label: "GoldenNoise",
		Title: "Golden Noise & <Friends>", Year: 2024, Community: 0})
	b.AddNode(graph.Node{ID: "dataset:imagenet", Kind: papergraph.KindDataset, Label: "ImageNet", Papers: 1, Community: 0})
	b.AddEdge(graph.Edge{Source: "paper:2401.00001", Target: "dataset:imagenet", Relation: graph.Mentions, Weight: 1})
	g, err := b.Graph()
	if err != nil {
		panic(err)
	}
	l := &export.Layout{Engine: "neato", Width: 200, Height: 100, Pos: map[string]export.Point{
		"paper:2401.00001": {X: 50, Y: 50}, "dataset:imagenet": {X: 150, Y: 50},
	}}
	return g, l
}

// printLines prints the lines of s that contain one of the markers.
func printLines(s string, markers ...string) {
	for _, line := range strings.Split(s, "\n") {
		for _, m := range markers {
			if strings.Contains(line, m) {
				fmt.Println(strings.TrimSpace(line))
				break
			}
		}
	}
}

func ExampleGraphML() {
	g, l := tiny()
	var b bytes.Buffer
	if err := export.GraphML(&b, g, export.Options{Layout: l, Version: "v0.1.0"}); err != nil {
		fmt.Println(err)
		return
	}
	printLines(b.String(), `<key id="label"`, `<key id="r"`, "<desc>", "<node", `key="label"`, `key="x"`, `key="size"`, `key="r"`, "<edge")
	// Output:
	// <key id="label" for="node" attr.name="label" attr.type="string"/>
	// <key id="r" for="node" attr.name="r" attr.type="int"/>
	// <desc>papergraph v0.1.0</desc>
	// <node id="dataset:imagenet">
	// <data key="label">ImageNet</data>
	// <data key="x">150</data>
	// <data key="size">16</data>
	// <data key="r">0</data>
	// <node id="paper:2401.00001">
	// <data key="label">GoldenNoise</data>
	// <data key="x">50</data>
	// <data key="size">16</data>
	// <data key="r">0</data>
	// <edge id="e0" source="paper:2401.00001" target="dataset:imagenet" label="mentions"><data key="weight">1</data><data key="relation">mentions</data></edge>
}

func ExampleGEXF() {
	g, l := tiny()
	var b bytes.Buffer
	opt := export.Options{Layout: l, Version: "v0.1.0", Description: "papergraph build -formats gexf"}
	if err := export.GEXF(&b, g, opt); err != nil {
		fmt.Println(err)
		return
	}
	printLines(b.String(), "<creator>", "<description>", "<node ", "<viz:", "<edge ")
	// Output:
	// <creator>papergraph v0.1.0</creator>
	// <description>papergraph build -formats gexf</description>
	// <node id="dataset:imagenet" label="ImageNet">
	// <viz:size value="16"/>
	// <viz:position x="150" y="50"/>
	// <viz:color r="0" g="158" b="115"/>
	// <node id="paper:2401.00001" label="GoldenNoise">
	// <viz:size value="16"/>
	// <viz:position x="50" y="50"/>
	// <viz:color r="0" g="114" b="178"/>
	// <edge id="e0" source="paper:2401.00001" target="dataset:imagenet" kind="mentions" label="mentions" weight="1" type="directed"><attvalues><attvalue for="relation" value="mentions"/></attvalues></edge>
}

func ExampleCytoscapeJSON() {
	g, l := tiny()
	if err := export.CytoscapeJSON(os.Stdout, g, export.Options{Layout: l}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"data":{"name":"papergraph","creator":"papergraph"},
	// "elements":{"nodes":[
	// {"data":{"id":"dataset:imagenet","label":"ImageNet","kind":"dataset","community":0,"community_color":"#0072b2","degree":1,"weighted_degree":1,"pagerank":0.5,"betweenness":0,"external":false,"papers":1,"size":16,"color":"#009e73"},"position":{"x":150,"y":50}},
	// {"data":{"id":"paper:2401.00001","label":"GoldenNoise","kind":"paper","title":"Golden Noise \u0026 \u003cFriends\u003e","year":2024,"community":0,"community_color":"#0072b2","degree":1,"weighted_degree":1,"pagerank":0.5,"betweenness":0,"cited_by":0,"external":false,"size":16,"color":"#0072b2"},"position":{"x":50,"y":50}}
	// ],"edges":[
	// {"data":{"id":"e0","source":"paper:2401.00001","target":"dataset:imagenet","relation":"mentions","weight":1,"directed":true,"color":"#8c8c8c","width":0.7,"arrow":"triangle"}}
	// ]}}
}

func ExampleNodeLinkJSON() {
	g, _ := tiny()
	if err := export.NodeLinkJSON(os.Stdout, g, export.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"directed":true,"multigraph":false,"graph":{"name":"papergraph","creator":"papergraph"},
	// "nodes":[
	// {"id":"dataset:imagenet","label":"ImageNet","kind":"dataset","community":0,"community_color":"#0072b2","degree":1,"weighted_degree":1,"pagerank":0.5,"betweenness":0,"external":false,"papers":1,"size":16,"color":"#009e73"},
	// {"id":"paper:2401.00001","label":"GoldenNoise","kind":"paper","title":"Golden Noise \u0026 \u003cFriends\u003e","year":2024,"community":0,"community_color":"#0072b2","degree":1,"weighted_degree":1,"pagerank":0.5,"betweenness":0,"cited_by":0,"external":false,"size":16,"color":"#0072b2"}
	// ],
	// "links":[
	// {"source":"paper:2401.00001","target":"dataset:imagenet","id":"e0","relation":"mentions","weight":1,"directed":true,"color":"#8c8c8c","width":0.7}
	// ]}
}

func ExampleGraphologyJSON() {
	g, l := tiny()
	if err := export.GraphologyJSON(os.Stdout, g, export.Options{Layout: l}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"attributes":{"name":"papergraph","creator":"papergraph"},
	// "options":{"type":"mixed","multi":false,"allowSelfLoops":true},
	// "nodes":[
	// {"key":"dataset:imagenet","attributes":{"label":"ImageNet","kind":"dataset","community":0,"community_color":"#0072b2","degree":1,"weighted_degree":1,"pagerank":0.5,"betweenness":0,"external":false,"papers":1,"size":16,"color":"#009e73","x":150,"y":50}},
	// {"key":"paper:2401.00001","attributes":{"label":"GoldenNoise","kind":"paper","title":"Golden Noise \u0026 \u003cFriends\u003e","year":2024,"community":0,"community_color":"#0072b2","degree":1,"weighted_degree":1,"pagerank":0.5,"betweenness":0,"cited_by":0,"external":false,"size":16,"color":"#0072b2","x":50,"y":50}}
	// ],
	// "edges":[
	// {"key":"e0","source":"paper:2401.00001","target":"dataset:imagenet","attributes":{"relation":"mentions","weight":1,"directed":true,"color":"#8c8c8c","size":0.7,"type":"arrow"}}
	// ]}
}

func ExampleNodesCSV() {
	g, _ := tiny()
	if err := export.NodesCSV(os.Stdout, g, export.Options{}); err != nil {
		fmt.Println(err)
	}
	if err := export.EdgesCSV(os.Stdout, g, export.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Id,Label,kind,title,url,arxiv,doi,authors,year,community,community_label,community_color,external,family,introduces,papers,degree,weighted_degree,pagerank,betweenness,cited_by,size,color
	// dataset:imagenet,ImageNet,dataset,,,,,,,0,,#0072b2,false,,,1,1,1,0.5,0,,16,#009e73
	// paper:2401.00001,GoldenNoise,paper,Golden Noise & <Friends>,,,,,2024,0,,#0072b2,false,,,,1,1,0.5,0,0,16,#0072b2
	// Source,Target,Type,Kind,Id,Weight,relation,evidence
	// paper:2401.00001,dataset:imagenet,Directed,mentions,e0,1,mentions,
}

func ExampleEdgesCSV_neo4j() {
	g, _ := tiny()
	opt := export.Options{CSV: export.CSVNeo4j}
	if err := export.NodesCSV(os.Stdout, g, opt); err != nil {
		fmt.Println(err)
	}
	if err := export.EdgesCSV(os.Stdout, g, opt); err != nil {
		fmt.Println(err)
	}
	// Output:
	// id:ID,:LABEL,label,kind,title,url,arxiv,doi,authors:string[],year:int,community:int,community_label,community_color,external:boolean,family,introduces:string[],papers:int,degree:int,weighted_degree:double,pagerank:double,betweenness:double,cited_by:int,size:double,color
	// dataset:imagenet,Dataset,ImageNet,dataset,,,,,,,0,,#0072b2,false,,,1,1,1,0.5,0,,16,#009e73
	// paper:2401.00001,Paper,GoldenNoise,paper,Golden Noise & <Friends>,,,,,2024,0,,#0072b2,false,,,,1,1,0.5,0,0,16,#0072b2
	// :START_ID,:END_ID,:TYPE,id,weight:double,relation,evidence
	// paper:2401.00001,dataset:imagenet,MENTIONS,e0,1,mentions,
}
