package read

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/papergraph/papergraph"
)

// A CSV or TSV table has a header row naming at least a title column and
// an abstract (or summary) column, in any case; id, arxiv, doi, authors,
// year, url, githubRepo and projectPage columns are used when present:
//
//	title,abstract,arxiv,doi,authors,year
//	"Attention Is All You Need","The dominant ...",1706.03762,,"A. Vaswani; N. Shazeer",2017
//
// Fields are quoted as RFC 4180 says, and a quoted field may run over
// several lines. A quote does not swallow the rows after it: a record
// read across lines must close its quotes properly and have as many
// fields as the header, else its first line is read on its own with its
// quotes as text (so a TSV title "Why Should I Trust You?" ... reads as
// written, and a stray quote costs no row). Rows with another number of
// fields than the header, fields that run over many lines, and far more
// lines than records are reported in [Reader.Notes].

// maxFieldLines bounds the lines one quoted field may run over.
const maxFieldLines = 1000

// manyLines is how many lines a record may run over before a note says so.
const manyLines = 20

type csvLine struct {
	b   []byte
	n   int   // 1-based line number
	err error // a line too long to read
}

type csvParser struct {
	lr    *lineReader
	sep   byte
	max   int
	cols  map[string]int
	width int       // fields in the header
	queue []csvLine // lines read ahead and given back

	rows, lines int   // records and non-blank lines read
	ragged      []int // lines of rows with another number of fields than the header
	nRagged     int
	long        []Note // records that ran over many lines
	notes       []Note
}

func newCSV(br *bufio.Reader, sep rune, opt Options) (*csvParser, error) {
	p := &csvParser{lr: newLineReader(br, opt.max()), sep: byte(sep), max: opt.max()}
	var header []string
	for header == nil {
		l, err := p.line()
		if err == io.EOF {
			return nil, &fatalError{line: 1, err: fmt.Errorf("%w: no header row", ErrEmpty)}
		}
		if err != nil {
			return nil, err
		}
		if l.err != nil {
			return nil, &fatalError{line: l.n, err: l.err}
		}
		if len(bytes.TrimSpace(l.b)) > 0 {
			header = p.split(l.b)
		}
	}
	p.width = len(header)
	p.cols = columns(header)
	_, hasTitle := p.cols["title"]
	_, hasAbstract := p.cols["abstract"]
	if !hasTitle || !hasAbstract {
		return nil, &fatalError{line: 1, err: fmt.Errorf("%w: the header must name a title and an abstract (or summary) column", ErrUnknownFormat)}
	}
	return p, nil
}

// line returns the next line, from those given back first.
func (c *csvParser) line() (csvLine, error) {
	if len(c.queue) > 0 {
		l := c.queue[0]
		c.queue = c.queue[1:]
		return l, nil
	}
	b, err := c.lr.next()
	if errors.Is(err, errLineTooLong) {
		return csvLine{n: c.lr.line, err: fmt.Errorf("line longer than %d bytes: %w", c.max, ErrTooLarge)}, nil
	}
	if err != nil {
		return csvLine{}, err
	}
	return csvLine{b: bytes.Clone(b), n: c.lr.line}, nil
}

// row is the state of a record being parsed, line by line.
type row struct {
	fields  []string
	field   []byte
	inQuote bool // inside a quoted field
	started bool // the current field has begun
}

// feed parses one line of the record strictly (RFC 4180): done when the
// record ends with the line, bad when a quote is misplaced (a closing
// quote followed by something other than the separator).
func (r *row) feed(line []byte, sep byte) (done, bad bool) {
	if r.inQuote {
		r.field = append(r.field, '\n') // the line break inside the field
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case r.inQuote && c == '"':
			if i+1 < len(line) && line[i+1] == '"' {
				r.field = append(r.field, '"')
				i++
				continue
			}
			r.inQuote = false
			if i+1 < len(line) && line[i+1] != sep {
				return false, true
			}
		case r.inQuote:
			r.field = append(r.field, c)
		case c == sep:
			r.fields = append(r.fields, string(r.field))
			r.field, r.started = r.field[:0], false
		case c == '"' && !r.started:
			r.inQuote, r.started = true, true
		default:
			r.field, r.started = append(r.field, c), true
		}
	}
	if r.inQuote {
		return false, false
	}
	r.fields = append(r.fields, string(r.field))
	return true, false
}

// split reads one line on its own: strictly when its quotes are right,
// else each field that is not a whole quoted field keeps its quotes as
// text.
func (c *csvParser) split(line []byte) []string {
	var r row
	if done, bad := r.feed(line, c.sep); done && !bad {
		return r.fields
	}
	parts := bytes.Split(line, []byte{c.sep})
	out := make([]string, len(parts))
	for i, f := range parts {
		var one row
		if done, bad := one.feed(f, c.sep); done && !bad && len(one.fields) == 1 {
			out[i] = one.fields[0]
		} else {
			out[i] = string(f)
		}
	}
	return out
}

