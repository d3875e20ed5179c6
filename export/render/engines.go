package render

import "slices"

// engines are the layout engines [Options].Engine may force.
var engines = []string{"dot", "neato", "sfdp"}

// Engines returns the names of the layout engines [Options].Engine may
// force, in a fixed order.
func Engines() []string { return slices.Clone(engines) }
