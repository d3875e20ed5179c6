package export

import (
	"io"
	"runtime"
	"sync"

	"github.com/papergraph/papergraph/graph"
)

// parallelEdgeMin is the number of edges from which writers format edges
// on several goroutines; below it one goroutine is as fast.
const parallelEdgeMin = 1 << 16

// edgeBlock is how many edges one goroutine formats at a time.
const edgeBlock = 1 << 12

// writeEdges appends every edge of r to s with item, in order, and stops
// at the first write error; it returns the error of a stream's reading. A
// large graph's edges are formatted in blocks on GOMAXPROCS goroutines,
// each into a buffer of its own, and each goroutine writes its block
// itself once the block before it is written: the bytes go to the kernel
// from the core that formatted them while they are in its cache, and the
// other goroutines format while one writes. The output is the same bytes
// as one goroutine would make. A stream's edges are formatted as they are
// read. item must only write to the sink it is given and read its edge
// and index (e is reused: it must not keep it). ends are the ends item
// writes, nil when it writes the edges' own Source and Target: when ends
// has a table ([ends.indexed]), every edge comes with Source and Target
// empty, whether one goroutine formats them or several, and item takes
// them from ends.
func (s *sink) writeEdges(r rows, shared bool, ends *ends, item func(s *sink, i int, e *graph.Edge)) error {
	return writeEdgesWith(s, r, shared, ends, func(s *sink) *sink { return s }, item)
}

// writeEdgesWith is [sink.writeEdges] for a writer W that keeps state of
// its own around a sink (a CSV row's cells, a memo of floats): item is
// given wrap(s) for the sink it writes to, one for each goroutine.
func writeEdgesWith[W any](s *sink, r rows, shared bool, ends *ends, wrap func(*sink) W, item func(w W, i int, e *graph.Edge)) error {
	workers := runtime.GOMAXPROCS(0)
	if r.s != nil || r.numEdges() < parallelEdgeMin || workers < 2 {
		w := wrap(s)
		return r.eachEdge(shared, ends, func(i int, e *graph.Edge) bool {
			if s.failed() {
				return false
			}
			item(w, i, e)
			return true
		})
	}
	s.flush()
	if s.err != nil {
		return nil
	}
	g, n := r.g, r.numEdges()
	edges := edgeRange
	if ends.indexed() {
		edges = (*graph.Graph).EdgeRangeNoEnds
	}
	blocks := (n + edgeBlock - 1) / edgeBlock
	workers = min(workers, blocks) // each holds a block's buffer
	// A block's turn is closed once the block before it is written (or
	// skipped after an error); s.err is read and set only in turn.
	type job struct {
		k          int
		turn, done chan struct{}
	}
	jobs := make(chan job)
	stop := make(chan struct{}) // closed at the first write error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ws := &sink{b: make([]byte, 0, 256*edgeBlock)}
			w := wrap(ws)
			e := new(graph.Edge)
			for j := range jobs {
				ws.b = ws.b[:0]
				lo := j.k * edgeBlock
				for i, edge := range edges(g, lo, lo+edgeBlock, shared) {
					*e = edge
					item(w, i, e)
				}
				<-j.turn
				if s.err == nil {
					if s.writeOut(ws.b); s.err != nil {
						close(stop)
					}
				}
				close(j.done)
			}
		}()
	}
	turn := make(chan struct{})
	close(turn)
hand:
	for k := range blocks {
		done := make(chan struct{})
		select {
		case jobs <- job{k, turn, done}:
		case <-stop:
			break hand
		}
		turn = done
	}
	close(jobs)
	wg.Wait()
	return nil
}

// writeOut writes what s holds and then b, unless a write has failed.
func (s *sink) writeOut(b []byte) {
	s.flush()
	if s.err != nil || len(b) == 0 {
		return
	}
	n, err := s.w.Write(b)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	s.err = err
}

// relationTexts are the texts an edge writer writes before and after an
// edge's weight that depend on the edge's relation alone (its type, its
// direction, the relation column): made once per writer for the
// relations of the graph package, and on the fly, by the same function,
// for any other. Safe for concurrent use once made.
type relationTexts struct {
	known []relationText
	build func(rel graph.Relation) relationText
}

// relationText is a relation's text before the weight and after it; the
// text after holds the first cols edge columns (see [relationColumns]).
type relationText struct {
	rel           graph.Relation
	before, after string
	cols          int
}

func newRelationTexts(build func(rel graph.Relation) relationText) *relationTexts {
	t := &relationTexts{build: build}
	for _, rel := range []graph.Relation{graph.Shares, graph.Mentions, graph.Cites} {
		t.known = append(t.known, build(rel))
	}
	return t
}

// of returns rel's texts.
func (t *relationTexts) of(rel graph.Relation) *relationText {
	for i := range t.known {
		if t.known[i].rel == rel {
			return &t.known[i]
		}
	}
	x := t.build(rel)
	return &x
}

// relationColumns returns how many of the first columns hold what depends
// on an edge's relation alone: the relation column, first of
// [edgeColumns].
func relationColumns(cols []edgeColumn) int {
	n := 0
	for n < len(cols) && cols[n].name == relationColumn {
		n++
	}
	return n
}
