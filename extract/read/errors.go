package read

import (
	"errors"
	"fmt"
	"strings"

	"github.com/papergraph/papergraph"
)

// Sentinel errors. Errors returned by this package wrap one of them; test
// with [errors.Is].
var (
	// ErrUnknownFormat: the input (or the name in Options.Format) is none
	// of the formats listed by [Formats].
	ErrUnknownFormat = errors.New("unknown input format")
	// ErrEmpty: the input holds no bytes other than white space.
	ErrEmpty = errors.New("empty input")
	// ErrBinary: the input is binary (NUL bytes, invalid UTF-8, a known
	// binary or unsupported compressed format).
	ErrBinary = errors.New("binary input")
	// ErrMalformed: a record, or the document around it, breaks the
	// format's syntax or lacks a required field. Every [*RecordError]
	// wraps it.
	ErrMalformed = errors.New("malformed record")
	// ErrTooLarge: a record is longer than Options.MaxRecordBytes.
	ErrTooLarge = errors.New("record too large")
	// ErrEntity: an XML document declares entities (<!ENTITY ...>), which
	// are refused to rule out entity-expansion attacks.
	ErrEntity = errors.New("xml entity declarations are not allowed")
)

// RecordError reports one record that could not be read. The Reader
// skips it: calling [Reader.Next] again continues with the next record.
// It wraps [ErrMalformed] and, where one applies, a more specific cause
// such as [ErrTooLarge].
type RecordError struct {
	Pos    papergraph.Pos // where the record starts
	Format string         // the format being read
	Err    error          // what is wrong
}

// Error returns "read: FILE:LINE: FORMAT: MESSAGE" (or "FILE: record N"
// when the format has no line numbers).
func (e *RecordError) Error() string {
	return fmt.Sprintf("read: %s: %s: %v", e.Pos, e.Format, e.Err)
}

// Unwrap returns ErrMalformed and the cause.
func (e *RecordError) Unwrap() []error {
	if errors.Is(e.Err, ErrMalformed) {
		return []error{e.Err}
	}
	return []error{ErrMalformed, e.Err}
}

// recordErr builds a RecordError at line (0 if unknown); the Reader fills in
// the file, record number and format.
func recordErr(line int, format string, args ...any) *RecordError {
	return &RecordError{Pos: papergraph.Pos{Line: line}, Err: fmt.Errorf(format, args...)}
}

// formatList is the human list of formats for error messages.
func formatList() string { return strings.Join(Formats(), ", ") }

// Note is something a [Reader] noticed that a user should know though it
// skipped no record: rows of a table with a wrong number of fields, lines
// dropped as a page's header. [Reader.Notes] returns them.
type Note struct {
	Pos    papergraph.Pos // where (File set by the Reader; Line 0 when it is the whole input)
	Msg    string         // what
	Detail []string       // the lines concerned, for a verbose log
}

// String returns "FILE:LINE: MESSAGE" (or "FILE: MESSAGE").
func (n Note) String() string { return n.Pos.String() + ": " + n.Msg }
