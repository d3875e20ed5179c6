package table

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

// Paper is a row of the papers table: one input record after extraction.
type Paper struct {
	// Paper is the record's [papergraph.Paper.Key], the node ID it gets.
	Paper string `parquet:"paper,dict" json:"paper"`
	// Record is a digest of the record as read (before extraction):
	// equal records have equal digests, so the projection's merge may take
	// either.
	Record   string   `parquet:"record" json:"record"`
	ID       string   `parquet:"id" json:"id"`
	Title    string   `parquet:"title" json:"title"`
	Year     int32    `parquet:"year" json:"year"`
	ArXiv    string   `parquet:"arxiv" json:"arxiv"`
	DOI      string   `parquet:"doi" json:"doi"`
	OpenAlex string   `parquet:"openalex" json:"openalex"`
	S2       string   `parquet:"s2" json:"s2"`
	URL      string   `parquet:"url" json:"url"`
	Authors  []string `parquet:"authors,list" json:"authors"`
	// Name is the paper's system name (the title's part before a colon,
	// or the artifact it introduces).
	Name     string `parquet:"name" json:"name"`
	External bool   `parquet:"external" json:"external"`
	// PromisesCode: the abstract promises code it does not link.
	PromisesCode bool `parquet:"promises_code" json:"promises_code"`
	// Filled counts the record's filled fields (title, abstract, ids,
	// year, URL, authors): the projection's merge keeps the richest record.
	Filled int32 `parquet:"filled" json:"filled"`
	// Input and Line say where the record starts (Record: the record
	// number, for formats without lines).
	Input  string `parquet:"input,dict" json:"input"`
	Line   int32  `parquet:"line" json:"line"`
	Number int32  `parquet:"number" json:"number"`
	// The record's [papergraph.MergeKeys], as read, and the slug of its
	// title (the key of a paper without arXiv id or DOI): what the
	// projection merges records of one paper by.
	MergeArXiv    string   `parquet:"merge_arxiv" json:"merge_arxiv"`
	MergeDOI      string   `parquet:"merge_doi" json:"merge_doi"`
	MergeOpenAlex string   `parquet:"merge_openalex" json:"merge_openalex"`
	MergeS2       string   `parquet:"merge_s2" json:"merge_s2"`
	MergeTitle    string   `parquet:"merge_title" json:"merge_title"`
	Slug          string   `parquet:"slug" json:"slug"`
	Richness      int32    `parquet:"richness" json:"richness"`
	Priority      int32    `parquet:"priority" json:"priority"`
	Chars         int32    `parquet:"chars" json:"chars"`
	Words         string   `parquet:"words" json:"words"`
	AuthorKeys    []string `parquet:"author_keys,list" json:"author_keys"`
}

// Mention is a row of the mentions table: one entity a record names.
type Mention struct {
	Paper  string `parquet:"paper,dict" json:"paper"`
	Record string `parquet:"record" json:"record"`
	// Ord is the entity's index in the record's entities, the order its
	// evidence is listed in.
	Ord int32 `parquet:"ord" json:"ord"`
	// Entity is the [papergraph.Entity.Key], the artifact's node ID.
	Entity     string `parquet:"entity,dict" json:"entity"`
	Kind       string `parquet:"kind,dict" json:"kind"`
	Name       string `parquet:"name,dict" json:"name"`
	Surface    string `parquet:"surface" json:"surface"`
	Start      int32  `parquet:"start" json:"start"`
	End        int32  `parquet:"end" json:"end"`
	Rule       string `parquet:"rule,dict" json:"rule"`
	Cue        string `parquet:"cue,dict" json:"cue"`
	Introduced bool   `parquet:"introduced" json:"introduced"`
	Family     string `parquet:"family,dict" json:"family"`
	Source     string `parquet:"source,dict" json:"source"`
}

