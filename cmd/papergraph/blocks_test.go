package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

// TestPaperBlocks: papers come out in the order added whatever the
// inputs' size says; a size that tells the count right makes one slice
// (no blocks to join), one that tells it wrong falls back to blocks.
func TestPaperBlocks(t *testing.T) {
	const n = 3*paperBlock + 123
	for _, tc := range []struct {
		name   string
		size   int64 // bytes of the inputs, 100 a paper read
		blocks bool  // the papers went to blocks
	}{
		{"unknown size", 0, true},
		{"size right", 100 * n, false},
		{"size too small", 100 * paperBlock * 3 / 2, true},
		{"size too large", 100 * 10 * n, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := paperBlocks{size: tc.size}
			for i := range n {
				b.add(papergraph.Paper{Year: i}, int64(100*(i+1)))
			}
			assert.Equal(t, tc.blocks, len(b.blocks) > 0, "blocks")
			got := b.join()
			require.Len(t, got, n)
			for i, p := range got {
				if p.Year != i {
					t.Fatalf("paper %d is the paper added as %d", i, p.Year)
				}
			}
		})
	}
}
