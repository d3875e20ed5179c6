package graph

import "errors"

// Errors returned by graph construction. Test with errors.Is.
var (
	ErrEmptyID   = errors.New("empty node id")
	ErrDuplicate = errors.New("duplicate")
	ErrNoNode    = errors.New("no such node")
	// ErrBadInput reports a paper or entity Build cannot place in a graph
	// (an entity without a kind or name, or of an unknown kind).
	ErrBadInput = errors.New("invalid input")
	// ErrReadOnly is returned by the mutating methods of the read-only
	// views of a graph (package graph/dgview): a built graph is immutable.
	ErrReadOnly = errors.New("read-only graph store")
	// ErrTooLarge reports a graph too big to build with the given options
	// (an exact projection of more than MaxExactPairs pairs, or more than
	// 2^31 edges).
	ErrTooLarge = errors.New("graph too large")
	// ErrNoPath reports two nodes that no chain of edges joins
	// ([Graph.Path]).
	ErrNoPath = errors.New("no path")
	// ErrUnsorted reports rows [OpenStream] cannot read as a graph: nodes
	// not in ID order, or edges not in (source, target, relation) order.
	ErrUnsorted = errors.New("not in order")
	// ErrChanged reports tables that changed between two readings of a
	// [Stream].
	ErrChanged = errors.New("table changed while read")
)