// Ref is a row of the refs table: one work a record cites, by identifier.
type Ref struct {
	Paper  string `parquet:"paper,dict" json:"paper"`
	Record string `parquet:"record" json:"record"`
	Ord    int32  `parquet:"ord" json:"ord"`
	// The work's identifiers; usually one is set.
	ArXiv    string `parquet:"arxiv" json:"arxiv"`
	DOI      string `parquet:"doi" json:"doi"`
	OpenAlex string `parquet:"openalex" json:"openalex"`
	S2       string `parquet:"s2" json:"s2"`
	// Named is the key of a batch paper named in the text (filled only
	// by a batch pass, which a streaming extraction does not run), and
	// Artifact the introduced artifact it was named by.
	Named    string `parquet:"named" json:"named"`
	Artifact string `parquet:"artifact" json:"artifact"`
	Title    string `parquet:"title" json:"title"`
	Surface  string `parquet:"surface" json:"surface"`
	Start    int32  `parquet:"start" json:"start"`
	End      int32  `parquet:"end" json:"end"`
	Source   string `parquet:"source,dict" json:"source"`
	// Text: extraction found the ref in the record's text or links; the
	// others came with the record.
	Text bool `parquet:"text" json:"text"`
}

// Name is a row of the names table: a name a record is known by, its
// system name (Artifact "", Ord -1) or an artifact it introduces
// (Artifact its entity key, Ord its index in the mentions), for
// citations by name. Match, Fold, Key, Anchor and CAnchor are
// [extract.NameAnchor]'s: whether and how the name is matched in other
// papers' text, and the word (in the words table) it is found by.
type Name struct {
	Paper    string `parquet:"paper,dict" json:"paper"`
	Record   string `parquet:"record" json:"record"`
	Ord      int32  `parquet:"ord" json:"ord"`
	Name     string `parquet:"name" json:"name"`
	Artifact string `parquet:"artifact" json:"artifact"`
	Match    bool   `parquet:"match" json:"match"`
	Fold     bool   `parquet:"fold" json:"fold"`
	Key      string `parquet:"key" json:"key"`
	Anchor   int32  `parquet:"anchor" json:"anchor"`
	CAnchor  int32  `parquet:"canchor" json:"canchor"`
}

// Text is a row of the texts table: a record's title or abstract, where
// the projection checks a name found by its anchor word. External
// records have none (they neither name nor are named).
type Text struct {
	Paper  string `parquet:"paper,dict" json:"paper"`
	Record string `parquet:"record" json:"record"`
	// Source is "title" or "abstract".
	Source string `parquet:"source,dict" json:"source"`
	Text   string `parquet:"text" json:"text"`
}

// Word is a row of the words table: a word of a record's title or
// abstract that may anchor a name ([extract.NameWords]: with a digit or
// mixing cases), at byte offset Start and character offset CStart, Key
// its ASCII-lower-cased spelling.
type Word struct {
	Paper  string `parquet:"paper,dict" json:"paper"`
	Record string `parquet:"record" json:"record"`
	Source string `parquet:"source,dict" json:"source"`
	Start  int32  `parquet:"start" json:"start"`
	CStart int32  `parquet:"cstart" json:"cstart"`
	Key    string `parquet:"key" json:"key"`
}

// Rows holds the rows of the six tables for some records.
type Rows struct {
	Papers   []Paper
	Mentions []Mention
	Refs     []Ref
	Names    []Name
	Texts    []Text
	Words    []Word
}

// Reset empties r, keeping its storage.
func (r *Rows) Reset() {
	*r = Rows{r.Papers[:0], r.Mentions[:0], r.Refs[:0], r.Names[:0], r.Texts[:0], r.Words[:0]}
}

// Read is what the tables keep of a record as read, before extraction.
type Read struct {
	Record string // [Digest]
	Keys   papergraph.MergeKeys
	Refs   int // the refs it came with; extraction appends those it finds
}

// ReadOf returns the Read of p; call it before extraction.
func ReadOf(p *papergraph.Paper) Read {
	return Read{Record: Digest(p), Keys: p.MergeKeys(), Refs: len(p.Refs)}
}

