package papergraph

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMergeRules(t *testing.T) {
	tests := []struct {
		name   string
		in     []Paper
		groups [][]int // indexes of in that end up as one paper, in output order
		stats  MergeStats
	}{
		{"arXiv id",
			[]Paper{{Title: "A", ArXiv: "2401.00001"}, {Title: "Other title", ArXiv: "2401.00001"}},
			[][]int{{0, 1}}, MergeStats{In: 2, Out: 1, Merged: 1, ByArXiv: 1}},
		{"old-style arXiv id",
			[]Paper{{Title: "A", ArXiv: "hep-th/9901001"}, {Title: "B", ArXiv: "hep-th/9901001"}, {Title: "C", ArXiv: "hep-th/9901002"}},
			[][]int{{0, 1}, {2}}, MergeStats{In: 3, Out: 2, Merged: 1, ByArXiv: 1}},
		{"arXiv DOI given as DOI",
			[]Paper{{Title: "A", DOI: "10.48550/arxiv.2401.00001"}, {Title: "B", ArXiv: "2401.00001"}},
			[][]int{{0, 1}}, MergeStats{In: 2, Out: 1, Merged: 1, ByArXiv: 1}},
		{"DOI",
			[]Paper{{Title: "A", DOI: "10.1000/xyz"}, {Title: "B", DOI: "10.1000/xyz", ArXiv: "2401.00001"}},
			[][]int{{0, 1}}, MergeStats{In: 2, Out: 1, Merged: 1, ByDOI: 1}},
		{"DOI but different arXiv ids",
			[]Paper{{Title: "A", DOI: "10.1000/xyz", ArXiv: "2401.00001"}, {Title: "B", DOI: "10.1000/xyz", ArXiv: "2401.00002"}},
			[][]int{{0}, {1}}, MergeStats{In: 2, Out: 2}},
		{"title",
			[]Paper{{Title: "Attention Is All You Need"}, {Title: "attention is all you need."}, {Title: "Attention is all you need!", ArXiv: "1706.03762"}},
			[][]int{{0, 1, 2}}, MergeStats{In: 3, Out: 1, Merged: 2, ByTitle: 2}},
		{"title but different arXiv ids",
			[]Paper{{Title: "A Survey of Large Language Models", ArXiv: "2303.18223"}, {Title: "A Survey of Large Language Models", ArXiv: "2402.06196"}},
			[][]int{{0}, {1}}, MergeStats{In: 2, Out: 2}},
		{"title but different DOIs",
			[]Paper{{Title: "A Survey of Large Language Models", DOI: "10.1/a"}, {Title: "A Survey of Large Language Models", DOI: "10.1/b"}},
			[][]int{{0}, {1}}, MergeStats{In: 2, Out: 2}},
		{"source ids",
			[]Paper{{Title: "A", OpenAlex: "W1"}, {Title: "B", S2: "abc"}, {Title: "C", OpenAlex: "W1", S2: "abc"}, {Title: "D", OpenAlex: "W2"}},
			[][]int{{0, 1, 2}, {3}}, MergeStats{In: 4, Out: 2, Merged: 2, BySourceID: 2}},
		{"short generic title is no identity",
			[]Paper{{Title: "Introduction"}, {Title: "Introduction"}},
			[][]int{{0}, {1}}, MergeStats{In: 2, Out: 2}},
		{"transitive through a record with both keys",
			[]Paper{{Title: "Deep Residual Learning for Image Recognition"}, {Title: "x", ArXiv: "1512.03385"}, {Title: "Z", DOI: "10.1109/cvpr.2016.90"}, {Title: "Deep residual learning for image recognition", ArXiv: "1512.03385", DOI: "10.1109/CVPR.2016.90"}},
			[][]int{{0, 1, 2, 3}}, MergeStats{In: 4, Out: 1, Merged: 3, ByArXiv: 1, ByDOI: 1, ByTitle: 1}},
		{"first-seen order kept",
			[]Paper{{Title: "P one", ArXiv: "2401.00001"}, {Title: "P two", ArXiv: "2401.00002"}, {Title: "P one again", ArXiv: "2401.00001"}, {Title: "P three", ArXiv: "2401.00003"}},
			[][]int{{0, 2}, {1}, {3}}, MergeStats{In: 4, Out: 3, Merged: 1, ByArXiv: 1}},
		{"empty", nil, [][]int{}, MergeStats{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i := range tc.in {
				tc.in[i].Pos.Record = i
			}
			got, st := Merge(tc.in)
			assert.Equal(t, tc.stats, st)
			require.Len(t, got, len(tc.groups))
			for g, members := range tc.groups {
				assert.Equal(t, members[0], got[g].Pos.Record, "group %d starts with its first-seen record", g)
				var ps []Paper
				for _, m := range members {
					ps = append(ps, tc.in[m])
				}
				rankRecords(ps)
				assert.Equal(t, ps[0].Title, got[g].Title, "the title of the best-ranked record")
			}
		})
	}
}

