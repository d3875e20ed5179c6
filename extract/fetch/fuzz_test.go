package fetch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
)

// FuzzParseSource: any argument parses or fails with ErrSource, never
// panics; a parsed spec is a source and keeps its spelling.
func FuzzParseSource(f *testing.F) {
	for _, s := range []string{"hf:daily", "hf:daily:2026-12-01", "hf:trending", "arxiv:cat:cs.CL AND abs:x",
		"arxiv:list:cs.CV", "arxiv:2401.00001,hep-th/9901001", "openalex:doi:10.1/x", "s2:q", "s2:ARXIV:1706.03762,10.1000/x", "hf:", "x:y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		src, err := ParseSource(spec)
		if err != nil {
			return
		}
		if !IsSource(spec) || src.Spec != spec || src.API == nil || src.kind == "" {
			t.Fatalf("ParseSource(%q) = %+v", spec, src)
		}
		if (src.kind == kindArXivIDs || src.kind == kindS2IDs) && len(src.ids) == 0 {
			t.Fatalf("ParseSource(%q): an id list without ids", spec)
		}
	})
}

// FuzzCacheEntry: whatever a cache file holds, reading it gives the
// entry or an error, never a panic, and a body only when its checksum
// holds.
func FuzzCacheEntry(f *testing.F) {
	c := &Cache{Dir: f.TempDir()}
	key := cacheKey("GET", "https://example.org/x", nil)
	if err := c.put(context.Background(), key, entryHeader{Method: "GET", URL: "https://example.org/x"}, []byte(`{"a":1}`)); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(c.path(key))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte("{}\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		cc := &Cache{Dir: dir}
		p := cc.path(key)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		h, body, err := cc.get(key)
		if err != nil {
			return
		}
		if len(body) != h.Size || !strings.HasPrefix(string(b[len(b)-len(body):]), string(body)) {
			t.Fatalf("get returned a body that does not match its header")
		}
	})
}

// FuzzAtomSummary: any feed is summarised or refused, never a panic; a
// listing gives only arXiv ids.
func FuzzAtomSummary(f *testing.F) {
	for _, name := range []string{"arxiv-page1.xml", "arxiv-empty.xml", "arxiv-error.xml", "arxiv-listing.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := summarizeAtom(b)
		if err == nil && s.entries < 0 {
			t.Fatalf("summary %+v", s)
		}
		if ids, err := listingIDs(b); err == nil {
			for _, id := range ids {
				if _, ok := papergraph.NormalizeArXiv(id); !ok {
					t.Fatalf("listing id %q is not an arXiv id", id)
				}
			}
		}
	})
}
