package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// TestPaperStopped: a candidate a rule proposed and the stop list refused
// is in Paper.Stopped (first mention per key, with its evidence), exactly
// as Explain reports it, and is not an entity.
func TestPaperStopped(t *testing.T) {
	tests := []struct {
		name, abstract string
		want           []string // keys of Stopped
	}{
		{"suffix rule", "Existing Chinese benchmarks support label classification only.", []string{"benchmark:chinese"}},
		{"two mentions, one entry", "We introduce the first German benchmark. The German benchmark is hard.", []string{"benchmark:german"}},
		{"nothing refused", "We train on ImageNet and report accuracy.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := papergraph.Paper{Title: "A paper", Abstract: tt.abstract}
			extract.Default().Paper(&p)
			var got []string
			for _, e := range p.Stopped {
				got = append(got, e.Key())
				assert.Equal(t, e.Surface, tt.abstract[e.Start:e.End], "surface of %s", e.Key())
				assert.NotEmpty(t, e.Rule, "rule of %s", e.Key())
				for _, a := range p.Entities {
					assert.NotEqual(t, a.Key(), e.Key(), "refused and taken")
				}
			}
			assert.Equal(t, tt.want, got, "stopped of %q", tt.abstract)
			var why []string
			seen := map[string]bool{}
			for _, d := range extract.Default().Explain(tt.abstract) {
				if d.Why == "stop list" && !seen[d.Key()] {
					seen[d.Key()] = true
					why = append(why, d.Key())
				}
			}
			assert.Equal(t, why, got, "Explain's stop-list decisions")
		})
	}
}
