package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// view is a graph as read back from a file: node ID → attribute → text
// value, and "source|target|relation" → attribute → text value. Numbers
// are formatted with formatFloat, lists joined with listSep.
type view struct {
	nodes map[string]map[string]string
	edges map[string]map[string]string
}

func newView() view {
	return view{nodes: map[string]map[string]string{}, edges: map[string]map[string]string{}}
}

func edgeKey(s, t, rel string) string { return s + "|" + t + "|" + rel }

// wantView is the view a format should give back for g written with opt:
// every value through text, the way the format's reader returns text.
func wantView(g *graph.Graph, opt Options, text func(string) string) view {
	v := newView()
	for i := range g.Nodes() {
		n := &g.Nodes()[i]
		m := map[string]string{"label": text(label(n)), "size": formatFloat(Size(*n))}
		for _, c := range nodeColumns[1:] {
			if s, ok := c.value(n, listSep); ok {
				m[c.name] = text(s)
			}
		}
		v.nodes[text(n.ID)] = m
	}
	for i := range g.Edges() {
		e := &g.Edges()[i]
		m := map[string]string{"weight": formatFloat(e.Weight)}
		for _, c := range edgeColumnsOf(rows{g: g}, opt) {
			if s, ok := c.value(e, listSep); ok {
				m[c.name] = text(s)
			}
		}
		v.edges[edgeKey(text(e.Source), text(e.Target), text(string(e.Relation)))] = m
	}
	return v
}

// checkView compares a file's view with the graph's: same nodes, same
// edges, and every expected attribute value intact.
func checkView(t testing.TB, want, got view) {
	t.Helper()
	require.Equal(t, len(want.nodes), len(got.nodes), "node count")
	require.Equal(t, len(want.edges), len(got.edges), "edge count")
	for id, w := range want.nodes {
		g, ok := got.nodes[id]
		require.True(t, ok, "node %q lost", id)
		for k, wv := range w {
			if sameNumber(wv, g[k]) {
				continue // 2.5e-05 in XML, 0.000025 from a JSON number
			}
			assert.Equal(t, wv, g[k], "node %q: %s", id, k)
		}
	}
	for key, w := range want.edges {
		g, ok := got.edges[key]
		require.True(t, ok, "edge %q lost", key)
		for k, wv := range w {
			assert.Equal(t, wv, g[k], "edge %q: %s", key, k)
		}
	}
}

// sameNumber reports whether a and b are two spellings of one number.
func sameNumber(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && x == y
}

func decodeGraphML(data []byte) (view, error) {
	root, err := parseXML(data)
	if err != nil {
		return view{}, err
	}
	v := newView()
	gr := root.one("graph")
	if gr == nil {
		return v, fmt.Errorf("no graph")
	}
	dataOf := func(el *element) map[string]string {
		m := map[string]string{}
		for _, d := range el.all("data") {
			k, _ := d.attr("key")
			m[k] = d.Text
		}
		return m
	}
	for _, n := range gr.all("node") {
		id, _ := n.attr("id")
		v.nodes[id] = dataOf(n)
	}
	for _, e := range gr.all("edge") {
		s, _ := e.attr("source")
		t, _ := e.attr("target")
		rel, _ := e.attr("label")
		v.edges[edgeKey(s, t, rel)] = dataOf(e)
	}
	return v, nil
}

func decodeGEXF(data []byte) (view, error) {
	root, err := parseXML(data)
	if err != nil {
		return view{}, err
	}
	v := newView()
	gr := root.one("graph")
	if gr == nil || gr.one("nodes") == nil || gr.one("edges") == nil {
		return v, fmt.Errorf("no graph, nodes or edges")
	}
	attvalues := func(el *element) map[string]string {
		m := map[string]string{}
		if avs := el.one("attvalues"); avs != nil {
			for _, av := range avs.all("attvalue") {
				k, _ := av.attr("for")
				m[k], _ = av.attr("value")
			}
		}
		return m
	}
	for _, n := range gr.one("nodes").all("node") {
		id, _ := n.attr("id")
		m := attvalues(n)
		m["label"], _ = n.attr("label")
		for _, c := range n.Children {
			if c.Name.Local == "size" {
				m["size"], _ = c.attr("value")
			}
		}
		v.nodes[id] = m
	}
	for _, e := range gr.one("edges").all("edge") {
		s, _ := e.attr("source")
		t, _ := e.attr("target")
		kind, _ := e.attr("kind")
		m := attvalues(e)
		m["weight"], _ = e.attr("weight")
		v.edges[edgeKey(s, t, kind)] = m
	}
	return v, nil
}

