package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// suffixSegments is the reading of a name's suffixes that
// appendSuffixSegments replaced, kept as its specification: the
// normalised segments, one string each, and where the last one ends.
func suffixSegments(s string, i int, model bool) ([]string, int) {
	var segs []string
	for i < len(s) {
		sep := s[i]
		if sep != '-' && sep != ' ' && sep != '/' {
			break
		}
		j := i + 1
		for j < len(s) && (isASCIIAlnum(s[j]) || (s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]))) {
			j++
		}
		seg := s[i+1 : j]
		if seg == "" || (j < len(s) && s[j] >= utf8.RuneSelf && isWordRune(firstRune(s[j:]))) {
			break
		}
		var norm string
		switch {
		case sep == ' ' && model && lowerIn(tierWords, seg):
			norm = " " + seg
		case sep == ' ' && model && len(segs) > 0 && lowerIn(tierWords, strings.TrimSpace(segs[len(segs)-1])) && isVersion(seg):
			norm = " " + seg
		case sep == ' ':
			if !model || !isSize(seg) {
				return segs, i
			}
			norm = "-" + sizeNorm(seg)
		case sep == '/':
			if !allDigits(seg) || len(segs) == 0 {
				return segs, i
			}
			norm = "/" + seg
		case isSize(seg):
			norm = "-" + sizeNorm(seg)
		case isVersion(seg):
			norm = "-" + seg
		case lowerIn(variantWords, seg) != "":
			norm = "-" + lowerIn(variantWords, seg)
		case lowerIn(compoundWords, seg):
			return segs, i
		case seg[0] >= 'A' && seg[0] <= 'Z':
			norm = "-" + seg
		default:
			return segs, i
		}
		segs = append(segs, norm)
		i = j
	}
	return segs, i
}

// TestAppendSuffixSegments: appendSuffixSegments appends the segments
// suffixSegments reads, in its spelling, and ends where it ends, on random
// suffixes of tier and variant words (in any case), compound words, sizes,
// versions, capitalised and lower-case words, digits, runes beyond ASCII
// and punctuation, after each separator, for models and other kinds.
func TestAppendSuffixSegments(t *testing.T) {
	words := []string{"7B", "13b", "1.5B", "8x7B", "70m", "2T", "v2", "V1.5", "2.5", "4o", "2024", "3", "14",
		"Sketch", "Adapter", "MusicVideo", "X", "based", "Guided", "foo", "zz9", "b", "é", "Ünter", "a.b", "1.", ""}
	for w := range tierWords {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	for w := range variantWords {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	for w := range compoundWords {
		words = append(words, w, strings.ToUpper(w[:1])+w[1:])
	}
	seps := []string{"-", "-", "-", "-", "-", " ", " ", " ", "/", ",", ".", "—"}
	rng := rand.New(rand.NewPCG(17, 19))
	three := 0
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(seps[rng.IntN(len(seps))])
			w := words[rng.IntN(len(words))]
			if rng.IntN(2) == 0 { // most parts a suffix: many names of three or more
				w = words[rng.IntN(14)]
			}
			b.WriteString(w)
		}
		s := "Fam" + b.String()
		for _, model := range []bool{true, false} {
			segs, wantEnd := suffixSegments(s, 3, model)
			if len(segs) >= 3 {
				three++
			}
			got, end := appendSuffixSegments([]byte("Fam"), s, 3, model)
			assert.Equal(t, "Fam"+strings.Join(segs, ""), string(got), "%q model %v", s, model)
			assert.Equal(t, wantEnd, end, "%q model %v", s, model)
		}
	}
	assert.Greater(t, three, 5000, "suffixes of three segments or more")
}

// TestStopKeys: stopped answers as the stop map alone does (the folded
// name, or its singular for a plural), on every stop term in three cases
// and with an "s", on terms with a byte changed inside (same length, first
// and last byte: the same stopKey) and on random words.
func TestStopKeys(t *testing.T) {
	x := Default()
	stoppedMap := func(name string) bool {
		f := foldAppend(nil, name)
		return x.stop[string(f)] || len(f) > 3 && f[len(f)-1] == 's' && x.stop[string(f[:len(f)-1])]
	}
	var names []string
	for w := range x.stop {
		names = append(names, w, strings.ToUpper(w), w+"s", strings.ToUpper(w)+"S")
		if len(w) > 2 {
			names = append(names, w[:1]+"q"+w[2:], w[:len(w)-1], w+"x")
		}
	}
	rng := rand.New(rand.NewPCG(23, 29))
	for range 20000 {
		names = append(names, randomText(rng, []string{"a", "e", "s", "t", "m", "L", "-", " ", "0", "é"}, 1+rng.IntN(12)))
	}
	stops := 0
	for _, n := range names {
		want := stoppedMap(n)
		if want {
			stops++
		}
		assert.Equal(t, want, x.stopped(n), "%q", n)
	}
	assert.Greater(t, stops, 100, "stop terms")
}
