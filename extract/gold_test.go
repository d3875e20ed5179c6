package extract_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// The gold annotation (a copy of ../shared/gold/hf-trending-page.gold.json)
// and its scorer (a copy of score.py, used to cross-check the Go port).
const (
	goldFile   = "testdata/hf-trending-page.gold.json"
	scorerFile = "testdata/score.py"
	samplePage = "../internal/sample/hf-trending-page.txt"
)

type goldEntity struct {
	Kind     string   `json:"kind"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Surface  string   `json:"surface"`
	Optional bool     `json:"optional"`
}

type goldPaper struct {
	Title    string       `json:"title"`
	Entities []goldEntity `json:"entities"`
	Methods  []string     `json:"other_named_methods"`
}

// readSamplePage parses the trending-page text: header lines, then per
// paper a title line, a blank line and an abstract line. A local helper so
// this package's tests do not depend on extract/read.
func readSamplePage(t testing.TB, path string) []papergraph.Paper {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	var out []papergraph.Paper
	for i := 0; i+2 < len(lines); i++ {
		title, blank, abs := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1]), strings.TrimSpace(lines[i+2])
		if title != "" && blank == "" && len(abs) > 200 && len(title) < 300 {
			out = append(out, papergraph.Paper{Title: title, Abstract: abs})
			i += 2
		}
	}
	return out
}

var (
	normDrop = regexp.MustCompile(`[^0-9a-z\x{0370}-\x{03ff}\x{221e}]+`)
	schemeRe = regexp.MustCompile(`^[a-z]+://`)
)

// compat maps the NFKC compatibility forms that occur in abstracts
// (superscripts, ligatures, full-width forms) to their plain letters.
func compat(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '\uff01' && r <= '\uff5e':
			return r - 0xfee0
		case r == '²':
			return '2'
		case r == '³':
			return '3'
		case r == '¹':
			return '1'
		case r >= '⁰' && r <= '⁹':
			return '0' + (r - '⁰')
		}
		return r
	}, s)
}

// norm is score.py's norm: NFKC (the subset above), lower case, letters
// and digits (plus Greek and ∞) only.
func norm(s string) string {
	s = strings.TrimSpace(strings.ToLower(compat(s)))
	return normDrop.ReplaceAllString(s, "")
}

// normURL is score.py's norm_url.
func normURL(s string) string {
	s = strings.TrimRight(strings.ToLower(strings.TrimSpace(s)), ".,;:)]}'\"")
	s = schemeRe.ReplaceAllString(s, "")
	s = strings.TrimPrefix(s, "www.")
	s = strings.TrimRight(s, "/")
	return strings.TrimSuffix(s, ".git")
}

var class = map[string]string{"repo": "link", "url": "link", "dataset": "data", "benchmark": "data", "model": "model"}