func TestMergeKeepsRichestFields(t *testing.T) {
	in := []Paper{
		{ID: "hf", Title: "SkyReels-V2: Infinite-length Film Generative Model", Abstract: "short", ArXiv: "2504.13074",
			Authors: []string{"G. Chen"}, Links: []Link{{URL: "https://github.com/SkyworkAI/SkyReels-V2", Source: "githubRepo"}}},
		{ID: "W1", Title: "SkyReels-V2: infinite-length film generative model", Abstract: "a much longer abstract", OpenAlex: "W1", Year: 2025,
			Authors: []string{"Guibin Chen", "Dixuan Lin"}, Refs: []Ref{{OpenAlex: "W9", Source: "referenced_works"}},
			Entities: []Entity{{Kind: KindModel, Name: "SkyReels-V2"}}},
		{ID: "s2", Title: "SkyReels V2", ArXiv: "2504.13074", S2: "abc", DOI: "10.1/sky", URL: "https://s2/abc",
			Links: []Link{{URL: "http://github.com/skyworkai/skyreels-v2/", Source: "comments"}, {URL: "https://www.skyreels.ai", Source: "projectPage"}},
			Refs:  []Ref{{OpenAlex: "W9"}, {ArXiv: "1706.03762"}}},
	}
	got, st := Merge(in)
	require.Len(t, got, 1)
	assert.Equal(t, 2, st.Merged)
	p := got[0]
	// Ranked: the S2 record fills 8 fields, OpenAlex's 7, HF's 6.
	assert.Equal(t, "s2", p.ID)
	assert.Equal(t, "SkyReels V2", p.Title)
	assert.Equal(t, "a much longer abstract short", p.Abstract, "the longest abstract, then what the others add")
	assert.Empty(t, p.Entities, "entities index the abstract: found again over the whole text")
	assert.Equal(t, "2504.13074", p.ArXiv)
	assert.Equal(t, "W1", p.OpenAlex)
	assert.Equal(t, "abc", p.S2)
	assert.Equal(t, "10.1/sky", p.DOI)
	assert.Equal(t, 2025, p.Year)
	assert.Equal(t, "https://s2/abc", p.URL)
	assert.Equal(t, []string{"Guibin Chen", "Dixuan Lin"}, p.Authors)
	assert.Equal(t, []Link{{URL: "http://github.com/skyworkai/skyreels-v2/", Source: "comments"}, {URL: "https://www.skyreels.ai", Source: "projectPage"}}, p.Links)
	assert.Equal(t, []Ref{{OpenAlex: "W9"}, {ArXiv: "1706.03762"}}, p.Refs)
	assert.Equal(t, in[0].Pos, p.Pos)
	assert.Len(t, in[0].Links, 1, "inputs are not modified")
	assert.Len(t, in[0].Authors, 1, "inputs are not modified")
}

