package tables_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/papergraph/papergraph/export/tables"
)

// FuzzRead: any CSV or JSON Lines table reads without a panic, and a row
// read has the required fields' columns.
func FuzzRead(f *testing.F) {
	f.Add("source,target,relation,weight,evidence,shared\na,b,shares,0.5,,\"[\"\"x\"\"]\"\n", true)
	f.Add(`{"source":"a","target":"b","relation":"cites","weight":1,"shared":["x"]}`+"\n", false)
	f.Add("id,kind,authors\np,paper,\"[1]\"\n", true)
	f.Fuzz(func(t *testing.T, text string, csv bool) {
		name := "t.jsonl"
		if csv {
			name = "t.csv"
		}
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := tables.ReadEdges(p); err == nil && csv && len(text) == 0 {
			t.Fatal("an empty CSV has no header and must fail")
		}
		nodes, _, err := tables.ReadNodes(p)
		if err == nil && csv {
			for _, n := range nodes {
				if n.Community != -1 {
					t.Fatalf("node %q: community %d before assembly", n.ID, n.Community)
				}
			}
		}
	})
}
