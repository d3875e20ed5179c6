package papergraph

import (
	"strconv"
	"strings"
)

// Kind is the kind of a graph node: a paper or an artifact a paper names.
type Kind string

// The kinds of nodes. Artifact kinds are what [Entity.Kind] holds; KindPaper
// is used by the graph for paper nodes.
const (
	KindPaper     Kind = "paper"
	KindRepo      Kind = "repo"      // a code repository (GitHub, GitLab, Bitbucket, Codeberg, Hugging Face model, dataset or space)
	KindURL       Kind = "url"       // a project page or other link
	KindDataset   Kind = "dataset"   // a dataset
	KindBenchmark Kind = "benchmark" // a benchmark or evaluation suite
	KindModel     Kind = "model"     // a model or model family
)

// Kinds lists the artifact kinds in their canonical order.
var Kinds = []Kind{KindRepo, KindURL, KindDataset, KindBenchmark, KindModel}

// Entity is one artifact named by a paper, with the evidence for it.
type Entity struct {
	Kind Kind `json:"kind"`
	// Name is the canonical name: one name per artifact, whatever the spelling
	// in the text. For links it is the normalised URL without scheme
	// ("github.com/owner/name").
	Name string `json:"name"`
	// Surface is the exact text matched; Start and End are its byte offsets
	// in the text it was found in (Surface == text[Start:End]). For entities
	// from structured fields (Source != "abstract") they index that field.
	Surface string `json:"surface"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	// Rule names the rule that found the entity ("url", "gazetteer",
	// "pattern:dataset-suffix", ...), so a user can audit every edge.
	Rule string `json:"rule"`
	// Cue is the text that made the rule fire: the list alias matched, the
	// head noun ("dataset"), the list's trigger ("on", "including"), the
	// introducing verb and noun ("introduce … benchmark"), the size ("7B").
	Cue string `json:"cue,omitempty"`
	// Introduced is true when the paper itself introduces the artifact.
	Introduced bool `json:"introduced,omitempty"`
	// Family is the model or dataset family of a checkpoint or variant
	// (Llama-2 for Llama-2-7B), empty when the entity is a family itself.
	Family string `json:"family,omitempty"`
	// Source is where the entity was found: "" or "abstract" for the
	// abstract, otherwise the structured field ("githubRepo", "projectPage",
	// "comments", "title", ...).
	Source string `json:"source,omitempty"`
}

// Key returns the entity's identity in the graph: "kind:name" with the name
// lower-cased, e.g. "dataset:imagenet" or "repo:github.com/owner/name".
func (e Entity) Key() string { return EntityKey(e.Kind, e.Name) }

// EntityKey returns the graph identity of an artifact of kind k named name.
func EntityKey(k Kind, name string) string { return string(k) + ":" + foldKey(name) }

// Ref is a reference from a paper to another work, found in its text or
// given by its source data. Exactly one of the id fields (ArXiv, DOI,
// OpenAlex, S2, Paper) is set.
type Ref struct {
	ArXiv    string `json:"arxiv,omitempty"`    // normalised arXiv id without version ("2401.00001", "hep-th/9901001")
	DOI      string `json:"doi,omitempty"`      // lower-cased DOI without resolver prefix ("10.1000/xyz")
	OpenAlex string `json:"openalex,omitempty"` // OpenAlex work id ("W2741809807")
	S2       string `json:"s2,omitempty"`       // Semantic Scholar paperId
	// Paper is the [Paper.Key] of another paper of the same batch whose
	// name the text gives (its system name, or the name of an artifact it
	// introduces, then named by Artifact); the extraction's batch pass
	// sets it. Surface, Start, End and Source say where the name stands.
	Paper    string `json:"paper,omitempty"`
	Artifact string `json:"artifact,omitempty"` // the [Entity.Key] of the introduced artifact named, "" for the paper's system name
	// Title is the referenced work's title when the source gives it.
	Title string `json:"title,omitempty"`
	// Surface, Start, End locate the reference in the text it was found
	// in (the abstract, or the title for Source "title"); Source says where
	// it came from ("abstract", "title", "referenced_works", ...).
	Surface string `json:"surface,omitempty"`
	Start   int    `json:"start,omitempty"`
	End     int    `json:"end,omitempty"`
	Source  string `json:"source,omitempty"`
}

// Paper is one paper as read from an input, before or after extraction.
//
// Readers fill the bibliographic fields; extract's Extractor.Paper fills Entities,
// Refs and Name. A zero Paper is valid but has no identity; [Paper.Key]
// derives one.
type Paper struct {
	// ID is the paper's source identifier as given by its input (arXiv id,
	// OpenAlex id, S2 paperId, BibTeX key); it may be empty.
	ID       string   `json:"id,omitempty"`
	Title    string   `json:"title"`
	Abstract string   `json:"abstract,omitempty"`
	ArXiv    string   `json:"arxiv,omitempty"` // normalised, no version
	DOI      string   `json:"doi,omitempty"`   // normalised, lower case
	OpenAlex string   `json:"openalex,omitempty"`
	S2       string   `json:"s2,omitempty"`
	Authors  []string `json:"authors,omitempty"`
	Year     int      `json:"year,omitempty"`
	URL      string   `json:"url,omitempty"`
	// Links are repository and project-page links from structured fields
	// (Hugging Face githubRepo/projectPage, arXiv comments); the extractor
	// turns them into entities with Source set to the field name.
	Links []Link `json:"links,omitempty"`
	// Refs are the works this paper cites, from its source data and, after
	// extraction, from identifiers named in its abstract.
	Refs []Ref `json:"refs,omitempty"`

	// Name is the paper's own system name (the title's part before a colon,
	// or the artifact it introduces), set by extraction; used for citation
	// links between papers of a batch.
	Name string `json:"name,omitempty"`
	// Entities are the artifacts the paper names, sorted by (Start, End,
	// Kind, Name) with structured-field entities last.
	Entities []Entity `json:"entities,omitempty"`
	// Stopped are the candidates extraction refused because their name is
	// on its stop list (the first mention of each, by [Entity.Key]), so
	// the graph can report what it never saw. They are not written with
	// the paper.
	Stopped []Entity `json:"-"`

	// PromisesCode, set by extraction, marks a paper whose abstract says
	// its code (or models, weights, data) will be released or is available
	// ("code will be released", "code is available") while it names no
	// repository and no link.
	PromisesCode bool `json:"promises_code,omitempty"`

	// LeftOut, set by extraction, counts the mentions of artifacts and
	// the references of the abstract that were not kept because it names
	// more distinct ones than extract's MaxPerText (a record made of
	// nothing but names would otherwise cost ten times its size in
	// memory). Zero for any real abstract.
	LeftOut int `json:"left_out,omitempty"`

	// External marks a work outside the batch, present only because batch
	// papers cite it.
	External bool `json:"external,omitempty"`

	// Pos is where the record starts in its input (file and line or record).
	Pos Pos `json:"-"`
}

// Link is a URL given in a structured field of a paper's record.
type Link struct {
	URL    string `json:"url"`
	Source string `json:"source"` // the field it came from: "githubRepo", "projectPage", "comments", ...
}

// Pos is a position in an input: file name, 1-based line (0 if unknown) and,
// for formats without lines, 1-based record number.
type Pos struct {
	File   string
	Line   int
	Record int
}

// String formats p as "file:line", or "file: record N" without a line
// ("input" when the file has no name).
func (p Pos) String() string {
	file := p.File
	if file == "" {
		file = "input"
	}
	switch {
	case p.Line > 0:
		return file + ":" + strconv.Itoa(p.Line)
	case p.Record > 0:
		return file + ": record " + strconv.Itoa(p.Record)
	}
	return file
}

// DropAbstract empties p.Abstract and gives p's entities, references and
// name copies of the text they hold, which extract's Extractor.Paper cuts from the
// abstract: afterwards nothing in p keeps the abstract's memory alive. A
// run that has extracted what it needs can so free its abstracts (a
// gigabyte at a million papers) before building the graph.
func (p *Paper) DropAbstract() { p.dropAbstract(strings.Clone) }

// DropAbstracts calls [Paper.DropAbstract] on every paper, giving equal
// strings one copy for the whole batch: the names and surfaces that recur
// across papers ("ImageNet" in thousands of abstracts) are then held once
// instead of once per mention. The papers read as before.
func DropAbstracts(papers []Paper) {
	var d Dropper
	for i := range papers {
		d.Drop(&papers[i])
	}
}

// Dropper drops abstracts one paper at a time, as [DropAbstracts] does
// for a whole batch: equal strings of all the papers it dropped share one
// copy. A run can so free each abstract as soon as it has extracted what
// it needs of it. The zero Dropper is ready to use; it is not safe for
// concurrent use.
type Dropper struct {
	seen map[string]string
}

// Drop does [Paper.DropAbstract] to p, copying each string once for all
// the papers d dropped.
func (d *Dropper) Drop(p *Paper) {
	if d.seen == nil {
		d.seen = map[string]string{}
	}
	p.dropAbstract(d.intern)
}

// intern returns the copy of s that d holds, made on first sight.
func (d *Dropper) intern(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := d.seen[s]; ok {
		return c
	}
	c := strings.Clone(s)
	d.seen[c] = c
	return c
}

// dropAbstract empties p.Abstract and replaces every string that may be
// cut from it by clone(string).
func (p *Paper) dropAbstract(clone func(string) string) {
	p.Abstract = ""
	p.Name = clone(p.Name)
	for i := range p.Entities {
		e := &p.Entities[i]
		e.Name, e.Surface = cloneNamed(clone, e.Name, e.Surface)
		e.Family = clone(e.Family)
		// A cue may be cut from the abstract too ("On ZX20T, ..."): at a
		// million papers a third of the abstracts were kept alive by one.
		e.Cue = clone(e.Cue)
	}
	for i := range p.Stopped {
		e := &p.Stopped[i]
		e.Name, e.Surface = cloneNamed(clone, e.Name, e.Surface)
		e.Cue = clone(e.Cue)
	}
	for i := range p.Refs {
		r := &p.Refs[i]
		r.ArXiv, r.DOI, r.OpenAlex, r.S2 = clone(r.ArXiv), clone(r.DOI), clone(r.OpenAlex), clone(r.S2)
		r.Paper, r.Artifact = clone(r.Paper), clone(r.Artifact)
		r.Title, r.Surface = clone(r.Title), clone(r.Surface)
	}
}

// cloneNamed returns clone of an entity's name and of its surface. Most
// surfaces are their names (three in four at 10,000 papers: "ImageNet"
// of ImageNet): one copy, and one look-up of a [Dropper]'s strings, then
// serves both.
func cloneNamed(clone func(string) string, name, surface string) (string, string) {
	n := clone(name)
	if surface == name {
		return n, n
	}
	return n, clone(surface)
}
