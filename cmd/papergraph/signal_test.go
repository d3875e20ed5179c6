//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets a test run this binary as papergraph itself, to send it
// real signals: with PAPERGRAPH_AS_MAIN=1 it runs main instead of tests.
func TestMain(m *testing.M) {
	if os.Getenv("PAPERGRAPH_AS_MAIN") == "1" {
		if v := os.Getenv("PAPERGRAPH_AS"); v != "" {
			// An address-space limit of this many bytes over what the
			// process has mapped so far (the test binary and the
			// WebAssembly runtime reserve much before any work): memory
			// past it is out of memory for real (a Go memory limit is
			// only a target).
			n, _ := strconv.ParseUint(v, 10, 64)
			n += mappedBytes()
			if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
				panic(err)
			}
		}
		if v := os.Getenv("PAPERGRAPH_NOFILE"); v != "" {
			n, _ := strconv.ParseUint(v, 10, 64)
			if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
				panic(err)
			}
		}
		if v := os.Getenv("PAPERGRAPH_FSIZE"); v != "" {
			// A file-size limit makes writes past it fail (EFBIG), as a
			// full disk would (ENOSPC); Go ignores SIGXFSZ.
			n, _ := strconv.ParseUint(v, 10, 64)
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
				panic(err)
			}
		}
		// SIGINT before main has installed its handler would kill the
		// process (a slow start under -race): absorb it here, and let the
		// tests send it until main reacts.
		signal.Notify(make(chan os.Signal, 1), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		fmt.Fprintln(os.Stderr, childReady) // package init (the wasm runtime) is done
		os.Args = append([]string{"papergraph"}, os.Args[1:]...)
		main()
		return
	}
	os.Exit(m.Run())
}

// mappedBytes returns the process's virtual memory size (VmSize).
func mappedBytes() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// childReady is what a child prints once it can take SIGINT.
const childReady = "test child: ready for signals"

// papergraphProcess starts this test binary as papergraph with args, its
// standard input a pipe the test holds.
func papergraphProcess(t *testing.T, env []string, args ...string) (*exec.Cmd, io.WriteCloser, *os.File) {
	t.Helper()
	cmd := papergraphCommand(t, env, args...)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	return cmd, stdin, cmd.Stderr.(*os.File)
}

// papergraphCommand is the command papergraphProcess starts: standard
// input /dev/null (as from cron; a terminal reads the same) unless set,
// standard error a file.
func papergraphCommand(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "PAPERGRAPH_AS_MAIN=1"), env...)
	stderr, err := os.CreateTemp(t.TempDir(), "stderr")
	require.NoError(t, err)
	cmd.Stderr = stderr
	return cmd
}

// papergraphSample starts papergraph with args and /dev/null as standard
// input: with no file named, it reads the embedded sample.
func papergraphSample(t *testing.T, env []string, args ...string) (*exec.Cmd, *os.File) {
	t.Helper()
	cmd := papergraphCommand(t, env, args...)
	require.NoError(t, cmd.Start())
	return cmd, cmd.Stderr.(*os.File)
}

// TestInterruptWhileReading: Ctrl-C (SIGTERM, SIGHUP) while papergraph waits for
// more input on a pipe stops it at once with status 130 (143), and the
// previous outputs stay. With one record it waits in format detection (Open reads ahead);
// with 1500 (90 KB) it waits between records.
func TestInterruptWhileReading(t *testing.T) {
	for _, tc := range []struct {
		records int
		sig     syscall.Signal
		code    int
	}{{1, syscall.SIGINT, 130}, {1500, syscall.SIGINT, 130}, {1500, syscall.SIGTERM, 143}, {1500, syscall.SIGHUP, 129}} {
		records := tc.records
		t.Run(strconv.Itoa(records)+"/"+tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			require.NoError(t, os.MkdirAll(out, 0o755))
			prev := filepath.Join(out, "graph.graphml")
			require.NoError(t, os.WriteFile(prev, []byte("previous"), 0o644))

			cmd, stdin, stderr := papergraphProcess(t, nil, "build", "-o", out, "-formats", "graphml,json", "-input-format", "arxiv-jsonl", "-")
			defer stdin.Close()
			for i := range records {
				_, err := fmt.Fprintf(stdin, `{"id":"2401.%05d","title":"Paper %d","abstract":"On ImageNet."}`+"\n", i+1, i)
				require.NoError(t, err)
			}
			for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
				if b, _ := os.ReadFile(stderr.Name()); strings.Contains(string(b), childReady) {
					break
				}
				require.Less(t, time.Since(start), 60*time.Second, "the child never started")
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			// Ctrl-C every 100 ms until it stops: those before main's
			// handler exists are absorbed (see TestMain).
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			timeout := time.After(30 * time.Second)
			var err error
		wait:
			for {
				select {
				case err = <-done:
					break wait
				case <-tick.C:
					cmd.Process.Signal(tc.sig)
				case <-timeout:
					cmd.Process.Kill()
					t.Fatal("papergraph did not stop on Ctrl-C while its input was open")
				}
			}
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit)
			assert.Equal(t, tc.code, exit.ExitCode())
			msg, _ := os.ReadFile(stderr.Name())
			assert.Contains(t, string(msg), "interrupted")
			got, _ := os.ReadFile(prev)
			assert.Equal(t, "previous", string(got))
			entries, err := os.ReadDir(out)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "nothing written, no temporary file")
		})
	}
}

