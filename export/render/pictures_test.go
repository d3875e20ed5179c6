package render

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/export"
)

// TestPicturesFormats: the svg and png rows of export.Formats, drawn by
// NewPictures, give the bytes SVG and PNG give.
func TestPicturesFormats(t *testing.T) {
	g := sampleGraph(t, 12, 20)
	ctx := context.Background()
	opt := Options{Scale: 1}
	lay, err := Layout(ctx, g, export.Options{}, opt)
	require.NoError(t, err)
	var svg, png bytes.Buffer
	require.NoError(t, SVG(ctx, &svg, g, export.Options{Layout: lay}, opt))
	require.NoError(t, PNG(ctx, &png, g, export.Options{Layout: lay}, opt))

	fmts, err := export.ParseFormats("svg,png")
	require.NoError(t, err)
	files := export.Files(ctx, "out", g, fmts, export.Options{Layout: lay, Pictures: NewPictures(opt)})
	require.Len(t, files, 2)
	var gotSVG, gotPNG bytes.Buffer
	require.NoError(t, files[1].Write(&gotPNG)) // PNG first: it renders the SVG it then reuses
	require.NoError(t, files[0].Write(&gotSVG))
	assert.Equal(t, svg.String(), gotSVG.String())
	assert.True(t, bytes.Equal(png.Bytes(), gotPNG.Bytes()), "PNG bytes differ")

	// Without a layout the picture cannot be drawn.
	err = files[0].Write(&bytes.Buffer{})
	require.NoError(t, err) // same layout: cached
	noLay := export.Files(ctx, "out", g, fmts, export.Options{Pictures: NewPictures(opt)})
	assert.ErrorIs(t, noLay[0].Write(&bytes.Buffer{}), ErrNoLayout)
}
