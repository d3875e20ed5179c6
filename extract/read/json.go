package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/papergraph/papergraph"
)

// JSON input comes in three shapes, told apart by the first line:
//   - JSON Lines: one object per line (the arXiv snapshot, OpenAlex
//     snapshot, jq -c output); read line by line, a bad line is skipped;
//   - a top-level array of records, streamed element by element;
//   - a top-level object: a wrapper whose "papers", "data", "results" or
//     "items" array is streamed (other keys such as "meta" are ignored),
//     or else a single record. Several top-level values may follow each
//     other (pretty-printed JSON Lines).
//
// In a document, a syntax error ends the input (there is no way to
// resynchronise); a record of the wrong shape is skipped. Records and
// errors carry the line where they start in documents too.

type jsonState int

const (
	stTop     jsonState = iota // between top-level values
	stArray                    // inside a top-level array of records
	stObject                   // inside a top-level object
	stWrapper                  // inside a wrapper object's record array
)

var wrapperKeys = map[string]bool{"papers": true, "data": true, "results": true, "items": true}

type jsonParser struct {
	format string // FormatHFJSON, ... ; records are mapped by their keys when auto
	auto   bool
	max    int
	grown  growth // what OpenAlex abstracts became beyond their records

	lr          *lineReader       // JSON Lines
	lines       lineBatch         // lines read ahead, decoded in parallel
	ahead       *lineBatch        // the batch after lines, being read on a goroutine of its own
	aheadDone   chan struct{}     // a value for each batch ahead read
	slabs       []*textSlabs      // those of each goroutine that decodes lines
	pending     []json.RawMessage // records of a one-line wrapper object
	pendingLine int

	dec      *json.Decoder // documents
	budget   *budgetReader
	state    jsonState
	obj      map[string]json.RawMessage
	streamed bool
	objSize  int
	objLine  int // line of the top-level object's '{'

	count *utf8Count // the input's repairs, where lone surrogates count too

	rec rawRecord // the record being mapped
}

func newJSON(br *bufio.Reader, format string, opt Options) (*jsonParser, error) {
	p := &jsonParser{format: format, max: opt.max(), grown: growth{max: opt.max()}}
	if opt.Format == "" {
		p.auto = true
	}
	if jsonLines(br) {
		// A batch of lines is what the buffer holds (see fill and
		// lineBuffered): a larger buffer than the sniffer's makes batches
		// of about lineBatchLines records, not a few dozen.
		p.lr = newLineReader(bufio.NewReaderSize(br, lineBatchBytes), p.max)
		return p, nil
	}
	p.budget = &budgetReader{r: br, lines: true}
	p.budget.allow(0, p.max)
	p.dec = json.NewDecoder(p.budget)
	p.dec.UseNumber()
	return p, nil
}

// jsonLines reports whether the input is JSON Lines: its first non-blank
// line is a complete object, or a broken line that does not open a
// multi-line document followed by a complete object.
func jsonLines(br *bufio.Reader) bool {
	head, _ := br.Peek(sniffSize)
	var lines [][]byte
	for len(head) > 0 && len(lines) < 2 {
		line := head
		i := bytes.IndexByte(head, '\n')
		if i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			if len(head) == sniffSize && len(lines) == 0 {
				// The first line goes on past the look-ahead: a long
				// JSON Lines record (or a one-line document, read the
				// same way).
				return bytes.HasPrefix(bytes.TrimSpace(line), []byte("{"))
			}
			head = nil
		}
		if line = bytes.TrimSpace(line); len(line) > 0 {
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 || lines[0][0] != '{' {
		return false
	}
	if json.Valid(lines[0]) {
		return true
	}
	if bytes.ContainsAny(lines[0][len(lines[0])-1:], "[{,:") {
		return false // a document that goes on over several lines
	}
	// A broken first line followed by a complete object.
	return len(lines) == 2 && json.Valid(lines[1]) && lines[1][0] == '{'
}

func (p *jsonParser) next() (papergraph.Paper, error) {
	if p.lr != nil {
		return p.nextLine()
	}
	return p.nextDoc()
}

// wrapped returns the records of a one-line wrapper object
// ({"papers": [...]}, {"meta": ..., "results": [...]}) and whether b is one.
func wrapped(b []byte) ([]json.RawMessage, bool) {
	if !quotesWrapperKey(b) {
		return nil, false // cheap test first: most lines are records
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil, false
	}
	if _, ok := m["title"]; ok {
		return nil, false
	}
	for _, k := range []string{"papers", "data", "results", "items"} {
		var items []json.RawMessage
		if raw, ok := m[k]; ok && json.Unmarshal(raw, &items) == nil && items != nil {
			return items, true
		}
	}
	return nil, false
}

// wrapperQuoted are the wrapper keys with their closing quote.
var wrapperQuoted = [][]byte{[]byte(`papers"`), []byte(`data"`), []byte(`results"`), []byte(`items"`)}

// quotesWrapperKey reports whether b holds one of the wrapper keys in
// quotes ("papers", "data", "results", "items"), in one pass over b.
func quotesWrapperKey(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '"')
		if i < 0 {
			return false
		}
		b = b[i+1:]
		if len(b) == 0 {
			return false
		}
		// Most quotes open other keys and strings: look at the first
		// letter before comparing.
		switch b[0] {
		case 'p', 'd', 'r', 'i':
			for _, k := range wrapperQuoted {
				if bytes.HasPrefix(b, k) {
					return true
				}
			}
		}
	}
}

