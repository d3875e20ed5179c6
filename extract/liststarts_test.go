package extract

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// listStartsTexts are hand cases of the list matcher's starts: words
// after hyphens, slashes, non-ASCII separators and inside other words.
var listStartsTexts = []string{
	"ab abc abd", "-ab", "x-ab", "x\u2010ab", "x\u2011ab", "x\u00a0ab", "\u00e9ab", "a/b", "ab/", "/ab",
	"GPT-4/GPT-4o", "bert/roberta/", "x/-ab", "Bert, Berta", "ab\u2019ab", "\u2010ab", "ab-\u00a0ab",
	"ImageNet-1k/ImageNet", "4ab 4 ab", "a.b/c", "x_ab", "'ab", "O'Neil/o'neil", "",
}

// listStartsExtractor returns an Extractor whose lists are matchPatterns,
// whose lower-case start filter (Extractor.lowerStart) holds the first two
// bytes of every alias that starts with an ASCII letter.
func listStartsExtractor() *Extractor {
	x := &Extractor{lowerStart: new([1 << 16 / 64]uint64), aliases: newAliasIndex(matchPatterns)}
	for _, f := range matchPatterns {
		if r, _ := utf8.DecodeRuneInString(f); r < utf8.RuneSelf && !isDigit(byte(r)) {
			p := prefix2(f)
			x.lowerStart[p/64] |= 1 << (p % 64)
		}
	}
	return x
}

// oldListMatches is the list matcher's route before listStarts: every
// word token's start that may start a match and the byte after each slash
// in a word, each asked leftBoundary, then whether it is a separator,
// then matched alone.
func oldListMatches(x *Extractor, d *doc) []listHit {
	s := d.s
	var hits []listHit
	add := func(st int) {
		if !leftBoundary(s, st) {
			return
		}
		for _, h := range x.aliases.match(s, st, nil) { // match turns separators away
			hits = append(hits, listHit{int32(st), int32(h.id), int32(h.end)})
		}
	}
	for k := range d.toks {
		t := &d.toks[k]
		if !t.word {
			continue
		}
		may := t.flags&(fUpper|fDigit) != 0 || s[t.start] >= utf8.RuneSelf
		if !may {
			var c1 byte
			if t.start+1 < len(s) {
				c1 = s[t.start+1]
			}
			p := uint16(s[t.start])<<8 | uint16(c1)
			may = x.lowerStart[p/64]&(1<<(p%64)) != 0
		}
		if may {
			add(t.start)
		}
		if t.flags&fSlash != 0 {
			for k := t.start; k < t.end; k++ {
				if s[k] == '/' {
					add(k + 1)
				}
			}
		}
	}
	return hits
}

// checkListStarts compares walk over listStarts with oldListMatches on s,
// and returns the number of matches.
func checkListStarts(t *testing.T, x *Extractor, s string) int {
	t.Helper()
	d := newDoc(s)
	defer d.release()
	want := oldListMatches(x, d)
	got := x.aliases.walk(s, d.lowBuf, x.listStarts(d), nil)
	if len(want) != 0 || len(got) != 0 {
		assert.Equal(t, want, got, "%q", s)
	}
	return len(want)
}

func TestListStarts(t *testing.T) {
	x := listStartsExtractor()
	for _, s := range append(listStartsTexts, matchTexts...) {
		checkListStarts(t, x, s)
	}
	// Random texts over the patterns' bytes, slashes, hyphens, spaces and
	// non-ASCII separators.
	hits := 0
	rng := rand.New(rand.NewPCG(3, 4))
	runes := []rune("abcdeginortxzABGIX -_'/.4\u00e9\u2019\u00a0\u2010\u2011//--  ")
	for range 20000 {
		hits += checkListStarts(t, x, randomText(rng, runes, rng.IntN(32)))
	}
	assert.Greater(t, hits, 5000, "matches in the random texts") // 9,062 when written
}

// FuzzListStarts compares walk over listStarts with oldListMatches on any
// text.
func FuzzListStarts(f *testing.F) {
	for _, s := range listStartsTexts {
		f.Add(s)
	}
	x := listStartsExtractor()
	f.Fuzz(func(t *testing.T, s string) {
		checkListStarts(t, x, s)
	})
}
