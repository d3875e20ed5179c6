//go:build tools

// This file pins the dependencies the packages are being built on while the
// work is in progress; it is removed once every dependency is imported.
package papergraph

import (
	_ "github.com/coregx/ahocorasick"
	_ "github.com/dominikbraun/graph"
	_ "github.com/goccy/go-graphviz"
	_ "github.com/tdewolff/canvas"
	_ "github.com/tdewolff/canvas/renderers/rasterizer"
	_ "mvdan.cc/xurls/v2"
)
