package read

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// flexString decodes a JSON string, number, bool or null as text, so that
// records with loosely typed fields ("id": 123) still read.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = ""
	case b[0] == '"':
		if len(b) >= 2 && b[len(b)-1] == '"' && bytes.IndexByte(b, '\\') < 0 {
			// No escapes: the content is the string (the decoder has
			// already checked the syntax).
			s := string(b[1 : len(b)-1])
			if !utf8.ValidString(s) {
				s = strings.ToValidUTF8(s, "\uFFFD")
			}
			*f = flexString(s)
			return nil
		}
		s, err := jsonString(b)
		if err != nil {
			return err
		}
		*f = flexString(s)
	case b[0] == '{' || b[0] == '[':
		return errors.New("want a string, got a JSON " + map[byte]string{'{': "object", '[': "array"}[b[0]])
	default:
		*f = flexString(b)
	}
	return nil
}

func (f flexString) String() string { return string(f) }

// presence records whether a field is there and not null, for a field
// whose text no format maps (a *flexString would keep a copy of it). It
// refuses what flexString refuses. A null clears it, as encoding/json sets
// a pointer field to nil: of a key given twice, the last value counts.
type presence bool

func (p *presence) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*p = false
		return nil
	case b[0] == '{' || b[0] == '[':
		var f flexString
		return f.UnmarshalJSON(b)
	}
	*p = true
	return nil
}

// flexInt decodes a number or a numeric string; anything else is 0.
// Its value is the year [parseYear] finds in the text flexString would
// decode.
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	// A string without escapes, or a number: the year is read from the
	// bytes, not a copy. flexString would repair invalid UTF-8 first,
	// which puts U+FFFD for bytes that are not digits anyway.
	t := bytes.TrimSpace(b)
	switch {
	case len(t) >= 2 && t[0] == '"' && t[len(t)-1] == '"' && bytes.IndexByte(t, '\\') < 0:
		*f = flexInt(parseYear(t[1 : len(t)-1]))
		return nil
	case len(t) > 0 && (t[0] == '-' || t[0] >= '0' && t[0] <= '9'):
		*f = flexInt(parseYear(t))
		return nil
	}
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	*f = flexInt(parseYear(string(s)))
	return nil
}

// authorList decodes ["A", "B"], [{"name": "A"}], [{"display_name": "A"}]
// or "A, B and C".
type authorList []string

func (a *authorList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		s, err := jsonString(b)
		if err != nil {
			return err
		}
		*a = splitAuthors(s)
		return nil
	}
	var items [][]byte
	if !elements(b, func(it []byte) bool { items = append(items, it); return true }) {
		// Not an array, or one nested deeper than the scanner goes.
		var raw []json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return errors.New("want a list or a string")
		}
		items = items[:0]
		for _, it := range raw {
			items = append(items, it)
		}
	}
	for _, it := range items {
		if it = bytes.TrimSpace(it); len(it) > 0 && it[0] != '{' {
			var s flexString
			if err := s.UnmarshalJSON(it); err != nil {
				return err
			}
			if n := collapse(string(s)); n != "" {
				*a = append(*a, n)
			}
			continue
		}
		var o struct {
			Name        flexString `json:"name"`
			DisplayName flexString `json:"display_name"`
			Author      *struct {
				DisplayName flexString `json:"display_name"`
			} `json:"author"`
		}
		if err := json.Unmarshal(it, &o); err != nil {
			return err
		}
		name := string(o.Name)
		if name == "" {
			name = string(o.DisplayName)
		}
		if name == "" && o.Author != nil {
			name = string(o.Author.DisplayName)
		}
		if n := collapse(name); n != "" {
			*a = append(*a, n)
		}
	}
	return nil
}

// jsonString decodes JSON string literal b, as json.Unmarshal into a
// string does.
func jsonString(b []byte) (string, error) {
	if s, ok := unquote(b); ok {
		return s, nil
	}
	var s string
	err := json.Unmarshal(b, &s)
	return s, err
}

