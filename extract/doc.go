// Package extract finds the artifacts a paper's abstract names: code
// repositories, project pages, Hugging Face models, datasets and spaces,
// named datasets, benchmarks and models, and references to other papers
// (arXiv ids, DOIs).
//
// It fills the [papergraph.Paper] records the readers of package read
// produce; the nouns themselves live in package papergraph, so readers,
// graph and writers need not link this engine. Dependencies flow
// papergraph ← extract/read, extract ← graph ← export ← cmd.
//
// # Offsets
//
// Every [papergraph.Entity] found in text carries the exact surface string
// and its byte offsets [Start, End) into the text it was found in, so
// callers can highlight and audit each match.
//
// # Long texts
//
// The rules read at most 16 KiB of text at once: a longer text (an arXiv
// abstract is at most 1,920 characters) is read in windows cut at
// sentence ends, and a sentence is at most 256 tokens, so time is linear
// in the text and memory is one window's working set (about 2 MB) plus
// the result. A name one window defines (an acronym, a document alias)
// is not carried to the next. [Extractor.Paper] keeps only the first
// mention of each artifact, and at most [MaxPerText] artifacts and
// MaxPerText references, counting the mentions past them in
// [papergraph.Paper.LeftOut]: what it holds between windows is bounded
// whatever the text.
package extract
