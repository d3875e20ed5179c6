package export

import (
	"cmp"
	"math"
	"slices"

	"github.com/papergraph/papergraph/graph"
)

// DiscEngine is the [Layout.Engine] of [DiscLayout].
const DiscEngine = "papergraph-discs"

// discSpacing is the distance, in points, between neighbouring nodes of a
// disc.
const discSpacing = 18

// DiscLayout places every node of g without Graphviz, in time linear in
// the number of nodes, for graphs too large for the Graphviz layout (package render): each
// community ([graph.Node.Community]) is a disc, its nodes on a sunflower
// spiral (the n-th at radius ∝ √n, turning by the golden angle), the
// strongest (largest weighted degree) at the centre. A node in no
// community joins that of its strongest neighbour in one; the nodes left
// (no edge to a community) share one last disc. Discs are packed in rows, largest
// community first, in a box about 1.6 times as wide as it is tall. The
// same graph gives the same positions.
func DiscLayout(g *graph.Graph) *Layout {
	nodes := g.Nodes()
	index := make(map[string]int, len(nodes))
	for i := range nodes {
		index[nodes[i].ID] = i
	}
	// A node in no community but with edges joins the community of its
	// strongest neighbour that has one (ties: the first in edge order), so it
	// sits near what it links to; the others share the last disc.
	group := make([]int, len(nodes))
	best := make([]float64, len(nodes))
	for i := range nodes {
		group[i] = nodes[i].Community
	}
	// Joining goes on through nodes that joined (papers naming only an
	// artifact that joined), a few rounds at most.
	for round := 0; round < 4; round++ {
		from := slices.Clone(group)
		changed := false
		join := func(a, b int, w float64) {
			if nodes[a].Community < 0 && from[b] >= 0 && (group[a] < 0 || w > best[a]) && group[a] != from[b] {
				group[a], best[a], changed = from[b], w, true
			}
		}
		for e := range g.AllEdges() {
			s, t := index[e.Source], index[e.Target]
			join(s, t, e.Weight)
			join(t, s, e.Weight)
		}
		if !changed {
			break
		}
	}
	groups := map[int][]int{}
	for i := range nodes {
		groups[group[i]] = append(groups[group[i]], i)
	}
	keys := make([]int, 0, len(groups))
	for c := range groups {
		keys = append(keys, c)
	}
	// Communities in order (by decreasing size), the rest (-1) last.
	slices.SortFunc(keys, func(a, b int) int {
		if (a < 0) != (b < 0) {
			if a < 0 {
				return 1
			}
			return -1
		}
		return cmp.Compare(a, b)
	})
	radius := func(n int) float64 { return discSpacing * (math.Sqrt(float64(n)) + 1) }
	area := 0.0
	for _, c := range keys {
		d := 2 * radius(len(groups[c]))
		area += d * d
	}
	width := math.Sqrt(area * 1.6)
	lay := &Layout{Engine: DiscEngine, Pos: make(map[string]Point, len(nodes))}
	golden := math.Pi * (3 - math.Sqrt(5))
	x, top, rowHeight := 0.0, 0.0, 0.0
	minY := 0.0
	for _, c := range keys {
		members := groups[c]
		slices.SortFunc(members, func(a, b int) int {
			return cmp.Or(cmp.Compare(nodes[b].Strength, nodes[a].Strength), cmp.Compare(nodes[a].ID, nodes[b].ID))
		})
		r := radius(len(members))
		if x > 0 && x+2*r > width {
			x, top, rowHeight = 0, top-rowHeight-discSpacing, 0
		}
		cx, cy := x+r, top-r
		for k, i := range members {
			rho := discSpacing * math.Sqrt(float64(k)+0.5)
			theta := float64(k) * golden
			lay.Pos[nodes[i].ID] = Point{X: cx + rho*math.Cos(theta), Y: cy + rho*math.Sin(theta)}
		}
		x += 2*r + discSpacing
		rowHeight = max(rowHeight, 2*r)
		lay.Width = max(lay.Width, x-discSpacing)
		minY = min(minY, top-2*r)
	}
	// Move the box to the origin, y growing upwards, positions rounded
	// to hundredths so that they print the same everywhere.
	for id, p := range lay.Pos {
		lay.Pos[id] = Point{X: math.Round(p.X*100) / 100, Y: math.Round((p.Y-minY)*100) / 100}
	}
	lay.Width = math.Round(lay.Width*100) / 100
	lay.Height = math.Round(-minY*100) / 100
	return lay
}
