package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/report"
)

// injectionPayload is what someone who can only name and tag resources in
// a scanned account could put there to drive a reader's terminal or the
// structure of a document: clear screen, an OSC 8 hyperlink, an OSC 52
// clipboard write, a carriage-return overwrite, backspaces, a bidi
// override, a one-byte C1 CSI, a forged result line, a Markdown table
// cell, an image and a script.
const injectionPayload = "\x1b[2J" +
	"\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\" +
	"\x1b]52;c;ZXZpbA==\x07" +
	"ok\rFAIL" +
	"abc\b\b\b" +
	"\u202egnp.exe" +
	"\u009b2J" +
	"\n✔ PASS forged-line" +
	"| x |" +
	"![img](http://x.example/i.png)" +
	"<script>alert(1)</script>"

// injectedSnapshot is the demo account with the payload appended to every
// name and ARN, added to every tag set (key and value) and to the Sid of
// every policy document. Appending the same suffix everywhere keeps the
// references between resources intact enough for the checks to report
// the names back.
func injectedSnapshot(t *testing.T) (snapshot, policyFile string) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(demo.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				switch s, isStr := e.(string); {
				case k == "regions":
					// Region names are shoulder's own list, not the account's.
				case isStr && (k == "name" || k == "arn" || k == "description"):
					x[k] = s + "-" + injectionPayload
				case isStr && strings.Contains(k, "policy") && strings.Contains(s, `"Statement"`):
					x[k] = injectIntoPolicy(t, s)
				case k == "tags" && e != nil:
					if m, ok := e.(map[string]any); ok {
						m["owner"+injectionPayload] = injectionPayload
						for tk, tv := range m {
							if tvs, ok := tv.(string); ok && tk != "owner"+injectionPayload {
								m[tk] = tvs + injectionPayload
							}
						}
					}
				default:
					x[k] = walk(e)
				}
			}
			return x
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		}
		return v
	}
	doc = walk(doc)
	m := doc.(map[string]any)["account"].(map[string]any)
	m["name"] = "Evil" + injectionPayload
	m["alias"] = "evil" + injectionPayload
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	snapshot, policyFile = filepath.Join(dir, "evil.json"), filepath.Join(dir, "shoulder.yaml")
	if err := os.WriteFile(snapshot, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(policyFile, demo.Policy(), 0o600); err != nil {
		t.Fatal(err)
	}
	return snapshot, policyFile
}

// injectIntoPolicy adds the payload as the Sid of every statement and to
// every AWS principal ARN of a policy document.
func injectIntoPolicy(t *testing.T, policy string) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(policy), &doc); err != nil {
		return policy
	}
	sts, _ := doc["Statement"].([]any)
	for _, st := range sts {
		if m, ok := st.(map[string]any); ok {
			m["Sid"] = "sid" + injectionPayload
		}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// terminalActive are the byte sequences that act when they reach a
// terminal; none may come out of a table (with --color never, which also
// leaves no escape sequence of shoulder's own).
var terminalActive = []string{"\x1b", "\r", "\b", "\x07", "\u202e", "\u009b", "\x9b"}

func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for _, bad := range terminalActive {
		if strings.Contains(out, bad) {
			i := strings.Index(out, bad)
			t.Errorf("%s: raw %q reaches the terminal near %q", what, bad, out[max(0, i-40):min(len(out), i+40)])
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "✔ PASS") {
			t.Errorf("%s: a forged result line: %q", what, line)
		}
	}
	if !strings.Contains(out, `\x1b[2J`) && !strings.Contains(out, `\\x1b\[2J`) {
		t.Errorf("%s: the payload is not shown escaped; the test's payload never reached this output", what)
	}
}

func assertMarkdownSafe(t *testing.T, what, out string) {
	t.Helper()
	assertTerminalSafe(t, what, out)
	for _, bad := range []string{"<script>", "![img](", "[img]", "| x |"} {
		if strings.Contains(out, bad) {
			t.Errorf("%s: raw %q in Markdown", what, bad)
		}
	}
}