// TestDiskFullKeepsOutputs: a write that fails for lack of room (here a
// file-size limit on the process, as a full disk would) is reported with
// the file, and the previous outputs stay whole with no partial files.
func TestDiskFullKeepsOutputs(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCmd(t, "", "build", "-quiet", "-o", out, "-formats", "graphml,gexf,json,csv")
	require.Equal(t, 0, code, stderr)
	before := readDir(t, out)

	cmd, errFile := papergraphSample(t, []string{"PAPERGRAPH_FSIZE=20000"}, "build", "-o", out, "-formats", "graphml,gexf,json,csv", "-top-k", "3")
	err := cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 1, exit.ExitCode())
	msg, _ := os.ReadFile(errFile.Name())
	assert.Contains(t, string(msg), "file too large")
	assert.Contains(t, string(msg), out, "the error names the output")
	after := readDir(t, out)
	assert.Equal(t, len(before), len(after), "no temporary files left")
	for name, b := range before {
		assert.Equal(t, b, after[name], "%s kept as it was", name)
	}
}

// TestDeterministicAcrossGOMAXPROCS runs the binary with one and with four
// procs: every output file has the same bytes, with the default options
// and with a backbone (every column of every format, the backbone's cut
// in removed.csv, the VOSviewer file).
func TestDeterministicAcrossGOMAXPROCS(t *testing.T) {
	for _, extra := range [][]string{nil, {"-backbone", "0.3", "-resolution", "1.5", "-seed", "7"}} {
		t.Run(strings.Join(append([]string{"options"}, extra...), " "), func(t *testing.T) {
			var outs []map[string][]byte
			for _, procs := range []string{"1", "4"} {
				out := t.TempDir()
				args := append([]string{"build", "-quiet", "-o", out, "-formats", "all"}, extra...)
				cmd, errFile := papergraphSample(t, []string{"GOMAXPROCS=" + procs}, args...)
				if err := cmd.Wait(); err != nil {
					msg, _ := os.ReadFile(errFile.Name())
					t.Fatalf("GOMAXPROCS=%s: %v: %s", procs, err, msg)
				}
				outs = append(outs, readDir(t, out))
			}
			require.Len(t, outs[0], 15)
			for name, want := range outs[0] {
				assert.True(t, bytes.Equal(want, outs[1][name]), "%s differs between GOMAXPROCS 1 and 4", name)
			}
		})
	}
}

// TestKilledWhileWriting: SIGKILL (no chance to clean up) while the
// outputs are being written leaves every output whole (the previous bytes,
// unless the kill came after the renames); the temporary files it leaves
// are removed by the next run.
func TestKilledWhileWriting(t *testing.T) {
	out, fresh := t.TempDir(), t.TempDir()
	code, _, stderr := runCmd(t, "", "build", "-quiet", "-o", out, "-formats", "all")
	require.Equal(t, 0, code, stderr)
	before := readDir(t, out)
	// What the killed run would write, had it finished.
	code, _, stderr = runCmd(t, "", "build", "-quiet", "-o", fresh, "-formats", "all", "-top-k", "3")
	require.Equal(t, 0, code, stderr)
	finished := readDir(t, fresh)

	cmd, _ := papergraphSample(t, nil, "build", "-quiet", "-o", out, "-formats", "all", "-top-k", "3")
	temps := func() []string {
		var names []string
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				names = append(names, e.Name())
			}
		}
		return names
	}
	deadline := time.Now().Add(60 * time.Second)
	for len(temps()) == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	require.NotEmpty(t, temps(), "the run never started writing")
	require.NoError(t, cmd.Process.Kill())
	cmd.Wait()
	// Each file is the previous output or (if the kill came after its
	// rename) the new one, never a partial file. The renames run one after
	// another in microseconds after every file is written.
	after := readDir(t, out)
	for name, b := range before {
		if !bytes.Equal(b, after[name]) && !bytes.Equal(finished[name], after[name]) {
			t.Errorf("%s is neither the previous output nor the new one", name)
		}
	}

	code, _, stderr = runCmd(t, "", "build", "-quiet", "-o", out, "-formats", "all")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, temps(), "the next run removes what the killed one left")
}
