// Package extract finds the artifacts a paper's abstract names: code
// repositories, project pages, Hugging Face models, datasets and spaces,
// named datasets, benchmarks and models, and references to other papers
// (arXiv ids, DOIs).
//
// It also defines [Paper], the record every input reader produces and every
// later stage (graph, export) consumes. Nothing in this package imports the
// rest of papergraph: dependencies flow extract ← graph ← export ← cmd.
//
// # Offsets
//
// Every [Entity] found in text carries the exact surface string and its byte
// offsets [Entity.Start, Entity.End) into the text it was found in, so callers
// can highlight and audit each match.
package extract
