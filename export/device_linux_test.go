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

// TestFileOutDirect writes a file through fileOut past directFrom: where
// the file system takes O_DIRECT, the aligned buffers after directFrom go
// past the page cache, a misaligned buffer (refused by the kernel) and an
// odd tail through it; the file holds every byte in order either way.
func TestFileOutDirect(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer f.Close()
	supported := setDirect(f, true)
	setDirect(f, false)

	o := &fileOut{f: f}
	var want []byte
	put := func(b []byte) {
		require.NoError(t, o.write(b))
		want = append(want, b...)
	}
	buf := alignedBuf(asyncBuf)[:asyncBuf]
	for i := range buf {
		buf[i] = byte('a' + i%23)
	}
	for range directFrom / asyncBuf {
		put(buf)
	}
	assert.False(t, o.direct, "below directFrom: through the page cache")
	put(buf)
	assert.Equal(t, supported, o.direct, "from directFrom on: direct where the file system allows it")
	if supported {
		// Whole blocks at an address O_DIRECT refuses: the kernel says
		// EINVAL and the rest goes through the page cache.
		odd := make([]byte, 2*directAlign+1)[1:]
		copy(odd, buf)
		put(odd)
		assert.False(t, o.direct, "after a refused write: through the page cache")
	}
	put(buf[:12345]) // a tail of no whole number of blocks
	require.NoError(t, f.Sync())
	got, err := os.ReadFile(f.Name())
	require.NoError(t, err)
	assert.Equal(t, int64(len(want)), o.off)
	assert.True(t, bytes.Equal(want, got), "every byte in order (%d written, %d read)", len(want), len(got))
}