// FuzzMerge builds papers from fuzz input (one per line: title|arxiv|doi)
// and checks Merge's invariants: counts add up, every id survives, order
// and output are deterministic, and the inputs are not changed.
func FuzzMerge(f *testing.F) {
	f.Add("Attention Is All You Need|1706.03762|\nattention is all you need||10.1/x\nOther Paper Title Here||10.1/X")
	f.Add("a b c d e f g h|hep-th/9901001v2|\nA B C D E F G H|hep-th/9901001|10.48550/arXiv.9901.00001")
	f.Fuzz(func(t *testing.T, s string) {
		var in []Paper
		for i, line := range strings.Split(s, "\n") {
			parts := strings.SplitN(line+"||", "|", 3)
			p := Paper{Title: parts[0], Pos: Pos{Record: i + 1}}
			p.AddID(parts[1])
			p.AddID(strings.TrimSuffix(parts[2], "||"))
			in = append(in, p)
		}
		before := fmt.Sprint(in)
		out, st := Merge(in)
		again, st2 := Merge(in)
		if fmt.Sprint(out) != fmt.Sprint(again) || st != st2 {
			t.Fatal("Merge is not deterministic")
		}
		if fmt.Sprint(in) != before {
			t.Fatal("Merge changed its input")
		}
		if st.In != len(in) || st.Out != len(out) || st.Merged != st.In-st.Out || st.ByArXiv+st.ByDOI+st.BySourceID+st.ByTitle != st.Merged {
			t.Fatalf("bad stats %+v for %d in, %d out", st, len(in), len(out))
		}
		last := 0
		for _, p := range out {
			if p.Pos.Record <= last {
				t.Fatal("output not in first-seen order")
			}
			last = p.Pos.Record
		}
		for _, p := range in {
			if p.ArXiv != "" && !anyHas(out, p.ArXiv) {
				t.Fatalf("arXiv id %s lost", p.ArXiv)
			}
		}
	})
}

func anyHas(ps []Paper, arxiv string) bool {
	for _, p := range ps {
		if p.ArXiv == arxiv {
			return true
		}
	}
	return false
}

// permutations calls f with every order of n indexes.
func permutations(n int, f func([]int)) {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			f(idx)
			return
		}
		for i := k; i < n; i++ {
			idx[k], idx[i] = idx[i], idx[k]
			rec(k + 1)
			idx[k], idx[i] = idx[i], idx[k]
		}
	}
	rec(0)
}

// TestMergeOrderIndependent: duplicates that conflict (titles, years,
// abstracts, links differ; one title is shared by two arXiv ids and a
// record without ids) merge to the same papers in every input order.
func TestMergeOrderIndependent(t *testing.T) {
	in := []Paper{
		{Title: "Deep Residual Learning for Image Recognition", ArXiv: "1512.03385", Year: 2015, Abstract: "We present residual nets."},
		{Title: "Deep residual learning for image recognition", ArXiv: "1512.03385", Year: 2016, URL: "https://a", Abstract: "Residual nets on ImageNet."},
		{Title: "Deep Residual Learning for Image Recognition", DOI: "10.1109/cvpr.2016.90", Authors: []string{"K. He"}},
		{Title: "Deep Residual Learning for Image Recognition", ArXiv: "9999.99999", Year: 2020},
		{Title: "Deep Residual Learning for Image Recognition", Abstract: "An orphan record, matched by title only."},
		{Title: "Attention Is All You Need", DOI: "10.5555/3295222", Links: []Link{{URL: "https://github.com/a/b", Source: "comments"}}},
		{Title: "Attention is all you need!", DOI: "10.5555/3295222", Links: []Link{{URL: "https://github.com/c/d", Source: "githubRepo"}}},
	}
	key := func(ps []Paper) string {
		var out []string
		for _, p := range ps {
			p.Pos = Pos{}
			out = append(out, fmt.Sprintf("%+v", p))
		}
		slices.Sort(out)
		return strings.Join(out, "\n")
	}
	var want string
	var wantStats MergeStats
	n := 0
	permutations(len(in), func(idx []int) {
		ps := make([]Paper, len(in))
		for i, j := range idx {
			ps[i] = in[j]
		}
		got, st := Merge(ps)
		if n == 0 {
			want, wantStats = key(got), st
		}
		n++
		if k := key(got); k != want || st != wantStats {
			t.Fatalf("order %v gives\n%s\n%+v\nwant\n%s\n%+v", idx, k, st, want, wantStats)
		}
	})
	assert.Equal(t, 5040, n)
}

