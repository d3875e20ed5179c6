// Package sample embeds the batch papergraph reads when it is given no
// input: a Hugging Face trending page of 61 papers (hf-trending-page.txt
// in this directory). The tests of every stage read the same file.
package sample

import _ "embed"

// Name is the embedded page's name as messages and positions give it:
// its path in the repository.
const Name = "internal/sample/hf-trending-page.txt"

// Page is the embedded page, the contents of hf-trending-page.txt.
//
//go:embed hf-trending-page.txt
var Page []byte
