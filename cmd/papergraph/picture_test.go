package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/export/render"
)

// sharedDir is $SHARED, else the nearest directory named shared beside
// the repository or one of the directories above it (../shared for a
// clone beside it, as the corpus README says).
func sharedDir() string {
	if s := os.Getenv("SHARED"); s != "" {
		return s
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		return filepath.Join("..", "..", "..", "shared")
	}
	for {
		if st, err := os.Stat(filepath.Join(dir, "shared", "corpus")); err == nil && st.IsDir() {
			return filepath.Join(dir, "shared")
		}
		up := filepath.Dir(dir)
		if up == dir {
			return filepath.Join("..", "..", "..", "shared")
		}
		dir = up
	}
}

// monthSlice writes the first n papers of a real month batch of
// ../shared/corpus (see sharedDir) to a file in dir. It skips the test
// when the batch is absent, except under CI, where it fails.
func monthSlice(t *testing.T, dir, month string, n int) string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir(), "corpus", "arxiv-"+month, "papers.jsonl"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("month batch: %v", err)
		}
		t.Skipf("month batch: %v (set SHARED to the shared directory)", err)
	}
	defer f.Close()
	var b bytes.Buffer
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for i := 0; i < n && sc.Scan(); i++ {
		b.Write(sc.Bytes())
		b.WriteByte('\n')
	}
	require.NoError(t, sc.Err())
	path := filepath.Join(dir, fmt.Sprintf("arxiv-%s-%d.jsonl", month, n))
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	return path
}

// svgText is one drawn text of a picture, with the node it belongs to.
type svgText struct {
	node   string // the node's name (the comment before its group)
	x, y   float64
	size   float64
	anchor string
	s      string
}

// pictureSVG reads a picture: its drawn texts, each node's fill colour,
// and the viewBox width.
func pictureSVG(t *testing.T, data []byte) (texts []svgText, fills map[string]string, viewW float64) {
	t.Helper()
	fills = map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(data))
	var node string
	var cur *svgText
	inNode := 0
	comment := "" // the last comment: Graphviz names the next group in it
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			a := map[string]string{}
			for _, at := range e.Attr {
				a[at.Name.Local] = at.Value
			}
			switch e.Name.Local {
			case "svg":
				if f := strings.Fields(a["viewBox"]); len(f) == 4 {
					viewW, _ = strconv.ParseFloat(f[2], 64)
				}
			case "g":
				if a["class"] == "node" {
					inNode, node = depth, comment // Graphviz names the group in the comment before it
				}
			case "ellipse", "polygon", "path":
				if inNode > 0 && node != "" && a["fill"] != "" && a["fill"] != "none" {
					if _, ok := fills[node]; !ok {
						fills[node] = a["fill"]
					}
				}
			case "text":
				x, _ := strconv.ParseFloat(a["x"], 64)
				y, _ := strconv.ParseFloat(a["y"], 64)
				size, _ := strconv.ParseFloat(a["font-size"], 64)
				cur = &svgText{node: node, x: x, y: y, size: size, anchor: a["text-anchor"]}
			}
		case xml.CharData:
			if cur != nil {
				cur.s += string(e)
			}
		case xml.Comment:
			comment = html.UnescapeString(strings.TrimSpace(string(e)))
		case xml.EndElement:
			switch e.Name.Local {
			case "text":
				if strings.TrimSpace(cur.s) != "" {
					texts = append(texts, *cur)
				}
				cur = nil
			case "g":
				if depth == inNode {
					inNode = 0
				}
			}
			depth--
		}
	}
	return texts, fills, viewW
}

// box is a text's extent, estimated from DejaVu Sans's metrics: at most
// 0.55 em per character on average (a lower bound for the labels drawn,
// so an overlap reported is real), 0.7 em high.
func (s svgText) box() (x0, y0, x1, y1 float64) {
	w := 0.55 * s.size * float64(utf8.RuneCountInString(s.s))
	switch s.anchor {
	case "middle":
		x0 = s.x - w/2
	case "end":
		x0 = s.x - w
	default:
		x0 = s.x
	}
	return x0, s.y - 0.7*s.size, x0 + w, s.y
}

var (
	captionRE = regexp.MustCompile(`(?m)^papergraph: picture, (\w+) view: (.*)$`)
	summaryRE = regexp.MustCompile(`(?m)^papergraph: (\d+) papers read .*?; (\d+) artifacts;`)
	countRE   = regexp.MustCompile(`([\d,]+) (papers without links|papers|artifacts named by one paper|less named artifacts|artifacts|communities)`)
)

