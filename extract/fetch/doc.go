// Package fetch fetches batches of papers from the Hugging Face papers
// API, the arXiv API, OpenAlex and the Semantic Scholar Graph API, and
// the references of a batch's papers ("enrichment"). It fetches raw
// responses and hands them to the readers of extract/read: nothing is
// parsed twice.
//
// # Sources
//
// A [Source] is written as one argument (see [ParseSource]):
//
//	hf:daily  hf:daily:2026-12-01  hf:trending
//	arxiv:QUERY  arxiv:list:cs.CV  arxiv:2401.00001,2402.00002
//	openalex:FILTER
//	s2:QUERY  s2:ID,...
//
// The request paths and parameters are the APIs' own:
// GET /api/daily_papers?date=&limit=&p= (sort=trending), GET /api/query
// with search_query or id_list, start and max_results (a category's
// latest announcement is read from GET rss.arxiv.org/atom/CATEGORY, then
// its papers by id), GET /works with
// filter, per_page and cursor paging, GET /graph/v1/paper/search with
// query, offset, limit and fields, and POST /graph/v1/paper/batch.
//
// # Being a good API citizen
//
// A [Client] sends every request through one HTTP client with timeouts,
// retries 429 and 5xx answers (and dropped connections and cut-off
// bodies) with exponential backoff and jitter, waiting at least as long
// as Retry-After asks, and keeps to each API's rate policy per host
// (arXiv: one request every 3 s). The User-Agent names papergraph and
// its version. Keys come from the environment:
//
//	HF_TOKEN          Hugging Face access token (optional)
//	OPENALEX_API_KEY  OpenAlex API key; OPENALEX_MAILTO your e-mail address
//	S2_API_KEY        Semantic Scholar API key
//
// A key is sent only to its API's host (a redirect elsewhere drops it)
// and never appears in logs, errors, cache entries or page URLs. The
// base URLs can be changed, for mirrors and tests, with HF_ENDPOINT,
// PAPERGRAPH_ARXIV_URL, PAPERGRAPH_OPENALEX_URL and PAPERGRAPH_S2_URL.
//
// # Cache
//
// With a [Cache], every response is stored raw with its URL and date;
// requests are answered from it for [DefaultMaxAge] (any age when
// Offline), so runs are fast, polite and reproducible: two runs from the
// cache give the same bytes. A damaged entry is fetched again, or, when
// offline, is a clear error.
//
// # Errors
//
// Errors are one line each and wrap the sentinels of this package:
// [ErrNetwork], [ErrUnauthorized] (naming the variable to set),
// [ErrNoListing], [ErrNoResults], [ErrOffline], and others.
package fetch
