package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/extract/fetch"
)

// instantClock never waits: retries and rate limits cost no real time.
type instantClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *instantClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *instantClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// apiServer replays the fixtures of extract/fetch for every API and
// counts the requests; every base URL points at it, on a fake clock.
type apiServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string
}

func (s *apiServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func newAPIServer(t *testing.T) *apiServer {
	t.Helper()
	s := &apiServer{}
	fixture := func(w http.ResponseWriter, name string) {
		b, err := os.ReadFile(filepath.Join("..", "..", "extract", "fetch", "testdata", name))
		require.NoError(t, err)
		if strings.HasSuffix(name, ".xml") {
			w.Header().Set("Content-Type", "application/atom+xml")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		w.Write(b)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.Method+" "+r.URL.String())
		s.mu.Unlock()
		q := r.URL.Query()
		switch {
		case r.URL.Path == "/api/daily_papers" && q.Get("date") == "2026-12-01":
			fixture(w, "hf-daily.json")
		case r.URL.Path == "/api/daily_papers":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte("[]"))
		case r.URL.Path == "/atom/cs.CL":
			fixture(w, "arxiv-listing.xml")
		case r.URL.Path == "/api/query" && q.Get("id_list") == "2612.00201,2612.00202":
			fixture(w, "arxiv-page1.xml")
		case r.URL.Path == "/api/query":
			fixture(w, "arxiv-empty.xml")
		case r.URL.Path == "/graph/v1/paper/batch" && r.Header.Get("X-Api-Key") == "bad-key-42":
			w.WriteHeader(http.StatusForbidden)
		case r.URL.Path == "/graph/v1/paper/batch":
			// One record per id asked, null for ids the fixture lacks.
			var body struct{ IDs []string }
			json.NewDecoder(r.Body).Decode(&body)
			b, err := os.ReadFile(filepath.Join("..", "..", "extract", "fetch", "testdata", "s2-refs.json"))
			require.NoError(t, err)
			var recs []json.RawMessage
			require.NoError(t, json.Unmarshal(b, &recs))
			out := make([]json.RawMessage, len(body.IDs))
			for i, id := range body.IDs {
				out[i] = json.RawMessage("null")
				for _, rec := range recs {
					if strings.Contains(string(rec), `"ArXiv": "`+strings.TrimPrefix(id, "ARXIV:")+`", "DOI"`) ||
						strings.Contains(string(rec), `"ArXiv": "`+strings.TrimPrefix(id, "ARXIV:")+`", "CorpusId": 2002}, "title": "TinyCite`) {
						out[i] = rec
					}
				}
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(out)
		case r.URL.Path == "/works" && strings.HasPrefix(q.Get("filter"), "doi:"):
			fixture(w, "openalex-refs.json")
		case r.URL.Path == "/graph/v1/paper/search":
			w.WriteHeader(http.StatusUnauthorized)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	for _, k := range []string{"HF_ENDPOINT", "PAPERGRAPH_ARXIV_URL", "PAPERGRAPH_OPENALEX_URL", "PAPERGRAPH_S2_URL"} {
		t.Setenv(k, s.URL)
	}
	for _, k := range []string{"HF_TOKEN", "S2_API_KEY", "OPENALEX_API_KEY", "OPENALEX_MAILTO"} {
		t.Setenv(k, "")
	}
	clock := &instantClock{now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	configureClient = func(c *fetch.Client) { c.Clock = clock }
	t.Cleanup(func() { configureClient = nil })
	return s
}

// TestBuildFromSourceWithRefs is the one-command use: a day's listing
// with its citations, every format.
func TestBuildFromSourceWithRefs(t *testing.T) {
	srv := newAPIServer(t)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCmd(t, "", "build", "-cache", t.TempDir(), "-o", out, "-formats", "all", "hf:daily:2026-12-01", "-enrich", "refs")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "-enrich refs: 2 of 2 papers found in Semantic Scholar, citing 3 works")
	assert.Equal(t, 2, srv.count(), "one listing request, one batch request")
	assert.Contains(t, stderr, "papergraph: fetch: 2 request(s) sent, 0 answered from the cache\n")

	var g struct {
		Nodes []struct {
			ID   string `json:"id"`
			Kind string `json:"kind"`
		} `json:"nodes"`
		Links []struct {
			Source   string `json:"source"`
			Target   string `json:"target"`
			Relation string `json:"relation"`
		} `json:"links"`
	}
	b, err := os.ReadFile(filepath.Join(out, "graph.nodelink.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &g))
	var cites []string
	kinds := map[string]bool{}
	for _, l := range g.Links {
		if l.Relation == "cites" {
			cites = append(cites, l.Source+" -> "+l.Target)
		}
	}
	for _, n := range g.Nodes {
		kinds[n.Kind] = true
	}
	assert.Contains(t, cites, "paper:2612.00101 -> paper:2612.00102", "a citation inside the batch")
	assert.Contains(t, cites, "paper:2612.00101 -> paper:1706.03762", "a co-cited work outside the batch")
	assert.True(t, kinds["dataset"] && kinds["model"], "artifacts: %v", kinds)
	for _, f := range []string{"graph.dot", "graph.svg", "graph.png", "graph.graphml", "graph.gexf", "graph.cyjs", "graph.graphology.json", "nodes.csv", "edges.csv"} {
		assert.FileExists(t, filepath.Join(out, f))
	}
}

// TestFetchRebuildsIdentically: a saved batch builds the same bytes as
// the sources it was fetched from, and two runs from the cache agree.
func TestFetchRebuildsIdentically(t *testing.T) {
	srv := newAPIServer(t)
	cache := t.TempDir()
	dir := t.TempDir()
	code, batch, stderr := runCmd(t, "", "fetch", "-cache", cache, "hf:daily:2026-12-01", "arxiv:list:cs.CL", "-enrich", "refs")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, 6, strings.Count(batch, "\n"), "2 + 2 papers and 2 reference records")
	n := srv.count()
	path := filepath.Join(dir, "batch.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(batch), 0o644))

	formats := "dot,graphml,gexf,json,csv"
	fromSources := filepath.Join(dir, "a")
	code, _, stderr = runCmd(t, "", "build", "-cache", cache, "-offline", "-o", fromSources, "-formats", formats, "hf:daily:2026-12-01", "arxiv:list:cs.CL", "-enrich", "refs")
	require.Equal(t, 0, code, stderr)
	fromFile := filepath.Join(dir, "b")
	code, _, stderr = runCmd(t, "", "build", "-o", fromFile, "-formats", formats, path)
	require.Equal(t, 0, code, stderr)
	a, b := readDir(t, fromSources), readDir(t, fromFile)
	require.Len(t, a, 8)
	for name := range a {
		assert.Equal(t, string(a[name]), string(b[name]), "%s: the saved batch rebuilds the same bytes", name)
	}
	assert.Contains(t, string(a["graph.dot"]), "cites")

	again := filepath.Join(dir, "c")
	code, _, stderr = runCmd(t, "", "build", "-cache", cache, "-o", again, "-formats", formats, "hf:daily:2026-12-01", "arxiv:list:cs.CL", "-enrich", "refs")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, a, readDir(t, again), "from the cache, byte-identical")
	assert.Equal(t, n, srv.count(), "no request once cached")

	code, batch2, _ := runCmd(t, "", "fetch", "-cache", cache, "-offline", "hf:daily:2026-12-01", "arxiv:list:cs.CL", "-enrich", "refs")
	require.Equal(t, 0, code)
	assert.Equal(t, batch, batch2)
}

func TestSourcesMixWithFiles(t *testing.T) {
	newAPIServer(t)
	file := filepath.Join(t.TempDir(), "more.jsonl")
	require.NoError(t, os.WriteFile(file, []byte(`{"title":"A local paper on GraphLens","abstract":"We extend GraphLens with ImageNet.","arxiv_id":"2612.00999"}`+"\n"), 0o644))
	code, stdout, stderr := runCmd(t, "", "extract", "-cache", "off", file, "hf:daily:2026-12-01")
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 3)
	assert.Contains(t, lines[0], "paper:2612.00999")
	assert.Contains(t, lines[1], "paper:2612.00101")
}

func TestFetchErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"date with no listing", []string{"hf:daily:2026-12-05"}, nil, "papergraph: fetch: hf:daily:2026-12-05: no daily papers are listed for 2026-12-05 (a weekend or holiday?): no listing for that date\n"},
		{"query with no results", []string{"arxiv:abs:zzzz"}, nil, "papergraph: fetch: arxiv:abs:zzzz: no results\n"},
		{"401 without a key", []string{"s2:graph drawing"}, nil, "papergraph: fetch: Semantic Scholar answered 401 Unauthorized: set S2_API_KEY to your Semantic Scholar API key: unauthorized\n"},
		{"key refused", []string{"hf:daily:2026-12-01", "-enrich", "refs"}, []string{"S2_API_KEY", "bad-key-42"}, "papergraph: fetch: Semantic Scholar answered 403 Forbidden: it refused the key in S2_API_KEY; check it: unauthorized\n"},
		{"offline miss", []string{"-offline", "hf:daily:2026-12-01"}, nil, "not in the cache (offline)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newAPIServer(t)
			for i := 0; i+1 < len(tc.env); i += 2 {
				t.Setenv(tc.env[i], tc.env[i+1])
			}
			for _, cmd := range []string{"fetch", "build"} {
				out := filepath.Join(t.TempDir(), "out")
				args := append([]string{cmd, "-cache", t.TempDir(), "-o", out}, tc.args...)
				if cmd == "fetch" {
					args = append([]string{cmd, "-cache", t.TempDir()}, tc.args...)
				}
				code, stdout, stderr := runCmd(t, "", args...)
				assert.Equal(t, 1, code, "%s: %s", cmd, stderr)
				assert.Empty(t, stdout, "nothing written")
				assert.NoDirExists(t, out, "nothing written")
				assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
				assert.True(t, strings.HasSuffix(stderr, tc.want), "%s:\n got %q\nwant %q", cmd, stderr, tc.want)
				assert.NotContains(t, stderr, "bad-key-42")
			}
		})
	}
}

