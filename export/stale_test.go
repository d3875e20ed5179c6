//go:build unix

package export

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteFilesRemovesStaleTemps: every temporary file papergraph left
// in the output directory is removed by the next run into it, whatever
// output, host or process it was for (the next run holds the directory's
// lock, so none of them is being written); other files are kept.
func TestWriteFilesRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "graph.graphml")
	dead := strconv.Itoa(deadPID(t))
	stale := []string{
		".graph.graphml.tmp-" + hostTag() + "-" + dead + "-123",
		".graph.gexf.tmp-" + hostTag() + "-" + dead + "-789",          // another format
		".graph.graphml.tmp-0badc0de-" + dead + "-1",                  // another host
		".edges.csv.tmp-0badc0de-" + strconv.Itoa(os.Getpid()) + "-5", // a pid alive here
		".nodes.csv.tmp-" + hostTag() + "-" + dead + "-bak42",         // a kept previous file
	}
	kept := []string{"notes.txt", ".graph.graphml.tmp-notes", "graph.tmp-0badc0de-1-2"}
	for _, name := range append(slices.Clone(stale), kept...) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("partial"), 0o644))
	}
	require.NoError(t, WriteFiles(context.Background(), []File{{Path: out, Write: func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}}}, nil))
	for _, name := range stale {
		_, err := os.Stat(filepath.Join(dir, name))
		assert.True(t, os.IsNotExist(err), "%s is removed", name)
	}
	for _, name := range kept {
		_, err := os.Stat(filepath.Join(dir, name))
		assert.NoError(t, err, "%s is kept", name)
	}
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	cmd := exec.Command("true")
	require.NoError(t, cmd.Run())
	return cmd.Process.Pid
}
