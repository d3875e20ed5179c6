package export

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteFilesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	require.NoError(t, os.WriteFile(a, []byte("old a"), 0o644))
	require.NoError(t, os.WriteFile(b, []byte("old b"), 0o644))

	boom := errors.New("disk full")
	err := WriteFiles(context.Background(), []File{
		{Path: a, Write: func(w io.Writer) error { _, err := io.WriteString(w, "new a"); return err }},
		{Path: b, Write: func(w io.Writer) error { io.WriteString(w, "half"); return boom }},
	}, nil)
	require.ErrorIs(t, err, boom)
	for path, want := range map[string]string{a: "old a", b: "old b"} {
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, want, string(got), "previous output must survive a failed run")
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary files may be left behind")

	require.NoError(t, WriteFiles(context.Background(), []File{
		{Path: a, Write: func(w io.Writer) error { _, err := io.WriteString(w, "new a"); return err }},
	}, nil))
	got, _ := os.ReadFile(a)
	assert.Equal(t, "new a", string(got))
}

func TestWriteFilesRefusesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "papers.txt")
	require.NoError(t, os.WriteFile(in, []byte("precious"), 0o644))
	err := WriteFiles(context.Background(), []File{{Path: filepath.Join(dir, ".", "papers.txt"), Write: func(w io.Writer) error { return nil }}}, []string{in})
	require.ErrorIs(t, err, ErrOverwriteInput)
	got, _ := os.ReadFile(in)
	assert.Equal(t, "precious", string(got))
}

// failAfter accepts n bytes and then fails every write with err.
type failAfter struct {
	n   int
	err error
	got []byte
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(f.got)+len(p) > f.n {
		k := f.n - len(f.got)
		f.got = append(f.got, p[:k]...)
		return k, f.err
	}
	f.got = append(f.got, p...)
	return len(p), nil
}

func TestAsyncWriter(t *testing.T) {
	payload := make([]byte, 3*asyncBuf+12345)
	for i := range payload {
		payload[i] = byte('a' + i%26)
	}
	// write feeds payload in pieces of odd sizes, alternating Write and
	// WriteString, every seventh piece one that Write writes through
	// (directMin bytes or more), and returns the first error.
	write := func(a *asyncWriter) error {
		for i, k := 0, 0; i < len(payload); k++ {
			n := min(len(payload)-i, 1+k*7919%70000)
			if k%7 == 6 {
				n = min(len(payload)-i, directMin+k)
			}
			var err error
			if k%2 == 0 {
				_, err = a.Write(payload[i : i+n])
			} else {
				_, err = a.WriteString(string(payload[i : i+n]))
			}
			if err != nil {
				return err
			}
			i += n
		}
		return nil
	}
	t.Run("in order", func(t *testing.T) {
		var b bytes.Buffer
		a := newAsyncWriter(context.Background(), &b)
		require.NoError(t, write(a))
		require.NoError(t, a.Close())
		assert.True(t, bytes.Equal(payload, b.Bytes()), "every byte, in order")
	})
	t.Run("into a file, past writeback steps", func(t *testing.T) {
		f, err := os.Create(filepath.Join(t.TempDir(), "big"))
		require.NoError(t, err)
		defer f.Close()
		a := newAsyncWriter(context.Background(), f)
		for range 2*writebackStep/len(payload) + 1 {
			_, err := a.Write(payload)
			require.NoError(t, err)
		}
		require.NoError(t, a.Close())
		require.NoError(t, f.Sync())
		got, err := os.ReadFile(f.Name())
		require.NoError(t, err)
		require.Equal(t, (2*writebackStep/len(payload)+1)*len(payload), len(got))
		for i := 0; i < len(got); i += len(payload) {
			require.True(t, bytes.Equal(payload, got[i:i+len(payload)]), "bytes at %d", i)
		}
	})
	t.Run("write error", func(t *testing.T) {
		f := &failAfter{n: asyncBuf + 100, err: syscall.ENOSPC}
		a := newAsyncWriter(context.Background(), f)
		werr := write(a)
		cerr := a.Close()
		require.ErrorIs(t, cerr, syscall.ENOSPC, "Close returns the first write error")
		if werr != nil {
			require.ErrorIs(t, werr, syscall.ENOSPC, "a later Write returns it too")
		}
		assert.Equal(t, payload[:f.n], f.got, "what was written before the error is the prefix")
	})
}

