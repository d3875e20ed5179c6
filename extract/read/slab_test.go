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
		mem, _ := s.slab(fieldIndex(key))
		assert.Same(t, want, mem, key)
	}
	var r rawRecord
	ok, _ := s.record([]byte(`{"id":"2401.00001","title":"A title","abstract":"An abstract.","authors":"A. One and B. Two","doi":"10.1/x"}`), &r)
	require.True(t, ok)
	assert.Equal(t, "2401.00001A titleA. One and B. Two", string(s.mem.kept.buf))
	assert.Equal(t, "An abstract.", string(s.mem.text.buf))
	assert.Equal(t, authorList{"A. One", "B. Two"}, r.Authors)
}

// TestKeptBytesPerRecord: the kept strings' block holds only strings that
// papers keep as they are. An arXiv snapshot record takes its authors
// from authors_parsed (wherever the key stands), so the text of
// "authors" is not in the block, and a title that needs cleaning (wrapped
// with "\n  ", TeX, two blanks in a row) is copied by the paper, so it
// is not either; the block would otherwise grow by hundreds of bytes a
// record that no paper holds.
func TestKeptBytesPerRecord(t *testing.T) {
	const (
		id      = `"id":"2401.00001"`
		authors = `"authors":"A. B. One, C. D. Two and E. Three"`
		parsed  = `"authors_parsed":[["One","A. B.",""],["Two","C. D.",""],["Three","E.",""]]`
		rest    = `"submitter":"X Y","categories":"cs.LG","abstract":"  An abstract.\n","versions":[{"version":"v1","created":"Mon, 2 Apr 2024 19:18:42 GMT"}]`
	)
	for _, tc := range []struct {
		name   string
		record string
		want   string // the kept block's bytes
	}{
		{"snapshot", `{` + id + `,` + authors + `,"title":"Robust graph attention for\n  large language models",` + rest + `,` + parsed + `}`, "2401.00001"},
		{"authors_parsed first", `{` + parsed + `,` + id + `,` + authors + `,"title":"Robust graph attention",` + rest + `}`, "2401.00001Robust graph attention"},
		{"no authors_parsed", `{` + id + `,` + authors + `,"title":"Robust graph attention"}`, "2401.00001Robust graph attentionA. B. One, C. D. Two and E. Three"},
		{"empty authors_parsed", `{` + id + `,` + authors + `,"authors_parsed":[],"title":"T"}`, "2401.00001TA. B. One, C. D. Two and E. Three"},
		{"title with TeX", `{` + id + `,"title":"On $\\alpha$-nets",` + parsed + `}`, "2401.00001"},
		{"title with two blanks", `{` + id + `,"title":"Two  blanks",` + parsed + `}`, "2401.00001"},
		{"title not ASCII", `{` + id + `,"title":"Caf\u00e9 models",` + parsed + `}`, "2401.00001"},
		{"title with markup", `{` + id + `,"title":"Q&amp;A models",` + parsed + `}`, "2401.00001"},
		{"title with a kept escape", `{` + id + `,"title":"\"Quoted\" models",` + parsed + `}`, "2401.00001\"Quoted\" models"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := scanner{mem: &textSlabs{}}
			var got rawRecord
			ok, _ := s.record([]byte(tc.record), &got)
			require.True(t, ok, tc.record)
			assert.Equal(t, tc.want, string(s.mem.kept.buf), tc.record)
			var want rawRecord
			require.NoError(t, decode([]byte(tc.record), &want))
			assert.Equal(t, want, got, "the scanner decodes %s as encoding/json does", tc.record)
		})
	}
}

// TestSlabUnquoteKeepsRest: a literal whose decoding outgrows the space
// set aside for it stays in the block while it fits in the rest of the
// block, and is an allocation of its own once it does not.
func TestSlabUnquoteKeepsRest(t *testing.T) {
	var s slab
	lit := []byte(`"` + strings.Repeat("\xff", 100) + `"`)
	got, ok := s.unquote(lit)
	require.True(t, ok)
	assert.Equal(t, strings.Repeat("\uFFFD", 100), got)
	assert.Equal(t, 300, len(s.buf), "grown past its share, in the block")
	s.buf = s.buf[:cap(s.buf)-150] // the rest is less than the literal's text
	got, ok = s.unquote(lit)
	require.True(t, ok)
	assert.Equal(t, strings.Repeat("\uFFFD", 100), got)
	assert.Equal(t, cap(s.buf)-150, len(s.buf), "outgrew the rest: not in the block")
}
