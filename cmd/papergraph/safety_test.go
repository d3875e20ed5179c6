//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/papergraph/papergraph/export"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// csvInput is a small CSV input with one paper.
const csvInput = "title,abstract\nA paper,We train on ImageNet and release code.\n"

// TestOutputNeverReplacesInput: no file papergraph writes (an output or
// the CPU profile) may be one of its inputs, whatever name reaches it:
// the same path, standard input (fd 0, with and without "-"), a symbolic
// link or a hard link; a table shard of extract -format, written or
// removed as a previous run's. The run fails before any work and the
// input keeps its bytes.
func TestOutputNeverReplacesInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stdin bool // the input is papergraph's standard input
		args  func(dir, in string) []string
	}{
		{"cpuprofile", false, func(dir, in string) []string {
			return []string{"build", "-o", filepath.Join(dir, "out"), "-cpuprofile", in, in}
		}},
		{"extract cpuprofile", false, func(dir, in string) []string { return []string{"extract", "-cpuprofile", in, in} }},
		{"entities cpuprofile", false, func(dir, in string) []string {
			return []string{"extract", "-entities", in, "-cpuprofile", in}
		}},
		{"output", false, func(dir, in string) []string { return []string{"build", "-o", dir, "-formats", "csv", in} }},
		{"stdin dash", true, func(dir, in string) []string { return []string{"build", "-o", dir, "-formats", "csv", "-"} }},
		{"stdin implicit", true, func(dir, in string) []string { return []string{"build", "-o", dir, "-formats", "csv"} }},
		{"stdin cpuprofile", true, func(dir, in string) []string {
			return []string{"extract", "-cpuprofile", filepath.Join(dir, "link.csv"), "-"}
		}},
		{"symlink", false, func(dir, in string) []string {
			return []string{"build", "-o", dir, "-formats", "csv", filepath.Join(dir, "link.csv")}
		}},
		{"hard link", false, func(dir, in string) []string {
			return []string{"build", "-o", dir, "-formats", "csv", filepath.Join(dir, "hard.csv")}
		}},
		{"diff output", false, func(dir, in string) []string {
			return []string{"diff", "-o", dir, "-formats", "csv", in, in}
		}},
		{"table shard", false, func(dir, in string) []string {
			require.NoError(t, os.Rename(in, filepath.Join(dir, "papers-00000.jsonl")))
			require.NoError(t, os.Symlink("papers-00000.jsonl", in))
			return []string{"extract", "-format", "jsonl", "-o", dir, in}
		}},
		{"previous table shard", false, func(dir, in string) []string {
			shard := filepath.Join(dir, "words-00007.jsonl") // removed by a run that writes fewer shards
			require.NoError(t, os.Rename(in, shard))
			require.NoError(t, os.Symlink("words-00007.jsonl", in))
			return []string{"extract", "-format", "jsonl", "-o", dir, shard}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "nodes.csv") // the name build -formats csv writes
			require.NoError(t, os.WriteFile(in, []byte(csvInput), 0o644))
			require.NoError(t, os.Symlink(in, filepath.Join(dir, "link.csv")))
			require.NoError(t, os.Link(in, filepath.Join(dir, "hard.csv")))
			cmd := papergraphCommand(t, nil, tc.args(dir, in)...)
			if tc.stdin {
				f, err := os.Open(in)
				require.NoError(t, err)
				defer f.Close()
				cmd.Stdin = f
			}
			err := cmd.Run()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "the run must fail")
			assert.Equal(t, 1, exit.ExitCode())
			msg, _ := os.ReadFile(cmd.Stderr.(*os.File).Name())
			assert.Contains(t, string(msg), "output would overwrite an input")
			got, _ := os.ReadFile(in)
			assert.Equal(t, csvInput, string(got), "the input keeps its bytes")
			_, err = os.Stat(filepath.Join(dir, "edges.csv"))
			assert.True(t, os.IsNotExist(err), "nothing was written")
		})
	}
}

