package read

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// invalidRuns is the reference count: the runs of bytes that are not
// UTF-8 in s (what strings.ToValidUTF8 replaces) and the line of the first.
func invalidRuns(s string) (runs, first int) {
	bad := false
	line := 1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			if !bad {
				runs++
				if first == 0 {
					first = line
				}
			}
			bad = true
		} else {
			bad = false
			if r == '\n' {
				line++
			}
		}
		i += size
	}
	return runs, first
}

// countChunked reads s through a utf8Count in reads of at most chunk bytes.
func countChunked(t testing.TB, s string, chunk int) (runs, first int) {
	var r io.Reader = strings.NewReader(s)
	if chunk == 1 {
		r = iotest.OneByteReader(r)
	} else {
		r = io.LimitReader(r, int64(len(s))) // a plain reader
	}
	c := &utf8Count{r: r}
	buf := make([]byte, chunk)
	var got bytes.Buffer
	for {
		n, err := c.Read(buf)
		got.Write(buf[:n])
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
	}
	require.Equal(t, s, got.String(), "bytes pass through unchanged")
	return c.runs, c.first
}

func TestUTF8Count(t *testing.T) {
	for _, tc := range []struct {
		name        string
		in          string
		runs, first int
	}{
		{"ascii", "title\nabstract\n", 0, 0},
		{"multibyte", "Schrödinger → 量子 🙂\n", 0, 0},
		{"one byte", "a\xffb", 1, 1},
		{"one run", "a\xff\xfe\xfdb", 1, 1},
		{"two runs", "a\xffb\xffc", 2, 1},
		{"on line 3", "a\nb\nc\xe9d\n\xff", 2, 3},
		{"latin-1", "Universit\xe4t M\xfcnchen\n", 2, 1},
		{"truncated at end", "caf\xc3", 1, 1},
		{"truncated inside", "caf\xc3 x", 1, 1},
		{"surrogate", "\xed\xa0\x80", 1, 1},
		{"overlong", "\xc0\xaf", 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantRuns, wantFirst := invalidRuns(tc.in)
			require.Equal(t, tc.runs, wantRuns, "reference")
			require.Equal(t, tc.first, wantFirst, "reference")
			for _, chunk := range []int{1, 2, 3, 5, 4096} {
				runs, first := countChunked(t, tc.in, chunk)
				assert.Equal(t, tc.runs, runs, "runs, reads of %d", chunk)
				assert.Equal(t, tc.first, first, "first line, reads of %d", chunk)
			}
			repaired := strings.Count(strings.ToValidUTF8(tc.in, "\uFFFD"), "\uFFFD") - strings.Count(tc.in, "\uFFFD")
			assert.Equal(t, repaired, tc.runs, "one U+FFFD per run")
		})
	}
}

func TestReaderInvalidUTF8(t *testing.T) {
	in := "{\"id\":\"2401.00001\",\"title\":\"A\",\"abstract\":\"ok\"}\n" +
		"{\"id\":\"2401.00002\",\"title\":\"Universit\xe4t\",\"abstract\":\"caf\xe9 and \xff\xfe\"}\n"
	rd, err := Open(strings.NewReader(in), "x.jsonl", Options{})
	require.NoError(t, err)
	papers := nextAll(t, rd)
	require.Len(t, papers, 2)
	assert.Equal(t, "Universit\uFFFDt", papers[1].Title)
	runs, first := rd.InvalidUTF8()
	assert.Equal(t, 3, runs)
	assert.Equal(t, 2, first)
}

func FuzzUTF8Count(f *testing.F) {
	for _, s := range []string{"", "abc", "a\xffb", "caf\xc3", "\xed\xa0\x80\n\xf0\x9f\x99", "量子\n\xe9"} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, s string, chunk uint8) {
		wantRuns, wantFirst := invalidRuns(s)
		runs, first := countChunked(t, s, int(chunk%16)+1)
		require.Equal(t, wantRuns, runs)
		require.Equal(t, wantFirst, first)
	})
}
