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

	"github.com/papergraph/papergraph/extract"
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
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
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

// flexInt decodes a number or a numeric string; anything else is 0.
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
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
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*a = splitAuthors(s)
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return errors.New("want a list or a string")
	}
	for _, it := range items {
		var s flexString
		if err := json.Unmarshal(it, &s); err == nil {
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

// hfPaper covers Hugging Face paper objects and generic paper records.
type hfPaper struct {
	ID          flexString `json:"id"`
	ArXivID     flexString `json:"arxiv_id"`
	ArXiv       flexString `json:"arxiv"`
	Title       flexString `json:"title"`
	Summary     flexString `json:"summary"`
	Abstract    flexString `json:"abstract"`
	Authors     authorList `json:"authors"`
	PublishedAt flexString `json:"publishedAt"`
	Published   flexString `json:"published"`
	Year        flexInt    `json:"year"`
	DOI         flexString `json:"doi"`
	URL         flexString `json:"url"`
	GithubRepo  flexString `json:"githubRepo"`
	ProjectPage flexString `json:"projectPage"`
}

// hfRecord maps a daily-papers item ({"paper": {...}, ...}), a paper
// object or a generic record with title and abstract/summary.
func hfRecord(b []byte, m map[string]json.RawMessage) (extract.Paper, error) {
	var outer hfPaper
	if err := decode(b, &outer); err != nil {
		return extract.Paper{}, err
	}
	in := outer
	if raw, ok := m["paper"]; ok && len(bytes.TrimSpace(raw)) > 0 && bytes.TrimSpace(raw)[0] == '{' {
		in = hfPaper{}
		if err := decode(raw, &in); err != nil {
			return extract.Paper{}, fmt.Errorf("field \"paper\": %w", err)
		}
	}
	first := func(vs ...flexString) string {
		for _, v := range vs {
			if s := strings.TrimSpace(string(v)); s != "" {
				return s
			}
		}
		return ""
	}
	p := extract.Paper{
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
	setIDs(&p, first(in.ArXivID, in.ArXiv, outer.ArXivID, outer.ArXiv))
	setIDs(&p, p.ID)
	setIDs(&p, first(in.DOI, outer.DOI))
	if strings.Contains(strings.ToLower(p.URL), "arxiv.org/") {
		setIDs(&p, p.URL)
	}
	for _, f := range []struct {
		v      string
		source string
	}{{first(in.GithubRepo, outer.GithubRepo), "githubRepo"}, {first(in.ProjectPage, outer.ProjectPage), "projectPage"}} {
		if l, ok := link(f.v, f.source); ok {
			p.Links = append(p.Links, l)
		}
	}
	return p, nil
}

func longest(a, b string) string {
	if len(b) > len(a) {
		return b
	}
	return a
}

// arXivMeta is a record of the arXiv metadata snapshot.
type arXivMeta struct {
	ID            flexString     `json:"id"`
	Title         flexString     `json:"title"`
	Abstract      flexString     `json:"abstract"`
	Authors       flexString     `json:"authors"`
	AuthorsParsed [][]string     `json:"authors_parsed"`
	Comments      flexString     `json:"comments"`
	DOI           flexString     `json:"doi"`
	Categories    flexString     `json:"categories"`
	JournalRef    flexString     `json:"journal-ref"`
	UpdateDate    flexString     `json:"update_date"`
	Versions      []arXivVersion `json:"versions"`
}

type arXivVersion struct {
	Version flexString `json:"version"`
	Created flexString `json:"created"`
}

func arXivRecord(b []byte, m map[string]json.RawMessage) (extract.Paper, error) {
	var r arXivMeta
	if err := decode(b, &r); err != nil {
		return extract.Paper{}, err
	}
	p := extract.Paper{
		ID:       strings.TrimSpace(string(r.ID)),
		Title:    collapse(decodeTeX(string(r.Title), true)),
		Abstract: collapse(string(r.Abstract)),
	}
	setIDs(&p, p.ID)
	for _, d := range strings.Fields(string(r.DOI)) {
		if setIDs(&p, d) && p.DOI != "" {
			break
		}
	}
	if len(r.AuthorsParsed) > 0 {
		for _, a := range r.AuthorsParsed {
			var parts []string
			if len(a) > 1 {
				parts = append(parts, a[1])
			}
			if len(a) > 0 {
				parts = append(parts, a[0])
			}
			if len(a) > 2 && a[2] != "" {
				parts = append(parts, a[2])
			}
			if n := collapse(decodeTeX(strings.Join(parts, " "), true)); n != "" {
				p.Authors = append(p.Authors, n)
			}
		}
	} else {
		for _, a := range splitAuthors(decodeTeX(string(r.Authors), true)) {
			p.Authors = append(p.Authors, a)
		}
	}
	if len(r.Versions) > 0 {
		p.Year = parseYear(string(r.Versions[0].Created))
	}
	if p.Year == 0 && len(p.ArXiv) >= 4 && p.ArXiv[4] == '.' {
		if yy, err := strconv.Atoi(p.ArXiv[:2]); err == nil {
			p.Year = 2000 + yy
		}
	}
	p.Links = textLinks(string(r.Comments), "comments")
	return p, nil
}

// openAlexWork is an OpenAlex work.
type openAlexWork struct {
	ID              flexString            `json:"id"`
	DOI             flexString            `json:"doi"`
	Title           flexString            `json:"title"`
	DisplayName     flexString            `json:"display_name"`
	PublicationYear flexInt               `json:"publication_year"`
	Authorships     authorList            `json:"authorships"`
	InvertedIndex   map[string][]int      `json:"abstract_inverted_index"`
	IDs             map[string]flexString `json:"ids"`
	Locations       []openAlexLocation    `json:"locations"`
	PrimaryLocation *openAlexLocation     `json:"primary_location"`
	BestOA          *openAlexLocation     `json:"best_oa_location"`
	ReferencedWorks []flexString          `json:"referenced_works"`
}

type openAlexLocation struct {
	LandingPageURL flexString `json:"landing_page_url"`
	PDFURL         flexString `json:"pdf_url"`
}

func openAlexRecord(b []byte, m map[string]json.RawMessage) (extract.Paper, error) {
	var w openAlexWork
	if err := decode(b, &w); err != nil {
		return extract.Paper{}, err
	}
	title := string(w.Title)
	if strings.TrimSpace(title) == "" {
		title = string(w.DisplayName)
	}
	p := extract.Paper{
		ID:       strings.TrimSpace(string(w.ID)),
		Title:    cleanMarkup(title),
		Abstract: cleanMarkup(invertedAbstract(w.InvertedIndex)),
		Authors:  w.Authorships,
		Year:     int(w.PublicationYear),
		OpenAlex: normOpenAlex(string(w.ID)),
	}
	if p.OpenAlex == "" {
		p.OpenAlex = normOpenAlex(string(w.IDs["openalex"]))
	}
	setIDs(&p, string(w.IDs["arxiv"]))
	setIDs(&p, string(w.DOI))
	setIDs(&p, string(w.IDs["doi"]))
	locs := w.Locations
	for _, l := range []*openAlexLocation{w.PrimaryLocation, w.BestOA} {
		if l != nil {
			locs = append(locs, *l)
		}
	}
	for _, l := range locs {
		for _, u := range []flexString{l.LandingPageURL, l.PDFURL} {
			if strings.Contains(strings.ToLower(string(u)), "arxiv.org/") {
				setIDs(&p, string(u))
			}
		}
		if p.URL == "" && webLink(string(l.LandingPageURL)) {
			p.URL = strings.TrimSpace(string(l.LandingPageURL))
		}
	}
	for _, rw := range w.ReferencedWorks {
		if r, ok := refFor("", "", string(rw), "", "", "referenced_works"); ok {
			p.Refs = append(p.Refs, r)
		}
	}
	return p, nil
}

// invertedAbstract rebuilds an abstract from OpenAlex's inverted index
// (word -> positions). Positions are sorted, not used as slice indexes,
// so a hostile index cannot make it allocate beyond its own size.
func invertedAbstract(idx map[string][]int) string {
	type wp struct {
		pos  int
		word string
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
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.word)
	}
	return b.String()
}

// s2Paper is a Semantic Scholar Graph API paper.
type s2Paper struct {
	PaperID     flexString            `json:"paperId"`
	ExternalIDs map[string]flexString `json:"externalIds"`
	Title       flexString            `json:"title"`
	Abstract    flexString            `json:"abstract"`
	Year        flexInt               `json:"year"`
	Authors     authorList            `json:"authors"`
	URL         flexString            `json:"url"`
	References  []s2Ref               `json:"references"`
}

type s2Ref struct {
	PaperID     flexString            `json:"paperId"`
	ExternalIDs map[string]flexString `json:"externalIds"`
	Title       flexString            `json:"title"`
	CitedPaper  *s2Ref                `json:"citedPaper"`
}

// ext looks an external id up case-insensitively ("ArXiv", "DOI").
func ext(ids map[string]flexString, key string) string {
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

func s2Record(b []byte, m map[string]json.RawMessage) (extract.Paper, error) {
	var s s2Paper
	if err := decode(b, &s); err != nil {
		return extract.Paper{}, err
	}
	p := extract.Paper{
		ID:       strings.TrimSpace(string(s.PaperID)),
		S2:       strings.TrimSpace(string(s.PaperID)),
		Title:    cleanMarkup(string(s.Title)),
		Abstract: cleanMarkup(string(s.Abstract)),
		Authors:  s.Authors,
		Year:     int(s.Year),
		URL:      strings.TrimSpace(string(s.URL)),
	}
	setIDs(&p, ext(s.ExternalIDs, "ArXiv"))
	setIDs(&p, ext(s.ExternalIDs, "DOI"))
	for _, r := range s.References {
		if r.CitedPaper != nil {
			r = *r.CitedPaper
		}
		if ref, ok := refFor(ext(r.ExternalIDs, "ArXiv"), ext(r.ExternalIDs, "DOI"), "", string(r.PaperID), string(r.Title), "references"); ok {
			p.Refs = append(p.Refs, ref)
		}
	}
	return p, nil
}
