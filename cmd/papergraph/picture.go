package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"

	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/export/render"
	"github.com/papergraph/papergraph/graph"
)

// defaultTitle names a picture after its input: the file name without
// extensions (with its directory when the name alone says little, as
// "papers" does), "and N more" for several, or the embedded sample.
func defaultTitle(inputs []string) string {
	if len(inputs) == 0 {
		return "Hugging Face trending papers (the embedded sample)"
	}
	name := inputs[0]
	if name == export.StdinName {
		name = "standard input"
	} else {
		base := filepath.Base(name)
		for _, ext := range []string{".gz", ".jsonl", ".json", ".xml", ".atom", ".bib", ".csv", ".tsv", ".txt"} {
			base = strings.TrimSuffix(base, ext)
		}
		if dir := filepath.Base(filepath.Dir(name)); len(base) <= 8 && dir != "." && dir != string(filepath.Separator) {
			base = dir + " " + base
		}
		name = base
	}
	if len(inputs) > 1 {
		name += fmt.Sprintf(" and %d more", len(inputs)-1)
	}
	return name
}

// layouts are the positions of one run: of the graph for the data files,
// and of the picture's view for the SVG and PNG.
type layouts struct {
	data, pic *export.Layout
	picture   *render.Picture
	ropt      render.Options
	fmts      []export.Format
}

// layOut lays out the data graph and, when a picture is asked for, the
// picture's view (the same layout in the full view). A graph too large to
// lay out gets data files without positions; a view too large to draw
// fails the run when a picture was named in -formats, else the pictures
// are left out with a note.
func layOut(ctx context.Context, g *graph.Graph, fmts []export.Format, popt render.PictureOptions, ropt render.Options,
	named, quiet bool, stderr io.Writer, log *slog.Logger) (*layouts, error) {
	l := &layouts{ropt: ropt, fmts: fmts}
	wantsPicture := slices.ContainsFunc(fmts, func(f export.Format) bool { return f.Picture })
	// A view sure to be too large is refused before it is made.
	var tooLarge error
	if wantsPicture {
		if tooLarge = render.CheckPicture(g, popt, ropt); tooLarge != nil && named {
			return nil, tooLarge // a picture asked for by name cannot be made
		}
	}
	if wantsPicture && tooLarge == nil {
		// The paper view of a large graph takes seconds and has no
		// checks for ctx: Ctrl-C must not wait for it.
		pic, err := interruptible(ctx, func() (*render.Picture, error) { return render.NewPicture(g, popt) })
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		if err != nil {
			return nil, fmt.Errorf("build: %w: %w", err, errUsage)
		}
		l.picture = pic
	}
	// The data layout does not depend on the pictures asked for; the
	// full view draws with the same sizes, so it shares it.
	var err error
	l.data, err = render.Layout(ctx, g, export.Options{}, ropt)
	if err != nil {
		if !errors.Is(err, render.ErrTooLarge) {
			return nil, err
		}
		l.data = nil
		if !quiet {
			fmt.Fprintf(stderr, "papergraph: no positions in the data files: %v\n", err)
		}
	}
	if tooLarge != nil {
		return l.noPicture(tooLarge, quiet, stderr, log), nil
	}
	if l.picture == nil {
		return l, nil
	}
	if l.picture.View == render.ViewFull {
		l.pic, err = l.data, nil
		if l.data == nil {
			_, err = render.Layout(ctx, g, export.Options{Style: l.picture.Style}, l.ropt)
		}
	} else {
		l.pic, err = render.Layout(ctx, l.picture.Graph, export.Options{Style: l.picture.Style}, l.ropt)
	}
	if err != nil {
		if !errors.Is(err, render.ErrTooLarge) || named {
			return nil, err // a picture asked for by name cannot be made
		}
		return l.noPicture(err, quiet, stderr, log), nil
	}
	log.Debug("build: layouts", "data", l.data != nil, "picture", l.pic != nil)
	return l, nil
}

