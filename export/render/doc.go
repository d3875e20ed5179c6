// Package render lays out a [graph.Graph] with Graphviz and draws it as SVG
// and PNG. It is the only papergraph package that links Graphviz: a copy
// of github.com/goccy/go-graphviz (Graphviz 12 compiled to WebAssembly,
// in internal/graphviz) whose module is compiled and instantiated on the
// first layout or picture, not at program start, so programs and commands
// that write no picture (papergraph -version, extract, the text formats
// of a graph too large to draw) do not pay its start-up: about 0.15 s
// warm; cold, half a second to compile the module, cached in
// $TMPDIR/go-graphviz.
//
// # One layout for every format
//
// [Layout] computes positions once: dot for a handful of nodes, neato
// (stress majorisation) for up to [NeatoMaxNodes] nodes, sfdp for more;
// papergraph then removes overlaps itself (Graphviz's prism is missing
// from the WebAssembly build). The same [export.Layout] feeds
// GraphML, GEXF and JSON (x/y) and the pictures: [SVG] renders the DOT from
// [export.DOT] with every position pinned (neato -n2), so Gephi opens with
// the picture the SVG shows.
//
// # PNG
//
// go-graphviz's PNG renderer fills every shape (goccy/go-graphviz#106).
// [PNG] instead rasterises the SVG in pure Go ([Rasterize]), so PNG and
// SVG agree: shapes are filled and stroked with srwiley/rasterx (miter
// joins, butt caps, dashes) into golang.org/x/image/vector's exact-area
// anti-aliasing, one band of the shape's own bounding box at a time, and
// text is drawn from glyph outlines (golang.org/x/image/font/sfnt) of an
// embedded DejaVu Sans, with the font's pair kerning. Characters DejaVu
// Sans lacks (CJK) are drawn with a system font when one of
// [FallbackFonts] is installed (Debian: fonts-noto-cjk), else as a
// missing-glyph box; each run of one font is placed by papergraph, so
// mixed scripts ("PixArt-α") keep their order when centred.
//
// # Scripts
//
// There is no shaping engine: go-text/typesetting, HarfBuzz's port, took
// 4 % of a cold build of the command by itself, more than twice the whole
// rasteriser now (see the README's "First run"). A character is one
// glyph. That draws Latin, Greek, Cyrillic, Armenian, Georgian, CJK,
// kana and precomposed hangul as a shaping engine would. Two steps make
// right-to-left labels right: the Unicode bidirectional algorithm for one
// left-to-right line (SVG's default direction; no explicit embeddings)
// reverses Hebrew and Arabic runs, keeps numbers in them in order and
// mirrors brackets; Arabic and Persian letters are joined through their
// presentation forms (initial, medial, final, isolated, lam-alef), which
// DejaVu Sans has. What is drawn differently from a shaping engine:
// combining marks sit where the font's mark glyph puts them, not
// positioned over their letter (within a pixel for most Latin and Greek
// accents; precomposed letters are unaffected); no ligatures (fi stays two
// letters); scripts that need glyph reordering or conjuncts (Devanagari,
// Bengali, Thai, Khmer ...) are drawn one glyph per character in logical
// order, and as missing-glyph boxes unless a fallback font has them, as
// DejaVu Sans has none of them; colour emoji are boxes.
//
// # Limits and concurrency
//
// Graphs above [Options.MaxNodes] or [Options.MaxEdges] are refused with
// [ErrTooLarge] before any work. [Rasterize] clamps coordinates, stroke
// widths and the number of dashes, and skips glyphs outside the picture,
// so an untrusted SVG costs time in proportion to its length and the
// picture's area. The WebAssembly Graphviz is not safe for
// concurrent use, so every call into it holds one package-level lock;
// all functions here are safe for concurrent use, and calls into Graphviz
// run one at a time. Graphviz ignores context deadlines: a context is
// checked before each call starts, not during it.
//
// # Stability
//
// For a given graph, options and papergraph version, Layout's positions
// and the SVG and PNG bytes are deterministic. The SVG text includes the
// Graphviz version in a comment.
package render
