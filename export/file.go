package export

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/papergraph/papergraph/internal/dirlock"
)

// File is one output file: its path and the function that writes its bytes.
type File struct {
	Path  string
	Write func(w io.Writer) error
}

// cancelGrace is how long WriteFiles, cancelled, waits for its writers to
// stop before it leaves them: Ctrl-C is answered within 0.2 s.
const cancelGrace = 100 * time.Millisecond

// WriteFiles writes every file atomically, all or nothing: each is written
// to a temporary file beside its destination, synced, and only when every
// file has been written without error are they renamed into place.
//
// What is atomic: each file is replaced by one rename(2), so a reader sees
// the previous bytes or the new ones, never a mix. The set is all or
// nothing against every error WriteFiles can see: before the first rename
// every target is checked (a directory or other non-regular file in its
// place is refused), the previous files are kept under hidden names (hard
// links, else copies), and a rename that still fails puts back every file
// already replaced (and removes the ones that did not exist before). Only
// a process killed outright, or a power cut, during the renames (which take
// microseconds, after all writing is done) can leave some files new and
// some old, each of them whole.
//
// Runs into one directory never interleave: WriteFiles holds an exclusive
// flock(2) on each output directory from before its first temporary file
// to after its last rename, and a second run waits for it (until ctx is
// done). Holding the lock, it removes every temporary file papergraph left
// in the directory (whatever its output, host or process: no run can be
// writing them). New files honour the umask; a replaced file keeps its
// mode.
//
// Paths that are one of inputs (see [CheckTargets]; [StdinName] is
// standard input) are refused with [ErrOverwriteInput] before anything is
// written.
//
// Files are written concurrently (at most GOMAXPROCS at a time), so their
// Write functions must be safe to run in parallel; the writers of this
// package are. Each file's bytes are handed to the operating system by a
// goroutine of its own while the next buffer is filled; on Linux the
// device starts writing every 8 MiB of a file (see fileOut). When several files
// fail, the error of the first in the list is returned.
//
// When ctx is done no further file is started, the files being written
// stop at their next full buffer (256 KiB) or at their end; a writer that
// has not stopped after cancelGrace is left writing into a temporary file
// that is removed under it. None is synced, the temporary files are
// removed, and no output is replaced.
func WriteFiles(ctx context.Context, files []File, inputs []string) (err error) {
	targets := make([]string, len(files))
	for i, f := range files {
		targets[i] = f.Path
	}
	if err := CheckTargets(targets, inputs); err != nil {
		return err
	}
	prev := make([]os.FileInfo, len(files)) // the file each replaces, nil for a new one
	for i, f := range files {
		if prev[i], err = previous(f.Path); err != nil {
			return err
		}
	}
	var dirs []string
	for _, f := range files {
		if d := filepath.Dir(f.Path); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs) // one order for every run: no deadlock between runs
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		unlock, err := lockDir(ctx, dir)
		if err != nil {
			return err
		}
		defer unlock()
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
	for _, f := range files {
		tmp, err := createTemp(filepath.Dir(f.Path), tempPrefix(filepath.Base(f.Path))+"*")
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
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return fmt.Errorf("export: %w", ctx.Err())
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := ctx.Err(); err != nil {
				errs[i] = fmt.Errorf("export: %w", err)
				return
			}
			if werr := writeTemp(ctx, tmps[i], f.Write, prev[i]); werr != nil {
				errs[i] = fmt.Errorf("export: write %s: %w", f.Path, werr)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		// Writers see ctx at each full buffer; one that formats for long
		// before its next is left writing into a temporary file that is
		// removed now (and closed under it), not waited for.
		select {
		case <-done:
		case <-time.After(cancelGrace):
		}
		return fmt.Errorf("export: %w", ctx.Err())
	}
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := commit(targets, temps, prev); err != nil {
		return err
	}
	temps = nil
	return nil
}

// previous returns the file at path that an output replaces, nil when
// there is none; something other than a regular file is refused.
func previous(path string) (os.FileInfo, error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return nil, fmt.Errorf("export: %s: %w (a %s is in its place)", path, ErrNotAFile, kindOf(fi.Mode()))
	case err == nil:
		return fi, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	}
	return nil, fmt.Errorf("export: %w", err)
}

// lockDir takes dir's lock (waiting for another run's until ctx is done)
// and, holding it, removes the temporary files killed runs left there.
func lockDir(ctx context.Context, dir string) (unlock func(), err error) {
	unlock, err = dirlock.Lock(ctx, dir)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	removeStale(dir)
	return unlock, nil
}

