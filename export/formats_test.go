package export

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/graph"
)

func TestParseFormats(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  error
	}{
		{in: "dot,svg,graphml", want: []string{"dot", "svg", "graphml"}},
		{in: " CSV , dot,csv", want: []string{"dot", "csv"}},
		{in: "all", want: FormatNames()},
		{in: "graphml,all", want: FormatNames()},
		{in: "pdf", err: ErrUnknownFormat},
		{in: " , ", err: ErrNoFormats},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseFormats(tc.in)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			var names []string
			for _, f := range got {
				names = append(names, f.Name)
			}
			assert.Equal(t, tc.want, names)
		})
	}
}

// TestFilesWriteTheWriters: every data format's files hold exactly what
// its writer writes, so the table and the writers cannot drift apart.
func TestFilesWriteTheWriters(t *testing.T) {
	g := smallGraph(t)
	opt := Options{Layout: layoutFor(g), Version: "v0.1.0"}
	direct := map[string]func(io.Writer) error{
		"graph.dot":             func(w io.Writer) error { return DOT(w, g, Options{Layout: opt.Layout}) },
		"graph.graphml":         func(w io.Writer) error { return GraphML(w, g, opt) },
		"graph.gexf":            func(w io.Writer) error { return GEXF(w, g, opt) },
		"graph.nodelink.json":   func(w io.Writer) error { return NodeLinkJSON(w, g, opt) },
		"graph.cyjs":            func(w io.Writer) error { return CytoscapeJSON(w, g, opt) },
		"graph.graphology.json": func(w io.Writer) error { return GraphologyJSON(w, g, opt) },
		"graph.vosviewer.json":  func(w io.Writer) error { return VOSviewerJSON(w, g, opt) },
		"nodes.csv":             func(w io.Writer) error { return NodesCSV(w, g, opt) },
		"edges.csv":             func(w io.Writer) error { return EdgesCSV(w, g, opt) },
		"communities.csv":       func(w io.Writer) error { return CommunitiesCSV(w, g, opt) },
		"removed.csv":           func(w io.Writer) error { return RemovedCSV(w, g, opt) },
		"report.md":             func(w io.Writer) error { return Report(w, g, opt) },
		"graph.html":            func(w io.Writer) error { return HTML(w, g, opt) },
	}
	files := Files(context.Background(), "out", g, Formats, opt)
	seen := 0
	for _, f := range files {
		assert.Equal(t, "out", filepath.Dir(f.Path))
		var got bytes.Buffer
		err := f.Write(&got)
		w, ok := direct[filepath.Base(f.Path)]
		if !ok {
			// A picture: no renderer was given.
			assert.ErrorIs(t, err, ErrNoPictures, f.Path)
			continue
		}
		seen++
		require.NoError(t, err, f.Path)
		var want bytes.Buffer
		require.NoError(t, w(&want))
		assert.Equal(t, want.String(), got.String(), f.Path)
	}
	assert.Equal(t, len(direct), seen, "every data file is in the table")
}

type fakePictures struct{ calls []string }

func (p *fakePictures) SVG(_ context.Context, w io.Writer, _ *graph.Graph, opt Options) error {
	p.calls = append(p.calls, "svg")
	if opt.Layout == nil {
		return errors.New("no layout")
	}
	_, err := io.WriteString(w, "<svg/>")
	return err
}

func (p *fakePictures) PNG(_ context.Context, w io.Writer, _ *graph.Graph, _ Options) error {
	p.calls = append(p.calls, "png")
	_, err := io.WriteString(w, "png")
	return err
}

func TestFilesPictures(t *testing.T) {
	g := smallGraph(t)
	pics := &fakePictures{}
	fmts, err := ParseFormats("png,svg")
	require.NoError(t, err)
	files := Files(context.Background(), "d", g, fmts, Options{Layout: layoutFor(g), Pictures: pics})
	require.Len(t, files, 2)
	assert.Equal(t, filepath.Join("d", "graph.svg"), files[0].Path)
	assert.Equal(t, filepath.Join("d", "graph.png"), files[1].Path)
	var b bytes.Buffer
	require.NoError(t, files[0].Write(&b))
	require.NoError(t, files[1].Write(&b))
	assert.Equal(t, "<svg/>png", b.String())
	assert.Equal(t, []string{"svg", "png"}, pics.calls)
}
