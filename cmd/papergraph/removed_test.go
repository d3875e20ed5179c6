package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRemovedCSVStopList: a batch whose abstracts name an artifact
// extraction's stop list refuses. Three papers call their data "Chinese
// benchmarks" (the suffix rule proposes "Chinese", the stop list refuses
// it), which alone would have joined 3 × 2 / 2 = 3 pairs; one paper a
// "German benchmark" (no pair). Both are in removed.csv with reason "stop
// list", beside the artifacts the document-frequency cap left out: all
// four papers name ImageNet, over -max-df 3, which would have joined six.
func TestRemovedCSVStopList(t *testing.T) {
	abstracts := []string{
		"Existing Chinese benchmarks support label classification only. We train on ImageNet.",
		"We extend Chinese benchmarks for moderation. Pretraining uses ImageNet.",
		"Two Chinese benchmarks are audited here, with ImageNet features.",
		"We introduce the first German benchmark, with ImageNet as a baseline.",
	}
	var in strings.Builder
	for i, a := range abstracts {
		fmt.Fprintf(&in, `{"id":"2401.%05d","title":"Paper %d","abstract":%q}`+"\n", i+1, i+1, a)
	}
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCmd(t, in.String(), "build", "-quiet", "-o", out, "-formats", "csv", "-max-df", "3", "-")
	require.Equal(t, 0, code, stderr)
	files := readDir(t, out)
	assert.Equal(t, "artifact,label,papers,reason,links_removed\n"+
		"dataset:imagenet,ImageNet,4,max-df 3,6\n"+
		"benchmark:chinese,Chinese,3,stop list,3\n"+
		"benchmark:german,German,1,stop list,0\n"+
		",,,top-k 10,0\n", string(files["removed.csv"]))
	assert.NotContains(t, string(files["nodes.csv"]), "chinese", "a refused artifact is no node")
}
