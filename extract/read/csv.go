package read

import (
	"bufio"
	"encoding/csv"
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

type csvParser struct {
	cr     *csv.Reader
	budget *budgetReader
	max    int
	cols   map[string]int
}

func newCSV(br *bufio.Reader, sep rune, opt Options) (*csvParser, error) {
	b := &budgetReader{r: br}
	b.allow(0, opt.max())
	cr := csv.NewReader(b)
	cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord, cr.ReuseRecord = sep, true, -1, true
	p := &csvParser{cr: cr, budget: b, max: opt.max()}
	header, err := cr.Read()
	if err != nil {
		return nil, p.fail(err)
	}
	p.cols = columns(header)
	_, hasTitle := p.cols["title"]
	_, hasAbstract := p.cols["abstract"]
	if !hasTitle || !hasAbstract {
		return nil, &fatalError{line: 1, err: fmt.Errorf("%w: the header must name a title and an abstract (or summary) column", ErrUnknownFormat)}
	}
	return p, nil
}

func (c *csvParser) fail(err error) error {
	line := 0
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.StartLine
	}
	if errors.Is(err, errBudget) {
		return &fatalError{line: line, err: fmt.Errorf("csv record longer than %d bytes: %w", c.max, ErrTooLarge)}
	}
	return &fatalError{line: line, err: fmt.Errorf("csv: %w", err)}
}

func (c *csvParser) next() (papergraph.Paper, error) {
	for {
		c.budget.allow(c.cr.InputOffset(), c.max)
		rec, err := c.cr.Read()
		if err == io.EOF {
			return papergraph.Paper{}, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && !errors.Is(err, errBudget) {
			return papergraph.Paper{}, &RecordError{Pos: papergraph.Pos{Line: pe.StartLine}, Err: pe.Err}
		}
		if err != nil {
			return papergraph.Paper{}, c.fail(err)
		}
		line, _ := c.cr.FieldPos(0)
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
			continue
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
}