// nextPending maps the next record of a one-line wrapper; ok is false when
// none is left.
func (p *jsonParser) nextPending() (papergraph.Paper, error, bool) {
	if len(p.pending) == 0 {
		return papergraph.Paper{}, nil, false
	}
	raw := p.pending[0]
	p.pending = p.pending[1:]
	paper, err := p.record(raw, p.pendingLine)
	if err != nil {
		return papergraph.Paper{}, &RecordError{Pos: papergraph.Pos{Line: p.pendingLine}, Err: err}, true
	}
	paper.Pos.Line = p.pendingLine
	return paper, nil, true
}

// docErr turns a decoder error into the error that ends the input.
func (p *jsonParser) docErr(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if errors.Is(err, errBudget) {
		return &fatalError{err: fmt.Errorf("json value longer than %d bytes: %w", p.max, ErrTooLarge)}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &fatalError{line: p.budget.lineAt(se.Offset), err: fmt.Errorf("json: %w: %w", ErrMalformed, err)}
	}
	if err == io.ErrUnexpectedEOF {
		return &fatalError{line: p.budget.lineAt(p.budget.n), err: fmt.Errorf("json: %w: %w", ErrMalformed, err)}
	}
	return err
}

func (p *jsonParser) nextDoc() (papergraph.Paper, error) {
	for {
		p.budget.allow(p.dec.InputOffset(), p.max)
		switch p.state {
		case stTop:
			tok, err := p.dec.Token()
			if err == io.EOF {
				return papergraph.Paper{}, io.EOF
			}
			if err != nil {
				return papergraph.Paper{}, p.docErr(err)
			}
			switch tok {
			case json.Delim('['):
				p.state = stArray
			case json.Delim('{'):
				p.state, p.obj, p.streamed, p.objSize = stObject, map[string]json.RawMessage{}, false, 0
				p.objLine = p.budget.lineAt(p.dec.InputOffset() - 1)
			default:
				return papergraph.Paper{}, &fatalError{err: fmt.Errorf("json: %w: top-level value is %v, not an object or array", ErrMalformed, tok)}
			}
		case stArray, stWrapper:
			if !p.dec.More() {
				if _, err := p.dec.Token(); err != nil { // ']'
					return papergraph.Paper{}, p.docErr(err)
				}
				if p.state == stArray {
					p.state = stTop
				} else {
					p.state = stObject
				}
				continue
			}
			var raw json.RawMessage
			if err := p.dec.Decode(&raw); err != nil {
				return papergraph.Paper{}, p.docErr(err)
			}
			line := p.budget.lineAt(p.dec.InputOffset() - int64(len(raw)))
			paper, err := p.record(raw, line)
			if err != nil {
				return papergraph.Paper{}, &RecordError{Pos: papergraph.Pos{Line: line}, Err: err}
			}
			paper.Pos.Line = line
			return paper, nil
		case stObject:
			if !p.dec.More() {
				if _, err := p.dec.Token(); err != nil { // '}'
					return papergraph.Paper{}, p.docErr(err)
				}
				p.state = stTop
				if p.streamed {
					continue
				}
				b, err := json.Marshal(p.obj)
				if err != nil {
					return papergraph.Paper{}, &RecordError{Err: fmt.Errorf("json: %w", err)}
				}
				paper, err := p.record(b, p.objLine)
				if err != nil {
					return papergraph.Paper{}, &RecordError{Pos: papergraph.Pos{Line: p.objLine}, Err: err}
				}
				paper.Pos.Line = p.objLine
				return paper, nil
			}
			tok, err := p.dec.Token()
			if err != nil {
				return papergraph.Paper{}, p.docErr(err)
			}
			key, _ := tok.(string)
			if _, titled := p.obj["title"]; wrapperKeys[key] && !p.streamed && !titled {
				var first json.RawMessage
				// Peek the value: an array is streamed, anything else kept.
				t, err := p.dec.Token()
				if err != nil {
					return papergraph.Paper{}, p.docErr(err)
				}
				if t == json.Delim('[') {
					p.state, p.streamed = stWrapper, true
					continue
				}
				if d, ok := t.(json.Delim); ok {
					if err := skipValue(p.dec, d); err != nil {
						return papergraph.Paper{}, p.docErr(err)
					}
					continue
				}
				first, _ = json.Marshal(t)
				p.obj[key] = first
				continue
			}
			var raw json.RawMessage
			if err := p.dec.Decode(&raw); err != nil {
				return papergraph.Paper{}, p.docErr(err)
			}
			p.obj[key] = raw
			if p.objSize += len(key) + len(raw); p.objSize > p.max {
				return papergraph.Paper{}, &fatalError{err: fmt.Errorf("json object longer than %d bytes: %w", p.max, ErrTooLarge)}
			}
		}
	}
}

