package fetch

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/extract/read"
	"github.com/papergraph/papergraph/internal/dirlock"
)

// cachedClient returns a client of rp with a cache in a fresh directory.
func cachedClient(t *testing.T, rp *replay, vars ...string) *Client {
	c := rp.client(vars...)
	c.Cache = &Cache{Dir: t.TempDir()}
	return c
}

// like returns a client configured as c.
func like(c *Client) *Client {
	return &Client{Env: c.Env, Clock: c.Clock, Jitter: c.Jitter, Version: c.Version, Cache: c.Cache}
}

// batchBytes fetches src with c and returns the saved batch.
func batchBytes(t *testing.T, c *Client, spec string) ([]byte, error) {
	src, err := ParseSource(spec)
	require.NoError(t, err)
	papers, _, _, err := c.Papers(context.Background(), src, 0, read.Options{})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	require.NoError(t, WriteBatch(&b, papers))
	return b.Bytes(), nil
}

func cacheFiles(t *testing.T, dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	return files
}

func TestCacheHitMissOffline(t *testing.T) {
	clock := newFakeClock()
	rp := newReplay(t, clock,
		&route{path: "/works", query: map[string]string{"cursor": "*"}, file: "openalex-page1.json"},
		&route{path: "/works", file: "openalex-page2.json"},
	)
	c := cachedClient(t, rp, "OPENALEX_API_KEY", "cache-secret")
	const spec = "openalex:title.search:graph"

	first, err := batchBytes(t, c, spec) // miss: fetched and stored
	require.NoError(t, err)
	assert.Len(t, rp.requests(), 2)
	files := cacheFiles(t, c.Cache.Dir)
	require.Len(t, files, 2)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		head, _, _ := strings.Cut(string(b), "\n")
		assert.Contains(t, head, `"url":"`+rp.srv.URL+`/works?`, "the entry names its URL")
		assert.Contains(t, head, `"date":"2026-12-01T09:00`, "and the date it was fetched")
		assert.NotContains(t, string(b), "cache-secret", "never the key")
	}

	second, err := batchBytes(t, c, spec) // hit: no request
	require.NoError(t, err)
	assert.Len(t, rp.requests(), 2)
	sent, cached := c.Stats()
	assert.Equal(t, 2, sent)
	assert.Equal(t, 2, cached)
	assert.Equal(t, first, second, "byte-identical from the cache")

	off := like(c)
	off.Offline = true
	third, err := batchBytes(t, off, spec)
	require.NoError(t, err)
	assert.Equal(t, first, third)

	_, err = batchBytes(t, off, "openalex:title.search:other") // offline miss
	require.ErrorIs(t, err, ErrOffline)
	assert.Contains(t, err.Error(), "title.search%3Aother")
	assert.Len(t, rp.requests(), 2)

	// Old entries are fetched again online, still used offline.
	clock.advance(DefaultMaxAge + time.Hour)
	_, err = batchBytes(t, off, spec)
	require.NoError(t, err)
	assert.Len(t, rp.requests(), 2)
	_, err = batchBytes(t, c, spec)
	require.NoError(t, err)
	assert.Len(t, rp.requests(), 4)

	// -refresh always fetches.
	ref := like(c)
	ref.Refresh = true
	_, err = batchBytes(t, ref, spec)
	require.NoError(t, err)
	assert.Len(t, rp.requests(), 6)
}

func TestCacheCorrupt(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"flipped byte", func(b []byte) []byte { b[len(b)-3] ^= 0x20; return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"no header", func(b []byte) []byte { return []byte("garbage") }},
		{"empty", func(b []byte) []byte { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rp := newReplay(t, newFakeClock(), &route{path: "/api/daily_papers", file: "hf-daily.json"})
			c := cachedClient(t, rp)
			want, err := batchBytes(t, c, "hf:daily:2026-12-01")
			require.NoError(t, err)
			files := cacheFiles(t, c.Cache.Dir)
			require.Len(t, files, 1)
			b, _ := os.ReadFile(files[0])
			require.NoError(t, os.WriteFile(files[0], tc.damage(b), 0o644))

			off := like(c)
			off.Offline = true
			_, err = batchBytes(t, off, "hf:daily:2026-12-01")
			require.ErrorIs(t, err, ErrCorrupt)
			assert.Contains(t, err.Error(), "run without -offline")
			assert.NotContains(t, err.Error(), "\n")

			got, err := batchBytes(t, c, "hf:daily:2026-12-01") // online: fetched again
			require.NoError(t, err)
			assert.Equal(t, want, got)
			assert.Len(t, rp.requests(), 2)
			_, err = batchBytes(t, off, "hf:daily:2026-12-01") // and repaired
			require.NoError(t, err)
		})
	}
}

