// Package papergraph holds the nouns every stage of papergraph passes on:
// a [Paper] as read from an input, the [Entity] artifacts it names, the
// [Ref] works it cites, the [Link] of each structured field, the [Kind] of
// each graph node, and identity: [NormalizeArXiv], [NormalizeDOI], [Slug],
// [Paper.Key], [Entity.Key] and [Merge], which folds records of one paper
// into one.
//
// The packages that do the work import it and nothing here imports them:
//
//	extract/read  reads inputs into Papers
//	extract       finds each Paper's entities, refs and name (one pass per paper)
//	graph         builds the graph of papers, artifacts and citations
//	export        writes it (DOT, SVG, PNG, GraphML, GEXF, JSON, CSV)
//	cmd/papergraph  the command that wires them together
package papergraph
