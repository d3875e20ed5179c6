package fetch

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hfDaily(t *testing.T) Source {
	src, err := ParseSource("hf:daily:2026-12-01")
	require.NoError(t, err)
	return src
}

func TestRetry429RetryAfter(t *testing.T) {
	clock := newFakeClock()
	rp := newReplay(t, clock,
		&route{path: "/api/daily_papers", status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "7"}, body: `{"error":"slow down"}`, times: 1},
		&route{path: "/api/daily_papers", file: "hf-daily.json"},
	)
	res, err := rp.client().Fetch(context.Background(), hfDaily(t), 0)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Pages[0].Records)
	reqs := rp.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, 7*time.Second, reqs[1].At.Sub(reqs[0].At), "Retry-After is honoured over a shorter backoff")
}

func TestRetryAfterHTTPDate(t *testing.T) {
	clock := newFakeClock()
	when := clock.Now().Add(90 * time.Second).Format(http.TimeFormat)
	rp := newReplay(t, clock,
		&route{path: "/api/daily_papers", status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": when}, times: 1},
		&route{path: "/api/daily_papers", file: "hf-daily.json"},
	)
	_, err := rp.client().Fetch(context.Background(), hfDaily(t), 0)
	require.NoError(t, err)
	reqs := rp.requests()
	assert.Equal(t, 90*time.Second, reqs[1].At.Sub(reqs[0].At))
}

func TestRetryAfterTooLong(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/api/daily_papers", status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "3600"}},
	)
	_, err := rp.client().Fetch(context.Background(), hfDaily(t), 0)
	require.ErrorIs(t, err, ErrRateLimited)
	assert.Contains(t, err.Error(), "asks to wait 1h0m0s")
	assert.Len(t, rp.requests(), 1)
}

func TestRetry500ThenSuccess(t *testing.T) {
	clock := newFakeClock()
	rp := newReplay(t, clock,
		&route{path: "/api/daily_papers", status: http.StatusInternalServerError, body: "oops", times: 2},
		&route{path: "/api/daily_papers", file: "hf-daily.json"},
	)
	_, err := rp.client().Fetch(context.Background(), hfDaily(t), 0)
	require.NoError(t, err)
	require.Len(t, rp.requests(), 3)
	// Exponential backoff with jitter 0.5: 1 s -> 0.75 s, 2 s -> 1.5 s.
	assert.Equal(t, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}, clock.sleeps())
}

func TestBackoffJitterAndCap(t *testing.T) {
	clock := newFakeClock()
	rp := newReplay(t, clock, &route{path: "/api/daily_papers", status: http.StatusBadGateway})
	c := rp.client()
	c.Retries = 8
	c.Jitter = func() float64 { return 0 }
	_, err := c.Fetch(context.Background(), hfDaily(t), 0)
	require.ErrorIs(t, err, ErrServer)
	assert.Contains(t, err.Error(), "502 Bad Gateway")
	assert.Len(t, rp.requests(), 9)
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	assert.Equal(t, want, clock.sleeps(), "delays double, half of each is jitter, capped at 60 s")
}

func TestTruncatedBody(t *testing.T) {
	full := fixture(t, "hf-daily.json")
	var calls atomic.Int32
	cut := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(full)))
		w.WriteHeader(http.StatusOK)
		w.Write(full[:len(full)/2]) // the connection closes early
	}
	t.Run("then whole", func(t *testing.T) {
		rp := newReplay(t, newFakeClock(),
			&route{path: "/api/daily_papers", handler: func(w http.ResponseWriter, r *http.Request) { calls.Add(1); cut(w, r) }, times: 1},
			&route{path: "/api/daily_papers", file: "hf-daily.json"},
		)
		res, err := rp.client().Fetch(context.Background(), hfDaily(t), 0)
		require.NoError(t, err)
		assert.Equal(t, full, res.Pages[0].Body)
		assert.Len(t, rp.requests(), 2)
	})
	t.Run("always", func(t *testing.T) {
		rp := newReplay(t, newFakeClock(), &route{path: "/api/daily_papers", handler: cut})
		c := rp.client()
		c.Retries = 2
		_, err := c.Fetch(context.Background(), hfDaily(t), 0)
		require.ErrorIs(t, err, ErrTruncated)
		assert.Len(t, rp.requests(), 3)
	})
}

