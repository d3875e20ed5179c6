package extract_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
	"github.com/papergraph/papergraph/internal/worst"
)

// TestPerTextCap: an abstract of nothing but distinct names, links or
// identifiers keeps the first MaxPerText artifacts and references, in
// text order, and counts every mention past them in LeftOut; under the
// cap nothing is left out.
func TestPerTextCap(t *testing.T) {
	x := extract.Default()
	for _, tc := range []struct {
		shape      string
		perItem    string // what starts each distinct item in the text
		ents, refs int    // items of each per occurrence of perItem
	}{
		{"names", "Model", 2, 0},
		{"links", "https://", 1, 0},
		{"refs", "arXiv:", 0, 1},
		{"dois", "doi:", 0, 1},
	} {
		t.Run(tc.shape, func(t *testing.T) {
			small := papergraph.Paper{Title: "T", Abstract: worst.Shapes[tc.shape](20 << 10)}
			x.Paper(&small)
			assert.Zero(t, small.LeftOut, "a text under the cap")
			n := strings.Count(small.Abstract, tc.perItem)
			assert.Equal(t, n*tc.ents, len(small.Entities), "every artifact of a text under the cap")
			assert.Equal(t, n*tc.refs, len(small.Refs), "every reference of a text under the cap")

			s := worst.Shapes[tc.shape](800 << 10)
			p := papergraph.Paper{Title: "T", Abstract: s}
			x.Paper(&p)
			items := strings.Count(s, tc.perItem)
			wantEnts, wantRefs := min(items*tc.ents, extract.MaxPerText), min(items*tc.refs, extract.MaxPerText)
			assert.Len(t, p.Entities, wantEnts)
			assert.Len(t, p.Refs, wantRefs)
			assert.Equal(t, items*(tc.ents+tc.refs)-wantEnts-wantRefs, p.LeftOut, "mentions past the cap")
			for i := 1; i < len(p.Entities); i++ {
				require.Less(t, p.Entities[i-1].Start, p.Entities[i].Start, "entity %d: the first ones in text order", i)
			}
			for i := 1; i < len(p.Refs); i++ {
				require.Less(t, p.Refs[i-1].Start, p.Refs[i].Start, "reference %d: the first ones in text order", i)
			}
			assert.Len(t, x.Text(s), wantEnts, "Text keeps as many")
			assert.Len(t, x.Refs(s), wantRefs, "Refs keeps as many")
		})
	}
	// A repeat of a kept artifact is not left out, however many.
	p := papergraph.Paper{Title: "T", Abstract: worst.Repeated(800 << 10)}
	x.Paper(&p)
	assert.Len(t, p.Entities, 1)
	assert.Zero(t, p.LeftOut)
}
