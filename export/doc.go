// Package export writes a [graph.Graph] in the formats viewers read: DOT,
// GraphML and GEXF for Gephi, JSON for web viewers (Cytoscape.js, D3,
// sigma.js) and CSV for spreadsheets and bulk importers.
//
// Every writer takes an io.Writer, writes nodes sorted by ID and edges by
// (Source, Target, Relation), and is byte-for-byte deterministic for a given
// graph, layout and papergraph version. Untrusted text (titles, names, URLs)
// is always escaped for the target format; characters XML 1.0 forbids are
// replaced.
//
// Positions come from a [Layout], computed once (see package
// export/render) and shared by every format, so Gephi opens with the same
// picture as the rendered SVG.
//
// A graph too large to hold is written from a [graph.Stream] by
// [StreamFiles]: GraphML, GEXF, CSV, node-link and Cytoscape.js JSON,
// through the same writers, read in order one node or edge at a time, to
// the bytes [Files] gives for the same graph in memory without
// communities, centrality and positions. The other formats say why they
// need the whole graph ([Format].Whole).
package export
