package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scriptText returns the text of every <script> element of page, in order.
func scriptText(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for {
		_, rest, ok := strings.Cut(page, "<script")
		if !ok {
			return out
		}
		_, body, ok := strings.Cut(rest, ">")
		require.True(t, ok)
		text, after, ok := strings.Cut(body, "</script>")
		require.True(t, ok, "script not closed")
		out = append(out, text)
		page = after
	}
}

// TestHTMLSelfContained: graph.html has exactly the three scripts it
// means to (the data, the libraries, the viewer), loads nothing from
// elsewhere, and its Content-Security-Policy allows exactly its own
// scripts and style.
func TestHTMLSelfContained(t *testing.T) {
	for name, g := range map[string]*graph.Graph{"small": smallGraph(t), "hostile": hostileGraph(t), "empty": emptyGraph(t)} {
		t.Run(name, func(t *testing.T) {
			var opt Options
			if len(g.Nodes()) > 0 {
				opt.Layout = layoutFor(g)
			}
			page := string(write(t, func(b *bytes.Buffer) error { return HTML(b, g, opt) }))
			scripts := scriptText(t, page)
			require.Len(t, scripts, 3, "scripts")
			assert.Equal(t, viewerVendor, scripts[1])
			assert.Equal(t, viewerApp, scripts[2])
			var data struct {
				Nodes [][]any
				Edges [][]any
			}
			require.NoError(t, json.Unmarshal([]byte(scripts[0]), &data))
			assert.Len(t, data.Nodes, len(g.Nodes()))
			assert.Len(t, data.Edges, g.NumEdges())
			for _, bad := range []string{"\u2028", "\u2029", "<!--", "<script", "</"} {
				assert.NotContains(t, scripts[0], bad, "the data can end its element or start a comment")
			}
			csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(page)
			require.Len(t, csp, 2)
			hash := func(s string) string {
				sum := sha256.Sum256([]byte(s))
				return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
			}
			assert.Contains(t, csp[1], "default-src 'none'")
			assert.Contains(t, csp[1], "script-src "+hash(scripts[1])+" "+hash(scripts[2])+";")
			assert.Contains(t, csp[1], "style-src "+hash(viewerCSS)+";")
			assert.NotContains(t, page, "src=\"http", "a remote load")
			assert.NotContains(t, page, "href=\"http", "a remote load")
		})
	}
}

// TestHTMLVendored: the vendored code cannot end its script element or
// the licence comment early, and comes with its licences.
func TestHTMLVendored(t *testing.T) {
	for name, s := range map[string]string{"vendor.min.js": viewerVendor, "app.js": viewerApp} {
		assert.NotContains(t, strings.ToLower(s), "</script", name)
		assert.NotContains(t, s, "<!--", name)
	}
	assert.NotContains(t, viewerLicenses, "--")
	for _, p := range []string{"graphology", "sigma", "events", "graphology-utils"} {
		assert.Contains(t, viewerLicenses, "==== "+p+" ", "licence of %s", p)
	}
	lock, err := os.ReadFile(filepath.Join("viewer", "package-lock.json"))
	require.NoError(t, err)
	for _, p := range []string{`"node_modules/sigma"`, `"node_modules/graphology"`, `"node_modules/esbuild"`} {
		assert.Contains(t, string(lock), p, "package-lock.json pins %s", p)
	}
}

// TestHTMLDeterministic: the same graph gives the same bytes, with and
// without a layout (DiscLayout then places the nodes).
func TestHTMLDeterministic(t *testing.T) {
	g := randomGraph(t, 300, 3)
	for _, opt := range []Options{{}, {Layout: layoutFor(g), Description: "x"}} {
		a := write(t, func(b *bytes.Buffer) error { return HTML(b, g, opt) })
		b := write(t, func(b *bytes.Buffer) error { return HTML(b, g, opt) })
		assert.True(t, bytes.Equal(a, b), "two writes differ")
	}
}

