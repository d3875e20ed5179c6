package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileTitle packs what breaks naive writers into one title: DOT quotes
// and statement syntax, XML/HTML markup and CDATA ends, entities, control
// characters XML 1.0 forbids, invalid UTF-8, emoji and right-to-left text.
const hostileTitle = "Evil \"quoted\" \\ title\"]; evil [label=x] -> <script>alert(1)</script> ]]> &amp; & \x01\x0b\x1f bad\xff\xfe utf8 🦜 עברית العربية"

// hostileAbstract names a real repository next to links that must never
// become clickable (javascript:, data:) or break attributes.
const hostileAbstract = "We study <b>markup</b> & \"quotes\" in abstracts, javascript:alert(1) links and " +
	"data:text/html,<script>x</script> payloads. The attack set is on ImageNet and MS COCO, " +
	"and code is at https://github.com/owner/repo\"onmouseover=\"alert(1) and github.com/evil/<script>."

// outputsAreSafe checks every file of a build: it parses with an
// independent reader and carries no live markup.
func outputsAreSafe(t *testing.T, dir string) {
	t.Helper()
	files := readDir(t, dir)
	require.NotEmpty(t, files)
	for name, b := range files {
		assert.True(t, utf8.Valid(b) || strings.HasSuffix(name, ".png"), "%s is valid UTF-8", name)
		switch filepath.Ext(name) {
		case ".svg", ".graphml", ".gexf":
			d := xml.NewDecoder(bytes.NewReader(b))
			for {
				tok, err := d.Token()
				if err == io.EOF {
					break
				}
				require.NoError(t, err, "%s parses as XML", name)
				if se, ok := tok.(xml.StartElement); ok {
					assert.NotEqual(t, "script", strings.ToLower(se.Name.Local), "%s: no script element", name)
					for _, a := range se.Attr {
						if strings.HasSuffix(a.Name.Local, "href") {
							assert.Regexp(t, `^(https?://|#)`, a.Value, "%s: only http(s) links", name)
						}
						assert.False(t, strings.HasPrefix(strings.ToLower(a.Name.Local), "on"), "%s: no event handler attribute %s", name, a.Name.Local)
					}
				}
			}
		case ".json", ".cyjs":
			assert.True(t, json.Valid(b), "%s is valid JSON", name)
		case ".csv":
			_, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			assert.NoError(t, err, "%s parses as CSV", name)
		case ".dot":
			if dot, err := exec.LookPath("dot"); err == nil {
				cmd := exec.Command(dot, "-Tcanon")
				cmd.Stdin = bytes.NewReader(b)
				out, err := cmd.CombinedOutput()
				assert.NoError(t, err, "dot parses %s: %s", name, out)
			}
		}
	}
}

