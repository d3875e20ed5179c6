package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Head nouns that say what kind of artifact a name is.
var (
	datasetNouns = set("dataset", "datasets", "corpus", "corpora", "database", "databases")
	benchNouns   = set("benchmark", "benchmarks", "suite", "challenge", "leaderboard", "arena", "bench", "testbed")
	modelNouns   = set("model", "network", "net", "llm", "lm", "captioner", "encoder", "decoder", "vocoder",
		"detector", "generator", "transformer", "backbone", "architecture", "baseline", "agent", "chatbot")
	modelPlural = set("models", "llms", "lms", "mllms", "vlms", "baselines", "backbones", "networks", "architectures",
		"detectors", "encoders", "generators")
	methodNouns = set("method", "methods", "approach", "approaches", "framework", "frameworks", "algorithm",
		"algorithms", "technique", "techniques", "strategy", "strategies", "module", "modules", "mechanism",
		"mechanisms", "pipeline", "pipelines", "loss", "losses", "scheme", "schemes", "procedure", "procedures",
		"paradigm", "paradigms", "task", "tasks", "problem", "problems", "metric", "metrics", "system", "systems",
		"process", "layer", "layers", "block", "blocks", "attention", "operation", "operations", "objective",
		"objectives", "regularization", "optimization", "training", "learning", "tuning", "solution", "solutions",
		"services", "service", "tool", "tools", "library", "toolkit", "platform", "interface", "protocol",
		"function", "functions", "estimator", "policy", "search", "sampling", "decoding", "prompting", "principle",
		"phenomenon", "setting", "settings", "concept", "indicator", "term", "component", "components", "step",
		"stage", "formulation", "representation", "space", "distribution", "kernel", "operator", "engine")
	evalCues = set("train", "trains", "finetune", "pretrain", "report", "reports", "evaluate", "evaluated", "evaluating", "evaluation", "evaluations", "experiment", "experiments",
		"experimental", "results", "result", "benchmark", "benchmarks", "benchmarked", "benchmarking", "tested",
		"test", "testing", "trained", "training", "fine-tuned", "finetuned", "fine-tune", "pretrained",
		"pre-trained", "performance", "accuracy", "outperforms", "outperform", "achieves", "achieve",
		"state-of-the-art", "sota", "validate", "validated", "demonstrate", "demonstrates", "improvement",
		"improvements", "gains", "scores", "surpasses", "surpass", "conducted", "empirical", "empirically")
	introVerbs = set("introduce", "introduces", "introduced", "propose", "proposes", "present", "presents",
		"release", "releases", "construct", "constructs", "build", "builds", "collect", "collects", "create",
		"creates", "develop", "develops", "curate", "curates", "contribute", "contributes", "establish", "design",
		"designs")
	listTriggers  = set("including", "includes", "include", "like", "namely", "e.g", "i.e", "especially", "particularly")
	compTriggers  = set("outperform", "outperforms", "outperformed", "outperforming", "surpass", "surpasses", "surpassed", "surpassing", "over", "than", "versus", "vs", "against", "beats", "beat")
	determiners   = set("the", "a", "an", "our", "its", "their", "this", "these", "both", "popular", "vanilla", "strong", "original", "recent", "standard", "existing", "various", "several", "widely-used")
	calledWords   = set("called", "named", "dubbed", "termed", "coined")
	functionWords = set("the", "a", "an", "this", "these", "those", "that", "our", "we", "in", "on", "of", "for", "to",
		"and", "or", "with", "by", "from", "at", "as", "is", "are", "it", "its", "each", "all", "both", "new", "novel",
		"large", "small", "real", "synthetic", "public", "standard", "existing", "first", "second", "third", "finally",
		"however", "moreover", "furthermore", "specifically", "experiments", "results", "code", "data", "project",
		"page", "table", "figure", "section", "appendix", "when", "while", "using", "based", "recent", "previous",
		"extensive", "several", "multiple", "two", "three", "four", "five", "one", "many", "most", "some", "such",
		"since", "then", "thus", "here", "there", "unlike", "like", "similar", "given", "where", "which", "what",
		"how", "why", "can", "via", "through", "across", "over", "under", "between", "among", "without", "within",
		"after", "before", "during", "if", "not", "no", "only", "also", "yet", "but", "so", "more", "less")
	refWords = set("table", "tables", "figure", "figures", "fig", "section", "sections", "appendix", "eq", "equation", "algorithm", "theorem", "lemma")
)

// Word classes, one bit each, looked up once per token (see doc.bits).
const (
	bDataset uint32 = 1 << iota
	bBench
	bModel
	bModelPl
	bMethod
	bEval
	bIntro
	bList
	bComp
	bDet
	bCalled
	bFunc
	bRef
	bTask
	bMisc // other rule triggers: "such", "on", "across", "compared", ...
)

// trigBits are the classes that start a rule.
const trigBits = bDataset | bBench | bModel | bModelPl | bList | bComp | bCalled | bIntro | bMisc

// wordBits maps a lower-case word to its classes.
var wordBits = func() map[string]uint32 {
	m := map[string]uint32{}
	for _, c := range []struct {
		set map[string]bool
		bit uint32
	}{
		{datasetNouns, bDataset}, {benchNouns, bBench}, {modelNouns, bModel}, {modelPlural, bModelPl},
		{methodNouns, bMethod}, {evalCues, bEval}, {introVerbs, bIntro}, {listTriggers, bList},
		{compTriggers, bComp}, {determiners, bDet}, {calledWords, bCalled}, {functionWords, bFunc},
		{refWords, bRef}, {set("task", "tasks"), bTask},
		{set("such", "on", "across", "compared", "comparable", "relative", "arxiv", "evaluate", "benchmark", "compare", "test"), bMisc},
	} {
		for w := range c.set {
			m[w] |= c.bit
		}
	}
	return m
}()

