package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/papergraph/papergraph/graph"
)

// A Format is one output format: the name a user asks for it by and the
// files it writes.
type Format struct {
	// Name is how the format is asked for ("dot", "graphml", "csv", ...).
	Name string
	// Files are the files the format writes, in order.
	Files []FormatFile
	// Picture marks the formats drawn by [Options].Pictures (SVG, PNG):
	// they need a layout and a [Pictures].
	Picture bool
	// Whole says why the format needs the whole graph in memory; empty
	// for the formats whose files also write a [graph.Stream]
	// ([StreamFiles]).
	Whole string
}

// FormatFile is one file a [Format] writes: its base name and its writer.
type FormatFile struct {
	// Name is the file's base name ("graph.dot", "edges.csv").
	Name string
	// Write writes the file's bytes for g with opt.
	Write func(ctx context.Context, w io.Writer, g *graph.Graph, opt Options) error
	// Stream writes the same bytes for a stream, or is nil when the
	// format needs the whole graph ([Format].Whole).
	Stream func(ctx context.Context, w io.Writer, s *graph.Stream, opt Options) error
}

// Pictures draws a graph as SVG and PNG at the positions of opt.Layout;
// package export/render provides one (render.NewPictures). It is an
// interface so that this package, and every program that writes only
// text formats, does not link the picture engine.
type Pictures interface {
	SVG(ctx context.Context, w io.Writer, g *graph.Graph, opt Options) error
	PNG(ctx context.Context, w io.Writer, g *graph.Graph, opt Options) error
}

// Errors returned by [ParseFormats] and the picture formats. Test with
// errors.Is.
var (
	// ErrUnknownFormat: a format name that is not in [Formats].
	ErrUnknownFormat = errors.New("unknown output format")
	// ErrNoFormats: the list of formats is empty.
	ErrNoFormats = errors.New("no output format")
	// ErrNoPictures: an SVG or PNG file was asked for with a nil
	// [Options].Pictures.
	ErrNoPictures = errors.New("no picture renderer (set Options.Pictures)")
)

// data adapts a writer that needs no context to a [FormatFile] writer.
func data(write func(io.Writer, *graph.Graph, Options) error) func(context.Context, io.Writer, *graph.Graph, Options) error {
	return func(_ context.Context, w io.Writer, g *graph.Graph, opt Options) error { return write(w, g, opt) }
}

// Formats lists every output format, in the order files are written.
//
// json is the node-link form (networkx, D3), the generic JSON graph; the
// Cytoscape.js and graphology forms are formats of their own, so that
// asking for JSON writes one JSON file. html is graph.html, the offline
// interactive viewer ([HTML]).
var Formats = []Format{
	{Name: "dot", Files: []FormatFile{{"graph.dot", data(DOT), nil}},
		Whole: "it draws the legend and captions from every node and edge"},
	{Name: "svg", Picture: true, Files: []FormatFile{{"graph.svg", svgFile, nil}},
		Whole: "a picture needs a layout of the whole graph"},
	{Name: "png", Picture: true, Files: []FormatFile{{"graph.png", pngFile, nil}},
		Whole: "a picture needs a layout of the whole graph"},
	{Name: "graphml", Files: []FormatFile{{"graph.graphml", inMemory(graphML), streamed(graphML)}}},
	{Name: "gexf", Files: []FormatFile{{"graph.gexf", inMemory(gexf), streamed(gexf)}}},
	{Name: "json", Files: []FormatFile{{"graph.nodelink.json", inMemory(nodeLinkJSON), streamed(nodeLinkJSON)}}},
	{Name: "cyjs", Files: []FormatFile{{"graph.cyjs", inMemory(cytoscapeJSON), streamed(cytoscapeJSON)}}},
	{Name: "graphology", Files: []FormatFile{{"graph.graphology.json", data(GraphologyJSON), nil}},
		Whole: "its multi flag, written first, compares every edge with its reverse"},
	{Name: "vosviewer", Files: []FormatFile{{"graph.vosviewer.json", data(VOSviewerJSON), nil}},
		Whole: "it needs communities as clusters"},
	{Name: "csv", Files: []FormatFile{
		{"nodes.csv", inMemory(nodesCSV), streamed(nodesCSV)},
		{"edges.csv", inMemory(edgesCSV), streamed(edgesCSV)},
		{"communities.csv", inMemory(communitiesCSV), streamed(communitiesCSV)},
		{"removed.csv", inMemory(removedCSV), streamed(removedCSV)},
	}},
	{Name: "html", Files: []FormatFile{{"graph.html", data(HTML), nil}},
		Whole: "the viewer lays out and ranks the whole graph"},
	{Name: "report", Files: []FormatFile{{"report.md", data(Report), nil}},
		Whole: "it ranks communities and central nodes"},
}

func svgFile(ctx context.Context, w io.Writer, g *graph.Graph, opt Options) error {
	if opt.Pictures == nil {
		return fmt.Errorf("export: svg: %w", ErrNoPictures)
	}
	return opt.Pictures.SVG(ctx, w, g, opt)
}

func pngFile(ctx context.Context, w io.Writer, g *graph.Graph, opt Options) error {
	if opt.Pictures == nil {
		return fmt.Errorf("export: png: %w", ErrNoPictures)
	}
	return opt.Pictures.PNG(ctx, w, g, opt)
}

// FormatNames returns the names of [Formats], in order.
func FormatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// ParseFormats parses a comma-separated list of format names (any case,
// spaces ignored; "all" names every format) into formats in the order of
// [Formats], each once.
func ParseFormats(s string) ([]Format, error) {
	var idx []int
	for _, name := range strings.Split(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		if name == "all" {
			return slices.Clone(Formats), nil
		}
		i := slices.IndexFunc(Formats, func(f Format) bool { return f.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("export: %w %q (want %s or all)", ErrUnknownFormat, name, strings.Join(FormatNames(), ","))
		}
		if !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil, fmt.Errorf("export: formats: %w", ErrNoFormats)
	}
	slices.Sort(idx)
	out := make([]Format, len(idx))
	for i, x := range idx {
		out[i] = Formats[x]
	}
	return out, nil
}

// Files returns the files formats write for g into dir, in order, ready
// for [WriteFiles].
func Files(ctx context.Context, dir string, g *graph.Graph, formats []Format, opt Options) []File {
	var files []File
	for _, f := range formats {
		for _, ff := range f.Files {
			write := ff.Write
			files = append(files, File{
				Path:  filepath.Join(dir, ff.Name),
				Write: func(w io.Writer) error { return write(ctx, w, g, opt) },
			})
		}
	}
	return files
}
