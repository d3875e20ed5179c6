package export

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/require"
)

// FuzzReadNodeLinkJSON: whatever the bytes, ReadNodeLinkJSON returns a
// graph or an error, never panics; a graph it reads, written again and
// read back, has the same nodes and edges. Seeds: the golden node-link
// file and the node-link files of the fuzz graphs of the hostile titles.
func FuzzReadNodeLinkJSON(f *testing.F) {
	if b, err := os.ReadFile("testdata/small.nodelink.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"nodes":[{"id":"a"},{"id":"b"}],"links":[{"source":"a","target":"b","relation":"shares","weight":1}]}`))
	f.Add([]byte(`{"nodes":[{"id":"a"}],"links":[{"source":"a","target":"zz"}]}`))
	for i, s := range hostileTitles {
		g, opt := fuzzGraph(&testing.T{}, s, hostileTitles[(i+1)%len(hostileTitles)], itoa(i), 0.5)
		var b bytes.Buffer
		if g != nil && NodeLinkJSON(&b, g, opt) == nil {
			f.Add(b.Bytes())
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ReadNodeLinkJSON(bytes.NewReader(data))
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "export: "), "%v", err)
			return
		}
		var b bytes.Buffer
		if err := NodeLinkJSON(&b, g, Options{}); err != nil {
			return // a value the writer refuses (not finite)
		}
		again, err := ReadNodeLinkJSON(&b)
		if err != nil {
			// Invalid UTF-8 in two IDs can become one ID once written.
			return
		}
		require.Len(t, again.Nodes(), len(g.Nodes()))
		require.Equal(t, g.NumEdges(), again.NumEdges())
	})
}

// fuzzWritten runs writer w on the fuzz graph and, unless it refuses the
// input, check on its output.
func fuzzWritten(f *testing.F, w writerFunc, check func(t *testing.T, g *graph.Graph, opt Options, out []byte)) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text, other, id string, weight float64) {
		g, opt := fuzzGraph(t, text, other, id, weight)
		if g == nil {
			return
		}
		var b bytes.Buffer
		if refused(t, w(&b, g, opt)) {
			return
		}
		check(t, g, opt, b.Bytes())
	})
}

// FuzzVOSviewer: whatever the text, the VOSviewer file is valid JSON with
// an item per node (IDs as written, made valid UTF-8) and links between
// items only.
func FuzzVOSviewer(f *testing.F) {
	fuzzWritten(f, VOSviewerJSON, func(t *testing.T, g *graph.Graph, _ Options, out []byte) {
		var doc vosDoc
		require.NoError(t, json.Unmarshal(out, &doc), "%s", out)
		require.Len(t, doc.Network.Items, len(g.Nodes()))
		ids := map[string]bool{}
		for i, n := range g.Nodes() {
			require.Equal(t, validUTF8(n.ID), doc.Network.Items[i].ID)
			ids[doc.Network.Items[i].ID] = true
			require.NotContains(t, strings.ToLower(doc.Network.Items[i].Description), "<script")
		}
		for _, l := range doc.Network.Links {
			require.True(t, ids[l.Source] && ids[l.Target], "link %q-%q", l.Source, l.Target)
		}
	})
}

// FuzzReport: whatever the text, report.md keeps its structure: its
// headings are the writer's only, and no text becomes an HTML tag.
func FuzzReport(f *testing.F) {
	fuzzWritten(f, Report, func(t *testing.T, _ *graph.Graph, _ Options, b []byte) {
		out := string(b)
		require.True(t, strings.HasPrefix(out, "# papergraph report\n"))
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "#") {
				require.True(t, strings.HasPrefix(line, "# papergraph report") || strings.HasPrefix(line, "## "), "heading %q", line)
			}
		}
		require.NotContains(t, out, "<", "no raw < from the text: %s", out)
	})
}
