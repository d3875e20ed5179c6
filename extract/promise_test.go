package extract

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
)

func TestPromisesCode(t *testing.T) {
	repo := []papergraph.Entity{{Kind: papergraph.KindRepo, Name: "github.com/a/b"}}
	for _, tc := range []struct {
		abstract string
		ents     []papergraph.Entity
		want     bool
	}{
		{"We propose X. Code will be released.", nil, true},
		{"We propose X. Our code and models will be made publicly available.", nil, true},
		{"The source code is available upon acceptance.", nil, true},
		{"We will release our code and data to the community.", nil, true},
		{"We plan to open-source the implementation.", nil, true},
		{"Code is available at github.com/a/b.", repo, false},                              // linked
		{"Code will be released.", []papergraph.Entity{{Kind: papergraph.KindURL}}, false}, // a link
		{"We train models on public data.", nil, false},                                    // no promise
		{"The code generation model is available to us only.", nil, true},                  // a false positive the rule accepts
		{"Models are released every year. We study them.", nil, true},
		{"We release nothing. Code.", nil, false},
	} {
		assert.Equal(t, tc.want, promisesCode(tc.abstract, tc.ents, nil), tc.abstract)
	}
}

// promiseWords are the pieces of promiseRe's matches and near misses, for
// text made to exercise every branch of the scanner.
var promiseWords = []string{
	"code", "Codes", "implementation", "model", "MODELS", "weights", "checkpoints", "data", "dataset",
	"datasets", "benchmark", "codebase", "we", "We", "will", "would", "shall", "is", "are", "be", "been",
	"made", "publicly", "freely", "openly", "released", "release", "available", "public", "open",
	"source", "sourced", "opensource", "open-source", "open-sourced", "open sourced", "plan", "to",
	"plan to", "intend to", "make", "our", "the", "and", "this",
	" ", "  ", "\t", "\n", ".", "!", "?", ",", "-", "_", "(", "é", "\xff", "ſ", "\u212a", "x1", "a",
}

// promiseText returns up to 14 of words drawn at random, each followed by
// a space two times in three.
func promiseText(r *rand.Rand, words []string) string {
	var b strings.Builder
	for range 1 + r.IntN(14) {
		b.WriteString(words[r.IntN(len(words))])
		if r.IntN(3) > 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestPromisesMatchesRegexp checks the scanner against the rule's regular
// expression on texts built at random from promiseWords.
func TestPromisesMatchesRegexp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 17))
	matched := 0
	for range 30000 {
		s := promiseText(r, promiseWords)
		want := promiseRe.MatchString(s)
		if want {
			matched++
		}
		if got := promises(s); got != want {
			t.Fatalf("promises(%q) = %v, promiseRe says %v", s, got, want)
		}
	}
	// Far gaps: the 80- and 60-rune limits.
	for n := 55; n < 85; n++ {
		for _, s := range []string{
			"code" + strings.Repeat("é", n) + " is available",
			"code " + strings.Repeat("x", n) + " is available",
			"we will release" + strings.Repeat("é", n) + " code",
			"we will release " + strings.Repeat("x", n) + " code",
		} {
			assert.Equal(t, promiseRe.MatchString(s), promises(s), s)
		}
	}
	assert.Greater(t, matched, 100, "texts that match")
}

// joinWords are promiseWords and the bytes that join a token's parts or
// end one: promiseVerbsIn reads tokens where promiseVerbs reads bytes.
var joinWords = append(slices.Clip(promiseWords), "/", "+", "^", "&", "~", "'", ")", "x/", "a-", "e.", "1.",
	"\u2010", "\u2011", "\u00a0", "\u2014", "\u00e9", "A!", "\v", "\r", "\f", "IS", "WE", "Will")

// TestPromiseVerbsIn checks promiseVerbsIn, which reads a doc's tokens,
// against promiseVerbs, which reads the bytes, on texts built at random
// from joinWords: the same phrases in the same order.
func TestPromiseVerbsIn(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 17))
	found := 0
	for range 30000 {
		if checkPromiseVerbsIn(t, promiseText(r, joinWords)) {
			found++
		}
	}
	assert.Greater(t, found, 300, "texts with an availability or release phrase")
}

// checkPromiseVerbsIn fails t unless promiseVerbsIn of s's doc gives
// what promiseVerbs of s gives; it reports whether they found a phrase.
func checkPromiseVerbsIn(t *testing.T, s string) bool {
	t.Helper()
	d := newDoc(s)
	defer d.release()
	want, wantRelease := promiseVerbs(s, nil)
	got, gotRelease := promiseVerbsIn(d, nil)
	if !slices.Equal(got, want) || gotRelease != wantRelease {
		t.Fatalf("promiseVerbsIn(%q) = %v, %v; promiseVerbs says %v, %v", s, got, gotRelease, want, wantRelease)
	}
	// What the text's window hands promisesCode: its verbs, and whether
	// no word has a rune beyond ASCII (none then folds to an ASCII letter).
	var f promiseVerbsFound
	f.set(got, gotRelease)
	f.ascii = d.flags&fNonASCII == 0
	if got, want := promisesFrom(s, &f), promiseRe.MatchString(s); got != want {
		t.Fatalf("promisesFrom(%q, %+v) = %v, promiseRe says %v", s, f, got, want)
	}
	return len(want) > 0 || wantRelease
}

// FuzzPromises checks the scanner against the rule's regular expression,
// and promiseVerbsIn against promiseVerbs.
func FuzzPromises(f *testing.F) {
	f.Add("We will publicly release the code and data.")
	f.Add("Our models are made freely open-sourced.")
	f.Add("We plan to make available our benchmark.")
	// Word starts the eight-byte scan must see or refuse: after a digit,
	// '_' or a non-ASCII letter, at a word's seventh and eighth byte.
	f.Add("Our code_is available; model2 is public; codes\u00e9is released.")
	f.Add("Weights.1234567is open-sourced. Data   would be made public")
	f.Add("benchmarkwe will release the code")
	// Letters beyond ASCII that fold to ASCII ones: promiseRe reads them
	// as "s" and "k".
	f.Add("The weight\u017f are available; \u212aeep it.")
	f.Add("\u2014code\u017f will be released\u00a0soon")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := promises(s), promiseRe.MatchString(s); got != want {
			t.Fatalf("promises(%q) = %v, promiseRe says %v", s, got, want)
		}
		checkPromiseVerbsIn(t, s)
	})
}