func keys(vals []string, cls string) map[string]bool {
	out := map[string]bool{}
	for _, v := range vals {
		if v == "" {
			continue
		}
		if cls == "link" {
			out[normURL(v)] = true
		} else if n := norm(v); n != "" {
			out[n] = true
		}
	}
	return out
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

type counts struct{ tp, fp, fn int }

func (c counts) prf() (p, r, f float64) {
	p, r = 1, 1
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// score applies the rule of ../shared/gold/README.md (score.py) and
// returns counts per class and the false positives and negatives.
func score(gold []goldPaper, papers []papergraph.Paper) (map[string]*counts, []string) {
	byTitle := map[string]papergraph.Paper{}
	for _, p := range papers {
		byTitle[norm(p.Title)] = p
	}
	res := map[string]*counts{"link": {}, "data": {}, "model": {}}
	var notes []string
	for _, g := range gold {
		p := byTitle[norm(g.Title)]
		type ge struct {
			e   goldEntity
			cls string
			k   map[string]bool
		}
		var gents []ge
		for _, e := range g.Entities {
			cls := class[e.Kind]
			if cls == "" {
				continue
			}
			gents = append(gents, ge{e, cls, keys(append([]string{e.Name, e.Surface}, e.Aliases...), cls)})
		}
		methods := map[string]bool{}
		for _, m := range g.Methods {
			methods[norm(m)] = true
			for _, part := range regexp.MustCompile(`[()]`).Split(m, -1) {
				if n := norm(part); n != "" {
					methods[n] = true
				}
			}
		}
		used := map[int]bool{}
		for _, pe := range p.Entities {
			cls := class[string(pe.Kind)]
			if cls == "" {
				continue
			}
			pk := keys([]string{pe.Name, pe.Surface}, cls)
			hit := -1
			for i, x := range gents {
				if !used[i] && x.cls == cls && intersects(pk, x.k) {
					hit = i
					break
				}
			}
			if hit >= 0 {
				used[hit] = true
				if !gents[hit].e.Optional {
					res[cls].tp++
				}
				continue
			}
			again := false
			for _, x := range gents {
				if x.cls == cls && intersects(pk, x.k) {
					again = true
				}
			}
			if again || intersects(pk, methods) {
				continue
			}
			res[cls].fp++
			notes = append(notes, fmt.Sprintf("FP %.40q: %s %q (%s)", g.Title, pe.Kind, pe.Name, pe.Rule))
		}
		for i, x := range gents {
			if !used[i] && !x.e.Optional {
				res[x.cls].fn++
				notes = append(notes, fmt.Sprintf("FN %.40q: %s %q", g.Title, x.e.Kind, x.e.Name))
			}
		}
	}
	return res, notes
}

func loadGold(t testing.TB) []goldPaper {
	b, err := os.ReadFile(goldFile)
	require.NoError(t, err)
	var g struct {
		Papers []goldPaper `json:"papers"`
	}
	require.NoError(t, json.Unmarshal(b, &g))
	require.NotEmpty(t, g.Papers)
	return g.Papers
}

func extractAll(t testing.TB, x *extract.Extractor) []papergraph.Paper {
	papers := readSamplePage(t, samplePage)
	for i := range papers {
		x.Paper(&papers[i])
	}
	return papers
}

func table(res map[string]*counts) (string, counts) {
	var b strings.Builder
	var all counts
	fmt.Fprintf(&b, "\n| class | P | R | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|\n")
	for _, c := range []string{"link", "data", "model"} {
		r := res[c]
		p, rc, f := r.prf()
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %.3f | %d | %d | %d |\n", c, p, rc, f, r.tp, r.fp, r.fn)
		all.tp += r.tp
		all.fp += r.fp
		all.fn += r.fn
	}
	p, rc, f := all.prf()
	fmt.Fprintf(&b, "| all | %.3f | %.3f | %.3f | %d | %d | %d |\n", p, rc, f, all.tp, all.fp, all.fn)
	return b.String(), all
}

// TestGoldScore scores extraction on the 61 annotated abstracts of the
// sample page and enforces the floors of issue 3.
func TestGoldScore(t *testing.T) {
	gold := loadGold(t)
	papers := extractAll(t, extract.Default())
	require.Len(t, papers, len(gold), "sample page papers")
	res, notes := score(gold, papers)
	tab, all := table(res)
	t.Log(tab)
	for _, n := range notes {
		t.Log(n)
	}
	// Measured 1.000/1.000 in every class (2026-12-04, issue 11's rules);
	// the floors leave room for one or two entities.
	p, r, _ := all.prf()
	assert.GreaterOrEqual(t, p, 0.97, "overall precision")
	assert.GreaterOrEqual(t, r, 0.97, "overall recall")
	for _, c := range []string{"link", "data", "model"} {
		cp, cr, _ := res[c].prf()
		assert.GreaterOrEqual(t, cp, 0.95, "%s precision", c)
		assert.GreaterOrEqual(t, cr, 0.95, "%s recall", c)
	}
}

// TestGoldScoreRulesOnly reports (without floors) the score with the
// built-in list off: what the general rules find on their own.
func TestGoldScoreRulesOnly(t *testing.T) {
	x, err := extract.New(extract.Config{DisableGazetteer: true})
	require.NoError(t, err)
	res, notes := score(loadGold(t), extractAll(t, x))
	tab, all := table(res)
	t.Log("rules only (no built-in list):" + tab)
	if testing.Verbose() {
		for _, n := range notes {
			t.Log(n)
		}
	}
	assert.Positive(t, all.tp)
}

// TestScorerAgreesWithScorePy dumps the predictions as JSON Lines and
// checks that score.py gives the same counts as the Go port.
func TestScorerAgreesWithScorePy(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 not found: %v", err)
		}
		t.Skip("python3 not found")
	}
	gold := loadGold(t)
	papers := extractAll(t, extract.Default())
	res, _ := score(gold, papers)
	path := filepath.Join(t.TempDir(), "pred.jsonl")
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	for _, p := range papers {
		type ent struct {
			Kind    papergraph.Kind `json:"kind"`
			Name    string          `json:"name"`
			Surface string          `json:"surface"`
		}
		rec := struct {
			Title    string `json:"title"`
			Entities []ent  `json:"entities"`
		}{Title: p.Title, Entities: []ent{}}
		for _, e := range p.Entities {
			rec.Entities = append(rec.Entities, ent{e.Kind, e.Name, e.Surface})
		}
		b, err := json.Marshal(rec)
		require.NoError(t, err)
		w.Write(append(b, '\n'))
	}
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
	out, err := exec.Command(py, scorerFile, goldFile, path).CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, c := range []string{"link", "data", "model"} {
		r := res[c]
		want := fmt.Sprintf("(tp=%d fp=%d fn=%d)", r.tp, r.fp, r.fn)
		line := ""
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, c) {
				line = l
			}
		}
		assert.True(t, strings.HasSuffix(strings.TrimRightFunc(line, unicode.IsSpace), want), "score.py %q, Go %s", line, want)
	}
}
