package read

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/papergraph/papergraph"
)

// The Hugging Face trending page, copied as text, is a few header lines
// ("Get trending papers in your email inbox!", a date, ...) and then, for
// each paper, a title line, a blank line and an abstract line:
//
//	Jul 1
//
//	SkyReels-V2: Infinite-length Film Generative Model
//
//	Recent advances in video generation have been driven by ...
//
// The reader keys on abstracts: long lines, or lines of a dozen or more
// words ending in a full stop. The header is everything before the first
// title; a title without an abstract, or an abstract without a title, is a
// RecordError at its line.

// headerLookahead bounds how many non-blank lines may precede the first
// paper.
const headerLookahead = 200

type hline struct {
	text string
	n    int // 1-based line number
}

type hfPage struct {
	lr     *lineReader
	queue  []hline // lines read ahead
	errs   []error // record errors met while reading ahead, reported by next
	eof    bool
	forced bool   // the format was forced: never reject the text as not a listing
	notes  []Note // the header lines dropped
}

// newHFPage returns the trending-page parser, having skipped the header;
// it fails when the text is not a listing, unless the format was forced.
func newHFPage(br *bufio.Reader, opt Options) (*hfPage, error) {
	h := &hfPage{lr: newLineReader(br, opt.max()), forced: opt.Format != ""}
	if err := h.start(); err != nil {
		return nil, err
	}
	return h, nil
}

// knownHeader matches the header lines of the Hugging Face papers pages.
var knownHeader = regexp.MustCompile(`(?i)^(new|subscribe|get trending papers in your email inbox!?|by ?ak and the research community|(daily|trending) papers|papers|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(,? \d{4})?)$`)

// read returns the next non-blank line.
func (h *hfPage) read() (hline, error) {
	for {
		b, err := h.lr.next()
		if errors.Is(err, errLineTooLong) {
			return hline{}, &RecordError{Pos: papergraph.Pos{Line: h.lr.line}, Err: fmt.Errorf("line longer than %d bytes: %w", h.lr.max, ErrTooLarge)}
		}
		if err != nil {
			return hline{}, err
		}
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		if s := collapse(string(b)); s != "" {
			return hline{s, h.lr.line}, nil
		}
	}
}

// peek returns the i-th line ahead (0-based), reading as needed; ok is
// false at the end of the input.
func (h *hfPage) peek(i int) (hline, bool, error) {
	for len(h.queue) <= i && !h.eof {
		l, err := h.read()
		if err == io.EOF {
			h.eof = true
			break
		}
		var re *RecordError
		if errors.As(err, &re) {
			h.errs = append(h.errs, re) // reported by the next call of next
			continue
		}
		if err != nil {
			return hline{}, false, err
		}
		h.queue = append(h.queue, l)
	}
	if i < len(h.queue) {
		return h.queue[i], true, nil
	}
	return hline{}, false, nil
}

func (h *hfPage) pop(n int) { h.queue = h.queue[n:] }

// abstractLike reports whether a line reads as an abstract, not a title
// or header.
func abstractLike(s string) bool {
	if utf8.RuneCountInString(s) >= 250 {
		return true
	}
	return strings.HasSuffix(s, ".") && len(strings.Fields(s)) >= 12
}

// endsSentence reports whether s ends as a sentence does.
func endsSentence(s string) bool { return strings.ContainsAny(s[len(s)-1:], ".!?)") }

