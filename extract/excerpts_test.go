package extract

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

// nameRefsBothWays runs NameRefs over copies of papers twice: over the
// whole abstracts, and through Excerpts with every abstract dropped right
// after it was kept. It returns the refs of each run.
func nameRefsBothWays(papers []papergraph.Paper) (whole, kept [][]papergraph.Ref) {
	clone := func() []papergraph.Paper {
		ps := slices.Clone(papers)
		for i := range ps {
			ps[i].Refs = slices.Clone(ps[i].Refs)
			ps[i].Entities = slices.Clone(ps[i].Entities)
		}
		return ps
	}
	a := clone()
	NameRefs(a)
	b := clone()
	var x Excerpts
	var d papergraph.Dropper
	for i := range b {
		x.Keep(i, &b[i])
		d.Drop(&b[i])
	}
	x.NameRefs(b)
	for i := range a {
		whole, kept = append(whole, a[i].Refs), append(kept, b[i].Refs)
	}
	return whole, kept
}

// heldoutPapers returns the papers of the held-out sets' abstracts.jsonl,
// not extracted.
func heldoutPapers(t *testing.T) []papergraph.Paper {
	var papers []papergraph.Paper
	for _, dir := range []string{"testdata/heldout", "testdata/heldout-2026"} {
		b, err := os.ReadFile(filepath.Join(dir, "abstracts.jsonl"))
		require.NoError(t, err)
		for line := range strings.Lines(string(b)) {
			var r struct{ ID, Title, Abstract string }
			require.NoError(t, json.Unmarshal([]byte(line), &r), "%s: %q", dir, line)
			papers = append(papers, papergraph.Paper{ID: r.ID, ArXiv: r.ID, Title: r.Title, Abstract: r.Abstract})
		}
	}
	return papers
}

// TestExcerptsNameRefs: names cut from the held-out abstracts around
// every word that can anchor one, of every length up to MaxNameLen and
// beyond, some in another case, are found through the excerpts exactly
// where NameRefs finds them in the whole abstracts.
func TestExcerptsNameRefs(t *testing.T) {
	papers := heldoutPapers(t)
	x := Default()
	for i := range papers {
		x.Paper(&papers[i])
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var names []string
	for _, p := range papers {
		text := p.Abstract
		NameWords(text, func(start, _ int, _ string) {
			// A name from a word start at most MaxNameLen bytes before
			// the anchor to a word end after it.
			a := max(0, start-rng.IntN(MaxNameLen))
			for a > 0 && isWordByte(text[a-1]) {
				a--
			}
			for a < start && !isWordByte(text[a]) {
				a++
			}
			b := min(len(text), wordEnd(text, start)+rng.IntN(MaxNameLen))
			b = wordEnd(text, b)
			for b > a && !isWordByte(text[b-1]) {
				b--
			}
			if b-a > MaxNameLen+8 {
				b = wordEnd(text, start)
			}
			name := text[a:b]
			if rng.IntN(4) == 0 {
				name = strings.ToLower(name)
			}
			names = append(names, name)
		})
	}
	long := 0
	for i, n := range names {
		if len(n) > MaxNameLen {
			long++
		}
		papers = append(papers, papergraph.Paper{ArXiv: fmt.Sprintf("2501.%05d", i), Title: "A method", Name: n})
	}
	require.Greater(t, long, 50, "names longer than MaxNameLen")
	whole, kept := nameRefsBothWays(papers)
	refs := 0
	for i := range whole {
		assert.Equal(t, whole[i], kept[i], "paper %d", i)
		for _, r := range whole[i] {
			if r.Paper != "" {
				refs++
				assert.LessOrEqual(t, r.End-r.Start, MaxNameLen, "%q", r.Surface)
			}
		}
	}
	assert.Greater(t, refs, 500, "names found")
}

// TestExcerptsEdges: names at the ends of a text and of an excerpt's
// stretches, of MaxNameLen bytes and one more.
func TestExcerptsEdges(t *testing.T) {
	pad := strings.Repeat("plain words here and ", 10)
	n64 := "Zorp-7" + strings.Repeat(" and", (MaxNameLen-6)/4) + strings.Repeat("x", (MaxNameLen-6)%4)
	require.Len(t, n64, MaxNameLen)
	tests := []struct {
		name, owner, text string
		want              int
	}{
		{"at the start", "Zorp-7B", "Zorp-7B is " + pad, 1},
		{"at the end", "Zorp-7B", pad + "Zorp-7B", 1},
		{"anchor last, long prefix", "the plain words of Zorp7", pad + "the plain words of Zorp7 " + pad, 1},
		{"anchor first, long suffix", "Zorp7 and all its plain words", pad + "Zorp7 and all its plain words, " + pad, 1},
		{"followed by a version", "Zorp-7B", pad + "Zorp-7B-2 " + pad, 0},
		{"inside a compound", "Zorp-7B", pad + "x-Zorp-7B " + pad, 0},
		{"followed by a dot and a word", "Zorp-7B", pad + "Zorp-7B.x " + pad, 0},
		{"MaxNameLen bytes", n64, pad + n64 + " " + pad, 1},
		{"MaxNameLen bytes, text ends", n64, pad + n64, 1},
		{"one byte more", n64 + "x", pad + n64 + "x " + pad, 0},
		{"two anchors far apart", "Zorp7 " + strings.Repeat("w", 40) + " Blip8", pad + "Zorp7 " + strings.Repeat("w", 40) + " Blip8 " + pad, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			papers := []papergraph.Paper{
				{ArXiv: "2401.00001", Title: "A study", Abstract: tt.text},
				{ArXiv: "2401.00002", Title: "A method", Name: tt.owner},
			}
			whole, kept := nameRefsBothWays(papers)
			assert.Equal(t, whole, kept, "%q in %q", tt.owner, tt.text)
			assert.Len(t, whole[0], tt.want, "%q in %q", tt.owner, tt.text)
		})
	}
}

