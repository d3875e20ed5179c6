package read

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// longAbstract is a line the page reader takes for an abstract.
var longAbstract = strings.TrimSpace(strings.Repeat("A long abstract sentence about models and data. ", 8))

// readPage reads in as a trending page (forced when format is set) and
// returns the titles, the lines of the skipped records and the notes.
func readPage(t *testing.T, in, format string) ([]string, []int, []Note) {
	t.Helper()
	r, err := Open(strings.NewReader(in), "page.txt", Options{Format: format})
	require.NoError(t, err)
	assert.Equal(t, FormatHFPage, r.Format())
	var titles []string
	var lines []int
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		var re *RecordError
		if err != nil {
			require.ErrorAs(t, err, &re)
			lines = append(lines, re.Pos.Line)
			continue
		}
		titles = append(titles, p.Title)
	}
	return titles, lines, r.Notes()
}

// TestHFPageNothingDroppedSilently: the papers before the first long
// abstract are kept whatever the number of header lines before them;
// the header lines are dropped with a note listing them.
func TestHFPageNothingDroppedSilently(t *testing.T) {
	in := "My reading list\n\nExported today\n\nby me\n\nTiny Paper One\n\nWe do one small thing.\n\nTiny Paper Two\n\nWe do another small thing!\n\nBig Paper\n\n" + longAbstract + "\n"
	titles, skipped, notes := readPage(t, in, "")
	assert.Empty(t, skipped)
	assert.Equal(t, []string{"Tiny Paper One", "Tiny Paper Two", "Big Paper"}, titles)
	require.Len(t, notes, 1)
	assert.Equal(t, "page.txt:1: 3 line(s) before the first paper read as the page's header and dropped (lines 1-5; -v lists them)", notes[0].String())
	assert.Equal(t, []string{"1: My reading list", "3: Exported today", "5: by me"}, notes[0].Detail)
}

// TestHFPageShortAbstractsKept: an abstract of a few words, or without a
// final full stop, stays the abstract of the title before it.
func TestHFPageShortAbstractsKept(t *testing.T) {
	in := "Paper One\n\nShort.\n\nPaper Two\n\n" + longAbstract + "\n\nPaper Three\n\nCode and models\n\nPaper Four\n\n" + longAbstract + "\n"
	titles, skipped, _ := readPage(t, in, "")
	assert.Empty(t, skipped)
	assert.Equal(t, []string{"Paper One", "Paper Two", "Paper Three", "Paper Four"}, titles)
}

// TestHFPageOddBytes: a NUL or control byte near the start, CR-only line
// ends and a first title starting with "[" or "<" are read as a page, as
// they would be anywhere else in it.
func TestHFPageOddBytes(t *testing.T) {
	page := "First\x00 Paper\n\n" + longAbstract + "\n\nSecond\x07 Paper\n\n" + longAbstract + "\n"
	for name, in := range map[string]string{
		"nul and bell near the start": page,
		"cr only":                     strings.ReplaceAll(page, "\n", "\r"),
		"crlf":                        strings.ReplaceAll(page, "\n", "\r\n"),
		"starts with [":               "[CVPR 2025] " + page,
		"starts with [ and a number":  "[2025] " + page,
		"starts with <":               "<think> " + page,
	} {
		t.Run(name, func(t *testing.T) {
			titles, skipped, _ := readPage(t, in, "")
			assert.Empty(t, skipped)
			assert.Len(t, titles, 2)
		})
	}
}

// TestHFPageForced: -input-format hf-page reads text the detection would
// reject (no long abstract, short lines) instead of refusing it.
func TestHFPageForced(t *testing.T) {
	_, err := Open(strings.NewReader("just\nsome\nshort\nlines\nhere\n"), "x", Options{})
	require.ErrorIs(t, err, ErrUnknownFormat)
	titles, skipped, _ := readPage(t, "just\nsome\nshort\nlines\nhere\n", FormatHFPage)
	assert.Equal(t, []string{"just", "short"}, titles)
	assert.Equal(t, []int{5}, skipped)
	titles, _, _ = readPage(t, "A \x01\x02\x03\x04 title\n\nits abstract\n", FormatHFPage)
	assert.Equal(t, []string{"A \x01\x02\x03\x04 title"}, titles, "forced: control bytes do not make it binary")
}
