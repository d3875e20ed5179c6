// Package table writes extracted papers as mention tables, the input of
// an engine's projection (DuckDB, Spark SQL, BigQuery): six tables, each
// in shards of at most [Options].ShardPapers papers, in Parquet or JSON
// Lines.
//
//	papers-NNNNN.parquet    one row per input record ([Paper])
//	mentions-NNNNN.parquet  one row per entity a record names ([Mention])
//	refs-NNNNN.parquet      one row per work a record cites ([Ref])
//	names-NNNNN.parquet     one row per name a record is known by ([Name])
//	texts-NNNNN.parquet     a record's title and abstract ([Text])
//	words-NNNNN.parquet     one row per word of those that may anchor a name ([Word])
//
// A [Writer] holds one shard's row group at most, so its memory does not
// grow with the input. Records are written as read: duplicates of one
// paper are not merged here but by the projection (see
// docs/projection.md), which links records by the keys papergraph.Merge
// compares (the papers table's merge_* columns, taken before extraction)
// and keeps the fields of the best-ranked record that has each. Every
// row carries the record's own paper key and digest, so the projection
// can tell the records of one paper apart.
//
// The texts and words tables let the projection find papers' names in
// each other's text ([extract.NameRefs], a pass over the whole batch,
// which a streaming extraction cannot run): a name is looked up by its
// anchor word and checked against the text.
//
// The files are byte-for-byte the same for the same input and version:
// rows are written in input order and no file holds a time.
package table
