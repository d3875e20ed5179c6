package gvc

import (
	"context"

	"github.com/papergraph/papergraph/export/render/internal/graphviz/internal/wasm"
)

type Plugin interface {
	raw() *wasm.PluginAPI
}

// DefaultPlugins returns no plugin: upstream registers Go renderers for
// PNG and JPG here (fogleman/gg, golang/freetype, disintegration/imaging),
// which papergraph never asks Graphviz for (it rasterises the SVG
// itself); they were about 1% of a cold build's compile time. SVG and
// the layouts are Graphviz's own.
func DefaultPlugins(ctx context.Context) ([]Plugin, error) {
	Init()
	return nil, nil
}
