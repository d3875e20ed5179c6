package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestProgress(t *testing.T) {
	t.Run("not a terminal: silent", func(t *testing.T) {
		var b bytes.Buffer
		p := newProgress(&b, false)
		p.start = time.Now().Add(-time.Minute)
		p.tick(1024)
		p.setPhase("writing")
		p.done()
		assert.Empty(t, b.String())
	})
	t.Run("short run: silent", func(t *testing.T) {
		var b bytes.Buffer
		p := &progress{w: &b, on: true, start: time.Now()}
		p.tick(1024)
		p.setPhase("writing")
		p.done()
		assert.Empty(t, b.String())
	})
	t.Run("long run: records, rate, phase, then cleared", func(t *testing.T) {
		var b bytes.Buffer
		p := &progress{w: &b, on: true, start: time.Now().Add(-4 * time.Second)}
		p.tick(1000) // not a multiple of 1024: not shown
		assert.Empty(t, b.String())
		p.tick(2048)
		assert.Contains(t, b.String(), "reading: 2048 records")
		assert.Contains(t, b.String(), "papers/s")
		p.setPhase("writing")
		assert.Regexp(t, `writing \(\d+ s so far\)`, b.String())
		p.done()
		assert.True(t, bytes.HasSuffix(b.Bytes(), []byte("\r\033[K")), "the line is cleared")
	})
}
