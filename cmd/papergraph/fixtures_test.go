package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileFixture is what papergraph extract must make of one file of
// testdata/hostile (its README says what each proves).
type hostileFixture struct {
	args   []string // flags before the file
	code   int      // exit status
	papers int      // lines on stdout
	stderr []string // substrings of stderr
}

// hostileFixtures maps each file of testdata/hostile to its outcome. A
// file without an entry fails TestHostileFixtures.
var hostileFixtures = map[string]hostileFixture{
	"stray-quote.csv":              {papers: 1000},
	"quoted-title.tsv":             {papers: 2, stderr: []string{"0 skipped"}},
	"nul-early-page.txt":           {papers: 2},
	"cr-only-page.txt":             {papers: 2},
	"bracket-page.txt":             {papers: 2},
	"header-then-short-papers.txt": {papers: 3, stderr: []string{"3 line(s) before the first paper read as the page's header and dropped"}},
	"arxiv-categories-array.jsonl": {papers: 2, stderr: []string{"0 skipped"}},
	"lone-surrogates.jsonl":        {papers: 2, stderr: []string{"1 invalid UTF-8 repaired"}},
	"broken-middle.json":           {papers: 2, stderr: []string{"input ended early", "broken-middle.json:4:"}},
	"all-skipped.csv":              {code: 1, stderr: []string{"no paper read: every record was skipped; the first 5 reason(s)"}},
	"bibtex-string-doubling.bib": {papers: 2, stderr: []string{
		"bibtex-string-doubling.bib:23: bibtex: field values longer than 67108864 bytes once @string macros are expanded"}},
	"openalex-word-million-times.jsonl.gz": {papers: 1, stderr: []string{
		"openalex-word-million-times.jsonl.gz:1: openalex: abstract_inverted_index rebuilds to more than 67108864 bytes"}},
	"gzip-in-gzip-1gib.gz": {code: 1, stderr: []string{"a decompression bomb"}},
	"bibtex-many-expanded-entries.bib": {papers: 2, stderr: []string{"58 skipped",
		"bibtex-many-expanded-entries.bib:25: bibtex: field values with @string macros expanded: the input's records would become more than 67108864 bytes beyond their own size"}},
	"openalex-many-large-abstracts.jsonl.gz": {papers: 1, stderr: []string{"19 skipped",
		"openalex-many-large-abstracts.jsonl.gz:2: openalex: abstract_inverted_index: the input's records would become more than 67108864 bytes beyond their own size"}},
}

// bombs are the fixtures that expand far beyond their size.
var bombs = []string{"bibtex-string-doubling.bib", "openalex-word-million-times.jsonl.gz", "gzip-in-gzip-1gib.gz",
	"bibtex-many-expanded-entries.bib", "openalex-many-large-abstracts.jsonl.gz"}

// TestHostileFixtures runs papergraph extract on every file of
// testdata/hostile and checks what its entry in hostileFixtures says.
func TestHostileFixtures(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "hostile")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	seen := 0
	for _, e := range entries {
		if e.Name() == "README.md" || e.IsDir() {
			continue
		}
		want, ok := hostileFixtures[e.Name()]
		if !assert.True(t, ok, "%s has no expected outcome", e.Name()) {
			continue
		}
		seen++
		t.Run(e.Name(), func(t *testing.T) {
			args := append(append([]string{"extract"}, want.args...), filepath.Join(dir, e.Name()))
			code, stdout, stderr := runCmd(t, "", args...)
			assert.Equal(t, want.code, code, stderr)
			assert.Equal(t, want.papers, strings.Count(stdout, "\n"), "papers")
			for _, s := range want.stderr {
				assert.Contains(t, stderr, s)
			}
		})
	}
	assert.Equal(t, len(hostileFixtures), seen, "every expected fixture exists")
}