func TestCacheKeysPostBody(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{path: "/graph/v1/paper/batch", file: "s2-batch.json"})
	c := cachedClient(t, rp)
	_, err := batchBytes(t, c, "s2:2612.00301,10.1000/unknown")
	require.NoError(t, err)
	_, err = batchBytes(t, c, "s2:2612.00301,10.1000/unknown")
	require.NoError(t, err)
	assert.Len(t, rp.requests(), 1, "same ids: from the cache")
	_, err = batchBytes(t, c, "s2:2612.00301,10.1000/other")
	require.NoError(t, err)
	assert.Len(t, rp.requests(), 2, "other ids: another entry")
}

// TestCacheRefuse: an entry whose path Refuse rejects is not written, and
// the error says why.
func TestCacheRefuse(t *testing.T) {
	no := errors.New("that file is an input")
	c := &Cache{Dir: t.TempDir(), Refuse: func(string) error { return no }}
	key := cacheKey("GET", "https://example.org/x", nil)
	err := c.put(context.Background(), key, entryHeader{Method: "GET", URL: "https://example.org/x"}, []byte("body"))
	require.ErrorIs(t, err, no)
	_, _, err = c.get(key)
	assert.ErrorIs(t, err, fs.ErrNotExist)
	entries, _ := os.ReadDir(filepath.Dir(c.path(key)))
	assert.Empty(t, entries, "no temporary file left")
}

// TestCacheRemovesStaleTemps: the temporary files of a killed writer
// (whatever their directory) are removed by the next writer; entries stay.
func TestCacheRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	stale := []string{filepath.Join(dir, "ab", ".tmp-123456"), filepath.Join(dir, "0f", ".tmp-9")}
	keep := filepath.Join(dir, "ab", strings.Repeat("ab", 32)+".resp")
	for _, p := range append(stale, keep) {
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("half an entry"), 0o644))
	}
	c := &Cache{Dir: dir}
	key := cacheKey("GET", "https://example.org/x", nil)
	require.NoError(t, c.put(context.Background(), key, entryHeader{Method: "GET", URL: "https://example.org/x"}, []byte("body")))
	for _, p := range stale {
		assert.NoFileExists(t, p)
	}
	assert.FileExists(t, keep)
	_, body, err := c.get(key)
	require.NoError(t, err)
	assert.Equal(t, "body", string(body))
}

// TestCacheConcurrentWriters: two caches on one directory (two processes:
// each opens the lock apart) writing the same and different entries at
// once leave every entry whole and no temporary file.
func TestCacheConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	const n = 40
	errs := make(chan error, 2*n)
	for w := range 2 {
		c := &Cache{Dir: dir}
		go func() {
			for i := range n {
				url := "https://example.org/" + strings.Repeat("x", i%10) // shared keys
				body := bytes.Repeat([]byte{byte('a' + w)}, 1000*(i+1))
				errs <- c.put(context.Background(), cacheKey("GET", url, nil), entryHeader{Method: "GET", URL: url}, body)
			}
		}()
	}
	for range 2 * n {
		require.NoError(t, <-errs)
	}
	c := &Cache{Dir: dir}
	for i := range 10 {
		url := "https://example.org/" + strings.Repeat("x", i)
		h, _, err := c.get(cacheKey("GET", url, nil))
		require.NoError(t, err, url)
		assert.Equal(t, url, h.URL)
	}
	for _, f := range cacheFiles(t, dir) {
		assert.False(t, strings.HasPrefix(filepath.Base(f), tempPrefix), "temporary file left: %s", f)
	}
}

// TestCacheWaitsForWriter: a writer waits while another holds the cache,
// and gives up with its context, writing nothing.
func TestCacheWaitsForWriter(t *testing.T) {
	dir := t.TempDir()
	unlock, err := dirlock.Lock(context.Background(), dir)
	require.NoError(t, err)
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	c := &Cache{Dir: dir}
	key := cacheKey("GET", "https://example.org/x", nil)
	err = c.put(ctx, key, entryHeader{Method: "GET", URL: "https://example.org/x"}, []byte("body"))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	_, _, err = c.get(key)
	assert.ErrorIs(t, err, fs.ErrNotExist)
}