func TestFetchNoNetwork(t *testing.T) {
	newAPIServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	t.Setenv("HF_ENDPOINT", "http://"+addr)
	code, stdout, stderr := runCmd(t, "", "fetch", "-cache", "off", "hf:daily:2026-12-01")
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
	assert.Contains(t, stderr, "papergraph: fetch: cannot reach "+addr)
	assert.True(t, strings.HasSuffix(stderr, ": no network connection to the API\n"), stderr)
}

func TestFetchUsage(t *testing.T) {
	newAPIServer(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"fetch"}, "fetch: no source given"},
		{[]string{"fetch", "-limit", "0", "hf:daily"}, "-limit 0: want a positive number"},
		{[]string{"fetch", "-enrich", "citations", "hf:daily"}, "only refs"},
		{[]string{"build", "-enrich-via", "crossref", "hf:daily"}, `-enrich-via "crossref": want s2 or openalex`},
		{[]string{"fetch", "-offline", "-refresh", "hf:daily"}, "exclude each other"},
		{[]string{"build", "hf:weekly"}, `build: fetch: source "hf:weekly": want hf:daily, hf:daily:YYYY-MM-DD or hf:trending: not a source papergraph knows`},
	} {
		code, stdout, stderr := runCmd(t, "", tc.args...)
		assert.Equal(t, 2, code, "%v: %s", tc.args, stderr)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, tc.want)
	}
}

