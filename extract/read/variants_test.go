package read

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestArXivVariantShapes: arXiv records with categories as a JSON array
// and versions as bare strings, as digests write them, are read.
func TestArXivVariantShapes(t *testing.T) {
	in := `{"id": "2401.00001", "title": "A", "abstract": "x", "categories": ["cs.LG", "cs.AI"], "versions": ["v1", "v2"]}
{"id": "2401.00002", "title": "B", "abstract": "y", "categories": "cs.LG", "versions": [{"version": "v1", "created": "Mon, 1 Jan 2024 00:00:00 GMT"}]}
`
	papers, skipped, err := ReadAll(strings.NewReader(in), "a.jsonl", Options{})
	require.NoError(t, err)
	assert.Empty(t, skipped)
	require.Len(t, papers, 2)
	assert.Equal(t, "2401.00001", papers[0].ArXiv)
	assert.Equal(t, 2024, papers[1].Year)
}

// TestLoneSurrogatesCounted: JSON escapes of lone UTF-16 surrogates, read
// as U+FFFD, count as repairs like invalid UTF-8; a proper pair does not.
func TestLoneSurrogatesCounted(t *testing.T) {
	in := `{"title": "ok \ud83d\ude00 pair", "summary": "s"}
{"title": "lone \ud800 high", "summary": "s"}
{"title": "lone \udc00 low and \\ud800 not an escape", "summary": "s"}
`
	r, err := Open(strings.NewReader(in), "s.jsonl", Options{})
	require.NoError(t, err)
	var titles []string
	for {
		p, err := r.Next()
		if err != nil {
			break
		}
		titles = append(titles, p.Title)
	}
	require.Len(t, titles, 3)
	assert.Equal(t, "ok 😀 pair", titles[0])
	assert.Equal(t, "lone \uFFFD high", titles[1])
	runs, first := r.InvalidUTF8()
	assert.Equal(t, 2, runs)
	assert.Equal(t, 2, first)
}
