package fetch

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/papergraph/papergraph"
)

// A source spec names what to fetch, in one argument:
//
//	hf:daily              the Hugging Face daily papers of the latest day
//	hf:daily:2026-12-01   the daily papers of that day
//	hf:trending           the trending papers
//	arxiv:QUERY           an arXiv API search_query ("cat:cs.CL AND abs:retrieval")
//	arxiv:list:cs.CV      the latest announced new papers of an arXiv category
//	arxiv:2401.00001,...  arXiv papers by id
//	openalex:FILTER       OpenAlex works matching a filter ("title.search:graph,publication_year:2025")
//	s2:QUERY              a Semantic Scholar paper search
//	s2:ID,...             Semantic Scholar papers by id (paperId, ARXIV:, DOI:, CorpusId:, ...)

// Kinds of sources.
const (
	kindHFDaily    = "hf-daily"
	kindHFTrending = "hf-trending"
	kindArXivQuery = "arxiv-query"
	kindArXivList  = "arxiv-list"
	kindArXivIDs   = "arxiv-ids"
	kindOpenAlex   = "openalex"
	kindS2Query    = "s2-query"
	kindS2IDs      = "s2-ids"
)

// Source is a parsed source spec. Create it with [ParseSource].
type Source struct {
	// Spec is the spec as given; it names the source in messages and
	// positions.
	Spec string
	// API is the service the source fetches from.
	API  *API
	kind string
	arg  string   // date, query, category or filter
	ids  []string // ids of an id list, in the API's form
}

var schemes = []string{"hf:", "arxiv:", "openalex:", "s2:"}

// IsSource reports whether arg is written as a source spec (it starts
// with hf:, arxiv:, openalex: or s2:). The command reads an argument as
// a file when such a file exists.
func IsSource(arg string) bool {
	low := strings.ToLower(arg)
	for _, s := range schemes {
		if strings.HasPrefix(low, s) {
			return true
		}
	}
	return false
}

var (
	dateRE     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	categoryRE = regexp.MustCompile(`^[a-z-]+(\.[A-Za-z-]+)?$`)
	s2HexID    = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)
	s2Prefixed = regexp.MustCompile(`(?i)^(arxiv|doi|corpusid|mag|acl|pmid|pmcid|url):\S+$`)
)

// ParseSource parses a source spec. An error wraps [ErrSource].
func ParseSource(spec string) (Source, error) {
	scheme, rest, _ := strings.Cut(spec, ":")
	rest = strings.TrimSpace(rest)
	src := Source{Spec: spec}
	bad := func(why string) (Source, error) {
		return Source{}, fmt.Errorf("fetch: source %q: %s: %w", spec, why, ErrSource)
	}
	switch strings.ToLower(scheme) {
	case "hf":
		src.API = HuggingFace
		what, arg, _ := strings.Cut(rest, ":")
		switch strings.ToLower(what) {
		case "daily":
			if arg != "" {
				if !dateRE.MatchString(arg) {
					return bad("want a date as YYYY-MM-DD")
				}
				if _, err := time.Parse(time.DateOnly, arg); err != nil {
					return bad("want a date as YYYY-MM-DD")
				}
			}
			src.kind, src.arg = kindHFDaily, arg
		case "trending":
			if arg != "" {
				return bad("hf:trending takes no argument")
			}
			src.kind = kindHFTrending
		default:
			return bad("want hf:daily, hf:daily:YYYY-MM-DD or hf:trending")
		}
	case "arxiv":
		src.API = ArXiv
		if cat, ok := strings.CutPrefix(rest, "list:"); ok {
			if !categoryRE.MatchString(cat) {
				return bad("want an arXiv category such as cs.CV")
			}
			src.kind, src.arg = kindArXivList, cat
			break
		}
		if ids, ok := idList(rest, arxivID); ok {
			src.kind, src.ids = kindArXivIDs, ids
			break
		}
		if rest == "" {
			return bad("want a query, list:CATEGORY or arXiv ids")
		}
		src.kind, src.arg = kindArXivQuery, rest
	case "openalex":
		src.API = OpenAlex
		if rest == "" {
			return bad("want a works filter such as title.search:graph")
		}
		src.kind, src.arg = kindOpenAlex, rest
	case "s2":
		src.API = SemanticScholar
		if ids, ok := idList(rest, s2ID); ok {
			src.kind, src.ids = kindS2IDs, ids
			break
		}
		if rest == "" {
			return bad("want a query or paper ids")
		}
		src.kind, src.arg = kindS2Query, rest
	default:
		return bad("want hf:, arxiv:, openalex: or s2:")
	}
	return src, nil
}

// idList splits a comma-separated list when every item is an id as norm
// reads it.
func idList(s string, norm func(string) (string, bool)) ([]string, bool) {
	if s == "" {
		return nil, false
	}
	var ids []string
	for _, f := range strings.Split(s, ",") {
		id, ok := norm(strings.TrimSpace(f))
		if !ok {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}

func arxivID(s string) (string, bool) { return papergraph.NormalizeArXiv(s) }

// s2ID returns an id in the form the Graph API takes: a paperId, or a
// prefixed id (ARXIV:, DOI:, CorpusId:, ...); bare arXiv ids and DOIs get
// their prefix.
func s2ID(s string) (string, bool) {
	switch {
	case s2HexID.MatchString(s):
		return strings.ToLower(s), true
	case s2Prefixed.MatchString(s):
		return s, true
	}
	if a, ok := papergraph.NormalizeArXiv(s); ok {
		return "ARXIV:" + a, true
	}
	if d, ok := papergraph.NormalizeDOI(s); ok {
		return "DOI:" + d, true
	}
	return "", false
}

// Page is one response of a source, ready for the readers of
// extract/read.
type Page struct {
	// Name labels the page in positions: the spec, and the page number
	// when there are several.
	Name string
	// URL is the request's URL, without keys.
	URL string
	// Format is the read format of Body (read.FormatHFJSON, ...).
	Format string
	// Body is the response as the API sent it, or, for the Semantic
	// Scholar batch endpoint, its non-null records as JSON Lines.
	Body []byte
	// Records counts the records of the page.
	Records int
}

// Result is what a source gave.
type Result struct {
	Pages []Page
	// NotFound lists the ids of an id list that the API does not know.
	NotFound []string
}

// Fetch fetches the pages of src, following the API's pagination until
// limit records (limit <= 0: the API's own default page, once) or the
// end. A query with no results is [ErrNoResults], a day without papers
// [ErrNoListing].
func (c *Client) Fetch(ctx context.Context, src Source, limit int) (*Result, error) {
	var res *Result
	var err error
	switch src.kind {
	case kindHFDaily, kindHFTrending:
		res, err = c.fetchHF(ctx, src, limit)
	case kindArXivQuery, kindArXivIDs:
		res, err = c.fetchArXiv(ctx, src, limit)
	case kindArXivList:
		res, err = c.fetchArXivListing(ctx, src, limit)
	case kindOpenAlex:
		res, err = c.fetchOpenAlex(ctx, src, limit)
	case kindS2Query:
		res, err = c.fetchS2Search(ctx, src, limit)
	case kindS2IDs:
		res, err = c.fetchS2IDs(ctx, src)
	default:
		return nil, fmt.Errorf("fetch: source %q: %w", src.Spec, ErrSource)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// pageName names page i (0-based) of src.
func pageName(src Source, i int) string {
	if i == 0 {
		return src.Spec
	}
	return fmt.Sprintf("%s#page%d", src.Spec, i+1)
}
