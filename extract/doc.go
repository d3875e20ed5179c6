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
package extract
