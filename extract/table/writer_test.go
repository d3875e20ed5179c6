package table_test

import (
	"bufio"
	"encoding/json"
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
		require.NoError(t, w.Write(&p, ""))
	}
	require.NoError(t, w.Close())
	return dir, w
}

func wantRows() ([]table.Paper, []table.Mention, []table.Ref, []table.Name) {
	var ps []table.Paper
	var ms []table.Mention
	var rs []table.Ref
	var ns []table.Name
	for _, p := range testPapers() {
		ps, ms, rs, ns = table.Rows(&p, table.Digest(&p), ps, ms, rs, ns)
	}
	return ps, ms, rs, ns
}

func TestParquetReadBack(t *testing.T) {
	dir, w := writeTables(t, table.Parquet, 0)
	assert.Len(t, w.Files(), 4)
	ps, ms, rs, ns := wantRows()
	require.Len(t, ms, 2)
	require.Len(t, rs, 1)
	require.Len(t, ns, 2, "the system name and the introduced benchmark")
	gotP, err := parquet.ReadFile[table.Paper](filepath.Join(dir, "papers-00000.parquet"))
	require.NoError(t, err)
	assert.Equal(t, ps, gotP)
	gotM, err := parquet.ReadFile[table.Mention](filepath.Join(dir, "mentions-00000.parquet"))
	require.NoError(t, err)
	assert.Equal(t, ms, gotM)
	gotR, err := parquet.ReadFile[table.Ref](filepath.Join(dir, "refs-00000.parquet"))
	require.NoError(t, err)
	assert.Equal(t, rs, gotR)
	gotN, err := parquet.ReadFile[table.Name](filepath.Join(dir, "names-00000.parquet"))
	require.NoError(t, err)
	assert.Equal(t, ns, gotN)
	assert.Equal(t, "paper:2401.00001", gotP[0].Paper)
	assert.Equal(t, int32(2024), gotP[0].Year)
	assert.Equal(t, "dataset:imagenet", gotM[1].Entity)
	assert.True(t, gotM[0].Introduced)
	assert.Equal(t, int32(3), gotP[0].Line)
	assert.Equal(t, int32(2), gotP[1].Number)
}

func TestShardsAndJSONL(t *testing.T) {
	dir, w := writeTables(t, table.JSONL, 1)
	assert.Len(t, w.Files(), 8, "one paper per shard: two shards of four tables")
	ps, _, _, _ := wantRows()
	for i, want := range ps {
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
