package table

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/papergraph/papergraph"
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
}

// Name is a row of the names table: a name a record is known by, its
// system name (Artifact "") or an artifact it introduces (Artifact its
// entity key), for citations by name.
type Name struct {
	Paper    string `parquet:"paper,dict" json:"paper"`
	Record   string `parquet:"record" json:"record"`
	Name     string `parquet:"name" json:"name"`
	Artifact string `parquet:"artifact" json:"artifact"`
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

// Rows appends p's rows to the four tables' row slices; record is the
// digest of p as read (see [Digest]).
func Rows(p *papergraph.Paper, record string, papers []Paper, ments []Mention, refs []Ref, names []Name) ([]Paper, []Mention, []Ref, []Name) {
	key := p.Key()
	authors := p.Authors
	if authors == nil {
		authors = []string{}
	}
	papers = append(papers, Paper{
		Paper: key, Record: record, ID: p.ID, Title: p.Title, Year: int32(p.Year),
		ArXiv: p.ArXiv, DOI: p.DOI, OpenAlex: p.OpenAlex, S2: p.S2, URL: p.URL, Authors: authors,
		Name: p.Name, External: p.External, PromisesCode: p.PromisesCode, Filled: filled(p),
		Input: p.Pos.File, Line: int32(p.Pos.Line), Number: int32(p.Pos.Record),
	})
	for i, e := range p.Entities {
		ments = append(ments, Mention{
			Paper: key, Record: record, Ord: int32(i), Entity: e.Key(), Kind: string(e.Kind), Name: e.Name,
			Surface: e.Surface, Start: int32(e.Start), End: int32(e.End), Rule: e.Rule, Cue: e.Cue,
			Introduced: e.Introduced, Family: e.Family, Source: e.Source,
		})
	}
	for i, r := range p.Refs {
		refs = append(refs, Ref{
			Paper: key, Record: record, Ord: int32(i), ArXiv: r.ArXiv, DOI: r.DOI, OpenAlex: r.OpenAlex, S2: r.S2,
			Named: r.Paper, Artifact: r.Artifact, Title: r.Title, Surface: r.Surface,
			Start: int32(r.Start), End: int32(r.End), Source: r.Source,
		})
	}
	if p.Name != "" {
		names = append(names, Name{Paper: key, Record: record, Name: p.Name})
	}
	for _, e := range p.Entities {
		if e.Introduced {
			names = append(names, Name{Paper: key, Record: record, Name: e.Name, Artifact: e.Key()})
		}
	}
	return papers, ments, refs, names
}
