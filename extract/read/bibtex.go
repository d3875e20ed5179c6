package read

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/papergraph/papergraph"
)

// BibTeX as Zotero, JabRef, Google Scholar and arXiv export it:
//
//	@string{acl = "Association for Computational Linguistics"}
//	@article{vaswani2017,
//	  title    = {Attention Is All You Need},
//	  author   = "Vaswani, Ashish and Shazeer, Noam",
//	  abstract = {The dominant sequence transduction models ...},
//	  eprint = {1706.03762}, archivePrefix = {arXiv},
//	  publisher = acl # " Anthology",
//	}
//
// Entries are read one at a time (memory bounded by the largest entry);
// text between entries is a comment. Field values may be braced, quoted,
// numbers or @string macros joined with #; LaTeX in them is decoded. An
// entry that never closes is reported at its first line and reading
// resumes at the next line starting with "@type{".

type bibParser struct {
	br     *bufio.Reader
	line   int // line of the next byte
	max    int
	macros map[string]string
	// macroBytes is the size of every @string value; with the record
	// limit it bounds what macros joined by # can expand to.
	macroBytes int
	grown      growth // what entries' fields became beyond their text
	buf        []byte
	prev       byte // the byte before the current one, between entries
}

func newBibTeX(br *bufio.Reader, opt Options) *bibParser {
	m := map[string]string{}
	for i, mo := range []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"} {
		m[strings.ToLower(mo[:3])] = mo
		_ = i
	}
	return &bibParser{br: br, line: 1, max: opt.max(), macros: m, grown: growth{max: opt.max()}}
}

func (p *bibParser) readByte() (byte, error) {
	c, err := p.br.ReadByte()
	if c == '\n' && err == nil {
		p.line++
	}
	return c, err
}

var entryStart = regexp.MustCompile(`^@[A-Za-z]+[ \t]*[{(]`)

func (p *bibParser) next() (papergraph.Paper, error) {
	for {
		c, err := p.readByte()
		if err != nil {
			return papergraph.Paper{}, err
		}
		prev := p.prev
		p.prev = c
		if c != '@' {
			continue
		}
		if !isSpace(prev) && prev != 0 && prev != '}' && prev != ')' {
			continue // "name@example.org" in the comment text between entries
		}
		p.prev = '\n' // whatever happens to this entry, the next may start right after
		start := p.line
		var typ []byte
		for {
			b, err := p.br.Peek(1)
			if err != nil || !isLetter(b[0]) || len(typ) > 64 {
				break
			}
			typ = append(typ, b[0])
			p.readByte()
		}
		if len(typ) == 0 {
			continue // a lone @ in a comment
		}
		for {
			b, err := p.br.Peek(1)
			if err != nil || (b[0] != ' ' && b[0] != '\t' && b[0] != '\r' && b[0] != '\n') {
				break
			}
			p.readByte()
		}
		open, err := p.readByte()
		if err == io.EOF {
			return papergraph.Paper{}, recordErr(start, "@%s: entry ends before it starts", typ)
		}
		if err != nil {
			return papergraph.Paper{}, err
		}
		if open != '{' && open != '(' {
			return papergraph.Paper{}, recordErr(start, "@%s: want { or ( after the entry type, got %q", typ, open)
		}
		body, err := p.body(open, start)
		if err != nil {
			return papergraph.Paper{}, err
		}
		kind := strings.ToLower(string(typ))
		switch kind {
		case "comment", "preamble":
			continue
		case "string":
			if err := p.macro(body, start); err != nil {
				return papergraph.Paper{}, err
			}
			continue
		}
		return p.entry(body, start)
	}
}

// body reads an entry up to its closing delimiter and returns it without
// the delimiters.
func (p *bibParser) body(open byte, start int) (string, error) {
	p.buf = p.buf[:0]
	depth, tooLarge, lineStart := 0, false, false
	for {
		if lineStart {
			if head, _ := p.br.Peek(72); len(head) > 0 && head[0] == '@' && entryStart.Match(head) {
				return "", recordErr(start, "entry is not closed before the next one at line %d", p.line)
			}
		}
		c, err := p.readByte()
		if err == io.EOF {
			return "", recordErr(start, "entry is not closed at the end of the input")
		}
		if err != nil {
			return "", err
		}
		lineStart = c == '\n'
		switch {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == '}' && open == '{', c == ')' && open == '(' && depth == 0:
			if tooLarge {
				return "", &RecordError{Pos: papergraph.Pos{Line: start}, Err: fmt.Errorf("entry longer than %d bytes: %w", p.max, ErrTooLarge)}
			}
			return string(p.buf), nil
		}
		if len(p.buf) < p.max {
			p.buf = append(p.buf, c)
		} else {
			tooLarge = true
		}
	}
}

