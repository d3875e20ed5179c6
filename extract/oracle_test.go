package extract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"mvdan.cc/xurls/v2"
)

// TestLinksAgreeWithXurls checks the link scan against mvdan.cc/xurls, the
// well-kept extractor whose trimming rules it follows: for URLs with a
// scheme both must find the same spans.
func TestLinksAgreeWithXurls(t *testing.T) {
	texts := []string{
		"Code is available at https://github.com/kakaobrain/noc.",
		"Project page can be found here (https://wuw2019.github.io/R-AMT/).",
		"see https://github.com/foo/bar/blob/main/README.md), and http://example.org/a?b=c&d=e.",
		"links: https://en.wikipedia.org/wiki/Transformer_(deep_learning), https://x.io/a_(b)c; done",
		"quoted \"https://huggingface.co/datasets/openai/gsm8k\" and <https://arxiv.org/abs/2106.09685v3>",
		"Code: https://github.com/a/b! Data: https://hf.co/spaces/o/d?",
		"multiple https://a.com/x https://b.org/y/z/ http://c.net",
	}
	rx := xurls.Strict()
	for _, s := range texts {
		t.Run(s, func(t *testing.T) {
			var want [][2]int
			for _, m := range rx.FindAllStringIndex(s, -1) {
				want = append(want, [2]int{m[0], m[1]})
			}
			var got [][2]int
			for _, m := range findLinksIn(s, asciiLower(s), nil, nil, nil) {
				got = append(got, [2]int{m.start, m.end})
			}
			assert.Equal(t, want, got)
		})
	}
}
