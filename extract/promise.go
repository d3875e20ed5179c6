package extract

import (
	"regexp"

	"github.com/papergraph/papergraph"
)

// promiseRe matches a sentence part saying the paper's code (or models,
// weights, data) will be released or is available: the thing released,
// then within the same sentence a future or present availability verb, or
// "we will release/open-source" followed by the thing.
var promiseRe = regexp.MustCompile(`(?i)` +
	// the thing ... will be / is / are (made) (publicly) released|available|open-sourced|public
	`\b(?:codes?|implementation|models?|weights|checkpoints|data|datasets?|benchmark)\b` +
	`[^.!?]{0,80}?\b(?:will|would|shall|is|are)\s+(?:be\s+)?(?:made\s+)?(?:publicly\s+|freely\s+|openly\s+)?` +
	`(?:released|available|open[- ]?sourced|public)\b` +
	// or: we will (publicly) release / open-source ... code
	`|\bwe\s+(?:will|plan to|intend to)\s+(?:publicly\s+)?(?:release|open[- ]?source|make\s+(?:public|available))\b` +
	`[^.!?]{0,60}?\b(?:code|implementation|models?|weights|checkpoints|data(?:sets?)?|benchmark)\b`)

// promisesCode reports whether an abstract says its code (or models,
// weights, data) will be released or is available while the paper names
// no repository and no link: one rule, the promise without a place.
func promisesCode(abstract string, ents []papergraph.Entity) bool {
	for _, e := range ents {
		if e.Kind == papergraph.KindRepo || e.Kind == papergraph.KindURL {
			return false
		}
	}
	return promiseRe.MatchString(abstract)
}
