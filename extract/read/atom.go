package read

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/papergraph/papergraph"
)

// The arXiv API answers with an Atom feed; each <entry> is a paper:
//
//	<entry>
//	  <id>http://arxiv.org/abs/2401.00001v2</id>
//	  <title>...</title> <summary>...</summary> <author><name>...</name></author>
//	  <arxiv:comment>Code: https://github.com/o/r</arxiv:comment>
//	  <arxiv:doi>10.1000/xyz</arxiv:doi>
//	  <link title="doi" href="http://dx.doi.org/10.1000/xyz"/>
//	</entry>
//
// The feed is streamed with encoding/xml, entry by entry. encoding/xml
// never expands external entities; documents that declare entities
// (<!DOCTYPE x [<!ENTITY ...>]>, the billion-laughs attack) are refused.

type atomEntry struct {
	ID        string `xml:"id"`
	Title     string `xml:"title"`
	Summary   string `xml:"summary"`
	Published string `xml:"published"`
	Authors   []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Href  string `xml:"href,attr"`
		Rel   string `xml:"rel,attr"`
		Title string `xml:"title,attr"`
	} `xml:"link"`
	Comment string `xml:"comment"`
	DOI     string `xml:"doi"`
}

type atomParser struct {
	dec    *xml.Decoder
	budget *budgetReader
	max    int
	root   bool
}

func newAtom(br *bufio.Reader, opt Options) *atomParser {
	b := &budgetReader{r: br}
	b.allow(0, opt.max())
	dec := xml.NewDecoder(b)
	dec.Strict = true
	dec.CharsetReader = charsetReader
	return &atomParser{dec: dec, budget: b, max: opt.max()}
}

// charsetReader accepts the encodings feeds declare; only UTF-8 and its
// subset US-ASCII are read.
func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	}
	return nil, fmt.Errorf("encoding %q is not supported (convert the feed to UTF-8)", charset)
}

func (a *atomParser) fail(err error) error {
	line, _ := a.dec.InputPos()
	if errors.Is(err, errBudget) {
		err = fmt.Errorf("xml element longer than %d bytes: %w", a.max, ErrTooLarge)
	} else if err == io.EOF {
		err = fmt.Errorf("xml: %w: %w", ErrMalformed, io.ErrUnexpectedEOF)
	} else if !errors.Is(err, ErrEntity) && !errors.Is(err, ErrUnknownFormat) {
		err = fmt.Errorf("xml: %w: %w", ErrMalformed, err)
	}
	return &fatalError{line: line, err: err}
}

func (a *atomParser) next() (papergraph.Paper, error) {
	for {
		a.budget.allow(a.dec.InputOffset(), a.max)
		tok, err := a.dec.Token()
		if err == io.EOF {
			if !a.root {
				return papergraph.Paper{}, a.fail(fmt.Errorf("%w: no Atom <feed> or <entry> element", ErrUnknownFormat))
			}
			return papergraph.Paper{}, io.EOF
		}
		if err != nil {
			return papergraph.Paper{}, a.fail(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("<!ENTITY")) || bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return papergraph.Paper{}, a.fail(ErrEntity)
			}
		case xml.StartElement:
			if !a.root {
				if t.Name.Local != "feed" && t.Name.Local != "entry" {
					return papergraph.Paper{}, a.fail(fmt.Errorf("%w: root element <%s> is not an Atom <feed>", ErrUnknownFormat, t.Name.Local))
				}
				a.root = true
			}
			if t.Name.Local != "entry" {
				continue
			}
			line, _ := a.dec.InputPos()
			var e atomEntry
			if err := a.dec.DecodeElement(&e, &t); err != nil {
				return papergraph.Paper{}, a.fail(err)
			}
			p, err := entryPaper(e)
			if err != nil {
				return papergraph.Paper{}, &RecordError{Pos: papergraph.Pos{Line: line}, Err: err}
			}
			p.Pos.Line = line
			return p, nil
		}
	}
}

func entryPaper(e atomEntry) (papergraph.Paper, error) {
	id := strings.TrimSpace(e.ID)
	if strings.Contains(id, "arxiv.org/api/errors") {
		return papergraph.Paper{}, fmt.Errorf("arXiv API error: %s", collapse(e.Summary))
	}
	p := papergraph.Paper{
		ID:       id,
		Title:    collapse(decodeTeX(e.Title, true)),
		Abstract: collapse(e.Summary),
		Year:     parseYear(e.Published),
	}
	if p.Title == "" {
		return papergraph.Paper{}, errors.New("entry has no title")
	}
	for _, a := range e.Authors {
		if n := collapse(decodeTeX(a.Name, true)); n != "" {
			p.Authors = append(p.Authors, n)
		}
	}
	p.AddID(id)
	p.AddID(e.DOI)
	for _, l := range e.Links {
		switch {
		case l.Title == "doi":
			p.AddID(l.Href)
		case l.Rel == "alternate" && p.URL == "" && webLink(strings.TrimSpace(l.Href)):
			p.URL = strings.TrimSpace(l.Href)
		}
	}
	if p.URL == "" && webLink(id) {
		p.URL = id
	}
	p.Links = textLinks(e.Comment, "comments")
	return p, nil
}