// skipValue consumes the rest of a value whose opening delimiter was read.
func skipValue(dec *json.Decoder, open json.Delim) error {
	depth := 1
	for depth > 0 {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
	return nil
}

// record maps one JSON record to a paper with the reader's format or,
// when detecting, the format its keys show. The record is decoded once,
// into a struct holding the fields of every JSON format.
//
// Escapes of lone UTF-16 surrogates (\ud800 without its pair), which the
// decoder reads as U+FFFD, are counted with the input's invalid UTF-8.
func (p *jsonParser) record(b []byte, line int) (papergraph.Paper, error) {
	if p.count != nil {
		if n := loneSurrogates(b); n > 0 {
			p.count.repaired(n, line)
		}
	}
	format, n, err := p.decode(b, &p.rec, true)
	if err != nil {
		return papergraph.Paper{}, err
	}
	return p.mapRecord(&p.rec, format, n)
}

// decode decodes JSON record b into r and returns the format to map it
// as and the record's size; scan false skips the scanner, which has
// refused b already. It reads only p's format, so records decode in
// parallel.
func (p *jsonParser) decode(b []byte, r *rawRecord, scan bool) (format string, n int, err error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		kind := "null"
		if len(b) > 0 {
			kind = map[byte]string{'[': "array", '"': "string", 't': "bool", 'f': "bool"}[b[0]]
			if kind == "" && string(b) != "null" {
				kind = "number"
			}
		}
		return "", 0, fmt.Errorf("record is a JSON %s, not an object", kind)
	}
	// One record's fields at a time: the papers made from them keep
	// their strings and slices, never the struct.
	*r = rawRecord{}
	if scan {
		err = decodeRecord(b, r)
	} else {
		err = decode(b, r)
	}
	if err != nil {
		return "", 0, err
	}
	return p.formatOf(r), len(b), nil
}

// formatOf returns the format to map decoded record r as.
func (p *jsonParser) formatOf(r *rawRecord) string {
	if p.auto {
		return r.classify()
	}
	return p.format
}

// mapRecord maps decoded record r of n bytes in format to a paper. Only
// an OpenAlex record reads and moves p's state (what the input's
// abstracts grew by): the others map in parallel.
func (p *jsonParser) mapRecord(r *rawRecord, format string, n int) (papergraph.Paper, error) {
	var paper papergraph.Paper
	var err error
	switch format {
	case FormatOpenAlex:
		limit := p.grown.limit(n)
		paper, err = openAlexRecord(r, limit)
		switch {
		case err == nil:
			p.grown.add(n, len(paper.Abstract))
		case errors.Is(err, ErrTooLarge) && limit < p.max:
			err = p.grown.tooLarge("abstract_inverted_index")
		}
	case FormatS2:
		paper = s2Record(r)
	case FormatArXivJSONL:
		paper = arXivRecord(r)
	default:
		paper, err = hfRecord(r)
	}
	if err != nil {
		return papergraph.Paper{}, err
	}
	if paper.Title == "" {
		return papergraph.Paper{}, errors.New("record has no title")
	}
	return paper, nil
}

// loneSurrogates counts the \uXXXX escapes in JSON text b that are UTF-16
// surrogates without their other half.
func loneSurrogates(b []byte) int {
	if !bytes.Contains(b, []byte(`\u`)) && !bytes.Contains(b, []byte(`\U`)) {
		return 0
	}
	n := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			continue
		}
		if b[i+1] != 'u' {
			i++ // an escape of one character, maybe a backslash
			continue
		}
		r, ok := hex4(b[i+2:])
		if !ok {
			i++
			continue
		}
		switch {
		case r >= 0xd800 && r < 0xdc00: // high: a low one must follow
			if lo, ok := hex4(b[min(i+8, len(b)):]); ok && i+7 < len(b) && b[i+6] == '\\' && b[i+7] == 'u' && lo >= 0xdc00 && lo < 0xe000 {
				i += 11
				continue
			}
			n++
		case r >= 0xdc00 && r < 0xe000:
			n++
		}
		i += 5
	}
	return n
}

// hex4 reads four hex digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
