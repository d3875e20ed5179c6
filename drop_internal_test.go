package papergraph

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// TestDropAbstractClonesNamedOnce: an entity whose surface is its name
// costs one clone (one look-up of a Dropper's strings), not two, the
// paper reads as before, and no name or surface still points into the
// dropped abstract.
func TestDropAbstractClonesNamedOnce(t *testing.T) {
	abs := "ImageNet, the Llama-2 model and LLMs."
	cut := func(s string) string {
		i := strings.Index(abs, s)
		return abs[i : i+len(s)]
	}
	p := Paper{Abstract: abs,
		Entities: []Entity{
			{Kind: KindDataset, Name: "ImageNet", Surface: cut("ImageNet")},           // equal: one clone
			{Kind: KindModel, Name: "Llama 2", Surface: cut("Llama-2"), Cue: "model"}, // different: two, and the cue
		},
		Stopped: []Entity{{Kind: KindModel, Name: cut("LLMs"), Surface: cut("LLMs")}}, // equal: one clone
	}
	want := p
	want.Abstract = ""
	want.Entities = append([]Entity(nil), p.Entities...)
	want.Stopped = append([]Entity(nil), p.Stopped...)
	var cloned []string
	p.dropAbstract(func(s string) string {
		if s != "" {
			cloned = append(cloned, s)
		}
		return strings.Clone(s)
	})
	assert.Equal(t, []string{"ImageNet", "Llama 2", "Llama-2", "model", "LLMs"}, cloned)
	assert.Equal(t, want, p)
	// The strings read the same either way: only their memory tells a
	// kept surface from a clone.
	start := uintptr(unsafe.Pointer(unsafe.StringData(abs)))
	inAbstract := func(s string) bool {
		at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return s != "" && at >= start && at < start+uintptr(len(abs))
	}
	for _, es := range [][]Entity{p.Entities, p.Stopped} {
		for _, e := range es {
			assert.False(t, inAbstract(e.Name), "name %q still in the abstract", e.Name)
			assert.False(t, inAbstract(e.Surface), "surface %q still in the abstract", e.Surface)
		}
	}
}
