package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of a [Client]'s zero value.
const (
	DefaultTimeout    = 2 * time.Minute  // one request, body included
	DefaultRetries    = 5                // retries after the first attempt
	DefaultMaxAge     = 24 * time.Hour   // cache entries reused online
	DefaultMaxBody    = 256 << 20        // largest response read
	maxRetryAfter     = 5 * time.Minute  // longest Retry-After waited for
	backoffBase       = time.Second      // first retry delay, doubled each time
	backoffCap        = 60 * time.Second // longest retry delay
	maxRedirects      = 10
	userAgentHomepage = "+https://github.com/papergraph/papergraph"
)

// Client fetches from the APIs: one HTTP client with timeouts, retries
// with exponential backoff and jitter on 429 and 5xx (honouring
// Retry-After), a rate limit per host following each [API]'s policy,
// keys from the environment sent only to their API's host, and an
// optional on-disk [Cache]. The zero value works: real clock, no cache,
// os.Getenv. A Client is safe for concurrent use; do not change its
// fields after the first request.
type Client struct {
	// Transport sends requests; nil means a clone of
	// http.DefaultTransport with connection and header timeouts.
	Transport http.RoundTripper
	// Timeout bounds one request, body included (DefaultTimeout if 0).
	Timeout time.Duration
	// Retries is how often a failed request is retried (DefaultRetries
	// if 0; negative: never).
	Retries int
	// Clock waits for rate limits and retries (the wall clock if nil).
	Clock Clock
	// Env reads the environment: base URLs and keys (os.Getenv if nil).
	Env func(string) string
	// Cache, when set, stores every response and answers repeated
	// requests: entries younger than MaxAge online, any entry Offline.
	Cache  *Cache
	MaxAge time.Duration // DefaultMaxAge if 0
	// Offline answers from the cache only; a miss is ErrOffline.
	Offline bool
	// Refresh fetches every request again (and stores the answer).
	Refresh bool
	// Version goes into the User-Agent ("papergraph/VERSION").
	Version string
	// Logger receives one debug record per request (URLs never carry
	// keys); nil is silent.
	Logger *slog.Logger
	// Progress, when set, is told of each request as it starts.
	Progress func(msg string)
	// Jitter returns a number in [0, 1) for retry jitter (rand if nil).
	Jitter func() float64

	once  sync.Once
	http  *http.Client
	limit limiter
	stats struct{ sent, cached atomic.Int64 }
}

// Stats returns how many requests were sent to the APIs (retries
// included) and how many were answered from the cache.
func (c *Client) Stats() (sent, cached int) {
	return int(c.stats.sent.Load()), int(c.stats.cached.Load())
}

func (c *Client) env(k string) string {
	if c.Env != nil {
		return c.Env(k)
	}
	return os.Getenv(k)
}

func (c *Client) clock() Clock {
	if c.Clock != nil {
		return c.Clock
	}
	return realClock{}
}

// UserAgent returns the User-Agent sent: papergraph, its version and
// its home page.
func (c *Client) UserAgent() string {
	v := c.Version
	if v == "" {
		v = "(devel)"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
			v = info.Main.Version
		}
	}
	return "papergraph/" + v + " (" + userAgentHomepage + ")"
}

func (c *Client) client() *http.Client {
	c.once.Do(func() {
		tr := c.Transport
		if tr == nil {
			t := http.DefaultTransport.(*http.Transport).Clone()
			t.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
			t.TLSHandshakeTimeout = 15 * time.Second
			t.ResponseHeaderTimeout = 60 * time.Second
			tr = t
		}
		timeout := c.Timeout
		if timeout <= 0 {
			timeout = DefaultTimeout
		}
		c.http = &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: checkRedirect}
	})
	return c.http
}

// secretHeaders are the headers that carry keys.
var secretHeaders = []string{"Authorization", "X-Api-Key"}

// checkRedirect follows redirects within a host; one to another host
// loses the request's keys (headers and the api_key parameter), so a
// key is never sent to a host it was not meant for. No redirect carries
// a Referer: it would hold the previous URL, api_key included.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	req.Header.Del("Referer")
	if !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
		for _, h := range secretHeaders {
			req.Header.Del(h)
		}
		if q := req.URL.Query(); q.Has("api_key") {
			q.Del("api_key")
			req.URL.RawQuery = q.Encode()
		}
	}
	return nil
}

// request is one call to an API. url never carries a key: keys are
// attached when the request is sent.
type request struct {
	api    *API
	method string
	url    string
	body   []byte // JSON body of a POST
}