// commit renames every temporary file over its target, all or nothing:
// the previous files are kept under hidden names first, and on a failed
// rename the files already replaced are put back. A target whose
// temporary file is "" is removed (kept, and put back on a failure too).
func commit(targets, temps []string, prev []os.FileInfo) error {
	saved := make([]string, len(targets))
	defer func() {
		for _, s := range saved {
			if s != "" {
				os.Remove(s)
			}
		}
	}()
	for i, t := range targets {
		if prev[i] == nil {
			continue
		}
		s, err := keep(t)
		if err != nil {
			return fmt.Errorf("export: keep the previous %s: %w", t, err)
		}
		saved[i] = s
	}
	for i, t := range targets {
		var err error
		if temps[i] == "" {
			err = os.Remove(t)
		} else {
			err = rename(temps[i], t)
		}
		if err == nil {
			continue
		}
		// Put back what was replaced, newest first.
		for j := i - 1; j >= 0; j-- {
			if saved[j] != "" {
				if rerr := os.Rename(saved[j], targets[j]); rerr == nil {
					saved[j] = ""
				}
			} else {
				os.Remove(targets[j])
			}
		}
		for _, t := range temps[i+1:] {
			if t != "" {
				os.Remove(t)
			}
		}
		return fmt.Errorf("export: %w (no output replaced)", err)
	}
	return nil
}

// rename is os.Rename; tests replace it to fail one rename of a set.
var rename = os.Rename

// keep saves the file at path under a hidden name beside it: a hard link,
// or a copy where the file system has none. It returns that name.
func keep(path string) (string, error) {
	name := filepath.Join(filepath.Dir(path), tempPrefix(filepath.Base(path))+"bak"+strconv.FormatUint(uint64(rand.Uint32()), 10))
	if err := os.Link(path, name); err == nil {
		return name, nil
	}
	src, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	if fi, err := src.Stat(); err == nil {
		os.Chmod(name, fi.Mode().Perm())
	}
	return name, nil
}

// kindOf names a file mode's type for messages.
func kindOf(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&os.ModeSymlink != 0:
		return "symbolic link"
	case m&os.ModeNamedPipe != 0:
		return "named pipe"
	case m&os.ModeSocket != 0:
		return "socket"
	case m&os.ModeDevice != 0:
		return "device"
	}
	return "special file"
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

// staleName matches the names of papergraph's temporary files and kept
// previous files: "." output ".tmp-" host "-" pid "-" ["bak"] digits.
var staleName = regexp.MustCompile(`^\..+\.tmp-[0-9a-f]{8}-[0-9]+-(bak)?[0-9]+$`)

// removeStale removes every papergraph temporary file in dir, whatever
// output, host or process it was for. It runs with dir's lock held, and
// every papergraph takes that lock before making a temporary file there,
// so none of them belongs to a run still going: they are what a killed
// run (SIGKILL, a power cut, a lost container) left.
func removeStale(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() && staleName.MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
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
	prefix := strings.TrimSuffix(pattern, "*")
	for range 10000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		// 0666: the umask decides, as for any new file.
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err // not a typed nil in the interface
		}
		return f, nil
	}
	return nil, fmt.Errorf("create a temporary file in %s: %w", dir, fs.ErrExist)
}

// writeTemp writes one temporary file through an asyncWriter, syncs and
// closes it, and gives it the permissions of prev, the file it replaces
// (a new file, prev nil, has those the umask leaves).
func writeTemp(ctx context.Context, tmp tempFile, write func(io.Writer) error, prev os.FileInfo) error {
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
	if werr == nil && prev != nil {
		werr = os.Chmod(tmp.Name(), prev.Mode().Perm())
	}
	return werr
}

// asyncBuf is the size of an asyncWriter's buffers.
const asyncBuf = 256 << 10

// asyncWriter is a buffered writer whose full buffers are written by a
// goroutine of its own, so formatting the next buffer overlaps the write
// system call (on this kind of machine half of a writer's time is the
// kernel copying bytes); into a file, through a fileOut. Three buffers
// bound its memory. The first write error, or ctx's error once it is done
// (checked at each full buffer, at each direct write and at Close), is
// returned by every later Write and by Close. It is not safe for
// concurrent use (the goroutines of [sink.writeEdges] write to it in
// turn), and must not be written to after Close.
type asyncWriter struct {
	ctx   context.Context
	buf   []byte
	full  chan []byte
	free  chan []byte
	done  chan error
	write func([]byte) error // writes a buffer out: the goroutine's, or Write's own for a large p
	mu    sync.Mutex         // guards err between the goroutines
	err   error
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
	a.write = func(b []byte) error { _, err := w.Write(b); return err }
	end := func() error { return nil }
	if f, ok := w.(*os.File); ok {
		o := &fileOut{f: f}
		a.write, end = o.write, o.close
	}
	go func() {
		var err error
		for b := range a.full {
			if err == nil {
				if err = a.write(b); err != nil {
					a.setErr(err)
				}
			}
			a.free <- b[:0]
		}
		if eerr := end(); err == nil {
			err = eerr
		}
		a.done <- err
	}()
	return a
}

