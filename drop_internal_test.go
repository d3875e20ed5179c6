package papergraph

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDropAbstractClonesNamedOnce: an entity whose surface is its name
// costs one clone (one look-up of a Dropper's strings), not two, and the
// paper reads as before.
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
}
