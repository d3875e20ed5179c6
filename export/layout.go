package export

// Point is a node position in points (1/72 inch), y growing upwards as in
// Graphviz and Gephi.
type Point struct{ X, Y float64 }

// Layout holds node positions computed once and shared by every writer.
// A nil *Layout means no positions: writers then omit them.
type Layout struct {
	// Engine is the Graphviz engine that computed the layout ("dot", "neato", "sfdp").
	Engine string
	// Pos maps node ID to its centre.
	Pos map[string]Point
	// Width and Height are the size of the bounding box in points.
	Width, Height float64
}

// Position returns the position of node id and whether the layout has one.
func (l *Layout) Position(id string) (Point, bool) {
	if l == nil {
		return Point{}, false
	}
	p, ok := l.Pos[id]
	return p, ok
}
