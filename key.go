package papergraph

import "strings"

// foldKey lower-cases a name for use in a graph key.
func foldKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
