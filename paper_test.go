package papergraph_test

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

// droppable returns papers whose entities, stop-listed candidates and
// references are cut from their abstracts, as extraction leaves them.
func droppable() []papergraph.Paper {
	var papers []papergraph.Paper
	for _, abs := range []string{
		"We train on ImageNet and evaluate with Llama-2 (arXiv:2401.00001).",
		"ImageNet again, and Llama-2 again, at github.com/lab/tool.",
		"",
	} {
		p := papergraph.Paper{ID: "x", Title: "T", Abstract: abs}
		if abs == "" {
			papers = append(papers, p)
			continue
		}
		cut := func(s string) string {
			i := strings.Index(abs, s)
			return abs[i : i+len(s)]
		}
		p.Name = cut("Llama-2")
		p.Entities = []papergraph.Entity{
			{Kind: papergraph.KindDataset, Name: cut("ImageNet"), Surface: cut("ImageNet"), Rule: "gazetteer", Cue: cut("Net")},
			{Kind: papergraph.KindModel, Name: cut("Llama-2"), Surface: cut("Llama-2"), Family: cut("Llama")},
		}
		p.Stopped = []papergraph.Entity{{Kind: papergraph.KindDataset, Name: cut("and"), Surface: cut("and"), Cue: cut("Image")}}
		if strings.Contains(abs, "arXiv") {
			p.Refs = []papergraph.Ref{{ArXiv: cut("2401.00001"), Surface: cut("arXiv:2401.00001")}}
		} else {
			p.Refs = []papergraph.Ref{{Paper: cut("github.com/lab/tool"), Surface: cut("github.com/lab/tool")}}
		}
		papers = append(papers, p)
	}
	return papers
}

// TestDropAbstracts: the batch drop leaves every paper as DropAbstract
// leaves it, and equal strings of different papers share one copy.
func TestDropAbstracts(t *testing.T) {
	want, got := droppable(), droppable()
	for i := range want {
		want[i].DropAbstract()
	}
	papergraph.DropAbstracts(got)
	require.Equal(t, want, got)
	for _, p := range got {
		assert.Empty(t, p.Abstract)
	}
	for i, p := range droppable() {
		for _, s := range stringsOf(reflect.ValueOf(got[i]), nil) {
			start := uintptr(unsafe.Pointer(unsafe.StringData(p.Abstract)))
			at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			assert.False(t, p.Abstract != "" && s != "" && at >= start && at < start+uintptr(len(p.Abstract)),
				"paper %d: %q still points into the abstract", i, s)
		}
	}
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	assert.True(t, same(got[0].Entities[0].Name, got[1].Entities[0].Name), "ImageNet is held once")
	assert.True(t, same(got[0].Entities[0].Name, got[1].Entities[0].Surface), "a name and an equal surface are held once")
	assert.True(t, same(got[0].Name, got[1].Entities[1].Name), "a paper's name and an equal entity name are held once")
	assert.False(t, same(want[0].Entities[0].Name, want[1].Entities[0].Name), "DropAbstract copies each paper's strings")
}

// TestDropper: dropping paper by paper, as a run does while it extracts,
// gives what the batch drop gives, with equal strings held once.
func TestDropper(t *testing.T) {
	want, got := droppable(), droppable()
	papergraph.DropAbstracts(want)
	var d papergraph.Dropper
	for i := range got {
		d.Drop(&got[i])
	}
	require.Equal(t, want, got)
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	assert.True(t, same(got[0].Entities[0].Name, got[1].Entities[0].Name), "ImageNet is held once")
}

// stringsOf appends every string v holds, in fields, slices and arrays.
func stringsOf(v reflect.Value, out []string) []string {
	switch v.Kind() {
	case reflect.String:
		out = append(out, v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			out = stringsOf(v.Field(i), out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			out = stringsOf(v.Index(i), out)
		}
	}
	return out
}