// TestMergeKeepsOtherAbstractsSentences: what only the shorter abstract of
// a merged record says stays in the merged paper's text.
func TestMergeKeepsOtherAbstractsSentences(t *testing.T) {
	got, _ := Merge([]Paper{
		{ArXiv: "2401.00001", Title: "A Paper Title Here", Abstract: "We train a model on ImageNet. It works well in every setting we tried."},
		{ArXiv: "2401.00001", Title: "A Paper Title Here", Abstract: "We train a model on ImageNet. Code: https://github.com/a/b."},
	})
	require.Len(t, got, 1)
	assert.Equal(t, "We train a model on ImageNet. It works well in every setting we tried. Code: https://github.com/a/b.", got[0].Abstract)
}

// TestMergeKeys: the keys an engine merges records by are the ones Merge
// compares: records Merge joins share one, records it keeps apart do not.
func TestMergeKeys(t *testing.T) {
	a := Paper{DOI: "10.48550/arXiv.2401.00001", Title: "Deep Nets for Tides, Revisited", Abstract: "We study tides. Tides matter!",
		Authors: []string{"J. Smith", "Ann Lee"}, OpenAlex: "w123", S2: "ABC"}
	k := a.MergeKeys()
	assert.Equal(t, "2401.00001", k.ArXiv, "an arXiv DOI is an arXiv id")
	assert.Equal(t, "", k.DOI)
	assert.Equal(t, "W123", k.OpenAlex)
	assert.Equal(t, "abc", k.S2)
	assert.Equal(t, "deep nets for tides revisited", k.Title)
	assert.Equal(t, []string{"j smith", "a lee"}, k.Authors)
	assert.Equal(t, richness(a), k.Richness)
	assert.Equal(t, priority(a), k.Priority)
	assert.Equal(t, 29, k.Chars)
	b := Paper{Abstract: "we study TIDES; tides   matter"}
	assert.Equal(t, k.Words, b.MergeKeys().Words, "the same words in other cases and punctuation")
	assert.NotEqual(t, k.Words, Paper{Abstract: "We study tides."}.MergeKeys().Words)
	assert.Empty(t, Paper{}.MergeKeys().Words)
	assert.Equal(t, "", Paper{Title: "Introduction"}.MergeKeys().Title, "too generic to join on")
	merged, st := Merge([]Paper{a, {ArXiv: "2401.00001", Title: "Other"}})
	assert.Len(t, merged, 1, "joined on the key MergeKeys gives")
	assert.Equal(t, 1, st.ByArXiv)
}

// TestNormTitleASCII checks normTitle's one-pass path for ASCII titles
// against the path for any title, on titles of every ASCII byte.
func TestNormTitleASCII(t *testing.T) {
	titles := []string{"", "Attention Is All You Need", "BERT: Pre-training of Deep Bidirectional Transformers",
		"  a  b  c  ", "GPT-4 Technical Report", "x\ty\nz 12345678901", "Llama 2: Open Foundation and Fine-Tuned Chat Models!"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(128))
		}
		titles = append(titles, string(b))
	}
	for _, title := range titles {
		assert.Equal(t, string(appendNormTitleRunes(nil, title)), string(appendNormTitleASCII(nil, title)), "title %q", title)
	}
}

