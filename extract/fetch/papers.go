package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract/read"
)

// Papers fetches src (see [Client.Fetch]) and reads its pages with the
// readers of extract/read, in page order. Records a reader skips are
// returned as skipped, as [read.ReadAll] does.
func (c *Client) Papers(ctx context.Context, src Source, limit int, opt read.Options) ([]papergraph.Paper, *Result, []error, error) {
	res, err := c.Fetch(ctx, src, limit)
	if err != nil {
		return nil, nil, nil, err
	}
	var papers []papergraph.Paper
	var skipped []error
	for _, p := range res.Pages {
		opt.Format = p.Format
		ps, sk, err := read.ReadAll(bytes.NewReader(p.Body), p.Name, opt)
		if err != nil {
			return nil, nil, nil, err
		}
		papers = append(papers, ps...)
		skipped = append(skipped, sk...)
	}
	return papers, res, skipped, nil
}

// EnrichOptions say what [Client.Enrich] fetches and where from.
type EnrichOptions struct {
	// Via is SemanticScholar (nil means it) or OpenAlex.
	Via *API
}

// EnrichReport says what an enrichment found, by name: nothing is left
// out silently.
type EnrichReport struct {
	Via      *API
	Found    []string // papers the API knows
	NotFound []string // papers it does not know
	NoID     []string // papers with neither an arXiv id nor a DOI: not asked
	Refs     int      // references the found papers carry
}

// PaperName names a paper in reports: its arXiv id or DOI and its title,
// cut at 60 characters.
func PaperName(p papergraph.Paper) string {
	t := strings.Join(strings.Fields(p.Title), " ")
	if utf8.RuneCountInString(t) > 60 {
		r := []rune(t)
		t = string(r[:59]) + "…"
	}
	id := p.ArXiv
	if id == "" {
		id = p.DOI
	}
	if id == "" {
		return fmt.Sprintf("%q", t)
	}
	return fmt.Sprintf("%s %q", id, t)
}

