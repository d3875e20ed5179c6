// Package tables reads the node and edge tables an engine's projection
// writes (docs/sql: DuckDB, Spark SQL, BigQuery) into the nodes and edges
// of a papergraph graph, for [graph.Assemble] and the writers of package
// export.
//
// A table is Parquet (by the name's ending .parquet), JSON Lines (.jsonl,
// .json, .ndjson) or CSV (.csv, with a header; a list cell holds a JSON
// array). Columns are found by name, so their order is free and columns
// papergraph does not know are ignored.
//
// Nodes: id, kind, label, title, url, arxiv, doi, authors (list), year,
// family, introduces (list), external, papers, left_out, promises_code.
// Edges: source, target, relation, weight, evidence, shared (list).
package tables
