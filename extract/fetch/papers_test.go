package fetch

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract/read"
)

func hfPapers(t *testing.T) []papergraph.Paper {
	t.Helper()
	ps, _, err := read.ReadAll(bytes.NewReader(fixture(t, "hf-daily.json")), "hf", read.Options{})
	require.NoError(t, err)
	return ps
}

func TestEnrichS2(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{method: http.MethodPost, path: "/graph/v1/paper/batch", file: "s2-refs.json"})
	batch := append(hfPapers(t), papergraph.Paper{Title: "A paper without ids"})
	recs, rep, err := rp.client().Enrich(context.Background(), batch, EnrichOptions{})
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, "2612.00101", recs[0].ArXiv)
	assert.Empty(t, recs[0].DOI)
	assert.Empty(t, recs[0].Abstract)
	require.Len(t, recs[0].Refs, 2, "the reference without ids is left out")
	assert.Equal(t, papergraph.Ref{ArXiv: "2612.00102", Title: "TinyCite: Small Models for Reference Parsing", Source: "references"}, recs[0].Refs[0])
	assert.Equal(t, "1706.03762", recs[0].Refs[1].ArXiv)
	assert.Equal(t, 3, rep.Refs)
	assert.Len(t, rep.Found, 2)
	assert.Empty(t, rep.NotFound)
	assert.Equal(t, []string{`"A paper without ids"`}, rep.NoID)

	reqs := rp.requests()
	require.Len(t, reqs, 1)
	assert.JSONEq(t, `{"ids":["ARXIV:2612.00101","ARXIV:2612.00102"]}`, reqs[0].Body)
	assert.Contains(t, reqs[0].Query.Get("fields"), "references.externalIds")

	// Merged with the batch, the records give it its citations.
	merged, st := papergraph.Merge(append(hfPapers(t), recs...))
	assert.Equal(t, 2, st.Merged)
	require.Len(t, merged, 2)
	assert.Equal(t, "GraphLens: Seeing Citations in Daily Papers", merged[0].Title)
	assert.NotEmpty(t, merged[0].Abstract, "the batch's abstract is kept")
	assert.Len(t, merged[0].Refs, 2)
}

func TestEnrichS2NotFound(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{method: http.MethodPost, path: "/graph/v1/paper/batch",
		body: `[null, {"paperId":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","externalIds":{"ArXiv":"2612.00102"},"title":"TinyCite","references":[]}]`})
	recs, rep, err := rp.client().Enrich(context.Background(), hfPapers(t), EnrichOptions{Via: SemanticScholar})
	require.NoError(t, err)
	assert.Len(t, recs, 1)
	assert.Equal(t, []string{`2612.00101 "GraphLens: Seeing Citations in Daily Papers"`}, rep.NotFound)
	assert.Equal(t, []string{`2612.00102 "TinyCite: Small Models for Reference Parsing"`}, rep.Found)
}

func TestEnrichOpenAlex(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{path: "/works", file: "openalex-refs.json"})
	recs, rep, err := rp.client("OPENALEX_API_KEY", "k").Enrich(context.Background(), hfPapers(t), EnrichOptions{Via: OpenAlex})
	require.NoError(t, err)
	require.Len(t, recs, 1)
	assert.Equal(t, "2612.00101", recs[0].ArXiv)
	assert.Equal(t, "W4000000001", recs[0].OpenAlex)
	assert.Equal(t, []papergraph.Ref{{OpenAlex: "W2741809807", Source: "referenced_works"}, {OpenAlex: "W3000000002", Source: "referenced_works"}}, recs[0].Refs)
	assert.Equal(t, []string{`2612.00102 "TinyCite: Small Models for Reference Parsing"`}, rep.NotFound)
	reqs := rp.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "doi:10.48550/arxiv.2612.00101|10.48550/arxiv.2612.00102", reqs[0].Query.Get("filter"))
}

// TestBatchRoundTrip: a saved batch reads back to the papers saved, from
// every source and with text that looks like markup.
func TestBatchRoundTrip(t *testing.T) {
	var all []papergraph.Paper
	for _, f := range []struct{ file, format string }{
		{"hf-daily.json", read.FormatHFJSON}, {"arxiv-page1.xml", read.FormatArXivAtom},
		{"openalex-page1.json", read.FormatOpenAlex}, {"s2-search-page1.json", read.FormatS2}, {"s2-refs.json", read.FormatS2},
	} {
		ps, _, err := read.ReadAll(bytes.NewReader(fixture(t, f.file)), f.file, read.Options{Format: f.format})
		require.NoError(t, err, f.file)
		all = append(all, ps...)
	}
	all = append(all, papergraph.Paper{Title: "Bounds where x<y and a>b, AT&T &amp; co", Abstract: "We prove a<b>c holds &lt; always.",
		Refs: []papergraph.Ref{{DOI: "10.1000/x", Title: "On <i>ties</i> & knots", Source: "references"}}})
	var b bytes.Buffer
	require.NoError(t, WriteBatch(&b, all))
	back, skipped, err := read.ReadAll(bytes.NewReader(b.Bytes()), "batch.jsonl", read.Options{})
	require.NoError(t, err)
	require.Empty(t, skipped)
	require.Len(t, back, len(all))
	for i := range all {
		want, got := all[i], back[i]
		want.Pos, got.Pos = papergraph.Pos{}, papergraph.Pos{}
		assert.Equal(t, want, got, "paper %d (%s)", i, all[i].Title)
	}
	var again bytes.Buffer
	require.NoError(t, WriteBatch(&again, back))
	assert.Equal(t, b.String(), again.String(), "written again, the same bytes")
}
