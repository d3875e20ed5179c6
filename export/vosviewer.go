package export

import (
	"cmp"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"

	"github.com/papergraph/papergraph/graph"
)

// vosClusters is the largest cluster number VOSviewer accepts: clusters
// are integers from 1 to 1000.
const vosClusters = 1000

// VOSviewerJSON writes g as a VOSviewer JSON file, the format VOSviewer
// Online (app.vosviewer.com, Open > JSON) and VOSviewer 1.6.16 and later
// read: the network and its map in one document,
//
//	{"config": {"terminology": {...}},
//	 "network": {
//	  "items": [{"id", "label", "description", "url", "x", "y", "cluster", "weights": {...}, "scores": {...}}],
//	  "links": [{"source_id", "target_id", "strength"}],
//	  "clusters": [{"cluster", "label"}]}}
//
// An item per node: id is the node ID, label its label, url its link
// (when known and an absolute http or https URL: VOSviewer opens it on a
// click, so javascript:, data: and malformed links are left out), description an HTML summary (kind, title, authors, year,
// community label; every piece of text HTML-escaped, as VOSviewer renders
// descriptions as HTML), x and y its position in opt.Layout (y growing
// upwards; left out without a layout, and VOSviewer lays the map out
// itself), cluster its community + 1 (VOSviewer numbers clusters from 1;
// left out for a node in no community or in a community numbered 1000
// or more). weights, which VOSviewer can size items by, are "Links"
// (degree), "Total link strength" (weighted degree), "Papers" (for an
// artifact, how many batch papers name it) and "Cited by" (for a paper,
// in-batch citations); scores, which it can colour items by, are
// "PageRank", "Betweenness" (when computed) and "Year" (when known).
//
// VOSviewer networks are undirected, with one link per pair of items: the
// edges of g between two nodes (a shares and a cites edge between two
// papers, say) become one link whose strength is the sum of their weights,
// source_id the smaller ID. Links are sorted by (source_id, target_id),
// items by ID, clusters by number: one per community of g's nodes,
// labelled with its community's label (Node.CommunityLabel).
//
// testdata/vosviewer.schema.json is a JSON schema of this format written
// from VOSviewer's documentation of its JSON files; the tests validate
// the output against it. The output is byte-identical for the same graph
// and options.
func VOSviewerJSON(w io.Writer, g *graph.Graph, opt Options) error {
	const format = "vosviewer json"
	if err := check(format, g, opt); err != nil {
		return err
	}
	j := newJSONWriter(w)
	j.WriteString(`{"config":{"terminology":{"item":"node","items":"nodes","link":"link","links":"links","link_strength":"weight","total_link_strength":"weighted degree"}},` + "\n")
	j.WriteString(`"network":{"items":[`)
	var desc strings.Builder
	j.nodeList(rows{g: g}, func(n *graph.Node) {
		j.WriteString(`{"id":`)
		j.str(n.ID)
		j.WriteString(`,"label":`)
		j.str(label(n))
		j.WriteString(`,"description":`)
		desc.Reset()
		vosDescription(&desc, n)
		j.str(desc.String())
		if u, ok := dotSafeURL(n.URL); ok {
			j.WriteString(`,"url":`)
			j.str(u)
		}
		if p, ok := opt.Layout.Position(n.ID); ok {
			if !finite(p.X) || !finite(p.Y) {
				j.err = fmt.Errorf("position of %q: %w", n.ID, ErrNotFinite)
			}
			j.WriteString(`,"x":`)
			j.float(p.X)
			j.WriteString(`,"y":`)
			j.float(p.Y)
		}
		if n.Community >= 0 && n.Community < vosClusters {
			j.WriteString(`,"cluster":`)
			j.int(n.Community + 1)
		}
		j.WriteString(`,"weights":{"Links":`)
		j.int(n.Degree)
		j.WriteString(`,"Total link strength":`)
		j.b = appendMeasure(j.b, n.Strength)
		if n.Papers > 0 {
			j.WriteString(`,"Papers":`)
			j.int(n.Papers)
		}
		if n.CitedBy >= 0 {
			j.WriteString(`,"Cited by":`)
			j.int(n.CitedBy)
		}
		j.WriteString(`},"scores":{`)
		sep := ""
		if n.PageRank > 0 {
			j.WriteString(`"PageRank":`)
			j.b = appendMeasure(j.b, n.PageRank)
			j.WriteString(`,"Betweenness":`)
			j.b = appendMeasure(j.b, n.Betweenness)
			sep = ","
		}
		if n.Year != 0 {
			j.WriteString(sep + `"Year":`)
			j.int(n.Year)
		}
		j.WriteString("}}")
	})
	j.WriteString(`],` + "\n" + `"links":[`)
	for i, l := range vosLinks(g) {
		if !j.next(i) {
			break
		}
		j.WriteString(`{"source_id":`)
		j.str(l.source)
		j.WriteString(`,"target_id":`)
		j.str(l.target)
		j.WriteString(`,"strength":`)
		j.float(l.strength)
		j.WriteString("}")
	}
	j.WriteString("\n" + `],` + "\n" + `"clusters":[`)
	for i, c := range vosClusterLabels(g) {
		if !j.next(i) {
			break
		}
		j.WriteString(`{"cluster":`)
		j.int(c.id + 1)
		j.WriteString(`,"label":`)
		j.str(c.label)
		j.WriteString("}")
	}
	j.WriteString("\n]}}\n")
	return j.close(format)
}