// TestFailedRenameKeepsEveryOutput: when one output cannot be replaced (a
// directory has its name), every previous output stays byte-identical:
// none is replaced, not even those before it in the set.
func TestFailedRenameKeepsEveryOutput(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCmd(t, "", "build", "-quiet", "-o", out, "-formats", "dot,graphml,gexf,json")
	require.Equal(t, 0, code, stderr)
	before := readDir(t, out)
	require.NoError(t, os.Mkdir(filepath.Join(out, "nodes.csv"), 0o755))

	code, _, stderr = runCmd(t, "", "build", "-quiet", "-o", out, "-formats", "dot,graphml,gexf,json,csv", "-top-k", "2")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "nodes.csv")
	assert.Contains(t, stderr, "directory")
	require.NoError(t, os.Remove(filepath.Join(out, "nodes.csv")))
	after := readDir(t, out)
	assert.Equal(t, len(before), len(after), "no file added, no temporary file left")
	for name, b := range before {
		assert.True(t, bytes.Equal(b, after[name]), "%s kept as it was", name)
	}
}

// TestConcurrentRuns: two runs with different options into one directory
// at once both succeed, and the directory ends with the complete set of
// one of them, never a mix.
func TestConcurrentRuns(t *testing.T) {
	sets := map[string]map[string][]byte{}
	for _, k := range []string{"1", "5"} {
		dir := t.TempDir()
		code, _, stderr := runCmd(t, "", "build", "-quiet", "-o", dir, "-formats", "dot,graphml,gexf,json,csv", "-top-k", k)
		require.Equal(t, 0, code, stderr)
		sets[k] = readDir(t, dir)
	}
	require.NotEqual(t, sets["1"]["graph.graphml"], sets["5"]["graph.graphml"])
	out := t.TempDir()
	var cmds []*exec.Cmd
	for _, k := range []string{"1", "5"} {
		cmd, _ := papergraphSample(t, nil, "build", "-quiet", "-o", out, "-formats", "dot,graphml,gexf,json,csv", "-top-k", k)
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		require.NoError(t, cmd.Wait())
	}
	got := readDir(t, out)
	from := "1"
	if bytes.Equal(got["graph.dot"], sets["5"]["graph.dot"]) {
		from = "5"
	}
	assert.Equal(t, len(sets[from]), len(got))
	for name, b := range sets[from] {
		assert.True(t, bytes.Equal(b, got[name]), "%s is from the run with -top-k %s like graph.dot", name, from)
	}
}

// TestStdinWithoutDash: `cat f | papergraph extract` reads standard input
// when it is a pipe (no file named); an empty pipe says so; /dev/null (a
// terminal reads the same) means the embedded sample.
func TestStdinWithoutDash(t *testing.T) {
	cmd := papergraphCommand(t, nil, "extract", "-quiet")
	cmd.Stdin = strings.NewReader(csvInput) // a pipe
	out, err := cmd.Output()
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(string(out), "\n"), "one paper, from the pipe: %s", out)
	assert.Contains(t, string(out), `"title":"A paper"`)

	cmd = papergraphCommand(t, nil, "extract", "-quiet")
	cmd.Stdin = strings.NewReader("")
	err = cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 1, exit.ExitCode())
	msg, _ := os.ReadFile(cmd.Stderr.(*os.File).Name())
	assert.Contains(t, string(msg), "<stdin>: empty input")
	assert.Contains(t, string(msg), "standard input was read")

	cmd = papergraphCommand(t, nil, "extract", "-quiet") // stdin /dev/null
	out, err = cmd.Output()
	require.NoError(t, err)
	assert.Equal(t, 61, strings.Count(string(out), "\n"), "the sample")
}

// TestBombsUnderMemoryLimit: inputs of a few kilobytes that expand to
// gigabytes (BibTeX @string doubling, an OpenAlex word at a million
// positions, gzip inside gzip) run in a process limited to 1 GiB of
// address space: each ends with its records skipped or a clear error,
// quickly, never out of memory or with a stack dump.
func TestBombsUnderMemoryLimit(t *testing.T) {
	if raceEnabled {
		// The race detector maps shadow memory for every allocation: an
		// address-space limit measures it, not papergraph. The same
		// bombs run without the limit in TestHostileFixtures.
		t.Skip("address-space limit under the race detector")
	}
	for _, name := range bombs {
		t.Run(name, func(t *testing.T) {
			want := hostileFixtures[name]
			cmd := papergraphCommand(t, []string{"PAPERGRAPH_AS=" + strconv.Itoa(1<<30), "GOMAXPROCS=2"}, "extract", filepath.Join("..", "..", "testdata", "hostile", name))
			start := time.Now()
			out, err := cmd.Output()
			msg, _ := os.ReadFile(cmd.Stderr.(*os.File).Name())
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, want.code, code, "%s", msg)
			assert.NotContains(t, string(msg), "goroutine ", "no stack dump")
			assert.NotContains(t, string(msg), "out of memory")
			assert.Equal(t, want.papers, strings.Count(string(out), "\n"))
			for _, s := range want.stderr {
				assert.Contains(t, string(msg), s)
			}
			assert.Less(t, time.Since(start), 30*time.Second)
		})
	}
}