// start drops the header: the lines before the first title.
func (h *hfPage) start() error {
	first := -1
	for i := 0; i < headerLookahead; i++ {
		l, ok, err := h.peek(i)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if abstractLike(l.text) {
			first = i
			break
		}
	}
	if first < 0 {
		if len(h.queue) == 0 {
			return &fatalError{err: fmt.Errorf("%w: no text to read", ErrEmpty)}
		}
		// Short abstracts only: accept title/sentence pairs after the
		// known header, else this is not a listing.
		i := 0
		for i < len(h.queue) && knownHeader.MatchString(h.queue[i].text) {
			i++
		}
		rest := h.queue[i:]
		if (len(rest) >= 2 && len(rest)%2 == 0 && pairs(rest)) || h.forced {
			h.drop(i)
			return nil
		}
		return &fatalError{line: h.queue[0].n, err: fmt.Errorf("%w: not a trending-page listing (no title followed by an abstract in the first %d lines); we read: %s", ErrUnknownFormat, headerLookahead, formatList())}
	}
	// Lines before the first title: known header lines are dropped; the
	// rest is header too unless it reads as title/abstract pairs. A line
	// just before a line too long to read is that paper's title, not
	// header.
	end := max(first-1, 0)
	var re *RecordError
	if len(h.errs) > 0 && errors.As(h.errs[0], &re) {
		for k := end - 1; k >= 0; k-- {
			if h.queue[k].n < re.Pos.Line {
				end = k
				break
			}
		}
	}
	i := 0
	for i < end && knownHeader.MatchString(h.queue[i].text) {
		i++
	}
	// The header ends where the title/short-abstract pairs before the
	// first long abstract begin: papers there are kept, however many
	// header lines precede them.
	rest := h.queue[i:end]
	k := 0
	for k < len(rest) && !((len(rest)-k)%2 == 0 && pairs(rest[k:])) {
		k++
	}
	h.drop(i + k)
	return nil
}

// drop drops the first n lines read ahead as the page's header, noting
// them: nothing is dropped silently.
func (h *hfPage) drop(n int) {
	if n == 0 {
		return
	}
	lines := h.queue[:n]
	detail := make([]string, n)
	for j, l := range lines {
		detail[j] = fmt.Sprintf("%d: %s", l.n, clip(l.text))
	}
	h.notes = append(h.notes, Note{
		Pos:    papergraph.Pos{Line: lines[0].n},
		Msg:    fmt.Sprintf("%d line(s) before the first paper read as the page's header and dropped (lines %d-%d; -v lists them)", n, lines[0].n, lines[n-1].n),
		Detail: detail,
	})
	h.pop(n)
}

func (h *hfPage) readNotes() []Note { return h.notes }

// pairs reports whether lines alternate title and short abstract (a line
// ending as a sentence does; a title does not end with a full stop).
func pairs(lines []hline) bool {
	for j := 0; j+1 < len(lines); j += 2 {
		if !endsSentence(lines[j+1].text) || strings.HasSuffix(lines[j].text, ".") {
			return false
		}
	}
	return true
}

func (h *hfPage) next() (papergraph.Paper, error) {
	if len(h.errs) > 0 {
		err := h.errs[0]
		h.errs = h.errs[1:]
		return papergraph.Paper{}, err
	}
	t, ok, err := h.peek(0)
	if err != nil {
		return papergraph.Paper{}, err
	}
	if !ok {
		return papergraph.Paper{}, io.EOF
	}
	if abstractLike(t.text) && utf8.RuneCountInString(t.text) >= 300 {
		h.pop(1)
		return papergraph.Paper{}, recordErr(t.n, "abstract with no title before it: %q", clip(t.text))
	}
	a, ok, err := h.peek(1)
	if err != nil {
		return papergraph.Paper{}, err
	}
	if !ok {
		h.pop(1)
		if abstractLike(t.text) {
			return papergraph.Paper{}, recordErr(t.n, "abstract with no title before it: %q", clip(t.text))
		}
		return papergraph.Paper{}, recordErr(t.n, "title with no abstract: %q", clip(t.text))
	}
	if abstractLike(t.text) && abstractLike(a.text) {
		// Two abstracts in a row: t is a stray paragraph.
		h.pop(1)
		return papergraph.Paper{}, recordErr(t.n, "abstract with no title before it: %q", clip(t.text))
	}
	if !abstractLike(a.text) {
		n, more, err := h.peek(2)
		if err != nil {
			return papergraph.Paper{}, err
		}
		if more && abstractLike(n.text) && !endsSentence(a.text) {
			// a is the next title (an abstract follows it, and it does
			// not end as a sentence): t has no abstract.
			h.pop(1)
			return papergraph.Paper{}, recordErr(t.n, "title with no abstract: %q", clip(t.text))
		}
		// Else a is t's abstract, however short.
	}
	h.pop(2)
	return papergraph.Paper{Title: t.text, Abstract: a.text, Pos: papergraph.Pos{Line: t.n}}, nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	i := 57
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
