package fetch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/papergraph/papergraph/internal/dirlock"
)

// Cache stores raw API responses on disk, one file per request: a JSON
// header line (the request's method and URL without keys, the date it
// was fetched, the content type, the body's size and SHA-256) followed
// by the body exactly as the API sent it. Entries are written
// atomically; a damaged one is detected by its checksum. A Cache is safe
// for concurrent use by the processes and goroutines that share Dir: a
// writer holds an exclusive lock on Dir from its temporary file to the
// rename, and the first writer of a Cache removes, holding it, the
// temporary files of writers that were killed (none can be in use).
type Cache struct {
	// Dir holds the entries; [DefaultCacheDir] is the usual place.
	Dir string
	// Refuse, when set, is asked before an entry is written at path; an
	// error keeps the entry unwritten and is returned. papergraph uses it
	// to never write over one of a run's inputs.
	Refuse func(path string) error

	swept sync.Once
}

// DefaultCacheDir returns papergraph's directory under the user cache
// directory ($XDG_CACHE_HOME, ~/.cache, ~/Library/Caches, %LocalAppData%).
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("fetch: cache: %w", err)
	}
	return filepath.Join(d, "papergraph", "http"), nil
}

// entryHeader is the first line of a cache entry.
type entryHeader struct {
	Method      string    `json:"method"`
	URL         string    `json:"url"`
	Date        time.Time `json:"date"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	SHA256      string    `json:"sha256"`
}

// cacheKey names the entry of a request: the hash of its method, URL
// (without keys) and body.
func cacheKey(method, url string, body []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s\n", method, url)
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, key[:2], key+".resp")
}

// get returns the entry of key: fs.ErrNotExist when there is none,
// ErrCorrupt when it is damaged.
func (c *Cache) get(key string) (entryHeader, []byte, error) {
	path := c.path(key)
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return entryHeader{}, nil, fs.ErrNotExist
		}
		return entryHeader{}, nil, fmt.Errorf("fetch: cache: %w", err)
	}
	line, body, ok := bytes.Cut(b, []byte("\n"))
	var h entryHeader
	if !ok || json.Unmarshal(line, &h) != nil {
		return h, nil, fmt.Errorf("fetch: cache entry %s: no header: %w", path, ErrCorrupt)
	}
	sum := sha256.Sum256(body)
	if len(body) != h.Size || hex.EncodeToString(sum[:]) != h.SHA256 {
		return h, nil, fmt.Errorf("fetch: cache entry %s for %s: body does not match its checksum: %w", path, h.URL, ErrCorrupt)
	}
	return h, body, nil
}

// tempPrefix starts the names of the cache's temporary files.
const tempPrefix = ".tmp-"

// removeStale removes the temporary files in the cache's directories:
// called with the lock on Dir held, they are left by killed writers.
func (c *Cache) removeStale() {
	subs, _ := os.ReadDir(c.Dir)
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		dir := filepath.Join(c.Dir, sub.Name())
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			if f.Type().IsRegular() && strings.HasPrefix(f.Name(), tempPrefix) {
				os.Remove(filepath.Join(dir, f.Name()))
			}
		}
	}
}

// put stores an entry atomically (a temporary file renamed into place),
// holding the lock on Dir (until ctx is done).
func (c *Cache) put(ctx context.Context, key string, h entryHeader, body []byte) error {
	path := c.path(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("fetch: cache: %w", err)
	}
	sum := sha256.Sum256(body)
	h.Size, h.SHA256 = len(body), hex.EncodeToString(sum[:])
	line, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("fetch: cache: %w", err)
	}
	unlock, err := dirlock.Lock(ctx, c.Dir)
	if err != nil {
		return fmt.Errorf("fetch: cache: %w", err)
	}
	defer unlock()
	c.swept.Do(c.removeStale)
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*")
	if err != nil {
		return fmt.Errorf("fetch: cache: %w", err)
	}
	w := bufio.NewWriter(f)
	w.Write(line)
	w.WriteByte('\n')
	w.Write(body)
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && c.Refuse != nil {
		err = c.Refuse(path)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("fetch: cache: %w", err)
	}
	return nil
}

// readAll reads r up to max bytes; more is an error.
func readAll(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return b, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("response larger than %d bytes", max)
	}
	return b, nil
}