// Digest returns the record digest of p as read: the hex SHA-256 of its
// JSON form, abstract included, cut to 32 digits.
func Digest(p *papergraph.Paper) string {
	b, _ := json.Marshal(p) // a Paper always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// filled counts the filled fields of p.
func filled(p *papergraph.Paper) int32 {
	n := int32(0)
	for _, s := range []string{p.Title, p.Abstract, p.ArXiv, p.DOI, p.OpenAlex, p.S2, p.URL} {
		if s != "" {
			n++
		}
	}
	if p.Year != 0 {
		n++
	}
	if len(p.Authors) > 0 {
		n++
	}
	return n
}

// Add appends the rows of p, extracted, whose Read is rd.
func (r *Rows) Add(p *papergraph.Paper, rd Read) {
	key, record, k := p.Key(), rd.Record, rd.Keys
	authorKeys := k.Authors
	if authorKeys == nil {
		authorKeys = []string{}
	}
	authors := p.Authors
	if authors == nil {
		authors = []string{}
	}
	r.Papers = append(r.Papers, Paper{
		Paper: key, Record: record, ID: p.ID, Title: p.Title, Year: int32(p.Year),
		ArXiv: p.ArXiv, DOI: p.DOI, OpenAlex: p.OpenAlex, S2: p.S2, URL: p.URL, Authors: authors,
		Name: p.Name, External: p.External, PromisesCode: p.PromisesCode, Filled: filled(p),
		Input: p.Pos.File, Line: int32(p.Pos.Line), Number: int32(p.Pos.Record),
		MergeArXiv: k.ArXiv, MergeDOI: k.DOI, MergeOpenAlex: k.OpenAlex, MergeS2: k.S2, MergeTitle: k.Title,
		Slug: papergraph.Slug(p.Title), Richness: int32(k.Richness), Priority: int32(k.Priority),
		Chars: int32(k.Chars), Words: k.Words, AuthorKeys: authorKeys,
	})
	for i, e := range p.Entities {
		r.Mentions = append(r.Mentions, Mention{
			Paper: key, Record: record, Ord: int32(i), Entity: e.Key(), Kind: string(e.Kind), Name: e.Name,
			Surface: e.Surface, Start: int32(e.Start), End: int32(e.End), Rule: e.Rule, Cue: e.Cue,
			Introduced: e.Introduced, Family: e.Family, Source: e.Source,
		})
	}
	for i, f := range p.Refs {
		r.Refs = append(r.Refs, Ref{
			Paper: key, Record: record, Ord: int32(i), ArXiv: f.ArXiv, DOI: f.DOI, OpenAlex: f.OpenAlex, S2: f.S2,
			Named: f.Paper, Artifact: f.Artifact, Title: f.Title, Surface: f.Surface,
			Start: int32(f.Start), End: int32(f.End), Source: f.Source, Text: i >= rd.Refs,
		})
	}
	name := func(ord int, n, artifact string) Name {
		k, a, ca, fold, ok := extract.NameAnchor(n)
		return Name{Paper: key, Record: record, Ord: int32(ord), Name: n, Artifact: artifact,
			Match: ok, Fold: fold, Key: k, Anchor: int32(a), CAnchor: int32(ca)}
	}
	if p.Name != "" {
		r.Names = append(r.Names, name(-1, p.Name, ""))
	}
	for i, e := range p.Entities {
		if e.Introduced {
			r.Names = append(r.Names, name(i, e.Name, e.Key()))
		}
	}
	if p.External {
		return
	}
	for _, f := range [2]struct{ source, text string }{{"title", p.Title}, {"abstract", p.Abstract}} {
		if f.text == "" {
			continue
		}
		r.Texts = append(r.Texts, Text{Paper: key, Record: record, Source: f.source, Text: f.text})
		extract.NameWords(f.text, func(start, cstart int, k string) {
			r.Words = append(r.Words, Word{Paper: key, Record: record, Source: f.source, Start: int32(start), CStart: int32(cstart), Key: k})
		})
	}
}