func (r request) String() string {
	if r.method == http.MethodGet {
		return r.url
	}
	return r.method + " " + r.url
}

// do returns the body of a successful answer to r, from the cache or the
// API.
func (c *Client) do(ctx context.Context, r request) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var key string
	if c.Cache != nil {
		key = cacheKey(r.method, r.url, r.body)
		if !c.Refresh {
			h, body, err := c.Cache.get(key)
			switch {
			case err == nil:
				maxAge := c.MaxAge
				if maxAge <= 0 {
					maxAge = DefaultMaxAge
				}
				if c.Offline || c.clock().Now().Sub(h.Date) < maxAge {
					c.log("fetch: from cache", "url", r.String(), "date", h.Date)
					c.stats.cached.Add(1)
					return body, nil
				}
			case errors.Is(err, ErrCorrupt):
				if c.Offline {
					return nil, fmt.Errorf("%w; run without -offline to fetch it again", err)
				}
				c.log("fetch: damaged cache entry, fetching again", "url", r.String())
			case !errors.Is(err, fs.ErrNotExist):
				return nil, err
			}
		}
	}
	if c.Offline {
		return nil, fmt.Errorf("fetch: %s: %w", r, ErrOffline)
	}
	body, ctype, err := c.fetch(ctx, r)
	if err != nil {
		return nil, err
	}
	if c.Cache != nil {
		h := entryHeader{Method: r.method, URL: r.url, Date: c.clock().Now().UTC(), ContentType: ctype}
		if err := c.Cache.put(ctx, key, h, body); err != nil {
			return nil, err
		}
	}
	return body, nil
}

func (c *Client) log(msg string, args ...any) {
	if c.Logger != nil {
		c.Logger.Debug(msg, args...)
	}
}

// attempt is the outcome of one try: done with a body, or an error and
// whether (and after how long at least) to try again.
type attempt struct {
	body  []byte
	ctype string
	err   error
	retry bool
	after time.Duration // the server's Retry-After
}

// fetch sends r until it succeeds, fails for good or retries run out.
func (c *Client) fetch(ctx context.Context, r request) ([]byte, string, error) {
	retries := c.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	if retries < 0 {
		retries = 0
	}
	var last attempt
	for i := 0; ; i++ {
		if c.Progress != nil {
			msg := "fetching " + r.String()
			if i > 0 {
				msg += fmt.Sprintf(" (retry %d)", i)
			}
			c.Progress(msg)
		}
		if err := c.limit.wait(ctx, c.clock(), r.api.host(c.env), r.api.Interval); err != nil {
			return nil, "", err
		}
		c.stats.sent.Add(1)
		last = c.once1(ctx, r)
		if last.err == nil {
			return last.body, last.ctype, nil
		}
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		if !last.retry || i >= retries {
			return nil, "", last.err
		}
		delay := backoffBase << i
		if delay > backoffCap || delay <= 0 {
			delay = backoffCap
		}
		j := rand.Float64
		if c.Jitter != nil {
			j = c.Jitter
		}
		delay = delay/2 + time.Duration(j()*float64(delay/2)) // "equal jitter"
		if last.after > delay {
			delay = last.after
		}
		c.log("fetch: retrying", "url", r.String(), "after", delay, "err", last.err)
		if err := c.clock().Sleep(ctx, delay); err != nil {
			return nil, "", err
		}
	}
}

