//go:build unix

package export

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteFilesRemovesStaleTemps: a temporary file a killed run on this
// host left (its process gone) is removed by the next run into the same
// place; one of a live process, another host's, and unrelated files are not.
func TestWriteFilesRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "graph.graphml")
	dead := deadPID(t)
	stale := filepath.Join(dir, ".graph.graphml.tmp-"+hostTag()+"-"+strconv.Itoa(dead)+"-123")
	live := filepath.Join(dir, ".graph.graphml.tmp-"+hostTag()+"-"+strconv.Itoa(os.Getpid())+"-456")
	other := filepath.Join(dir, ".graph.gexf.tmp-"+hostTag()+"-"+strconv.Itoa(dead)+"-789")
	elsewhere := filepath.Join(dir, ".graph.graphml.tmp-0badc0de-"+strconv.Itoa(dead)+"-1") // another host's
	mine := filepath.Join(dir, "notes.txt")
	for _, p := range []string{stale, live, other, elsewhere, mine} {
		require.NoError(t, os.WriteFile(p, []byte("partial"), 0o644))
	}
	require.NoError(t, WriteFiles(context.Background(), []File{{Path: out, Write: func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}}}, nil))
	_, err := os.Stat(stale)
	assert.True(t, os.IsNotExist(err), "the dead run's temporary file is removed")
	for _, p := range []string{live, other, elsewhere, mine} {
		_, err := os.Stat(p)
		assert.NoError(t, err, "%s is kept", filepath.Base(p))
	}
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	cmd := exec.Command("true")
	require.NoError(t, cmd.Run())
	return cmd.Process.Pid
}
