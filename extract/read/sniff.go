package read

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// sniffSize is how far Open looks ahead to detect a format.
const sniffSize = 64 << 10

// decompress returns a buffered reader of r's content, transparently
// decompressing gzip (detected by its magic bytes, not a file name; a
// gzip inside it too, not deeper), and the counter of invalid UTF-8 in
// that content. The content is bounded: at most opt's MaxInputBytes in
// all, and a gzip stream stops with an error once it has inflated past
// [BombBytes] at more than [BombRatio] times the compressed bytes read.
func decompress(r io.Reader, opt Options) (*bufio.Reader, *utf8Count, error) {
	raw := &countReader{r: r}
	br := bufio.NewReaderSize(raw, sniffSize)
	gz := false
	for range 2 { // a gzip member inside gzip is read too; deeper nesting is not
		head, err := br.Peek(2)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, nil, err
		}
		if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
			break
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %w: %w", ErrMalformed, err)
		}
		br = bufio.NewReaderSize(gzipErrors{zr}, sniffSize)
		gz = true
	}
	lim := &limitReader{r: br, max: opt.MaxInputBytes}
	if gz {
		lim.raw = raw
	}
	count := &utf8Count{r: &crReader{r: lim}}
	return bufio.NewReaderSize(count, sniffSize), count, nil
}

// BombBytes and BombRatio define a decompression bomb: a gzip input that
// has inflated past BombBytes at more than BombRatio times the compressed
// bytes read (text compresses 3 to 20 times; deflate's limit is about
// 1,000). Reading stops there with an error wrapping [ErrTooLarge].
const (
	BombBytes = 64 << 20
	BombRatio = 200
)

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// limitReader fails with an error wrapping ErrTooLarge once more than max
// bytes (0: no limit) have been read, or, when raw is set (the input is
// compressed), once the content looks like a decompression bomb.
type limitReader struct {
	r   io.Reader
	n   int64
	max int64
	raw *countReader
}

func (l *limitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	switch {
	case l.max > 0 && l.n > l.max:
		return n, fmt.Errorf("input longer than %d bytes (-max-input): %w", l.max, ErrTooLarge)
	case l.raw != nil && l.n > BombBytes && l.n > BombRatio*l.raw.n:
		return n, fmt.Errorf("gzip inflates %d bytes to more than %d (over %d times): a decompression bomb: %w", l.raw.n, l.n, BombRatio, ErrTooLarge)
	}
	return n, err
}

// crReader turns every line end into LF: CRLF and a lone CR (old Mac
// line ends) alike, so that every reader sees lines ending in LF however
// the input's bytes arrive. A CR that ends one read and an LF that
// starts the next are one line end, as they are when read together.
type crReader struct {
	r      io.Reader
	lastCR bool // the last byte read was a CR (passed on as LF)
}

func (c *crReader) Read(p []byte) (int, error) {
	for {
		n, err := c.r.Read(p)
		b := p[:n]
		if n == 0 {
			return 0, err
		}
		i := bytes.IndexByte(b, '\r')
		if c.lastCR && b[0] == '\n' {
			i = 0
		}
		if i < 0 {
			c.lastCR = false
			return n, err
		}
		// From the first CR (or the LF after a CR) on, bytes move down
		// over each LF that ends a CRLF.
		w := i
		for _, ch := range b[i:] {
			if ch == '\n' && c.lastCR {
				c.lastCR = false
				continue
			}
			c.lastCR = ch == '\r'
			if c.lastCR {
				ch = '\n'
			}
			b[w] = ch
			w++
		}
		if w > 0 || err != nil {
			return w, err
		}
		// The read held only the LF of a CRLF: read on.
	}
}

// binary magic numbers and what they are.
var magics = []struct{ magic, what string }{
	{"%PDF-", "a PDF file"},
	{"PK\x03\x04", "a zip archive"},
	{"\x89PNG", "a PNG image"},
	{"GIF8", "a GIF image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"BZh", "bzip2-compressed (only gzip is read)"},
	{"\xfd7zXZ\x00", "xz-compressed (only gzip is read)"},
	{"\x28\xb5\x2f\xfd", "zstd-compressed (only gzip is read)"},
	{"\xfe\xff", "UTF-16 text (convert it to UTF-8)"},
	{"\xff\xfe", "UTF-16 text (convert it to UTF-8)"},
	{"\x7fELF", "an executable"},
}

var bibEntry = regexp.MustCompile(`(?m)^[ \t]*@[A-Za-z]+[ \t]*[{(]`)

// sniff returns the format of br's content: forced when non-empty after
// checking the input is text, else detected. It consumes a UTF-8 BOM.
func sniff(br *bufio.Reader, forced string) (string, error) {
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return "", err
	}
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return "", fmt.Errorf("%w: looks like %s; we read text in these formats: %s", ErrBinary, m.what, formatList())
		}
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		if _, err := br.Discard(3); err != nil {
			return "", err
		}
		head = head[3:]
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return "", fmt.Errorf("%w: no text to read", ErrEmpty)
	}
	if forced != "" {
		return forced, nil // the user says what it is: no guessing rejects it
	}
	if isBinary(head) {
		return "", fmt.Errorf("%w: not UTF-8 text; we read text in these formats: %s", ErrBinary, formatList())
	}
	text := bytes.TrimLeft(head, " \t\r\n")
	unknown := func(why string) error {
		return fmt.Errorf("%w: %s; we read: %s", ErrUnknownFormat, why, formatList())
	}
	switch {
	case text[0] == '<' && looksXML(text):
		low := bytes.ToLower(text[:min(len(text), 4096)])
		if bytes.Contains(low, []byte("<html")) || bytes.HasPrefix(low, []byte("<!doctype html")) {
			return "", unknown("an HTML page (save the trending page as text, or use the JSON API)")
		}
		if bytes.Contains(text, []byte("<feed")) || bytes.Contains(text, []byte("<entry")) {
			return FormatArXivAtom, nil
		}
		return "", unknown("XML that is not an Atom feed")
	case (text[0] == '{' || text[0] == '[') && looksJSON(text):
		return sniffJSON(text), nil
	}
	if bibEntry.Match(text) { // text before the first entry is a comment
		return FormatBibTeX, nil
	}
	if f, ok := sniffTable(text); ok {
		return f, nil
	} else if f != "" {
		return "", unknown(f)
	}
	return FormatHFPage, nil
}

