package graph

import "errors"

// Errors returned by graph construction. Test with errors.Is.
var (
	ErrEmptyID   = errors.New("empty node id")
	ErrDuplicate = errors.New("duplicate")
	ErrNoNode    = errors.New("no such node")
)
