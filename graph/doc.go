// Package graph links papers to the artifacts they name and to each other.
//
// [Build] turns extracted papers into a [Graph]: a node per paper and per
// distinct artifact, a "mentions" edge from a paper to each artifact it
// names, a "shares" edge between two papers that name a common artifact or
// cite a common work (weighted by how rare the shared things are), and a
// "cites" edge where one paper cites or names another. Works outside the
// batch that several batch papers cite become external paper nodes.
//
// # Scale
//
// The paper–paper projection is quadratic in an artifact's document
// frequency. By default [Build] leaves out artifacts named by too many
// papers ([Options].MaxDF, reported in [Stats].LeftOut) and keeps each
// paper's strongest links ([Options].TopK); [Options].Exact keeps all of
// it. The counting runs on interned int32 ids, postings lists and per-row
// accumulators, in parallel over rows, with results independent of the
// number of goroutines.
//
// A built graph keeps its edges in compact columns; [Graph.Edges] makes the
// []Edge slice on first use, [Graph.AllEdges] streams edges without it.
// Adjacency queries ([Graph.Neighbors], [Graph.EdgesAt], [Graph.Edge]) and
// the searches ([Graph.Path], [Graph.Distances]) use a
// compressed-sparse-row index that copies nothing per query. Package
// graph/dgview shows a built graph to github.com/dominikbraun/graph's
// algorithms, with what each costs; this package does not import that
// library.
//
// A graph whose edges do not fit in memory is a [Stream]: [OpenStream]
// reads node and edge tables, sorted, once to check them and count each
// node's edges, and each reading after that gives the nodes and edges of
// the graph [Assemble] would make without communities and centrality,
// holding one row at a time.
//
// # Phases
//
// [Build] runs its phases in order, each in a file of its own: papers.go
// sorts the papers and gives them IDs, artifacts.go interns the entities,
// fold.go makes a paper and the artifacts it introduces one node, cites.go
// resolves references (by identifier, by an introduced artifact
// named, by a name extraction found in the text) into citations,
// number.go numbers every node in ID order, project.go projects papers
// onto papers (shares), backbone.go keeps the backbone of the shares links
// when [Options].Backbone asks, assemble.go writes the nodes and edges,
// and the analysis (analysis.go) finds communities (community.go) and
// centrality (centrality.go) at the same time, then the communities'
// names (label.go). Build reads no
// abstract: the text was read by extraction.
//
// # Stability
//
// A Graph is immutable once built and safe for concurrent readers. Its
// listings are deterministic: nodes sorted by ID, edges by (Source, Target,
// Relation); the same set of papers gives the same graph whatever their
// order, GOMAXPROCS or [Options].Workers.
package graph