// TestDiscLayout: every node is placed, at finite coordinates inside the
// box, no two at the same point, members of a community closer to each
// other than to the rest, and the same graph gives the same positions.
func TestDiscLayout(t *testing.T) {
	g := randomGraph(t, 500, 9)
	l := DiscLayout(g)
	assert.Equal(t, DiscEngine, l.Engine)
	require.Len(t, l.Pos, len(g.Nodes()))
	seen := map[Point]string{}
	for _, n := range g.Nodes() {
		p, ok := l.Pos[n.ID]
		require.True(t, ok, n.ID)
		assert.True(t, p.X >= 0 && p.Y >= 0 && p.X <= l.Width && p.Y <= l.Height, "%s at %v outside %gx%g", n.ID, p, l.Width, l.Height)
		if other, dup := seen[p]; dup {
			t.Errorf("%s and %s both at %v", n.ID, other, p)
		}
		seen[p] = n.ID
	}
	// Community 0's centre of mass is nearer its members than community 1's.
	centre := func(c int) (x, y float64, k int) {
		for _, n := range g.Nodes() {
			if n.Community == c {
				x, y, k = x+l.Pos[n.ID].X, y+l.Pos[n.ID].Y, k+1
			}
		}
		return x / float64(k), y / float64(k), k
	}
	x0, y0, k0 := centre(0)
	x1, y1, _ := centre(1)
	require.Positive(t, k0)
	near := 0
	for _, n := range g.Nodes() {
		if n.Community == 0 {
			p := l.Pos[n.ID]
			if (p.X-x0)*(p.X-x0)+(p.Y-y0)*(p.Y-y0) < (p.X-x1)*(p.X-x1)+(p.Y-y1)*(p.Y-y1) {
				near++
			}
		}
	}
	assert.Equal(t, k0, near, "community 0 members nearer their own centre")
	assert.Equal(t, l, DiscLayout(g), "deterministic")
}

// TestHTMLReportMatchesReport: the viewer's Report lists what report.md
// lists, section by section: the same papers that promise code, that name
// no artifact and whose introduced artifacts others use, and the same
// counts.
func TestHTMLReportMatchesReport(t *testing.T) {
	papers := builtPapers(300, 7)
	for i := range papers {
		papers[i].PromisesCode = i%9 == 4
		if i%13 == 6 {
			papers[i].Entities = nil
		} else if i%7 == 3 {
			papers[i].Entities[0].Introduced = true
		}
	}
	g, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	var md, page bytes.Buffer
	require.NoError(t, Report(&md, g, Options{}))
	require.NoError(t, HTML(&page, g, Options{}))
	_, rest, ok := strings.Cut(page.String(), `<script type="application/json" id="graph-data">`)
	require.True(t, ok)
	js, _, _ := strings.Cut(rest, "</script>")
	var d struct {
		Nodes  [][]any
		Report struct {
			Promised, Bare           []int
			PromisedCount, BareCount int
			Used                     [][]any
		}
	}
	require.NoError(t, json.Unmarshal([]byte(js), &d))
	section := func(title string) string {
		_, s, ok := strings.Cut(md.String(), "\n## "+title+"\n")
		require.True(t, ok, title)
		s, _, _ = strings.Cut(s, "\n## ")
		return s
	}
	label := func(i int) string { return mdText(d.Nodes[i][1].(string)) }
	listed := func(s string) (out []string) {
		for _, line := range strings.Split(s, "\n") {
			if l, ok := strings.CutPrefix(line, "- "); ok && !strings.HasPrefix(l, "… ") {
				out = append(out, l)
			}
		}
		return out
	}
	for _, c := range []struct {
		title string
		got   []int
		count int
	}{
		{"Papers that promise code but link none", d.Report.Promised, d.Report.PromisedCount},
		{"Papers that name no artifact", d.Report.Bare, d.Report.BareCount},
	} {
		s := section(c.title)
		require.Positive(t, c.count, c.title)
		assert.True(t, strings.HasPrefix(s, "\n"+itoa(c.count)+" papers "), "%s: count %d in %q", c.title, c.count, s[:min(80, len(s))])
		var labels []string
		for _, i := range c.got {
			labels = append(labels, label(i))
		}
		assert.Equal(t, listed(s), labels, c.title)
		assert.Len(t, c.got, min(reportTop, c.count), c.title)
	}
	s := section("Introduced artifacts other batch papers use")
	rows := strings.Split(strings.TrimSpace(s), "\n")[2:]
	require.NotEmpty(t, d.Report.Used, "no paper's introduced artifact is used in the fixture")
	require.Len(t, d.Report.Used, len(rows))
	for k, u := range d.Report.Used {
		var names []string
		for _, x := range u[1].([]any) {
			names = append(names, mdText(x.(string)))
		}
		assert.True(t, strings.HasPrefix(rows[k], "| "+label(int(u[0].(float64)))+" | "+strings.Join(names, ", ")+" | "), "row %d: %q", k, rows[k])
	}
}
