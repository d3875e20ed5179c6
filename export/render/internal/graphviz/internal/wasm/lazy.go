package wasm

import (
	"sync"
	"sync/atomic"
)

var (
	loadOnce sync.Once
	loaded   atomic.Bool
)

// Load compiles and instantiates the Graphviz WebAssembly module, once:
// every other function of this package needs it. Upstream does this in
// an init function, so that every program linking the package pays it
// at start-up whether it draws or not; here the packages that use it
// call Load on their first use.
func Load() {
	loadOnce.Do(func() {
		load()
		loaded.Store(true)
	})
}

// Loaded reports whether Load has run: a program that has not drawn or
// laid out anything has not paid for the module.
func Loaded() bool { return loaded.Load() }