// TestExcerptsKeepLittle: an abstract of plain words keeps nothing, and
// a stretch around a word holds MaxNameLen+2 bytes on either side, less
// the word's length.
func TestExcerptsKeepLittle(t *testing.T) {
	pad := strings.Repeat("plain words here and ", 20)
	var x Excerpts
	x.Keep(0, &papergraph.Paper{Abstract: pad})
	x.Keep(1, &papergraph.Paper{Abstract: pad + "Zorp7 " + pad + "Blip8 " + pad})
	assert.Empty(t, x.pieces(nil, 0, ""))
	ps := x.pieces(nil, 1, "")
	require.Len(t, ps, 2)
	for i, w := range []string{"Zorp7", "Blip8"} {
		r := MaxNameLen + 2 - len(w)
		assert.Equal(t, pad[len(pad)-r:]+w+" "+pad[:r-1], ps[i].text, w)
		assert.False(t, ps[i].first || ps[i].last, w)
	}
	assert.Equal(t, len(pad)-(MaxNameLen+2-5), ps[0].at)
}

// FuzzExcerpts checks, for any text and any name cut from it, that the
// excerpts give the refs NameRefs gives over the whole text.
func FuzzExcerpts(f *testing.F) {
	f.Add("Unlike Zorp-7B and zorp-7b, we beat ViT-X-2 and ViT-X.", 7, 7, false)
	f.Add("plain words and a long Name-4 of many words that runs on and on", 18, 40, true)
	f.Add("Über Café-3B, ſtar-9 and K3lvin-2", 6, 8, true)
	f.Fuzz(func(t *testing.T, text string, start, n int, lower bool) {
		if start < 0 || n <= 0 || start > len(text) || n > len(text)-start {
			return
		}
		name := text[start : start+n]
		if lower {
			name = strings.ToLower(name)
		}
		papers := []papergraph.Paper{
			{ArXiv: "2401.00001", Title: "A study", Abstract: text},
			{ArXiv: "2401.00002", Title: "A method", Name: name},
		}
		whole, kept := nameRefsBothWays(papers)
		assert.Equal(t, whole, kept, "%q in %q", name, text)
		// Keep's stretches are those of the word-by-word reading.
		var x Excerpts
		x.Keep(0, &papers[0])
		if want := keepSpansByWords(text); len(want) > 0 {
			assert.Equal(t, want, x.spans, "%q", text)
		} else {
			assert.Empty(t, x.kept[0], "%q", text)
		}
	})
}

