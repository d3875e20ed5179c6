//go:build unix

package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/internal/dirlock"
)

// writeString is a File.Write that writes s.
func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// setOf writes previous files into dir (name -> content) and returns the
// files of a run that writes "new NAME" into each of names.
func setOf(t *testing.T, dir string, previous map[string]string, names ...string) []File {
	t.Helper()
	for name, b := range previous {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(b), 0o644))
	}
	var files []File
	for _, name := range names {
		files = append(files, File{Path: filepath.Join(dir, name), Write: writeString("new " + name)})
	}
	return files
}

// assertDir checks that dir holds exactly want (name -> content).
func assertDir(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	got := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			got[e.Name()+"/"] = ""
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		got[e.Name()] = string(b)
	}
	assert.Equal(t, want, got)
}

// TestWriteFilesRenameFailsMidSet: when the third of four renames fails,
// the two files already replaced get their previous bytes back, the file
// that did not exist before is removed again, and nothing temporary stays.
func TestWriteFilesRenameFailsMidSet(t *testing.T) {
	dir := t.TempDir()
	prev := map[string]string{"a.dot": "old a", "c.gexf": "old c", "d.csv": "old d"}
	files := setOf(t, dir, prev, "a.dot", "b.svg", "c.gexf", "d.csv")
	n := 0
	defer func(old func(string, string) error) { rename = old }(rename)
	rename = func(from, to string) error {
		if n++; n == 3 {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EIO}
		}
		return os.Rename(from, to)
	}
	err := WriteFiles(context.Background(), files, nil)
	require.ErrorIs(t, err, syscall.EIO)
	assert.Equal(t, 3, n, "the fourth rename is not tried")
	assertDir(t, dir, prev)
}

// TestWriteFilesTargetIsDirectory: a directory where the third output
// goes is found before the first rename: no output is replaced.
func TestWriteFilesTargetIsDirectory(t *testing.T) {
	dir := t.TempDir()
	prev := map[string]string{"a.dot": "old a", "b.svg": "old b"}
	files := setOf(t, dir, prev, "a.dot", "b.svg", "c.gexf")
	require.NoError(t, os.Mkdir(filepath.Join(dir, "c.gexf"), 0o755))
	err := WriteFiles(context.Background(), files, nil)
	require.ErrorIs(t, err, ErrNotAFile)
	assert.Contains(t, err.Error(), "directory")
	assertDir(t, dir, map[string]string{"a.dot": "old a", "b.svg": "old b", "c.gexf/": ""})
}

// TestWriteFilesLocked: a second run into a directory waits while the
// first is between its renames, so the directory never holds a mix of
// the two runs, and ends with the second run's set.
func TestWriteFilesLocked(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a.dot", "b.svg", "c.gexf"}
	files := func(run string) []File {
		var fs []File
		for _, name := range names {
			fs = append(fs, File{Path: filepath.Join(dir, name), Write: writeString(run)})
		}
		return fs
	}
	paused, resume := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	defer func(old func(string, string) error) { rename = old }(rename)
	rename = func(from, to string) error {
		if calls.Add(1) == 2 { // run A, between its first and second rename
			close(paused)
			<-resume
		}
		return os.Rename(from, to)
	}
	errA := make(chan error, 1)
	go func() { errA <- WriteFiles(context.Background(), files("A"), nil) }()
	<-paused
	errB := make(chan error, 1)
	go func() { errB <- WriteFiles(context.Background(), files("B"), nil) }()
	select {
	case err := <-errB:
		t.Fatalf("run B finished (%v) while run A was between renames: the runs interleave", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(resume)
	require.NoError(t, <-errA)
	require.NoError(t, <-errB)
	assertDir(t, dir, map[string]string{"a.dot": "B", "b.svg": "B", "c.gexf": "B"})
}

// TestWriteFilesLockCancelled: a run waiting for another's lock stops
// when its context is done, having written nothing.
func TestWriteFilesLockCancelled(t *testing.T) {
	dir := t.TempDir()
	unlock, err := dirlock.Lock(context.Background(), dir)
	require.NoError(t, err)
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err = WriteFiles(ctx, []File{{Path: filepath.Join(dir, "a.dot"), Write: writeString("x")}}, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assertDir(t, dir, map[string]string{})
}

// TestWriteFilesMode: a replaced file keeps its permissions; a new one
// gets those the umask leaves of 0666.
func TestWriteFilesMode(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	private := filepath.Join(dir, "private.dot")
	require.NoError(t, os.WriteFile(private, []byte("old"), 0o600))
	require.NoError(t, os.Chmod(private, 0o600))
	fresh := filepath.Join(dir, "fresh.dot")
	require.NoError(t, WriteFiles(context.Background(), []File{
		{Path: private, Write: writeString("new")},
		{Path: fresh, Write: writeString("new")},
	}, nil))
	for path, want := range map[string]os.FileMode{private: 0o600, fresh: 0o640} {
		fi, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, want, fi.Mode().Perm(), filepath.Base(path))
	}
}

// TestCheckTargets: an output that is an input under another name, a
// symbolic link either way, a hard link or standard input is refused.
func TestCheckTargets(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "papers.csv")
	require.NoError(t, os.WriteFile(in, []byte("precious"), 0o644))
	link := filepath.Join(dir, "link.csv")
	require.NoError(t, os.Symlink(in, link))
	hard := filepath.Join(dir, "hard.csv")
	require.NoError(t, os.Link(in, hard))
	other := filepath.Join(dir, "other.csv")
	require.NoError(t, os.WriteFile(other, []byte("x"), 0o644))

	stdin, err := os.Open(in)
	require.NoError(t, err)
	defer stdin.Close()
	defer func(old *os.File) { os.Stdin = old }(os.Stdin)
	os.Stdin = stdin

	for _, tc := range []struct {
		target string
		inputs []string
		refuse bool
	}{
		{filepath.Join(dir, ".", "papers.csv"), []string{in}, true},
		{link, []string{in}, true},
		{in, []string{link}, true},
		{hard, []string{in}, true},
		{in, []string{StdinName}, true},
		{hard, []string{StdinName}, true},
		{other, []string{in, StdinName}, false},
		{filepath.Join(dir, "new.csv"), []string{in}, false},
	} {
		t.Run(fmt.Sprintf("%s<-%v", filepath.Base(tc.target), tc.inputs), func(t *testing.T) {
			err := CheckTargets([]string{tc.target}, tc.inputs)
			if !tc.refuse {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrOverwriteInput)
			werr := WriteFiles(context.Background(), []File{{Path: tc.target, Write: writeString("output")}}, tc.inputs)
			require.True(t, errors.Is(werr, ErrOverwriteInput), "%v", werr)
			got, _ := os.ReadFile(in)
			assert.Equal(t, "precious", string(got))
		})
	}
}
