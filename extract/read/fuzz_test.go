package read

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// seed adds the fixtures whose names match one of the suffixes, plus
// extra inputs, to the fuzz corpus.
func seed(f *testing.F, suffixes []string, extra ...string) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		for _, s := range suffixes {
			if strings.HasSuffix(file, s) {
				b, err := os.ReadFile(file)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(b)
			}
		}
	}
	for _, e := range extra {
		f.Add([]byte(e))
	}
}

// checkRead reads data in the given format and checks the invariants:
// no panic, progress (at most one result per input byte), every skipped
// record carries a position, every fatal error is a positioned "read:"
// error, and papers have a title and valid UTF-8.
func checkRead(t *testing.T, data []byte, format string) {
	opt := Options{Format: format, MaxRecordBytes: 4096}
	r, err := Open(bytes.NewReader(data), "fuzz.in", opt)
	if err != nil {
		if !strings.HasPrefix(err.Error(), "read: fuzz.in") {
			t.Fatalf("Open error without origin: %v", err)
		}
		return
	}
	for n := 0; ; n++ {
		if n > len(data)+2 {
			t.Fatalf("no progress: %d results from %d bytes", n, len(data))
		}
		p, err := r.Next()
		if err == io.EOF {
			return
		}
		var re *RecordError
		if errors.As(err, &re) {
			if re.Pos.File != "fuzz.in" || (re.Pos.Line <= 0 && re.Pos.Record <= 0) {
				t.Fatalf("record error without position: %#v", re)
			}
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("record error does not wrap ErrMalformed: %v", err)
			}
			continue
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "read: fuzz.in") {
				t.Fatalf("fatal error without origin: %v", err)
			}
			if _, again := r.Next(); again != err {
				t.Fatalf("fatal error not sticky: %v then %v", err, again)
			}
			return
		}
		if p.Title == "" || p.Pos.Record != n+1 || p.Pos.File != "fuzz.in" {
			t.Fatalf("bad paper: %#v", p)
		}
		texts := append([]string{p.ID, p.Title, p.Abstract, p.ArXiv, p.DOI, p.OpenAlex, p.S2, p.URL}, p.Authors...)
		for _, l := range p.Links {
			texts = append(texts, l.URL, l.Source)
		}
		for _, r := range p.Refs {
			texts = append(texts, r.ArXiv, r.DOI, r.OpenAlex, r.S2, r.Title)
		}
		for _, s := range texts {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q in %#v", s, p)
			}
		}
	}
}

func FuzzHFPage(f *testing.F) {
	seed(f, []string{".txt"}, "T\n\nabstract of a dozen words or more goes on and on here ending now.\n", "a\r\n\r\nb\r\n")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, data, FormatHFPage) })
}

func FuzzJSON(f *testing.F) {
	seed(f, []string{".json", ".jsonl"}, `{"papers":[{"title":"a"}]}`, `[{"paper":{"title":"x"}}]`, "{\n\"data\": [1, {\"title\": 2}]}")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, data, "")
		for _, format := range []string{FormatHFJSON, FormatOpenAlex, FormatS2, FormatArXivJSONL} {
			checkRead(t, data, format)
		}
	})
}

func FuzzAtom(f *testing.F) {
	seed(f, []string{".atom"}, "<feed><entry><title>a</title></entry></feed>", `<!DOCTYPE x [<!ENTITY a "b">]><feed/>`)
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, data, FormatArXivAtom) })
}

func FuzzBibTeX(f *testing.F) {
	seed(f, []string{".bib"}, "@a{k, title = {x} # \"y\"}", "@string{a = {b}}@m{k,title=a}", `@a{k,title={\"{\c}}}`)
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, data, FormatBibTeX) })
}

func FuzzCSV(f *testing.F) {
	seed(f, []string{".csv"}, "title,abstract\n\"a\"\"b\",c\n", "title\tsummary\nx\ty\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, data, FormatCSV)
		checkRead(t, data, FormatTSV)
	})
}

// FuzzDetect feeds anything, gzip included, through format detection.
func FuzzDetect(f *testing.F) {
	seed(f, []string{".txt", ".json", ".jsonl", ".atom", ".bib", ".csv", ".gz"}, "", "\x1f\x8b", "\xef\xbb\xbf")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, data, "") })
}

func FuzzDecodeTeX(f *testing.F) {
	for _, s := range []string{`{\"o}`, `\c{c}`, `$\alpha$`, `\`, `\'`, `\v{}`, "--- ``x''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []bool{false, true} {
			out := decodeTeX(s, keep)
			if utf8.ValidString(s) && !utf8.ValidString(out) {
				t.Fatalf("decodeTeX(%q) = %q: invalid UTF-8", s, out)
			}
			checkTeXFree(t, s, keep)
		}
	})
}

// checkTeXFree: a text texFree passes is one texDecode leaves as it is.
func checkTeXFree(t *testing.T, s string, keepMath bool) {
	t.Helper()
	if texFree(s, keepMath) {
		assert.Equal(t, s, texDecode(s, keepMath), "texFree(%q, %v)", s, keepMath)
	}
}

// TestTeXFree runs checkTeXFree on random texts of the characters
// decodeTeX reads and letters, and wants texFree to pass texts without
// them.
func TestTeXFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte("ab -'`$~{}\\ eo")
	for range 20000 {
		s := string(randomText(rng, alphabet, 12))
		for _, keep := range []bool{false, true} {
			checkTeXFree(t, s, keep)
		}
	}
	for _, s := range []string{"", "Human-AI Interaction", "a 'quoted' `word`", "cost $5"} {
		assert.True(t, texFree(s, true), "%q", s)
	}
	assert.False(t, texFree("cost $5", false))
}