// decode unmarshals a record into v, naming the field at fault.
func decode(b []byte, v any) error {
	err := json.Unmarshal(b, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Errorf("field %q: want %v, got a JSON %s", te.Field, te.Type, te.Value)
	}
	// Find the field at fault: decode the fields one at a time.
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) == nil {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			one, _ := json.Marshal(map[string]json.RawMessage{k: m[k]})
			if e := json.Unmarshal(one, reflect.New(reflect.TypeOf(v).Elem()).Interface()); e != nil {
				return fmt.Errorf("field %q: %w", k, e)
			}
		}
	}
	return fmt.Errorf("json: %w", err)
}

// rawRecord holds the fields of every JSON format read (Hugging Face,
// arXiv snapshot, OpenAlex, Semantic Scholar), so a record is decoded
// once whatever its format. Pointer fields record presence for
// classification.
type rawRecord struct {
	ID       flexString `json:"id"`
	Title    flexString `json:"title"`
	Abstract flexString `json:"abstract"`
	Summary  flexString `json:"summary"`
	Authors  authorList `json:"authors"`
	Year     flexInt    `json:"year"`
	DOI      flexString `json:"doi"`
	URL      flexString `json:"url"`

	// Hugging Face and generic records.
	Paper       json.RawMessage `json:"paper"`
	ArXivID     flexString      `json:"arxiv_id"`
	ArXiv       flexString      `json:"arxiv"`
	PublishedAt flexString      `json:"publishedAt"`
	Published   flexString      `json:"published"`
	GithubRepo  flexString      `json:"githubRepo"`
	ProjectPage flexString      `json:"projectPage"`

	// Batches saved by papergraph fetch: the ids, links and references
	// a source gave, under the names of papergraph.Paper's JSON fields.
	OpenAlexID flexString      `json:"openalex"`
	S2ID       flexString      `json:"s2"`
	LinkList   json.RawMessage `json:"links"`
	RefList    json.RawMessage `json:"refs"`

	// arXiv metadata snapshot.
	Submitter     presence        `json:"submitter"`
	AuthorsParsed [][]flexString  `json:"authors_parsed"`
	Comments      flexString      `json:"comments"`
	Categories    json.RawMessage `json:"categories"` // "cs.LG cs.AI" or ["cs.LG", "cs.AI"]: only its presence is used
	JournalRef    presence        `json:"journal-ref"`
	Versions      []arXivVersion  `json:"versions"`

	// OpenAlex.
	DisplayName     *flexString           `json:"display_name"`
	PublicationYear flexInt               `json:"publication_year"`
	Authorships     *authorList           `json:"authorships"`
	InvertedIndex   map[string][]int      `json:"abstract_inverted_index"`
	IDs             map[string]flexString `json:"ids"`
	Locations       []openAlexLocation    `json:"locations"`
	PrimaryLocation *openAlexLocation     `json:"primary_location"`
	BestOA          *openAlexLocation     `json:"best_oa_location"`
	ReferencedWorks *[]flexString         `json:"referenced_works"`

	// Semantic Scholar.
	PaperID     *flexString           `json:"paperId"`
	ExternalIDs map[string]flexString `json:"externalIds"`
	References  []s2Ref               `json:"references"`
}

// classify names the format of a record by the fields it has.
func (r *rawRecord) classify() string {
	switch {
	case len(r.Paper) > 0 && string(r.Paper) != "null":
		return FormatHFJSON
	case r.InvertedIndex != nil || r.ReferencedWorks != nil || r.Authorships != nil || r.DisplayName != nil:
		return FormatOpenAlex
	case r.PaperID != nil || r.ExternalIDs != nil:
		return FormatS2
	case bool(r.Submitter) || r.AuthorsParsed != nil || bool(r.JournalRef) || r.Versions != nil || r.Categories != nil:
		return FormatArXivJSONL
	}
	return FormatHFJSON
}

