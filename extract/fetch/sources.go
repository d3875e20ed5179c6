package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract/read"
)

// DefaultLimit is the number of records a source fetches when no limit
// is given.
const DefaultLimit = 100

// Page sizes: the largest each API serves in one response (arXiv serves
// more, but asks for patience with large requests).
const (
	hfPage       = 100
	arxivPage    = 200
	openAlexPage = 100
	s2SearchPage = 100
	s2SearchMax  = 1000 // offset + limit may not exceed it
	s2BatchMax   = 500
)

// s2Fields are the paper fields asked from Semantic Scholar.
const s2Fields = "title,abstract,year,authors,externalIds,url"

func limitOr(n int) int {
	if n <= 0 {
		return DefaultLimit
	}
	return n
}

// getURL builds the URL of path under the API's base with the query q.
func (c *Client) getURL(api *API, path string, q url.Values) string {
	u := api.base(c.env) + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// fetchHF pages through the Hugging Face daily papers API:
// GET /api/daily_papers?date=YYYY-MM-DD&limit=N&p=PAGE (sort=trending
// for the trending list).
func (c *Client) fetchHF(ctx context.Context, src Source, limit int) (*Result, error) {
	limit = limitOr(limit)
	res := &Result{}
	for got, p := 0, 0; got < limit; p++ {
		per := min(hfPage, limit-got)
		q := url.Values{"limit": {strconv.Itoa(per)}, "p": {strconv.Itoa(p)}}
		if src.kind == kindHFTrending {
			q.Set("sort", "trending")
		}
		if src.arg != "" {
			q.Set("date", src.arg)
		}
		r := request{api: src.API, method: http.MethodGet, url: c.getURL(src.API, "/api/daily_papers", q)}
		body, err := c.do(ctx, r)
		if err != nil {
			return nil, err
		}
		var items []json.RawMessage
		if err := json.Unmarshal(body, &items); err != nil {
			return nil, fmt.Errorf("fetch: %s: %s sent no list of papers: %w", r, src.API.Name, ErrServer)
		}
		if len(items) == 0 && p == 0 {
			if src.arg != "" {
				return nil, fmt.Errorf("fetch: %s: no daily papers are listed for %s (a weekend or holiday?): %w", src.Spec, src.arg, ErrNoListing)
			}
			return nil, fmt.Errorf("fetch: %s: the list is empty: %w", src.Spec, ErrNoListing)
		}
		if len(items) > 0 {
			res.Pages = append(res.Pages, Page{Name: pageName(src, p), URL: r.url, Format: read.FormatHFJSON, Body: body, Records: len(items)})
		}
		got += len(items)
		if len(items) < per {
			break
		}
	}
	return res, nil
}

// atomSummary is what papergraph reads of an arXiv feed to page through
// it: the total, the number of entries and an error entry's text.
type atomSummary struct {
	total   int
	entries int
	err     string
}

func summarizeAtom(body []byte) (atomSummary, error) {
	var s atomSummary
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return s, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "totalResults":
			var v string
			if err := dec.DecodeElement(&v, &se); err != nil {
				return s, err
			}
			s.total, _ = strconv.Atoi(strings.TrimSpace(v))
		case "entry":
			var e struct {
				ID      string `xml:"id"`
				Summary string `xml:"summary"`
			}
			if err := dec.DecodeElement(&e, &se); err != nil {
				return s, err
			}
			if strings.Contains(e.ID, "arxiv.org/api/errors") {
				s.err = strings.Join(strings.Fields(e.Summary), " ")
				continue
			}
			s.entries++
		}
	}
}

// arXivIDChunk is the number of ids asked in one id_list request.
const arXivIDChunk = 100

