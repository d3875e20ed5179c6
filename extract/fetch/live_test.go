package fetch

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/extract/read"
)

// TestLive fetches from the real APIs. It runs only with
// PAPERGRAPH_LIVE=1 (and a network); keys are taken from the usual
// environment variables when set.
func TestLive(t *testing.T) {
	if os.Getenv("PAPERGRAPH_LIVE") != "1" {
		t.Skip("set PAPERGRAPH_LIVE=1 to test against the real APIs")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	c := &Client{Version: "live-test"}
	for _, spec := range []string{"hf:daily", "arxiv:1706.03762", "arxiv:list:cs.CL", "openalex:doi:10.48550/arxiv.1706.03762", "s2:ARXIV:1706.03762"} {
		t.Run(spec, func(t *testing.T) {
			src, err := ParseSource(spec)
			require.NoError(t, err)
			papers, _, _, err := c.Papers(ctx, src, 5, read.Options{})
			require.NoError(t, err)
			assert.NotEmpty(t, papers)
			for _, p := range papers {
				assert.NotEmpty(t, p.Title)
			}
		})
	}
	t.Run("enrich", func(t *testing.T) {
		src, _ := ParseSource("arxiv:1706.03762")
		papers, _, _, err := c.Papers(ctx, src, 1, read.Options{})
		require.NoError(t, err)
		for _, via := range []*API{SemanticScholar, OpenAlex} {
			recs, rep, err := c.Enrich(ctx, papers, EnrichOptions{Via: via})
			require.NoError(t, err, via.Name)
			require.Len(t, recs, 1, via.Name)
			assert.NotEmpty(t, recs[0].Refs, via.Name)
			assert.Empty(t, rep.NotFound, via.Name)
		}
	})
}