func first(vs ...flexString) string {
	for _, v := range vs {
		if s := strings.TrimSpace(string(v)); s != "" {
			return s
		}
	}
	return ""
}

// hfRecord maps a daily-papers item ({"paper": {...}, ...}), a paper
// object or a generic record with title and abstract/summary.
func hfRecord(outer *rawRecord) (papergraph.Paper, error) {
	in := outer
	if raw := bytes.TrimSpace(outer.Paper); len(raw) > 0 && raw[0] == '{' {
		in = &rawRecord{}
		if err := decodeRecord(raw, in); err != nil {
			return papergraph.Paper{}, fmt.Errorf("field \"paper\": %w", err)
		}
	}
	p := papergraph.Paper{
		ID:       first(in.ID, outer.ID),
		Title:    cleanMarkup(first(in.Title, outer.Title)),
		Abstract: cleanMarkup(longest(first(in.Summary, outer.Summary), first(in.Abstract, outer.Abstract))),
		Authors:  in.Authors,
		URL:      first(in.URL, outer.URL),
		Year:     int(in.Year),
	}
	if len(p.Authors) == 0 {
		p.Authors = outer.Authors
	}
	if p.Year == 0 {
		p.Year = parseYear(first(in.PublishedAt, in.Published, outer.PublishedAt, outer.Published))
	}
	p.AddID(first(in.ArXivID, in.ArXiv, outer.ArXivID, outer.ArXiv))
	p.AddID(p.ID)
	p.AddID(first(in.DOI, outer.DOI))
	if strings.Contains(strings.ToLower(p.URL), "arxiv.org/") {
		p.AddID(p.URL)
	}
	for _, f := range []struct {
		v      string
		source string
	}{{first(in.GithubRepo, outer.GithubRepo), "githubRepo"}, {first(in.ProjectPage, outer.ProjectPage), "projectPage"}} {
		if l, ok := link(f.v, f.source); ok {
			p.Links = append(p.Links, l)
		}
	}
	p.OpenAlex = normOpenAlex(first(in.OpenAlexID, outer.OpenAlexID))
	p.S2 = first(in.S2ID, outer.S2ID)
	if err := batchLists(&p, in); err != nil {
		return papergraph.Paper{}, err
	}
	return p, nil
}

// batchLists reads the "links" ([{"url", "source"}]) and "refs" ([{"arxiv",
// "doi", "openalex", "s2", "title", "source"}]) of a saved batch record;
// an entry without a usable URL or id is left out.
func batchLists(p *papergraph.Paper, r *rawRecord) error {
	if raw := bytes.TrimSpace(r.LinkList); len(raw) > 0 && string(raw) != "null" {
		var links []struct {
			URL    flexString `json:"url"`
			Source flexString `json:"source"`
		}
		if err := json.Unmarshal(raw, &links); err != nil {
			return fmt.Errorf("field \"links\": want a list of {url, source}")
		}
		for _, l := range links {
			if lk, ok := link(string(l.URL), strings.TrimSpace(string(l.Source))); ok {
				p.Links = append(p.Links, lk)
			}
		}
	}
	if raw := bytes.TrimSpace(r.RefList); len(raw) > 0 && string(raw) != "null" {
		var refs []struct {
			ArXiv    flexString `json:"arxiv"`
			DOI      flexString `json:"doi"`
			OpenAlex flexString `json:"openalex"`
			S2       flexString `json:"s2"`
			Title    flexString `json:"title"`
			Source   flexString `json:"source"`
		}
		if err := json.Unmarshal(raw, &refs); err != nil {
			return fmt.Errorf("field \"refs\": want a list of {arxiv, doi, openalex, s2, title, source}")
		}
		for _, x := range refs {
			if ref, ok := refFor(string(x.ArXiv), string(x.DOI), string(x.OpenAlex), string(x.S2), string(x.Title), strings.TrimSpace(string(x.Source))); ok {
				p.Refs = append(p.Refs, ref)
			}
		}
	}
	return nil
}

