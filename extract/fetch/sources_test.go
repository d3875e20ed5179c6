package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/extract/read"
)

func TestParseSource(t *testing.T) {
	for _, tc := range []struct {
		spec string
		kind string
		arg  string
		ids  []string
	}{
		{"hf:daily", kindHFDaily, "", nil},
		{"hf:daily:2026-12-01", kindHFDaily, "2026-12-01", nil},
		{"hf:trending", kindHFTrending, "", nil},
		{`arxiv:cat:cs.CL AND abs:retrieval`, kindArXivQuery, "cat:cs.CL AND abs:retrieval", nil},
		{"arxiv:list:cs.CV", kindArXivList, "cs.CV", nil},
		{"arxiv:2401.00001,2402.00002v2", kindArXivIDs, "", []string{"2401.00001", "2402.00002"}},
		{"arxiv:hep-th/9901001", kindArXivIDs, "", []string{"hep-th/9901001"}},
		{"openalex:title.search:graph,publication_year:2025", kindOpenAlex, "title.search:graph,publication_year:2025", nil},
		{"s2:graph neural networks", kindS2Query, "graph neural networks", nil},
		{"s2:649def34f8be52c8b66281af98ae884c09aef38b,2401.00001,10.1000/xyz,CorpusId:42", kindS2IDs, "",
			[]string{"649def34f8be52c8b66281af98ae884c09aef38b", "ARXIV:2401.00001", "DOI:10.1000/xyz", "CorpusId:42"}},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			src, err := ParseSource(tc.spec)
			require.NoError(t, err)
			assert.Equal(t, tc.kind, src.kind)
			assert.Equal(t, tc.arg, src.arg)
			assert.Equal(t, tc.ids, src.ids)
			assert.True(t, IsSource(tc.spec))
		})
	}
	for _, bad := range []string{"hf:weekly", "hf:daily:2026-13-01", "hf:daily:yesterday", "hf:trending:x", "arxiv:", "arxiv:list:cs CV", "openalex:", "s2:", "crossref:x"} {
		t.Run("bad/"+bad, func(t *testing.T) {
			_, err := ParseSource(bad)
			assert.ErrorIs(t, err, ErrSource)
		})
	}
	assert.False(t, IsSource("papers.jsonl"))
	assert.False(t, IsSource("./hf:daily"))
}

func TestHFDaily(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{path: "/api/daily_papers", query: map[string]string{"date": "2026-12-01"}, file: "hf-daily.json"})
	c := rp.client()
	src, err := ParseSource("hf:daily:2026-12-01")
	require.NoError(t, err)
	papers, res, skipped, err := c.Papers(context.Background(), src, 0, read.Options{})
	require.NoError(t, err)
	assert.Empty(t, skipped)
	require.Len(t, res.Pages, 1)
	require.Len(t, papers, 2)
	assert.Equal(t, "2612.00101", papers[0].ArXiv)
	assert.Equal(t, []string{"Ada Byron", "Alan Turing"}, papers[0].Authors)
	require.Len(t, papers[0].Links, 2, "githubRepo and projectPage")
	assert.Equal(t, "githubRepo", papers[0].Links[0].Source)
	assert.Equal(t, "projectPage", papers[0].Links[1].Source)
	assert.Equal(t, "hf:daily:2026-12-01", papers[0].Pos.File)

	reqs := rp.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "100", reqs[0].Query.Get("limit"))
	assert.Equal(t, "0", reqs[0].Query.Get("p"))
	assert.Equal(t, "papergraph/v1.2.3 (+https://github.com/papergraph/papergraph)", reqs[0].Header.Get("User-Agent"))
	assert.Empty(t, reqs[0].Header.Get("Authorization"), "no HF_TOKEN, no header")
}

func TestHFTrendingAndToken(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{path: "/api/daily_papers", query: map[string]string{"sort": "trending"}, file: "hf-daily.json"})
	c := rp.client("HF_TOKEN", "hf_secret")
	src, _ := ParseSource("hf:trending")
	res, err := c.Fetch(context.Background(), src, 5)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Pages[0].Records)
	reqs := rp.requests()
	assert.Equal(t, "Bearer hf_secret", reqs[0].Header.Get("Authorization"))
	assert.Equal(t, "5", reqs[0].Query.Get("limit"))
	assert.False(t, reqs[0].Query.Has("date"))
}

// hfItems returns n daily-papers items with distinct ids.
func hfItems(from, n int) string {
	var items []string
	for i := from; i < from+n; i++ {
		items = append(items, fmt.Sprintf(`{"paper":{"id":"2612.%05d","title":"Paper number %d","summary":"Abstract %d."}}`, i, i, i))
	}
	return "[" + strings.Join(items, ",") + "]"
}

