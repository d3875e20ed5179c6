package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is one output file: its path and the function that writes its bytes.
type File struct {
	Path  string
	Write func(w io.Writer) error
}

// WriteFiles writes every file atomically, all or nothing: each is written
// to a temporary file beside its destination, synced, and only when every
// file has been written without error are they renamed into place. On any
// error the temporary files are removed and existing outputs are left as
// they were. Paths that resolve to one of inputs are refused with
// [ErrOverwriteInput] before anything is written.
func WriteFiles(files []File, inputs []string) (err error) {
	for _, f := range files {
		for _, in := range inputs {
			if sameFile(f.Path, in) {
				return fmt.Errorf("export: %s: %w %s", f.Path, ErrOverwriteInput, in)
			}
		}
	}
	var temps []string
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	for _, f := range files {
		dir := filepath.Dir(f.Path)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.Path)+".tmp-*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		temps = append(temps, tmp.Name())
		bw := bufio.NewWriterSize(tmp, 1<<16)
		werr := f.Write(bw)
		if werr == nil {
			werr = bw.Flush()
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
		if werr != nil {
			return fmt.Errorf("export: write %s: %w", f.Path, werr)
		}
	}
	for i, f := range files {
		if err := os.Rename(temps[i], f.Path); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	temps = nil
	return nil
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
