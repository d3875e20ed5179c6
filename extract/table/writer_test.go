package table_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract/table"
)

func testPapers() []papergraph.Paper {
	return []papergraph.Paper{
		{
			Title: "GoldNet: a benchmark", Abstract: "We introduce GoldNet and test on ImageNet.", ArXiv: "2401.00001",
			Authors: []string{"A. Author", "B. Author"}, Year: 2024, Name: "GoldNet",
			Entities: []papergraph.Entity{
				{Kind: papergraph.KindBenchmark, Name: "GoldNet", Surface: "GoldNet", Start: 13, End: 20, Rule: "pattern:introduced", Introduced: true},
				{Kind: papergraph.KindDataset, Name: "ImageNet", Surface: "ImageNet", Start: 33, End: 41, Rule: "gazetteer", Cue: "ImageNet", Family: "ImageNet"},
			},
			Refs: []papergraph.Ref{{DOI: "10.1000/xyz", Title: "A cited work", Surface: "doi:10.1000/xyz", Start: 5, End: 20, Source: "abstract"}},
			Pos:  papergraph.Pos{File: "in.jsonl", Line: 3},
		},
		{Title: "No entities here", DOI: "10.1/b", External: true, Pos: papergraph.Pos{File: "in.jsonl", Record: 2}},
	}
}

func writeTables(t *testing.T, f table.Format, shard int) (string, *table.Writer) {
	t.Helper()
	dir := t.TempDir()
	w, err := table.NewWriter(dir, table.Options{Format: f, ShardPapers: shard})
	require.NoError(t, err)
	for _, p := range testPapers() {
		require.NoError(t, w.Write(&p, nil))
	}
	require.NoError(t, w.Close())
	return dir, w
}

func wantRows() table.Rows {
	var r table.Rows
	for _, p := range testPapers() {
		r.Add(&p, table.ReadOf(&p))
	}
	return r
}

// readBack reads a Parquet table with the Go reader.
func readBack[T any](t *testing.T, dir, name string) []T {
	t.Helper()
	rows, err := parquet.ReadFile[T](filepath.Join(dir, table.FileName(name, 0, table.Parquet)))
	require.NoError(t, err)
	return rows
}

func TestParquetReadBack(t *testing.T) {
	dir, w := writeTables(t, table.Parquet, 0)
	assert.Len(t, w.Files(), 6)
	want := wantRows()
	require.Len(t, want.Mentions, 2)
	require.Len(t, want.Refs, 1)
	require.Len(t, want.Names, 2, "the system name and the introduced benchmark")
	require.Len(t, want.Texts, 2, "the batch paper's title and abstract; the external one has none")
	gotP := readBack[table.Paper](t, dir, "papers")
	assert.Equal(t, want.Papers, gotP)
	gotM := readBack[table.Mention](t, dir, "mentions")
	assert.Equal(t, want.Mentions, gotM)
	assert.Equal(t, want.Refs, readBack[table.Ref](t, dir, "refs"))
	gotN := readBack[table.Name](t, dir, "names")
	assert.Equal(t, want.Names, gotN)
	assert.Equal(t, want.Texts, readBack[table.Text](t, dir, "texts"))
	gotW := readBack[table.Word](t, dir, "words")
	assert.Equal(t, want.Words, gotW)
	assert.Equal(t, "paper:2401.00001", gotP[0].Paper)
	assert.Equal(t, int32(2024), gotP[0].Year)
	assert.Equal(t, "dataset:imagenet", gotM[1].Entity)
	assert.True(t, gotM[0].Introduced)
	assert.Equal(t, int32(3), gotP[0].Line)
	assert.Equal(t, int32(2), gotP[1].Number)
	// GoldNet mixes cases: matchable, as written only, found by itself.
	assert.Equal(t, table.Name{Paper: "paper:2401.00001", Record: gotN[0].Record, Ord: -1, Name: "GoldNet",
		Match: true, Key: "goldnet"}, gotN[0])
	assert.Equal(t, int32(0), gotN[1].Ord)
	assert.Equal(t, "benchmark:goldnet", gotN[1].Artifact)
	// The words that may anchor a name: GoldNet twice, ImageNet.
	var words []string
	for _, w := range gotW {
		words = append(words, fmt.Sprintf("%s@%d/%d:%s", w.Source, w.Start, w.CStart, w.Key))
	}
	assert.Equal(t, []string{"title@0/0:goldnet", "abstract@13/13:goldnet", "abstract@33/33:imagenet"}, words)
}

func TestShardsAndJSONL(t *testing.T) {
	dir, w := writeTables(t, table.JSONL, 1)
	assert.Len(t, w.Files(), 12, "one paper per shard: two shards of six tables")
	for i, want := range wantRows().Papers {
		f, err := os.Open(filepath.Join(dir, table.FileName("papers", i, table.JSONL)))
		require.NoError(t, err)
		sc := bufio.NewScanner(f)
		require.True(t, sc.Scan())
		var got table.Paper
		require.NoError(t, json.Unmarshal(sc.Bytes(), &got))
		assert.Equal(t, want, got)
		assert.False(t, sc.Scan(), "one row per shard")
		f.Close()
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := writeTables(t, table.Parquet, 0)
	b, _ := writeTables(t, table.Parquet, 0)
	for _, name := range table.Tables {
		x, err := os.ReadFile(filepath.Join(a, table.FileName(name, 0, table.Parquet)))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, table.FileName(name, 0, table.Parquet)))
		require.NoError(t, err)
		assert.Equal(t, x, y, name)
	}
}

func TestEmptyAndBadFormat(t *testing.T) {
	dir := t.TempDir()
	w, err := table.NewWriter(dir, table.Options{})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	rows, err := parquet.ReadFile[table.Paper](filepath.Join(dir, "papers-00000.parquet"))
	require.NoError(t, err)
	assert.Empty(t, rows, "an empty input still has every table")
	_, err = table.NewWriter(dir, table.Options{Format: "csv"})
	assert.ErrorIs(t, err, table.ErrFormat)
}
