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
// each into a buffer of its own, and the buffers are written out in
// order; the output is the same bytes as one goroutine would make. A
// stream's edges are formatted as they are read. item must only write to
// the sink it is given and read its edge and index (e is reused: it must
// not keep it).
func (s *sink) writeEdges(r rows, shared bool, item func(s *sink, i int, e *graph.Edge)) error {
	workers := runtime.GOMAXPROCS(0)
	if r.s != nil || r.numEdges() < parallelEdgeMin || workers < 2 {
		return r.eachEdge(shared, func(i int, e *graph.Edge) bool {
			if s.failed() {
				return false
			}
			item(s, i, e)
			return true
		})
	}
	g, n := r.g, r.numEdges()
	blocks := (n + edgeBlock - 1) / edgeBlock
	// Block k is formatted into slot k%len(slots); tokens keep at most
	// len(slots) blocks in flight, so a slot is empty when its block is
	// handed out and no send below ever waits for the writer.
	slots := make([]chan []byte, 2*workers)
	for i := range slots {
		slots[i] = make(chan []byte, 1)
	}
	tokens := make(chan struct{}, len(slots))
	free := make(chan []byte, len(slots)+workers)
	jobs := make(chan int)
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // hand out blocks in order
		defer wg.Done()
		defer close(jobs)
		for k := 0; k < blocks; k++ {
			select {
			case tokens <- struct{}{}:
			case <-quit:
				return
			}
			select {
			case jobs <- k:
			case <-quit:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ws := &sink{}
			e := new(graph.Edge)
			for k := range jobs {
				select {
				case ws.b = <-free:
				default:
					ws.b = make([]byte, 0, 256*edgeBlock)
				}
				lo := k * edgeBlock
				for i, edge := range edgeRange(g, lo, lo+edgeBlock, shared) {
					*e = edge
					item(ws, i, e)
				}
				slots[k%len(slots)] <- ws.b
			}
		}()
	}
	for k := 0; k < blocks; k++ {
		b := <-slots[k%len(slots)]
		s.writeOut(b)
		select {
		case free <- b[:0]:
		default:
		}
		<-tokens
		if s.err != nil {
			break
		}
	}
	close(quit)
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