// TestMergeGOMAXPROCS: Merge works out the keys of more than one chunk of
// records on several goroutines; the result does not depend on how many.
// Duplicates of each key kind lie in other chunks than their first record.
func TestMergeGOMAXPROCS(t *testing.T) {
	const n = 3 * 4096
	papers := make([]Paper, n)
	for i := range papers {
		papers[i] = Paper{Title: fmt.Sprintf("Record %d on nothing in particular", i), Abstract: fmt.Sprintf("Abstract %d.", i)}
		j := i % 5000 // i and i+5000 (and i+10000) are one paper, more than a chunk apart
		switch j % 5 {
		case 0:
			papers[i].ArXiv = fmt.Sprintf("2401.%05d", j)
		case 1:
			papers[i].DOI = fmt.Sprintf("10.1234/x.%d", j)
		case 2:
			papers[i].OpenAlex = fmt.Sprintf("w%d", j)
			if i >= 5000 {
				papers[i].OpenAlex = strings.ToUpper(papers[i].OpenAlex)
			}
		case 3:
			papers[i].S2 = fmt.Sprintf("AB%x", j)
			if i >= 5000 {
				papers[i].S2 = strings.ToLower(papers[i].S2)
			}
		case 4:
			papers[i].Title = fmt.Sprintf("The Title of Paper Number %d", j)
			if i >= 5000 {
				papers[i].Title = strings.ToUpper(papers[i].Title) + "!"
			}
		}
	}
	merge := func(procs int) ([]Paper, MergeStats) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return Merge(slices.Clone(papers))
	}
	want, wantStats := merge(1)
	got, gotStats := merge(4)
	assert.Equal(t, wantStats, gotStats)
	assert.Equal(t, want, got)
	assert.Equal(t, 5000, wantStats.Out)
	for _, c := range []int{wantStats.ByArXiv, wantStats.ByDOI, wantStats.BySourceID, wantStats.ByTitle} {
		assert.Positive(t, c, "a merge of each key kind: %+v", wantStats)
	}
	// The keys Merge buckets are those MergeKeys documents.
	keys := keysOf(papers, maphash.MakeSeed(), ^uint64(0))
	for i := range papers {
		mk := papers[i].MergeKeys()
		var got [keyKinds]string
		for kind := range got {
			got[kind] = keyOf(&papers[i], kind)
			assert.Equal(t, got[kind] == "", keys.hash[i][kind] == 0, "record %d: key %q hashed %x", i, got[kind], keys.hash[i][kind])
		}
		assert.Equal(t, [keyKinds]string{mk.ArXiv, mk.DOI, mk.OpenAlex, mk.S2, mk.Title},
			[keyKinds]string{got[keyArXiv], got[keyDOI], strings.TrimPrefix(got[keyOpenAlex], "openalex:"), strings.TrimPrefix(got[keyS2], "s2:"), got[keyTitle]}, "record %d", i)
		assert.Equal(t, [2]string{keys.arxiv[i], keys.doi[i]}, [2]string{mk.ArXiv, mk.DOI}, "record %d", i)
	}
}

// TestKeyTable: the table finds each key's first occurrence as a map of
// keys would, when hashes are equal for different keys (all of them, or
// their upper halves) and when they differ, and for occurrences past
// 1<<32 (a table whose span needs more than 32 bits; put at 5<<32 and
// on, the table's size is the keys').
func TestKeyTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	keys := make([]string, 5000)
	for i := range keys {
		keys[i] = fmt.Sprint(rng.IntN(700))
	}
	seed := maphash.MakeSeed()
	for _, tc := range []struct {
		name string
		hash func(string) uint64
	}{
		{"distinct", func(k string) uint64 { return maphash.String(seed, k) | 1 }},
		{"one hash", func(string) uint64 { return 42 }},
		{"one upper half", func(k string) uint64 { return 7<<32 | maphash.String(seed, k)&0xffffffff }},
		{"few hashes", func(k string) uint64 { return uint64(len(k)) }},
	} {
		for _, base := range []int{0, 5 << (strconv.IntSize / 2)} { // 5 << 32 where an int holds it
			t.Run(fmt.Sprintf("%s from %d", tc.name, base), func(t *testing.T) {
				table := newKeyTable(len(keys), base+len(keys))
				first := map[string]int{}
				for o, k := range keys {
					want, ok := first[k]
					if !ok {
						first[k], want = base+o, base+o
					}
					h := tc.hash(k)
					got := table.put(h, base+o, func(prev int) bool { return tc.hash(keys[prev-base]) == h && keys[prev-base] == k })
					require.Equal(t, want, got, "occurrence %d of %q", o, k)
				}
			})
		}
	}
}