// TestInjectionCorpus feeds the injected account through every format of
// scan, the matrix and data map tables and the diff (table, markdown,
// JSON), and asserts the payload never appears where it would act.
func TestInjectionCorpus(t *testing.T) {
	snap, pol := injectedSnapshot(t)
	dir := t.TempDir()
	code, stdout, stderr := run(t, "scan", "--snapshot", snap, "--config", pol, "--color", "never", "--all",
		"--format", strings.Join(report.FormatNames(), ","), "-o", dir)
	if code != ExitFindings {
		t.Fatalf("scan exit %d: %s", code, stderr)
	}
	assertTerminalSafe(t, "scan table", stdout)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, f := range report.Formats() {
		if f.Stdout {
			continue
		}
		b := read(f.FileName)
		t.Run(f.Name, func(t *testing.T) {
			switch f.Name {
			case "markdown":
				assertMarkdownSafe(t, "markdown", string(b))
			case "json", "sarif", "asff", "ocsf":
				// JSON escapes every C0 control character; the payload's
				// text stays data inside a string.
				if !json.Valid(b) {
					t.Fatalf("%s is not valid JSON", f.Name)
				}
				for _, bad := range []string{"\x1b", "\r", "\b", "\x07"} {
					if bytes.Contains(b, []byte(bad)) {
						t.Errorf("%s: raw %q", f.Name, bad)
					}
				}
				if !bytes.Contains(b, []byte(`\u001b[2J`)) {
					t.Errorf("%s: the payload never reached this output", f.Name)
				}
			case "html":
				// The page's own script elements and no more; the payload's
				// tag is text (control characters are inert in a browser).
				page, err := os.ReadFile(filepath.Join("testdata", "golden", "demo.html"))
				if err != nil {
					t.Fatal(err)
				}
				for _, tag := range []string{"<script", "</script", "<img", "<a "} {
					if got, want := bytes.Count(b, []byte(tag)), bytes.Count(page, []byte(tag)); got != want {
						t.Errorf("html: %d %s, the demo page has %d", got, tag, want)
					}
				}
				if bytes.Contains(b, []byte("<script>alert(1)")) {
					t.Error("html: the payload's script is raw in the page")
				}
			case "junit":
				// XML: control characters are not allowed and are replaced,
				// markup is escaped; the document parses.
				dec := xml.NewDecoder(bytes.NewReader(b))
				for {
					_, err := dec.Token()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						t.Fatalf("junit does not parse: %v", err)
					}
				}
				for _, bad := range []string{"\x1b", "\b", "\x07", "<script>"} {
					if bytes.Contains(b, []byte(bad)) {
						t.Errorf("junit: raw %q", bad)
					}
				}
			case "csv":
				// CSV quotes a field with a newline, so the payload cannot
				// add a row; a formula is defused. Control characters stay:
				// the cell is data for a spreadsheet.
				recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
				if err != nil {
					t.Fatalf("csv does not parse: %v", err)
				}
				var js struct {
					Results []json.RawMessage `json:"results"`
				}
				if err := json.Unmarshal(read("report.json"), &js); err != nil {
					t.Fatal(err)
				}
				if len(recs) != len(js.Results)+1 {
					t.Errorf("csv has %d rows, want %d results + header: the payload forged rows", len(recs), len(js.Results))
				}
				found := false
				for _, r := range recs[1:] {
					found = found || strings.Contains(strings.Join(r, ""), "\x1b[2J\x1b]8;;http://evil.example/")
				}
				if !found {
					t.Error("csv: the payload never reached this output")
				}
			default:
				t.Fatalf("format %s has no injection assertion: add one", f.Name)
			}
		})
	}

	for _, args := range [][]string{
		{"scan", "--snapshot", snap, "--config", pol, "--color", "never", "--all", "--framework", "cis-5.0"},
		{"matrix", "--snapshot", snap, "--config", pol, "--color", "never"},
		{"datamap", "--snapshot", snap, "--config", pol, "--color", "never"},
	} {
		code, out, stderr := run(t, args...)
		if code != ExitOK && code != ExitFindings {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		what := strings.Join(args[:1], " ")
		if args[0] == "scan" {
			what = "framework table"
			// The framework table prints no resource names, only reasons.
			for _, bad := range terminalActive {
				if strings.Contains(out, bad) {
					t.Errorf("%s: raw %q", what, bad)
				}
			}
			continue
		}
		assertTerminalSafe(t, what+" table", out)
	}

	// diff: the demo's clean results against the injected ones.
	oldJSON := filepath.Join(t.TempDir(), "old.json")
	if code, _, stderr := run(t, "scan", "--demo", "--format", "json", "-o", oldJSON); code != ExitFindings {
		t.Fatalf("demo scan: exit %d: %s", code, stderr)
	}
	newJSON := filepath.Join(dir, "report.json")
	for _, format := range []string{"table", "markdown", "json"} {
		code, out, stderr := run(t, "diff", oldJSON, newJSON, "--format", format)
		if code != ExitOK && code != ExitFindings {
			t.Fatalf("diff --format %s: exit %d: %s", format, code, stderr)
		}
		switch format {
		case "table":
			assertTerminalSafe(t, "diff table", out)
		case "markdown":
			assertMarkdownSafe(t, "diff markdown", out)
		case "json":
			if !json.Valid([]byte(out)) || strings.Contains(out, "\x1b") {
				t.Error("diff json: invalid or raw ESC")
			}
		}
	}
}

// TestErrorTextIsShownNotActed: an error that quotes the account's text
// (here a file name carrying the payload) reaches stderr escaped. Newlines
// stay: error messages of several lines (a policy file's problems) keep
// their lines, and stderr carries no result lines to forge.
func TestErrorTextIsShownNotActed(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "evil"+strings.ReplaceAll(injectionPayload, "/", "_")+".json")
	code, _, stderr := run(t, "scan", "--snapshot", missing)
	if code != ExitError {
		t.Fatalf("exit %d", code)
	}
	for _, bad := range terminalActive {
		if strings.Contains(stderr, bad) {
			t.Errorf("raw %q on stderr: %q", bad, stderr)
		}
	}
	if !strings.Contains(stderr, `\x1b[2J`) {
		t.Errorf("stderr %q: want the payload escaped", stderr)
	}
}