// TestPictures draws the sample and slices of two real month batches and
// checks what a reader of the picture relies on: the caption's counts add
// up to the summary's, no two drawn labels overlap, the PNG's smallest
// text is readable, every colour a node is drawn in is explained by the
// legend, and no paper is drawn beside an artifact it alone introduces.
func TestPictures(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name  string
		input func(t *testing.T) []string
		view  string
	}{
		{"sample 61", func(*testing.T) []string { return nil }, "full"},
		{"July 300", func(t *testing.T) []string { return []string{monthSlice(t, dir, "2026-07", 300)} }, "papers"},
		{"August 1000", func(t *testing.T) []string { return []string{monthSlice(t, dir, "2026-08", 1000)} }, "papers"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			inputs := tc.input(t)
			args := append([]string{"build", "-o", out, "-formats", "svg,png,csv"}, inputs...)
			code, _, stderr := runCmd(t, "", args...)
			require.Equal(t, 0, code, stderr)
			files := readDir(t, out)

			// The caption: in the summary and in the picture, its counts
			// adding up to what was read.
			m := captionRE.FindStringSubmatch(stderr)
			require.NotNil(t, m, stderr)
			view, caption := m[1], m[2]
			assert.Equal(t, tc.view, view)
			sum := summaryRE.FindStringSubmatch(stderr)
			require.NotNil(t, sum, stderr)
			counts := map[string]int{}
			for _, c := range countRE.FindAllStringSubmatch(caption, -1) {
				n, err := strconv.Atoi(strings.ReplaceAll(c[1], ",", ""))
				require.NoError(t, err)
				counts[c[2]] = n
			}
			read, _ := strconv.Atoi(sum[1])
			arts, _ := strconv.Atoi(sum[2])
			assert.Equal(t, read, counts["papers"]+counts["papers without links"]*boolInt(view != "full"), "papers: %s", caption)
			assert.Equal(t, arts, counts["artifacts"]+counts["artifacts named by one paper"]+counts["less named artifacts"], "artifacts: %s", caption)

			texts, fills, viewW := pictureSVG(t, files["graph.svg"])
			var labels []svgText
			found := false
			for _, x := range texts {
				found = found || (x.node == "legend:caption" && x.s == caption)
				if !strings.HasPrefix(x.node, "legend:") {
					labels = append(labels, x)
				}
			}
			assert.True(t, found, "the SVG shows the caption %q", caption)

			// No two drawn labels overlap.
			for i := range labels {
				ax0, ay0, ax1, ay1 := labels[i].box()
				for j := i + 1; j < len(labels); j++ {
					if labels[i].node == labels[j].node {
						continue // the lines of one label
					}
					bx0, by0, bx1, by1 := labels[j].box()
					if ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1 {
						t.Errorf("labels overlap: %q (%s) and %q (%s)", labels[i].s, labels[i].node, labels[j].s, labels[j].node)
					}
				}
			}

			// The PNG's smallest text is at least render.MinTextPixels high.
			img, err := png.Decode(bytes.NewReader(files["graph.png"]))
			require.NoError(t, err)
			scale := float64(img.Bounds().Dx()) / viewW
			smallest := texts[0].size
			for _, x := range texts {
				smallest = min(smallest, x.size)
			}
			t.Logf("%s view, %d labels, PNG %dx%d, smallest text %.1f pt = %.1f px; %s", view, len(labels),
				img.Bounds().Dx(), img.Bounds().Dy(), smallest, smallest*scale, caption)
			assert.GreaterOrEqual(t, smallest*scale, float64(render.MinTextPixels)-0.5)

			// Every fill colour of a drawn node is a colour of the legend.
			legend := map[string]bool{}
			for node, fill := range fills {
				if strings.HasPrefix(node, "legend:") {
					legend[fill] = true
				}
			}
			for node, fill := range fills {
				if !strings.HasPrefix(node, "legend:") {
					assert.True(t, legend[fill], "%s is drawn %s, a colour the legend does not show", node, fill)
				}
			}

			// The introduced pairs are gone: no paper names, as a
			// separate node, an artifact that it alone introduces.
			code, stdout, stderr := runCmd(t, "", append([]string{"extract", "-quiet"}, inputs...)...)
			require.Equal(t, 0, code, stderr)
			introducers := map[string][]string{}
			dec := json.NewDecoder(strings.NewReader(stdout))
			for dec.More() {
				var rec struct {
					ID       string
					Entities []struct {
						Kind, Name string
						Introduced bool
					}
				}
				require.NoError(t, dec.Decode(&rec))
				for _, e := range rec.Entities {
					key := e.Kind + ":" + strings.ToLower(strings.TrimSpace(e.Name))
					if e.Introduced && !slices.Contains(introducers[key], rec.ID) {
						introducers[key] = append(introducers[key], rec.ID)
					}
				}
			}
			rows, err := csv.NewReader(bytes.NewReader(files["edges.csv"])).ReadAll()
			require.NoError(t, err)
			pairs := 0
			for key, by := range introducers {
				if len(by) == 1 {
					pairs++
					for _, r := range rows[1:] {
						assert.False(t, r[3] == "mentions" && r[0] == by[0] && r[1] == key, "%s and %s, which it introduces, are two nodes", r[0], r[1])
					}
				}
			}
			t.Logf("%d artifacts introduced by one paper", pairs)
			assert.Positive(t, pairs)
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