// TestHostileInputs runs the whole pipeline on inputs that are broken or
// crafted to attack the outputs. Each case documents what it attacks and
// what papergraph must do.
func TestHostileInputs(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	io.WriteString(zw, `{"id":"2401.00001","title":"Gzipped \"paper\"","abstract":"Code at github.com/a/b on ImageNet."}`+"\n")
	zw.Close()
	hostileJSON, _ := json.Marshal(map[string]string{"id": "2401.00002", "title": hostileTitle, "abstract": hostileAbstract})

	for _, tc := range []struct {
		name    string
		input   []byte
		args    []string
		code    int
		stderr  string // substring expected on stderr
		outputs bool   // a successful build whose outputs are checked
	}{
		{name: "markup and control characters in title and abstract (JSON Lines)",
			input: append(hostileJSON, '\n'), code: 0, outputs: true},
		{name: "markup in the trending-page text, CRLF and BOM",
			input: []byte("\ufeffTrending\r\n\r\n" + strings.ReplaceAll(hostileTitle, "\xff\xfe", "") + "\r\n\r\n" + strings.Repeat(hostileAbstract+" ", 3) + "\r\n"),
			code:  0, outputs: true},
		{name: "a megabyte of one character as the abstract is handled in bounded time",
			input: []byte(`{"id":"2401.00003","title":"Long","abstract":"` + strings.Repeat("a", 1<<20) + `"}` + "\n"), code: 0, outputs: true},
		{name: "a record over -max-record is skipped and counted",
			input: []byte(`{"id":"2401.00004","title":"Big","abstract":"` + strings.Repeat("b ", 4096) + `"}` + "\n" + `{"id":"2401.00005","title":"Small","abstract":"Fine on ImageNet."}` + "\n"),
			args:  []string{"-max-record", "2048"}, code: 0, stderr: "1 skipped", outputs: true},
		{name: "a truncated last JSON line is skipped with its line number",
			input: []byte(`{"id":"2401.00006","title":"Whole","abstract":"On ImageNet."}` + "\n" + `{"id":"2401.00007","title":"Cut`),
			code:  0, stderr: "1 skipped", outputs: true},
		{name: "a skipped record is named on stderr with its position",
			input: []byte(`{"id":"2401.00006","title":"Whole","abstract":"On ImageNet."}` + "\n" + `{"id":"2401.00007","title":"Cut`),
			code:  0, stderr: "/input:2: hf-json: json: unexpected end of JSON input", outputs: true},
		{name: "invalid UTF-8 (Latin-1 bytes) is read as U+FFFD and counted, with the first line",
			input: []byte(`{"id":"2401.00008","title":"Fine","abstract":"On ImageNet."}` + "\n" + "{\"id\":\"2401.00009\",\"title\":\"Universit\xe4t M\xfcnchen\",\"abstract\":\"On ImageNet and \xff\xfe MS COCO.\"}" + "\n"),
			code:  0, stderr: "3 invalid UTF-8 repaired", outputs: true},
		{name: "the inputs with invalid UTF-8 are named",
			input: []byte(`{"id":"2401.00008","title":"Fine","abstract":"On ImageNet."}` + "\n" + "{\"id\":\"2401.00009\",\"title\":\"Universit\xe4t\",\"abstract\":\"x\"}" + "\n"),
			code:  0, stderr: "input: 1 run(s) of bytes that are not UTF-8 read as U+FFFD (first on line 2)", outputs: true},
		{name: "with -strict a malformed record fails the run with its position",
			input: []byte(`{"id":"2401.00006","title":"Whole","abstract":"On ImageNet."}` + "\n" + `{"id":"2401.00007","title":"Cut`),
			args:  []string{"-strict"}, code: 1, stderr: "input:2"},
		{name: "deeply nested JSON is rejected, not a stack overflow",
			input: []byte(strings.Repeat("[", 200000) + strings.Repeat("]", 200000)), code: 1, stderr: "input"},
		{name: "billion laughs XML is refused",
			input: []byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol2;</title></entry></feed>`),
			code:  1, stderr: "input"},
		{name: "binary input names the formats we read", input: []byte("\x00\x01\x02\x03\xff\xfe binary"), code: 1, stderr: "bibtex"},
		{name: "empty input", input: nil, code: 1, stderr: "input"},
		{name: "gzip-compressed input is read transparently", input: gz.Bytes(), code: 0, outputs: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "input")
			require.NoError(t, os.WriteFile(in, tc.input, 0o644))
			out := filepath.Join(dir, "out")
			args := append([]string{"build", "-o", out, "-formats", "dot,svg,graphml,gexf,json,cyjs,graphology,csv"}, tc.args...)
			code, stdout, stderr := runCmd(t, "", append(args, in)...)
			assert.Equal(t, tc.code, code, "stderr: %s", stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.stderr)
			if tc.code != 0 {
				_, err := os.Stat(out)
				assert.True(t, os.IsNotExist(err), "a failed run writes nothing")
				return
			}
			if tc.outputs {
				outputsAreSafe(t, out)
			}
		})
	}
}

// TestHostileTitleSurvives checks that a hostile title reaches GraphML
// intact apart from the characters XML cannot hold.
func TestHostileTitleSurvives(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	b, _ := json.Marshal(map[string]string{"id": "2401.00002", "title": hostileTitle, "abstract": hostileAbstract})
	require.NoError(t, os.WriteFile(in, append(b, '\n'), 0o644))
	code, _, stderr := runCmd(t, "", "build", "-quiet", "-o", dir+"/out", "-formats", "graphml", in)
	require.Equal(t, 0, code, stderr)
	raw, err := os.ReadFile(dir + "/out/graph.graphml")
	require.NoError(t, err)
	// Pull every <data> value out with a real XML parser.
	var doc struct {
		Nodes []struct {
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>node"`
	}
	require.NoError(t, xml.Unmarshal(raw, &doc))
	var values []string
	for _, n := range doc.Nodes {
		for _, d := range n.Data {
			values = append(values, d.Value)
		}
	}
	joined := strings.Join(values, "\n")
	for _, part := range []string{`Evil "quoted" \ title"]; evil [label=x]`, "<script>alert(1)</script> ]]>", "🦜 עברית العربية"} {
		assert.Contains(t, joined, part)
	}
	assert.NotContains(t, joined, "\x01")
	assert.NotContains(t, joined, "\x0b")
}
