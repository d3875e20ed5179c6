package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/extract/table"
)

// TestExtractTablesWriteFailureEndsReader: when writing a table fails,
// extract -format jsonl stops its reader and returns the writer's error,
// though standard input is still open and more records may come (a pipe
// whose writer waits): it neither hangs in the read nor leaves the reader
// running, reading the rest of the input into nothing.
func TestExtractTablesWriteFailureEndsReader(t *testing.T) {
	out := filepath.Join(t.TempDir(), "tables")
	// A directory where the first shard's papers table goes: its
	// creation, at the first write, fails.
	require.NoError(t, os.MkdirAll(filepath.Join(out, table.FileName(table.Tables[0], 0, table.JSONL)), 0o755))

	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	drained := make(chan struct{})
	go func() {
		// Many more records than the command holds in flight, then
		// nothing: the input stays open. drained says that all were read.
		for i := range 20000 {
			if _, err := fmt.Fprintf(pw, `{"title":"Paper %d","abstract":"We train ResNet-%d on ImageNet."}`+"\n", i, i); err != nil {
				return
			}
		}
		close(drained)
	}()

	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"extract", "-quiet", "-input-format", "arxiv-jsonl", "-format", "jsonl", "-o", out, "-"}, pr, &stdout, &stderr)
		done <- result{code, stderr.String()}
	}()
	select {
	case r := <-done:
		assert.Equal(t, 1, r.code, r.stderr)
		assert.Contains(t, r.stderr, "not a regular file")
	case <-drained:
		t.Fatal("extract -format jsonl read the whole input though its writer failed")
	case <-time.After(60 * time.Second):
		t.Fatal("extract -format jsonl still running a minute after its writer failed, standard input open")
	}
	select {
	case <-drained:
		t.Fatal("the reader went on reading the input after the command returned")
	case <-time.After(time.Second):
	}
}
