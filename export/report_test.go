package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReport(t *testing.T) {
	g, err := graph.Build(builtPapers(300, 7), graph.Options{})
	require.NoError(t, err)
	var a, b bytes.Buffer
	require.NoError(t, Report(&a, g, Options{}))
	require.NoError(t, Report(&b, g, Options{}))
	assert.Equal(t, a.String(), b.String(), "byte-stable")
	out := a.String()
	for _, h := range []string{"# papergraph report", "## Artifacts named by the most papers", "## Most central papers",
		"## Communities", "## Papers that name no artifact", "## Introduced artifacts other batch papers use"} {
		assert.Contains(t, "\n"+out, "\n"+h+"\n", h)
	}
	require.NotEmpty(t, g.Communities())
	assert.Contains(t, out, "| 0 | "+mdText(g.Communities()[0].Label)+" |")
	// Hostile titles are data: no raw markup survives.
	assert.NotContains(t, out, "<script")
	assert.NotContains(t, out, "<img")
	assert.NotContains(t, out, "\x00", "control characters are replaced")
}

func TestMDText(t *testing.T) {
	assert.Equal(t, `a \| b &lt;script&gt; \*x\* &amp; c`, mdText("a | b <script>\n *x*  & c"))
	assert.NotContains(t, mdText("ctrl\x00\x01 end"), "\x00")
}

// TestReportPromisedCode: the papers extraction marked as promising code
// they do not link are listed, and no other.
func TestReportPromisedCode(t *testing.T) {
	papers := builtPapers(40, 3)
	papers[3].PromisesCode = true
	papers[17].PromisesCode = true
	papers[17].Title = "Promised <b>code</b>"
	g, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, Report(&b, g, Options{}))
	out := b.String()
	i := strings.Index(out, "## Papers that promise code but link none\n")
	require.GreaterOrEqual(t, i, 0, out)
	section := out[i:]
	section = section[:strings.Index(section, "\n## Papers that name no artifact")]
	assert.Contains(t, section, "\n2 papers say their code")
	var listed []string
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "- ") {
			listed = append(listed, line)
		}
	}
	want := []string{}
	for _, n := range g.Nodes() {
		if n.PromisesCode {
			want = append(want, "- "+mdText(n.Label))
		}
	}
	assert.Len(t, want, 2)
	assert.Equal(t, want, listed)
	assert.NotContains(t, section, "<b>")
}
