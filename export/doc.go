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
package export
