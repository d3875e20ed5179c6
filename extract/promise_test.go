package extract

import (
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
)

func TestPromisesCode(t *testing.T) {
	repo := []papergraph.Entity{{Kind: papergraph.KindRepo, Name: "github.com/a/b"}}
	for _, tc := range []struct {
		abstract string
		ents     []papergraph.Entity
		want     bool
	}{
		{"We propose X. Code will be released.", nil, true},
		{"We propose X. Our code and models will be made publicly available.", nil, true},
		{"The source code is available upon acceptance.", nil, true},
		{"We will release our code and data to the community.", nil, true},
		{"We plan to open-source the implementation.", nil, true},
		{"Code is available at github.com/a/b.", repo, false},                              // linked
		{"Code will be released.", []papergraph.Entity{{Kind: papergraph.KindURL}}, false}, // a link
		{"We train models on public data.", nil, false},                                    // no promise
		{"The code generation model is available to us only.", nil, true},                  // a false positive the rule accepts
		{"Models are released every year. We study them.", nil, true},
		{"We release nothing. Code.", nil, false},
	} {
		assert.Equal(t, tc.want, promisesCode(tc.abstract, tc.ents), tc.abstract)
	}
}
