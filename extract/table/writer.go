package table

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/parquet-go/parquet-go"
)

// Format is a table file format.
type Format string

// The formats a [Writer] writes.
const (
	Parquet Format = "parquet"
	JSONL   Format = "jsonl"
)

// Tables names the six tables, in the order their files are listed.
var Tables = []string{"papers", "mentions", "refs", "names", "texts", "words"}

// DefaultShardPapers is how many papers a shard holds when
// Options.ShardPapers is 0.
const DefaultShardPapers = 1 << 20

// rowGroup bounds the rows a Parquet writer buffers before it flushes a
// row group: the writer's memory, whatever the shard's size.
const rowGroup = 1 << 16

// ErrFormat is returned for a format other than Parquet and JSONL.
var ErrFormat = errors.New("unknown table format")

// Options configures a [Writer]. The zero value writes Parquet shards of
// DefaultShardPapers papers.
type Options struct {
	Format      Format
	ShardPapers int
	// Create makes the file of the table shard name (a base name, see
	// [FileName]) in the Writer's directory; nil means os.Create. A
	// caller that wants the shards put in place all or nothing (see
	// papergraph/export.Staging) writes them to temporary files here.
	Create func(name string) (io.WriteCloser, error)
}

// Writer writes papers to sharded table files in a directory. It is not
// safe for concurrent use.
type Writer struct {
	dir   string
	opt   Options
	shard int
	n     int // papers in the current shard
	files []string
	cur   *shard
	rows  Rows
}

// shard is the open files of one shard.
type shard struct {
	files []io.WriteCloser
	paths []string // the files' base names
	pq    [6]interface {
		Close() error
	}
	papers *parquet.GenericWriter[Paper]
	ments  *parquet.GenericWriter[Mention]
	refs   *parquet.GenericWriter[Ref]
	names  *parquet.GenericWriter[Name]
	texts  *parquet.GenericWriter[Text]
	words  *parquet.GenericWriter[Word]
	js     [6]*bufio.Writer
}

// NewWriter returns a Writer of tables in dir, which must exist.
func NewWriter(dir string, opt Options) (*Writer, error) {
	if opt.Format == "" {
		opt.Format = Parquet
	}
	if opt.Format != Parquet && opt.Format != JSONL {
		return nil, fmt.Errorf("table: format %q: %w", opt.Format, ErrFormat)
	}
	if opt.ShardPapers <= 0 {
		opt.ShardPapers = DefaultShardPapers
	}
	if opt.Create == nil {
		opt.Create = func(name string) (io.WriteCloser, error) { return os.Create(filepath.Join(dir, name)) }
	}
	return &Writer{dir: dir, opt: opt}, nil
}

// FileName is the name of a table's shard file.
func FileName(table string, shard int, f Format) string {
	return fmt.Sprintf("%s-%05d.%s", table, shard, f)
}

// Shards returns the base names of the shard files of format f in dir
// (any table, any shard), sorted; none when dir does not exist.
func Shards(dir string, f Format) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		name := e.Name()
		table, num, ok := strings.Cut(strings.TrimSuffix(name, "."+string(f)), "-")
		if ok && len(name) > len(table)+len(num)+1 && slices.Contains(Tables, table) && len(num) >= 5 && strings.Trim(num, "0123456789") == "" {
			out = append(out, name)
		}
	}
	return out
}

func (w *Writer) open() error {
	sh := &shard{}
	for _, t := range Tables {
		name := FileName(t, w.shard, w.opt.Format)
		f, err := w.opt.Create(name)
		if err != nil {
			sh.abort()
			return fmt.Errorf("table: %w", err)
		}
		sh.files = append(sh.files, f)
		sh.paths = append(sh.paths, name)
		w.files = append(w.files, filepath.Join(w.dir, name))
	}
	if w.opt.Format == Parquet {
		opts := []parquet.WriterOption{parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(rowGroup), parquet.CreatedBy("papergraph", "", "")}
		sh.papers = parquet.NewGenericWriter[Paper](sh.files[0], opts...)
		sh.ments = parquet.NewGenericWriter[Mention](sh.files[1], opts...)
		sh.refs = parquet.NewGenericWriter[Ref](sh.files[2], opts...)
		sh.names = parquet.NewGenericWriter[Name](sh.files[3], opts...)
		sh.texts = parquet.NewGenericWriter[Text](sh.files[4], opts...)
		sh.words = parquet.NewGenericWriter[Word](sh.files[5], opts...)
		sh.pq = [6]interface{ Close() error }{sh.papers, sh.ments, sh.refs, sh.names, sh.texts, sh.words}
	} else {
		for i, f := range sh.files {
			sh.js[i] = bufio.NewWriterSize(f, 1<<16)
		}
	}
	w.cur = sh
	return nil
}

func (sh *shard) abort() {
	for _, f := range sh.files {
		f.Close()
	}
}

// Write writes the rows of one extracted paper; rd is the paper's
// [ReadOf] before extraction, nil to take p as read.
func (w *Writer) Write(p *papergraph.Paper, rd *Read) error {
	if w.cur == nil {
		if err := w.open(); err != nil {
			return err
		}
	}
	if rd == nil {
		r := ReadOf(p)
		rd = &r
	}
	w.rows.Reset()
	w.rows.Add(p, *rd)
	if err := w.flush(); err != nil {
		return err
	}
	w.n++
	if w.n == w.opt.ShardPapers {
		if err := w.closeShard(); err != nil {
			return err
		}
		w.shard++
		w.n = 0
	}
	return nil
}

func (w *Writer) flush() error {
	sh, r := w.cur, &w.rows
	if sh.papers != nil {
		var errs [6]error
		_, errs[0] = sh.papers.Write(r.Papers)
		_, errs[1] = sh.ments.Write(r.Mentions)
		_, errs[2] = sh.refs.Write(r.Refs)
		_, errs[3] = sh.names.Write(r.Names)
		_, errs[4] = sh.texts.Write(r.Texts)
		_, errs[5] = sh.words.Write(r.Words)
		for i, err := range errs {
			if err != nil {
				return fmt.Errorf("table: %s: %w", Tables[i], err)
			}
		}
		return nil
	}
	for i, err := range []error{writeJSON(sh.js[0], r.Papers), writeJSON(sh.js[1], r.Mentions), writeJSON(sh.js[2], r.Refs),
		writeJSON(sh.js[3], r.Names), writeJSON(sh.js[4], r.Texts), writeJSON(sh.js[5], r.Words)} {
		if err != nil {
			return fmt.Errorf("table: %s: %w", Tables[i], err)
		}
	}
	return nil
}

func writeJSON[T any](w io.Writer, rows []T) error {
	for i := range rows {
		b, err := json.Marshal(&rows[i])
		if err != nil {
			return err
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) closeShard() error {
	sh := w.cur
	w.cur = nil
	var first error
	for i, f := range sh.files {
		var err error
		if sh.pq[i] != nil {
			err = sh.pq[i].Close()
		} else if sh.js[i] != nil {
			err = sh.js[i].Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil && first == nil {
			first = fmt.Errorf("table: %s: %w", filepath.Join(w.dir, sh.paths[i]), err)
		}
	}
	return first
}

// Close finishes the open shard. A Writer given no paper writes one empty
// shard, so that every table exists for the projection to read.
func (w *Writer) Close() error {
	if w.cur == nil && w.shard == 0 {
		if err := w.open(); err != nil {
			return err
		}
	}
	if w.cur == nil {
		return nil
	}
	return w.closeShard()
}

// Files lists the files written so far, in the order they were created.
func (w *Writer) Files() []string { return w.files }
