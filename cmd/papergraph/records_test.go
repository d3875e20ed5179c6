package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryRecordSkipped: an input of which every record is skipped fails
// the run (exit 1) with the first five reasons, unless -allow-empty; one
// good input does not hide a lost one.
func TestEveryRecordSkipped(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	rows := "title,abstract\n"
	for range 7 {
		rows += ",an abstract without its title\n"
	}
	require.NoError(t, os.WriteFile(bad, []byte(rows), 0o644))
	good := filepath.Join(dir, "good.csv")
	require.NoError(t, os.WriteFile(good, []byte(csvInput), 0o644))

	for _, args := range [][]string{{"extract", bad}, {"extract", good, bad}, {"build", "-o", filepath.Join(dir, "out"), good, bad}} {
		code, stdout, stderr := runCmd(t, "", args...)
		assert.Equal(t, 1, code, "%v: %s", args, stderr)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, "bad.csv: no paper read: every record was skipped; the first 5 reason(s)")
		for line := 2; line <= 6; line++ {
			assert.Contains(t, stderr, "bad.csv:"+string(rune('0'+line))+": csv: row has no title")
		}
		assert.NotContains(t, stderr, "bad.csv:7:", "five reasons, not more")
		assert.Contains(t, stderr, "-allow-empty")
	}
	code, stdout, stderr := runCmd(t, "", "extract", "-allow-empty", good, bad)
	assert.Equal(t, 0, code, stderr)
	assert.Equal(t, 1, strings.Count(stdout, "\n"))
	assert.Contains(t, stderr, "7 skipped")
}

// TestSyntaxErrorEndsOneInput: broken JSON in the middle of an input ends
// that input, with its position, keeping the records before it; the other
// inputs are read. -strict makes it fatal.
func TestSyntaxErrorEndsOneInput(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte(`[
{"title": "First", "summary": "On ImageNet."},
{"title": "Second", "summary": "On COCO."},
{"title": "Third" "summary": "broken"},
{"title": "Fourth", "summary": "never read"}
]`), 0o644))
	good := filepath.Join(dir, "good.csv")
	require.NoError(t, os.WriteFile(good, []byte(csvInput), 0o644))
	code, stdout, stderr := runCmd(t, "", "extract", broken, good)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, 3, strings.Count(stdout, "\n"), "two papers before the error, one of the other input")
	assert.Contains(t, stderr, "input ended early: read: "+broken+":4:")
	assert.Contains(t, stderr, "the 2 paper(s) before it are kept")

	code, _, stderr = runCmd(t, "", "extract", "-strict", broken, good)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, broken+":4:")
}

// TestMergedKeepsEntitiesOfBothAbstracts: two records of one paper (same
// arXiv id) whose abstracts name different things give one paper naming
// both, in either order.
func TestMergedKeepsEntitiesOfBothAbstracts(t *testing.T) {
	rows := []string{
		"A Paper About Residual Networks,2401.00001,We train residual networks on ImageNet and report the accuracy of every variant we tried.",
		"A Paper About Residual Networks,2401.00001,Code is at https://github.com/someone/resnets.",
	}
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		in := filepath.Join(t.TempDir(), "dup.csv")
		require.NoError(t, os.WriteFile(in, []byte("title,arxiv,abstract\n"+rows[order[0]]+"\n"+rows[order[1]]+"\n"), 0o644))
		code, stdout, stderr := runCmd(t, "", "extract", in)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, 1, strings.Count(stdout, "\n"), "one paper")
		assert.Contains(t, stdout, `"name":"ImageNet"`)
		assert.Contains(t, stdout, `"name":"github.com/someone/resnets"`)
	}
}