// TestWriteFilesDiskFull writes through a temporary file that fails like a
// full disk (ENOSPC) after a few bytes: the error is reported with the
// output's path, previous outputs survive, and no temporary file is left.
func TestWriteFilesDiskFull(t *testing.T) {
	dir := t.TempDir()
	out := []string{filepath.Join(dir, "graph.graphml"), filepath.Join(dir, "graph.gexf"), filepath.Join(dir, "edges.csv")}
	for _, p := range out {
		require.NoError(t, os.WriteFile(p, []byte("previous "+filepath.Base(p)), 0o644))
	}
	big := bytes.Repeat([]byte("0123456789abcdef"), asyncBuf/4) // 4 buffers
	defer func(old func(string, string) (tempFile, error)) { createTemp = old }(createTemp)
	createTemp = func(dir, pattern string) (tempFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		if !strings.Contains(pattern, "gexf") {
			return f, nil
		}
		return &fullDisk{File: f, left: 100_000}, nil
	}
	var files []File
	for _, p := range out {
		files = append(files, File{Path: p, Write: func(w io.Writer) error { _, err := w.Write(big); return err }})
	}
	err := WriteFiles(context.Background(), files, nil)
	require.ErrorIs(t, err, syscall.ENOSPC)
	assert.Contains(t, err.Error(), "graph.gexf", "the error names the output")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, len(out), "no temporary files left behind")
	for _, p := range out {
		got, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.Equal(t, "previous "+filepath.Base(p), string(got))
	}
}

// fullDisk is a temporary file on a disk with left bytes free.
type fullDisk struct {
	*os.File
	left int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.left {
		n, _ := f.File.Write(p[:f.left])
		f.left = 0
		return n, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	f.left -= len(p)
	return f.File.Write(p)
}

// TestWriteFilesCancelled: Ctrl-C in the middle of writing stops within a
// buffer; nothing is replaced and no temporary file is left.
func TestWriteFilesCancelled(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "graph.graphml")
	require.NoError(t, os.WriteFile(out, []byte("previous"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	chunk := bytes.Repeat([]byte("x"), 4096)
	var written atomic.Int64
	err := WriteFiles(ctx, []File{{Path: out, Write: func(w io.Writer) error {
		for range 100_000 { // 400 MB unless stopped
			if _, err := w.Write(chunk); err != nil {
				return err
			}
			if written.Add(int64(len(chunk))) == 1<<20 {
				cancel()
			}
		}
		return nil
	}}}, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.LessOrEqual(t, written.Load(), int64(1<<20+asyncBuf), "stopped within a buffer")
	assertOnlyPrevious(t, dir, out)
}

// assertOnlyPrevious checks that dir holds out alone, with its previous
// bytes: nothing was replaced and no temporary file is left.
func assertOnlyPrevious(t *testing.T, dir, out string) {
	t.Helper()
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "previous", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")
}

// TestWriteFilesCancelledStuckWriter: a writer that formats for long
// without writing (so without seeing ctx) does not hold up Ctrl-C:
// WriteFiles returns within 0.2 s, the previous file stays, and no
// temporary file is left.
func TestWriteFilesCancelledStuckWriter(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "graph.graphml")
	require.NoError(t, os.WriteFile(out, []byte("previous"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	go func() { <-started; time.Sleep(20 * time.Millisecond); cancel() }()
	var took time.Duration
	err := func() error {
		defer func(t0 time.Time) { took = time.Since(t0) }(time.Now())
		return WriteFiles(ctx, []File{{Path: out, Write: func(w io.Writer) error {
			close(started)
			<-release // formatting that never checks ctx
			_, err := w.Write([]byte("new"))
			return err
		}}}, nil)
	}()
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, took, 200*time.Millisecond+20*time.Millisecond, "Ctrl-C answered within 0.2 s")
	assertOnlyPrevious(t, dir, out)
}

// TestAsyncWriterDirectErrors checks writes of directMin bytes and more,
// which an asyncWriter makes on the caller's goroutine: a failure at any
// point, buffered or direct, is what Close returns, and nothing after it
// reaches the file; a cancelled context stops a direct write.
func TestAsyncWriterDirectErrors(t *testing.T) {
	small, big := make([]byte, 1000), make([]byte, directMin+5)
	for _, at := range []int{0, 10, 300 << 10, 600 << 10} {
		f := &failAfter{n: at, err: syscall.ENOSPC}
		a := newAsyncWriter(context.Background(), f)
		for i := range 20 {
			if i%3 == 2 {
				a.Write(big)
			} else {
				a.Write(small)
			}
		}
		require.ErrorIs(t, a.Close(), syscall.ENOSPC, "failing at byte %d", at)
		assert.Len(t, f.got, at, "failing at byte %d", at)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := newAsyncWriter(ctx, &failAfter{n: 1 << 30})
	_, err := a.Write(small)
	require.NoError(t, err)
	cancel()
	_, err = a.Write(make([]byte, directMin))
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, a.Close(), context.Canceled)
}