// listingIDs returns the arXiv ids of the new submissions and
// cross-lists of an announcement feed (rss.arxiv.org/atom/CATEGORY);
// replacements are left out: they were announced before.
func listingIDs(body []byte) ([]string, error) {
	var feed struct {
		Entries []struct {
			ID    string `xml:"id"`
			Links []struct {
				Href string `xml:"href,attr"`
				Rel  string `xml:"rel,attr"`
			} `xml:"link"`
			AnnounceType string `xml:"announce_type"`
		} `xml:"entry"`
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	if err := dec.Decode(&feed); err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, e := range feed.Entries {
		switch strings.TrimSpace(e.AnnounceType) {
		case "new", "cross", "":
		default:
			continue
		}
		id, ok := papergraph.NormalizeArXiv(strings.TrimPrefix(strings.TrimSpace(e.ID), "oai:arXiv.org:"))
		for _, l := range e.Links {
			if ok {
				break
			}
			id, ok = papergraph.NormalizeArXiv(l.Href)
		}
		if ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// fetchArXivListing reads the latest announcement of a category
// (GET rss.arxiv.org/atom/CATEGORY) and fetches its papers from the API
// by id.
func (c *Client) fetchArXivListing(ctx context.Context, src Source, limit int) (*Result, error) {
	r := request{api: arXivListing, method: http.MethodGet, url: c.getURL(arXivListing, "/atom/"+src.arg, nil)}
	body, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	ids, err := listingIDs(body)
	if err != nil {
		return nil, fmt.Errorf("fetch: %s: arXiv sent a listing that does not parse (%v): %w", r, err, ErrTruncated)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("fetch: %s: arXiv announced no new papers in %s (a weekend or holiday?): %w", src.Spec, src.arg, ErrNoListing)
	}
	ids = ids[:min(len(ids), limitOr(limit))]
	res := &Result{}
	for start := 0; start < len(ids); start += arXivIDChunk {
		part := Source{Spec: src.Spec, API: ArXiv, kind: kindArXivIDs, ids: ids[start:min(start+arXivIDChunk, len(ids))]}
		sub, err := c.fetchArXiv(ctx, part, 0)
		if err != nil {
			return nil, err
		}
		for _, p := range sub.Pages {
			p.Name = pageName(src, len(res.Pages))
			res.Pages = append(res.Pages, p)
		}
		res.NotFound = append(res.NotFound, sub.NotFound...)
	}
	return res, nil
}

// fetchArXiv pages through the arXiv API: GET /api/query with
// search_query or id_list, start and max_results.
func (c *Client) fetchArXiv(ctx context.Context, src Source, limit int) (*Result, error) {
	limit = limitOr(limit)
	if src.kind == kindArXivIDs {
		limit = len(src.ids)
	}
	res := &Result{}
	for got, p := 0, 0; got < limit; p++ {
		per := min(arxivPage, limit-got)
		q := url.Values{"start": {strconv.Itoa(got)}, "max_results": {strconv.Itoa(per)}}
		switch src.kind {
		case kindArXivIDs:
			q.Set("id_list", strings.Join(src.ids, ","))
		default:
			q.Set("search_query", src.arg)
		}
		r := request{api: src.API, method: http.MethodGet, url: c.getURL(src.API, "/api/query", q)}
		body, err := c.do(ctx, r)
		if err != nil {
			return nil, err
		}
		s, err := summarizeAtom(body)
		if err != nil {
			return nil, fmt.Errorf("fetch: %s: arXiv sent a feed that does not parse (%v): %w", r, err, ErrTruncated)
		}
		if s.err != "" {
			return nil, fmt.Errorf("fetch: %s: arXiv refused the query: %s: %w", src.Spec, s.err, ErrSource)
		}
		if s.entries == 0 && p == 0 {
			return nil, fmt.Errorf("fetch: %s: %w", src.Spec, ErrNoResults)
		}
		if s.entries > 0 {
			res.Pages = append(res.Pages, Page{Name: pageName(src, p), URL: r.url, Format: read.FormatArXivAtom, Body: body, Records: s.entries})
		}
		got += s.entries
		// arXiv may send fewer entries than asked while more remain:
		// its total decides, when it gives one.
		if s.entries == 0 || (s.total > 0 && got >= s.total) || (s.total == 0 && s.entries < per) {
			break
		}
	}
	if src.kind == kindArXivIDs {
		res.NotFound = missingArXiv(src.ids, res.Pages)
	}
	return res, nil
}

// missingArXiv lists the ids that no page holds.
func missingArXiv(ids []string, pages []Page) []string {
	var missing []string
	for _, id := range ids {
		found := false
		for _, p := range pages {
			if bytes.Contains(p.Body, []byte("/abs/"+id)) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, id)
		}
	}
	return missing
}

// fetchOpenAlex pages through OpenAlex works with cursor paging:
// GET /works?filter=F&per_page=N&cursor=* then meta.next_cursor.
func (c *Client) fetchOpenAlex(ctx context.Context, src Source, limit int) (*Result, error) {
	limit = limitOr(limit)
	res := &Result{}
	cursor := "*"
	for got, p := 0, 0; got < limit; p++ {
		per := min(openAlexPage, limit-got)
		q := url.Values{"filter": {src.arg}, "per_page": {strconv.Itoa(per)}, "cursor": {cursor}}
		r := request{api: src.API, method: http.MethodGet, url: c.getURL(src.API, "/works", q)}
		body, err := c.do(ctx, r)
		if err != nil {
			return nil, err
		}
		var page struct {
			Meta struct {
				NextCursor *string `json:"next_cursor"`
			} `json:"meta"`
			Results []json.RawMessage `json:"results"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, fmt.Errorf("fetch: %s: OpenAlex sent no list of works: %w", r, ErrServer)
		}
		if len(page.Results) == 0 && p == 0 {
			return nil, fmt.Errorf("fetch: %s: %w", src.Spec, ErrNoResults)
		}
		if len(page.Results) > 0 {
			res.Pages = append(res.Pages, Page{Name: pageName(src, p), URL: r.url, Format: read.FormatOpenAlex, Body: body, Records: len(page.Results)})
		}
		got += len(page.Results)
		if page.Meta.NextCursor == nil || *page.Meta.NextCursor == "" || len(page.Results) == 0 {
			break
		}
		cursor = *page.Meta.NextCursor
	}
	return res, nil
}

// fetchS2Search pages through the Semantic Scholar paper search:
// GET /graph/v1/paper/search?query=Q&offset=O&limit=N&fields=F, following
// "next".
func (c *Client) fetchS2Search(ctx context.Context, src Source, limit int) (*Result, error) {
	limit = min(limitOr(limit), s2SearchMax)
	res := &Result{}
	for got, p := 0, 0; got < limit; p++ {
		per := min(s2SearchPage, limit-got)
		q := url.Values{"query": {src.arg}, "offset": {strconv.Itoa(got)}, "limit": {strconv.Itoa(per)}, "fields": {s2Fields}}
		r := request{api: src.API, method: http.MethodGet, url: c.getURL(src.API, "/graph/v1/paper/search", q)}
		body, err := c.do(ctx, r)
		if err != nil {
			return nil, err
		}
		var page struct {
			Total int               `json:"total"`
			Next  *int              `json:"next"`
			Data  []json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, fmt.Errorf("fetch: %s: Semantic Scholar sent no list of papers: %w", r, ErrServer)
		}
		if len(page.Data) == 0 && p == 0 {
			return nil, fmt.Errorf("fetch: %s: %w", src.Spec, ErrNoResults)
		}
		if len(page.Data) > 0 {
			res.Pages = append(res.Pages, Page{Name: pageName(src, p), URL: r.url, Format: read.FormatS2, Body: body, Records: len(page.Data)})
		}
		got += len(page.Data)
		if page.Next == nil || len(page.Data) == 0 {
			break
		}
	}
	return res, nil
}

// s2Batch posts ids to the Semantic Scholar batch endpoint
// (POST /graph/v1/paper/batch?fields=F, {"ids": [...]}, at most 500 a
// request) and returns the answer's records aligned with ids, nil where
// the API knows no paper.
func (c *Client) s2Batch(ctx context.Context, ids []string, fields string) ([]json.RawMessage, error) {
	var out []json.RawMessage
	for start := 0; start < len(ids); start += s2BatchMax {
		chunk := ids[start:min(start+s2BatchMax, len(ids))]
		body, _ := json.Marshal(map[string][]string{"ids": chunk})
		r := request{api: SemanticScholar, method: http.MethodPost, body: body,
			url: c.getURL(SemanticScholar, "/graph/v1/paper/batch", url.Values{"fields": {fields}})}
		resp, err := c.do(ctx, r)
		if err != nil {
			return nil, err
		}
		var recs []json.RawMessage
		if err := json.Unmarshal(resp, &recs); err != nil || len(recs) != len(chunk) {
			return nil, fmt.Errorf("fetch: %s: Semantic Scholar sent %d records for %d ids: %w", r, len(recs), len(chunk), ErrServer)
		}
		for _, rec := range recs {
			if t := bytes.TrimSpace(rec); len(t) == 0 || string(t) == "null" {
				rec = nil
			}
			out = append(out, rec)
		}
	}
	return out, nil
}

// jsonLines joins records as JSON Lines, each compacted onto one line.
func jsonLines(recs []json.RawMessage) []byte {
	var b bytes.Buffer
	for _, r := range recs {
		if r == nil {
			continue
		}
		if err := json.Compact(&b, r); err != nil {
			continue
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// fetchS2IDs fetches papers by id with the batch endpoint.
func (c *Client) fetchS2IDs(ctx context.Context, src Source) (*Result, error) {
	recs, err := c.s2Batch(ctx, src.ids, s2Fields)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	n := 0
	for i, r := range recs {
		if r == nil {
			res.NotFound = append(res.NotFound, src.ids[i])
		} else {
			n++
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("fetch: %s: Semantic Scholar knows none of these ids: %w", src.Spec, ErrNoResults)
	}
	res.Pages = []Page{{Name: src.Spec, URL: c.getURL(SemanticScholar, "/graph/v1/paper/batch", url.Values{"fields": {s2Fields}}),
		Format: read.FormatS2, Body: jsonLines(recs), Records: n}}
	return res, nil
}

var _ = errors.Is
