package main

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chainCSV: paper 1 and 2 name ImageNet, 2 and 3 name SQuAD, 4 names
// nothing another paper names.
const chainCSV = "title,abstract,arxiv\n" +
	"\"First\",\"We train on ImageNet.\",2401.00001\n" +
	"\"Second\",\"We train on ImageNet and evaluate on SQuAD.\",2401.00002\n" +
	"\"Third\",\"We evaluate on SQuAD.\",2401.00003\n" +
	"\"Fourth\",\"We study nothing named here.\",2401.00004\n"

func TestPathCommand(t *testing.T) {
	code, stdout, stderr := runCmd(t, chainCSV, "path", "-quiet", "2401.00001", "2401.00003", "-")
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 10, stdout)
	assert.True(t, strings.HasPrefix(lines[0], "paper:2401.00001 "), stdout)
	assert.Contains(t, lines[1], "both name dataset:imagenet")
	// Each link quotes the sentence of each paper that names the artifact.
	assert.Equal(t, `      paper:2401.00001: "We train on ImageNet."`, lines[2])
	assert.Equal(t, `      paper:2401.00002: "We train on ImageNet and evaluate on SQuAD."`, lines[3])
	assert.True(t, strings.HasPrefix(lines[4], "paper:2401.00002 "), stdout)
	assert.Contains(t, lines[5], "both name")
	assert.Equal(t, `      paper:2401.00003: "We evaluate on SQuAD."`, lines[7])
	assert.True(t, strings.HasPrefix(lines[8], "paper:2401.00003 "), stdout)
	assert.Equal(t, "2 links", lines[9])

	code, stdout, stderr = runCmd(t, chainCSV, "path", "-quiet", "2401.00001", "dataset:imagenet", "-")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "→ mentions: ")
	assert.Contains(t, stdout, `      paper:2401.00001: "We train on ImageNet."`)

	code, stdout, _ = runCmd(t, chainCSV, "path", "-quiet", "-dot", "2401.00001", "dataset:imagenet", "-")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, `"paper:2401.00001" -> "dataset:imagenet"`)

	code, _, stderr = runCmd(t, chainCSV, "path", "-quiet", "2401.00001", "2401.00004", "-")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "paper:2401.00001 and paper:2401.00004 are not connected")

	code, _, _ = runCmd(t, chainCSV, "path", "-quiet", "2401.00001")
	assert.Equal(t, 2, code, "one ID is a usage error")
}

func TestSentenceAt(t *testing.T) {
	text := "First sentence. We train on ImageNet-1k here! Last one? Yes."
	i := strings.Index(text, "ImageNet")
	assert.Equal(t, "We train on ImageNet-1k here!", sentenceAt(text, i, i+8))
	assert.Equal(t, "First sentence.", sentenceAt(text, 0, 5))
	assert.Equal(t, "Yes.", sentenceAt(text, len(text)-4, len(text)-1))
	long := strings.Repeat("word ", 200) + "ImageNet " + strings.Repeat("más ", 200)
	i = strings.Index(long, "ImageNet")
	got := sentenceAt(long, i, i+8)
	assert.Contains(t, got, "ImageNet")
	assert.LessOrEqual(t, len(got), maxSentence+8)
	assert.True(t, utf8.ValidString(got))
}

func TestNeighboursCommand(t *testing.T) {
	code, stdout, stderr := runCmd(t, chainCSV, "neighbours", "-quiet", "-depth", "1", "dataset:imagenet", "-")
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 3, stdout)
	assert.True(t, strings.HasPrefix(lines[0], "0\tdataset:imagenet"))
	assert.True(t, strings.HasPrefix(lines[1], "1\tpaper:2401.00001"))
	assert.True(t, strings.HasPrefix(lines[2], "1\tpaper:2401.00002"))
}