func TestWrongContentType(t *testing.T) {
	rp := newReplay(t, newFakeClock(),
		&route{path: "/api/daily_papers", ctype: "text/html; charset=utf-8", body: "<html><body>Sign in to the Wi-Fi</body></html>"},
	)
	_, err := rp.client().Fetch(context.Background(), hfDaily(t), 0)
	require.ErrorIs(t, err, ErrContentType)
	assert.Contains(t, err.Error(), "answered with text/html")
	assert.Len(t, rp.requests(), 1, "not retried")
}

func TestSlowServerCancel(t *testing.T) {
	entered := make(chan struct{})
	rp := newReplay(t, newFakeClock(), &route{path: "/api/daily_papers", handler: func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-r.Context().Done() // never answers: a stalled server
	}})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := rp.client().Fetch(ctx, hfDaily(t), 0)
		errc <- err
	}()
	<-entered
	start := time.Now()
	cancel() // Ctrl-C
	select {
	case err := <-errc:
		require.ErrorIs(t, err, context.Canceled)
		assert.Less(t, time.Since(start), 2*time.Second)
	case <-time.After(5 * time.Second):
		t.Fatal("Fetch did not return after cancel")
	}
	assert.Len(t, rp.requests(), 1, "a cancelled request is not retried")
}

func TestCancelDuringRateLimitWait(t *testing.T) {
	// A real clock and arXiv's 3 s interval: the second request waits,
	// and cancelling ends the wait at once.
	rp := newReplay(t, nil, &route{path: "/api/query", file: "arxiv-page1.xml"})
	c := &Client{Env: rp.env()}
	src, _ := ParseSource("arxiv:2612.00201")
	_, err := c.Fetch(context.Background(), src, 0)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.Fetch(ctx, src, 0)
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), time.Second)
}

func TestUnauthorized(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{path: "/graph/v1/paper/search", status: http.StatusUnauthorized, body: `{"message":"Forbidden"}`})
	src, _ := ParseSource("s2:graphs")
	_, err := rp.client().Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, "fetch: Semantic Scholar answered 401 Unauthorized: set S2_API_KEY to your Semantic Scholar API key: unauthorized", err.Error())

	_, err = rp.client("S2_API_KEY", "wrong-key-123").Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Contains(t, err.Error(), "refused the key in S2_API_KEY")
	assert.NotContains(t, err.Error(), "wrong-key-123")
}

func TestNoNetwork(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close() // nothing listens: connection refused
	clock := newFakeClock()
	c := &Client{Clock: clock, Retries: 2, Jitter: func() float64 { return 0 },
		Env: func(k string) string {
			if k == "PAPERGRAPH_OPENALEX_URL" {
				return "http://" + addr
			}
			if k == "OPENALEX_API_KEY" {
				return "net-secret"
			}
			return ""
		}}
	src, _ := ParseSource("openalex:title.search:x")
	_, err = c.Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrNetwork)
	assert.Contains(t, err.Error(), "cannot reach "+addr)
	assert.NotContains(t, err.Error(), "net-secret")
	assert.Len(t, clock.sleeps(), 2)
}

