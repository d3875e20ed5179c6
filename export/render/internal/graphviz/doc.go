// Package graphviz is github.com/goccy/go-graphviz v0.2.10 (MIT, see
// LICENSE), Graphviz compiled to WebAssembly and run with wazero, changed
// in one respect: the WebAssembly module is compiled and instantiated on
// the first call of [New], [NewWithPlugins] or a cgraph or gvc entry
// point, not in init functions. Upstream pays that (about 0.15 s warm,
// more cold) at the start of every program that links it, so
// `papergraph -version` and `papergraph extract` paid it too.
//
// The second change: no Go renderer for PNG and JPG is registered (gvc's
// DefaultPlugins returns none, and the renderer built on fogleman/gg,
// golang/freetype and disintegration/imaging is gone), so those libraries
// are not compiled; papergraph rasterises Graphviz's SVG itself. What
// only served those formats is gone too: the PNG and JPG formats,
// RenderImage (which decoded Graphviz's PNG or JPG with image/jpeg and
// image/png), PNGDevicePlugin, JPGDevicePlugin and PNGLoadImagePlugin.
// The Go plugin API itself (NewRenderPlugin, NewDevicePlugin,
// NewLoadImagePlugin) stays: the WebAssembly module's host callbacks are
// wired to it.
//
// The changes from upstream: internal/wasm's init is Load (once);
// cgraph's and gvc's inits are Init (once), called by their exported
// functions; New and NewWithPlugins set the Directed, StrictDirected,
// UnDirected and StrictUnDirected descriptors, which are nil before;
// import paths; gofmt. TestModuleStartsOnFirstUse checks the first change
// (internal/wasm.Loaded says whether the module was started).
package graphviz
