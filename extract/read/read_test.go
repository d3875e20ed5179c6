package read

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readString reads all papers of s, returning papers, skipped record
// errors and the fatal error.
func readString(t *testing.T, s string, opt Options) ([]papergraph.Paper, []error, error) {
	t.Helper()
	return ReadAll(strings.NewReader(s), "in.txt", opt)
}

func titles(ps []papergraph.Paper) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return out
}

func TestTrendingPageSample(t *testing.T) {
	const path = "../../internal/sample/hf-trending-page.txt"
	papers, skipped, err := ReadFile(path, Options{})
	require.NoError(t, err)
	assert.Empty(t, skipped)
	require.Len(t, papers, 61)

	// The sample holds 9 header lines, then title, blank, abstract, blank:
	// the titles are on lines 11, 15, ..., 251, read here independently.
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	var want []string
	for n := 11; n <= len(lines); n += 4 {
		want = append(want, lines[n-1])
	}
	assert.Equal(t, want, titles(papers))
	assert.Equal(t, "SkyReels-V2: Infinite-length Film Generative Model", papers[0].Title)
	assert.Equal(t, "R-Sparse: Rank-Aware Activation Sparsity for Efficient LLM Inference", papers[60].Title)
	for i, p := range papers {
		assert.Equal(t, lines[p.Pos.Line], "", "blank after title %d", i)
		assert.Equal(t, lines[p.Pos.Line+1], p.Abstract, "abstract %d", i)
		assert.Equal(t, i+1, p.Pos.Record)
		assert.Equal(t, path, p.Pos.File)
	}
}

func TestHFPageVariants(t *testing.T) {
	abs1 := "We propose a method that makes every benchmark easier and evaluate it on ImageNet and COCO, where it beats all baselines by a wide margin."
	abs2 := strings.Repeat("A long abstract sentence about models. ", 10)
	abs2 = strings.TrimSpace(abs2)
	base := "Get trending papers in your email inbox!\n\nSubscribe\n\nJul 1\n\nFirst Paper: A Title\n\n" + abs1 + "\n\nSecond Paper\n\n" + abs2 + "\n"
	want := []string{"First Paper: A Title", "Second Paper"}
	tests := []struct {
		name string
		in   string
	}{
		{"lf", base},
		{"crlf", strings.ReplaceAll(base, "\n", "\r\n")},
		{"bom", "\ufeff" + base},
		{"trailing spaces", strings.ReplaceAll(base, "\n", "  \t\n")},
		{"extra blank lines", strings.ReplaceAll(base, "\n\n", "\n\n\n\n")},
		{"no blank lines", strings.ReplaceAll(base, "\n\n", "\n")},
		{"no header", "First Paper: A Title\n\n" + abs1 + "\n\nSecond Paper\n\n" + abs2},
		{"different header", "My reading list\nexported today\n\nFirst Paper: A Title\n\n" + abs1 + "\n\nSecond Paper\n\n" + abs2},
		{"no final newline", strings.TrimRight(base, "\n")},
		{"gzip", gz(t, base)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			papers, skipped, err := readString(t, tc.in, Options{})
			require.NoError(t, err)
			assert.Empty(t, skipped)
			assert.Equal(t, want, titles(papers))
			if assert.Len(t, papers, 2) {
				assert.Equal(t, abs1, papers[0].Abstract)
				assert.Equal(t, abs2, papers[1].Abstract)
			}
		})
	}
}

func TestHFPageShortAbstracts(t *testing.T) {
	in := "Tiny Paper One\n\nWe do one small thing.\n\nTiny Paper Two\n\nWe do another small thing!\n"
	papers, skipped, err := readString(t, in, Options{})
	require.NoError(t, err)
	assert.Empty(t, skipped)
	assert.Equal(t, []string{"Tiny Paper One", "Tiny Paper Two"}, titles(papers))
}

