package tables

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/parquet-go/parquet-go"
)

// ErrFormat is returned for a table whose name ends in no known way, and
// ErrColumn for a table without a required column or with a value of the
// wrong type.
var (
	ErrFormat = errors.New("unknown table format")
	ErrColumn = errors.New("bad column")
)

// Node is a row of the nodes table.
type Node struct {
	ID         string   `parquet:"id" json:"id"`
	Kind       string   `parquet:"kind" json:"kind"`
	Label      string   `parquet:"label" json:"label"`
	Title      string   `parquet:"title" json:"title"`
	URL        string   `parquet:"url" json:"url"`
	ArXiv      string   `parquet:"arxiv" json:"arxiv"`
	DOI        string   `parquet:"doi" json:"doi"`
	Authors    []string `parquet:"authors,list" json:"authors"`
	Year       int32    `parquet:"year" json:"year"`
	Family     string   `parquet:"family" json:"family"`
	Introduces []string `parquet:"introduces,list" json:"introduces"`
	External   bool     `parquet:"external" json:"external"`
	Papers     int32    `parquet:"papers" json:"papers"`
	LeftOut    bool     `parquet:"left_out" json:"left_out"`
	// PromisesCode marks a batch paper whose abstract promises code it
	// does not link.
	PromisesCode bool `parquet:"promises_code" json:"promises_code"`
}

// Edge is a row of the edges table.
type Edge struct {
	Source   string   `parquet:"source" json:"source"`
	Target   string   `parquet:"target" json:"target"`
	Relation string   `parquet:"relation" json:"relation"`
	Weight   float64  `parquet:"weight" json:"weight"`
	Evidence string   `parquet:"evidence" json:"evidence"`
	Shared   []string `parquet:"shared,list" json:"shared"`
}

// GraphNode is the graph node of a row; lists empty in the table are nil.
func (n *Node) GraphNode() graph.Node {
	return graph.Node{
		ID: n.ID, Kind: papergraph.Kind(n.Kind), Label: n.Label, Title: n.Title, URL: n.URL,
		ArXiv: n.ArXiv, DOI: n.DOI, Authors: nonEmpty(n.Authors), Year: int(n.Year), Family: n.Family,
		Introduces: nonEmpty(n.Introduces), External: n.External, Papers: int(n.Papers), PromisesCode: n.PromisesCode, Community: -1,
	}
}

// GraphEdge is the graph edge of a row.
func (e *Edge) GraphEdge() graph.Edge {
	return graph.Edge{Source: e.Source, Target: e.Target, Relation: graph.Relation(e.Relation), Weight: e.Weight,
		Evidence: e.Evidence, Shared: nonEmpty(e.Shared)}
}

func nonEmpty(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}

// ReadNodes reads a nodes table and returns its nodes and the IDs of the
// nodes marked left_out.
func ReadNodes(path string) (nodes []graph.Node, leftOut []string, err error) {
	err = each(path, nodeFromCSV, func(n *Node) bool {
		nodes = append(nodes, n.GraphNode())
		if n.LeftOut {
			leftOut = append(leftOut, n.ID)
		}
		return true
	})
	return nodes, leftOut, err
}

// ReadEdges reads an edges table.
func ReadEdges(path string) (edges []graph.Edge, err error) {
	err = each(path, edgeFromCSV, func(e *Edge) bool {
		edges = append(edges, e.GraphEdge())
		return true
	})
	return edges, err
}

// NodeRows reads the nodes table at path, from its start each time it is
// called, one block of rows at a time: the rows of a [graph.Stream].
func NodeRows(path string) graph.NodeRows {
	return func(yield func(n *graph.Node, leftOut bool) bool) error {
		return each(path, nodeFromCSV, func(row *Node) bool {
			n := row.GraphNode()
			return yield(&n, row.LeftOut)
		})
	}
}

// EdgeRows reads the edges table at path as [NodeRows] reads nodes.
func EdgeRows(path string) graph.EdgeRows {
	return func(yield func(e *graph.Edge) bool) error {
		return each(path, edgeFromCSV, func(row *Edge) bool {
			e := row.GraphEdge()
			return yield(&e)
		})
	}
}

