package read

import (
	"encoding/binary"
	"encoding/json"
	"reflect"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Records are decoded by a scanner of their own first: one pass over the
// record that checks its syntax as encoding/json does and decodes each
// field's value as encoding/json would: a string without escapes that is
// ASCII straight from its bytes, the usual shapes of the other fields by
// hand ([decodeField]), the rest by the field's own decoder (the
// UnmarshalJSON of flexString, flexInt and authorList, which is what
// encoding/json calls too, or encoding/json), instead of encoding/json's
// validation pass and reflection over every byte. A record it is not sure
// to decode exactly as encoding/json would (a key repeated, a key in
// other case than a field's, a key with escapes or non-ASCII bytes, any
// syntax error or field error, nesting deeper than maxScanDepth) goes to
// encoding/json instead, so the result and the errors are the same.
// FuzzScanRecord holds the scanner to encoding/json.

// maxScanDepth is how deep arrays and objects nest before the scanner
// leaves a record to encoding/json.
const maxScanDepth = 64

// foldedFields are rawRecord's JSON keys in lower case, which
// encoding/json also matches (case-insensitively).
var foldedFields = func() map[string]bool {
	t := reflect.TypeFor[rawRecord]()
	folded := map[string]bool{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		folded[strings.ToLower(name)] = true
	}
	return folded
}()

// field returns a pointer to r's field whose JSON key is key, and the
// field's index in rawRecord; nil and -1 when no field has that key. It
// names the fields without reflection, so it must list every field of
// rawRecord under its tag (TestRecordFieldKeys holds it to that).
func (r *rawRecord) field(key []byte) (any, int) {
	switch string(key) {
	case "id":
		return &r.ID, 0
	case "title":
		return &r.Title, 1
	case "abstract":
		return &r.Abstract, 2
	case "summary":
		return &r.Summary, 3
	case "authors":
		return &r.Authors, 4
	case "year":
		return &r.Year, 5
	case "doi":
		return &r.DOI, 6
	case "url":
		return &r.URL, 7
	case "paper":
		return &r.Paper, 8
	case "arxiv_id":
		return &r.ArXivID, 9
	case "arxiv":
		return &r.ArXiv, 10
	case "publishedAt":
		return &r.PublishedAt, 11
	case "published":
		return &r.Published, 12
	case "githubRepo":
		return &r.GithubRepo, 13
	case "projectPage":
		return &r.ProjectPage, 14
	case "openalex":
		return &r.OpenAlexID, 15
	case "s2":
		return &r.S2ID, 16
	case "links":
		return &r.LinkList, 17
	case "refs":
		return &r.RefList, 18
	case "submitter":
		return &r.Submitter, 19
	case "authors_parsed":
		return &r.AuthorsParsed, 20
	case "comments":
		return &r.Comments, 21
	case "categories":
		return &r.Categories, 22
	case "journal-ref":
		return &r.JournalRef, 23
	case "versions":
		return &r.Versions, 24
	case "display_name":
		return &r.DisplayName, 25
	case "publication_year":
		return &r.PublicationYear, 26
	case "authorships":
		return &r.Authorships, 27
	case "abstract_inverted_index":
		return &r.InvertedIndex, 28
	case "ids":
		return &r.IDs, 29
	case "locations":
		return &r.Locations, 30
	case "primary_location":
		return &r.PrimaryLocation, 31
	case "best_oa_location":
		return &r.BestOA, 32
	case "referenced_works":
		return &r.ReferencedWorks, 33
	case "paperId":
		return &r.PaperID, 34
	case "externalIds":
		return &r.ExternalIDs, 35
	case "references":
		return &r.References, 36
	}
	return nil, -1
}

// decodeRecord decodes JSON object b into r as [decode] does, through the
// scanner when it can. r's json.RawMessage fields may share b's bytes:
// they are read while b is.
func decodeRecord(b []byte, r *rawRecord) error {
	if scanRecord(b, r) {
		return nil
	}
	*r = rawRecord{}
	return decode(b, r)
}

// scanRecord decodes b into r and reports whether it did; when it did not,
// r holds partial values.
func scanRecord(b []byte, r *rawRecord) bool {
	var s scanner
	ok, _ := s.record(b, r)
	return ok
}

// record is scanRecord, and reports also whether the record has a
// wrapper key ("papers", "data", "results", "items"). A record the
// scanner decodes has only keys without escapes, so one without such a
// key is not a wrapper object (see [wrapped]). After a record it decoded,
// s.unicodeEscape tells whether the record holds a \u escape.
func (s *scanner) record(b []byte, r *rawRecord) (ok, wrapperKey bool) {
	*s = scanner{b: b, mem: s.mem}
	s.space()
	if !s.byte('{') {
		return false, false
	}
	var seen uint64
	var authors []byte // an author list in one string, decoded at the end
	s.space()
	if s.byte('}') {
		s.space()
		return s.i == len(s.b), false
	}
	for {
		s.space()
		key, ok := s.key()
		if !ok {
			return false, false
		}
		switch string(key) {
		case "papers", "data", "results", "items":
			wrapperKey = true
		}
		s.space()
		if !s.byte(':') {
			return false, false
		}
		s.space()
		start := s.i
		if !s.value(0) {
			return false, false
		}
		f, index := r.field(key)
		switch {
		case f != nil:
			if seen&(1<<index) != 0 {
				return false, false // encoding/json merges or replaces: let it
			}
			seen |= 1 << index
			raw := s.b[start:s.i]
			if v, ok := f.(*flexString); ok && raw[0] == '"' {
				mem, asIs := s.slab(index)
				if !s.flexString(v, raw, mem, asIs) {
					return false, false
				}
			} else if _, ok := f.(*authorList); ok && raw[0] == '"' && s.mem != nil {
				authors = raw // once the record's authors_parsed is known
			} else if !decodeField(f, raw) {
				return false, false
			}
		case foldedField(key):
			return false, false // a field's key in other case: encoding/json's matching
		}
		s.space()
		if s.byte('}') {
			break
		}
		if !s.byte(',') {
			return false, false
		}
	}
	if authors != nil && !s.authors(&r.Authors, authors, len(r.AuthorsParsed) == 0) {
		return false, false
	}
	s.space()
	return s.i == len(s.b), wrapperKey
}

// authors decodes an author list in one string, raw, into v as jsonString
// gives its text; the text is cut from the kept strings' block when the
// paper takes its names from it (kept), and is an allocation of its own
// otherwise: an arXiv record with authors_parsed takes its names from
// that, and the text would stay in the block unused.
func (s *scanner) authors(v *authorList, raw []byte, kept bool) bool {
	var text string
	var ok bool
	if kept {
		text, ok = s.mem.kept.unquote(raw)
	} else {
		text, ok = unquote(raw)
	}
	if !ok {
		return false
	}
	*v = splitAuthors(text)
	return true
}

// decodeField decodes JSON value raw, whose syntax the scanner checked,
// into the field f points to and reports whether it did: by hand for the
// shapes records have (what encoding/json would make of them), through
// the field's UnmarshalJSON or encoding/json otherwise.
func decodeField(f any, raw []byte) bool {
	switch v := f.(type) {
	case *flexString:
		return v.UnmarshalJSON(raw) == nil
	case *flexInt:
		return v.UnmarshalJSON(raw) == nil
	case *authorList:
		return v.UnmarshalJSON(raw) == nil
	case *json.RawMessage:
		// What RawMessage.UnmarshalJSON keeps, without the copy: the
		// record's bytes outlive its decoding.
		*v = raw[:len(raw):len(raw)]
		return true
	case **flexString:
		// encoding/json leaves a pointer nil for null and otherwise
		// hands the value to a new flexString.
		if string(raw) == "null" {
			return true
		}
		*v = new(flexString)
		return (*v).UnmarshalJSON(raw) == nil
	case **authorList:
		if string(raw) == "null" {
			return true
		}
		*v = new(authorList)
		return (*v).UnmarshalJSON(raw) == nil
	case *[][]flexString:
		if ok, done := scanAuthorsParsed(v, raw); done {
			return ok
		}
	case *[]arXivVersion:
		if ok, done := scanVersions(v, raw); done {
			return ok
		}
	}
	if u, ok := f.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(raw) == nil
	}
	return json.Unmarshal(raw, f) == nil
}

