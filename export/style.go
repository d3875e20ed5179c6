package export

import (
	"math"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// RGB is a colour with 8-bit components.
type RGB struct{ R, G, B uint8 }

// Hex returns the colour as "#rrggbb".
func (c RGB) Hex() string {
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range []uint8{c.R, c.G, c.B} {
		b[1+2*i] = digits[v>>4]
		b[2+2*i] = digits[v&15]
	}
	return string(b)
}

// Palette is the colour of each node kind, from the Okabe–Ito palette,
// which stays distinguishable under the common forms of colour blindness.
var Palette = map[papergraph.Kind]RGB{
	papergraph.KindPaper:     {0x00, 0x72, 0xB2}, // blue
	papergraph.KindRepo:      {0xE6, 0x9F, 0x00}, // orange
	papergraph.KindURL:       {0x56, 0xB4, 0xE9}, // sky blue
	papergraph.KindDataset:   {0x00, 0x9E, 0x73}, // bluish green
	papergraph.KindBenchmark: {0xCC, 0x79, 0xA7}, // reddish purple
	papergraph.KindModel:     {0xD5, 0x5E, 0x00}, // vermillion
}

// ExternalColor colours papers outside the batch.
var ExternalColor = RGB{0x99, 0x99, 0x99}

// Color returns the colour of a node: by kind, grey for external papers.
func Color(n graph.Node) RGB {
	if n.External {
		return ExternalColor
	}
	if c, ok := Palette[n.Kind]; ok {
		return c
	}
	return RGB{0x66, 0x66, 0x66}
}

// CommunityColor returns the colour of a node's community, the one every
// format and picture shares ([graph.CommunityColour]), and false for a
// node in no community.
func CommunityColor(n graph.Node) (RGB, bool) {
	if n.Community < 0 {
		return RGB{}, false
	}
	c, _ := ParseHex(graph.CommunityColour(n.Community))
	return c, true
}

// ParseHex reads a colour written "#rrggbb" or "#rgb", in either case:
// the one reader of the hexadecimal colours the graph, the styles and
// Graphviz's SVG give. ok is false, and the colour black, for anything
// else.
func ParseHex(s string) (c RGB, ok bool) {
	if len(s) == 4 && s[0] == '#' {
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	if len(s) != 7 || s[0] != '#' {
		return RGB{}, false
	}
	var v [3]uint8
	for i := range v {
		for _, c := range []byte(s[1+2*i : 3+2*i]) {
			var d uint8
			switch {
			case c >= '0' && c <= '9':
				d = c - '0'
			case c >= 'a' && c <= 'f':
				d = c - 'a' + 10
			case c >= 'A' && c <= 'F':
				d = c - 'A' + 10
			default:
				return RGB{}, false
			}
			v[i] = v[i]<<4 | d
		}
	}
	return RGB{v[0], v[1], v[2]}, true
}

// ColorScheme chooses what a node's display colour shows in the data
// formats ([Options].Colors).
type ColorScheme int

const (
	// ColorByKind colours nodes by kind ([Color]).
	ColorByKind ColorScheme = iota
	// ColorByCommunity colours nodes in a community with its colour
	// ([CommunityColor]), the others by kind.
	ColorByCommunity
)

// nodeColor is a node's display colour under opt.Colors.
func (opt Options) nodeColor(n *graph.Node) RGB {
	if opt.Colors == ColorByCommunity {
		if c, ok := CommunityColor(*n); ok {
			return c
		}
	}
	return Color(*n)
}

// Size returns a node's display size, growing with the square root of its
// weighted degree so that hubs stand out without swamping the picture.
// Sizes lie in [10, 60].
func Size(n graph.Node) float64 {
	s := 10 + 6*math.Sqrt(n.Strength)
	if s > 60 {
		s = 60
	}
	return math.Round(s*100) / 100
}

// RelationColor is the colour of each relation's edges, as the DOT
// picture draws them: mentions grey, shares blue (the paper colour: they
// join papers), cites near-black.
var RelationColor = map[graph.Relation]RGB{
	graph.Mentions: {0x8c, 0x8c, 0x8c},
	graph.Shares:   {0x00, 0x72, 0xb2},
	graph.Cites:    {0x33, 0x33, 0x33},
}

// EdgeColor returns the colour of an edge: its relation's
// ([RelationColor]), grey for a relation without one.
func EdgeColor(e graph.Edge) RGB {
	if c, ok := RelationColor[e.Relation]; ok {
		return c
	}
	return RGB{0x8c, 0x8c, 0x8c}
}

// EdgeWidth returns an edge's display width, as the DOT picture's pen
// width: a shares edge grows with the square root of its weight, from 0.8
// to 5 (1 for a weight that is not positive); a mentions edge is 0.7, a
// cites edge 1.1.
func EdgeWidth(e graph.Edge) float64 {
	switch e.Relation {
	case graph.Shares:
		return math.Round(dotShareWidth(e.Weight)*100) / 100
	case graph.Cites:
		return 1.1
	}
	return 0.7
}
