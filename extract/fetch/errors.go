package fetch

import "errors"

// Errors a fetch can end with; each message built on them is one line a
// user can act on. Test with errors.Is.
var (
	// ErrSource: a source spec that is not one papergraph knows.
	ErrSource = errors.New("not a source papergraph knows")
	// ErrNetwork: the API's host could not be reached (no network, DNS,
	// connection refused), after retries.
	ErrNetwork = errors.New("no network connection to the API")
	// ErrUnauthorized: the API refused the request (401 or 403); the
	// message names the environment variable to set.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrRateLimited: the API still answered 429 after retries, or asked
	// to wait longer than papergraph waits.
	ErrRateLimited = errors.New("rate limited")
	// ErrServer: the API answered 5xx after retries, or another status
	// papergraph cannot use.
	ErrServer = errors.New("the API failed")
	// ErrContentType: the answer is not the kind of document the API
	// sends (an HTML page from a proxy or login portal, say).
	ErrContentType = errors.New("unexpected content type")
	// ErrTruncated: the answer was cut off, after retries.
	ErrTruncated = errors.New("response cut off")
	// ErrNoResults: a query matched nothing.
	ErrNoResults = errors.New("no results")
	// ErrNoListing: no papers are listed for the date asked.
	ErrNoListing = errors.New("no listing for that date")
	// ErrOffline: a request is not in the cache and fetching is off.
	ErrOffline = errors.New("not in the cache (offline)")
	// ErrCorrupt: a cache entry is damaged and fetching is off.
	ErrCorrupt = errors.New("damaged cache entry")
)
