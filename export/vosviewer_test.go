package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vosDoc is a VOSviewer JSON file as encoding/json reads it.
type vosDoc struct {
	Network struct {
		Items []struct {
			ID          string             `json:"id"`
			Label       string             `json:"label"`
			Description string             `json:"description"`
			URL         string             `json:"url"`
			X           *float64           `json:"x"`
			Y           *float64           `json:"y"`
			Cluster     int                `json:"cluster"`
			Weights     map[string]float64 `json:"weights"`
			Scores      map[string]float64 `json:"scores"`
		} `json:"items"`
		Links []struct {
			Source   string  `json:"source_id"`
			Target   string  `json:"target_id"`
			Strength float64 `json:"strength"`
		} `json:"links"`
		Clusters []struct {
			Cluster int    `json:"cluster"`
			Label   string `json:"label"`
		} `json:"clusters"`
	} `json:"network"`
}

// vosGraphs are the graphs the VOSviewer tests write: hand-built with a
// layout, hostile text, and built from papers (communities, labels).
func vosGraphs(t *testing.T) map[string]struct {
	g   *graph.Graph
	opt Options
} {
	small := smallGraph(t)
	built, err := graph.Build(builtPapers(300, 7), graph.Options{})
	require.NoError(t, err)
	return map[string]struct {
		g   *graph.Graph
		opt Options
	}{
		"small":   {small, Options{Layout: layoutFor(small)}},
		"hostile": {hostileGraph(t), Options{}},
		"built":   {built, Options{}},
	}
}

// TestVOSviewerSchema validates the files against
// testdata/vosviewer.schema.json (written from VOSviewer's documentation
// of its JSON files) with python3-jsonschema, an independent validator,
// and checks that the schema is not vacuous: files breaking the
// documented rules (cluster 0, a negative strength, a missing id) fail.
func TestVOSviewerSchema(t *testing.T) {
	py := needPython(t, "jsonschema")
	dir := t.TempDir()
	var paths []string
	for name, c := range vosGraphs(t) {
		p := filepath.Join(dir, name+".json")
		require.NoError(t, os.WriteFile(p, write(t, func(b *bytes.Buffer) error { return VOSviewerJSON(b, c.g, c.opt) }), 0o644))
		paths = append(paths, p)
	}
	bad := map[string]string{
		"cluster-0":     `{"network":{"items":[{"id":"a","cluster":0}]}}`,
		"negative":      `{"network":{"items":[{"id":"a"},{"id":"b"}],"links":[{"source_id":"a","target_id":"b","strength":-1}]}}`,
		"no-id":         `{"network":{"items":[{"label":"a"}]}}`,
		"weight-string": `{"network":{"items":[{"id":"a","weights":{"Links":"3"}}]}}`,
	}
	for name, doc := range bad {
		p := filepath.Join(dir, "bad-"+name+".json")
		require.NoError(t, os.WriteFile(p, []byte(doc), 0o644))
		paths = append(paths, p)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(py, append([]string{filepath.Join("testdata", "vosviewer_validate.py"), filepath.Join("testdata", "vosviewer.schema.json")}, paths...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "vosviewer_validate.py failed:\n%s", stderr.String())
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	require.Len(t, lines, len(paths))
	for i, p := range paths {
		if strings.HasPrefix(filepath.Base(p), "bad-") {
			assert.NotEqual(t, "ok", lines[i], "%s passes the schema", p)
		} else {
			assert.Equal(t, "ok", lines[i], p)
		}
	}
}

// TestVOSviewerContent reads the files back with encoding/json: one item
// per node with its community + 1 as cluster, one link per pair of nodes
// with an edge, of the summed weight, and escaped descriptions.
func TestVOSviewerContent(t *testing.T) {
	for name, c := range vosGraphs(t) {
		t.Run(name, func(t *testing.T) {
			out := write(t, func(b *bytes.Buffer) error { return VOSviewerJSON(b, c.g, c.opt) })
			var doc vosDoc
			require.NoError(t, json.Unmarshal(out, &doc))
			nodes := c.g.Nodes()
			require.Len(t, doc.Network.Items, len(nodes))
			clusters := map[int]string{}
			for i, it := range doc.Network.Items {
				n := nodes[i]
				assert.Equal(t, n.ID, it.ID)
				if u, ok := dotSafeURL(n.URL); ok {
					assert.Equal(t, u, it.URL)
				} else {
					assert.Empty(t, it.URL, n.ID)
				}
				assert.False(t, strings.HasPrefix(strings.ToLower(it.URL), "javascript:"), it.URL)
				assert.Equal(t, float64(n.Degree), it.Weights["Links"], n.ID)
				if n.Community >= 0 {
					assert.Equal(t, n.Community+1, it.Cluster, n.ID)
					if clusters[it.Cluster] == "" {
						clusters[it.Cluster] = n.CommunityLabel
					}
				} else {
					assert.Zero(t, it.Cluster, n.ID)
				}
				assert.Equal(t, c.opt.Layout != nil, it.X != nil && it.Y != nil, n.ID)
				assert.True(t, strings.HasPrefix(it.Description, "<b>"), it.Description)
				for _, tag := range []string{"<script", "<img", "<a ", "<svg", "<iframe"} {
					assert.NotContains(t, strings.ToLower(it.Description), tag, n.ID)
				}
			}
			want := map[[2]string]float64{}
			for _, e := range c.g.Edges() {
				s, t := e.Source, e.Target
				if t < s {
					s, t = t, s
				}
				want[[2]string{s, t}] += e.Weight
			}
			got := map[[2]string]float64{}
			for i, l := range doc.Network.Links {
				assert.Less(t, l.Source, l.Target)
				if i > 0 {
					p := doc.Network.Links[i-1]
					assert.True(t, p.Source < l.Source || p.Source == l.Source && p.Target < l.Target, "links sorted")
				}
				got[[2]string{l.Source, l.Target}] = l.Strength
			}
			require.Len(t, got, len(want))
			for k, w := range want {
				assert.InDelta(t, w, got[k], 1e-9, "%v", k)
			}
			require.Len(t, doc.Network.Clusters, len(clusters))
			for _, cl := range doc.Network.Clusters {
				assert.Equal(t, clusters[cl.Cluster], cl.Label)
			}
		})
	}
}
