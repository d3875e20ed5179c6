package extract

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is kept", "We train Foo-7B on BarSet.", "We train Foo-7B on BarSet."},
		{"formatting macro keeps its argument", `we present \textbf{Zorblax}, a model`, "we present Zorblax, a model"},
		{"math around a name", `on $Quux$-Bench and \emph{Plimset}`, "on Quux-Bench and Plimset"},
		{"href arguments are two words", `\href{https://github.com/o/r}{code}.`, "https://github.com/o/r code."},
		{"url macro", `at \url{https://o.github.io/p/}.`, "at https://o.github.io/p/."},
		{"superscript inside a name", `we propose Q$^{2}$-Net and $O(n^2)$`, "we propose Q2-Net and O(n^2)"},
		{"symbol macro separates", `Foo-8B$\rightarrow$Bar-14B`, "Foo-8B Bar-14B"},
		{"lost backslash between names", "Foo-8BrightarrowBar-14B is 10.7times faster", "Foo-8B Bar-14B is 10.7  faster"},
		{"a macro word inside a word is kept", "sometimes it approximates", "sometimes it approximates"},
		{"escaped characters", `70\% of A\&B, and C\_D`, "70% of A&B, and C_D"},
		{"thin spaces", `$\approx\!0.5$`, "0.5"},
		{"a set literal keeps its braces", "a choice over {STAY, GO} or \\{A, B\\}", "a choice over {STAY, GO} or {A, B}"},
		{"a group without a comma is grouping", "we propose {Zorblax}, a model", "we propose Zorblax, a model"},
		{"citation keys vanish", `as in \cite{smith2020} we`, "as in  we"},
		{"space after a scheme's colon", "see https: //github.com/o/r now", "see https://github.com/o/r now"},
		{"space after a host's dot", "see https://github. com/o/r now", "see https://github.com/o/r now"},
		{"a sentence end is no host", "We use github. Code is at x.", "We use github. Code is at x."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := normalizeInto(tc.in, nil)
			assert.Equal(t, tc.want, n.s, tc.in)
			if n.pos != nil {
				assert.Len(t, n.pos, len(n.s)+1)
				for i := range n.s {
					// Every kept byte maps to the same byte of the original,
					// except the spaces that stand for a macro.
					if n.s[i] != ' ' {
						assert.Equal(t, n.s[i], tc.in[n.pos[i]], "byte %d of %q", i, n.s)
					}
				}
			}
		})
	}
}

func TestLatexEntities(t *testing.T) {
	x := Default()
	tests := []struct {
		name string
		text string
		want []string // kind name surface rule
	}{
		{"href gives the repo, not the link text",
			`Code is available at \href{https://github.com/Owner/Repo}{here}.`,
			[]string{"repo github.com/owner/repo https://github.com/Owner/Repo url"}},
		{"href with the URL twice",
			`Code: \href{https://github.com/o/r}{https://github.com/o/r}.`,
			[]string{"repo github.com/o/r https://github.com/o/r url", "repo github.com/o/r https://github.com/o/r url"}},
		{"a scheme split by a space is repaired",
			"Code is at https: //github.com/o/r.",
			[]string{"repo github.com/o/r https: //github.com/o/r url:repaired"}},
		{"a host split by a space is repaired",
			"Code is at https://github. com/o/r.",
			[]string{"repo github.com/o/r https://github. com/o/r url:repaired"}},
		{"a bare owner/name after Code: is a GitHub repository",
			"Code: zorb-lab/Plim.v2.",
			[]string{"repo github.com/zorb-lab/plim.v2 zorb-lab/Plim.v2 url:repaired"}},
		{"a bare path elsewhere is no repository",
			"We compare input/output pairs: train/test splits.",
			nil},
		{"a listing's placeholder is no link",
			"Code is available at this https URL.",
			nil},
		{"a name in bold keeps the original surface",
			`We introduce \textbf{Zorblax}, a new benchmark for sorting.`,
			[]string{`benchmark Zorblax Zorblax pattern:introduced`}},
		{"a superscript inside a name",
			`We introduce Q$^{2}$-Set, a dataset of questions.`,
			[]string{`dataset Q2-Set Q$^{2}$-Set pattern:introduced`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, e := range x.Text(tc.text) {
				assert.Equal(t, e.Surface, tc.text[e.Start:e.End])
				got = append(got, string(e.Kind)+" "+e.Name+" "+e.Surface+" "+e.Rule)
			}
			assert.Equal(t, tc.want, got, tc.text)
		})
	}
}

// needsNormalizeScan is needsNormalize's specification, one byte at a
// time: a LaTeX character; a digit, an optional size letter and a
// lost-backslash macro; "http: //" or "https: //"; a ". " that splits a
// host.
func needsNormalizeScan(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == '$' || c == '{' || c == '}':
			return true
		case c >= '0' && c <= '9':
			j := i + 1
			if j < len(s) && (s[j] == 'B' || s[j] == 'M' || s[j] == 'K' || s[j] == 'x') {
				j++
			}
			if j < len(s) && s[j] >= 'a' && s[j] <= 'z' && gluedMacroAt(s, j) > 0 {
				return true
			}
		case c == ':':
			if strings.HasPrefix(s[i+1:], " //") && i >= 4 && (s[i-4:i] == "http" || i >= 5 && s[i-5:i] == "https") {
				return true
			}
		case c == '.':
			if i+1 < len(s) && s[i+1] == ' ' && splitHost(s, i) {
				return true
			}
		}
	}
	return false
}

