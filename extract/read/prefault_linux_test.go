package read

import (
	"bytes"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrefault: prefault leaves the contents of fresh memory and of
// written memory as they are, and the kernel takes MADV_POPULATE_WRITE
// from Linux 5.14 on (noPrefault stays false), refuses it before.
func TestPrefault(t *testing.T) {
	fresh := make([]byte, textBlock)
	prefault(fresh)
	assert.True(t, bytes.Equal(make([]byte, textBlock), fresh), "fresh block changed")

	written := make([]byte, textBlock)
	for i := range written {
		written[i] = byte(i * 7)
	}
	want := bytes.Clone(written)
	prefault(written[3:]) // not page-aligned
	assert.True(t, bytes.Equal(want, written), "written block changed")

	var u syscall.Utsname
	require.NoError(t, syscall.Uname(&u))
	var release strings.Builder
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		release.WriteByte(byte(c))
	}
	major, rest, _ := strings.Cut(release.String(), ".")
	minor, _, _ := strings.Cut(rest, ".")
	maj, err1 := strconv.Atoi(major)
	mnr, err2 := strconv.Atoi(strings.TrimRightFunc(minor, func(r rune) bool { return r < '0' || r > '9' }))
	require.NoError(t, err1, release.String())
	require.NoError(t, err2, release.String())
	supported := maj > 5 || maj == 5 && mnr >= 14
	assert.Equal(t, !supported, noPrefault.Load(), "Linux %s", release.String())
}
