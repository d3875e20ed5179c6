package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scanCases are records the scanner must decode as encoding/json does, or
// leave to it; fuzzing starts from them and from the JSON fixtures.
var scanCases = []string{
	`{"id": "2401.00001", "title": "A", "abstract": "B", "authors": "X and Y", "categories": "cs.LG"}`,
	`{"id": 2401, "year": "2024", "title": null, "authors": ["A", {"name": "B"}, {"display_name": "C"}]}`,
	`{"title": "esc \"q\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00 \ud800 \udc00x \u0000"}`,
	`{"title": "raw invalid \xff\xfe UTF-8", "abstract": "with escape \n and \xff"}`,
	`{"Title": "other case"}`,
	`{"TITLE": "other case", "title": "x"}`,
	`{"title": "a", "title": "b"}`,
	`{"ids": {"doi": "x"}, "ids": {"pmid": "y"}}`,
	`{"t\u0069tle": "escaped key"}`,
	`{"títle": "non-ASCII key"}`,
	`{"title": "x", "unknown": {"a": [1, 2.5e-3, -0, true, false, null, {}, []]}}`,
	`{"title": "x", "paper": {"title": "inner", "authors": [{"name": "A"}]}}`,
	`{"title": "x", "versions": [{"created": "Mon, 1 Jan 2024"}], "authors_parsed": [["L", "F", ""]]}`,
	`{"title": "x", "abstract_inverted_index": {"a": [0], "b": [1]}}`,
	`{"title": "x", "submitter": null, "journal-ref": null}`,
	`{"title": {"nested": 1}}`,
	`{"title": ["list"]}`,
	`{"title": 01}`,
	`{"title": 1.}`,
	`{"title": -}`,
	`{"title": 1e}`,
	`{"title": tru}`,
	`{"title": "x",}`,
	`{"title": "x"} trailing`,
	`{"title": "x"`,
	`{"title" "x"}`,
	"{\"title\": \"ctl \x01\"}",
	`{"title": "bad \q escape"}`,
	`{"title": "bad \u12 escape"}`,
	`{}`,
	` { "title" : "spaced" } `,
	`{"year": 2024.5, "publication_year": "c. 1999"}`,
	`{"title": "x", "links": [{"url": "https://github.com/a/b"}], "refs": []}`,
	`{"title": "x", "categories": null, "paper": null, "links": null, "refs": "x"}`,
	`{"title": "x", "authors_parsed": [], "versions": []}`,
	`{"title": "x", "authors_parsed": null, "versions": null, "submitter": 12, "journal-ref": true}`,
	`{"title": "x", "authors_parsed": [null, [], ["L"], ["L", "F", "", "extra"], [1, null, true]]}`,
	`{"title": "x", "authors_parsed": ["L, F"]}`,
	`{"title": "x", "authors_parsed": [["L", ["F"]]]}`,
	`{"title": "x", "authors_parsed": [["L", {"F": 1}]]}`,
	`{"title": "x", "authors_parsed": {"L": "F"}}`,
	`{"title": "x", "versions": ["v1", null, {"version": "v2", "created": "Tue, 2 Jan 2024"}, {}, 3]}`,
	`{"title": "x", "versions": [{"version": "v1", "version": "v2"}, {"created": "a", "created": "b"}]}`,
	`{"title": "x", "versions": [{"Created": "Mon, 1 Jan 2024", "size": "1kb", "created": "x"}]}`,
	`{"title": "x", "versions": [{"cre\u0061ted": "Mon, 1 Jan 2024"}, {"versión": 1}]}`,
	`{"title": "x", "versions": [["v1"]]}`,
	`{"title": "x", "versions": [{"created": ["x"]}]}`,
	`{"title": "x", "versions": "v1"}`,
	`{"title": "x", "versions": {"version": "v1"}}`,
	`{"title": "x", "authorships": null, "display_name": null, "paperId": null}`,
	`{"title": "x", "authorships": [{"author": {"display_name": "A"}}, "B"], "display_name": "D", "paperId": "p"}`,
	`{"title": "x", "authorships": {"a": 1}}`,
	`{"title": "x", "authors": [" A  B ", "", null, 7, {"name": ""}, {"display_name": "C"}]}`,
	`{"title": "x", "authors": [["A"]]}`,
	`{"title": "x", "authors": true}`,
	`{"title": "x", "authors": {"name": "A"}}`,
	`{"title": "x", "Update_Date": "2024", "REPORT-NO": "r", "a_key_longer_than_thirty_two_bytes_in_all": 1}`,
}