// TestExcerptsBlocks: what Keep cuts from its shared blocks stays as kept
// when later papers fill them and start new ones, and keeping a paper
// again replaces what was kept of it.
func TestExcerptsBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var x Excerpts
	papers := make([]papergraph.Paper, 400) // some 400 KB kept: several blocks
	for i := range papers {
		var b strings.Builder
		for b.Len() < 1000 {
			fmt.Fprintf(&b, "we train Zorp-%d on data %d ", rng.IntN(1000), rng.IntN(10))
		}
		papers[i].Abstract = b.String()
		x.Keep(i, &papers[i])
	}
	papers[7].Abstract = "a shorter text on Blip-9 and nothing else"
	x.Keep(7, &papers[7])
	for i, p := range papers {
		pieces := x.pieces(nil, i, "")
		require.NotEmpty(t, pieces, "paper %d", i)
		for _, pc := range pieces {
			assert.True(t, pc.kept, "paper %d", i)
			assert.Equal(t, p.Abstract[pc.at:pc.at+len(pc.text)], pc.text, "paper %d at %d", i, pc.at)
		}
	}
}

// keepSpansByWords is the stretches Keep picked before it read a word's
// classes in one pass: each word with a digit or a capital, found with
// isWordByte and wordEnd and asked anchorWord.
func keepSpansByWords(text string) []stretch {
	var spans []stretch
	for k := 0; ; {
		h := nextDigitOrCapital(text, k)
		if h < 0 {
			return spans
		}
		if !isWordByte(text[h]) {
			k = h + 1
			continue
		}
		w := h
		for w > k && isWordByte(text[w-1]) {
			w--
		}
		k = wordEnd(text, h)
		if k-w <= MaxNameLen && anchorWord(text[w:k]) {
			spans = keepAround(spans, w, k, len(text))
		}
	}
}

// TestAnchorWord: anchorWord's one pass answers what it stands for, a
// digit (strings.ContainsAny) or mixed case (mixedCase), on every byte at
// each place of a three-byte word and on random words.
func TestAnchorWord(t *testing.T) {
	var words []string
	for c := range 256 {
		for pos := range 3 {
			b := []byte("aBc")
			if pos == 2 {
				b = []byte("Abc")
			}
			b[pos] = byte(c)
			words = append(words, string(b), string(b[:pos+1]))
		}
	}
	rng := rand.New(rand.NewPCG(13, 17))
	pieces := []string{"a", "z", "A", "Z", "0", "9", "/", ":", "@", "[", "`", "{", "_", "-", "é", "\xff", "\x00"}
	for range 20000 {
		words = append(words, randomText(rng, pieces, rng.IntN(8)))
	}
	for _, w := range words {
		assert.Equal(t, strings.ContainsAny(w, "0123456789") || mixedCase(w), anchorWord(w), "%q", w)
	}
}

// TestExcerptsKeepSpans: Keep keeps the stretches around the same words
// as isWordByte, wordEnd and anchorWord pick, on random texts of words
// with digits, capitals, lower-case letters, underscores, bytes beyond
// ASCII and the bytes between digits and capitals (":;<=>?@"), some
// longer than MaxNameLen.
func TestExcerptsKeepSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	pieces := []string{"a", "b", "z", "A", "Z", "0", "9", "_", "é", ":", "@", " ", " ", "-", ".", "Ab", "aB", "x1",
		strings.Repeat("q", 70), strings.Repeat("Q", 30)}
	var x Excerpts
	for range 20000 {
		text := randomText(rng, pieces, rng.IntN(60))
		p := papergraph.Paper{Abstract: text}
		x.Keep(0, &p)
		want := keepSpansByWords(text)
		if len(want) == 0 {
			assert.Empty(t, x.kept[0], "%q", text)
			continue
		}
		assert.Equal(t, want, x.spans, "%q", text)
	}
}