// TestFetchInterrupted: Ctrl-C while a source's server stalls stops the
// run at once, with nothing written.
func TestFetchInterrupted(t *testing.T) {
	newAPIServer(t)
	entered := make(chan struct{}, 1)
	stall := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-r.Context().Done()
	}))
	defer stall.Close()
	t.Setenv("HF_ENDPOINT", stall.URL)
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-entered; cancel() }()
	var stdout, stderr strings.Builder
	start := time.Now()
	code := run(ctx, []string{"build", "-cache", "off", "-o", out, "hf:daily:2026-12-01"}, strings.NewReader(""), &stdout, &stderr)
	assert.Equal(t, 130, code, stderr.String())
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Contains(t, stderr.String(), "interrupted")
	assert.NoDirExists(t, out)
}

// TestKeysNotLogged: with -v the requests are logged, the key never.
func TestKeysNotLogged(t *testing.T) {
	newAPIServer(t)
	t.Setenv("S2_API_KEY", "s2-key-never-logged")
	t.Setenv("HF_TOKEN", "hf-token-never-logged")
	code, _, stderr := runCmd(t, "", "build", "-v", "-cache", t.TempDir(), "-o", filepath.Join(t.TempDir(), "o"), "-formats", "dot", "hf:daily:2026-12-01", "-enrich", "refs")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "fetch: answer")
	assert.Contains(t, stderr, "/graph/v1/paper/batch")
	assert.NotContains(t, stderr, "never-logged")
}

func TestEnrichViaOpenAlex(t *testing.T) {
	newAPIServer(t)
	t.Setenv("OPENALEX_API_KEY", "oa-key-never-printed")
	out := filepath.Join(t.TempDir(), "o")
	code, _, stderr := runCmd(t, "", "build", "-cache", "off", "-o", out, "-formats", "json", "-min-cocite", "1", "hf:daily:2026-12-01", "-enrich", "refs", "-enrich-via", "openalex")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "-enrich refs: 1 of 2 papers found in OpenAlex, citing 2 works; 1 not found, 0 without an arXiv id or DOI\n")
	assert.Contains(t, stderr, `-enrich refs: not found in OpenAlex: 2612.00102 "TinyCite: Small Models for Reference Parsing"`)
	assert.NotContains(t, stderr, "oa-key-never-printed")
	b, err := os.ReadFile(filepath.Join(out, "graph.nodelink.json"))
	require.NoError(t, err)
	assert.Contains(t, string(b), `"source":"paper:2612.00101","target":"paper:openalex:W2741809807"`, "a cited work outside the batch, by its OpenAlex id")
}
