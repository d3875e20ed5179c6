package fetch

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock whose Sleep returns at once, moving time on.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if d > 0 {
		f.now = f.now.Add(d)
		f.slept = append(f.slept, d)
	}
	return nil
}

func (f *fakeClock) advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

func (f *fakeClock) sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.slept...)
}

// seen is one request the replay server received.
type seen struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   string
	At     time.Time // on the fake clock
}

// route answers requests to method and path whose query has the given
// parameters (a subset).
type route struct {
	method string
	path   string
	query  map[string]string
	// The answer: status (200 if 0), content type (by the file's
	// extension if empty), headers, and the body from file or body.
	status  int
	ctype   string
	header  map[string]string
	file    string
	body    string
	handler http.HandlerFunc // replaces the answer when set
	times   int              // answer at most this often (0: always), then fall through
	used    int
}

// replay is a local server that answers with recorded responses.
type replay struct {
	t      *testing.T
	srv    *httptest.Server
	clock  *fakeClock
	mu     sync.Mutex
	routes []*route
	reqs   []seen
}

func newReplay(t *testing.T, clock *fakeClock, routes ...*route) *replay {
	t.Helper()
	r := &replay{t: t, clock: clock, routes: routes}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *replay) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	s := seen{Method: req.Method, Path: req.URL.Path, Query: req.URL.Query(), Header: req.Header.Clone(), Body: string(body)}
	if r.clock != nil {
		s.At = r.clock.Now()
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, s)
	var rt *route
	for _, c := range r.routes {
		if c.method != "" && c.method != req.Method || c.path != req.URL.Path || (c.times > 0 && c.used >= c.times) {
			continue
		}
		ok := true
		for k, v := range c.query {
			if req.URL.Query().Get(k) != v {
				ok = false
			}
		}
		if ok {
			rt = c
			c.used++
			break
		}
	}
	r.mu.Unlock()
	if rt == nil {
		http.Error(w, `{"error":"no such route in the replay"}`, http.StatusNotFound)
		return
	}
	if rt.handler != nil {
		rt.handler(w, req)
		return
	}
	b := []byte(rt.body)
	if rt.file != "" {
		var err error
		b, err = os.ReadFile(filepath.Join("testdata", rt.file))
		if err != nil {
			r.t.Errorf("replay: %v", err)
		}
	}
	ct := rt.ctype
	if ct == "" {
		ct = "application/json; charset=utf-8"
		if strings.HasSuffix(rt.file, ".xml") {
			ct = "application/atom+xml; charset=UTF-8"
		}
	}
	w.Header().Set("Content-Type", ct)
	for k, v := range rt.header {
		w.Header().Set(k, v)
	}
	st := rt.status
	if st == 0 {
		st = http.StatusOK
	}
	w.WriteHeader(st)
	w.Write(b)
}

func (r *replay) requests() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

// env returns an environment pointing every API at the server, plus vars.
func (r *replay) env(vars ...string) func(string) string {
	m := map[string]string{
		"HF_ENDPOINT":             r.srv.URL,
		"PAPERGRAPH_ARXIV_URL":    r.srv.URL,
		"PAPERGRAPH_OPENALEX_URL": r.srv.URL,
		"PAPERGRAPH_S2_URL":       r.srv.URL,
	}
	for i := 0; i+1 < len(vars); i += 2 {
		m[vars[i]] = vars[i+1]
	}
	return func(k string) string { return m[k] }
}

// client returns a Client for the server, on the fake clock, with a
// fixed jitter.
func (r *replay) client(vars ...string) *Client {
	return &Client{Env: r.env(vars...), Clock: r.clock, Jitter: func() float64 { return 0.5 }, Version: "v1.2.3"}
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var _ = bytes.Equal
