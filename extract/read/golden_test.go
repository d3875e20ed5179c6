package read

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixtures are the per-format inputs in testdata, with the format
// detection must find and the counts of papers and skipped records.
var fixtures = []struct {
	file    string
	format  string
	papers  int
	skipped int
}{
	{"hf-page-crlf.txt", FormatHFPage, 3, 0},
	{"hf-page-missing-abstract.txt", FormatHFPage, 2, 2},
	{"hf-daily.json", FormatHFJSON, 3, 1},
	{"hf-papers.json", FormatHFJSON, 2, 0},
	{"hf-single.json", FormatHFJSON, 1, 0},
	{"arxiv-query.atom", FormatArXivAtom, 3, 1},
	{"arxiv-snapshot.jsonl", FormatArXivJSONL, 3, 3},
	{"openalex-works.json", FormatOpenAlex, 3, 0},
	{"openalex-snapshot.jsonl.gz", FormatOpenAlex, 2, 0},
	{"s2-papers.json", FormatS2, 3, 1},
	{"zotero.bib", FormatBibTeX, 3, 1},
	{"jabref.bib", FormatBibTeX, 3, 1},
	{"papers.csv", FormatCSV, 3, 1},
	{"papers.tsv.gz", FormatTSV, 2, 0},
}

// goldenRecord is one paper with its position, as the golden files hold it.
type goldenRecord struct {
	Pos   string           `json:"pos"`
	Paper papergraph.Paper `json:"paper"`
}

type goldenFile struct {
	Format  string         `json:"format"`
	Papers  []goldenRecord `json:"papers"`
	Skipped []string       `json:"skipped"`
}

// readFixture reads a testdata file with format detection.
func readFixture(t testing.TB, file string) ([]papergraph.Paper, []error, string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", file))
	require.NoError(t, err)
	defer f.Close()
	r, err := Open(f, file, Options{})
	require.NoError(t, err)
	var papers []papergraph.Paper
	var skipped []error
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RecordError
		if errors.As(err, &re) {
			skipped = append(skipped, err)
			continue
		}
		require.NoError(t, err)
		papers = append(papers, p)
	}
	return papers, skipped, r.Format()
}

func TestGolden(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.file, func(t *testing.T) {
			papers, skipped, format := readFixture(t, fx.file)
			assert.Equal(t, fx.format, format, "detected format")
			assert.Len(t, papers, fx.papers, "papers")
			assert.Len(t, skipped, fx.skipped, "skipped records: %v", skipped)
			g := goldenFile{Format: format, Papers: []goldenRecord{}, Skipped: []string{}}
			for _, p := range papers {
				assert.Equal(t, fx.file, p.Pos.File)
				assert.Positive(t, p.Pos.Record)
				assert.NotEmpty(t, p.Title)
				g.Papers = append(g.Papers, goldenRecord{Pos: fmt.Sprintf("%s:%d#%d", p.Pos.File, p.Pos.Line, p.Pos.Record), Paper: p})
			}
			for _, err := range skipped {
				assert.ErrorIs(t, err, ErrMalformed)
				var re *RecordError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, fx.file, re.Pos.File)
				assert.True(t, re.Pos.Line > 0 || re.Pos.Record > 0, "error has a position: %v", err)
				g.Skipped = append(g.Skipped, err.Error())
			}
			got, err := json.MarshalIndent(g, "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", fx.file+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -update to create the golden file")
			assert.Equal(t, string(want), string(got))
		})
	}
}

// TestGoldenStable reads each fixture twice and gets the same bytes.
func TestGoldenStable(t *testing.T) {
	for _, fx := range fixtures {
		a, _, _ := readFixture(t, fx.file)
		b, _, _ := readFixture(t, fx.file)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		assert.True(t, bytes.Equal(ja, jb), fx.file)
	}
}
