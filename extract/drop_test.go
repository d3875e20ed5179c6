package extract_test

import (
	"slices"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// TestDropAbstract: after DropAbstract no string of the paper points into
// the abstract's memory (so it can be freed), and every value is kept.
func TestDropAbstract(t *testing.T) {
	abstract := "We introduce FooBench, a benchmark, and train on ImageNet with code at https://github.com/owner/repo; see arXiv:1706.03762 (Attention Is All You Need)."
	p := papergraph.Paper{Title: "FooBench: a benchmark", Abstract: abstract}
	extract.Default().Paper(&p)
	require.NotEmpty(t, p.Entities)
	want := p
	want.Entities = slices.Clone(p.Entities)
	want.Refs = slices.Clone(p.Refs)
	want.Abstract = ""
	p.DropAbstract()
	assert.Equal(t, want, p, "values kept")
	lo := uintptr(unsafe.Pointer(unsafe.StringData(abstract)))
	hi := lo + uintptr(len(abstract))
	inside := func(s string) bool {
		a := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return s != "" && a >= lo && a < hi
	}
	assert.False(t, inside(p.Name), "name")
	for _, e := range p.Entities {
		assert.False(t, inside(e.Name) || inside(e.Surface) || inside(e.Family), "entity %v", e)
	}
	for _, r := range p.Refs {
		assert.False(t, inside(r.ArXiv) || inside(r.DOI) || inside(r.Title) || inside(r.Surface), "ref %v", r)
	}
}
