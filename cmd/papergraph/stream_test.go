package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// streamNodes and streamEdges are small tables as an engine writes them,
// sorted: a left-out artifact, an outside work, a cites and a shares edge
// (given from its larger ID, in the place of its turned form: Assemble and
// a stream turn it round).
const (
	streamNodes = `id,kind,label,title,url,arxiv,doi,authors,year,family,introduces,external,papers,left_out,promises_code
dataset:imagenet,dataset,ImageNet,ImageNet,,,,,0,,,false,2,true,false
paper:2601.00001,paper,"Nets, Again",Nets Again,https://arxiv.org/abs/2601.00001,2601.00001,,"[""A. One"",""B. Two""]",2026,,,false,0,false,false
paper:2601.00002,paper,Nets Too,Nets Too,https://arxiv.org/abs/2601.00002,2601.00002,,[],2026,,"[""NetX""]",false,0,false,true
paper:doi:10.1/x,paper,Outside,Outside,https://doi.org/10.1/x,,10.1/x,[],2019,,,true,1,false,false
`
	streamEdges = `source,target,relation,weight,evidence,shared
paper:2601.00001,dataset:imagenet,mentions,1,"gazetteer: ""ImageNet"" @3",[]
paper:2601.00002,paper:2601.00001,shares,0.6931,,"[""dataset:imagenet""]"
paper:2601.00001,paper:doi:10.1/x,cites,1,doi,[]
paper:2601.00002,dataset:imagenet,mentions,1,"gazetteer: ""ImageNet"" @9",[]
`
)

// The same tables as JSON Lines.
const (
	streamNodesJSONL = `{"id":"dataset:imagenet","kind":"dataset","label":"ImageNet","title":"ImageNet","papers":2,"left_out":true}
{"id":"paper:2601.00001","kind":"paper","label":"Nets, Again","title":"Nets Again","url":"https://arxiv.org/abs/2601.00001","arxiv":"2601.00001","authors":["A. One","B. Two"],"year":2026}
{"id":"paper:2601.00002","kind":"paper","label":"Nets Too","title":"Nets Too","url":"https://arxiv.org/abs/2601.00002","arxiv":"2601.00002","authors":[],"year":2026,"introduces":["NetX"],"promises_code":true}
{"id":"paper:doi:10.1/x","kind":"paper","label":"Outside","title":"Outside","url":"https://doi.org/10.1/x","doi":"10.1/x","year":2019,"external":true,"papers":1}
`
	streamEdgesJSONL = `{"source":"paper:2601.00001","target":"dataset:imagenet","relation":"mentions","weight":1.0,"evidence":"gazetteer: \"ImageNet\" @3","shared":[]}
{"source":"paper:2601.00002","target":"paper:2601.00001","relation":"shares","weight":0.6931,"evidence":"","shared":["dataset:imagenet"]}
{"source":"paper:2601.00001","target":"paper:doi:10.1/x","relation":"cites","weight":1.0,"evidence":"doi"}
{"source":"paper:2601.00002","target":"dataset:imagenet","relation":"mentions","weight":1.0,"evidence":"gazetteer: \"ImageNet\" @9"}
`
)

func writeTables(t *testing.T, nodes, edges string) (string, string) {
	t.Helper()
	return writeTablesAs(t, ".csv", nodes, edges)
}

// writeTablesAs writes the two tables into files ending in ext.
func writeTablesAs(t *testing.T, ext, nodes, edges string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	n, e := filepath.Join(dir, "nodes"+ext), filepath.Join(dir, "edges"+ext)
	require.NoError(t, os.WriteFile(n, []byte(nodes), 0o644))
	require.NoError(t, os.WriteFile(e, []byte(edges), 0o644))
	return n, e
}

// TestExportStreamTables: export -stream reads CSV and JSON Lines tables
// too (the equivalence tests read Parquet), to the bytes the writers give
// in memory, and both to the same bytes.
func TestExportStreamTables(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ ext, nodes, edges string }{
		{".csv", streamNodes, streamEdges},
		{".jsonl", streamNodesJSONL, streamEdgesJSONL},
	} {
		t.Run(tc.ext, func(t *testing.T) {
			nodes, edges := writeTablesAs(t, tc.ext, tc.nodes, tc.edges)
			streamsAsInMemory(t, nodes, edges)
			code, _, stderr := runCmd(t, "", "export", "-stream", "-quiet", "-formats", "graphml,csv", "-description", "d",
				"-o", filepath.Join(dir, tc.ext), "-nodes", nodes, "-edges", edges)
			require.Equal(t, 0, code, stderr)
		})
	}
	for _, name := range []string{"graph.graphml", "nodes.csv", "edges.csv", "removed.csv"} {
		a, err := os.ReadFile(filepath.Join(dir, ".csv", name))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(dir, ".jsonl", name))
		require.NoError(t, err)
		assert.Equal(t, string(a), string(b), name)
	}
}

// TestExportStreamUnsorted: tables out of order are refused, saying how
// to sort them, and nothing is written.
func TestExportStreamUnsorted(t *testing.T) {
	lines := func(s string, order ...int) string {
		var out string
		rows := strings.Split(s, "\n")
		for _, i := range order {
			out += rows[i] + "\n"
		}
		return out
	}
	for _, tc := range []struct {
		name         string
		nodes, edges string
	}{
		{"nodes", lines(streamNodes, 0, 2, 1, 3, 4), streamEdges},
		{"edges", streamNodes, lines(streamEdges, 0, 2, 1, 3, 4)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nodes, edges := writeTables(t, tc.nodes, tc.edges)
			out := filepath.Join(t.TempDir(), "out")
			code, _, stderr := runCmd(t, "", "export", "-stream", "-formats", "graphml", "-o", out, "-nodes", nodes, "-edges", edges)
			assert.Equal(t, 1, code, stderr)
			assert.Contains(t, stderr, "sort the tables")
			assert.Contains(t, stderr, "not in order")
			_, err := os.Stat(filepath.Join(out, "graph.graphml"))
			assert.True(t, os.IsNotExist(err), "nothing written")
			// Without -stream the tables are sorted in memory.
			code, _, stderr = runCmd(t, "", "export", "-quiet", "-formats", "graphml", "-o", out, "-nodes", nodes, "-edges", edges)
			assert.Equal(t, 0, code, stderr)
		})
	}
}