func TestHFPageErrors(t *testing.T) {
	abs := "We propose a method that makes every benchmark easier and evaluate it on ImageNet and COCO, where it beats all baselines by a wide margin."
	tests := []struct {
		name      string
		in        string
		titles    []string
		errLines  []int
		fatal     error
		fatalText string
	}{
		{name: "title without abstract in the middle",
			in:     "A\n\n" + abs + "\n\nLonely Title\n\nB\n\n" + abs + "\n",
			titles: []string{"A", "B"}, errLines: []int{5}},
		{name: "title without abstract at the end",
			in:     "A\n\n" + abs + "\n\nLonely Title\n",
			titles: []string{"A"}, errLines: []int{5}},
		{name: "abstract without title",
			in:     "A\n\n" + abs + "\n\n" + strings.Repeat(abs+" ", 3) + "\n\nB\n\n" + abs + "\n",
			titles: []string{"A", "B"}, errLines: []int{5}},
		{name: "abstract in two paragraphs",
			in:     "A\n\n" + abs + "\n\n" + abs + "\n\nB\n\n" + abs + "\n",
			titles: []string{"A", "B"}, errLines: []int{5}},
		{name: "abstract at the end without title",
			in:     "A\n\n" + abs + "\n\n" + abs + "\n",
			titles: []string{"A"}, errLines: []int{5}},
		{name: "not a listing",
			in:    "just\nsome\nshort\nlines\nhere\n",
			fatal: ErrUnknownFormat, fatalText: "read: in.txt:1: hf-page: unknown input format: not a trending-page listing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			papers, skipped, err := readString(t, tc.in, Options{})
			if tc.fatal != nil {
				require.ErrorIs(t, err, tc.fatal)
				assert.Contains(t, err.Error(), tc.fatalText)
				assert.Contains(t, err.Error(), "bibtex", "names the formats read")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.titles, titles(papers))
			var lines []int
			for _, e := range skipped {
				var re *RecordError
				require.ErrorAs(t, e, &re)
				assert.ErrorIs(t, e, ErrMalformed)
				lines = append(lines, re.Pos.Line)
			}
			assert.Equal(t, tc.errLines, lines)
		})
	}
}

func gz(t testing.TB, s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, err := w.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.String()
}

func TestDetect(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.file, func(t *testing.T) {
			b, err := os.ReadFile("testdata/" + fx.file)
			require.NoError(t, err)
			// The name plays no part: gzip and format come from the bytes.
			r, err := Open(bytes.NewReader(b), "noext", Options{})
			require.NoError(t, err)
			assert.Equal(t, fx.format, r.Format())
		})
	}
	fatal := []struct {
		name string
		in   string
		opt  Options
		want error
	}{
		{"empty", "", Options{}, ErrEmpty},
		{"white space", " \n\r\n\t ", Options{}, ErrEmpty},
		{"bom only", "\ufeff\n", Options{}, ErrEmpty},
		{"gzip of nothing", gz(t, ""), Options{}, ErrEmpty},
		{"nul bytes", "title\x00\x00\x01abstract", Options{}, ErrBinary},
		{"png", "\x89PNG\r\n\x1a\n....", Options{}, ErrBinary},
		{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Options{}, ErrBinary},
		{"latin-1 garbage", strings.Repeat("\xe9t\xe9 \xe0 la plage ", 20), Options{}, ErrBinary},
		{"utf-16", "\xff\xfeT\x00i\x00", Options{}, ErrBinary},
		{"html page", "<!DOCTYPE html><html><body>papers</body></html>", Options{}, ErrUnknownFormat},
		{"other xml", "<?xml version=\"1.0\"?><rss><channel/></rss>", Options{}, ErrUnknownFormat},
		{"csv without abstract", "title,year\nA,2020\n", Options{}, ErrUnknownFormat},
		{"forced unknown name", "x", Options{Format: "docx"}, ErrUnknownFormat},
		{"truncated gzip", gz(t, strings.Repeat("x", 100))[:12], Options{}, ErrMalformed},
	}
	for _, tc := range fatal {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(strings.NewReader(tc.in), "in.dat", tc.opt)
			if err == nil { // some inputs only fail when read
				_, _, err = ReadAll(strings.NewReader(tc.in), "in.dat", tc.opt)
			}
			require.ErrorIs(t, err, tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "read: in.dat"), err.Error())
			if errors.Is(err, ErrUnknownFormat) || errors.Is(err, ErrBinary) {
				assert.Contains(t, err.Error(), strings.Join(Formats(), ", "))
			}
		})
	}
}

