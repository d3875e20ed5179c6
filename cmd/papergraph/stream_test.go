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

func writeTables(t *testing.T, nodes, edges string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	n, e := filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv")
	require.NoError(t, os.WriteFile(n, []byte(nodes), 0o644))
	require.NoError(t, os.WriteFile(e, []byte(edges), 0o644))
	return n, e
}

// TestExportStreamCSVTables: export -stream reads CSV tables too, to the
// bytes the writers give in memory.
func TestExportStreamCSVTables(t *testing.T) {
	nodes, edges := writeTables(t, streamNodes, streamEdges)
	streamsAsInMemory(t, nodes, edges)
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
