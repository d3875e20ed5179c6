package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Spark SQL and BigQuery projections (docs/sql/spark/graph.sql and
// docs/sql/bigquery/graph.sql) are graph.sql respelled. Neither engine
// runs here, so they are checked, not run: sqlglot (Debian's
// python3-sqlglot, for /usr/bin/python3) must parse every statement in
// its dialect, the files must hold the DuckDB file's statements in its
// order, and none of the DuckDB spellings docs/sql/README.md replaces may
// be left. Without sqlglot the test skips, except under CI=true, where
// that is a failure.

const sqlglotPython = "/usr/bin/python3"

// sqlglotParse reads a JSON list of statements on stdin and writes, for
// each, the type of what sqlglot parsed ("Command" when it did not
// understand the statement and kept it as text) or its parse error.
const sqlglotParse = `
import json, sys
import sqlglot
out = []
for s in json.load(sys.stdin):
    try:
        out.append({"type": type(sqlglot.parse_one(s, read=sys.argv[1])).__name__})
    except Exception as e:
        out.append({"error": str(e)})
json.dump(out, sys.stdout)
`

var sqlglotCheck = sync.OnceValue(func() error {
	out, err := exec.Command(sqlglotPython, "-c", "import sqlglot").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w\n%s", err, out)
	}
	return nil
})

// needSQLGlot skips the test when sqlglot does not import (failing under
// CI=true).
func needSQLGlot(t *testing.T) {
	t.Helper()
	if err := sqlglotCheck(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: import sqlglot is required under CI=true: %v", sqlglotPython, err)
		}
		t.Skipf("%s: import sqlglot failed: %v", sqlglotPython, err)
	}
}

// sqlglotTypes parses statements in a dialect and returns, for each, the
// type sqlglot made of it or an error.
func sqlglotTypes(t *testing.T, dialect string, stmts []string) []struct{ Type, Error string } {
	t.Helper()
	in, err := json.Marshal(stmts)
	require.NoError(t, err)
	cmd := exec.Command(sqlglotPython, "-c", sqlglotParse, dialect)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "sqlglot: %s", stderr.String())
	var res []struct{ Type, Error string }
	require.NoError(t, json.Unmarshal(out, &res))
	require.Len(t, res, len(stmts))
	return res
}

// sqlStatement is one statement of a SQL file: its text without
// comments and the line it starts on.
type sqlStatement struct {
	text string
	line int
}

// sqlStatements splits a SQL file at the semicolons that end a line,
// leaving out lines that are comments.
func sqlStatements(src string) []sqlStatement {
	var stmts []sqlStatement
	var cur []string
	start := 0
	for i, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "--") {
			continue
		}
		if len(cur) == 0 {
			if strings.TrimSpace(l) == "" {
				continue
			}
			start = i + 1
		}
		cur = append(cur, l)
		if strings.HasSuffix(strings.TrimSpace(l), ";") {
			s := strings.TrimSpace(strings.Join(cur, "\n"))
			stmts = append(stmts, sqlStatement{strings.TrimSuffix(s, ";"), start})
			cur = nil
		}
	}
	if len(cur) > 0 {
		stmts = append(stmts, sqlStatement{strings.TrimSpace(strings.Join(cur, "\n")), start})
	}
	return stmts
}

// What each statement does, by name. Macros, functions and option
// defaults have none: Spark SQL writes the macros out and takes its
// options from the command line.
var (
	stmtMacroRE   = regexp.MustCompile(`(?is)^CREATE (?:OR REPLACE )?(?:TEMP |TEMPORARY )?(?:MACRO|FUNCTION) `)
	stmtOptionRE  = regexp.MustCompile(`(?is)^(?:SET VARIABLE (\w+) = coalesce\(getvariable\('(\w+)'\)|DECLARE )`)
	stmtCreateRE  = regexp.MustCompile(`(?is)^(?:CREATE (?:OR REPLACE )?(?:TEMP |TEMPORARY )?(?:TABLE|VIEW)|INSERT INTO|CACHE TABLE) (?:\w+\.)?(\w+)`)
	stmtDropRE    = regexp.MustCompile(`(?is)^(?:DROP (?:TABLE|VIEW)|UNCACHE TABLE) (?:IF EXISTS )?(\w+)`)
	stmtSetRE     = regexp.MustCompile(`(?is)^SET (?:VARIABLE )?(\w+)\s*=\s*(.*)$`)
	stmtCopyRE    = regexp.MustCompile(`(?is)^COPY .* TO \(getvariable\('out'\) \|\| '/(\w+)\.parquet'\)`)
	stmtCheckRE   = regexp.MustCompile(`(?is)^SELECT `)
	stmtDeclareRE = regexp.MustCompile(`(?is)^DECLARE \w+ \w+(?: DEFAULT (.*))?$`)
)

// sqlStepName names what a statement writes ("t" for a table or view t,
// "drop t", "check" for a query run for its error), "" for a macro or
// an option, or an error.
func sqlStepName(s string) (string, error) {
	if stmtMacroRE.MatchString(s) {
		return "", nil
	}
	if m := stmtOptionRE.FindStringSubmatch(s); m != nil {
		if m[1] != m[2] {
			return "", fmt.Errorf("option %s defaults from %s", m[1], m[2])
		}
		return "", nil
	}
	for _, re := range []*regexp.Regexp{stmtCreateRE, stmtSetRE, stmtCopyRE} {
		if m := re.FindStringSubmatch(s); m != nil {
			return m[1], nil
		}
	}
	if m := stmtDropRE.FindStringSubmatch(s); m != nil {
		return "drop " + m[1], nil
	}
	if stmtCheckRE.MatchString(s) {
		return "check", nil
	}
	return "", fmt.Errorf("statement of unknown kind")
}