func longest(a, b string) string {
	if len(b) > len(a) {
		return b
	}
	return a
}

// An arXivVersion is an entry of a snapshot record's versions: the date
// the first was created gives the year; of its version, only that it is
// there is kept.
type arXivVersion struct {
	Version presence `json:"version"`
	Created flexInt  `json:"created"` // the year of the date, all that is read of it
}

// UnmarshalJSON reads a version object or, as some digests write it, a
// bare version string ("v1").
func (v *arXivVersion) UnmarshalJSON(b []byte) error {
	if b = bytes.TrimSpace(b); len(b) > 0 && b[0] != '{' {
		*v = arXivVersion{}
		return v.Version.UnmarshalJSON(b)
	}
	type plain arXivVersion
	return json.Unmarshal(b, (*plain)(v))
}

// arXivRecord maps a record of the arXiv metadata snapshot.
func arXivRecord(r *rawRecord) papergraph.Paper {
	p := papergraph.Paper{
		ID:       strings.TrimSpace(string(r.ID)),
		Title:    collapse(decodeTeX(string(r.Title), true)),
		Abstract: collapse(first(r.Abstract, r.Summary)),
	}
	p.AddID(p.ID)
	for d := range strings.FieldsSeq(string(r.DOI)) {
		if p.AddID(d) && p.DOI != "" {
			break
		}
	}
	if len(r.AuthorsParsed) > 0 {
		for _, a := range r.AuthorsParsed {
			var held [3]string // given name, family name, suffix: no slice made per author
			parts := held[:0]
			if len(a) > 1 {
				parts = append(parts, string(a[1]))
			}
			if len(a) > 0 {
				parts = append(parts, string(a[0]))
			}
			if len(a) > 2 && a[2] != "" {
				parts = append(parts, string(a[2]))
			}
			if n := collapse(decodeTeX(strings.Join(parts, " "), true)); n != "" {
				if p.Authors == nil {
					p.Authors = make([]string, 0, len(r.AuthorsParsed))
				}
				p.Authors = append(p.Authors, n)
			}
		}
	} else {
		// The record's own list, made for it alone (as hfRecord hands it
		// on): the names are cleaned in place, not into a second list.
		authors := r.Authors[:0]
		for _, a := range r.Authors {
			if n := collapse(decodeTeX(a, true)); n != "" {
				authors = append(authors, n)
			}
		}
		if len(authors) > 0 {
			p.Authors = authors
		}
	}
	if len(r.Versions) > 0 {
		p.Year = int(r.Versions[0].Created)
	}
	if p.Year == 0 && len(p.ArXiv) >= 5 && p.ArXiv[4] == '.' {
		if yy, err := strconv.Atoi(p.ArXiv[:2]); err == nil {
			p.Year = 2000 + yy
		}
	}
	p.Links = textLinks(string(r.Comments), "comments")
	return p
}

type openAlexLocation struct {
	LandingPageURL flexString `json:"landing_page_url"`
	PDFURL         flexString `json:"pdf_url"`
}