func TestForcedFormat(t *testing.T) {
	// A CSV forced as TSV has no title column; JSON forced as s2 maps by
	// S2 keys even though the content looks like HF.
	_, err := Open(strings.NewReader("title,abstract\nA,B\n"), "x", Options{Format: FormatTSV})
	require.ErrorIs(t, err, ErrUnknownFormat)

	papers, _, err := ReadAll(strings.NewReader(`{"title":"T","summary":"S","paperId":"p1"}`), "x", Options{Format: FormatS2})
	require.NoError(t, err)
	require.Len(t, papers, 1)
	assert.Equal(t, "p1", papers[0].S2)
	assert.Empty(t, papers[0].Abstract, "s2 reads abstract, not summary")

	r, err := Open(strings.NewReader("title\tabstract\nA\tB\n"), "x", Options{Format: " TSV "})
	require.NoError(t, err)
	assert.Equal(t, FormatTSV, r.Format())

	r, err = Open(strings.NewReader(`{"title":"T","paperId":"p1"}`), "x", Options{Format: "auto"})
	require.NoError(t, err)
	assert.Equal(t, FormatS2, r.Format())
}

// TestRepeatedKeyLastWins checks that of a key given twice the last value
// counts, null included, for the fields whose presence decides a record's
// format: a snapshot key set and then nulled leaves a plain record.
func TestRepeatedKeyLastWins(t *testing.T) {
	const plain = `{"id":"2401.00001","title":"T","abstract":"a"}`
	base, _, err := readString(t, plain, Options{})
	require.NoError(t, err)
	for _, key := range []string{"submitter", "journal-ref"} {
		t.Run(key, func(t *testing.T) {
			set := `{"id":"2401.00001","title":"T","` + key + `":"x","abstract":"a"}`
			want, _, err := readString(t, set, Options{})
			require.NoError(t, err)
			require.NotEqual(t, base[0].Year, want[0].Year, "the key makes it a snapshot record")
			for in, w := range map[string][]papergraph.Paper{
				`{"id":"2401.00001","title":"T","` + key + `":"x","` + key + `":null,"abstract":"a"}`: base,
				`{"id":"2401.00001","title":"T","` + key + `":null,"` + key + `":"x","abstract":"a"}`: want,
			} {
				got, _, err := readString(t, in, Options{})
				require.NoError(t, err)
				require.Len(t, got, 1)
				assert.Equal(t, w[0].Year, got[0].Year, in)
				assert.Equal(t, w[0].Title, got[0].Title, in)
			}
		})
	}
}