// vocab is wordBits as an open-addressing hash table: a lookup per token
// costs a few nanoseconds, a third of a Go map's.
var vocab = func() (t vocabTable) {
	for w, b := range wordBits {
		h := vocabSlot(vocabHash(w)) & (len(t.keys) - 1)
		for t.keys[h] != "" {
			h = (h + 1) & (len(t.keys) - 1)
		}
		t.keys[h], t.bits[h] = w, b
	}
	return
}()

type vocabTable struct {
	keys [2048]string
	bits [2048]uint32
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func vocabHash(w string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

func vocabSlot(h uint32) int { return int(h ^ h>>15) }

// get returns the classes of the lower-case word w.
func (t *vocabTable) get(w string) uint32 { return t.getHashed(w, vocabHash(w)) }

// getHashed is get with w's hash already computed.
func (t *vocabTable) getHashed(w string, hash uint32) uint32 {
	h := vocabSlot(hash) & (len(t.keys) - 1)
	for t.keys[h] != "" {
		if t.keys[h] == w {
			return t.bits[h]
		}
		h = (h + 1) & (len(t.keys) - 1)
	}
	return 0
}

// has reports whether token i is in one of the classes b.
func (d *doc) has(i int, b uint32) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	return d.toks[i].bits&b != 0
}

// nk is nounKind for token i.
func (d *doc) nk(i int) (Kind, bool) {
	switch {
	case d.has(i, bDataset):
		return KindDataset, true
	case d.has(i, bBench):
		return KindBenchmark, true
	case d.has(i, bModel|bModelPl):
		return KindModel, true
	case d.has(i, bMethod):
		return "", false
	}
	return "", true
}

// lnk is listNounKind for token i.
func (d *doc) lnk(i int) (Kind, bool) {
	if d.has(i, bTask) {
		return KindBenchmark, true
	}
	return d.nk(i)
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// nounKind returns the kind a head noun names, or "" (ok=false if the
// noun names a method or another non-artifact).
func nounKind(w string) (Kind, bool) {
	w = strings.ToLower(w)
	switch {
	case datasetNouns[w]:
		return KindDataset, true
	case benchNouns[w]:
		return KindBenchmark, true
	case modelNouns[w] || modelPlural[w]:
		return KindModel, true
	case methodNouns[w]:
		return "", false
	}
	return "", true
}

func isArtifactNoun(w string) bool {
	k, _ := nounKind(w)
	return k != ""
}

// unknownName reports whether token i can be a name the lists do not know.
func (x *Extractor) unknownName(d *doc, i int) bool {
	if i < 0 || i >= len(d.toks) || !d.toks[i].word || d.toks[i].flags&fUpper == 0 {
		return false
	}
	// Several rules ask about the same token: the answer is kept.
	switch d.toks[i].name {
	case 1:
		return true
	case 2:
		return false
	}
	ok := x.unknownNameUncached(d, i)
	d.toks[i].name = 2
	if ok {
		d.toks[i].name = 1
	}
	return ok
}

func (x *Extractor) unknownNameUncached(d *doc, i int) bool {
	w := d.w(i)
	if len(w) < 3 || !namey(w) || pluralAcronym(w) || romanNumeral(w) || x.stopped(w) {
		return false
	}
	if functionWords[strings.ToLower(w)] {
		return false
	}
	if d.blockedForPatterns(w) {
		return false
	}
	if d.has(i-1, bRef) {
		return false
	}
	// "e.g" and similar tokens.
	if strings.Count(w, ".") > 0 && !strings.ContainsFunc(w, unicode.IsDigit) {
		return false
	}
	// "GSM8K-style", "CLIP-based": an adjective, not a name.
	if k := strings.LastIndexByte(w, '-'); k > 0 {
		if last := w[k+1:]; isLowerWord(last) && len(last) >= 3 && variantWords[last] == "" {
			return false
		}
	}
	// Possessive or a following apostrophe ("CLIP's") is fine; a word
	// glued to digits like "3D" is not reached here (digit first).
	return true
}

// Name endings that say what an unknown name is: "MossFormer", "TF-GridNet",
// "ChatGLM2" are models; "T2I-CompBench", "HumanEval" benchmarks;
// "EchoSet", "Libri2Mix", "TriviaQA" datasets.
var (
	modelEndings = []string{"net", "former", "gpt", "bert", "llm", "glm", "gan", "vae", "clip", "dit", "vit", "llama", "llava", "coder", "mamba", "diffusion", "t5"}
	benchEndings = []string{"bench", "eval", "arena"}
	dataEndings  = []string{"set", "mix", "qa", "corpus", "db", "caps"}
)

// distinctiveEnding are endings that mark a model even inside a word part
// ("SepReformer", "Conformer").
var distinctiveEnding = set("former", "bert", "gpt", "llm", "llama", "llava", "mamba", "diffusion")

// endingLast marks the last letters of the endings, to reject most names
// at once.
var endingLast = func() (t [256]bool) {
	for _, g := range endingGroups {
		for _, e := range g.ends {
			t[e[len(e)-1]] = true
		}
	}
	return
}()

var endingGroups = []struct {
	kind Kind
	ends []string
}{{KindModel, modelEndings}, {KindBenchmark, benchEndings}, {KindDataset, dataEndings}}

// isVariantWord reports a checkpoint suffix word ("Instruct", "XL").
func isVariantWord(w string) bool {
	if len(w) > 12 {
		return false
	}
	var buf [12]byte
	b := buf[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return variantWords[string(b)] != ""
}

// morphoKind returns the kind a name's ending suggests, or "". The name
// must have a lower-case letter ("KBQA" is a task, "TriviaQA" a dataset)
// and more than the ending itself.
//
// strong is false for endings that also end dataset names ("ImageNet",
// "ShapeNet"): a context that says "dataset" wins over them.
func morphoKind(w string) (kind Kind, strong bool) {
	if !strings.ContainsFunc(w, unicode.IsLower) {
		return "", false
	}
	// Drop version, size and number tails: "ChatGLM2", "MossFormer-v2".
	stem := strings.TrimRightFunc(w, func(r rune) bool { return unicode.IsDigit(r) || r == '.' })
	for {
		k := strings.LastIndexAny(stem, "-_")
		if k <= 0 {
			break
		}
		tail := stem[k+1:]
		if isVersion(tail) || isSize(tail) || allDigits(tail) || isVariantWord(tail) {
			stem = strings.TrimRightFunc(stem[:k], func(r rune) bool { return unicode.IsDigit(r) || r == '.' })
			continue
		}
		break
	}
	if stem == "" || !endingLast[stem[len(stem)-1]|0x20] {
		return "", false
	}
	for _, g := range endingGroups {
		for _, e := range g.ends {
			if len(stem) > len(e)+1 && strings.EqualFold(stem[len(stem)-len(e):], e) {
				// The ending must start a part of the name: "Mix" in
				// "Libri2Mix", "Net" in "SELDnet", not "set" in "Offset".
				c := stem[len(stem)-len(e)]
				p := stem[len(stem)-len(e)-1]
				if distinctiveEnding[e] || c >= 'A' && c <= 'Z' || p == '-' || p == '_' || isDigit(p) || p >= 'A' && p <= 'Z' {
					return g.kind, e != "net"
				}
			}
		}
	}
	return "", false
}

// blockedForPatterns reports an acronym the text defines as a task,
// method or concept ("generative error correction (GER)").
func (d *doc) blockedForPatterns(w string) bool {
	def, ok := d.acr[w]
	if !ok {
		return false
	}
	k, _ := nounKind(def.head)
	if k == KindDataset || k == KindBenchmark {
		return false
	}
	if k == KindModel && !def.plural {
		return false
	}
	return true
}

// blockedAcronym reports whether a list match is an acronym the text
// defines as something else ("grouped-query attention (GQA)" is not the
// GQA dataset; "sharpness-aware minimization (SAM)" is not SAM).
func (d *doc) blockedAcronym(surface string, e *gazEntry) bool {
	def, ok := d.acr[surface]
	if !ok {
		return false
	}
	lf := foldString(d.s[def.longStart:def.longEnd])
	multi := false
	for _, a := range e.aliases {
		fa := foldString(a)
		if fa == lf || strings.HasSuffix(lf, fa) && len(fa) > len(surface) {
			return false
		}
		if strings.ContainsAny(strings.TrimSpace(a), " ") {
			multi = true
		}
	}
	return def.lower || multi
}

// lookup returns the list entry whose alias folds like name.
func (x *Extractor) lookup(name string) (*gazEntry, bool) {
	var buf [64]byte
	if l := x.byFold[string(foldAppend(buf[:0], name))]; len(l) > 0 {
		return &x.entries[l[0]], true
	}
	return nil, false
}

// named makes a pattern candidate, resolving the name through the lists.
func (x *Extractor) named(d *doc, st, en int, name string, kind Kind, rule string) cand {
	c := cand{start: st, end: en, kind: kind, name: name, rule: rule, prio: 2}
	if e, ok := x.lookup(name); ok {
		c.name, c.family = e.name, e.family
		if kindClass(e.kind) == kindClass(kind) || kind == "" {
			c.kind = e.kind
		}
	}
	if ti := d.tokAt(st); ti >= 0 {
		c.introduced = d.introducedAt(ti)
	}
	return c
}

func kindClass(k Kind) string {
	switch k {
	case KindDataset, KindBenchmark:
		return "data"
	case KindRepo, KindURL:
		return "link"
	}
	return string(k)
}

// introducedAt reports whether the sentence up to token i says the paper
// introduces what follows: "we introduce", "this paper presents", "our".
func (d *doc) introducedAt(i int) bool {
	s0 := d.sentStart(i)
	subject := false
	for k := s0; k < i; k++ {
		w := d.lw(k)
		switch {
		case w == "we" || w == "our" || (w == "paper" || w == "work" || w == "study") && k > s0 && d.lw(k-1) == "this":
			subject = true
		case subject && d.has(k, bIntro) && i-k <= 8:
			// The verb's object: close after it, no clause in between.
			for j := k + 1; j < i; j++ {
				if w := d.lw(j); w == "," || w == ";" || w == "which" || w == "that" || w == "on" || w == "with" || w == "than" || w == "over" {
					return false
				}
			}
			for j := max(s0, i-4); j < i; j++ {
				if lw := d.lw(j); lw == "previous" || lw == "previously" || lw == "prior" || lw == "existing" {
					return false
				}
			}
			return true
		}
	}
	for j := max(s0, i-3); j < i; j++ {
		if w := d.lw(j); w == "our" || w == "novel" || w == "proposed" {
			if j > 0 && (d.lw(j-1) == "previously" || d.lw(j-1) == "previous") {
				return false
			}
			return true
		}
	}
	return false
}

// linkIntroduced reports whether a link at byte b is the paper's own
// (code, data or project page it releases).
func (d *doc) linkIntroduced(b int) bool {
	i := d.tokAt(b)
	if i < 0 {
		return true
	}
	s0 := d.sentStart(i)
	for k := s0; k < len(d.toks) && d.toks[k].sent == d.toks[i].sent; k++ {
		switch d.lw(k) {
		case "code", "codes", "available", "release", "released", "project", "homepage", "website", "demo",
			"our", "we", "implementation", "github", "data", "dataset", "models", "page", "source":
			return true
		}
	}
	return false
}

// patternRules runs the rules for names the lists do not know. gz are the
// list matches, which the list rules may re-type from their context.
func (x *Extractor) patternRules(d *doc, gz, out []cand) []cand {
	gzAt := map[int][]int{} // start token -> indices in gz
	for i, c := range gz {
		if ti := d.tokAt(c.start); ti >= 0 {
			gzAt[ti] = append(gzAt[ti], i)
		}
	}
	out = x.acronymRule(d, out)
	out = x.calledRule(d, out)
	out = x.introRule(d, out)
	out = x.suffixRule(d, gz, out)
	out = x.headBeforeRule(d, out)
	out = x.listRule(d, gz, gzAt, out)
	out = x.sizeRule(d, out)
	out = x.coordinationRule(d, out)
	out = x.morphologyRule(d, gz, out)
	return out
}

// morphologyRule: unknown names whose ending tells their kind
// ("MossFormer", "TF-GridNet", "EchoSet", "T2I-CompBench", "Long-Bench").
func (x *Extractor) morphologyRule(d *doc, gz []cand, out []cand) []cand {
	for _, i := range d.trig {
		t := d.toks[i]
		if !t.word || t.flags&fUpper == 0 {
			continue
		}
		w := d.w(i)
		hyphenTitle := t.flags&fHyphen != 0 && titleWord(w)
		if !hyphenTitle && !namey(w) {
			continue
		}
		k, _ := morphoKind(w)
		if k == "" {
			continue
		}
		if !x.unknownName(d, i) && !(hyphenTitle && !x.stopped(w)) {
			continue
		}
		out = append(out, x.emitNames(d, t.start, t.end, w, k, "pattern:morphology")...)
	}
	return out
}

// acronymRule: "Long Range Arena (LRA)", "noise prompt dataset~(NPD)",
// "TAU Spatial Room Impulse Response Database (TAU-SRIR DB)".
func (x *Extractor) acronymRule(d *doc, out []cand) []cand {
	for _, def := range d.acrList {
		kind, _ := nounKind(def.head)
		if strings.HasSuffix(def.short, " DB") || strings.HasSuffix(def.short, "-DB") {
			kind = KindDataset
		}
		if kind == "" || def.plural || x.stopped(def.short) {
			continue
		}
		if kind == KindModel && (def.lower && !namey(def.short) || modelPlural[def.head]) {
			continue
		}
		name := def.short
		c := x.named(d, def.longStart, def.end, name, kind, "pattern:acronym")
		if e, ok := x.lookup(d.s[def.longStart:def.longEnd]); ok {
			c.name, c.kind, c.family = e.name, e.kind, e.family
		}
		if ti := d.tokAt(def.longStart); ti >= 0 {
			c.introduced = d.introducedAt(ti)
		}
		out = append(out, c)
	}
	return out
}

// nameAfter reads a name starting at token i: a name-like token, or a
// title-case phrase ("Noise of Web"), optionally followed by "(ACR)". It
// returns the name, its span and the next token index.
func (x *Extractor) nameAfter(d *doc, i int, allowSingleTitle bool) (name string, st, en, next int, ok bool) {
	if i >= len(d.toks) || !d.toks[i].word {
		return "", 0, 0, i, false
	}
	st = d.toks[i].start
	j := i
	switch {
	case x.unknownName(d, i) || x.known(d.w(i)):
		name, en, j = d.w(i), d.toks[i].end, i+1
	case titleWord(d.w(i)) && !d.has(i, bFunc):
		k := i
		last := i
		for k < len(d.toks) && k < i+7 && d.toks[k].word && d.sameSent(k, i) {
			w := d.w(k)
			if titleWord(w) || namey(w) {
				last = k
			} else if !(w == "of" || w == "for" || w == "and" || w == "the" || w == "in" || w == "on" || w == "with" || w == "to") {
				break
			}
			k++
		}
		if last == i && !allowSingleTitle {
			return "", 0, 0, i, false
		}
		name, en, j = d.s[st:d.toks[last].end], d.toks[last].end, last+1
	default:
		return "", 0, 0, i, false
	}
	// Optional "(ACR)".
	if j+2 < len(d.toks) && d.w(j) == "(" && d.w(j+2) == ")" && shortFormOK(d.w(j+1)) {
		name, en, j = d.w(j+1), d.toks[j+2].end, j+3
	}
	if x.stopped(name) || functionWords[strings.ToLower(name)] {
		return "", 0, 0, i, false
	}
	return name, st, en, j, true
}

// known reports whether w is a list alias.
func (x *Extractor) known(w string) bool {
	_, ok := x.lookup(w)
	return ok
}

// calledRule: "a dataset called EchoSet", "a Video Captioner, named
// SkyCaptioner-V1", "a realistic dataset called Noise of Web (NoW)".
func (x *Extractor) calledRule(d *doc, out []cand) []cand {
	for _, i := range d.trig {
		if !d.has(i, bCalled) {
			continue
		}
		// What is being named: the nearest head noun before.
		var kind Kind
		for k := i - 1; k >= 0 && k >= i-8 && d.sameSent(k, i); k-- {
			if kd, ok := d.nk(k); !ok {
				break
			} else if kd != "" {
				if !d.has(k, bModelPl) {
					kind = kd
				}
				break
			}
		}
		if kind == "" {
			continue
		}
		j := i + 1
		if d.lw(j) == "as" {
			j++
		}
		name, st, en, _, ok := x.nameAfter(d, j, true)
		if !ok {
			continue
		}
		c := x.named(d, st, en, name, kind, "pattern:called")
		c.introduced = d.introducedAt(i)
		out = append(out, c)
	}
	return out
}

// introRule: "We introduce MMAR, a new benchmark ...", "we propose Sigma,
// an efficient large language model". The appositive's head noun gives
// the kind; methods and frameworks are not artifacts (but still name the
// paper).
func (x *Extractor) introRule(d *doc, out []cand) []cand {
	for _, i := range d.trig {
		if !d.has(i, bIntro) || i == 0 {
			continue
		}
		subj := d.lw(i - 1)
		if !(subj == "we" || subj == "paper" || subj == "work" || (subj == "also" || subj == "further" || subj == "first" || subj == "then") && d.lw(i-2) == "we") {
			continue
		}
		j := i + 1
		for d.has(j, bDet) {
			j++
		}
		name, st, en, next, ok := x.nameAfter(d, j, true)
		if !ok {
			continue
		}
		if w := d.w(next); w != "," && w != "(" && w != ":" {
			continue
		}
		if d.introName == "" {
			d.introName = name
		}
		var kind Kind
		for k := next + 1; k < len(d.toks) && k <= next+15 && d.sameSent(k, i); k++ {
			w := d.lw(k)
			if w == "." || w == ";" || d.has(k, bCalled) || w == "which" || w == "that" {
				break
			}
			if (w == "suite" || w == "family" || w == "series" || w == "collection" || w == "set") && d.lw(k+1) == "of" {
				// "an open suite of video foundation models": the kind is
				// what the suite holds.
				for m := k + 2; m < len(d.toks) && m <= k+6; m++ {
					if kd, _ := d.nk(m); kd != "" {
						kind = kd
						break
					}
				}
				break
			}
			kd, ok := d.nk(k)
			if !ok {
				break
			}
			if kd != "" {
				if kd == KindModel && d.has(k, bModelPl) {
					continue
				}
				kind = kd
				break
			}
		}
		if kind == "" {
			continue
		}
		c := x.named(d, st, en, name, kind, "pattern:introduced")
		c.introduced = true
		out = append(out, c)
	}
	return out
}

// suffixRule: "the HyPoradise dataset", "the KILT benchmark", "ImageNet-1K
// and YFCC15M datasets", "WSJ0-2/3mix, Libri2Mix, and WHAM!/WHAMR!
// benchmarks", "a modified SELDnet baseline".
func (x *Extractor) suffixRule(d *doc, gz []cand, out []cand) []cand {
	gzEnd := map[int]bool{}
	for _, c := range gz {
		gzEnd[c.end] = true
	}
	for _, i := range d.trig {
		if i == 0 {
			continue
		}
		kind, _ := d.nk(i)
		lw := d.lw(i)
		if kind == "" || lw == "model" || lw == "models" || lw == "network" || lw == "networks" || lw == "net" ||
			lw == "architecture" || lw == "architectures" || lw == "transformer" || lw == "encoder" || lw == "decoder" || lw == "generator" || lw == "agent" || lw == "chatbot" || lw == "lm" || lw == "llm" || lw == "lms" || lw == "llms" || lw == "mllms" || lw == "vlms" || lw == "captioner" || lw == "vocoder" || lw == "detector" || lw == "detectors" || lw == "encoders" || lw == "generators" {
			continue
		}
		j := i - 1
		first := true
		for j >= 0 && d.sameSent(j, i) {
			tj := d.toks[j]
			if gzEnd[tj.end] {
				// A list match: skip over it.
				k := j
				for k > 0 && d.toks[k-1].end == d.toks[k].start {
					k--
				}
				j = k - 1
			} else if x.unknownName(d, j) {
				en, name := tj.end, d.w(j)
				if first && namedHead(d.w(i)) {
					en, name = d.toks[i].end, d.s[tj.start:d.toks[i].end]
				}
				out = append(out, x.emitNames(d, tj.start, en, name, kind, "pattern:suffix")...)
				j--
			} else if first && kind != KindModel && titleWord(d.w(j)) && !d.has(j, bFunc) {
				// A title-case name: "Conceptual Captions dataset".
				k := j
				for k-1 >= 0 && d.sameSent(k-1, i) && k > j-3 && titleWord(d.w(k-1)) && !d.has(k-1, bFunc) && d.toks[k-1].word {
					k--
				}
				if k == j && (k == d.sentStart(k) || d.has(k, bDataset|bBench|bModel|bModelPl|bMethod)) {
					break // a sentence's first word, or "Benchmark benchmark"
				}
				en := tj.end
				if namedHead(d.w(i)) {
					en = d.toks[i].end
				}
				out = append(out, x.named(d, d.toks[k].start, en, d.s[d.toks[k].start:en], kind, "pattern:suffix"))
				j = k - 1
			} else {
				break
			}
			first = false
			// Coordination: ",", "and", "or", ", and".
			if j >= 0 && d.w(j) == "," {
				j--
			}
			if j >= 0 && (d.lw(j) == "and" || d.lw(j) == "or" || d.w(j) == "&") {
				j--
			} else if j >= 0 && d.w(j+1) != "," {
				break
			}
		}
	}
	return out
}

// namedHead reports a capitalised head noun that is part of the name:
// "Long Range Arena", "DCASE2021 Challenge".
func namedHead(w string) bool {
	switch w {
	case "Arena", "Suite", "Challenge", "Leaderboard", "Testbed", "Bench", "Database", "Corpus":
		return true
	}
	return false
}

// emitNames makes candidates for a name, splitting a coordinated one
// ("Llama-2/3", "WSJ0-2/3mix") into its parts, which share the span.
func (x *Extractor) emitNames(d *doc, st, en int, name string, kind Kind, rule string) []cand {
	if strings.Count(name, "/") == 1 {
		if parts := splitCoordinated(name); len(parts) == 2 && len(parts[0]) > 1 && len(parts[1]) > 1 {
			var out []cand
			for _, p := range parts {
				c := x.named(d, st, en, p, kind, rule)
				c.group = -(st + 1)
				out = append(out, c)
			}
			return out
		}
	}
	return []cand{x.named(d, st, en, name, kind, rule)}
}

// headBeforeRule: "the first comprehensive benchmark AIMicius", "the
// SOTA model TF-GridNet", "the linear attention architecture TransNormer".
func (x *Extractor) headBeforeRule(d *doc, out []cand) []cand {
	for _, i := range d.trig {
		if i+1 >= len(d.toks) {
			continue
		}
		kind, _ := d.nk(i)
		if kind == "" {
			continue
		}
		lw := d.lw(i)
		if d.has(i, bModelPl) || strings.HasSuffix(lw, "s") && !d.has(i, bBench|bDataset) {
			continue
		}
		if lw == "benchmarks" || lw == "datasets" || lw == "corpora" || lw == "databases" {
			continue
		}
		if !x.unknownName(d, i+1) || !d.sameSent(i, i+1) {
			continue
		}
		if pw := d.lw(i - 1); pw == "we" || pw == "to" || pw == "they" || pw == "also" || pw == "i" || pw == "and" {
			continue // "we benchmark XGBoost": a verb
		}
		// "dataset X" must not be "dataset X dataset"-style compounds.
		if nk, _ := d.nk(i + 2); nk != "" && d.sameSent(i+1, i+2) {
			continue
		}
		t := d.toks[i+1]
		out = append(out, x.emitNames(d, t.start, t.end, d.w(i+1), kind, "pattern:head-noun")...)
	}
	return out
}

// listRule: coordinated names after a trigger — "diffusion models,
// including SDXL, DreamShaper-xl-v2-turbo, and Hunyuan-DiT"; "two
// benchmarks, T2I-CompBench and GenEval"; "Experiments on Llama-2/3 and
// Mistral models"; "outperforms X and Y".
func (x *Extractor) listRule(d *doc, gz []cand, gzAt map[int][]int, out []cand) []cand {
	for _, i := range d.trig {
		lw := d.lw(i)
		var kind Kind     // kind of unknown items
		explicit := false // the kind comes from a head noun
		allowUnknown := true
		start := i + 1
		switch {
		case d.has(i, bList) || lw == "such" && d.lw(i+1) == "as":
			if lw == "such" {
				start = i + 2
			}
			if lw == "like" && i > 0 && (d.lw(i-1) == "would" || d.lw(i-1) == "looks") {
				continue
			}
			kind, explicit, allowUnknown = d.headBefore(i)
		case (lw == "benchmarks" || lw == "datasets" || lw == "models" || lw == "llms") && (d.w(i+1) == ":" || d.w(i+1) == ","):
			kind, _ = d.nk(i)
			explicit = true
			start = i + 2
		case (lw == "on" || lw == "across") && d.evalContext(i) && !notEvalOn[d.lw(i-1)]:
			kind = KindDataset
		case (lw == "evaluate" || lw == "benchmark" || lw == "compare" || lw == "test") && (d.lw(i-1) == "we" || d.lw(i-1) == "to" || d.lw(i-1) == "and"):
			// "We benchmark XGBoost, CatBoost and TabPFN": what is evaluated
			// is usually a model.
			kind = KindModel
		case d.has(i, bComp) || (lw == "compared" || lw == "comparable" || lw == "relative") && (d.lw(i+1) == "to" || d.lw(i+1) == "with"):
			if lw == "compared" || lw == "comparable" || lw == "relative" {
				start = i + 2
			}
			kind = KindModel
		default:
			continue
		}
		if d.w(start) == "," {
			start++
		}
		for d.has(start, bDet) {
			start++
		}
		type item struct {
			tok  int
			end  int // token after the item
			gz   []int
			name string
			weak bool // a capitalised word, kept only if a head noun follows
		}
		var items []item
		j := start
		for j < len(d.toks) && d.sameSent(j, i) {
			if g, ok := gzAt[j]; ok {
				e := gz[g[0]].end
				k := j
				for k < len(d.toks) && d.toks[k].start < e {
					k++
				}
				items = append(items, item{tok: j, end: k, gz: g})
				j = k
			} else if x.unknownName(d, j) {
				items = append(items, item{tok: j, end: j + 1, name: d.w(j)})
				j++
			} else if titleWord(d.w(j)) && !d.has(j, bFunc) && len(d.w(j)) > 2 && !x.stopped(d.w(j)) {
				// Capitalised words: "Mistral", "Memory Networks".
				k := j + 1
				for k < len(d.toks) && k < j+4 && d.toks[k].word && titleWord(d.w(k)) && d.sameSent(k, j) {
					k++
				}
				name := d.s[d.toks[j].start:d.toks[k-1].end]
				if !x.stopped(name) {
					items = append(items, item{tok: j, end: k, name: name, weak: true})
				}
				j = k
			} else {
				break
			}
			if w := d.w(j); w == "'" || w == "\u2019" {
				// "CLIP's representation": a possessive, not a list item.
				items = items[:len(items)-1]
				break
			}
			if d.w(j) == "," {
				j++
			}
			if lw2 := d.lw(j); lw2 == "and" || lw2 == "or" || lw2 == "&" {
				j++
			} else if d.w(j-1) != "," {
				break
			}
		}
		if len(items) == 0 {
			continue
		}
		// A head noun after the list decides.
		after := items[len(items)-1].end
		headAfter := false
		// After "evaluate on", capitalised names are datasets when the list
		// ends the clause ("Experiments on Wine show", "on Adience.").
		weakOK := lw == "on" || lw == "across"
		if weakOK && after < len(d.toks) && d.sameSent(after, i) {
			switch d.lw(after) {
			case ",", ".", ";", ")", "show", "shows", "showed", "confirm", "confirms", "demonstrate", "demonstrates",
				"and", "with", "where", "using", "in", "for", "to", "while", "that", "which", "as", "indicate", "reveal":
			default:
				weakOK = false
			}
		}
		if after < len(d.toks) && d.sameSent(after, i) {
			if k, ok := d.lnk(after); !ok {
				allowUnknown = false
			} else if k != "" {
				kind, explicit, headAfter = k, true, true
			}
		}
		for _, it := range items {
			if it.gz != nil {
				if !explicit {
					continue
				}
				for _, g := range it.gz {
					c := gz[g]
					if kindClass(c.kind) != kindClass(kind) && kind != "" {
						c.kind = kind
						c.rule += "+context"
						c.prio = 0
						out = append(out, c)
					}
				}
				continue
			}
			if !allowUnknown || it.weak && !headAfter && !weakOK {
				continue
			}
			k := kind
			if !explicit {
				if mk, strong := morphoKind(it.name); mk != "" && (strong || k == KindModel) {
					k = mk
				} else if hasSizeSegment(it.name) {
					k = KindModel
				}
			}
			if k == "" {
				continue
			}
			t := d.toks[it.tok]
			for _, c := range x.emitNames(d, t.start, d.toks[it.end-1].end, it.name, k, "pattern:list") {
				c.introduced = false
				out = append(out, c)
			}
		}
	}
	return out
}

// headBefore finds the head noun before a list trigger at token i
// ("diffusion models, including"): the kind for unknown items, whether a
// noun said so, and whether unknown items are allowed at all.
func (d *doc) headBefore(i int) (Kind, bool, bool) {
	for k := i - 1; k >= 0 && k >= i-8 && d.sameSent(k, i); k-- {
		w := d.lw(k)
		if w == "," || w == "(" {
			continue
		}
		kd, ok := d.lnk(k)
		if !ok {
			return "", false, false
		}
		if kd != "" {
			return kd, true, true
		}
	}
	return "", false, false
}

// notEvalOn are words before "on" that do not introduce what is evaluated
// ("based on", "runs on", "focus on").
var notEvalOn = set("based", "rely", "relies", "relying", "depend", "depends", "depending", "focus", "focuses",
	"focused", "focusing", "built", "conditioned", "impact", "effect", "effects", "emphasis", "work", "works",
	"working", "operate", "operates", "run", "runs", "running", "deployed", "light", "later", "so", "draw",
	"draws", "building", "builds", "hinges", "centered", "act", "acts", "placed", "agree", "agrees")

// listNounKind is nounKind for list contexts, where "tasks such as X"
// and "X tasks" name benchmarks.
func listNounKind(w string) (Kind, bool) {
	if w == "task" || w == "tasks" {
		return KindBenchmark, true
	}
	return nounKind(w)
}

// evalContext reports whether the sentence before token i talks about
// evaluation ("we evaluate ... on", "Experiments on").
func (d *doc) evalContext(i int) bool {
	if !d.evalDone {
		// The first evaluation cue of each sentence, computed once.
		d.evalDone = true
		d.evalTok = d.evalTok[:0]
		for k, t := range d.toks {
			for len(d.evalTok) <= t.sent {
				d.evalTok = append(d.evalTok, -1)
			}
			if t.bits&bEval != 0 && d.evalTok[t.sent] < 0 {
				d.evalTok[t.sent] = k
			}
		}
	}
	k := d.evalTok[d.toks[i].sent]
	return k >= 0 && k < i
}

// hasSizeSegment reports a parameter-count part: "BLOOM-176B", "Qwen3-8B".
func hasSizeSegment(w string) bool {
	parts := strings.Split(w, "-")
	for _, p := range parts[1:] {
		if isSize(p) {
			return true
		}
	}
	return false
}

// sizeRule: model names with a parameter count the lists do not know:
// "Foo-13B", "Bar-2-70B-Chat". The family is the part before the size.
func (x *Extractor) sizeRule(d *doc, out []cand) []cand {
	for _, i := range d.trig {
		t := d.toks[i]
		if !t.word || t.flags&fUpper == 0 {
			continue
		}
		if t.flags&fDigit == 0 && (i+1 >= len(d.toks) || d.toks[i+1].flags&fDigit == 0) {
			continue // no size here or in the next word
		}
		w := d.w(i)
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) || !strings.ContainsFunc(w, unicode.IsUpper) || x.stopped(w) {
			continue
		}
		if i+1 < len(d.toks) && d.toks[i+1].start == t.end+1 && d.s[t.end] == ' ' && isSize(d.w(i+1)) &&
			strings.ToUpper(d.w(i+1)) == d.w(i+1) && !refWords[strings.ToLower(w)] && !functionWords[strings.ToLower(w)] &&
			(namey(w) || titleWord(w) && i > d.sentStart(i)) {
			// "Wan 14B", "Foo 7B": a name and a parameter count.
			name := w + "-" + d.w(i+1)
			c := x.named(d, t.start, d.toks[i+1].end, name, KindModel, "pattern:model-size")
			c.family = w
			if e, ok := x.lookup(w); ok {
				c.family = e.name
			}
			out = append(out, c)
			continue
		}
		parts := strings.Split(w, "-")
		for k := 1; k < len(parts); k++ {
			if !isSize(parts[k]) || len(parts[0]) < 2 || strings.ContainsRune(parts[k], '/') {
				continue
			}
			fam := strings.Join(parts[:k], "-")
			name := fam + "-" + sizeNorm(parts[k])
			if k+1 < len(parts) {
				name += "-" + strings.Join(parts[k+1:], "-")
			}
			c := x.named(d, t.start, t.end, name, KindModel, "pattern:model-size")
			if e, ok := x.lookup(fam); ok {
				fam = e.name
			}
			c.family = fam
			out = append(out, c)
			break
		}
	}
	return out
}

// coordinationRule splits coordinated names: "Llama-2/3" (Llama-2,
// Llama-3), "WSJ0-2/3mix" (WSJ0-2mix, WSJ0-3mix), "CIFAR-10/100",
// "GPT-3.5/4". Each part must be a list name or the whole a name.
func (x *Extractor) coordinationRule(d *doc, out []cand) []cand {
	for _, i := range d.trig {
		t := d.toks[i]
		if !t.word || t.flags&fSlash == 0 {
			continue
		}
		w := d.w(i)
		if strings.Count(w, "/") != 1 || !namey(w) {
			continue
		}
		parts := splitCoordinated(w)
		if len(parts) != 2 {
			continue
		}
		var cs []cand
		for _, p := range parts {
			e, ok := x.lookup(p)
			if !ok {
				cs = nil
				break
			}
			cs = append(cs, cand{start: t.start, end: t.end, kind: e.kind, name: e.name, family: e.family, rule: "coordination", prio: 1})
		}
		if len(cs) == 0 {
			continue
		}
		for _, c := range cs {
			c.group = -(t.start + 1)
			out = append(out, c)
		}
	}
	return out
}

// splitCoordinated turns "P<n1>S1/<n2>S" into its two names.
func splitCoordinated(w string) []string {
	slash := strings.IndexByte(w, '/')
	left, right := w[:slash], w[slash+1:]
	if right == "" || left == "" {
		return nil
	}
	if !isDigit(right[0]) {
		// "WHAM!/WHAMR!" style: two whole names.
		return []string{left, right}
	}
	// Right: number then suffix.
	k := 0
	for k < len(right) && (isDigit(right[k]) || right[k] == '.') {
		k++
	}
	suffix := right[k:]
	// Left: prefix, number, suffix1.
	e := len(left)
	for e > 0 && !isDigit(left[e-1]) {
		e--
	}
	b := e
	for b > 0 && (isDigit(left[b-1]) || left[b-1] == '.' && b > 1 && isDigit(left[b-2])) {
		b--
	}
	if b == e || b == 0 {
		return nil
	}
	prefix, suffix1 := left[:b], left[e:]
	if suffix1 == "" {
		return []string{prefix + left[b:e] + suffix, prefix + right}
	}
	return []string{left, prefix + right}
}

// documentAliases marks later mentions of a name a pattern found ("NPD"
// after "noise prompt dataset~(NPD)").
func (x *Extractor) documentAliases(d *doc, kept []cand) []cand {
	type ref struct {
		kind   Kind
		name   string
		family string
		intro  bool
	}
	names := map[string]ref{}
	for _, c := range kept {
		if c.prio != 2 {
			continue
		}
		surf := d.s[c.start:c.end]
		for _, form := range []string{c.name, surf} {
			if _, ok := names[form]; !ok && strings.IndexByte(form, ' ') < 0 && form != "" {
				names[form] = ref{c.kind, c.name, c.family, c.introduced}
			}
		}
	}
	if len(names) == 0 {
		return kept
	}
	// Spans of kept, sorted, to test coverage by binary search.
	spans := make([][2]int, 0, len(kept))
	for _, k := range kept {
		spans = append(spans, [2]int{k.start, k.end})
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	maxEnd := make([]int, len(spans)) // running maximum of ends
	for i, sp := range spans {
		maxEnd[i] = sp[1]
		if i > 0 {
			maxEnd[i] = max(maxEnd[i], maxEnd[i-1])
		}
	}
	covered := func(a, b int) bool {
		// Spans starting before b; one of them covers [a,b) if its end > a.
		p := sort.Search(len(spans), func(i int) bool { return spans[i][0] >= b })
		return p > 0 && maxEnd[p-1] > a
	}
	var extra []cand
	for i, t := range d.toks {
		if !t.word || t.flags&(fUpper|fDigit) == 0 && t.start < len(d.s) && d.s[t.start] < utf8.RuneSelf {
			continue
		}
		r, ok := names[d.w(i)]
		if !ok || covered(t.start, t.end) {
			continue
		}
		extra = append(extra, cand{start: t.start, end: t.end, kind: r.kind, name: r.name, family: r.family,
			rule: "alias:document", prio: 3, introduced: r.intro})
	}
	return append(kept, extra...)
}

// paperName returns the paper's own system name: the title's part before
// a colon when it is a short name ("CLIPSep", "Video DataFlywheel"), else
// the first artifact the abstract introduces, else the first name a "we
// propose X," sentence introduces.
func paperName(title string, ents []Entity, d *doc) string {
	if i := strings.IndexByte(title, ':'); i > 0 {
		pre := strings.TrimSpace(title[:i])
		words := strings.Fields(pre)
		if len(words) >= 1 && len(words) <= 3 {
			for _, w := range words {
				w = strings.Trim(w, ",;()")
				if namey(w) || len(words) == 1 && titleWord(w) && !functionWords[strings.ToLower(w)] && len(w) > 2 {
					return pre
				}
			}
		}
	}
	for _, e := range ents {
		if e.Introduced && e.Kind != KindRepo && e.Kind != KindURL {
			return e.Name
		}
	}
	return d.introName
}
