package export

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// File is one output file: its path and the function that writes its bytes.
type File struct {
	Path  string
	Write func(w io.Writer) error
}

// WriteFiles writes every file atomically, all or nothing: each is written
// to a temporary file beside its destination, synced, and only when every
// file has been written without error are they renamed into place.
// Temporary files left by a killed earlier run are removed first. On any
// error the temporary files are removed and existing outputs are left as
// they were. Paths that resolve to one of inputs are refused with
// [ErrOverwriteInput] before anything is written.
//
// Files are written concurrently (at most GOMAXPROCS at a time), so their
// Write functions must be safe to run in parallel; the writers of this
// package are. Each file's bytes are handed to the operating system by a
// goroutine of its own while the next buffer is filled. When several files
// fail, the error of the first in the list is returned.
//
// When ctx is done no further file is started, the files being written
// stop at their next full buffer (256 KiB) or at their end, none is
// synced, the temporary files are removed, and no output is replaced.
func WriteFiles(ctx context.Context, files []File, inputs []string) (err error) {
	for _, f := range files {
		for _, in := range inputs {
			if sameFile(f.Path, in) {
				return fmt.Errorf("export: %s: %w %s", f.Path, ErrOverwriteInput, in)
			}
		}
	}
	temps := make([]string, 0, len(files))
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	tmps := make([]tempFile, 0, len(files))
	defer func() {
		for _, t := range tmps {
			t.Close() // already closed unless a later create failed
		}
	}()
	removeStale(files)
	for _, f := range files {
		dir := filepath.Dir(f.Path)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		tmp, err := createTemp(dir, tempPrefix(filepath.Base(f.Path))+"*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		temps = append(temps, tmp.Name())
		tmps = append(tmps, tmp)
	}
	errs := make([]error, len(files))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := ctx.Err(); err != nil {
				errs[i] = fmt.Errorf("export: %w", err)
				return
			}
			if werr := writeTemp(ctx, tmps[i], f.Write); werr != nil {
				errs[i] = fmt.Errorf("export: write %s: %w", f.Path, werr)
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for i, f := range files {
		if err := os.Rename(temps[i], f.Path); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	temps = nil
	return nil
}

// tempPrefix starts the name of a temporary file for the output base: a
// dot file naming the output, this host and this process:
// ".graph.graphml.tmp-HOST-PID-", HOST a hash of the host name.
func tempPrefix(base string) string {
	return "." + base + ".tmp-" + hostTag() + "-" + strconv.Itoa(os.Getpid()) + "-"
}

// hostTag is 8 hex digits of the host name's FNV hash: temporary files in
// a directory shared by several machines or containers are told apart.
var hostTag = sync.OnceValue(func() string {
	name, _ := os.Hostname()
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("%08x", h.Sum32())
})

// removeStale removes the temporary files a killed papergraph on this host
// left for the outputs of files: those whose process no longer exists.
// Each directory is listed once. A run still writing keeps its own, and
// so does every other host's (its processes cannot be seen from here). A
// process killed outright (SIGKILL, a power cut) cannot clean up; the next
// run into the same place does.
func removeStale(files []File) {
	bases := map[string][]string{} // directory -> output names
	for _, f := range files {
		dir := filepath.Dir(f.Path)
		bases[dir] = append(bases[dir], filepath.Base(f.Path))
	}
	for dir, names := range bases { // removals only: the order does not matter
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue
			}
			for _, base := range names {
				rest, ok := strings.CutPrefix(e.Name(), "."+base+".tmp-"+hostTag()+"-")
				if !ok {
					continue
				}
				pid, _, ok := strings.Cut(rest, "-")
				if n, err := strconv.Atoi(pid); ok && err == nil && n > 0 && !processAlive(n) {
					os.Remove(filepath.Join(dir, e.Name()))
				}
				break
			}
		}
	}
}

// tempFile is what WriteFiles needs of a temporary file.
type tempFile interface {
	io.Writer
	Sync() error
	Close() error
	Name() string
}

// createTemp makes a temporary file; tests replace it to simulate a full
// disk.
var createTemp = func(dir, pattern string) (tempFile, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return f, nil
}

// writeTemp writes one temporary file through an asyncWriter, syncs and
// closes it, and makes it readable like a file os.Create would make.
func writeTemp(ctx context.Context, tmp tempFile, write func(io.Writer) error) error {
	aw := newAsyncWriter(ctx, tmp)
	werr := write(aw)
	if cerr := aw.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = ctx.Err() // no fsync for a file about to be removed
	}
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	return werr
}

// asyncBuf is the size of an asyncWriter's buffers.
const asyncBuf = 256 << 10

// asyncWriter is a buffered writer whose full buffers are written by a
// goroutine of its own, so formatting the next buffer overlaps the write
// system call (on this kind of machine half of a writer's time is the
// kernel copying bytes). Three buffers bound its memory. The first write
// error, or ctx's error once it is done (checked at each full buffer and
// at Close), is returned by every later Write and by Close. It is not safe
// for concurrent use, and must not be written to after Close.
type asyncWriter struct {
	ctx  context.Context
	buf  []byte
	full chan []byte
	free chan []byte
	done chan error
	mu   sync.Mutex // guards err between the goroutines
	err  error
}

func newAsyncWriter(ctx context.Context, w io.Writer) *asyncWriter {
	a := &asyncWriter{
		ctx:  ctx,
		buf:  make([]byte, 0, asyncBuf),
		full: make(chan []byte, 2),
		free: make(chan []byte, 3),
		done: make(chan error, 1),
	}
	a.free <- make([]byte, 0, asyncBuf)
	a.free <- make([]byte, 0, asyncBuf)
	go func() {
		var err error
		for b := range a.full {
			if err == nil {
				if _, err = w.Write(b); err != nil {
					a.mu.Lock()
					a.err = err
					a.mu.Unlock()
				}
			}
			a.free <- b[:0]
		}
		a.done <- err
	}()
	return a
}

func (a *asyncWriter) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// Write copies p into the buffer, handing full buffers to the goroutine.
func (a *asyncWriter) Write(p []byte) (int, error) { return asyncWrite(a, p) }

// WriteString is Write without a conversion.
func (a *asyncWriter) WriteString(s string) (int, error) { return asyncWrite(a, s) }

func asyncWrite[T []byte | string](a *asyncWriter, p T) (int, error) {
	if err := a.failed(); err != nil {
		return 0, err
	}
	n := 0
	for len(p) > 0 {
		k := copy(a.buf[len(a.buf):cap(a.buf)], p)
		a.buf = a.buf[:len(a.buf)+k]
		p, n = p[k:], n+k
		if len(a.buf) == cap(a.buf) {
			if err := a.ctx.Err(); err != nil {
				a.mu.Lock()
				a.err = err
				a.mu.Unlock()
				return n, err
			}
			a.full <- a.buf
			a.buf = <-a.free
		}
	}
	return n, nil
}

// Close writes what is buffered, waits for the goroutine and returns the
// first write error.
func (a *asyncWriter) Close() error {
	if len(a.buf) > 0 && a.failed() == nil && a.ctx.Err() == nil {
		a.full <- a.buf
	}
	a.buf = nil
	close(a.full)
	err := <-a.done
	if err == nil {
		err = a.failed() // a cancellation
	}
	return err
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(sa, sb)
}