func TestJSONShapes(t *testing.T) {
	rec := func(id, title string) string {
		return `{"id":"` + id + `","title":"` + title + `","summary":"An abstract."}`
	}
	tests := []struct {
		name    string
		in      string
		titles  []string
		skipped int
		fatal   error
	}{
		{"jsonl", rec("1", "A") + "\n" + rec("2", "B") + "\n", []string{"A", "B"}, 0, nil},
		{"jsonl crlf blank lines", rec("1", "A") + "\r\n\r\n" + rec("2", "B"), []string{"A", "B"}, 0, nil},
		{"jsonl bad first line", `{"id": "1", "title": "broken` + "\n" + rec("2", "B") + "\n", []string{"B"}, 1, nil},
		{"array", "[" + rec("1", "A") + ",\n" + rec("2", "B") + "]", []string{"A", "B"}, 0, nil},
		{"pretty array", "[\n  " + rec("1", "A") + ",\n  " + rec("2", "B") + "\n]\n", []string{"A", "B"}, 0, nil},
		{"empty array", "[]", []string{}, 0, nil},
		{"single", "{\n\"title\": \"A\",\n\"summary\": \"x\"\n}", []string{"A"}, 0, nil},
		{"papers wrapper", `{"papers": [` + rec("1", "A") + `,` + rec("2", "B") + `]}`, []string{"A", "B"}, 0, nil},
		{"wrapper after many keys", "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6, \"g\": 7, \"h\": 8, \"i\": 9,\n\"papers\": [" + rec("1", "A") + "]}", []string{"A"}, 0, nil},
		{"paper with a data key is one paper", "{\"title\": \"A\",\n\"data\": [1, 2]}", []string{"A"}, 0, nil},
		{"data wrapper after meta", "{\"total\": 2,\n \"next\": {\"a\": [1]},\n \"data\": [" + rec("1", "A") + "]}", []string{"A"}, 0, nil},
		{"results wrapper", "{\"meta\": {\"count\": 1},\n\"results\": [" + rec("1", "A") + "]}", []string{"A"}, 0, nil},
		{"concatenated pretty objects", "{\n \"title\": \"A\"\n}\n{\n \"title\": \"B\"\n}\n", []string{"A", "B"}, 0, nil},
		{"bad element skipped", "[" + rec("1", "A") + `, 42, {"title": ["x"]}, null, ` + rec("2", "B") + "]", []string{"A", "B"}, 3, nil},
		{"truncated array", "[" + rec("1", "A") + ",\n" + `{"title": "B"`, []string{"A"}, 0, ErrMalformed},
		{"syntax error", "[" + rec("1", "A") + ", {,}]", []string{"A"}, 0, ErrMalformed},
		{"scalar document", "[1]\n", []string{}, 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			papers, skipped, err := readString(t, tc.in, Options{})
			if tc.fatal != nil {
				require.ErrorIs(t, err, tc.fatal)
				assert.Regexp(t, `^read: in.txt:\d+: hf-json: json: malformed record: `, err.Error())
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.titles, titles(papers))
			assert.Len(t, skipped, tc.skipped, "%v", skipped)
		})
	}
}

func TestMixedJSONRecords(t *testing.T) {
	// In one JSON Lines file, each record is mapped by its own keys.
	in := strings.Join([]string{
		`{"paper": {"id": "2401.00001", "title": "HF", "summary": "s", "githubRepo": "https://github.com/a/b"}}`,
		`{"id": "https://openalex.org/W1", "display_name": "OA", "abstract_inverted_index": {"b": [1], "a": [0]}, "referenced_works": ["https://openalex.org/W2"]}`,
		`{"paperId": "abc", "externalIds": {"ArXiv": "2401.00003v2"}, "title": "S2", "references": [{"paperId": "def", "externalIds": {"DOI": "10.1/X"}}]}`,
		`{"id": "2401.00004", "title": "AX", "abstract": "a", "versions": [{"version": "v1", "created": "Mon, 1 Jan 2024 00:00:00 GMT"}], "comments": "code: github.com/c/d"}`,
	}, "\n")
	papers, skipped, err := readString(t, in, Options{})
	require.NoError(t, err)
	require.Empty(t, skipped)
	require.Len(t, papers, 4)
	assert.Equal(t, []papergraph.Link{{URL: "https://github.com/a/b", Source: "githubRepo"}}, papers[0].Links)
	assert.Equal(t, "W1", papers[1].OpenAlex)
	assert.Equal(t, "a b", papers[1].Abstract)
	assert.Equal(t, []papergraph.Ref{{OpenAlex: "W2", Source: "referenced_works"}}, papers[1].Refs)
	assert.Equal(t, "2401.00003", papers[2].ArXiv)
	assert.Equal(t, []papergraph.Ref{{DOI: "10.1/x", Source: "references"}}, papers[2].Refs)
	assert.Equal(t, 2024, papers[3].Year)
	assert.Equal(t, []papergraph.Link{{URL: "github.com/c/d", Source: "comments"}}, papers[3].Links)
}