// TestScanRecordMatchesEncodingJSON: whatever the scanner decodes, it
// decodes as encoding/json does; what encoding/json refuses, the scanner
// leaves to it.
func TestScanRecordMatchesEncodingJSON(t *testing.T) {
	for _, c := range scanCases {
		t.Run(c, func(t *testing.T) { checkScan(t, []byte(c)) })
	}
	for _, c := range []string{`{"title": "x", "authors": "A"}`, ` { "title" : "spaced" } `, `{}`} {
		var r rawRecord
		assert.True(t, scanRecord([]byte(c), &r), "%s: the scanner decodes a plain record", c)
	}
	for _, c := range []string{`{"Title": "x"}`, `{"title": "a", "title": "b"}`, `{"t\u0069tle": "x"}`, `{"title": {"a": 1}}`} {
		var r rawRecord
		assert.False(t, scanRecord([]byte(c), &r), "%s: left to encoding/json", c)
	}
}

// TestScanFixtures: every record of the JSON fixtures decodes the same
// through the scanner.
func TestScanFixtures(t *testing.T) {
	for _, name := range []string{"arxiv-snapshot.jsonl", "hf-daily.json", "hf-papers.json", "hf-single.json", "openalex-works.json", "s2-papers.json"} {
		data, err := os.ReadFile("testdata/" + name)
		require.NoError(t, err)
		for _, rec := range fixtureRecords(data) {
			checkScan(t, rec)
		}
	}
}

// TestRecordFieldsFit: the scanner's bit set of seen fields holds every
// field of rawRecord.
func TestRecordFieldsFit(t *testing.T) {
	assert.LessOrEqual(t, reflect.TypeFor[rawRecord]().NumField(), 64)
}

// TestRecordFieldKeys: rawRecord.field names every field of rawRecord by
// its JSON key, with the field's index, and no other key.
func TestRecordFieldKeys(t *testing.T) {
	var r rawRecord
	rv := reflect.ValueOf(&r).Elem()
	for i := range rv.NumField() {
		name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ",")
		f, index := r.field([]byte(name))
		if assert.NotNil(t, f, "key %q", name) {
			assert.Equal(t, rv.Field(i).Addr().Interface(), f, "key %q", name)
			assert.Equal(t, i, index, "key %q", name)
		}
	}
	for _, key := range []string{"", "Title", "ID", "abstract ", "type"} {
		f, index := r.field([]byte(key))
		assert.Nil(t, f, "key %q", key)
		assert.Equal(t, -1, index, "key %q", key)
	}
}

// fixtureRecords returns the lines of JSON Lines data, or the elements of
// a JSON array, or the document itself.
func fixtureRecords(data []byte) [][]byte {
	var items []json.RawMessage
	if json.Unmarshal(data, &items) == nil {
		out := make([][]byte, len(items))
		for i, it := range items {
			out[i] = it
		}
		return out
	}
	if json.Valid(data) {
		return [][]byte{data}
	}
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		out = append(out, bytes.Clone(sc.Bytes()))
	}
	return out
}

func checkScan(t *testing.T, b []byte) {
	t.Helper()
	var want rawRecord
	wantErr := decode(b, &want)
	var got rawRecord
	ok := scanRecord(b, &got)
	if wantErr != nil {
		assert.False(t, ok, "%q: encoding/json refuses it (%v), the scanner took it", b, wantErr)
	} else if ok {
		assert.Equal(t, want, got, "%q", b)
	}
	// The strings cut from slabs: fresh ones, full ones (a new block) and
	// ones with three bytes left.
	for _, free := range []int{textBlock, 0, 3} {
		mem := &textSlabs{}
		mem.text.buf = make([]byte, textBlock-free, textBlock)
		mem.kept.buf = make([]byte, textBlock-free, textBlock)
		s := scanner{mem: mem}
		var viaSlab rawRecord
		slabOK, _ := s.record(b, &viaSlab)
		assert.Equal(t, ok, slabOK, "%q: cut from slabs with %d bytes free", b, free)
		if ok && slabOK {
			assert.Equal(t, got, viaSlab, "%q: cut from slabs with %d bytes free", b, free)
		}
	}
	var viaRecord rawRecord
	gotErr := decodeRecord(b, &viaRecord)
	if wantErr != nil {
		require.Error(t, gotErr, "%q", b)
		assert.Equal(t, wantErr.Error(), gotErr.Error(), "%q: the same error", b)
		return
	}
	require.NoError(t, gotErr, "%q", b)
	assert.Equal(t, want, viaRecord, "%q", b)
}

