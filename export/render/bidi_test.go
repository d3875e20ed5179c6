package render

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVisualOrder(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"left to right only", "PixArt-α (v2)", "PixArt-α (v2)"},
		{"hebrew word", "עברית", "תירבע"},
		{"two right-to-left words", "עברית العربية", "ةيبرعلا תירבע"},
		{"right-to-left inside latin", "Model מודל גדול v2", "Model לודג לדומ v2"},
		{"number inside hebrew keeps its order", "גרסה 2.5 חדשה", "השדח 2.5 הסרג"},
		{"brackets mirrored", "מודל (גדול)", "(לודג) לדומ"},
		{"latin in brackets splits hebrew in two runs", "מודל (GPT) חדש", "לדומ (GPT) שדח"},
		{"brackets around hebrew in latin", "model (מודל) v2", "model (לדומ) v2"},
		{"neutral between directions takes the paragraph's", "abc, אבג", "abc, גבא"},
		{"marks stay after their letter", "שָׁלוֹם", "םוֹלשָׁ"},
		{"direction override drawn as nothing, order kept", "\u202eabc אב", "\u202eabc בא"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, visualOrder(tt.in), "visualOrder(%q)", tt.in)
		})
	}
}

func TestJoinArabic(t *testing.T) {
	all := func(rune) bool { return true }
	tests := []struct {
		name, in, want string
		has            func(rune) bool
	}{
		{"not arabic", "café", "café", all},
		// ب initial, ي medial, ت final.
		{"three dual-joining letters", "بيت", "\uFE91\uFEF4\uFE96", all},
		// د joins only to the letter before it: ب initial? no, د final, then ر isolated.
		{"right-joining letters break the word", "بدر", "\uFE91\uFEAA\uFEAD", all},
		{"lam alef ligature", "لا", "\uFEFB", all},
		{"lam alef after a joining letter", "بلا", "\uFE91\uFEFC", all},
		{"marks are transparent", "بَت", "\uFE91\u064E\uFE96", all},
		{"persian gaf", "گرگ", "\uFB94\uFEAE\uFB92", all},
		{"a form the font lacks keeps the letter", "بيت", "ب\uFEF4\uFE96", func(r rune) bool { return r != 0xFE91 }},
		{"a lone letter is isolated", "ب", "\uFE8F", all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, joinArabic(tt.in, tt.has), "joinArabic(%q)", tt.in)
		})
	}
}