// each calls f with every row of the table at path, read in blocks, until
// f returns false.
func each[T any](path string, fromCSV func(map[string]int, []string) (T, error), f func(*T) bool) error {
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("tables: %w", err)
	}
	defer file.Close()
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".parquet":
		st, err := file.Stat()
		if err != nil {
			return fmt.Errorf("tables: %w", err)
		}
		pf, err := parquet.OpenFile(file, st.Size())
		if err != nil {
			return fmt.Errorf("tables: %s: %w", path, err)
		}
		r := parquet.NewGenericReader[T](pf)
		defer r.Close()
		buf := make([]T, 1024)
		for {
			n, err := r.Read(buf)
			for i := range buf[:n] {
				if !f(&buf[i]) {
					return nil
				}
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("tables: %s: %w", path, err)
			}
		}
	case ".jsonl", ".json", ".ndjson":
		sc := bufio.NewScanner(file)
		sc.Buffer(make([]byte, 1<<16), 1<<30)
		for line := 1; sc.Scan(); line++ {
			if len(strings.TrimSpace(sc.Text())) == 0 {
				continue
			}
			var row T
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				return fmt.Errorf("tables: %s:%d: %w: %w", path, line, ErrColumn, err)
			}
			if !f(&row) {
				return nil
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("tables: %s: %w", path, err)
		}
		return nil
	case ".csv":
		r := csv.NewReader(bufio.NewReader(file))
		r.ReuseRecord = true
		head, err := r.Read()
		if err != nil {
			return fmt.Errorf("tables: %s: header: %w", path, err)
		}
		cols := map[string]int{}
		for i, h := range head {
			cols[strings.TrimSpace(h)] = i
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("tables: %s: %w", path, err)
			}
			row, err := fromCSV(cols, rec)
			if err != nil {
				line, _ := r.FieldPos(0)
				return fmt.Errorf("tables: %s:%d: %w", path, line, err)
			}
			if !f(&row) {
				return nil
			}
		}
	default:
		return fmt.Errorf("tables: %s: %q (want .parquet, .jsonl or .csv): %w", path, ext, ErrFormat)
	}
}

// cells reads typed cells of a CSV record by column name; the first
// error is kept.
type cells struct {
	cols map[string]int
	rec  []string
	err  error
}

func (c *cells) str(name string) string {
	if i, ok := c.cols[name]; ok && i < len(c.rec) {
		return c.rec[i]
	}
	return ""
}

func (c *cells) need(name string) string {
	if _, ok := c.cols[name]; !ok && c.err == nil {
		c.err = fmt.Errorf("column %q missing: %w", name, ErrColumn)
	}
	return c.str(name)
}

func (c *cells) int(name string) int32 {
	s := c.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil && c.err == nil {
		c.err = fmt.Errorf("column %q: %w: %w", name, ErrColumn, err)
	}
	return int32(n)
}

func (c *cells) float(name string) float64 {
	s := c.str(name)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && c.err == nil {
		c.err = fmt.Errorf("column %q: %w: %w", name, ErrColumn, err)
	}
	return v
}

func (c *cells) bool(name string) bool {
	s := c.str(name)
	if s == "" {
		return false
	}
	v, err := strconv.ParseBool(s)
	if err != nil && c.err == nil {
		c.err = fmt.Errorf("column %q: %w: %w", name, ErrColumn, err)
	}
	return v
}

func (c *cells) list(name string) []string {
	s := c.str(name)
	if s == "" {
		return nil
	}
	var l []string
	if err := json.Unmarshal([]byte(s), &l); err != nil && c.err == nil {
		c.err = fmt.Errorf("column %q: a JSON array of strings: %w: %w", name, ErrColumn, err)
	}
	return l
}

func nodeFromCSV(cols map[string]int, rec []string) (Node, error) {
	c := &cells{cols: cols, rec: rec}
	n := Node{
		ID: c.need("id"), Kind: c.need("kind"), Label: c.str("label"), Title: c.str("title"), URL: c.str("url"),
		ArXiv: c.str("arxiv"), DOI: c.str("doi"), Authors: c.list("authors"), Year: c.int("year"), Family: c.str("family"),
		Introduces: c.list("introduces"), External: c.bool("external"), Papers: c.int("papers"), LeftOut: c.bool("left_out"),
		PromisesCode: c.bool("promises_code"),
	}
	return n, c.err
}

func edgeFromCSV(cols map[string]int, rec []string) (Edge, error) {
	c := &cells{cols: cols, rec: rec}
	e := Edge{
		Source: c.need("source"), Target: c.need("target"), Relation: c.need("relation"), Weight: c.float("weight"),
		Evidence: c.str("evidence"), Shared: c.list("shared"),
	}
	return e, c.err
}
