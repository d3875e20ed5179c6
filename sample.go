// Package papergraph holds the sample input embedded in the papergraph
// command: a Hugging Face trending-papers page of 61 papers, scraped as text.
//
// The packages that do the work are [github.com/papergraph/papergraph/extract]
// (reading and extraction), [github.com/papergraph/papergraph/graph] and
// [github.com/papergraph/papergraph/export].
package papergraph

import _ "embed"

// SampleName is the file name of the embedded sample, as it appears in
// messages and in testdata/.
const SampleName = "testdata/hf-trending-page.txt"

// Sample is the embedded sample page (testdata/hf-trending-page.txt).
//
//go:embed testdata/hf-trending-page.txt
var Sample []byte