// vosLink is a VOSviewer link: an unordered pair of items, source the
// smaller ID, and the summed weight of the edges between them.
type vosLink struct {
	source, target string
	strength       float64
}

// vosLinks merges the edges of g into one link per pair of nodes, sorted.
func vosLinks(g *graph.Graph) []vosLink {
	var links []vosLink
	at := map[[2]string]int{}
	for e := range g.AllEdges() {
		s, t := e.Source, e.Target
		if t < s {
			s, t = t, s
		}
		k := [2]string{s, t}
		if i, ok := at[k]; ok {
			links[i].strength += e.Weight
			continue
		}
		at[k] = len(links)
		links = append(links, vosLink{s, t, e.Weight})
	}
	slices.SortFunc(links, func(a, b vosLink) int {
		return cmp.Or(cmp.Compare(a.source, b.source), cmp.Compare(a.target, b.target))
	})
	return links
}

// vosCluster is a community VOSviewer can show: its ID and label.
type vosCluster struct {
	id    int
	label string
}

// vosClusterLabels lists the communities of g's nodes numbered under
// vosClusters, by ID, with the label their nodes carry.
func vosClusterLabels(g *graph.Graph) []vosCluster {
	labels := map[int]string{}
	for _, n := range g.Nodes() {
		if n.Community >= 0 && n.Community < vosClusters {
			if l, ok := labels[n.Community]; !ok || l == "" {
				labels[n.Community] = n.CommunityLabel
			}
		}
	}
	out := make([]vosCluster, 0, len(labels))
	for id, l := range labels {
		out = append(out, vosCluster{id, l})
	}
	slices.SortFunc(out, func(a, b vosCluster) int { return cmp.Compare(a.id, b.id) })
	return out
}

// vosDescription writes a node's HTML description: its kind, then title,
// authors, year and community, each escaped.
func vosDescription(b *strings.Builder, n *graph.Node) {
	kind := string(n.Kind)
	if n.External {
		kind = "paper outside the batch"
	}
	b.WriteString("<b>")
	b.WriteString(html.EscapeString(kind))
	b.WriteString("</b>")
	line := func(s string) {
		if s != "" {
			b.WriteString("<br>")
			b.WriteString(html.EscapeString(s))
		}
	}
	if n.Title != label(n) {
		line(n.Title)
	}
	line(strings.Join(n.Authors, ", "))
	if n.Year != 0 {
		line(fmt.Sprint(n.Year))
	}
	if n.CommunityLabel != "" {
		line("community: " + n.CommunityLabel)
	}
}