func TestLongLines(t *testing.T) {
	long := strings.Repeat("word ", 2<<20) // 10 MiB abstract, longer than any bufio buffer
	in := `{"id":"1","title":"Long","abstract":"` + long + `"}` + "\n" + `{"id":"2","title":"Next","abstract":"x"}` + "\n"
	t.Run("read whole", func(t *testing.T) {
		papers, skipped, err := readString(t, in, Options{})
		require.NoError(t, err)
		require.Empty(t, skipped)
		require.Len(t, papers, 2)
		assert.Equal(t, len(strings.TrimSpace(long)), len(papers[0].Abstract))
		assert.Equal(t, 2, papers[1].Pos.Line)
	})
	t.Run("over the limit", func(t *testing.T) {
		papers, skipped, err := readString(t, in, Options{MaxRecordBytes: 1 << 20})
		require.NoError(t, err)
		assert.Equal(t, []string{"Next"}, titles(papers))
		require.Len(t, skipped, 1)
		assert.ErrorIs(t, skipped[0], ErrTooLarge)
		assert.ErrorIs(t, skipped[0], ErrMalformed)
		assert.Contains(t, skipped[0].Error(), "in.txt:1:")
	})
	t.Run("json document over the limit", func(t *testing.T) {
		doc := `[{"title":"A","summary":"x"},{"title":"Long","summary":"` + long + `"}]`
		papers, _, err := readString(t, doc, Options{MaxRecordBytes: 1 << 20})
		assert.ErrorIs(t, err, ErrTooLarge)
		assert.Equal(t, []string{"A"}, titles(papers))
	})
	t.Run("hf page line over the limit", func(t *testing.T) {
		page := "Title\n\n" + long + "\n\nNext Title\n\n" + strings.Repeat("b ", 200) + "end.\n"
		papers, skipped, err := readString(t, page, Options{MaxRecordBytes: 1 << 20})
		require.NoError(t, err)
		assert.Len(t, skipped, 2, "%v", skipped) // the long line and its orphaned title
		assert.Equal(t, []string{"Next Title"}, titles(papers))
	})
}

func TestXMLSafety(t *testing.T) {
	laughs := `<?xml version="1.0"?>
<!DOCTYPE feed [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol2;</title></entry></feed>`
	external := `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><feed><entry><title>&xxe;</title></entry></feed>`
	for name, in := range map[string]string{"billion laughs": laughs, "external entity": external} {
		t.Run(name, func(t *testing.T) {
			papers, _, err := readString(t, in, Options{})
			require.ErrorIs(t, err, ErrEntity)
			assert.Empty(t, papers)
		})
	}
	t.Run("truncated feed", func(t *testing.T) {
		in := `<feed><entry><id>http://arxiv.org/abs/2401.00001</id><title>A</title></entry><entry><title>B`
		papers, _, err := readString(t, in, Options{})
		require.ErrorIs(t, err, ErrMalformed)
		assert.Equal(t, []string{"A"}, titles(papers))
		assert.Contains(t, err.Error(), "in.txt:1:")
	})
	t.Run("api error entry", func(t *testing.T) {
		in := `<feed><entry><id>http://arxiv.org/api/errors#incorrect_id</id><title>Error</title><summary>incorrect id format</summary></entry></feed>`
		_, skipped, err := readString(t, in, Options{})
		require.NoError(t, err)
		require.Len(t, skipped, 1)
		assert.Contains(t, skipped[0].Error(), "arXiv API error: incorrect id format")
	})
}

func TestCSVDetails(t *testing.T) {
	in := "\ufeffID;x,TITLE,Summary,Authors,DOI\r\n" +
		"k1,\"A, B\",\"s\",\"X Y; Last, First\",https://doi.org/10.1000/ABC\r\n" +
		",,,,\r\n" +
		"k2,Short row\r\n"
	papers, skipped, err := readString(t, in, Options{})
	require.NoError(t, err)
	require.Empty(t, skipped)
	require.Len(t, papers, 2)
	assert.Equal(t, "A, B", papers[0].Title)
	assert.Equal(t, []string{"X Y", "First Last"}, papers[0].Authors)
	assert.Equal(t, "10.1000/abc", papers[0].DOI)
	assert.Equal(t, "Short row", papers[1].Title)
	assert.Equal(t, 4, papers[1].Pos.Line)
}

func TestCSVBrokenQuote(t *testing.T) {
	for _, format := range []string{"", FormatCSV} {
		papers, _, err := ReadAll(strings.NewReader("title,abstract\n\"unclosed,x\n"), "q.csv", Options{Format: format})
		if err != nil {
			assert.ErrorContains(t, err, "read: q.csv")
		}
		for _, p := range papers {
			assert.NotEmpty(t, p.Title)
		}
	}
	_, err := Open(strings.NewReader("\"title,abstract\n"), "q.csv", Options{Format: FormatCSV})
	require.Error(t, err)
	assert.ErrorContains(t, err, "read: q.csv:1: csv: ")
}