// normalizePieces are the parts of the texts TestNeedsNormalizeMatchesScan
// builds: every trigger of needsNormalize, near misses and plain words.
var normalizePieces = []string{
	"$", "\\", "{", "}", "7", "8", "B", "M", "K", "x", "times", "rightarrow", "Rightarrow", "leftarrow",
	"approx", "cdot", "geq", "leq", "timesx", "http", "https", "HTTP", ":", " //", ": //", "//", ".", ". ",
	"github", "GitHub", "gitlab", "huggingface", "www.", "WWW.", "example", "://", "com/", "com", "org/",
	"/", " ", "a", "Foo", "é", "ok.", "-", "10.7", "a run of plain words with no digit, longer than sixteen bytes ",
}

// TestNeedsNormalizeMatchesScan checks needsNormalize against its
// byte-by-byte specification on texts built at random.
func TestNeedsNormalizeMatchesScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 7))
	hits := 0
	for range 50000 {
		s := randomText(r, normalizePieces, 1+r.IntN(8))
		want := needsNormalizeScan(s)
		if want {
			hits++
		}
		if got := needsNormalize(s); got != want {
			t.Fatalf("needsNormalize(%q) = %v, the byte scan says %v", s, got, want)
		}
		checkGluedMacroFrom(t, s)
		checkNormalizedDoc(t, s)
	}
	assert.Greater(t, hits, 1000, "texts that need normalizing")
}

// docTokens is what tokenize makes of a text, copied out of its doc.
type docTokens struct {
	s, low                               string
	toks                                 []tok
	flags                                uint8
	sentFirst, trig, parens, dots, verbs []int
}

// tokensOf copies d's tokens out (an empty slice as nil: a doc from the
// pool keeps its slices' memory).
func tokensOf(d *doc) docTokens {
	return docTokens{strings.Clone(d.s), strings.Clone(d.low), cloneOrNil(d.toks), d.flags,
		cloneOrNil(d.sentFirst), cloneOrNil(d.trig), cloneOrNil(d.parens), cloneOrNil(d.dots), cloneOrNil(d.verbs)}
}

func cloneOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// checkNormalizedDoc checks normalizedDoc, which tokenizes a text before
// it knows whether the text needs normalizing, against normalizeInto and
// newDoc of what it returns.
func checkNormalizedDoc(t *testing.T, s string) {
	t.Helper()
	want := normalizeInto(s, nil)
	wd := newDoc(want.s)
	wantToks := tokensOf(wd)
	wd.release()
	nt, d := normalizedDoc(s, nil)
	gotToks := tokensOf(d)
	d.release()
	if nt.s != want.s || !slices.Equal(nt.pos, want.pos) {
		t.Fatalf("normalizedDoc(%q) = %q %v, normalizeInto gives %q %v", s, nt.s, nt.pos, want.s, want.pos)
	}
	if !reflect.DeepEqual(gotToks, wantToks) {
		t.Fatalf("normalizedDoc(%q) tokens:\n%+v\nnewDoc of the normalized text:\n%+v", s, gotToks, wantToks)
	}
}

// checkGluedMacroFrom checks gluedMacroFrom from every offset of s, with
// and without upper, against gluedMacroAt asked at each offset in turn.
func checkGluedMacroFrom(t *testing.T, s string) {
	t.Helper()
	want, wantLower := -1, -1
	for i := len(s); i >= 0; i-- {
		if i < len(s) && gluedMacroAt(s, i) > 0 {
			want = i
			if s[i] >= 'a' && s[i] <= 'z' {
				wantLower = i
			}
		}
		if got := gluedMacroFrom(s, i, true); got != want {
			t.Fatalf("gluedMacroFrom(%q, %d, true) = %d, gluedMacroAt at each offset says %d", s, i, got, want)
		}
		if got := gluedMacroFrom(s, i, false); got != wantLower {
			t.Fatalf("gluedMacroFrom(%q, %d, false) = %d, gluedMacroAt at each lower-case letter says %d", s, i, got, wantLower)
		}
	}
}

// FuzzNeedsNormalize checks needsNormalize against its byte-by-byte
// specification.
func FuzzNeedsNormalize(f *testing.F) {
	for _, s := range []string{"10.7times faster", "see https: //github.com/a/b", "at github. com/a/b", "$x$", "8Brightarrow"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := needsNormalize(s), needsNormalizeScan(s); got != want {
			t.Fatalf("needsNormalize(%q) = %v, the byte scan says %v", s, got, want)
		}
		checkGluedMacroFrom(t, s)
		checkNormalizedDoc(t, s)
	})
}