// elements calls fn with each element of JSON array raw, whose syntax the
// scanner checked, and reports whether raw was an array it could walk
// (not one nested deeper than maxScanDepth) and fn took every element.
func elements(raw []byte, fn func(elem []byte) bool) bool {
	s := scanner{b: raw}
	if !s.byte('[') {
		return false
	}
	s.space()
	if s.byte(']') {
		return true
	}
	for {
		s.space()
		start := s.i
		if !s.value(1) || !fn(s.b[start:s.i]) {
			return false
		}
		s.space()
		if s.byte(']') {
			return true
		}
		if !s.byte(',') {
			return false
		}
	}
}

// scanAuthorsParsed decodes authors_parsed ([["Last", "First", ""], ...])
// as encoding/json would into v. done is false when raw has another shape
// (an element that is not an array or null, a name that is an object or
// an array), for encoding/json to decode or refuse.
func scanAuthorsParsed(v *[][]flexString, raw []byte) (ok, done bool) {
	if string(raw) == "null" {
		return true, true
	}
	out := [][]flexString{}
	var names []flexString // the backing array of the names
	walked := elements(raw, func(author []byte) bool {
		if string(author) == "null" {
			out = append(out, nil)
			return true
		}
		start := len(names)
		if !elements(author, func(name []byte) bool {
			var f flexString
			if f.UnmarshalJSON(name) != nil {
				return false
			}
			names = append(names, f)
			return true
		}) {
			return false
		}
		if start == len(names) {
			out = append(out, []flexString{}) // [], not null
			return true
		}
		// A name appended later may move names; this author's keep the
		// array they are in.
		out = append(out, names[start:len(names):len(names)])
		return true
	})
	if !walked {
		return false, false
	}
	*v = out
	return true, true
}

