// Package worst makes the records that cost papergraph's extraction the
// most, for tests that bound its time and memory per input byte.
package worst

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Dense returns about n bytes of 12-word sentences dense with names and
// links: every sentence names datasets, models or a repository, so the
// rules find a candidate every few words. The same n gives the same text.
func Dense(n int) string {
	words := strings.Fields("we train a transformer model on ImageNet and COCO and evaluate on GLUE with BERT the results improve over ResNet baselines code at https://github.com/a/b")
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < n {
		for i := range 12 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		b.WriteString(". ")
	}
	return b.String()
}

// Names returns about n bytes of distinct names, two in each short
// sentence ("Model17-7B on DS17 dataset."): every name is a new entity.
func Names(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "Model%d-7B on DS%d dataset. ", i, i)
	}
	return b.String()
}

// Refs returns about n bytes of distinct arXiv identifiers: every word is
// a new reference.
func Refs(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "arXiv:%02d%02d.%05d ", 10+i/1200000%15, 1+i/100000%12, i%100000)
	}
	return b.String()
}

// Links returns about n bytes of distinct repository links: every word
// is a new artifact found by the link rule.
func Links(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "https://github.com/o%d/r%d ", i, i)
	}
	return b.String()
}

// DOIs returns about n bytes of distinct DOIs: every word is a new
// reference.
func DOIs(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "doi:10.1000/x%d ", i)
	}
	return b.String()
}

// Repeated returns about n bytes of one listed name over and over
// ("BERT BERT ..."): a mention every five bytes, all of one artifact.
func Repeated(n int) string {
	return strings.Repeat("BERT ", (n+4)/5)
}

// List returns about n bytes of one evaluation list that never ends
// ("We evaluate on Data0, Data1, ..."): one sentence of distinct names.
func List(n int) string {
	var b strings.Builder
	b.WriteString("We evaluate on ")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "Data%d, ", i)
	}
	b.WriteString("and GLUE.")
	return b.String()
}

// Shapes are the worst records by name, for tests that run each.
var Shapes = map[string]func(n int) string{
	"dense": Dense, "names": Names, "refs": Refs, "links": Links,
	"dois": DOIs, "repeated": Repeated, "list": List,
}

// ShapeNames returns the names of Shapes, sorted.
func ShapeNames() []string {
	names := make([]string, 0, len(Shapes))
	for k := range Shapes {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