func TestKeyStaysWithItsHost(t *testing.T) {
	other := newReplay(t, nil,
		&route{path: "/elsewhere/search", file: "s2-search-page2.json"},
		&route{path: "/elsewhere/works", file: "openalex-page2.json"},
	)
	rp := newReplay(t, newFakeClock(),
		&route{path: "/graph/v1/paper/search", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.srv.URL+"/elsewhere/search?"+r.URL.RawQuery, http.StatusFound)
		}},
		&route{path: "/works", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.srv.URL+"/elsewhere/works?"+r.URL.RawQuery, http.StatusTemporaryRedirect)
		}},
	)
	var logs bytes.Buffer
	c := rp.client("S2_API_KEY", "s2-KEY-abc", "OPENALEX_API_KEY", "oa-KEY-def", "HF_TOKEN", "hf-KEY-ghi")
	c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var progress []string
	c.Progress = func(s string) { progress = append(progress, s) }

	src, _ := ParseSource("s2:graphs")
	_, err := c.Fetch(context.Background(), src, 0)
	require.NoError(t, err)
	src, _ = ParseSource("openalex:title.search:graph")
	_, err = c.Fetch(context.Background(), src, 0)
	require.NoError(t, err)

	first := rp.requests()
	require.Len(t, first, 2)
	assert.Equal(t, "s2-KEY-abc", first[0].Header.Get("X-Api-Key"), "the key goes to its API")
	assert.Equal(t, "oa-KEY-def", first[1].Query.Get("api_key"))
	for _, r := range other.requests() {
		for _, v := range r.Header {
			assert.NotContains(t, strings.Join(v, " "), "KEY", "no key in headers sent to another host")
		}
		assert.False(t, r.Query.Has("api_key"), "no api_key sent to another host")
	}
	require.Len(t, other.requests(), 2)
	out := logs.String() + strings.Join(progress, "\n")
	assert.NotEmpty(t, logs.String())
	for _, k := range []string{"s2-KEY-abc", "oa-KEY-def", "hf-KEY-ghi"} {
		assert.NotContains(t, out, k, "keys are never logged")
	}
}

func TestRateLimitPerHost(t *testing.T) {
	clock := newFakeClock()
	rp := newReplay(t, clock,
		&route{path: "/api/query", file: "arxiv-page1.xml"},
		&route{path: "/api/daily_papers", file: "hf-daily.json"},
	)
	// arXiv through one host, Hugging Face through another name of the
	// same server: each host keeps its own pace.
	hfURL := strings.Replace(rp.srv.URL, "127.0.0.1", "localhost", 1)
	c := rp.client("HF_ENDPOINT", hfURL)
	arx, _ := ParseSource("arxiv:2612.00201")
	for range 3 {
		_, err := c.Fetch(context.Background(), arx, 0)
		require.NoError(t, err)
		_, err = c.Fetch(context.Background(), hfDaily(t), 0)
		require.NoError(t, err)
	}
	var ax, hf []time.Time
	for _, r := range rp.requests() {
		if r.Path == "/api/query" {
			ax = append(ax, r.At)
		} else {
			hf = append(hf, r.At)
		}
	}
	require.Len(t, ax, 3)
	require.Len(t, hf, 3)
	for i := 1; i < 3; i++ {
		assert.Equal(t, 3*time.Second, ax[i].Sub(ax[i-1]), "arXiv: one request every 3 s")
		assert.Equal(t, ax[i], hf[i], "Hugging Face does not wait on arXiv's slot")
	}
	assert.Equal(t, ax[0], hf[0])
}

func TestLimiterFakeClock(t *testing.T) {
	clock := newFakeClock()
	var l limiter
	start := clock.Now()
	for i := range 4 {
		require.NoError(t, l.wait(context.Background(), clock, "export.arxiv.org", 3*time.Second))
		assert.Equal(t, time.Duration(i)*3*time.Second, clock.Now().Sub(start))
	}
	// After a pause longer than the interval, no wait.
	clock.advance(time.Minute)
	before := clock.Now()
	require.NoError(t, l.wait(context.Background(), clock, "export.arxiv.org", 3*time.Second))
	assert.Equal(t, before, clock.Now())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, l.wait(ctx, clock, "export.arxiv.org", 3*time.Second), context.Canceled)
}

func TestUnexpectedStatus(t *testing.T) {
	rp := newReplay(t, newFakeClock(), &route{path: "/works", status: http.StatusBadRequest,
		body: `{"error":"Invalid query parameters error.","message":"filter 'nope' is not a valid field"}`})
	src, _ := ParseSource("openalex:nope:1")
	_, err := rp.client("OPENALEX_API_KEY", "k-1").Fetch(context.Background(), src, 0)
	require.ErrorIs(t, err, ErrServer)
	assert.Contains(t, err.Error(), "400 Bad Request: Invalid query parameters error.: filter 'nope' is not a valid field")
	assert.Len(t, rp.requests(), 1)
	assert.False(t, errors.Is(err, ErrNetwork))
}

var _ = httptest.NewServer
