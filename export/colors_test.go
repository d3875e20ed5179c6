package export

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommunityColorEverywhere: with Colors ColorByCommunity, a node in a
// community has its community's colour (graph.CommunityColour, the one
// communities.csv, the picture and the viewer use) as its display colour
// in GraphML (r, g, b), GEXF (viz:color) and the JSON forms (color), and
// in the community_color column of every format whatever the scheme; a
// node in no community keeps its kind's colour.
func TestCommunityColorEverywhere(t *testing.T) {
	g, err := graph.Build(builtPapers(300, 7), graph.Options{})
	require.NoError(t, err)
	require.NotZero(t, g.Stats().Communities)
	for _, scheme := range []ColorScheme{ColorByKind, ColorByCommunity} {
		opt := Options{Colors: scheme}
		want := func(n graph.Node) string {
			if c, ok := CommunityColor(n); ok && scheme == ColorByCommunity {
				return c.Hex()
			}
			return Color(n).Hex()
		}
		gml, err := decodeGraphML(write(t, func(b *bytes.Buffer) error { return GraphML(b, g, opt) }))
		require.NoError(t, err)
		root, err := parseXML(write(t, func(b *bytes.Buffer) error { return GEXF(b, g, opt) }))
		require.NoError(t, err)
		gexf := map[string]string{}
		for _, n := range root.one("graph").one("nodes").all("node") {
			id, _ := n.attr("id")
			for _, c := range n.Children {
				if c.Name.Local == "color" {
					var rgb RGB
					for i, k := range []string{"r", "g", "b"} {
						s, _ := c.attr(k)
						v, err := strconv.Atoi(s)
						require.NoError(t, err)
						*[]*uint8{&rgb.R, &rgb.G, &rgb.B}[i] = uint8(v)
					}
					gexf[id] = rgb.Hex()
				}
			}
		}
		var nl struct {
			Nodes []struct {
				ID             string `json:"id"`
				Color          string `json:"color"`
				CommunityColor string `json:"community_color"`
			} `json:"nodes"`
		}
		require.NoError(t, json.Unmarshal(write(t, func(b *bytes.Buffer) error { return NodeLinkJSON(b, g, opt) }), &nl))
		in := 0
		for i, n := range g.Nodes() {
			d := gml.nodes[n.ID]
			r, _ := strconv.Atoi(d["r"])
			gg, _ := strconv.Atoi(d["g"])
			b, _ := strconv.Atoi(d["b"])
			assert.Equal(t, want(n), RGB{uint8(r), uint8(gg), uint8(b)}.Hex(), "graphml %s", n.ID)
			assert.Equal(t, want(n), gexf[n.ID], "gexf %s", n.ID)
			assert.Equal(t, want(n), nl.Nodes[i].Color, "json %s", n.ID)
			if n.Community >= 0 {
				in++
				assert.Equal(t, graph.CommunityColour(n.Community), d["community_color"], n.ID)
				assert.Equal(t, graph.CommunityColour(n.Community), nl.Nodes[i].CommunityColor, n.ID)
			} else {
				assert.Empty(t, d["community_color"], n.ID)
				assert.Empty(t, nl.Nodes[i].CommunityColor, n.ID)
			}
		}
		require.NotZero(t, in)
	}
}

func TestParseHex(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want RGB
		ok   bool
	}{
		{"#f3c300", RGB{0xf3, 0xc3, 0x00}, true},
		{"#F3C300", RGB{0xf3, 0xc3, 0x00}, true},
		{"#fc0", RGB{0xff, 0xcc, 0x00}, true},
		{"f3c300", RGB{}, false},
		{"#f3c30", RGB{}, false},
		{"#f3c3000", RGB{}, false},
		{"#f3g300", RGB{}, false},
		{"#+3c300", RGB{}, false},
		{"", RGB{}, false},
	} {
		c, ok := ParseHex(tc.in)
		assert.Equal(t, tc.want, c, tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
	}
	for _, c := range []RGB{{}, {0xff, 0xff, 0xff}, {0x01, 0x9e, 0x73}} {
		back, ok := ParseHex(c.Hex())
		assert.True(t, ok, c.Hex())
		assert.Equal(t, c, back, "ParseHex reads what Hex writes")
	}
}