// field is one parsed "name = value" pair.
type field struct{ name, value string }

// bibScanner parses an entry body in memory.
type bibScanner struct {
	s      string
	i      int
	start  int // line of the body's first byte
	macros map[string]string
	budget int // bytes the field values may still take once macros are expanded
	max    int // the record limit, for messages
	// grown, when set, is the input's bound that set budget, for messages.
	grown *growth
}

func (sc *bibScanner) errf(format string, args ...any) *RecordError {
	return recordErr(sc.start+strings.Count(sc.s[:sc.i], "\n"), format, args...)
}

func (sc *bibScanner) space() {
	for sc.i < len(sc.s) && strings.IndexByte(" \t\r\n", sc.s[sc.i]) >= 0 {
		sc.i++
	}
}

// fields parses `name = value, ...` up to the end of the body.
func (sc *bibScanner) fields() ([]field, error) {
	var out []field
	for {
		for sc.space(); sc.i < len(sc.s) && sc.s[sc.i] == ','; sc.space() {
			sc.i++
		}
		if sc.i >= len(sc.s) {
			return out, nil
		}
		j := sc.i
		for sc.i < len(sc.s) && strings.IndexByte(" \t\r\n={}\",#", sc.s[sc.i]) < 0 {
			sc.i++
		}
		name := strings.ToLower(sc.s[j:sc.i])
		sc.space()
		if name == "" || sc.i >= len(sc.s) || sc.s[sc.i] != '=' {
			return nil, sc.errf("field %q: want '=' after the field name", clip(name))
		}
		sc.i++
		v, err := sc.value()
		if err != nil {
			return nil, err
		}
		out = append(out, field{name, v})
	}
}

// value parses a field value: parts joined by #.
func (sc *bibScanner) value() (string, error) {
	var b strings.Builder
	write := func(piece string) error {
		if b.Len()+len(piece) > sc.budget {
			err := fmt.Errorf("field values longer than %d bytes once @string macros are expanded: %w", sc.max, ErrTooLarge)
			if sc.grown != nil {
				err = sc.grown.tooLarge("field values with @string macros expanded")
			}
			return &RecordError{Pos: papergraph.Pos{Line: sc.start + strings.Count(sc.s[:sc.i], "\n")}, Err: err}
		}
		b.WriteString(piece)
		return nil
	}
	defer func() { sc.budget -= b.Len() }()
	for {
		sc.space()
		if sc.i >= len(sc.s) {
			return "", sc.errf("missing field value")
		}
		switch c := sc.s[sc.i]; {
		case c == '{':
			v, err := sc.delimited('}', "unbalanced braces in field value")
			if err != nil {
				return "", err
			}
			if err := write(v); err != nil {
				return "", err
			}
		case c == '"':
			v, err := sc.delimited('"', "unterminated quoted field value")
			if err != nil {
				return "", err
			}
			if err := write(v); err != nil {
				return "", err
			}
		case isLetter(c) || c >= '0' && c <= '9' || c == '_':
			j := sc.i
			for sc.i < len(sc.s) && strings.IndexByte(" \t\r\n,#}\"=", sc.s[sc.i]) < 0 {
				sc.i++
			}
			word := sc.s[j:sc.i]
			if m, ok := sc.macros[strings.ToLower(word)]; ok {
				word = m
			}
			if err := write(word); err != nil {
				return "", err
			}
		default:
			return "", sc.errf("unexpected %q in field value", c)
		}
		sc.space()
		if sc.i < len(sc.s) && sc.s[sc.i] == '#' {
			sc.i++
			continue
		}
		return b.String(), nil
	}
}

// delimited returns the value that opens at sc.s[sc.i] ('{' or '"') and
// ends at closer outside nested braces; a quote after a backslash does
// not end a quoted value.
func (sc *bibScanner) delimited(closer byte, unclosed string) (string, error) {
	j, depth := sc.i, 0
	for sc.i++; sc.i < len(sc.s); sc.i++ {
		switch ch := sc.s[sc.i]; {
		case ch == closer && depth <= 0 && (closer != '"' || sc.s[sc.i-1] != '\\'):
			v := sc.s[j+1 : sc.i]
			sc.i++
			return v, nil
		case ch == '{':
			depth++
		case ch == '}':
			depth--
		}
	}
	sc.i = j
	return "", sc.errf("%s", unclosed)
}

