package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// Staging is a set of files written one after another, by a writer that
// streams (table shards, whose number is known only at the end), and put
// in place together with [WriteFiles]' guarantees: no file may be one of
// the inputs, each is written to a temporary file beside its target, and
// [Staging.Commit] renames them all or none. Its directory's lock is held
// from [Stage] to Commit or [Staging.Abort], so runs into one directory
// take turns. It is not safe for concurrent use.
type Staging struct {
	dir     string
	inputs  []string
	unlock  func()
	targets []string
	temps   []string
	prev    []os.FileInfo
}

// Stage locks dir (creating it; waiting for another run's lock until ctx
// is done), removes the temporary files killed runs left there, and
// checks that none of the files already in dir named by check (the files
// the run may write or remove) is one of inputs, so that a run that would
// destroy an input fails before any work.
func Stage(ctx context.Context, dir string, inputs, check []string) (*Staging, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := CheckTargets(check, inputs); err != nil {
		return nil, err
	}
	unlock, err := lockDir(ctx, dir)
	if err != nil {
		return nil, err
	}
	return &Staging{dir: dir, inputs: inputs, unlock: unlock}, nil
}

// Create returns a temporary file in the staging's directory that
// [Staging.Commit] renames to name (a base name).
func (s *Staging) Create(name string) (io.WriteCloser, error) {
	path := filepath.Join(s.dir, name)
	if slices.Contains(s.targets, path) {
		return nil, fmt.Errorf("export: %s staged twice", path)
	}
	if err := CheckTargets([]string{path}, s.inputs); err != nil {
		return nil, err
	}
	prev, err := previous(path)
	if err != nil {
		return nil, err
	}
	tmp, err := createTemp(s.dir, tempPrefix(name)+"*")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	s.targets = append(s.targets, path)
	s.temps = append(s.temps, tmp.Name())
	s.prev = append(s.prev, prev)
	return tmp, nil
}

// Commit syncs the staged files (which must be closed), gives each the
// mode of the file it replaces, then renames every one into place and
// removes the files of dir named by remove (base names, such as a
// previous run's shards past this run's last), all or nothing: on a
// failure every file replaced or removed is put back. It releases the
// lock.
func (s *Staging) Commit(remove []string) (err error) {
	defer s.Abort()
	for i, t := range s.temps {
		if err := syncFile(t); err != nil {
			return fmt.Errorf("export: write %s: %w", s.targets[i], err)
		}
		if p := s.prev[i]; p != nil {
			if err := os.Chmod(t, p.Mode().Perm()); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
	}
	targets, temps, prev := s.targets, s.temps, s.prev
	for _, name := range remove {
		path := filepath.Join(s.dir, name)
		if slices.Contains(targets, path) {
			continue
		}
		p, err := previous(path)
		if err != nil {
			return err
		}
		if p == nil {
			continue
		}
		if err := CheckTargets([]string{path}, s.inputs); err != nil {
			return err
		}
		targets, temps, prev = append(targets, path), append(temps, ""), append(prev, p)
	}
	if err := commit(targets, temps, prev); err != nil {
		return err
	}
	s.temps = nil
	return nil
}

// Abort removes the staged temporary files and releases the lock; after
// Commit it does nothing.
func (s *Staging) Abort() {
	for _, t := range s.temps {
		os.Remove(t)
	}
	s.temps = nil
	if s.unlock != nil {
		s.unlock()
		s.unlock = nil
	}
}

// syncFile flushes the file at path to stable storage.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
