package wasm

import "sync"

var loadOnce sync.Once

// Load compiles and instantiates the Graphviz WebAssembly module, once:
// every other function of this package needs it. Upstream does this in
// an init function, so that every program linking the package pays it
// at start-up whether it draws or not; here the packages that use it
// call Load on their first use.
func Load() { loadOnce.Do(load) }