// Enrich fetches the references of papers, by arXiv id or DOI, from
// Semantic Scholar or OpenAlex. It returns one record per paper found,
// in the order of papers, holding the paper's identity (its arXiv id or
// DOI) and the works it cites: merged with the batch (read.Merge), they
// give the batch its citations. Records are read from the raw responses
// by the readers of extract/read.
func (c *Client) Enrich(ctx context.Context, papers []papergraph.Paper, opt EnrichOptions) ([]papergraph.Paper, *EnrichReport, error) {
	via := opt.Via
	if via == nil {
		via = SemanticScholar
	}
	rep := &EnrichReport{Via: via}
	// One query per identity, in first-seen order.
	type ask struct {
		arxiv, doi string
		name       string
	}
	var asks []ask
	seen := map[string]bool{}
	for _, p := range papers {
		if p.External {
			continue
		}
		k := p.ArXiv
		if k == "" {
			k = p.DOI
		}
		if k == "" {
			rep.NoID = append(rep.NoID, PaperName(p))
			continue
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		asks = append(asks, ask{arxiv: p.ArXiv, doi: p.DOI, name: PaperName(p)})
	}
	if len(asks) == 0 {
		return nil, rep, nil
	}
	var out []papergraph.Paper
	keep := func(a ask, p papergraph.Paper) {
		// The record stands for the batch paper: same identity, no text
		// of its own that could compete with the batch's.
		p.ArXiv, p.DOI, p.Abstract, p.Links, p.ID = a.arxiv, a.doi, "", nil, ""
		if a.arxiv != "" {
			p.DOI = ""
		}
		rep.Found = append(rep.Found, a.name)
		rep.Refs += len(p.Refs)
		out = append(out, p)
	}
	switch via {
	case SemanticScholar:
		ids := make([]string, len(asks))
		for i, a := range asks {
			if a.arxiv != "" {
				ids[i] = "ARXIV:" + a.arxiv
			} else {
				ids[i] = "DOI:" + a.doi
			}
		}
		recs, err := c.s2Batch(ctx, ids, "title,externalIds,references.paperId,references.externalIds,references.title")
		if err != nil {
			return nil, nil, err
		}
		for i, rec := range recs {
			if rec == nil {
				rep.NotFound = append(rep.NotFound, asks[i].name)
				continue
			}
			ps, _, err := read.ReadAll(bytes.NewReader(rec), "s2:"+ids[i], read.Options{Format: read.FormatS2})
			if err != nil || len(ps) != 1 {
				rep.NotFound = append(rep.NotFound, asks[i].name)
				continue
			}
			keep(asks[i], ps[0])
		}
	case OpenAlex:
		const chunk = 50 // values OR-ed in one filter
		for start := 0; start < len(asks); start += chunk {
			part := asks[start:min(start+chunk, len(asks))]
			dois := make([]string, len(part))
			for i, a := range part {
				if a.arxiv != "" {
					dois[i] = "10.48550/arxiv." + a.arxiv
				} else {
					dois[i] = a.doi
				}
			}
			q := url.Values{"filter": {"doi:" + strings.Join(dois, "|")}, "per_page": {"100"},
				"select": {"id,doi,display_name,ids,referenced_works"}}
			r := request{api: OpenAlex, method: http.MethodGet, url: c.getURL(OpenAlex, "/works", q)}
			body, err := c.do(ctx, r)
			if err != nil {
				return nil, nil, err
			}
			ps, _, err := read.ReadAll(bytes.NewReader(body), "openalex:"+r.url, read.Options{Format: read.FormatOpenAlex})
			if err != nil && !errors.Is(err, read.ErrEmpty) {
				return nil, nil, fmt.Errorf("fetch: %s: %w", r, err)
			}
			for _, a := range part {
				found := false
				for _, p := range ps {
					if (a.arxiv != "" && p.ArXiv == a.arxiv) || (a.arxiv == "" && p.DOI == a.doi) {
						keep(a, p)
						found = true
						break
					}
				}
				if !found {
					rep.NotFound = append(rep.NotFound, a.name)
				}
			}
		}
	default:
		return nil, nil, fmt.Errorf("fetch: enrich via %s: want Semantic Scholar or OpenAlex: %w", via.Name, ErrSource)
	}
	return out, rep, nil
}

// batchRecord is one line of a saved batch: the fields of a paper that
// its source gave, before extraction. read's JSON reader reads it back
// to the same paper.
type batchRecord struct {
	ID       string            `json:"id,omitempty"`
	Title    string            `json:"title"`
	Abstract string            `json:"abstract,omitempty"`
	ArXiv    string            `json:"arxiv,omitempty"`
	DOI      string            `json:"doi,omitempty"`
	OpenAlex string            `json:"openalex,omitempty"`
	S2       string            `json:"s2,omitempty"`
	Authors  []string          `json:"authors,omitempty"`
	Year     int               `json:"year,omitempty"`
	URL      string            `json:"url,omitempty"`
	Links    []papergraph.Link `json:"links,omitempty"`
	Refs     []papergraph.Ref  `json:"refs,omitempty"`
}

// markupEscaper escapes the two characters that start HTML markup.
var markupEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;")

// escapeMarkup escapes text for a batch record: the JSON reader takes
// text fields as possibly holding HTML (the Hugging Face API's do), so
// text with '<' or '&' is written escaped and reads back unchanged.
func escapeMarkup(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	return markupEscaper.Replace(s)
}

// WriteBatch writes papers as JSON Lines, one paper a line with the
// fields its source gave (ids, title, abstract, authors, year, URL,
// links, references), in the order given; titles and abstracts holding
// '<' or '&' are HTML-escaped. papergraph reads the file
// back (format hf-json) to the same papers, so a fetched batch can be
// kept, shared and rebuilt offline into the same graph.
func WriteBatch(w io.Writer, papers []papergraph.Paper) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range papers {
		rec := batchRecord{ID: p.ID, Title: escapeMarkup(p.Title), Abstract: escapeMarkup(p.Abstract), ArXiv: p.ArXiv, DOI: p.DOI,
			OpenAlex: p.OpenAlex, S2: p.S2, Authors: p.Authors, Year: p.Year, URL: p.URL, Links: p.Links}
		for _, r := range p.Refs {
			r.Title = escapeMarkup(r.Title)
			rec.Refs = append(rec.Refs, r)
		}
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("fetch: write batch: %w", err)
		}
	}
	return nil
}