func TestNextAfterEnd(t *testing.T) {
	r, err := Open(strings.NewReader(`{"title":"A"}`), "x", Options{})
	require.NoError(t, err)
	_, err = r.Next()
	require.NoError(t, err)
	for range 3 {
		_, err = r.Next()
		assert.Equal(t, io.EOF, err)
	}
	r, err = Open(strings.NewReader(`[{"title":"A"}, {`), "x", Options{})
	require.NoError(t, err)
	_, err = r.Next()
	require.NoError(t, err)
	_, err1 := r.Next()
	_, err2 := r.Next()
	require.ErrorIs(t, err1, ErrMalformed)
	assert.Equal(t, err1, err2, "fatal errors are sticky")
}

func TestTextLinks(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"15 pages, 5 figures", nil},
		{"Code: https://github.com/o/r.", []string{"https://github.com/o/r"}},
		{"(code at https://github.com/o/r)", []string{"https://github.com/o/r"}},
		{"see https://en.wikipedia.org/wiki/Foo_(bar), and more", []string{"https://en.wikipedia.org/wiki/Foo_(bar)"}},
		{"code: github.com/o/r; page: https://o.github.io/r/!", []string{"https://o.github.io/r/", "github.com/o/r"}},
		{"https://github.com/o/r and again HTTPS://GITHUB.COM/o/r", []string{"https://github.com/o/r"}},
		{"models at huggingface.co/org/model, data at https://x.org/d", []string{"https://x.org/d", "huggingface.co/org/model"}},
		{"javascript:alert(1) mailto:a@b.c ftp://x.org/y", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var got []string
			for _, l := range textLinks(tc.in, "comments") {
				assert.Equal(t, "comments", l.Source)
				got = append(got, l.URL)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestLinkFields(t *testing.T) {
	for in, ok := range map[string]bool{
		"https://github.com/a/b": true, "github.com/a/b": true, "http://x.org": true,
		"javascript:alert(1)": false, "data:text/html,x": false, "": false, "not a url": false,
		"https://": false, "ftp://x.org/a": false,
	} {
		_, got := link(in, "projectPage")
		assert.Equal(t, ok, got, in)
	}
}

func TestParseYear(t *testing.T) {
	for in, want := range map[string]int{
		"2025-04-17T17:56:50.000Z": 2025, "Mon, 2 Apr 2007 19:18:42 GMT": 2007, "12345": 0,
		"year 1999.": 1999, "": 0, "3000": 0, "0704.0001 2001": 2001,
	} {
		assert.Equal(t, want, parseYear(in), in)
	}
}

// TestFlexIntYear: flexInt reads the year from a string without escapes
// or a number as it reads it from the text flexString decodes, on
// literals of digits, blanks, escapes, invalid UTF-8 and other values.
func TestFlexIntYear(t *testing.T) {
	lits := []string{`"Mon, 1 Jan 2024 00:00:00 GMT"`, `2024`, `-2024`, `2024.5`, `1e3`, `" 1999 "`, `"\u0032024"`,
		`"20\"24"`, "\"\xff2024\xfe\"", "\"12\xff34\"", `null`, `true`, `"c. 1999"`, ` "2001" `, `[2000]`, `{"y": 2000}`, `""`, `"`}
	rng := rand.New(rand.NewPCG(7, 8))
	const alphabet = "0123456789 -.\\\"\xff\xc3\xa9u"
	for range 20000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		lits = append(lits, `"`+string(b)+`"`, string(b))
	}
	for _, lit := range lits {
		var s flexString
		wantErr := s.UnmarshalJSON([]byte(lit))
		var got flexInt
		err := got.UnmarshalJSON([]byte(lit))
		require.Equal(t, wantErr != nil, err != nil, "literal %q", lit)
		if err == nil {
			assert.Equal(t, parseYear(string(s)), int(got), "literal %q", lit)
		}
	}
}