// sqlSteps returns the names of a file's statements, a table written by
// consecutive statements once (the DuckDB file's merge rounds and its
// shared table, filled a quarter at a time, are one step).
func sqlSteps(t *testing.T, file string, stmts []sqlStatement) []string {
	t.Helper()
	var steps []string
	for _, s := range stmts {
		name, err := sqlStepName(s.text)
		if err != nil {
			t.Errorf("%s:%d: %v: %.60s", file, s.line, err, s.text)
			continue
		}
		if name != "" && (len(steps) == 0 || steps[len(steps)-1] != name) {
			steps = append(steps, name)
		}
	}
	return steps
}

// sqlDialect is a respelling of graph.sql and how it is checked.
type sqlDialect struct {
	file    string
	dialect string // sqlglot's
	// vars substitutes the file's variables (${name} in Spark SQL);
	// nil for a dialect without.
	vars map[string]string
	// duckdbOnly finds DuckDB spellings that docs/sql/README.md respells.
	duckdbOnly *regexp.Regexp
}

// duckdbSpellings are the DuckDB spellings every other dialect respells
// (docs/sql/README.md).
const duckdbSpellings = `getvariable\(|read_parquet\(|SET VARIABLE|\bMACRO\b|GROUP BY ALL|\bEXCLUDE\b|\barg_m(?:in|ax)\(|\blist\(|\blist_\w+\(|\bstrlen\(|\bregexp_matches\(|::|\brange\(|\blen\(`

var sqlDialects = []sqlDialect{{
	file:    filepath.Join("..", "..", "docs", "sql", "spark", "graph.sql"),
	dialect: "spark",
	vars: map[string]string{
		"tables": "/data/tables", "out": "/data/graph", "top_k": "10", "max_df": "0", "pair_budget": "67108864",
		"exact": "false", "min_cocite": "2", "max_shared": "8", "split": "false",
	},
	duckdbOnly: regexp.MustCompile(`(?i)` + duckdbSpellings + `|\bQUALIFY\b|\bstring_agg\(|(?:^|[^_])\berror\(|(?:^|[^T]\s)(?:SEMI|ANTI) JOIN|\bfirst\(|\blast\(`),
}, {
	file:       filepath.Join("..", "..", "docs", "sql", "bigquery", "graph.sql"),
	dialect:    "bigquery",
	duckdbOnly: regexp.MustCompile(`(?i)` + duckdbSpellings + `|(?:SEMI|ANTI) JOIN|\bfirst\(|\blast\(|\bsplit_part\(|\bbool_(?:and|or)\(|\bFILTER \(`),
}}

var sparkVarRE = regexp.MustCompile(`\$\{(\w+)\}`)

// TestSQLDialects checks the Spark SQL and BigQuery projections against
// graph.sql: parsed by sqlglot in their dialect, the same steps in the
// same order, no DuckDB spelling left. They are not run: no engine here.
func TestSQLDialects(t *testing.T) {
	needSQLGlot(t)
	src, err := os.ReadFile(graphSQL)
	require.NoError(t, err)
	want := sqlSteps(t, graphSQL, sqlStatements(string(src)))
	require.Contains(t, want, "shared")
	for _, d := range sqlDialects {
		t.Run(d.dialect, func(t *testing.T) {
			b, err := os.ReadFile(d.file)
			require.NoError(t, err)
			src := string(b)
			if d.vars != nil {
				src = sparkVarRE.ReplaceAllStringFunc(src, func(v string) string {
					name := v[2 : len(v)-1]
					val, ok := d.vars[name]
					if !ok {
						t.Errorf("%s: unknown variable %s", d.file, v)
					}
					return val
				})
			}
			stmts := sqlStatements(src)
			assert.Equal(t, want, sqlSteps(t, d.file, stmts), "%s: the steps of %s", d.file, graphSQL)
			checkDialect(t, d, stmts)
		})
	}
}

// checkDialect has sqlglot parse each statement and looks for DuckDB
// spellings. sqlglot keeps SET and DECLARE as text, so their expressions
// are parsed as a SELECT's.
func checkDialect(t *testing.T, d sqlDialect, stmts []sqlStatement) {
	t.Helper()
	var texts []string
	var from []sqlStatement
	for _, s := range stmts {
		if loc := d.duckdbOnly.FindStringIndex(s.text); loc != nil {
			t.Errorf("%s:%d: DuckDB spelling %q", d.file, s.line, s.text[loc[0]:loc[1]])
		}
		text := s.text
		if m := stmtDeclareRE.FindStringSubmatch(text); m != nil {
			if m[1] == "" {
				continue
			}
			text = "SELECT " + m[1]
		} else if m := stmtSetRE.FindStringSubmatch(text); m != nil {
			text = "SELECT " + m[2]
		}
		texts = append(texts, text)
		from = append(from, s)
	}
	for i, r := range sqlglotTypes(t, d.dialect, texts) {
		switch {
		case r.Error != "":
			t.Errorf("%s:%d: sqlglot (%s): %s", d.file, from[i].line, d.dialect, r.Error)
		case r.Type == "Command":
			t.Errorf("%s:%d: sqlglot (%s) keeps the statement as text, unparsed: %.60s", d.file, from[i].line, d.dialect, from[i].text)
		}
	}
}
