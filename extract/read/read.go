package read

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/papergraph/papergraph"
)

// Format names accepted by [Options.Format] and reported by [Reader.Format].
const (
	FormatHFPage     = "hf-page"     // Hugging Face trending page, copied as text
	FormatHFJSON     = "hf-json"     // Hugging Face daily-papers API and paper objects
	FormatArXivAtom  = "arxiv-atom"  // arXiv API Atom feed
	FormatArXivJSONL = "arxiv-jsonl" // arXiv metadata snapshot (JSON Lines)
	FormatOpenAlex   = "openalex"    // OpenAlex works
	FormatS2         = "s2"          // Semantic Scholar Graph API papers
	FormatBibTeX     = "bibtex"      // BibTeX (Zotero, JabRef, arXiv exports)
	FormatCSV        = "csv"         // comma-separated table with a header
	FormatTSV        = "tsv"         // tab-separated table with a header
)

// DefaultMaxRecordBytes is the record size limit used when
// Options.MaxRecordBytes is zero.
const DefaultMaxRecordBytes = 64 << 20

// Formats returns the names of the formats this package reads, in a fixed
// order.
func Formats() []string {
	return []string{FormatHFPage, FormatHFJSON, FormatArXivAtom, FormatArXivJSONL,
		FormatOpenAlex, FormatS2, FormatBibTeX, FormatCSV, FormatTSV}
}

// Options configure a [Reader]. The zero value detects the format and
// limits records to [DefaultMaxRecordBytes].
type Options struct {
	// Format forces one of [Formats] (case-insensitive); "" or "auto"
	// detects it from the content. Gzip compression is detected either
	// way.
	Format string
	// MaxInputBytes bounds the bytes of the input once decompressed; past
	// it reading stops with an error wrapping [ErrTooLarge]. Zero means no
	// limit (a gzip input is still stopped as a bomb, see [BombRatio]).
	MaxInputBytes int64
	// MaxRecordBytes bounds one record (a line, an entry, a JSON value)
	// and what it expands to (BibTeX @string macros, an OpenAlex abstract
	// rebuilt from its inverted index), and also what all the records of
	// an input together become beyond their own bytes;
	// a larger one is a [*RecordError] wrapping [ErrTooLarge] (or, inside
	// a JSON or XML document where reading cannot resume, a fatal error
	// wrapping it). Zero means [DefaultMaxRecordBytes].
	MaxRecordBytes int
}

// growth bounds what the records of one input become beyond their own
// bytes (BibTeX fields with @string macros expanded, OpenAlex abstracts
// rebuilt from inverted indexes): max in all, the record limit. Each
// record is bounded by the limit on its own; without a bound on their
// sum, a few kilobytes of records of a few dozen bytes each, every one
// expanding to megabytes, become gigabytes held until extraction.
type growth struct {
	added, max int
}

// limit returns the most bytes a record of n bytes may become.
func (g *growth) limit(n int) int {
	return min(g.max, n+g.max-g.added)
}

// add counts a record of n bytes that became m.
func (g *growth) add(n, m int) {
	g.added += max(0, m-n)
}

// bounds reports whether the limit of a record of n bytes is the input's
// (what its records already became), not the record limit.
func (g *growth) bounds(n int) bool {
	return g.limit(n) < g.max
}

// tooLarge is the error for a record refused by the input's bound, what
// it would become (a BibTeX entry's fields, an OpenAlex abstract).
func (g *growth) tooLarge(what string) error {
	return fmt.Errorf("%s: the input's records would become more than %d bytes beyond their own size: %w", what, g.max, ErrTooLarge)
}

func (o Options) max() int {
	if o.MaxRecordBytes <= 0 {
		return DefaultMaxRecordBytes
	}
	return o.MaxRecordBytes
}

// parser is one format's record source. next returns a paper with
// Pos.Line set when the format has lines, a *RecordError for a record to
// skip, io.EOF at the end, or another error that ends the input.
type parser interface {
	next() (papergraph.Paper, error)
}

// Reader streams the papers of one input. Create it with [Open].
// A Reader is not safe for concurrent use.
type Reader struct {
	name   string
	format string
	p      parser
	rec    int
	err    error // sticky error that ended the input
	utf8   *utf8Count
}

// InvalidUTF8 reports how many runs of bytes that are not UTF-8 the input
// has held so far (read ahead of the papers returned), and the line of the
// first (0 when there is none). Such bytes are read as U+FFFD (one per run
// in most text; JSON strings with escapes get one per byte). Every byte of
// the input counts, also in fields papergraph does not use and in skipped
// records: the count is for run summaries, so that no repair is silent.
// It is complete once [Reader.Next] has returned [io.EOF].
func (r *Reader) InvalidUTF8() (runs, firstLine int) {
	return r.utf8.counts()
}