// TestThousandInputsFewDescriptors: inputs are opened one at a time, so
// a thousand files are read by a process allowed 64 open files.
func TestThousandInputsFewDescriptors(t *testing.T) {
	dir := t.TempDir()
	args := []string{"extract", "-quiet"}
	for i := range 1000 {
		path := filepath.Join(dir, fmt.Sprintf("p%04d.csv", i))
		require.NoError(t, os.WriteFile(path, []byte(fmt.Sprintf("title,abstract\nPaper %d,On ImageNet.\n", i)), 0o644))
		args = append(args, path)
	}
	cmd := papergraphCommand(t, []string{"PAPERGRAPH_NOFILE=64"}, args...)
	out, err := cmd.Output()
	msg, _ := os.ReadFile(cmd.Stderr.(*os.File).Name())
	require.NoError(t, err, "%s", msg)
	assert.Equal(t, 1000, strings.Count(string(out), "\n"))
}

// sigCaught reports whether process pid has a handler for sig
// (/proc/PID/status, SigCgt).
func sigCaught(pid int, sig syscall.Signal) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "SigCgt:"); ok {
			mask, err := strconv.ParseUint(strings.TrimSpace(rest), 16, 64)
			return err == nil && mask&(1<<(uint(sig)-1)) != 0
		}
	}
	return false
}

// TestInterruptDuringStartUp: papergraph started with SIGINT ignored (a
// background job of a shell) catches Ctrl-C from the first moments of
// its start-up, before the slow package initialisation is over: it ends
// at once with status 130 and writes nothing.
func TestInterruptDuringStartUp(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc")
	}
	out := t.TempDir()
	prev := filepath.Join(out, "graph.graphml")
	require.NoError(t, os.WriteFile(prev, []byte("previous"), 0o644))
	// trap '' INT: the child starts with SIGINT ignored, as a background job does.
	cmd := papergraphCommand(t, nil)
	cmd.Path, cmd.Args = "/bin/sh", []string{"sh", "-c", `trap '' INT; exec "$0" "$@"`, os.Args[0], "build", "-quiet", "-o", out, "-formats", "graphml"}
	require.NoError(t, cmd.Start())
	errFile := cmd.Stderr.(*os.File)
	deadline := time.Now().Add(30 * time.Second)
	// The shell catches SIGINT itself until it execs the test binary:
	// look at the handlers only once the process is ours.
	self, err := os.Executable()
	require.NoError(t, err)
	for exe, _ := os.Readlink(fmt.Sprintf("/proc/%d/exe", cmd.Process.Pid)); exe != self || !sigCaught(cmd.Process.Pid, syscall.SIGINT); exe, _ = os.Readlink(fmt.Sprintf("/proc/%d/exe", cmd.Process.Pid)) {
		require.True(t, time.Now().Before(deadline), "no SIGINT handler ever")
		time.Sleep(time.Millisecond)
	}
	msg, _ := os.ReadFile(errFile.Name())
	require.NotContains(t, string(msg), childReady, "the handler must exist before start-up is over")
	sent := time.Now()
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err = cmd.Wait()
	took := time.Since(sent)
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "the run must not finish as if nothing happened")
	assert.Equal(t, 130, exit.ExitCode())
	assert.Less(t, took, stopWithin())
	got, _ := os.ReadFile(prev)
	assert.Equal(t, "previous", string(got))
}