// unquoteCases are string literals for unquote: escapes of every kind,
// surrogates, invalid UTF-8, broken literals, and runs of eight plain
// bytes or more between escapes (the runs unquote copies at once when
// they are ASCII and decodes a rune at a time when they are not).
var unquoteCases = []string{
	`""`, `"plain"`, `"\"\\\/\b\f\n\r\t"`, `"\u00e9\u4e2d"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`,
	`"\ude00\ud83d"`, `"\ud83d\u0041"`, "\"\xff\xfe\"", "\"\xed\xa0\x80\"", `"\'"`, `"\x"`, `"\u12"`, "\"\x01\"", `"a"b"`, `"`, `x`,
	// ASCII runs of eight bytes or more, then an escape.
	`"We call it \"attention\" here"`, `"abcdefgh\"x"`, `"abcdefghijklmnopq\\"`, `"sixteen bytes ab\n and a tail of nine"`,
	// Runs with a rune of three or four bytes across the end of a word
	// of eight, inside the run and at its end, then an escape.
	`"abcdef中xyzabcde\\"`, `"abcde😀abcdefgh\\"`, `"abcdefg中\\ and on"`, `"abcdefgh😀\"end"`, `"café au lait, s'il vous plaît\n"`,
	// Bytes that are not UTF-8 in a run: one ending it before an escape,
	// a surrogate's encoding, a truncated rune, an over-long slash.
	"\"abcdefg\xe2\\n\"", "\"abcdefg\xe2\x82\\n\"", "\"abcd\xed\xa0\x80efghijklmnop\"", "\"abcdefgh\xf0\x9f\\\"\"",
	"\"\xc0\xafabcdefghijk\\t\"", "\"abcdefgh\xff\"",
	// A control character or a quote right after a run.
	"\"abcdefgh\x01\"", `"abcdefgh"ijk"`,
}

// TestUnquote compares unquote with encoding/json on string literals.
func TestUnquote(t *testing.T) {
	for _, c := range unquoteCases {
		checkUnquote(t, []byte(c))
	}
}

// TestUnquoteRandom compares unquote with encoding/json on 300,000 random
// literals of plain runs of eight bytes, runes of two to four bytes,
// invalid UTF-8 (a lone byte, truncated runes, a surrogate's encoding, an
// over-long slash) and escapes, surrogates alone and in pairs.
func TestUnquoteRandom(t *testing.T) {
	pieces := []string{"a", "abcdefgh", "é", "中", "😀", "\xff", "\xe2", "\xe2\x82", "\xf0\x9f", `\n`, `\"`, `\\`,
		`\u00e9`, `\ud83d`, `\ude00`, " ", "\x7f", "\xed\xa0\x80", "\xc0\xaf"}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 300_000 {
		b := []byte{'"'}
		for range rng.IntN(20) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		b = append(b, '"')
		var want string
		wantErr := json.Unmarshal(b, &want)
		got, ok := unquote(b)
		if (wantErr == nil) != ok || got != want {
			t.Fatalf("%q: unquote gives %q, %v; encoding/json %q, %v", b, got, ok, want, wantErr)
		}
	}
}

// checkUnquote compares unquote with encoding/json on b, a literal its
// callers have trimmed: encoding/json also takes white space around it.
func checkUnquote(t *testing.T, b []byte) {
	t.Helper()
	if len(bytes.Trim(b, " \t\r\n")) < len(b) {
		return
	}
	var want string
	wantErr := json.Unmarshal(b, &want)
	got, ok := unquote(b)
	if wantErr != nil {
		assert.False(t, ok, "%q: encoding/json refuses it (%v)", b, wantErr)
		return
	}
	if assert.True(t, ok, "%q", b) {
		assert.Equal(t, want, got, "%q", b)
	}
}