// once1 sends r once.
func (c *Client) once1(ctx context.Context, r request) attempt {
	req, err := http.NewRequestWithContext(ctx, r.method, r.url, bytes.NewReader(r.body))
	if err != nil {
		return attempt{err: fmt.Errorf("fetch: %s: %w", r, err)}
	}
	if r.body == nil {
		req.Body, req.ContentLength = nil, 0
	} else {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", c.UserAgent())
	if r.api.Media == "xml" {
		req.Header.Set("Accept", "application/atom+xml, application/xml;q=0.9")
	} else {
		req.Header.Set("Accept", "application/json")
	}
	key := strings.TrimSpace(c.env(r.api.KeyEnv))
	if r.api.KeyEnv == "" {
		key = ""
	}
	// Keys go only to the API's own host (a base URL pointing elsewhere
	// gets them, by the user's choice; a URL built from an answer does
	// not).
	if r.api.auth != nil && strings.EqualFold(req.URL.Host, r.api.host(c.env)) {
		r.api.auth(req, key, c.env)
	}
	resp, err := c.client().Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return attempt{err: ctx.Err()}
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its message holds the URL, perhaps with a key
		}
		return attempt{err: fmt.Errorf("fetch: cannot reach %s (%v): %w", req.URL.Host, redact(err.Error(), key), ErrNetwork), retry: true}
	}
	defer resp.Body.Close()
	c.log("fetch: answer", "url", r.String(), "status", resp.StatusCode)
	max := int64(DefaultMaxBody)
	switch {
	case resp.StatusCode == http.StatusOK:
		body, err := readAll(resp.Body, max)
		if err != nil {
			if ctx.Err() != nil {
				return attempt{err: ctx.Err()}
			}
			return attempt{err: fmt.Errorf("fetch: %s: %v: %w", r, redact(err.Error(), key), ErrTruncated), retry: true}
		}
		ctype := resp.Header.Get("Content-Type")
		if !mediaOK(r.api.Media, ctype) {
			return attempt{err: fmt.Errorf("fetch: %s: %s answered with %s, not %s (a proxy or login page?): %w", r, r.api.Name, ctype, strings.ToUpper(r.api.Media), ErrContentType)}
		}
		return attempt{body: body, ctype: ctype}
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return attempt{err: c.unauthorized(r, resp.Status, key)}
	case resp.StatusCode == http.StatusTooManyRequests:
		after, ok := retryAfter(resp.Header.Get("Retry-After"), c.clock().Now())
		if ok && after > maxRetryAfter {
			return attempt{err: fmt.Errorf("fetch: %s asks to wait %v before the next request; try again later: %w", r.api.Name, after.Round(time.Second), ErrRateLimited)}
		}
		msg := fmt.Sprintf("%s answered 429 Too Many Requests", r.api.Name)
		if r.api.KeyEnv != "" && key == "" {
			msg += fmt.Sprintf(" (set %s for a rate of your own)", r.api.KeyEnv)
		}
		return attempt{err: fmt.Errorf("fetch: %s: %w", msg, ErrRateLimited), retry: true, after: after}
	case resp.StatusCode >= 500:
		after, _ := retryAfter(resp.Header.Get("Retry-After"), c.clock().Now())
		if after > maxRetryAfter {
			after = maxRetryAfter
		}
		return attempt{err: fmt.Errorf("fetch: %s: %s answered %s: %w", r, r.api.Name, resp.Status, ErrServer), retry: true, after: after}
	default:
		body, _ := readAll(resp.Body, 64<<10)
		return attempt{err: fmt.Errorf("fetch: %s: %s answered %s%s: %w", r, r.api.Name, resp.Status, redact(apiMessage(body), key), ErrServer)}
	}
}

// unauthorized explains a 401 or 403 in one line: which variable to set.
func (c *Client) unauthorized(r request, status, key string) error {
	switch {
	case r.api.KeyEnv == "":
		return fmt.Errorf("fetch: %s answered %s: %w", r.api.Name, status, ErrUnauthorized)
	case key == "":
		return fmt.Errorf("fetch: %s answered %s: set %s to your %s API key: %w", r.api.Name, status, r.api.KeyEnv, r.api.Name, ErrUnauthorized)
	}
	return fmt.Errorf("fetch: %s answered %s: it refused the key in %s; check it: %w", r.api.Name, status, r.api.KeyEnv, ErrUnauthorized)
}

// apiMessage returns ": message" from a JSON error body ({"error": ...},
// {"message": ...}), or "".
func apiMessage(body []byte) string {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	var parts []string
	for _, k := range []string{"error", "message"} {
		if s, ok := m[k].(string); ok && strings.TrimSpace(s) != "" {
			parts = append(parts, strings.Join(strings.Fields(s), " "))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	msg := strings.Join(parts, ": ")
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return ": " + msg
}

// redact removes key from s.
func redact(s, key string) string {
	if key == "" {
		return s
	}
	s = strings.ReplaceAll(s, key, "REDACTED")
	return strings.ReplaceAll(s, url.QueryEscape(key), "REDACTED")
}

// mediaOK reports whether a Content-Type fits the API's media: JSON, or
// Atom/XML. An absent Content-Type is accepted.
func mediaOK(media, ctype string) bool {
	if strings.TrimSpace(ctype) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return false
	}
	switch media {
	case "json":
		return mt == "application/json" || strings.HasSuffix(mt, "+json")
	case "xml":
		return mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml")
	}
	return true
}

// retryAfter parses a Retry-After value: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}
