package extract

import (
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
