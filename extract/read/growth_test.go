package read

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExpansionBoundedPerInput: each record may become up to the record
// limit, but what all the records of an input become beyond their own
// bytes is bounded by it too: small records that each expand (a BibTeX
// entry naming a long @string macro, an OpenAlex abstract rebuilt from a
// short inverted index) are read until the input's allowance is spent,
// and the rest are skipped with their lines, so a small file never
// becomes gigabytes of records. Records that do not expand are never
// refused by it.
func TestExpansionBoundedPerInput(t *testing.T) {
	const max = 10000
	opt := Options{MaxRecordBytes: max}

	var bib strings.Builder
	fmt.Fprintf(&bib, "@string{m = {%s}}\n", strings.Repeat("w ", 2000)) // 4,000 bytes
	for i := range 10 {
		fmt.Fprintf(&bib, "@article{k%d, title = {Paper %d}, abstract = m # m}\n", i, i) // 8,000 bytes each
	}
	for i := range 3 {
		fmt.Fprintf(&bib, "@article{p%d, title = {Plain %d}, abstract = {%s}}\n", i, i, strings.Repeat("x", 9000))
	}
	papers, skipped, err := ReadAll(strings.NewReader(bib.String()), "x.bib", opt)
	require.NoError(t, err)
	assert.Equal(t, []string{"Paper 0", "Plain 0", "Plain 1", "Plain 2"}, titles(papers), "one expansion of 8,000 bytes fits, a second would pass 10,000; entries that do not expand are read")
	require.Len(t, skipped, 9)
	assert.ErrorIs(t, skipped[0], ErrTooLarge)
	assert.Contains(t, skipped[0].Error(), "x.bib:3: bibtex: field values with @string macros expanded: the input's records would become more than 10000 bytes beyond their own size")

	var oa strings.Builder
	for i := range 10 {
		b, err := json.Marshal(map[string]any{"id": fmt.Sprintf("https://openalex.org/W%d", i), "title": fmt.Sprintf("Work %d", i),
			"abstract_inverted_index": map[string][]int{strings.Repeat("w", 999): {0, 1, 2, 3, 4, 5}}}) // 6,000 bytes from 1,000
		require.NoError(t, err)
		oa.Write(append(b, '\n'))
	}
	papers, skipped, err = ReadAll(strings.NewReader(oa.String()), "x.jsonl", Options{Format: FormatOpenAlex, MaxRecordBytes: max})
	require.NoError(t, err)
	assert.Equal(t, []string{"Work 0", "Work 1"}, titles(papers), "two abstracts grow by 5,000 bytes each; a third would pass 10,000")
	require.Len(t, skipped, 8)
	assert.Contains(t, skipped[0].Error(), "x.jsonl:3: openalex: abstract_inverted_index: the input's records would become more than 10000 bytes beyond their own size")
}