// TestMergeHashCollisions holds Merge to mergeRef (the merge of 78ea333,
// which finds a key's records by the key itself) on random records with
// duplicates of every key kind and different keys of every kind, under
// hash masks that make different keys share their hashes: all of them,
// their upper halves (every key compared on every probe of its chain),
// their lower halves (one chain), and a few hashes. Only the comparison
// of the keys themselves keeps different papers apart.
func TestMergeHashCollisions(t *testing.T) {
	titles := []string{"Attention Is All You Need", "attention is all you need!", "Deep Residual Learning for Image Recognition",
		"deep residual learning for image recognition", "Introduction", "Graph Neural Networks: A Survey", "Über Graphen und Netze, eine Analyse",
		"uber graphen und netze eine analyse", ""}
	arxivs := []string{"", "", "1706.03762", "1706.03762v2", "1512.03385", "hep-th/9901001", "2401.00001"}
	dois := []string{"", "", "10.1/x", "10.1/X", "https://doi.org/10.1/x", "10.2/y", "10.48550/arXiv.1706.03762", "10.3/z"}
	openAlex := []string{"", "", "W1", "w1", "W2"}
	s2 := []string{"", "", "AB12", "ab12", "cd34", "w1"}
	rng := rand.New(rand.NewPCG(1, 2))
	var total MergeStats
	for _, mask := range []uint64{^uint64(0), 0, 0xffffffff, 0xffffffff00000000, 0x100000003} {
		for _, n := range []int{12, 200} {
			for range 300 {
				in := make([]Paper, 1+rng.IntN(n))
				for i := range in {
					p := &in[i]
					p.Title = titles[rng.IntN(len(titles))]
					p.AddID(arxivs[rng.IntN(len(arxivs))])
					p.AddID(dois[rng.IntN(len(dois))])
					p.OpenAlex, p.S2 = openAlex[rng.IntN(len(openAlex))], s2[rng.IntN(len(s2))]
					p.Abstract = fmt.Sprint("Abstract ", rng.IntN(5), ".")
					p.Authors = []string{fmt.Sprint("A", rng.IntN(3))}
					p.Pos = Pos{Record: i + 1}
				}
				want, wantStats := mergeRef(in)
				got, from, gotStats := merge(in, mask, true)
				require.Equal(t, wantStats, gotStats, "hash mask %#x, input %+v", mask, in)
				require.Equal(t, want, got, "hash mask %#x, input %+v", mask, in)
				checkFrom(t, in, got, from, gotStats)
				total.ByArXiv += gotStats.ByArXiv
				total.ByDOI += gotStats.ByDOI
				total.BySourceID += gotStats.BySourceID
				total.ByTitle += gotStats.ByTitle
			}
		}
	}
	for _, c := range []int{total.ByArXiv, total.ByDOI, total.BySourceID, total.ByTitle} {
		assert.Positive(t, c, "a merge of each key kind: %+v", total)
	}
}

