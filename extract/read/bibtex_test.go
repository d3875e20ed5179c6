package read

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeTeX(t *testing.T) {
	tests := []struct {
		name, in, want string
		keepMath       bool
	}{
		{"braced umlaut", `{\"o}`, "ö", false},
		{"bare acute", `Caf\'e`, "Café", false},
		{"braced arg", `\'{e}t\'{e}`, "été", false},
		{"cedilla", `Gar\c{c}on \c c`, "Garçon ç", false},
		{"caron with space", `{\v S}koda`, "Škoda", false},
		{"dotless i", `Ana{\"\i}s`, "Anaïs", false},
		{"ring and slash", `{\AA}ngstr{\"o}m {\o}l {\ss}`, "Ångström øl ß", false},
		{"letter command eats space", `\o ster`, "øster", false},
		{"unknown accent letter combines", `\'x`, "x\u0301", false},
		{"escapes", `R\&D 50\% \$5 \#1 a\_b \{x\}`, "R&D 50% $5 #1 a_b {x}", false},
		{"dashes", `pp. 1--9 --- done`, "pp. 1\u20139 \u2014 done", false},
		{"quotes and tie", "``Netze''~work", "\u201cNetze\u201d work", false},
		{"font commands", `\emph{very} \textbf{bold} {\em x}`, "very bold x", false},
		{"math dropped dollars", `$\alpha$-Netze in $O(n)$`, "α-Netze in O(n)", false},
		{"math kept", `$\alpha$-Netze \& {\"o}`, `$\alpha$-Netze & ö`, true},
		{"unknown command kept", `\foo{bar}`, `\foobar`, false},
		{"trailing backslash", `a\`, `a\`, false},
		{"plain text untouched", "Attention Is All You Need", "Attention Is All You Need", false},
		{"unbalanced braces", `{{a}`, "a", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, decodeTeX(tc.in, tc.keepMath))
		})
	}
}

func TestBibAuthors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Vaswani, Ashish and Shazeer, Noam", []string{"Ashish Vaswani", "Noam Shazeer"}},
		{"Alec Radford AND Jong Wook Kim and others", []string{"Alec Radford", "Jong Wook Kim"}},
		{`{Barnes and Noble, Inc.} and M{\"u}ller, J{\"o}rg`, []string{"Barnes and Noble, Inc.", "Jörg Müller"}},
		{"Ford, Jr., Henry", []string{"Henry Ford Jr."}},
		{"Sandra Anderson", []string{"Sandra Anderson"}},
		{"", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, bibAuthors(tc.in))
		})
	}
}

func TestBibTeXEntries(t *testing.T) {
	in := `Free text before entries is a comment, even with an @ sign or me@example.org.
@preamble{ "\newcommand{\noopsort}[1]{}" }
@string(conf = "Proc. of ")
@STRING{ year2020 = "2020" }
@comment{ ignored, title = {Not a paper} }
@Article(paren,
  title = "Parenthesised " # {Entry},
  booktitle = conf # "the Conference",
  year = year2020,
  month = jan,
  eprint = "hep-th/9901001v3",
)
@misc{ quoted,
  title = "A {"}quoted{"} title with \"escaped\" bits",
  eprint = {2401.00001}, archivePrefix = {PubMed},
  doi = {10.48550/ARXIV.2402.00002},
}
@article{noequals, title {X}}
@article{keyonly}
@article{last, title = {Survives}, url = {https://ex.org/a\_b\%20c}}`
	papers, skipped, err := ReadAll(strings.NewReader(in), "lib.bib", Options{})
	require.NoError(t, err)
	require.Len(t, papers, 3)
	assert.Equal(t, "Parenthesised Entry", papers[0].Title)
	assert.Equal(t, "hep-th/9901001", papers[0].ArXiv)
	assert.Equal(t, 2020, papers[0].Year)
	assert.Equal(t, 6, papers[0].Pos.Line)
	assert.Equal(t, `A "quoted" title with ëscaped" bits`, papers[1].Title, "LaTeX reads \\\"e as ë")
	assert.Equal(t, "2402.00002", papers[1].ArXiv, "eprint of another archive is not an arXiv id; the arXiv DOI is")
	assert.Empty(t, papers[1].DOI)
	assert.Equal(t, "Survives", papers[2].Title)
	assert.Equal(t, "https://ex.org/a_b%20c", papers[2].URL)
	require.Len(t, skipped, 2)
	assert.Contains(t, skipped[0].Error(), "lib.bib:18: bibtex: field \"title\": want '='")
	assert.Contains(t, skipped[1].Error(), "lib.bib:19: bibtex: entry \"keyonly\" has no fields")
}

func TestBibTeXUnterminated(t *testing.T) {
	in := "@article{a, title = {Open\n\n@article{b, title = {B}}\n@article{c, title = {C"
	papers, skipped, err := ReadAll(strings.NewReader(in), "x.bib", Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"B"}, titles(papers))
	require.Len(t, skipped, 2)
	assert.Contains(t, skipped[0].Error(), "x.bib:1: bibtex: entry is not closed before the next one at line 3")
	assert.Contains(t, skipped[1].Error(), "x.bib:4: bibtex: entry is not closed at the end of the input")
}

func TestBibTeXTooLarge(t *testing.T) {
	in := "@article{big, abstract = {" + strings.Repeat("x", 5000) + "}, title = {Big}}\n@article{small, title = {Small}}"
	papers, skipped, err := ReadAll(strings.NewReader(in), "x.bib", Options{MaxRecordBytes: 1000})
	require.NoError(t, err)
	assert.Equal(t, []string{"Small"}, titles(papers))
	require.Len(t, skipped, 1)
	assert.ErrorIs(t, skipped[0], ErrTooLarge)
}
