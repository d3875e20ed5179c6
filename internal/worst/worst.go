// Package worst makes the records that cost papergraph's extraction the
// most, for tests that bound its time and memory per input byte.
package worst

import (
	"fmt"
	"math/rand/v2"
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
		fmt.Fprintf(&b, "arXiv:%04d.%05d ", 2000+i/100000%100, i%100000)
	}
	return b.String()
}
