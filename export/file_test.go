package export

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteFilesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	require.NoError(t, os.WriteFile(a, []byte("old a"), 0o644))
	require.NoError(t, os.WriteFile(b, []byte("old b"), 0o644))

	boom := errors.New("disk full")
	err := WriteFiles([]File{
		{Path: a, Write: func(w io.Writer) error { _, err := io.WriteString(w, "new a"); return err }},
		{Path: b, Write: func(w io.Writer) error { io.WriteString(w, "half"); return boom }},
	}, nil)
	require.ErrorIs(t, err, boom)
	for path, want := range map[string]string{a: "old a", b: "old b"} {
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, want, string(got), "previous output must survive a failed run")
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary files may be left behind")

	require.NoError(t, WriteFiles([]File{
		{Path: a, Write: func(w io.Writer) error { _, err := io.WriteString(w, "new a"); return err }},
	}, nil))
	got, _ := os.ReadFile(a)
	assert.Equal(t, "new a", string(got))
}

func TestWriteFilesRefusesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "papers.txt")
	require.NoError(t, os.WriteFile(in, []byte("precious"), 0o644))
	err := WriteFiles([]File{{Path: filepath.Join(dir, ".", "papers.txt"), Write: func(w io.Writer) error { return nil }}}, []string{in})
	require.ErrorIs(t, err, ErrOverwriteInput)
	got, _ := os.ReadFile(in)
	assert.Equal(t, "precious", string(got))
}
