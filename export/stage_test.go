//go:build unix

package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stage writes "new NAME" into a staged file of each of names.
func stage(t *testing.T, s *Staging, names ...string) {
	t.Helper()
	for _, name := range names {
		f, err := s.Create(name)
		require.NoError(t, err)
		_, err = io.WriteString(f, "new "+name)
		require.NoError(t, err)
		require.NoError(t, f.Close())
	}
}

// TestStagingCommit: the staged files replace their targets (keeping a
// replaced file's mode), the files named to remove go, others stay, and
// nothing temporary is left.
func TestStagingCommit(t *testing.T) {
	dir := t.TempDir()
	prev := map[string]string{"a-0": "old a", "a-1": "old a1", "other": "kept"}
	setOf(t, dir, prev)
	require.NoError(t, os.Chmod(filepath.Join(dir, "a-0"), 0o600))
	s, err := Stage(context.Background(), dir, nil, nil)
	require.NoError(t, err)
	stage(t, s, "a-0", "b-0")
	require.NoError(t, s.Commit([]string{"a-0", "a-1", "gone"}))
	assertDir(t, dir, map[string]string{"a-0": "new a-0", "b-0": "new b-0", "other": "kept"})
	fi, err := os.Stat(filepath.Join(dir, "a-0"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "a replaced file keeps its mode")
}

// TestStagingRenameFailsMidSet: when a rename fails, every file already
// replaced or removed is put back byte for byte, the new ones go, and
// nothing temporary stays.
func TestStagingRenameFailsMidSet(t *testing.T) {
	for _, failAt := range []int{1, 2, 3} {
		dir := t.TempDir()
		prev := map[string]string{"a-0": "old a", "c-0": "old c", "a-1": "old a1"}
		setOf(t, dir, prev)
		n := 0
		defer func(old func(string, string) error) { rename = old }(rename)
		rename = func(from, to string) error {
			if n++; n == failAt {
				return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EIO}
			}
			return os.Rename(from, to)
		}
		s, err := Stage(context.Background(), dir, nil, nil)
		require.NoError(t, err)
		stage(t, s, "a-0", "b-0", "c-0")
		err = s.Commit([]string{"a-1"})
		require.ErrorIs(t, err, syscall.EIO, "rename %d fails", failAt)
		assertDir(t, dir, prev)
	}
}

// TestStagingAbort: an aborted staging leaves the directory as it was
// and its lock free.
func TestStagingAbort(t *testing.T) {
	dir := t.TempDir()
	prev := map[string]string{"a-0": "old a"}
	setOf(t, dir, prev)
	s, err := Stage(context.Background(), dir, nil, nil)
	require.NoError(t, err)
	stage(t, s, "a-0", "b-0")
	s.Abort()
	assertDir(t, dir, prev)
	s, err = Stage(context.Background(), dir, nil, nil)
	require.NoError(t, err, "the lock is free again")
	s.Abort()
}

// TestStagingRefusesInputs: a file that is one of the inputs is refused
// when the staging starts (the files the run may write or remove) or
// when it is created, and the input keeps its bytes.
func TestStagingRefusesInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	require.NoError(t, os.WriteFile(in, []byte("input"), 0o644))
	require.NoError(t, os.Symlink("in", filepath.Join(dir, "a-0")))
	_, err := Stage(context.Background(), dir, []string{in}, []string{filepath.Join(dir, "a-0")})
	require.ErrorIs(t, err, ErrOverwriteInput)

	s, err := Stage(context.Background(), dir, []string{in}, nil)
	require.NoError(t, err)
	defer s.Abort()
	_, err = s.Create("a-0")
	require.ErrorIs(t, err, ErrOverwriteInput)
	got, err := os.ReadFile(in)
	require.NoError(t, err)
	assert.Equal(t, "input", string(got))
}

// TestStagingLocked: a second staging of one directory waits for the
// first to commit (and gives up when its context is done).
func TestStagingLocked(t *testing.T) {
	dir := t.TempDir()
	s, err := Stage(context.Background(), dir, nil, nil)
	require.NoError(t, err)
	stage(t, s, "a-0")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = Stage(ctx, dir, nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	second := make(chan *Staging, 1)
	go func() {
		s2, err := Stage(context.Background(), dir, nil, nil)
		assert.NoError(t, err)
		second <- s2
	}()
	select {
	case <-second:
		t.Fatal("a second staging started while the first held the directory")
	case <-time.After(200 * time.Millisecond):
	}
	require.NoError(t, s.Commit(nil))
	s2 := <-second
	assertDir(t, dir, map[string]string{"a-0": "new a-0"})
	s2.Abort()
}