// Open detects the format of r (gzip-compressed or not) and returns a
// Reader of its papers. name labels positions in errors and in
// [papergraph.Pos.File]; it is not opened. Open reads ahead up to 64 KiB to
// detect the format; it fails with an error wrapping [ErrEmpty],
// [ErrBinary] or [ErrUnknownFormat] (whose message lists the formats
// read) when there is nothing it can read.
func Open(r io.Reader, name string, opt Options) (*Reader, error) {
	opt.Format = strings.ToLower(strings.TrimSpace(opt.Format))
	if opt.Format == "auto" {
		opt.Format = ""
	}
	if opt.Format != "" && !known(opt.Format) {
		return nil, fmt.Errorf("read: %s: format %q: %w (we read: %s)", label(name), opt.Format, ErrUnknownFormat, formatList())
	}
	br, count, err := decompress(r, opt)
	if err != nil {
		return nil, fmt.Errorf("read: %s: %w", label(name), err)
	}
	format, err := sniff(br, opt.Format)
	if err != nil {
		return nil, fmt.Errorf("read: %s: %w", label(name), err)
	}
	p, err := newParser(br, format, opt)
	if err != nil {
		var fe *fatalError
		if errors.As(err, &fe) {
			return nil, fmt.Errorf("read: %s: %s: %w", papergraph.Pos{File: label(name), Line: fe.line}.String(), format, fe.err)
		}
		return nil, fmt.Errorf("read: %s: %s: %w", label(name), format, err)
	}
	if jp, ok := p.(*jsonParser); ok {
		jp.count = count
	}
	return &Reader{name: name, format: format, p: p, utf8: count}, nil
}

func label(name string) string {
	if name == "" {
		return "input"
	}
	return name
}

func known(format string) bool {
	for _, f := range Formats() {
		if f == format {
			return true
		}
	}
	return false
}

func newParser(br *bufio.Reader, format string, opt Options) (parser, error) {
	switch format {
	case FormatHFPage:
		return newHFPage(br, opt)
	case FormatHFJSON, FormatArXivJSONL, FormatOpenAlex, FormatS2:
		return newJSON(br, format, opt)
	case FormatArXivAtom:
		return newAtom(br, opt), nil
	case FormatBibTeX:
		return newBibTeX(br, opt), nil
	case FormatCSV:
		return newCSV(br, ',', opt)
	case FormatTSV:
		return newCSV(br, '\t', opt)
	}
	return nil, fmt.Errorf("%w (we read: %s)", ErrUnknownFormat, formatList())
}

// noter is a parser that makes [Note]s.
type noter interface {
	readNotes() []Note
}

// Notes returns what the reader noticed without skipping a record (see
// [Note]), with the input's name set. It is complete once [Reader.Next]
// has returned [io.EOF].
func (r *Reader) Notes() []Note {
	n, ok := r.p.(noter)
	if !ok {
		return nil
	}
	notes := n.readNotes()
	out := make([]Note, len(notes))
	for i, note := range notes {
		note.Pos.File = label(r.name)
		out[i] = note
	}
	return out
}

// Format returns the name of the format being read (one of [Formats]).
// For JSON input detected automatically it is the format of the first
// records; every record is still mapped by its own fields.
func (r *Reader) Format() string { return r.format }

// Next returns the next paper, with Pos set (file, line when the format
// has lines, and the 1-based record number). At the end of the input it
// returns io.EOF. A malformed record gives a [*RecordError]: call Next
// again to continue. Any other error ends the input and is returned again
// by later calls.
func (r *Reader) Next() (papergraph.Paper, error) {
	if r.err != nil {
		return papergraph.Paper{}, r.err
	}
	p, err := r.p.next()
	if err == nil {
		r.rec++
		p.Pos.File, p.Pos.Record = r.name, r.rec
		return p, nil
	}
	if err == io.EOF {
		r.err = io.EOF
		return papergraph.Paper{}, io.EOF
	}
	var re *RecordError
	if errors.As(err, &re) {
		r.rec++
		re.Pos.File, re.Pos.Record, re.Format = label(r.name), r.rec, r.format
		return papergraph.Paper{}, re
	}
	var fe *fatalError
	if errors.As(err, &fe) {
		r.err = fmt.Errorf("read: %s: %s: %w", papergraph.Pos{File: label(r.name), Line: fe.line, Record: r.rec + 1}.String(), r.format, fe.err)
	} else {
		r.err = fmt.Errorf("read: %s: %s: %w", label(r.name), r.format, err)
	}
	return papergraph.Paper{}, r.err
}

// fatalError is an error that ends the input at a known line (0: unknown;
// the record number is used then).
type fatalError struct {
	line int
	err  error
}

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

// ReadAll reads every paper of r. It returns the papers in input order,
// the record errors of the records it skipped, and the error that ended
// the input early (nil at a normal end).
func ReadAll(r io.Reader, name string, opt Options) ([]papergraph.Paper, []error, error) {
	rd, err := Open(r, name, opt)
	if err != nil {
		return nil, nil, err
	}
	var papers []papergraph.Paper
	var skipped []error
	for {
		p, err := rd.Next()
		if err == io.EOF {
			return papers, skipped, nil
		}
		var re *RecordError
		if errors.As(err, &re) {
			skipped = append(skipped, err)
			continue
		}
		if err != nil {
			return papers, skipped, err
		}
		papers = append(papers, p)
	}
}

// ReadFile reads every paper of the file at path, as [ReadAll] does,
// naming positions by path.
func ReadFile(path string, opt Options) ([]papergraph.Paper, []error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read: %w", err)
	}
	defer f.Close()
	return ReadAll(f, path, opt)
}