// TestCacheNeverReplacesInput: the response cache of a run refuses to
// write an entry over one of the run's inputs (here an input that is a
// hard link of the entry's path).
func TestCacheNeverReplacesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "papers.csv")
	require.NoError(t, os.WriteFile(in, []byte(csvInput), 0o644))
	n := &netFlags{cacheDir: filepath.Join(dir, "cache"), inputs: []string{in}}
	c, err := n.fetcher(newLogger(io.Discard, false), newProgress(io.Discard, true))
	require.NoError(t, err)
	require.NotNil(t, c.Cache.Refuse)
	err = c.Cache.Refuse(filepath.Join(dir, ".", "papers.csv"))
	assert.ErrorIs(t, err, export.ErrOverwriteInput)
	assert.NoError(t, c.Cache.Refuse(filepath.Join(dir, "cache", "ab", "other.resp")))
}

// TestTablesAllOrNothing: extract -format writes its table shards as
// build writes its outputs: a run that fails halfway (a malformed record
// under -strict) leaves the previous shards byte-identical and no
// temporary file, and so does Ctrl-C; a run that succeeds leaves its own shards only, the
// previous run's shards past its last removed (tables of another format
// stay), so the directory never holds a mix of two runs.
func TestTablesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	line := func(id, abstract string) string {
		return `{"id": "` + id + `", "title": "Paper ` + id + `", "abstract": "` + abstract + `", "categories": "cs.LG"}` + "\n"
	}
	three := filepath.Join(dir, "three.jsonl")
	require.NoError(t, os.WriteFile(three, []byte(line("2401.00001", "We train on ImageNet.")+line("2401.00002", "We use COCO.")+line("2401.00003", "We use BERT.")), 0o644))
	broken := filepath.Join(dir, "broken.jsonl")
	require.NoError(t, os.WriteFile(broken, []byte(line("2401.00004", "We use GLUE.")+line("2401.00005", "We use SQuAD.")+"{\"id\": \n"), 0o644))
	one := filepath.Join(dir, "one.jsonl")
	require.NoError(t, os.WriteFile(one, []byte(line("2401.00006", "We use MNIST.")), 0o644))

	out := filepath.Join(dir, "tables")
	code, _, stderr := runCmd(t, "", "extract", "-quiet", "-format", "jsonl", "-shard-papers", "1", "-o", out, three)
	require.Equal(t, 0, code, stderr)
	require.NoError(t, os.WriteFile(filepath.Join(out, "papers-00000.parquet"), []byte("another format"), 0o644))
	before := readDir(t, out)
	require.Len(t, before, 3*6+1)

	code, _, stderr = runCmd(t, "", "extract", "-quiet", "-strict", "-format", "jsonl", "-shard-papers", "1", "-o", out, broken)
	require.Equal(t, 1, code, stderr)
	after := readDir(t, out)
	assert.Equal(t, len(before), len(after), "no file added, no temporary file left")
	for name, b := range before {
		assert.True(t, bytes.Equal(b, after[name]), "%s kept as it was", name)
	}

	// Ctrl-C while a shard is written and more input is awaited.
	pr, pw := io.Pipe()
	defer pw.Close()
	go io.WriteString(pw, line("2401.00007", "We use CIFAR-10.")+line("2401.00008", "We use MNIST."))
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	time.AfterFunc(300*time.Millisecond, cancel)
	code = run(ctx, []string{"extract", "-quiet", "-format", "jsonl", "-shard-papers", "1", "-o", out, "-"}, pr, io.Discard, io.Discard)
	assert.Less(t, time.Since(start), 300*time.Millisecond+stopWithin(), "stopped within 0.2 s of Ctrl-C")
	assert.Equal(t, 130, code)
	after = readDir(t, out)
	assert.Equal(t, len(before), len(after), "interrupted: no file added, no temporary file left")
	for name, b := range before {
		assert.True(t, bytes.Equal(b, after[name]), "interrupted: %s kept as it was", name)
	}

	code, _, stderr = runCmd(t, "", "extract", "-quiet", "-format", "jsonl", "-o", out, one)
	require.Equal(t, 0, code, stderr)
	after = readDir(t, out)
	assert.Len(t, after, 6+1, "one shard of each table, and the other format's file")
	assert.Contains(t, string(after["papers-00000.jsonl"]), "2401.00006")
	assert.Equal(t, "another format", string(after["papers-00000.parquet"]))
}