// looksXML reports whether text, which starts with '<', starts as XML
// does: a declaration, a comment, a doctype, or a tag followed by another
// tag. A page whose first title starts with a tag-like word ("<think>
// ...") is text.
func looksXML(text []byte) bool { return xmlStart.Match(text) }

var xmlStart = regexp.MustCompile(`^<(\?xml|!--|![A-Za-z]|[A-Za-z_][-\w.:]*(\s[^<>]*)?/?>\s*<)`)

// looksJSON reports whether text, which starts with '{' or '[', is JSON:
// it is unless a syntax error comes on a first line that has no quote
// (every JSON record has quoted keys or strings). A page whose first
// title starts with "[" ("[CVPR 2025] ...") is text; broken JSON is
// still read as JSON, and its error says where.
func looksJSON(text []byte) bool {
	first := text
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if bytes.IndexByte(first, '"') >= 0 {
		return true
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	for range 64 {
		_, err := dec.Token()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return se.Offset > int64(len(first))
		}
		if err != nil || dec.InputOffset() > int64(len(first)) {
			return true
		}
	}
	return true
}

// isBinary reports whether head is mostly not text: many NUL or other
// control bytes (more than 1%: a stray one near the start of a text file
// is text, as it is further on), or more than 5% invalid UTF-8.
func isBinary(head []byte) bool {
	ctl := 0
	for _, c := range head[:min(len(head), 4096)] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			ctl++
		}
	}
	if ctl*100 > min(len(head), 4096) {
		return true
	}
	bad, n := 0, 0
	for i := 0; i < len(head) && n < 4096; n++ {
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && len(head)-i >= utf8.UTFMax {
			bad++
		}
		i += size
	}
	return bad*20 > n // more than 5% invalid
}

// sniffJSON names the JSON format from the keys in the first bytes.
func sniffJSON(text []byte) string {
	has := func(s string) bool { return bytes.Contains(text, []byte(s)) }
	switch {
	case has(`"abstract_inverted_index"`) || has(`"https://openalex.org/W`) || has(`"referenced_works"`):
		return FormatOpenAlex
	case has(`"paperId"`) || has(`"externalIds"`):
		return FormatS2
	case has(`"submitter"`) || has(`"authors_parsed"`) || has(`"journal-ref"`) || (has(`"versions"`) && has(`"categories"`)):
		return FormatArXivJSONL
	}
	return FormatHFJSON
}

// sniffTable reports whether the first line is a CSV or TSV header naming
// a title and an abstract column. A header with a title but no abstract
// column returns the reason in the string and false.
func sniffTable(text []byte) (string, bool) {
	line := text
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimRight(line, "\r")
	for _, d := range []struct {
		sep    rune
		format string
	}{{'\t', FormatTSV}, {',', FormatCSV}} {
		if !bytes.ContainsRune(line, d.sep) {
			continue
		}
		cr := csv.NewReader(bytes.NewReader(line))
		cr.Comma, cr.LazyQuotes = d.sep, true
		header, err := cr.Read()
		if err != nil {
			continue
		}
		cols := columns(header)
		if _, ok := cols["title"]; !ok {
			continue
		}
		if _, ok := cols["abstract"]; !ok {
			return fmt.Sprintf("a %s header without an abstract or summary column", d.format), false
		}
		return d.format, true
	}
	return "", false
}

// columns maps canonical column names to their index in a table header.
func columns(header []string) map[string]int {
	cols := map[string]int{}
	for i, h := range header {
		name, ok := columnAliases[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))]
		if !ok {
			continue
		}
		if _, dup := cols[name]; !dup {
			cols[name] = i
		}
	}
	return cols
}

var columnAliases = map[string]string{
	"title": "title", "paper title": "title",
	"abstract": "abstract", "summary": "abstract", "abstract note": "abstract", "abstractnote": "abstract",
	"id": "id", "key": "id", "paperid": "id",
	"arxiv": "arxiv", "arxiv_id": "arxiv", "arxivid": "arxiv", "arxiv id": "arxiv", "eprint": "arxiv",
	"doi":     "doi",
	"authors": "authors", "author": "authors",
	"year": "year", "publication_year": "year", "publication year": "year",
	"url": "url", "link": "url",
	"githubrepo": "githubRepo", "github": "githubRepo", "code": "githubRepo", "repo": "githubRepo",
	"projectpage": "projectPage", "project_page": "projectPage", "project page": "projectPage",
}

// gzipErrors marks errors of a gzip stream (truncation, bad checksum) as
// malformed input.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip: %w: %w", ErrMalformed, err)
	}
	return n, err
}