func TestHFPagination(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/api/daily_papers", query: map[string]string{"p": "0", "limit": "100"}, body: hfItems(0, 100)},
		&route{path: "/api/daily_papers", query: map[string]string{"p": "1", "limit": "50"}, body: hfItems(100, 20)},
	)
	src, _ := ParseSource("hf:daily:2026-12-01")
	papers, res, _, err := rp.client().Papers(context.Background(), src, 150, read.Options{})
	require.NoError(t, err)
	assert.Len(t, res.Pages, 2)
	assert.Len(t, papers, 120)
	assert.Equal(t, "hf:daily:2026-12-01#page2", papers[100].Pos.File)
	assert.Len(t, rp.requests(), 2, "a short page is the last")
}

func TestHFNoListing(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{path: "/api/daily_papers", body: "[]"})
	src, _ := ParseSource("hf:daily:2026-12-05")
	_, err := rp.client().Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrNoListing)
	assert.Contains(t, err.Error(), "no daily papers are listed for 2026-12-05")
	assert.NotContains(t, err.Error(), "\n")
}

func TestArXivQueryPagination(t *testing.T) {
	clock := newFakeClock()
	rp := newReplay(t, clock,
		&route{path: "/api/query", query: map[string]string{"start": "0"}, file: "arxiv-page1.xml"},
		&route{path: "/api/query", query: map[string]string{"start": "2"}, file: "arxiv-page2.xml"},
	)
	src, _ := ParseSource("arxiv:cat:cs.CL AND abs:retrieval")
	papers, res, _, err := rp.client().Papers(context.Background(), src, 10, read.Options{})
	require.NoError(t, err)
	require.Len(t, res.Pages, 2)
	require.Len(t, papers, 3)
	assert.Equal(t, []string{"2612.00201", "2612.00202", "2612.00203"}, []string{papers[0].ArXiv, papers[1].ArXiv, papers[2].ArXiv})
	assert.Equal(t, "Dense Retrieval with Sparse Hints", papers[0].Title)
	reqs := rp.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "cat:cs.CL AND abs:retrieval", reqs[0].Query.Get("search_query"))
	assert.Equal(t, "10", reqs[0].Query.Get("max_results"))
	assert.Equal(t, "8", reqs[1].Query.Get("max_results"))
	// arXiv's policy: one request every 3 s, on the fake clock.
	assert.Equal(t, 3*time.Second, reqs[1].At.Sub(reqs[0].At))
}

func TestArXivListAndIDs(t *testing.T) {
	clock := newFakeClock()
	rp := newReplay(t, clock,
		&route{path: "/atom/cs.CL", file: "arxiv-listing.xml"},
		&route{path: "/atom/cs.CV", file: "arxiv-listing-empty.xml"},
		&route{path: "/api/query", query: map[string]string{"id_list": "2612.00201,2612.00202"}, file: "arxiv-page1.xml"},
		&route{path: "/api/query", query: map[string]string{"id_list": "2612.00201,2612.00202,2612.09999"}, file: "arxiv-page1.xml"},
	)
	c := rp.client()
	src, _ := ParseSource("arxiv:list:cs.CL")
	papers, res, _, err := c.Papers(context.Background(), src, 0, read.Options{})
	require.NoError(t, err)
	require.Len(t, papers, 2, "the new paper and the cross-list; not the replacement")
	assert.Empty(t, res.NotFound)
	assert.Equal(t, "arxiv:list:cs.CL", papers[0].Pos.File)
	reqs := rp.requests()
	require.Len(t, reqs, 2, "the listing, then its papers by id")
	assert.Equal(t, "/atom/cs.CL", reqs[0].Path)
	assert.Equal(t, "2", reqs[1].Query.Get("max_results"))
	assert.Equal(t, 3*time.Second, reqs[1].At.Sub(reqs[0].At), "one arXiv pace for both")

	src, _ = ParseSource("arxiv:list:cs.CV")
	_, err = c.Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrNoListing)
	assert.Contains(t, err.Error(), "arXiv announced no new papers in cs.CV")

	src, _ = ParseSource("arxiv:2612.00201,2612.00202v1,2612.09999")
	res, err = c.Fetch(context.Background(), src, 0)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Pages[0].Records)
	assert.Equal(t, []string{"2612.09999"}, res.NotFound)
	assert.Equal(t, "3", rp.requests()[3].Query.Get("max_results"))
}

func TestListingLimit(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/atom/cs.CL", file: "arxiv-listing.xml"},
		&route{path: "/api/query", query: map[string]string{"id_list": "2612.00201"}, file: "arxiv-page2.xml"},
	)
	src, _ := ParseSource("arxiv:list:cs.CL")
	res, err := rp.client().Fetch(context.Background(), src, 1)
	require.NoError(t, err)
	assert.Len(t, res.Pages, 1)
	assert.Equal(t, "2612.00201", rp.requests()[1].Query.Get("id_list"))
}

func TestArXivNoResultsAndError(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/api/query", query: map[string]string{"search_query": "abs:zzzzqqq"}, file: "arxiv-empty.xml"},
		&route{path: "/api/query", query: map[string]string{"id_list": "9999.99999"}, file: "arxiv-error.xml"},
	)
	c := rp.client()
	src, _ := ParseSource("arxiv:abs:zzzzqqq")
	_, err := c.Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrNoResults)
	assert.Equal(t, "fetch: arxiv:abs:zzzzqqq: no results", err.Error())

	src = Source{Spec: "arxiv:9999.99999", API: ArXiv, kind: kindArXivIDs, ids: []string{"9999.99999"}}
	_, err = c.Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrSource)
	assert.Contains(t, err.Error(), "incorrect id format for 9999.99999")
}