// fileOut writes an asyncWriter's buffers (from its goroutine, or from a
// direct write's, one at a time) into a file through the page
// cache, asking the kernel every writebackStep bytes to start writing them
// to the device (see startWriteback), and every syncStep bytes to sync the
// file so far on a goroutine of its own (see syncData). Writing past the
// page cache (O_DIRECT) was tried and taken out (2a51bbd): each direct
// write waited for the device, which made large files slower. Its close
// waits for the last such sync and returns the first sync error: an error
// an early sync is told of is not told again to the fsync that ends the
// file.
type fileOut struct {
	f            *os.File
	off, started int64         // bytes written; bytes given to writeback
	synced       int64         // bytes written when the last early sync was asked for
	kick         chan struct{} // asks the sync goroutine for a sync; nil until the first
	syncErr      chan error    // the sync goroutine's first error, once kick is closed
}

func (o *fileOut) write(b []byte) error {
	n, err := o.f.Write(b)
	o.off += int64(n)
	if o.off-o.started >= writebackStep {
		startWriteback(o.f, o.started, o.off-o.started)
		o.started = o.off
	}
	if o.off-o.synced >= syncStep {
		o.synced = o.off
		if o.kick == nil {
			o.kick, o.syncErr = make(chan struct{}, 1), make(chan error, 1)
			go func() {
				var err error
				for range o.kick {
					if err == nil {
						err = syncData(o.f)
					}
				}
				o.syncErr <- err
			}()
		}
		select {
		case o.kick <- struct{}{}:
		default: // a sync is asked for and not yet started: it covers these bytes
		}
	}
	return err
}

// close waits for the early syncs and returns the first one's error.
func (o *fileOut) close() error {
	if o.kick == nil {
		return nil
	}
	close(o.kick)
	return <-o.syncErr
}

// syncStep is how many bytes a fileOut writes between the syncs it asks
// for while it writes (see syncData). Started writeback only hands the
// bytes to the device; the fsync that ends a file still waited for all of
// them to be made durable, 0.3 s of the write phase on the exact
// projection of 10,000 make_corpus.py papers (822 MB of GraphML) where the
// whole file took 0.7 s. Synced as they come, the last sync waits for the
// last stretch only.
const syncStep = 64 << 20

// writebackStep is how many bytes an asyncWriter into a file writes
// before it asks the kernel to start writing them to the device (see
// startWriteback): the device then works while the next bytes are
// formatted, where it would otherwise start at the fsync that ends the
// file. On the exact projection of 10,000 make_corpus.py papers (822 MB of
// GraphML) that fsync took 0.5 s of the write phase's 1.3 s.
const writebackStep = 8 << 20

func (a *asyncWriter) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// setErr records the first error.
func (a *asyncWriter) setErr(err error) {
	a.mu.Lock()
	if a.err == nil {
		a.err = err
	}
	a.mu.Unlock()
}

// directMin is the size from which Write writes p itself instead of
// copying it into buffers: what the writers hand over in blocks (the
// edges formatted on several goroutines, see [sink.writeEdges]) goes to
// the kernel from the goroutine and the core that formatted it, while
// the bytes are still in that core's cache, and is copied once, not
// twice. It is above what a [sink] gathers before it writes (sinkSize),
// so the small writes still overlap their formatting (a single node or
// edge longer than that is written directly too, the same bytes).
const directMin = asyncBuf / 2

// Write copies p into the buffer, handing full buffers to the goroutine;
// a p of directMin bytes or more is written at once (after what is
// buffered), on the calling goroutine.
func (a *asyncWriter) Write(p []byte) (int, error) {
	if len(p) >= directMin {
		return a.writeDirect(p)
	}
	return asyncWrite(a, p)
}

// writeDirect hands what is buffered to the goroutine, waits until it has
// written every buffer (both spare buffers are back), and writes p. The
// goroutine is idle until the next full buffer, so a.write is called by
// one goroutine at a time. On an error it returns 0 though part of p may
// have reached the file: the error is kept and the output is abandoned.
func (a *asyncWriter) writeDirect(p []byte) (int, error) {
	if err := a.failed(); err != nil {
		return 0, err
	}
	if err := a.ctx.Err(); err != nil {
		a.setErr(err)
		return 0, err
	}
	if len(a.buf) > 0 {
		a.full <- a.buf
		a.buf = <-a.free
	}
	spare := [2][]byte{<-a.free, <-a.free}
	a.free <- spare[0]
	a.free <- spare[1]
	if err := a.failed(); err != nil {
		return 0, err
	}
	if err := a.write(p); err != nil {
		a.setErr(err)
		return 0, err
	}
	return len(p), nil
}

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
				a.setErr(err)
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