// scanVersions decodes versions ([{"version": "v1", "created": "..."}])
// as encoding/json would into v: an element that is an object with no
// keys but "version" and "created", each at most once and spelled so, by
// hand; any other element through arXivVersion.UnmarshalJSON, as
// encoding/json does. done is false when raw is not an array.
func scanVersions(v *[]arXivVersion, raw []byte) (ok, done bool) {
	if string(raw) == "null" {
		return true, true
	}
	if len(raw) == 0 || raw[0] != '[' {
		return false, false
	}
	out := []arXivVersion{}
	walked := elements(raw, func(elem []byte) bool {
		var ver arXivVersion
		if !scanVersion(&ver, elem) {
			ver = arXivVersion{}
			if ver.UnmarshalJSON(elem) != nil {
				return false
			}
		}
		out = append(out, ver)
		return true
	})
	if !walked {
		return false, false
	}
	*v = out
	return true, true
}

// scanVersion decodes a version object whose keys are only "version" and
// "created", each at most once, and reports whether elem was one.
func scanVersion(v *arXivVersion, elem []byte) bool {
	s := scanner{b: elem}
	if !s.byte('{') {
		return false
	}
	s.space()
	if s.byte('}') {
		return true
	}
	var seenVersion, seenCreated bool
	for {
		s.space()
		key, ok := s.key()
		if !ok {
			return false
		}
		s.space()
		if !s.byte(':') {
			return false
		}
		s.space()
		start := s.i
		if !s.value(1) {
			return false
		}
		var f json.Unmarshaler
		switch string(key) {
		case "version":
			if seenVersion {
				return false
			}
			seenVersion, f = true, &v.Version
		case "created":
			if seenCreated {
				return false
			}
			seenCreated, f = true, &v.Created
		default:
			return false
		}
		if f.UnmarshalJSON(s.b[start:s.i]) != nil {
			return false
		}
		s.space()
		if s.byte('}') {
			return s.i == len(s.b)
		}
		if !s.byte(',') {
			return false
		}
	}
}

// foldedField reports whether ASCII key in lower case is the key of one of
// rawRecord's fields.
func foldedField(key []byte) bool {
	var buf [32]byte
	if len(key) > len(buf) {
		return false // longer than every field's key
	}
	l := buf[:len(key)]
	for i, c := range key {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		l[i] = c
	}
	return foldedFields[string(l)]
}

// scanner checks JSON syntax as encoding/json's scanner does.
type scanner struct {
	b []byte
	i int
	// What the last string scanned held: a backslash (an escape), a
	// byte that is not ASCII.
	escaped, nonASCII bool
	// A \u escape was scanned (in any string so far).
	unicodeEscape bool
	// Where the strings of the fields papers take are cut from; nil:
	// each string is an allocation of its own.
	mem *textSlabs
}

