// Package read turns the paper listings researchers hold into
// [papergraph.Paper] records: the Hugging Face trending page (text) and its
// JSON API, arXiv API Atom feeds and the arXiv metadata snapshot (JSON
// Lines), OpenAlex works, Semantic Scholar Graph API papers, BibTeX
// libraries, and CSV/TSV tables, each optionally gzip-compressed.
//
// # Reading
//
// [Open] detects the format from the first bytes of its input (or takes
// the one named in [Options.Format]) and returns a [Reader] whose
// [Reader.Next] yields one paper at a time. Every format streams: memory
// use is bounded by the largest record ([Options.MaxRecordBytes]), not by
// the input, and a line of any length up to that limit is read.
//
// The strings of papers read from JSON Lines share blocks of 64 KiB with
// those of the papers read near them (abstracts with abstracts, the other
// strings with each other): a block is freed once none of its strings is
// held. A caller that keeps a few papers of many should keep copies
// ([strings.Clone]) of their strings, or each kept paper holds its blocks.
//
// A malformed record makes Next return a [*RecordError] carrying its
// position (file and line, or record number); the caller may count it and
// call Next again to continue with the next record. Errors that end the
// input (unknown format, empty or binary input, broken syntax of a JSON or
// XML document, a read error) are returned by Open or, sticky, by every
// later call of Next; they wrap the sentinels [ErrUnknownFormat],
// [ErrEmpty], [ErrBinary], [ErrTooLarge], [ErrEntity] or [ErrMalformed].
//
// # Identity
//
// Readers normalise identifiers with [papergraph.NormalizeArXiv] and
// [papergraph.NormalizeDOI]: arXiv DOIs (10.48550/arXiv.*) become arXiv ids.
// [Merge] folds records of the same paper from different sources into one.
//
// A Reader is not safe for concurrent use; distinct Readers are
// independent.
package read
