package graphviz

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/export/render/internal/graphviz/internal/wasm"
)

// TestModuleStartsOnFirstUse: linking and initialising this package and
// cgraph and gvc starts no WebAssembly module (papergraph -version and
// extract pay nothing for Graphviz); the first New does.
func TestModuleStartsOnFirstUse(t *testing.T) {
	require.False(t, wasm.Loaded(), "the module was started at initialisation")
	g, err := New(context.Background())
	require.NoError(t, err)
	defer g.Close()
	assert.True(t, wasm.Loaded())
}