// slab returns the slab to cut the string of rawRecord's field index
// from: the abstracts' for an abstract or a summary, the kept strings'
// for an id or a title, nil (an allocation of its own) for the fields
// that papers do not take whole. asIs, when not nil, tells which of the
// field's strings a paper keeps as they are: a title goes to the block
// only then (see [titleAsIs]).
func (s *scanner) slab(index int) (mem *slab, asIs func(string) bool) {
	if s.mem == nil {
		return nil, nil
	}
	switch index {
	case idField:
		return &s.mem.kept, nil
	case titleField:
		return &s.mem.kept, titleAsIs
	case abstractField, summaryField:
		return &s.mem.text, nil
	}
	return nil, nil
}

// titleAsIs reports whether a paper keeps title t as it is (or a part of
// it): t is ASCII with no white space but single blanks, so collapse
// leaves it as it is, and has no TeX or markup for decodeTeX or
// cleanMarkup to replace. A title that needs any of them is copied when
// its paper is made (most snapshot titles longer than a line are wrapped
// with "\n  "), and a copy in the kept block would stay there unused.
func titleAsIs(t string) bool {
	return singleBlanks(t) && texFree(t, true) && !strings.ContainsAny(t, "<&")
}

// The indexes [rawRecord.field] gives the fields whose strings papers
// take whole.
var (
	idField       = fieldIndex("id")
	titleField    = fieldIndex("title")
	abstractField = fieldIndex("abstract")
	summaryField  = fieldIndex("summary")
)