// BenchmarkMerge merges 100,000 records shaped like an arXiv batch (an
// id, a title of five words, authors), one in a hundred a second record
// of an earlier paper: that paper's title and a DOI made from its place.
// The earlier paper has no DOI, so the two join by title, and two such
// records of one paper join by DOI: 980 joins by title and 16 by DOI,
// none by arXiv or source id. Run: go test -run '^$' -bench Merge -cpu 1
// -benchmem .
func BenchmarkMerge(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("deep sparse graph learning model robust neural attention language vision transfer " +
		"retrieval diffusion scaling efficient causal federated contrastive adaptive")
	papers := make([]Paper, 100_000)
	for i := range papers {
		p := &papers[i]
		title := make([]string, 5)
		for k := range title {
			title[k] = words[rng.IntN(len(words))]
		}
		p.Title = strings.Join(title, " ") + fmt.Sprint(" ", i)
		p.Authors = []string{"A. Author", "B. Author"}
		p.Pos = Pos{Record: i + 1}
		if i%100 == 99 {
			j := rng.IntN(i)
			p.Title, p.DOI = papers[j].Title, fmt.Sprintf("10.1000/%d", j)
			continue
		}
		p.ArXiv = fmt.Sprintf("26%02d.%05d", 1+i%12, i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		Merge(papers)
	}
}

// checkFrom checks what [MergeFrom] says of each paper merge returned:
// from is nil only when nothing merged and out is in itself; otherwise
// each paper of one record is that record, unchanged, no record is
// named twice, and the folds (-1) take up at least two records each.
func checkFrom(t *testing.T, in, out []Paper, from Origins, st MergeStats) {
	t.Helper()
	if from == nil {
		require.Zero(t, st.Merged, "from is nil though records merged")
		require.Equal(t, len(in), len(out))
		if len(in) > 0 {
			require.Same(t, &in[0], &out[0], "nothing merged: out is in")
		}
		return
	}
	require.Len(t, from, len(out))
	seen := map[int]bool{}
	folds := 0
	for k, i := range from {
		if i < 0 {
			folds++
			continue
		}
		require.False(t, seen[i], "record %d named twice", i)
		seen[i] = true
		require.Equal(t, in[i], out[k], "paper %d is record %d", k, i)
	}
	require.Positive(t, folds, "records merged, but no paper is a fold")
	require.LessOrEqual(t, len(seen)+2*folds, len(in), "each fold takes at least two records")
}

// TestSeenKeys: SeenKeys says a record was seen exactly when an earlier
// record has one of its keys, as Merge compares them (keyOf), on random
// records that share ids, titles and source ids in every spelling.
func TestSeenKeys(t *testing.T) {
	titles := []string{"Attention Is All You Need", "attention is all you need!", "Introduction", "Über Graphen und Netze, eine Analyse",
		"uber graphen und netze eine analyse", ""}
	ids := []string{"", "", "1706.03762", "1706.03762v2", "10.1/x", "10.1/X", "10.48550/arXiv.1706.03762", "hep-th/9901001"}
	openAlex := []string{"", "", "W1", "w1", "W2"}
	s2 := []string{"", "", "AB12", "ab12", "w1"}
	rng := rand.New(rand.NewPCG(3, 4))
	seen, apart := 0, 0
	for range 300 {
		in := make([]Paper, 1+rng.IntN(12))
		var keys SeenKeys
		for j := range in {
			p := &in[j]
			p.Title, p.OpenAlex, p.S2 = titles[rng.IntN(len(titles))], openAlex[rng.IntN(len(openAlex))], s2[rng.IntN(len(s2))]
			p.AddID(ids[rng.IntN(len(ids))])
			want := false
			for i := range j {
				for kind := range keyKinds {
					if k := keyOf(p, kind); k != "" && k == keyOf(&in[i], kind) {
						want = true
					}
				}
			}
			require.Equal(t, want, keys.Add(p), "record %d of %+v", j, in[:j+1])
			if want {
				seen++
			} else {
				apart++
			}
		}
	}
	assert.Positive(t, seen)
	assert.Positive(t, apart)
}
