package read

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSlabKeepsStrings cuts strings and string literals of every size
// from one slab, through blocks that fill up, and wants each string as it
// was handed out once all are cut: nothing is written over what a string
// holds. Literals whose bytes are not UTF-8 grow as unquote replaces them
// (three bytes for one), past the space the slab set aside for them.
func TestSlabKeepsStrings(t *testing.T) {
	pieces := []string{"a", "abcdefgh", "é", "中", "\xff", "\xe2\x82", `\n`, `\"`, `\u00e9`, `\ud83d`, " ", "  "}
	rng := rand.New(rand.NewPCG(7, 8))
	var s slab
	type cut struct{ got, want string }
	var cuts []cut
	for range 30_000 {
		var b strings.Builder
		n := rng.IntN(40)
		if rng.IntN(100) == 0 {
			n = textBlock / 8 // more than a block's share
		}
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		if rng.IntN(2) == 0 {
			cuts = append(cuts, cut{s.string([]byte(text)), text})
			continue
		}
		lit := `"` + text + `"`
		want, wantOK := unquote([]byte(lit))
		got, ok := s.unquote([]byte(lit))
		require.Equal(t, wantOK, ok, "%q", lit)
		var viaJSON string
		require.Equal(t, json.Unmarshal([]byte(lit), &viaJSON) == nil, ok, "%q", lit)
		if ok {
			require.Equal(t, viaJSON, want, "%q", lit)
			cuts = append(cuts, cut{got, want})
		}
	}
	for _, c := range cuts {
		if c.got != c.want {
			t.Fatalf("a string cut from the slab became %q, want %q", c.got, c.want)
		}
	}
}

// TestSlabAllocations: strings cut from a slab cost an allocation a block,
// not one a string.
func TestSlabAllocations(t *testing.T) {
	var s slab
	text := []byte("A title of some forty bytes, as most are")
	lit := []byte(`"Autoregressive \"language\" models"`)
	allocs := testing.AllocsPerRun(10_000, func() {
		s.string(text)
		s.unquote(lit)
	})
	assert.Less(t, allocs, 0.01)
}

// TestRecordSlabs: an abstract or a summary is cut from the abstracts'
// block, an id or a title from the kept strings' block (so that a title
// kept after its abstract is dropped does not hold the abstracts' block),
// other fields from neither.
func TestRecordSlabs(t *testing.T) {
	s := scanner{mem: &textSlabs{}}
	for key, want := range map[string]*slab{
		"id": &s.mem.kept, "title": &s.mem.kept, "abstract": &s.mem.text, "summary": &s.mem.text,
		"doi": nil, "comments": nil, "url": nil, "publishedAt": nil,
	} {
		assert.Same(t, want, s.slab(fieldIndex(key)), key)
	}
	var r rawRecord
	ok, _ := s.record([]byte(`{"id":"2401.00001","title":"A title","abstract":"An abstract.","authors":"A. One and B. Two","doi":"10.1/x"}`), &r)
	require.True(t, ok)
	assert.Equal(t, "2401.00001A titleA. One and B. Two", string(s.mem.kept.buf))
	assert.Equal(t, "An abstract.", string(s.mem.text.buf))
	assert.Equal(t, authorList{"A. One", "B. Two"}, r.Authors)
}