// record reads the next record's fields and the line it starts on.
func (c *csvParser) record() ([]string, int, error) {
	for {
		first, err := c.line()
		if err != nil {
			return nil, 0, err
		}
		if first.err != nil {
			return nil, 0, &RecordError{Pos: papergraph.Pos{Line: first.n}, Err: first.err}
		}
		if len(bytes.TrimSpace(first.b)) == 0 {
			continue
		}
		c.lines++
		var r row
		done, bad := r.feed(first.b, c.sep)
		var more []csvLine
		size := len(first.b)
		for !done && !bad {
			l, err := c.line()
			if err == io.EOF || (err == nil && l.err != nil) {
				if err == nil {
					more = append(more, l)
				}
				bad = true
				break
			}
			if err != nil {
				return nil, 0, err
			}
			more = append(more, l)
			if size += len(l.b) + 1; size > c.max || len(more) > maxFieldLines {
				bad = true
				break
			}
			done, bad = r.feed(l.b, c.sep)
		}
		if !bad && (len(more) == 0 || len(r.fields) == c.width) {
			c.lines += len(more)
			if len(more) >= manyLines && len(c.long) < maxNotes {
				c.long = append(c.long, Note{Pos: papergraph.Pos{Line: first.n}, Msg: fmt.Sprintf("a quoted field runs over %d lines", len(more)+1)})
			}
			return r.fields, first.n, nil
		}
		// The quotes do not close as a record of this table would: read
		// the first line on its own, and the next lines after it.
		c.queue = append(more, c.queue...)
		if size > c.max && len(more) == 0 {
			return nil, 0, &RecordError{Pos: papergraph.Pos{Line: first.n}, Err: fmt.Errorf("csv record longer than %d bytes: %w", c.max, ErrTooLarge)}
		}
		return c.split(first.b), first.n, nil
	}
}

// maxNotes bounds the notes of one kind a reader keeps.
const maxNotes = 5

func (c *csvParser) next() (papergraph.Paper, error) {
	rec, line, err := c.record()
	if err == io.EOF {
		c.finish()
	}
	if err != nil {
		return papergraph.Paper{}, err
	}
	c.rows++
	if len(rec) != c.width {
		if c.nRagged++; len(c.ragged) < maxNotes {
			c.ragged = append(c.ragged, line)
		}
	}
	get := func(col string) string {
		if i, ok := c.cols[col]; ok && i < len(rec) {
			return strings.TrimSpace(strings.ToValidUTF8(rec[i], "\uFFFD"))
		}
		return ""
	}
	blank := true
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			blank = false
		}
	}
	if blank {
		return c.next()
	}
	p := papergraph.Paper{
		ID:       get("id"),
		Title:    collapse(get("title")),
		Abstract: collapse(get("abstract")),
		Authors:  splitAuthors(get("authors")),
		Year:     parseYear(get("year")),
		URL:      get("url"),
		Pos:      papergraph.Pos{Line: line},
	}
	if p.Title == "" {
		return papergraph.Paper{}, recordErr(line, "row has no title")
	}
	p.AddID(get("arxiv"))
	p.AddID(get("doi"))
	p.AddID(p.ID)
	if strings.Contains(strings.ToLower(p.URL), "arxiv.org/") {
		p.AddID(p.URL)
	}
	for _, f := range []string{"githubRepo", "projectPage"} {
		if l, ok := link(get(f), f); ok {
			p.Links = append(p.Links, l)
		}
	}
	return p, nil
}

// finish makes the notes of the whole table, at its end.
func (c *csvParser) finish() {
	if c.notes != nil {
		return
	}
	c.notes = []Note{}
	if c.nRagged > 0 {
		lines := make([]string, len(c.ragged))
		for i, l := range c.ragged {
			lines[i] = fmt.Sprint(l)
		}
		more := ""
		if c.nRagged > len(c.ragged) {
			more = ", ..."
		}
		c.notes = append(c.notes, Note{Pos: papergraph.Pos{Line: c.ragged[0]}, Msg: fmt.Sprintf("%d row(s) with another number of fields than the header's %d (lines %s%s)", c.nRagged, c.width, strings.Join(lines, ", "), more)})
	}
	c.notes = append(c.notes, c.long...)
	if c.lines > 2*c.rows+manyLines {
		c.notes = append(c.notes, Note{Msg: fmt.Sprintf("%d lines read as %d records: quoted fields run over many lines", c.lines, c.rows)})
	}
}

// readNotes returns the notes, complete at the end of the input.
func (c *csvParser) readNotes() []Note { return c.notes }
