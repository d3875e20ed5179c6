package export

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// nodeLinkFile is what ReadNodeLinkJSON takes from a node-link file.
type nodeLinkFile struct {
	Nodes []struct {
		ID             string   `json:"id"`
		Label          string   `json:"label"`
		Kind           string   `json:"kind"`
		Title          string   `json:"title"`
		URL            string   `json:"url"`
		ArXiv          string   `json:"arxiv"`
		DOI            string   `json:"doi"`
		Authors        []string `json:"authors"`
		Year           int      `json:"year"`
		Community      *int     `json:"community"`
		CommunityLabel string   `json:"community_label"`
		External       bool     `json:"external"`
		Family         string   `json:"family"`
		Introduces     []string `json:"introduces"`
		Papers         int      `json:"papers"`
	} `json:"nodes"`
	Links []struct {
		Source   string   `json:"source"`
		Target   string   `json:"target"`
		Relation string   `json:"relation"`
		Weight   float64  `json:"weight"`
		Evidence string   `json:"evidence"`
		Shared   []string `json:"shared"`
	} `json:"links"`
}

// ReadNodeLinkJSON reads a graph back from the node-link JSON that
// [NodeLinkJSON] writes (graph.nodelink.json): nodes with their ID,
// label, kind, title, url, arxiv, doi, authors, year, community,
// community_label, external, family, introduces and papers; edges with
// source, target, relation, weight, evidence and shared. The graph is
// made with a [graph.Builder], so degree and centrality are computed
// again; other fields (size, colour, position) are not read. A file that
// is not such JSON, or names an edge's node that is not in it, is an
// error.
func ReadNodeLinkJSON(r io.Reader) (*graph.Graph, error) {
	var f nodeLinkFile
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("export: read node-link json: %w", err)
	}
	b := graph.NewBuilder()
	for _, n := range f.Nodes {
		node := graph.Node{
			ID: n.ID, Kind: papergraph.Kind(n.Kind), Label: n.Label, Title: n.Title, URL: n.URL,
			ArXiv: n.ArXiv, DOI: n.DOI, Authors: n.Authors, Year: n.Year, Community: -1,
			CommunityLabel: n.CommunityLabel, External: n.External, Family: n.Family,
			Introduces: n.Introduces, Papers: n.Papers,
		}
		if n.Community != nil {
			node.Community = *n.Community
		}
		if err := b.AddNode(node); err != nil {
			return nil, fmt.Errorf("export: read node-link json: %w", err)
		}
	}
	for _, l := range f.Links {
		e := graph.Edge{Source: l.Source, Target: l.Target, Relation: graph.Relation(l.Relation), Weight: l.Weight, Evidence: l.Evidence, Shared: l.Shared}
		if err := b.AddEdge(e); err != nil {
			return nil, fmt.Errorf("export: read node-link json: %w", err)
		}
	}
	g, err := b.Graph()
	if err != nil {
		return nil, fmt.Errorf("export: read node-link json: %w", err)
	}
	return g, nil
}
