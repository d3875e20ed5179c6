package extract_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/extract"
)

// TestCorpusRecall measures recall on the names make_corpus.py injects
// into its sentence templates: 4,446 Papers-with-Code dataset names and 77
// model names, most of them not in the built-in list, so it exercises the
// general rules. It needs python3 and ../shared/peers (not in the repo).
func TestCorpusRecall(t *testing.T) {
	py, err := exec.LookPath("python3")
	if _, serr := os.Stat(corpusScript); err != nil || serr != nil {
		t.Skip("python3 or make_corpus.py not available")
	}
	out := filepath.Join(t.TempDir(), "corpus.jsonl")
	msg, err := exec.Command(py, corpusScript, "1000", out).CombinedOutput()
	require.NoError(t, err, "%s", msg)
	f, err := os.Open(out)
	require.NoError(t, err)
	defer f.Close()
	templates := []*regexp.Regexp{
		regexp.MustCompile(`We evaluate on (.+?) and (.+?)\.(?: |$)`),
		regexp.MustCompile(`Experiments on (.+?) show consistent gains\.`),
		regexp.MustCompile(`On the (.+?) benchmark our method sets`),
		regexp.MustCompile(`We train on (.+?) and test on (.+?), (.+?)\.(?: |$)`),
		regexp.MustCompile(`Results on (.+?) confirm the analysis\.`),
		regexp.MustCompile(`We fine-tune (.+?) and compare against (.+?)\.(?: |$)`),
		regexp.MustCompile(`Our approach improves (.+?) by a large margin\.`),
		regexp.MustCompile(`Across (.+?) and (.+?), the gains are consistent\.`),
		regexp.MustCompile(`Built on (.+?), the system needs no extra training\.`),
	}
	x := extract.Default()
	total, found := 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct{ Abstract string }
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		ents := x.Text(rec.Abstract)
		for _, re := range templates {
			for _, m := range re.FindAllStringSubmatchIndex(rec.Abstract, -1) {
				for g := 2; g < len(m); g += 2 {
					total++
					for _, e := range ents {
						if e.Start < m[g+1] && m[g] < e.End {
							found++
							break
						}
					}
				}
			}
		}
	}
	require.NoError(t, sc.Err())
	require.Positive(t, total)
	r := float64(found) / float64(total)
	t.Logf("injected names found: %d of %d (%.3f)", found, total, r)
	assert.GreaterOrEqual(t, r, 0.85)
}
