package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// Head nouns that say what kind of artifact a name is.
var (
	datasetNouns = set("dataset", "datasets", "corpus", "corpora", "database", "databases")
	benchNouns   = set("benchmark", "benchmarks", "suite", "challenge", "leaderboard", "arena", "bench", "testbed", "environment", "environments")
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
	bMisc    // other rule triggers: "such", "on", "across", "compared", ...
	bPromise // the verbs a promise of code follows: "is", "are", "will", "would", "shall", "we" (promiseVerbsIn)
)

// headBits are the head nouns that say a kind (see doc.nk).
const headBits = bDataset | bBench | bModel | bModelPl

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
		{set("is", "are", "will", "would", "shall", "we"), bPromise},
	} {
		for w := range c.set {
			m[w] |= c.bit
		}
	}
	return m
}()

// has reports whether token i is in one of the classes b.
func (d *doc) has(i int, b uint32) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	return d.toks[i].bits&b != 0
}

// nk is nounKind for token i.
func (d *doc) nk(i int) (papergraph.Kind, bool) {
	if i < 0 || i >= len(d.toks) {
		return "", true
	}
	return kindOfBits(d.toks[i].bits)
}

// kindOfBits is nounKind for a word of the classes b.
func kindOfBits(b uint32) (papergraph.Kind, bool) {
	switch {
	case b&bDataset != 0:
		return papergraph.KindDataset, true
	case b&bBench != 0:
		return papergraph.KindBenchmark, true
	case b&(bModel|bModelPl) != 0:
		return papergraph.KindModel, true
	case b&bMethod != 0:
		return "", false
	}
	return "", true
}

// vocabWord returns w lower-cased and padded with zero bytes as
// vocabClasses reads a word, when w is ASCII without NUL and 1 to 16 bytes
// long, as the vocabulary's words are (ok is false for other words:
// strings.ToLower turns some runes beyond ASCII into ASCII letters, and the
// table stores no length, so "dataset\x00" would key as "dataset"; tokenize
// makes no word with NUL, but a title split at its blanks may hold one).
func vocabWord(w string) (b [16 + lowPad]byte, ok bool) {
	if len(w) == 0 || len(w) > 16 {
		return b, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c == 0 || c >= utf8.RuneSelf {
			return b, false
		}
		b[i] = lowerByte(c)
	}
	return b, true
}

// lnk is the kind a head noun names in a list context (token i), where
// "tasks such as X" and "X tasks" name benchmarks.
func (d *doc) lnk(i int) (papergraph.Kind, bool) {
	if d.has(i, bTask) {
		return papergraph.KindBenchmark, true
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
func nounKind(w string) (papergraph.Kind, bool) {
	if b, ok := vocabWord(w); ok {
		// The noun sets are vocabulary classes: d.nk's switch on them.
		return kindOfBits(vocabClasses(b[:], 0, len(w)))
	}
	var buf [32]byte
	return nounSetsKind(lowered(&buf, w))
}

// nounSetsKind is nounKind for a lower-case word, asked of the noun sets
// themselves: the route of words the vocabulary table cannot hold, and the
// reference the table's answers are tested against.
func nounSetsKind(low string) (papergraph.Kind, bool) {
	switch {
	case datasetNouns[low]:
		return papergraph.KindDataset, true
	case benchNouns[low]:
		return papergraph.KindBenchmark, true
	case modelNouns[low] || modelPlural[low]:
		return papergraph.KindModel, true
	case methodNouns[low]:
		return "", false
	}
	return "", true
}

// pluralHead reports whether the lower-case w is a plural head noun that
// names several artifacts: a list's cue noun ("benchmarks", "corpora"), a
// plural model noun, or a kind noun with an "s" ("databases", "challenges").
func pluralHead(w string) bool {
	if cueNouns[w] != "" || modelPlural[w] {
		return true
	}
	n := len(w) - 1
	return n > 0 && w[n] == 's' && (datasetNouns[w[:n]] || benchNouns[w[:n]] || modelNouns[w[:n]])
}

// notEvalOn are words before "on" that do not introduce what is evaluated
// ("based on", "runs on", "focus on").
var notEvalOn = set("based", "rely", "relies", "relying", "depend", "depends", "depending", "focus", "focuses",
	"focused", "focusing", "built", "conditioned", "impact", "effect", "effects", "emphasis", "work", "works",
	"working", "operate", "operates", "run", "runs", "running", "deployed", "light", "later", "so", "draw",
	"draws", "building", "builds", "hinges", "centered", "act", "acts", "placed", "agree", "agrees")

// evalContext reports whether the sentence before token i talks about
// evaluation ("we evaluate ... on", "Experiments on").
func (d *doc) evalContext(i int) bool {
	if !d.evalDone {
		// The first evaluation cue of each sentence, found when a rule
		// first asks about the sentence: -2 until then.
		d.evalDone = true
		d.evalTok = d.evalTok[:0]
		for range d.sentFirst {
			d.evalTok = append(d.evalTok, -2)
		}
	}
	sent := d.toks[i].sent
	k := d.evalTok[sent]
	if k == -2 {
		k = -1
		for j := d.sentFirst[sent]; j < len(d.toks) && d.toks[j].sent == sent; j++ {
			if d.toks[j].bits&bEval != 0 {
				k = j
				break
			}
		}
		d.evalTok[sent] = k
	}
	return k >= 0 && k < i
}

// lowerIn returns m[strings.ToLower(w)], lower-casing a short ASCII w on
// the stack: the rules look words up by their lower case many times per
// text, and a string made for each lookup was a third of their
// allocations.
func lowerIn[V any](m map[string]V, w string) V {
	var buf [32]byte
	return m[string(lowerBytes(&buf, w))]
}

// lowered returns strings.ToLower(w). Inlined, it makes the string on the
// caller's stack when w is short and the result does not escape.
func lowered(buf *[32]byte, w string) string { return string(lowerBytes(buf, w)) }

// lowerBytes returns strings.ToLower(w) as bytes: in buf when w is ASCII
// and fits.
func lowerBytes(buf *[32]byte, w string) []byte {
	if len(w) > len(buf) {
		return []byte(strings.ToLower(w))
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return []byte(strings.ToLower(w))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)]
}

// capWordAfter reads " Word" at s[i:]: a space, an ASCII capital and the
// lower-case ASCII letters after it. It returns the word's end, or i.
func capWordAfter(s string, i int) int {
	if i+1 >= len(s) || s[i] != ' ' || s[i+1] < 'A' || s[i+1] > 'Z' {
		return i
	}
	k := i + 2
	for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
		k++
	}
	return k
}