// openAlexRecord maps an OpenAlex work. Its abstract, rebuilt from the
// inverted index, may be at most max bytes.
func openAlexRecord(w *rawRecord, max int) (papergraph.Paper, error) {
	abstract, err := invertedAbstract(w.InvertedIndex, max)
	if err != nil {
		return papergraph.Paper{}, err
	}
	title := string(w.Title)
	if strings.TrimSpace(title) == "" && w.DisplayName != nil {
		title = string(*w.DisplayName)
	}
	p := papergraph.Paper{
		ID:       strings.TrimSpace(string(w.ID)),
		Title:    cleanMarkup(title),
		Abstract: cleanMarkup(abstract),
		Year:     int(w.PublicationYear),
		OpenAlex: normOpenAlex(string(w.ID)),
	}
	if w.Authorships != nil {
		p.Authors = *w.Authorships
	}
	if p.OpenAlex == "" {
		p.OpenAlex = normOpenAlex(string(w.IDs["openalex"]))
	}
	p.AddID(string(w.IDs["arxiv"]))
	p.AddID(string(w.DOI))
	p.AddID(string(w.IDs["doi"]))
	locs := w.Locations
	for _, l := range []*openAlexLocation{w.PrimaryLocation, w.BestOA} {
		if l != nil {
			locs = append(locs, *l)
		}
	}
	for _, l := range locs {
		for _, u := range []flexString{l.LandingPageURL, l.PDFURL} {
			if strings.Contains(strings.ToLower(string(u)), "arxiv.org/") {
				p.AddID(string(u))
			}
		}
		if p.URL == "" && webLink(strings.TrimSpace(string(l.LandingPageURL))) {
			p.URL = strings.TrimSpace(string(l.LandingPageURL))
		}
	}
	if w.ReferencedWorks != nil {
		for _, rw := range *w.ReferencedWorks {
			if r, ok := refFor("", "", string(rw), "", "", "referenced_works"); ok {
				p.Refs = append(p.Refs, r)
			}
		}
	}
	return p, nil
}

// invertedAbstract rebuilds an abstract from OpenAlex's inverted index
// (word -> positions). Positions are sorted, not used as slice indexes,
// so a hostile index cannot make it allocate beyond its own size; and the
// abstract's size is known before it is built: one long word at a million
// positions is refused when the abstract would pass max bytes.
func invertedAbstract(idx map[string][]int, max int) (string, error) {
	type wp struct {
		pos  int
		word string
	}
	size := 0
	for w, ps := range idx {
		if size += len(ps) * (len(w) + 1); size > max || size < 0 {
			return "", fmt.Errorf("abstract_inverted_index rebuilds to more than %d bytes: %w", max, ErrTooLarge)
		}
	}
	var words []wp
	for w, ps := range idx {
		for _, pos := range ps {
			if pos >= 0 {
				words = append(words, wp{pos, w})
			}
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if words[i].pos != words[j].pos {
			return words[i].pos < words[j].pos
		}
		return words[i].word < words[j].word
	})
	var b strings.Builder
	b.Grow(size)
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.word)
	}
	return b.String(), nil
}

type s2Ref struct {
	PaperID     flexString            `json:"paperId"`
	ExternalIDs map[string]flexString `json:"externalIds"`
	Title       flexString            `json:"title"`
	CitedPaper  *s2Ref                `json:"citedPaper"`
}

// ext looks an external id up case-insensitively ("ArXiv", "DOI").
func ext(ids map[string]flexString, key string) string {
	if v, ok := ids[key]; ok {
		return string(v)
	}
	keys := make([]string, 0, len(ids))
	for k := range ids {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.EqualFold(k, key) {
			return string(ids[k])
		}
	}
	return ""
}

// s2Record maps a Semantic Scholar Graph API paper. Its "citations" (the
// papers citing it) are not read: a Paper holds only what it cites.
func s2Record(s *rawRecord) papergraph.Paper {
	var id string
	if s.PaperID != nil {
		id = strings.TrimSpace(string(*s.PaperID))
	}
	p := papergraph.Paper{
		ID:       id,
		S2:       id,
		Title:    cleanMarkup(string(s.Title)),
		Abstract: cleanMarkup(string(s.Abstract)),
		Authors:  s.Authors,
		Year:     int(s.Year),
		URL:      strings.TrimSpace(string(s.URL)),
	}
	p.AddID(ext(s.ExternalIDs, "ArXiv"))
	p.AddID(ext(s.ExternalIDs, "DOI"))
	for _, r := range s.References {
		if r.CitedPaper != nil {
			r = *r.CitedPaper
		}
		if ref, ok := refFor(ext(r.ExternalIDs, "ArXiv"), ext(r.ExternalIDs, "DOI"), "", string(r.PaperID), string(r.Title), "references"); ok {
			p.Refs = append(p.Refs, ref)
		}
	}
	return p
}