func TestOpenAlexCursor(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/works", query: map[string]string{"cursor": "*"}, file: "openalex-page1.json"},
		&route{path: "/works", query: map[string]string{"cursor": "IlsxMDAsICdodHRwczovL29wZW5hbGV4Lm9yZy9XMSddIg=="}, file: "openalex-page2.json"},
	)
	c := rp.client("OPENALEX_API_KEY", "oa-secret-key", "OPENALEX_MAILTO", "me@example.org")
	src, _ := ParseSource("openalex:title.search:graph")
	papers, res, _, err := c.Papers(context.Background(), src, 0, read.Options{})
	require.NoError(t, err)
	assert.Len(t, res.Pages, 2)
	require.Len(t, papers, 3)
	assert.Equal(t, "2612.00101", papers[0].ArXiv)
	assert.Equal(t, "W4000000001", papers[0].OpenAlex)
	assert.Len(t, papers[0].Refs, 2)
	assert.Equal(t, "10.1000/journal.graph.2026", papers[1].DOI)
	for _, r := range rp.requests() {
		assert.Equal(t, "title.search:graph", r.Query.Get("filter"))
		assert.Equal(t, "oa-secret-key", r.Query.Get("api_key"))
		assert.Equal(t, "me@example.org", r.Query.Get("mailto"))
	}
	for _, p := range res.Pages {
		assert.NotContains(t, p.URL, "oa-secret-key", "page URLs carry no key")
	}
}

func TestOpenAlexLimitAndEmpty(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/works", query: map[string]string{"filter": "title.search:nothing"}, file: "openalex-empty.json"},
		&route{path: "/works", query: map[string]string{"cursor": "*"}, file: "openalex-page1.json"},
	)
	c := rp.client()
	src, _ := ParseSource("openalex:title.search:nothing")
	_, err := c.Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrNoResults)

	src, _ = ParseSource("openalex:title.search:graph")
	res, err := c.Fetch(context.Background(), src, 2)
	require.NoError(t, err)
	assert.Len(t, res.Pages, 1, "the limit is reached on the first page: no second request")
	assert.Equal(t, "2", rp.requests()[1].Query.Get("per_page"))
}

func TestS2Search(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/graph/v1/paper/search", query: map[string]string{"offset": "0"}, file: "s2-search-page1.json"},
		&route{path: "/graph/v1/paper/search", query: map[string]string{"offset": "2"}, file: "s2-search-page2.json"},
	)
	c := rp.client("S2_API_KEY", "s2-secret-key")
	src, _ := ParseSource("s2:sparse retrieval")
	papers, res, _, err := c.Papers(context.Background(), src, 0, read.Options{})
	require.NoError(t, err)
	assert.Len(t, res.Pages, 2)
	require.Len(t, papers, 3)
	assert.Equal(t, "2612.00301", papers[0].ArXiv)
	assert.Equal(t, "649def34f8be52c8b66281af98ae884c09aef38b", papers[0].S2)
	reqs := rp.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "sparse retrieval", reqs[0].Query.Get("query"))
	assert.Equal(t, s2Fields, reqs[0].Query.Get("fields"))
	assert.Equal(t, "s2-secret-key", reqs[0].Header.Get("X-Api-Key"))
	assert.Equal(t, time.Second, reqs[1].At.Sub(reqs[0].At), "Semantic Scholar: 1 request a second")
}

func TestS2IDs(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{method: http.MethodPost, path: "/graph/v1/paper/batch", file: "s2-batch.json"},
	)
	src, _ := ParseSource("s2:2612.00301,10.1000/unknown")
	papers, res, _, err := rp.client().Papers(context.Background(), src, 0, read.Options{})
	require.NoError(t, err)
	require.Len(t, papers, 1)
	assert.Equal(t, "Sparse Mixtures for Retrieval", papers[0].Title)
	assert.Equal(t, []string{"DOI:10.1000/unknown"}, res.NotFound)
	reqs := rp.requests()
	require.Len(t, reqs, 1)
	var body struct{ IDs []string }
	require.NoError(t, json.Unmarshal([]byte(reqs[0].Body), &body))
	assert.Equal(t, []string{"ARXIV:2612.00301", "DOI:10.1000/unknown"}, body.IDs)
	assert.Equal(t, s2Fields, reqs[0].Query.Get("fields"))
}

func TestS2NoResults(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/graph/v1/paper/search", file: "s2-search-empty.json"},
		&route{method: http.MethodPost, path: "/graph/v1/paper/batch", body: "[null]"},
	)
	c := rp.client()
	src, _ := ParseSource("s2:zzzzqqq")
	_, err := c.Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrNoResults)
	src, _ = ParseSource("s2:10.1000/none")
	_, err = c.Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrNoResults)
	assert.True(t, errors.Is(err, ErrNoResults))
}
