//go:build linux && (amd64 || arm64 || riscv64 || loong64 || s390x)

package export

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFileOutWriteback writes a file through fileOut past two
// writeback steps: writeback is asked for each stretch of writebackStep
// bytes as it fills (started follows), never past what was written, and
// the file holds every byte in order.
func TestFileOutWriteback(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer f.Close()

	o := &fileOut{f: f}
	var want []byte
	put := func(b []byte) {
		require.NoError(t, o.write(b))
		want = append(want, b...)
	}
	buf := make([]byte, asyncBuf)
	for i := range buf {
		buf[i] = byte('a' + i%23)
	}
	for range writebackStep/asyncBuf - 1 {
		put(buf)
	}
	assert.Zero(t, o.started, "below writebackStep: nothing handed to writeback")
	put(buf)
	assert.Equal(t, int64(writebackStep), o.started, "at writebackStep: the first stretch")
	for range writebackStep/asyncBuf + 1 {
		put(buf[:asyncBuf-1]) // stretches of other lengths: a step is crossed mid-buffer
	}
	assert.Less(t, o.off-o.started, int64(writebackStep), "no stretch of writebackStep bytes left unstarted")
	assert.Greater(t, o.started, int64(writebackStep))
	put(buf[:12345])
	require.NoError(t, f.Sync())
	got, err := os.ReadFile(f.Name())
	require.NoError(t, err)
	assert.Equal(t, int64(len(want)), o.off)
	assert.True(t, bytes.Equal(want, got), "every byte in order (%d written, %d read)", len(want), len(got))
}

// TestFileOutSync writes a file through fileOut past one syncStep: an
// early sync is asked for, close waits for it without error, and the file
// holds every byte in order.
func TestFileOutSync(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer f.Close()

	o := &fileOut{f: f}
	buf := make([]byte, asyncBuf)
	for i := range buf {
		buf[i] = byte('a' + i%29)
	}
	for range syncStep/asyncBuf - 1 {
		require.NoError(t, o.write(buf))
	}
	assert.Nil(t, o.kick, "below syncStep: no sync asked for")
	require.NoError(t, o.write(buf))
	assert.NotNil(t, o.kick, "at syncStep: a sync asked for")
	assert.Equal(t, int64(syncStep), o.synced)
	require.NoError(t, o.write(buf[:777]))
	require.NoError(t, o.close())
	got, err := os.ReadFile(f.Name())
	require.NoError(t, err)
	require.Len(t, got, syncStep+777)
	for i := 0; i < len(got); i += asyncBuf {
		want := buf[:min(asyncBuf, len(got)-i)]
		require.True(t, bytes.Equal(want, got[i:i+len(want)]), "bytes at %d", i)
	}
}
