package read

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readNotes reads every paper of in and returns them with the notes.
func readNotes(t *testing.T, in string, opt Options) ([]string, []error, []Note) {
	t.Helper()
	r, err := Open(strings.NewReader(in), "t.csv", opt)
	require.NoError(t, err)
	var titles []string
	var skipped []error
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var re *RecordError
			require.ErrorAs(t, err, &re)
			skipped = append(skipped, err)
			continue
		}
		titles = append(titles, p.Title)
	}
	return titles, skipped, r.Notes()
}

// TestCSVStrayQuote: one stray quote does not swallow the rows after it,
// in CSV or TSV, whatever follows it.
func TestCSVStrayQuote(t *testing.T) {
	for _, sep := range []string{",", "\t"} {
		var b strings.Builder
		b.WriteString("title" + sep + "abstract\n")
		for i := range 1000 {
			if i == 1 {
				b.WriteString(`"Broken title` + sep + "An abstract.\n")
				continue
			}
			fmt.Fprintf(&b, "Title %d%s\"Abstract %d, quoted.\"\n", i, sep, i)
		}
		titles, skipped, _ := readNotes(t, b.String(), Options{})
		assert.Empty(t, skipped)
		require.Len(t, titles, 1000, "separator %q", sep)
		assert.Equal(t, `"Broken title`, titles[1], "the quote is text")
		assert.Equal(t, "Title 999", titles[999])
	}
}

// TestTSVTitleStartsWithQuote: a TSV title that starts with a quoted
// phrase is read as written.
func TestTSVTitleStartsWithQuote(t *testing.T) {
	in := "title\tabstract\n" +
		"\"Why Should I Trust You?\" Explaining the Predictions of Any Classifier\tWe propose LIME.\n" +
		"Second\tAnother abstract.\n"
	titles, skipped, notes := readNotes(t, in, Options{})
	assert.Empty(t, skipped)
	assert.Empty(t, notes)
	assert.Equal(t, []string{`"Why Should I Trust You?" Explaining the Predictions of Any Classifier`, "Second"}, titles)
}

// TestCSVMultiLineAndRagged: a quoted field may run over lines; a row with
// another number of fields than the header is read and reported; a field
// that runs over many lines is reported with its line.
func TestCSVMultiLineAndRagged(t *testing.T) {
	in := "title,abstract,year\n" +
		"\"A\",\"two\nlines\",2020\n" +
		"B,short row\n" +
		"C,\"" + strings.Repeat("line\n", 30) + "end\",2021\n" +
		"D,x,2022\n"
	titles, skipped, notes := readNotes(t, in, Options{})
	assert.Empty(t, skipped)
	assert.Equal(t, []string{"A", "B", "C", "D"}, titles)
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, n.String())
	}
	assert.Contains(t, msgs, "t.csv:4: 1 row(s) with another number of fields than the header's 3 (lines 4)")
	assert.Contains(t, msgs, "t.csv:5: a quoted field runs over 31 lines")
	assert.Contains(t, msgs, "t.csv: 35 lines read as 4 records: quoted fields run over many lines")
}