func fieldIndex(key string) int {
	_, i := new(rawRecord).field([]byte(key))
	return i
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// byte consumes c if it comes next.
func (s *scanner) byte(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// key consumes an object key of printable ASCII without escapes and
// returns it without its quotes.
func (s *scanner) key() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c < ' ' || c == '\\' || c >= utf8.RuneSelf:
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// value consumes one JSON value.
func (s *scanner) value(depth int) bool {
	if s.i >= len(s.b) || depth > maxScanDepth {
		return false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.string()
	case c == '{':
		s.i++
		s.space()
		if s.byte('}') {
			return true
		}
		for {
			s.space()
			if !s.string() {
				return false
			}
			s.space()
			if !s.byte(':') {
				return false
			}
			s.space()
			if !s.value(depth + 1) {
				return false
			}
			s.space()
			if s.byte('}') {
				return true
			}
			if !s.byte(',') {
				return false
			}
		}
	case c == '[':
		s.i++
		s.space()
		if s.byte(']') {
			return true
		}
		for {
			s.space()
			if !s.value(depth + 1) {
				return false
			}
			s.space()
			if s.byte(']') {
				return true
			}
			if !s.byte(',') {
				return false
			}
		}
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return false
}

func (s *scanner) literal(word string) bool {
	if len(s.b)-s.i >= len(word) && string(s.b[s.i:s.i+len(word)]) == word {
		s.i += len(word)
		return true
	}
	return false
}

// string consumes a string: no control characters, valid escapes (any
// bytes otherwise: encoding/json takes invalid UTF-8 too).
func (s *scanner) string() bool {
	if !s.byte('"') {
		return false
	}
	s.escaped, s.nonASCII = false, false
	for s.i < len(s.b) {
		n, high := plainRun(s.b[s.i:])
		s.i += n
		s.nonASCII = s.nonASCII || high
		if s.i == len(s.b) {
			break
		}
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return true
		case c < ' ':
			return false
		case c == '\\':
			if s.i+1 >= len(s.b) {
				return false
			}
			s.escaped = true
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if _, ok := hex4(s.b[s.i+2:]); !ok {
					return false
				}
				s.unicodeEscape = true
				s.i += 6
			default:
				return false
			}
			continue
		case c >= utf8.RuneSelf:
			s.nonASCII = true
		}
		s.i++
	}
	return false
}

// flexString decodes the string the scanner has just scanned, raw, into
// v as flexString.UnmarshalJSON would, without looking at its bytes
// again when it has no escape and is ASCII.
//
// With mem set, the string is cut from mem's block; with asIs set too,
// only when asIs reports that the paper keeps the string as it is (and
// not a copy, which would leave the block's bytes unused as long as the
// block lives), and is an allocation of its own otherwise.
func (s *scanner) flexString(v *flexString, raw []byte, mem *slab, asIs func(string) bool) bool {
	if s.escaped {
		if mem == nil {
			return v.UnmarshalJSON(raw) == nil
		}
		// flexString.UnmarshalJSON: jsonString, which is unquote for
		// the literal the scanner checked.
		str, ok := mem.unquoteIf(raw, asIs)
		if !ok {
			return v.UnmarshalJSON(raw) == nil
		}
		*v = flexString(str)
		return true
	}
	text := raw[1 : len(raw)-1]
	var str string
	switch {
	case s.nonASCII && !utf8.Valid(text):
		str = strings.ToValidUTF8(string(text), "\uFFFD")
	case mem != nil && (asIs == nil || asIs(unsafe.String(unsafe.SliceData(text), len(text)))):
		str = mem.string(text)
	default:
		str = string(text)
	}
	*v = flexString(str)
	return true
}

// number consumes a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	s.byte('-')
	switch {
	case s.byte('0'):
	case s.i < len(s.b) && s.b[s.i] >= '1' && s.b[s.i] <= '9':
		s.digits()
	default:
		return false
	}
	if s.byte('.') {
		if !s.digits() {
			return false
		}
	}
	if s.byte('e') || s.byte('E') {
		if !s.byte('+') {
			s.byte('-')
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits consumes one or more digits and reports whether there was one.
func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

// unquote returns the text of JSON string literal b (quotes included) as
// encoding/json decodes it: escapes replaced, a UTF-16 surrogate without
// its other half and each byte that is not part of valid UTF-8 replaced by
// U+FFFD. ok is false when b is not a valid string literal.
func unquote(b []byte) (string, bool) {
	if len(b) < 2 {
		return "", false
	}
	out, ok := unquoteAppend(make([]byte, 0, len(b)-2+2*utf8.UTFMax), b)
	if !ok {
		return "", false
	}
	// out is not written again: the string is its bytes, not a copy.
	return unsafe.String(unsafe.SliceData(out), len(out)), true
}

// unquoteAppend appends the text of JSON string literal b to out, as
// [unquote] returns it.
func unquoteAppend(out, b []byte) ([]byte, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, false
	}
	b = b[1 : len(b)-1]
	for i := 0; i < len(b); {
		// The bytes up to the next quote, backslash or control character
		// (eight at a time) are copied at once when they are ASCII, and
		// taken a rune at a time otherwise, as below. A rune may run on
		// past the run's end: its bytes are not ASCII, so none of those.
		if n, nonASCII := plainRun(b[i:]); n > 0 {
			if !nonASCII {
				out = append(out, b[i:i+n]...)
				i += n
				continue
			}
			for end := i + n; i < end; {
				if c := b[i]; c < utf8.RuneSelf {
					out = append(out, c)
					i++
					continue
				}
				r, size := utf8.DecodeRune(b[i:])
				i += size
				out = utf8.AppendRune(out, r)
			}
			continue
		}
		c := b[i]
		switch {
		case c == '\\':
			if i+1 >= len(b) {
				return nil, false
			}
			switch e := b[i+1]; e {
			case '"', '\\', '/':
				out, i = append(out, e), i+2
			case 'b':
				out, i = append(out, '\b'), i+2
			case 'f':
				out, i = append(out, '\f'), i+2
			case 'n':
				out, i = append(out, '\n'), i+2
			case 'r':
				out, i = append(out, '\r'), i+2
			case 't':
				out, i = append(out, '\t'), i+2
			case 'u':
				r, ok := hex4(b[i+2:])
				if !ok {
					return nil, false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
						if r2, ok := hex4(b[i+2:]); ok {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								out = utf8.AppendRune(out, dec)
								i += 6
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
			default:
				return nil, false
			}
		case c == '"' || c < ' ':
			return nil, false
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			i += size
			out = utf8.AppendRune(out, r)
		}
	}
	return out, true
}

// plainRun returns how many bytes at the start of b, taken eight at a
// time, hold no quote, backslash or control character: the bytes a
// string's scan steps over without looking at each; and whether one of
// them is not ASCII.
func plainRun(b []byte) (n int, nonASCII bool) {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	var high uint64
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		q, bs := w^('"'*ones), w^('\\'*ones)
		// special&highs is not zero exactly when a byte is below 0x20,
		// or is '"' or '\\' (zero after the xor): bit twiddling's
		// hasless and haszero, whose borrows mark other bytes only after
		// a byte that is one.
		special := (w-0x20*ones)&^w | (q-ones)&^q | (bs-ones)&^bs
		if special&highs != 0 {
			break
		}
		high |= w
	}
	return i, high&highs != 0
}