// jsonText turns a decoded JSON value into view text.
func jsonText(x any) string {
	switch x := x.(type) {
	case string:
		return x
	case float64:
		return formatFloat(x)
	case bool:
		return fmt.Sprint(x)
	case []any:
		var s []string
		for _, e := range x {
			s = append(s, jsonText(e))
		}
		return strings.Join(s, listSep)
	}
	return fmt.Sprint(x)
}

func jsonMap(m map[string]any) map[string]string {
	out := map[string]string{}
	for k, x := range m {
		out[k] = jsonText(x)
	}
	return out
}

func decodeCytoscape(data []byte) (view, error) {
	var doc struct {
		Elements struct {
			Nodes []struct {
				Data map[string]any `json:"data"`
			} `json:"nodes"`
			Edges []struct {
				Data map[string]any `json:"data"`
			} `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return view{}, err
	}
	v := newView()
	for _, n := range doc.Elements.Nodes {
		m := jsonMap(n.Data)
		v.nodes[m["id"]] = m
	}
	for _, e := range doc.Elements.Edges {
		m := jsonMap(e.Data)
		v.edges[edgeKey(m["source"], m["target"], m["relation"])] = m
	}
	return v, nil
}

func decodeNodeLink(data []byte) (view, error) {
	var doc struct {
		Nodes []map[string]any `json:"nodes"`
		Links []map[string]any `json:"links"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return view{}, err
	}
	v := newView()
	for _, n := range doc.Nodes {
		m := jsonMap(n)
		v.nodes[m["id"]] = m
	}
	for _, e := range doc.Links {
		m := jsonMap(e)
		v.edges[edgeKey(m["source"], m["target"], m["relation"])] = m
	}
	return v, nil
}

func decodeGraphology(data []byte) (view, error) {
	var doc struct {
		Nodes []struct {
			Key        string         `json:"key"`
			Attributes map[string]any `json:"attributes"`
		} `json:"nodes"`
		Edges []struct {
			Source     string         `json:"source"`
			Target     string         `json:"target"`
			Attributes map[string]any `json:"attributes"`
		} `json:"edges"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return view{}, err
	}
	v := newView()
	for _, n := range doc.Nodes {
		v.nodes[n.Key] = jsonMap(n.Attributes)
	}
	for _, e := range doc.Edges {
		m := jsonMap(e.Attributes)
		v.edges[edgeKey(e.Source, e.Target, m["relation"])] = m
	}
	return v, nil
}

// decodeCSV reads the Gephi-dialect nodes and edges files into one view.
func decodeCSV(nodes, edges []byte) (view, error) {
	v := newView()
	for _, part := range []struct {
		data []byte
		add  func(m map[string]string)
	}{
		{nodes, func(m map[string]string) {
			m["label"] = m["Label"]
			v.nodes[m["Id"]] = m
		}},
		{edges, func(m map[string]string) {
			m["weight"] = m["Weight"]
			v.edges[edgeKey(m["Source"], m["Target"], m["Kind"])] = m
		}},
	} {
		rows, err := csv.NewReader(bytes.NewReader(part.data)).ReadAll()
		if err != nil {
			return v, err
		}
		if len(rows) == 0 {
			return v, fmt.Errorf("no header")
		}
		for _, r := range rows[1:] {
			m := map[string]string{}
			for i, h := range rows[0] {
				m[h] = r[i]
			}
			part.add(m)
		}
	}
	return v, nil
}

// csvRead is what encoding/csv gives back for a cell: it turns "\r\n"
// inside a quoted cell into "\n".
func csvRead(s string) string { return strings.ReplaceAll(xmlSafe(s), "\r\n", "\n") }

// roundTrip writes g in every format, reads each back with its Go parser
// and checks that every node, edge and attribute value survives (as the
// format can carry it).
func roundTrip(t testing.TB, g *graph.Graph, opt Options) {
	t.Helper()
	run := func(w writerFunc) []byte {
		var b bytes.Buffer
		require.NoError(t, w(&b, g, opt))
		return b.Bytes()
	}
	for _, f := range []struct {
		name   string
		w      writerFunc
		decode func([]byte) (view, error)
		text   func(string) string
	}{
		{"graphml", GraphML, decodeGraphML, xmlSafe},
		{"gexf", GEXF, decodeGEXF, xmlSafe},
		{"cytoscape", CytoscapeJSON, decodeCytoscape, validUTF8},
		{"node-link", NodeLinkJSON, decodeNodeLink, validUTF8},
		{"graphology", GraphologyJSON, decodeGraphology, validUTF8},
	} {
		got, err := f.decode(run(f.w))
		require.NoError(t, err, "%s output must parse", f.name)
		checkView(t, wantView(g, opt, f.text), got)
		noShared(t, opt, f.name, got)
	}
	got, err := decodeCSV(run(NodesCSV), run(EdgesCSV))
	require.NoError(t, err, "csv output must parse")
	checkView(t, wantView(g, opt, csvRead), got)
	noShared(t, opt, "csv", got)
}

// noShared checks that no edge of a file written without Options.Shared
// has a shared value.
func noShared(t testing.TB, opt Options, format string, got view) {
	t.Helper()
	if opt.Shared {
		return
	}
	for key, e := range got.edges {
		_, ok := e[sharedColumn]
		assert.False(t, ok, "%s: edge %q has a shared list it was not asked for", format, key)
	}
}

// TestHostileRoundTrip: titles with quotes, &, <, ]]>, control
// characters, emoji, right-to-left text and invalid UTF-8, in labels,
// titles, authors, URLs, evidence and IDs, survive every format: the
// output parses and gives back every value (with the characters a format
// cannot carry replaced by U+FFFD).
func TestHostileRoundTrip(t *testing.T) {
	g := hostileGraph(t)
	roundTrip(t, g, Options{Layout: layoutFor(g), Description: strings.Join(hostileTitles, " ")})
}

// TestNoInjection: hostile text never becomes markup. The hostile graph's
// XML has exactly the elements its nodes and edges need, and its JSON
// exactly the keys the writer declares.
func TestNoInjection(t *testing.T) {
	g := hostileGraph(t)
	opt := Options{Layout: layoutFor(g)}
	count := func(el *element, local string) int {
		n := 0
		var walk func(*element)
		walk = func(e *element) {
			if e.Name.Local == local {
				n++
			}
			for _, c := range e.Children {
				walk(c)
			}
		}
		walk(el)
		return n
	}
	for _, f := range []struct {
		name string
		w    writerFunc
	}{{"graphml", GraphML}, {"gexf", GEXF}} {
		root, err := parseXML(write(t, func(b *bytes.Buffer) error { return f.w(b, g, opt) }))
		require.NoError(t, err)
		assert.Equal(t, len(g.Nodes()), count(root, "node"), "%s: no injected node", f.name)
		assert.Zero(t, count(root, "x"), "%s: no injected element", f.name)
		for _, n := range []string{"data", "attvalue"} {
			for _, el := range allElements(root, n) {
				k, _ := el.attr("key")
				if k == "" {
					k, _ = el.attr("for")
				}
				assert.NotEqual(t, "injected", k)
			}
		}
	}
	var doc struct {
		Elements struct {
			Nodes []struct {
				Data map[string]any `json:"data"`
			} `json:"nodes"`
		} `json:"elements"`
	}
	require.NoError(t, json.Unmarshal(write(t, func(b *bytes.Buffer) error { return CytoscapeJSON(b, g, opt) }), &doc))
	for _, n := range doc.Elements.Nodes {
		assert.NotContains(t, n.Data, "injected")
	}
}

func allElements(e *element, local string) []*element {
	var out []*element
	if e.Name.Local == local {
		out = append(out, e)
	}
	for _, c := range e.Children {
		out = append(out, allElements(c, local)...)
	}
	return out
}

// format returns v as text: the list joined by sep, the integer in
// decimal, a double as the writers write it.
func (v colValue) format(typ valueType, list bool, sep string) string {
	switch {
	case list:
		return strings.Join(v.list, sep)
	case typ == typeInt:
		return itoa(v.n)
	case typ == typeDouble:
		return string(appendMeasure(nil, v.f))
	}
	return v.s
}

// value returns the raw (unescaped) value, lists joined by sep, and
// whether the node has one.
func (c *nodeColumn) value(n *graph.Node, sep string) (string, bool) {
	v := c.get(n)
	return v.format(c.typ, c.list, sep), v.ok
}

// value returns the raw (unescaped) value, lists joined by sep, and
// whether the edge has one.
func (c *edgeColumn) value(e *graph.Edge, sep string) (string, bool) {
	v := c.get(e)
	return v.format(c.typ, c.list, sep), v.ok
}
