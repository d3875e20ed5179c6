package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// This file encodes the rules of ../shared/GEPHI.md ("What Gephi actually
// reads") as checks, and applies them to every GraphML and GEXF file the
// tests write. A file that passes opens in Gephi with labels, colours,
// sizes, positions, weights and edge types, and loads in networkx and
// igraph.

// element is a parsed XML element, attributes in document order.
type element struct {
	Name     xml.Name
	Attr     []xml.Attr
	Children []*element
	Text     string
}

func (e *element) attr(local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

func (e *element) all(local string) []*element {
	var out []*element
	for _, c := range e.Children {
		if c.Name.Local == local {
			out = append(out, c)
		}
	}
	return out
}

func (e *element) one(local string) *element {
	if c := e.all(local); len(c) > 0 {
		return c[0]
	}
	return nil
}

// parseXML parses a whole document strictly (encoding/xml rejects
// characters XML 1.0 forbids, in text and in character references, and
// bytes that are not UTF-8).
func parseXML(data []byte) (*element, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []*element
	var root *element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &element{Name: t.Name, Attr: append([]xml.Attr(nil), t.Attr...)}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, e)
			} else if root != nil {
				return nil, fmt.Errorf("second root element %s", t.Name.Local)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

var (
	intRe      = regexp.MustCompile(`^-?[0-9]+$`)
	yedKeyRe   = regexp.MustCompile(`^d[0-9]+$`)
	charRefRe  = regexp.MustCompile(`&#(x[0-9a-fA-F]+|[0-9]+);`)
	gephiTypes = map[string]bool{"boolean": true, "int": true, "long": true, "float": true, "double": true, "string": true}
	gexfTypes  = map[string]bool{"boolean": true, "integer": true, "long": true, "float": true, "double": true, "string": true}
)

// checkValue checks that v parses as a value of the declared type, as
// Gephi (Java) and networkx would parse it.
func checkValue(typ, v string) error {
	switch typ {
	case "int", "integer", "long":
		if !intRe.MatchString(v) {
			return fmt.Errorf("%q is not an integer", v)
		}
	case "float", "double":
		if f, err := strconv.ParseFloat(v, 64); err != nil || !finite(f) {
			return fmt.Errorf("%q is not a finite number", v)
		}
	case "boolean":
		if v != "true" && v != "false" {
			return fmt.Errorf("%q is not a boolean", v)
		}
	}
	return nil
}

// checkCharRefs fails on character references to characters XML 1.0
// forbids (&#11; is as invalid as a raw vertical tab).
func checkCharRefs(t testing.TB, data []byte) {
	t.Helper()
	for _, m := range charRefRe.FindAllSubmatch(data, -1) {
		ref := string(m[1])
		var v uint64
		var err error
		if ref[0] == 'x' {
			v, err = strconv.ParseUint(ref[1:], 16, 32)
		} else {
			v, err = strconv.ParseUint(ref, 10, 32)
		}
		if err != nil || !xmlChar(rune(v)) {
			t.Errorf("character reference %s: XML 1.0 forbids it", m[0])
		}
	}
}

// expect is what a conformance check knows about the file beyond the rules.
type expect struct {
	nodes, edges int
	positions    bool // every node must have x and y
}

func expectFor(g *graph.Graph, opt Options) expect {
	return expect{nodes: len(g.Nodes()), edges: len(g.Edges()), positions: opt.Layout != nil}
}

// checkGraphMLConformance checks a GraphML file against GEPHI.md.
func checkGraphMLConformance(t testing.TB, data []byte, want expect) {
	t.Helper()
	checkCharRefs(t, data)
	root, err := parseXML(data)
	require.NoError(t, err, "GraphML must be well-formed XML 1.0")
	require.Equal(t, "graphml", root.Name.Local)
	require.Equal(t, "http://graphml.graphdrawing.org/xmlns", root.Name.Space)

	type key struct{ domain, typ string }
	keys := map[string]key{}
	for _, k := range root.all("key") {
		id, _ := k.attr("id")
		name, _ := k.attr("attr.name")
		domain, _ := k.attr("for")
		typ, _ := k.attr("attr.type")
		assert.Equal(t, id, name, "key id must equal attr.name (Gephi matches ids first)")
		assert.NotRegexp(t, yedKeyRe, id, "d0…dN key ids collide with yEd defaults in Gephi")
		assert.Contains(t, []string{"node", "edge"}, domain, "key %q: for must be node or edge, never all/graph", id)
		assert.True(t, gephiTypes[typ], "key %q: attr.type %q is not one Gephi and igraph accept", id, typ)
		_, dup := keys[id]
		assert.False(t, dup, "key id %q declared twice", id)
		keys[id] = key{domain, typ}
	}
	mustKey := func(id, domain string, types ...string) {
		k, ok := keys[id]
		if assert.True(t, ok, "key %q missing", id) {
			assert.Equal(t, domain, k.domain, "key %q domain", id)
			assert.Contains(t, types, k.typ, "key %q type", id)
		}
	}
	mustKey("label", "node", "string")
	mustKey("size", "node", "float", "double")
	for _, c := range []string{"r", "g", "b"} {
		mustKey(c, "node", "int")
	}
	if want.positions {
		mustKey("x", "node", "float", "double")
		mustKey("y", "node", "float", "double")
	}
	mustKey("weight", "edge", "float", "double")
	mustKey("relation", "edge", "string")
	mustKey("nid", "node", "string")

	graphs := root.all("graph")
	require.Len(t, graphs, 1)
	gr := graphs[0]
	def, _ := gr.attr("edgedefault")
	require.Contains(t, []string{"directed", "undirected"}, def)

	data2map := func(el *element, domain string) map[string]string {
		m := map[string]string{}
		for _, d := range el.all("data") {
			k, _ := d.attr("key")
			decl, ok := keys[k]
			if assert.True(t, ok, "data for undeclared key %q", k) {
				assert.Equal(t, domain, decl.domain, "data key %q used on a %s", k, domain)
				assert.NoError(t, checkValue(decl.typ, d.Text), "key %q", k)
			}
			_, dup := m[k]
			assert.False(t, dup, "data key %q twice on one %s", k, domain)
			m[k] = d.Text
		}
		return m
	}
	nodeIDs := map[string]bool{}
	nodes := gr.all("node")
	assert.Len(t, nodes, want.nodes, "node count")
	for _, n := range nodes {
		id, _ := n.attr("id")
		assert.False(t, nodeIDs[id], "node id %q twice", id)
		nodeIDs[id] = true
		d := data2map(n, "node")
		assert.NotEmpty(t, d["label"], "node %q: label", id)
		assert.Equal(t, id, d["nid"], "node %q: nid repeats the id", id)
		for _, c := range []string{"r", "g", "b"} {
			v, err := strconv.Atoi(d[c])
			if assert.NoError(t, err, "node %q: %s must parse with Integer.parseInt", id, c) {
				assert.True(t, v >= 0 && v <= 255, "node %q: %s=%d out of 0–255", id, c, v)
			}
		}
		assert.Contains(t, d, "size", "node %q: size", id)
		if want.positions {
			assert.Contains(t, d, "x", "node %q: x", id)
			assert.Contains(t, d, "y", "node %q: y", id)
		}
	}
	edgeIDs := map[string]bool{}
	type typed struct{ s, t, rel string }
	seen := map[typed]bool{}
	edges := gr.all("edge")
	assert.Len(t, edges, want.edges, "edge count")
	for _, e := range edges {
		id, ok := e.attr("id")
		assert.True(t, ok && id != "", "edge without id")
		assert.False(t, edgeIDs[id], "edge id %q twice", id)
		edgeIDs[id] = true
		s, _ := e.attr("source")
		tg, _ := e.attr("target")
		assert.True(t, nodeIDs[s] && nodeIDs[tg], "edge %q: endpoints %q, %q must be nodes", id, s, tg)
		rel, ok := e.attr("label")
		assert.True(t, ok && rel != "", "edge %q: label= (Gephi's edge type) missing", id)
		d := data2map(e, "edge")
		assert.Contains(t, d, "weight", "edge %q: weight", id)
		assert.Equal(t, rel, d["relation"], "edge %q: relation column repeats the type", id)
		directed := def == "directed"
		if v, ok := e.attr("directed"); ok {
			require.Contains(t, []string{"true", "false"}, v)
			directed = v == "true"
		}
		k := typed{s, tg, rel}
		if !directed && tg < s {
			k.s, k.t = tg, s
		}
		assert.False(t, seen[k], "parallel edges of one type %v would be merged by Gephi", k)
		seen[k] = true
	}
}

// checkGEXFConformance checks a GEXF file against GEPHI.md.
func checkGEXFConformance(t testing.TB, data []byte, want expect) {
	t.Helper()
	const ns, vizNS = "http://gexf.net/1.3", "http://gexf.net/1.3/viz"
	checkCharRefs(t, data)
	require.Contains(t, string(data), `xmlns:viz="`+vizNS+`"`, "viz prefix must be declared")
	root, err := parseXML(data)
	require.NoError(t, err, "GEXF must be well-formed XML 1.0")
	require.Equal(t, xml.Name{Space: ns, Local: "gexf"}, root.Name)
	v, _ := root.attr("version")
	require.Equal(t, "1.3", v)
	meta := root.one("meta")
	require.NotNil(t, meta, "<meta> says how the file was made")
	require.NotNil(t, meta.one("creator"))
	assert.Regexp(t, `^papergraph`, meta.one("creator").Text)

	gr := root.one("graph")
	require.NotNil(t, gr)
	def, _ := gr.attr("defaultedgetype")
	require.Contains(t, []string{"directed", "undirected", "mutual"}, def)

	attrs := map[string]map[string]string{"node": {}, "edge": {}}
	for _, a := range gr.all("attributes") {
		class, _ := a.attr("class")
		require.Contains(t, []string{"node", "edge"}, class)
		for _, at := range a.all("attribute") {
			id, _ := at.attr("id")
			typ, _ := at.attr("type")
			assert.True(t, gexfTypes[typ], "attribute %q: type %q (anyURI and lists are rejected by Gephi)", id, typ)
			if class == "edge" {
				assert.NotEqual(t, "weight", id, "no edge attribute may be called weight")
			}
			_, dup := attrs[class][id]
			assert.False(t, dup, "%s attribute %q twice", class, id)
			attrs[class][id] = typ
		}
	}
	attvalues := func(el *element, class string) map[string]string {
		m := map[string]string{}
		if avs := el.one("attvalues"); avs != nil {
			for _, av := range avs.all("attvalue") {
				k, _ := av.attr("for")
				val, _ := av.attr("value")
				typ, ok := attrs[class][k]
				if assert.True(t, ok, "attvalue for undeclared %s attribute %q", class, k) {
					assert.NoError(t, checkValue(typ, val), "%s attribute %q", class, k)
				}
				m[k] = val
			}
		}
		return m
	}
	viz := func(el *element, local string) *element {
		for _, c := range el.Children {
			if c.Name == (xml.Name{Space: vizNS, Local: local}) {
				return c
			}
		}
		return nil
	}
	nodeIDs := map[string]bool{}
	nodesEl := gr.one("nodes")
	require.NotNil(t, nodesEl)
	nodes := nodesEl.all("node")
	assert.Len(t, nodes, want.nodes, "node count")
	for _, n := range nodes {
		id, _ := n.attr("id")
		assert.False(t, nodeIDs[id], "node id %q twice", id)
		nodeIDs[id] = true
		l, _ := n.attr("label")
		assert.NotEmpty(t, l, "node %q: label", id)
		av := attvalues(n, "node")
		assert.Equal(t, id, av["nid"], "node %q: nid", id)
		size := viz(n, "size")
		if assert.NotNil(t, size, "node %q: viz:size", id) && assert.NotEmpty(t, size.Attr) {
			assert.Equal(t, "value", size.Attr[0].Name.Local, "node %q: value must be viz:size's first attribute", id)
			assert.NoError(t, checkValue("float", size.Attr[0].Value))
		}
		color := viz(n, "color")
		if assert.NotNil(t, color, "node %q: viz:color", id) {
			for _, c := range []string{"r", "g", "b"} {
				s, _ := color.attr(c)
				v, err := strconv.Atoi(s)
				if assert.NoError(t, err, "node %q: viz:color %s must be an integer", id, c) {
					assert.True(t, v >= 0 && v <= 255, "node %q: %s=%d", id, c, v)
				}
			}
		}
		if want.positions {
			pos := viz(n, "position")
			if assert.NotNil(t, pos, "node %q: viz:position", id) {
				for _, c := range []string{"x", "y"} {
					s, _ := pos.attr(c)
					assert.NoError(t, checkValue("float", s), "node %q: position %s", id, c)
				}
			}
		}
	}
	edgesEl := gr.one("edges")
	require.NotNil(t, edgesEl)
	edges := edgesEl.all("edge")
	assert.Len(t, edges, want.edges, "edge count")
	edgeIDs := map[string]bool{}
	type typed struct{ s, t, kind string }
	seen := map[typed]bool{}
	for _, e := range edges {
		id, _ := e.attr("id")
		assert.True(t, id != "" && !edgeIDs[id], "edge id %q missing or repeated", id)
		edgeIDs[id] = true
		s, _ := e.attr("source")
		tg, _ := e.attr("target")
		assert.True(t, nodeIDs[s] && nodeIDs[tg], "edge %q: endpoints must be nodes", id)
		kind, _ := e.attr("kind")
		assert.NotEmpty(t, kind, "edge %q: kind (Gephi's edge type)", id)
		w, ok := e.attr("weight")
		assert.True(t, ok, "edge %q: weight", id)
		assert.NoError(t, checkValue("double", w))
		typ, ok := e.attr("type")
		if ok {
			assert.Contains(t, []string{"directed", "undirected", "mutual"}, typ)
		} else {
			typ = def
		}
		assert.Equal(t, kind, attvalues(e, "edge")["relation"], "edge %q: relation repeats kind", id)
		k := typed{s, tg, kind}
		if typ != "directed" && tg < s {
			k.s, k.t = tg, s
		}
		assert.False(t, seen[k], "parallel edges of one type %v", k)
		seen[k] = true
	}
}

// conformanceCases are the graphs and options every GraphML and GEXF
// conformance check runs on.
func conformanceCases(t testing.TB) map[string]struct {
	g   *graph.Graph
	opt Options
} {
	small := smallGraph(t)
	hostile := hostileGraph(t)
	big := randomGraph(t, 300, 7)
	return map[string]struct {
		g   *graph.Graph
		opt Options
	}{
		"small":              {small, Options{Layout: layoutFor(small), Version: "v0.1.0", Description: "test"}},
		"small/no-layout":    {small, Options{}},
		"small/mixed-shares": {small, Options{Layout: layoutFor(small), UndirectedShares: true}},
		"hostile":            {hostile, Options{Layout: layoutFor(hostile), Description: hostileTitles[0]}},
		"random-300":         {big, Options{Layout: layoutFor(big)}},
		"empty":              {emptyGraph(t), Options{Layout: &Layout{}}},
	}
}

func TestGephiConformance(t *testing.T) {
	for name, c := range conformanceCases(t) {
		t.Run(name+"/graphml", func(t *testing.T) {
			out := write(t, func(b *bytes.Buffer) error { return GraphML(b, c.g, c.opt) })
			checkGraphMLConformance(t, out, expectFor(c.g, c.opt))
		})
		t.Run(name+"/gexf", func(t *testing.T) {
			out := write(t, func(b *bytes.Buffer) error { return GEXF(b, c.g, c.opt) })
			checkGEXFConformance(t, out, expectFor(c.g, c.opt))
		})
	}
}

// TestConformanceCatchesViolations feeds the checks files that break the
// rules, so a check that passes everything would fail here.
func TestConformanceCatchesViolations(t *testing.T) {
	g := smallGraph(t)
	opt := Options{Layout: layoutFor(g)}
	gml := string(write(t, func(b *bytes.Buffer) error { return GraphML(b, g, opt) }))
	gexf := string(write(t, func(b *bytes.Buffer) error { return GEXF(b, g, opt) }))
	cases := []struct {
		name, format, old, new string
	}{
		{"float colour", "graphml", `<data key="r">204</data>`, `<data key="r">204.0</data>`},
		{"for all", "graphml", `<key id="kind" for="node"`, `<key id="kind" for="all"`},
		{"capitalised label", "graphml", `attr.name="label"`, `attr.name="Label"`},
		{"untyped key", "graphml", ` attr.type="string"/>`, `/>`},
		{"duplicate edge id", "graphml", `<edge id="e1"`, `<edge id="e0"`},
		{"parallel edge of one type", "graphml", `target="paper:2401.00002" label="shares"`, `target="paper:2401.00002" label="cites"`},
		{"forbidden reference", "graphml", `>MMLU<`, `>MM&#11;LU<`},
		{"no edge type", "graphml", ` label="mentions"`, ``},
		{"float colour", "gexf", `r="204"`, `r="204.5"`},
		{"anyURI", "gexf", `id="url" title="url" type="string"`, `id="url" title="url" type="anyURI"`},
		{"size not first", "gexf", `<viz:size value="16"/>`, `<viz:size x="1" value="16"/>`},
		{"edge weight attribute", "gexf", `<attribute id="evidence" title="evidence"`, `<attribute id="weight" title="evidence"`},
		{"wrong namespace", "gexf", `xmlns="http://gexf.net/1.3"`, `xmlns="http://www.gexf.net/1.2draft"`},
	}
	for _, c := range cases {
		t.Run(c.format+"/"+c.name, func(t *testing.T) {
			src := gml
			check := checkGraphMLConformance
			if c.format == "gexf" {
				src, check = gexf, checkGEXFConformance
			}
			require.Contains(t, src, c.old, "test case must change the file")
			broken := []byte(replaceFirst(src, c.old, c.new))
			rec := &recorder{}
			func() {
				defer func() {
					if r := recover(); r != nil && r != any(rec) {
						t.Fatalf("check panicked: %v", r)
					}
				}() // require.s FailNow ends the check early with panic(rec)
				check(rec, broken, expectFor(g, opt))
			}()
			assert.True(t, rec.failed, "the check accepted a file with %s", c.name)
		})
	}
}

func replaceFirst(s, old, new string) string {
	i := bytes.Index([]byte(s), []byte(old))
	return s[:i] + new + s[i+len(old):]
}

// recorder is a testing.TB that records failure instead of reporting it.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) FailNow()              { r.failed = true; panic(r) }
func (r *recorder) Fail()                 { r.failed = true }
func (r *recorder) Failed() bool          { return r.failed }
func (r *recorder) Name() string          { return "recorder" }