// FuzzScanRecord: the scanner decodes any input as encoding/json does, or
// leaves it to encoding/json.
func FuzzScanRecord(f *testing.F) {
	for _, c := range scanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkScan(t, b)
	})
}

// FuzzUnquote: unquote decodes a string literal as encoding/json does.
func FuzzUnquote(f *testing.F) {
	for _, c := range unquoteCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkUnquote(t, b)
	})
}

// collapseCases are texts whose white space collapse must treat as
// strings.Fields does.
var collapseCases = []string{
	"", " ", "plain text", "  lead and trail  ", "tab\tnew\nline\r\v\f", "double  space",
	"non-ASCII é  word", "nbsp\u00a0and\u0085next\u2003em\u3000ideographic", "\xff invalid \xfe\xfd bytes",
	"\u200bzero width is not space", " \u00a0 ",
	"seven b  eight", "sixteen bytes ab  c", "a bell\x07 is kept", "tab after eight\tbytes", "ends in two  ",
}

// TestSingleBlanks compares the eight-byte scan with a byte loop on texts
// of blanks, letters, control characters and non-ASCII bytes at every
// position of a word.
func TestSingleBlanks(t *testing.T) {
	naive := func(s string) bool {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 0x80 || asciiSpace[c] && c != ' ' || c == ' ' && i > 0 && s[i-1] == ' ' {
				return false
			}
		}
		return true
	}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte{'a', 'Z', ' ', ' ', ' ', '\t', '\n', 0x01, 0x1f, 0x7f, 0x80, 0xc3, 0xa9}
	for range 20000 {
		b := randomText(rng, alphabet, 26)
		assert.Equal(t, naive(string(b)), singleBlanks(string(b)), "%q", b)
	}
}

// randomText returns up to max-1 random bytes: lower-case letters, and
// one in four from alphabet.
func randomText(rng *rand.Rand, alphabet []byte, max int) []byte {
	b := make([]byte, rng.IntN(max))
	for i := range b {
		if rng.IntN(4) == 0 {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		} else {
			b[i] = 'a' + byte(rng.IntN(26))
		}
	}
	return b
}

// TestCollapse: collapse is strings.Join(strings.Fields(s), " ") of s
// made valid UTF-8.
func TestCollapse(t *testing.T) {
	for _, c := range collapseCases {
		checkCollapse(t, c)
	}
}

func checkCollapse(t *testing.T, s string) {
	t.Helper()
	want := strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	assert.Equal(t, want, collapse(s), "%q", s)
}

// FuzzCollapse: collapse agrees with strings.Fields on any text.
func FuzzCollapse(f *testing.F) {
	for _, c := range collapseCases {
		f.Add(c)
	}
	f.Fuzz(checkCollapse)
}

// TestPlainRun compares plainRun with a byte loop: it steps over whole
// words of bytes that are not a quote, a backslash or a control
// character, and stops at the word holding the first one, wherever it is;
// and it says whether a byte it stepped over is not ASCII.
func TestPlainRun(t *testing.T) {
	check := func(b []byte, want int, msgAndArgs ...any) {
		t.Helper()
		n, nonASCII := plainRun(b)
		assert.Equal(t, want, n, msgAndArgs...)
		high := false
		for _, c := range b[:want] {
			high = high || c >= utf8.RuneSelf
		}
		assert.Equal(t, high, nonASCII, msgAndArgs...)
	}
	special := func(c byte) bool { return c < 0x20 || c == '"' || c == '\\' }
	want := func(b []byte) int {
		i := 0
		for ; i+8 <= len(b); i += 8 {
			stop := false
			for _, c := range b[i : i+8] {
				stop = stop || special(c)
			}
			if stop {
				break
			}
		}
		return i
	}
	// Every byte value at every position of a word, among plain bytes
	// on both sides of each boundary.
	for pos := range 16 {
		for c := range 256 {
			b := bytes.Repeat([]byte("a\x7f\x80\xff "), 4)[:19]
			b[pos] = byte(c)
			check(b, want(b), "byte %#x at %d in %q", c, pos, b)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab \"\\\x00\x1f\x20\x21\x5b\x5d\x7f\x80\xc3\xa9\xff")
	for range 20000 {
		b := randomText(rng, alphabet, 40)
		check(b, want(b), "%q", b)
	}
}
