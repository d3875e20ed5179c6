package papergraph

import _ "embed"

// SampleName is the file name of the embedded sample, as it appears in
// messages and in testdata/.
const SampleName = "testdata/hf-trending-page.txt"

// Sample is the embedded sample page (testdata/hf-trending-page.txt).
//
//go:embed testdata/hf-trending-page.txt
var Sample []byte
