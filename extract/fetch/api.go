package fetch

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// API describes one service papergraph fetches from: where it is, the
// environment variables that configure it and the request rate it asks
// its users to keep to.
type API struct {
	// ID names the API in source specs ("hf", "arxiv", "openalex", "s2").
	ID string
	// Name is the service's name for messages.
	Name string
	// BaseURL is the default base URL; URLEnv, when set in the
	// environment, replaces it (for mirrors and tests).
	BaseURL string
	URLEnv  string
	// KeyEnv is the environment variable holding an API key, "" when the
	// API takes none. The key is sent only to the base URL's host.
	KeyEnv string
	// KeyHelp says what the key is for, in -h and in errors.
	KeyHelp string
	// Interval is the least time between two requests to the API's host:
	// its stated rate-limit policy.
	Interval time.Duration
	// Media is the kind of content the API answers with: "json" or "xml".
	Media string
	// auth attaches the key (non-empty) and other settings from the
	// environment to a request bound for the API's own host.
	auth func(r *http.Request, key string, env func(string) string)
}

// The APIs papergraph fetches from. Their policies, as each states them:
// arXiv asks for one request every 3 seconds; OpenAlex allows 10
// requests a second and, since 2026, wants an api_key (mailto is still
// sent when set); the Semantic Scholar Graph API gives a key 1 request a
// second (and the keyless pool less); the Hugging Face Hub names no rate
// for its papers API, and papergraph keeps to 2 a second.
var (
	HuggingFace = &API{
		ID: "hf", Name: "Hugging Face", BaseURL: "https://huggingface.co", URLEnv: "HF_ENDPOINT",
		KeyEnv: "HF_TOKEN", KeyHelp: "optional; a Hugging Face access token",
		Interval: 500 * time.Millisecond, Media: "json",
		auth: func(r *http.Request, key string, _ func(string) string) {
			if key != "" {
				r.Header.Set("Authorization", "Bearer "+key)
			}
		},
	}
	ArXiv = &API{
		ID: "arxiv", Name: "arXiv", BaseURL: "https://export.arxiv.org", URLEnv: "PAPERGRAPH_ARXIV_URL",
		Interval: 3 * time.Second, Media: "xml",
	}
	// arXivListing serves the announced listings (rss.arxiv.org), under
	// arXiv's policy; PAPERGRAPH_ARXIV_URL replaces both arXiv hosts.
	arXivListing = &API{
		ID: "arxiv", Name: "arXiv", BaseURL: "https://rss.arxiv.org", URLEnv: "PAPERGRAPH_ARXIV_URL",
		Interval: 3 * time.Second, Media: "xml",
	}
	OpenAlex = &API{
		ID: "openalex", Name: "OpenAlex", BaseURL: "https://api.openalex.org", URLEnv: "PAPERGRAPH_OPENALEX_URL",
		KeyEnv: "OPENALEX_API_KEY", KeyHelp: "an OpenAlex API key (free at openalex.org); OPENALEX_MAILTO adds your e-mail address",
		Interval: 100 * time.Millisecond, Media: "json",
		auth: func(r *http.Request, key string, env func(string) string) {
			q := r.URL.Query()
			if key != "" {
				q.Set("api_key", key)
			}
			if m := strings.TrimSpace(env("OPENALEX_MAILTO")); m != "" {
				q.Set("mailto", m)
			}
			r.URL.RawQuery = q.Encode()
		},
	}
	SemanticScholar = &API{
		ID: "s2", Name: "Semantic Scholar", BaseURL: "https://api.semanticscholar.org", URLEnv: "PAPERGRAPH_S2_URL",
		KeyEnv: "S2_API_KEY", KeyHelp: "a Semantic Scholar API key (without one, a shared and often busy pool is used)",
		Interval: time.Second, Media: "json",
		auth: func(r *http.Request, key string, _ func(string) string) {
			if key != "" {
				r.Header.Set("x-api-key", key)
			}
		},
	}
)

// APIs lists the APIs in the order -h shows them.
func APIs() []*API { return []*API{HuggingFace, ArXiv, OpenAlex, SemanticScholar} }

// base returns the API's base URL in env, without a trailing slash.
func (a *API) base(env func(string) string) string {
	if v := strings.TrimSpace(env(a.URLEnv)); v != "" {
		return strings.TrimRight(v, "/")
	}
	return a.BaseURL
}

// host returns the host the API's key may be sent to.
func (a *API) host(env func(string) string) string {
	u, err := url.Parse(a.base(env))
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