// macro records an @string definition.
//
// Macros may be joined with # into longer ones (each doubling the last is
// the classic bomb): all of them together are bounded by the record limit,
// and a macro past it is refused.
func (p *bibParser) macro(body string, start int) error {
	sc := &bibScanner{s: body, start: start, macros: p.macros, budget: p.max - p.macroBytes, max: p.max}
	fs, err := sc.fields()
	if err != nil {
		return err
	}
	for _, f := range fs {
		p.macroBytes += len(f.value) - len(p.macros[f.name])
		p.macros[f.name] = f.value
	}
	return nil
}

var arXivInText = regexp.MustCompile(`(?i)arxiv[:\s/.]*(?:abs/)?([a-z-]+(?:\.[a-z]{2})?/\d{7}|\d{4}\.\d{4,5})(v\d+)?`)

// verbatimTeX decodes the escapes found in URL, DOI and eprint fields,
// which are otherwise taken as written ("--" stays "--").
var verbatimTeX = strings.NewReplacer("{", "", "}", "", `\_`, "_", `\%`, "%", `\&`, "&", `\#`, "#", `\$`, "$", `\~`, "~", `\textasciitilde`, "~")

// entry maps an entry body to a paper.
func (p *bibParser) entry(body string, start int) (papergraph.Paper, error) {
	key, rest, ok := strings.Cut(body, ",")
	if !ok {
		return papergraph.Paper{}, recordErr(start, "entry %q has no fields", clip(strings.TrimSpace(body)))
	}
	sc := &bibScanner{s: rest, start: start + strings.Count(key, "\n"), macros: p.macros, budget: p.grown.limit(len(rest)), max: p.max}
	if p.grown.bounds(len(rest)) {
		sc.grown = &p.grown
	}
	limit := sc.budget
	fs, err := sc.fields()
	if err != nil {
		return papergraph.Paper{}, err
	}
	p.grown.add(len(rest), limit-sc.budget)
	get := map[string]string{}
	for _, f := range fs {
		if _, dup := get[f.name]; !dup {
			get[f.name] = f.value
		}
	}
	verbatim := func(name string) string {
		return strings.TrimSpace(strings.ToValidUTF8(verbatimTeX.Replace(get[name]), "\uFFFD"))
	}
	p2 := papergraph.Paper{
		ID:       collapse(key),
		Title:    collapse(decodeTeX(get["title"], false)),
		Abstract: collapse(decodeTeX(get["abstract"], false)),
		Authors:  bibAuthors(get["author"]),
		Year:     parseYear(get["year"]),
		URL:      verbatim("url"),
		Pos:      papergraph.Pos{Line: start},
	}
	if p2.Title == "" {
		return papergraph.Paper{}, recordErr(start, "entry %q has no title", clip(p2.ID))
	}
	if p2.Year == 0 {
		p2.Year = parseYear(get["date"])
	}
	prefix := strings.ToLower(verbatim("archiveprefix") + verbatim("eprinttype"))
	if e := verbatim("eprint"); e != "" && (prefix == "" || strings.Contains(prefix, "arxiv")) {
		p2.AddID(e)
	}
	for _, f := range []string{"arxivid", "arxiv"} {
		p2.AddID(verbatim(f))
	}
	p2.AddID(verbatim("doi"))
	if strings.Contains(strings.ToLower(p2.URL), "arxiv.org/") {
		p2.AddID(p2.URL)
	}
	if p2.ArXiv == "" {
		for _, f := range []string{"journal", "note", "howpublished", "publisher", "booktitle"} {
			if m := arXivInText.FindStringSubmatch(get[f]); m != nil {
				p2.AddID(m[1])
				break
			}
		}
	}
	return p2, nil
}

// bibAuthors splits a BibTeX author list on " and " outside braces and
// turns "Last, First" into "First Last".
func bibAuthors(s string) []string {
	var names []string
	depth, j := 0, 0
	low := strings.ToLower(s)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 && i > 0 && strings.HasPrefix(low[i:], "and") && isSpace(s[i-1]) && i+3 < len(s) && isSpace(s[i+3]) {
			names = append(names, s[j:i])
			j = i + 3
			i += 2
		}
	}
	names = append(names, s[j:])
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || strings.EqualFold(n, "others") {
			continue
		}
		parts := splitTop(n)
		switch len(parts) {
		case 2:
			n = parts[1] + " " + parts[0]
		case 3:
			n = parts[2] + " " + parts[0] + " " + parts[1]
		}
		if n = collapse(decodeTeX(n, false)); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// splitTop splits a name on commas outside braces and trims the parts.
func splitTop(s string) []string {
	var parts []string
	depth, j := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, strings.TrimSpace(s[j:i]))
				j = i + 1
			}
		}
	}
	return append(parts, strings.TrimSpace(s[j:]))
}