// noPicture leaves the pictures out of l, saying why.
func (l *layouts) noPicture(err error, quiet bool, stderr io.Writer, log *slog.Logger) *layouts {
	l.fmts = slices.DeleteFunc(slices.Clone(l.fmts), func(f export.Format) bool { return f.Picture })
	l.picture, l.pic = nil, nil
	if !quiet {
		fmt.Fprintf(stderr, "papergraph: no picture: %v\n", err)
	}
	log.Debug("build: layouts", "data", l.data != nil, "picture", false)
	return l
}

// files lists the files to write: the data formats from g at the data
// layout, the pictures from the picture's view at its layout.
func (l *layouts) files(ctx context.Context, dir string, g *graph.Graph, eopt export.Options) []export.File {
	var data, pics []export.Format
	for _, f := range l.fmts {
		if f.Picture {
			pics = append(pics, f)
		} else {
			data = append(data, f)
		}
	}
	eopt.Layout = l.data
	files := export.Files(ctx, dir, g, data, eopt)
	if l.picture != nil && len(pics) > 0 {
		popt := eopt
		popt.Layout, popt.Style = l.pic, l.picture.Style
		popt.Pictures = render.NewPictures(l.ropt)
		files = append(files, export.Files(ctx, dir, l.picture.Graph, pics, popt)...)
		// Keep the order of the formats table.
		slices.SortStableFunc(files, func(a, b export.File) int {
			return order(l.fmts, filepath.Base(a.Path)) - order(l.fmts, filepath.Base(b.Path))
		})
	}
	return files
}

// order is the index in fmts of the format writing file name.
func order(fmts []export.Format, name string) int {
	for i, f := range fmts {
		for _, ff := range f.Files {
			if ff.Name == name {
				return i
			}
		}
	}
	return len(fmts)
}

// pictureFlags are the picture flags build and export share.
type pictureFlags struct {
	view, title *string
	pngWidth    *int
	dpi         *float64
}

// addPictureFlags defines -view, -title (titleUsage says its default),
// -png-width and -dpi on fs.
func addPictureFlags(fs *flag.FlagSet, titleUsage string) *pictureFlags {
	return &pictureFlags{
		view:     fs.String("view", "", "picture view: papers, artifacts or full (default by size)"),
		title:    fs.String("title", "", titleUsage),
		pngWidth: fs.Int("png-width", 0, "PNG width in pixels"),
		dpi:      fs.Float64("dpi", 144, "PNG pixels per inch"),
	}
}

// minDPI is the smallest -dpi: it draws render.MinFontPoints text
// render.MinTextPixels high.
const minDPI = 72 * render.MinTextPixels / render.MinFontPoints

// check refuses, as a usage error of the command cmd, a -dpi under
// minDPI and a negative -png-width.
func (p *pictureFlags) check(cmd string) error {
	if *p.dpi < minDPI || *p.pngWidth < 0 {
		return fmt.Errorf("%s: -dpi must be at least %d (%d-point text %d pixels high), -png-width not negative: %w",
			cmd, minDPI, render.MinFontPoints, render.MinTextPixels, errUsage)
	}
	return nil
}

// options returns what the flags ask of the picture (the title is
// -title when given, else title) and of the renderer.
func (p *pictureFlags) options(fs *flag.FlagSet, title, engine string, log *slog.Logger) (render.PictureOptions, render.Options) {
	if flagSet(fs, "title") {
		title = *p.title
	}
	return render.PictureOptions{View: *p.view, Title: title},
		render.Options{Engine: engine, Logger: log, Scale: *p.dpi / 72, PNGWidth: *p.pngWidth}
}

// printWrote says on stderr which files a command wrote.
func printWrote(stderr io.Writer, files []export.File) {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	fmt.Fprintf(stderr, "papergraph: wrote %s\n", strings.Join(paths, " "))
}
