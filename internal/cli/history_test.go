package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// historyStores are the stores the history commands are tested on: a
// SQLite file, and a PostgreSQL database of its own when
// SHOULDER_TEST_POSTGRES names a server (required in CI).
func historyStores(t *testing.T) map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "shoulder.db") },
		"postgres": pgTestDatabase,
	}
}

// pgTestDatabase creates a database for one test (dropped at its end) on
// the SHOULDER_TEST_POSTGRES server and returns its DSN.
func pgTestDatabase(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("SHOULDER_TEST_POSTGRES")
	if admin == "" {
		if os.Getenv("SHOULDER_REQUIRE_POSTGRES") == "1" {
			t.Fatal("SHOULDER_REQUIRE_POSTGRES=1 but SHOULDER_TEST_POSTGRES is not set (see .ci/pg.sh)")
		}
		t.Skip("no PostgreSQL: dir=$(mktemp -d); eval \"$(.ci/pg.sh start $dir)\" then rerun (and .ci/pg.sh stop $dir)")
	}
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDB(*cfg)
	var b [6]byte
	rand.Read(b[:])
	name := "shoulder_cli_" + hex.EncodeToString(b[:])
	if _, err := db.ExecContext(context.Background(), `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// TestHistoryCommands records two scans of the demo that differ (the
// second without the demo's policy: its waivers, severities and regions
// change results) and checks on both backends that report --scan rebuilds
// each one's JSON byte for byte, that diff --since answers as diff of the
// two files, and that history and findings agree with the scans.
func TestHistoryCommands(t *testing.T) {
	for name, dsnOf := range historyStores(t) {
		t.Run(name, func(t *testing.T) {
			dsn := dsnOf(t)
			dir := t.TempDir()
			empty := filepath.Join(dir, "empty.yaml")
			if err := os.WriteFile(empty, []byte("{}\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			first, second := filepath.Join(dir, "first.json"), filepath.Join(dir, "second.json")
			if code, _, errb := run(t, "scan", "--demo", "--config", empty, "--format", "json", "-o", first, "--store", dsn); code != ExitFindings {
				t.Fatalf("first scan: exit %d: %s", code, errb)
			}
			if code, _, errb := run(t, "scan", "--demo", "--format", "json", "-o", second, "--store", dsn); code != ExitFindings {
				t.Fatalf("second scan: exit %d: %s", code, errb)
			}

			// report --scan rebuilds each scan's JSON exactly.
			for _, tc := range []struct{ ref, file string }{{"1", first}, {"2", second}, {"last", second}} {
				out := filepath.Join(dir, "rebuilt-"+tc.ref+".json")
				if code, _, errb := run(t, "report", "--scan", tc.ref, "--format", "json", "-o", out, "--store", dsn); code != ExitOK {
					t.Fatalf("report --scan %s: exit %d: %s", tc.ref, code, errb)
				}
				want, _ := os.ReadFile(tc.file)
				got, _ := os.ReadFile(out)
				if !bytes.Equal(got, want) {
					t.Errorf("report --scan %s differs from the scan's own JSON (%d vs %d bytes)", tc.ref, len(got), len(want))
				}
			}
			// Other formats render the rebuilt report too.
			// Other formats render the rebuilt report too; the HTML draws the
			// failures of the scans up to this one from two scans on.
			code, html, errb := run(t, "report", "--scan", "1", "--format", "html", "--store", dsn)
			if code != ExitOK || !strings.Contains(html, "<html") || strings.Contains(html, "chart-trend") {
				t.Errorf("report --scan 1 --format html: exit %d (a trend of one scan drawn: %v): %s", code, strings.Contains(html, "chart-trend"), errb)
			}
			code, html, errb = run(t, "report", "--scan", "2", "--format", "html", "--store", dsn)
			if code != ExitOK || !strings.Contains(html, `class="chart chart-trend"`) || strings.Count(html, `<polyline class="line" data-key="critical"`) != 1 {
				t.Errorf("report --scan 2 --format html: exit %d, no trend line of critical failures: %s", code, errb)
			}

			// diff --since: the stored scan against one run now, as diff of
			// the two files (but for how the sides are named).
			fileCode, fileOut, errb := run(t, "diff", first, second, "--format", "json")
			if fileCode != ExitFindings {
				t.Fatalf("diff of the files: exit %d: %s", fileCode, errb)
			}
			sinceCode, sinceOut, errb := run(t, "diff", "--since", "1", "--demo", "--format", "json", "--store", dsn)
			if sinceCode != fileCode {
				t.Fatalf("diff --since 1: exit %d, the files' %d: %s", sinceCode, fileCode, errb)
			}
			if a, b := withoutSides(t, fileOut), withoutSides(t, sinceOut); a != b {
				t.Errorf("diff --since differs from the diff of the files:\n%s\n---\n%s", a, b)
			}
			if code, out, errb := run(t, "diff", "--since", "last", "--demo", "--store", dsn); code != ExitOK || !strings.Contains(out, "0 new failures") {
				t.Errorf("diff --since last of the same scan: exit %d: %s%s", code, out, errb)
			}

			// history: both scans, their failures as the scans counted them.
			code, out, errb := run(t, "history", "--format", "json", "--store", dsn)
			if code != ExitOK {
				t.Fatalf("history: exit %d: %s", code, errb)
			}
			var h struct {
				Scans  []struct{ ID int64 } `json:"scans"`
				Trends []struct {
					Failing    int            `json:"failing"`
					BySeverity map[string]int `json:"by_severity"`
					ByAccount  map[string]int `json:"by_account"`
				} `json:"trends"`
				Grown []struct {
					Account  string `json:"account"`
					From, To int
				} `json:"accounts_grown"`
			}
			if err := json.Unmarshal([]byte(out), &h); err != nil {
				t.Fatalf("history JSON: %v", err)
			}
			sums := []summaryOf{readSummary(t, first), readSummary(t, second)}
			if len(h.Scans) != 2 || h.Scans[0].ID != 2 || len(h.Trends) != 2 {
				t.Fatalf("history: %+v", h)
			}
			for i, p := range h.Trends {
				s := sums[i]
				if p.Failing != s.ByStatus["fail"] || p.ByAccount[s.Account] != s.ByStatus["fail"] {
					t.Errorf("trend %d: %d failing (%v), the scan says %d", i, p.Failing, p.ByAccount, s.ByStatus["fail"])
				}
				for sev, n := range s.FailBySeverity {
					if p.BySeverity[sev] != n {
						t.Errorf("trend %d: %d %s failures, the scan says %d", i, p.BySeverity[sev], sev, n)
					}
				}
			}
			grew := sums[1].ByStatus["fail"] > sums[0].ByStatus["fail"]
			if grew != (len(h.Grown) == 1) {
				t.Errorf("accounts grown %+v, failures %d -> %d", h.Grown, sums[0].ByStatus["fail"], sums[1].ByStatus["fail"])
			}
			if code, out, errb := run(t, "history", "--store", dsn); code != ExitOK || !strings.Contains(out, "MEAN TIME TO RESOLVE") {
				t.Errorf("history table: exit %d: %s%s", code, out, errb)
			}

			// findings: the failing ones now are the second scan's failures.
			code, out, errb = run(t, "findings", "--status", "fail", "--format", "json", "--store", dsn)
			if code != ExitOK {
				t.Fatalf("findings: exit %d: %s", code, errb)
			}
			var f struct {
				Total    int `json:"total"`
				Findings []struct {
					Status string `json:"status"`
				} `json:"findings"`
			}
			if err := json.Unmarshal([]byte(out), &f); err != nil {
				t.Fatal(err)
			}
			if f.Total != sums[1].ByStatus["fail"] {
				t.Errorf("findings --status fail: %d, the last scan has %d failures", f.Total, sums[1].ByStatus["fail"])
			}
			code, out, errb = run(t, "findings", "--severity", "critical", "--area", "identity", "--format", "csv", "--store", dsn)
			if code != ExitOK || !strings.HasPrefix(out, "check_id,account_id,region,resource,status,severity,") {
				t.Errorf("findings csv: exit %d: %.200s %s", code, out, errb)
			}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
				if !strings.Contains(line, ",critical,") {
					t.Errorf("findings --severity critical lists %q", line)
				}
			}
			if code, out, _ := run(t, "findings", "--since", "1d", "--before", "2000-01-01", "--store", dsn); code != ExitOK || !strings.Contains(out, "0 findings") {
				t.Errorf("an empty window: exit %d: %s", code, out)
			}
		})
	}
}

// summaryOf is what the history test reads of a scan's JSON.
type summaryOf struct {
	Account        string
	ByStatus       map[string]int
	FailBySeverity map[string]int
}

func readSummary(t *testing.T, path string) summaryOf {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		AccountID string `json:"account_id"`
		Summary   struct {
			ByStatus       map[string]int `json:"by_status"`
			FailBySeverity map[string]int `json:"fail_by_severity"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return summaryOf{Account: r.AccountID, ByStatus: r.Summary.ByStatus, FailBySeverity: r.Summary.FailBySeverity}
}

// withoutSides is a diff's JSON without the sides' names.
func withoutSides(t *testing.T, s string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("diff JSON: %v", err)
	}
	delete(m, "old")
	delete(m, "new")
	b, _ := json.MarshalIndent(m, "", " ")
	return string(b)
}

// TestHistoryBadInput: unknown scans, malformed references, durations and
// filters exit 2 with a message that names the flag.
func TestHistoryBadInput(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "shoulder.db")
	if code, _, errb := run(t, "scan", "--demo", "--store", dsn); code != ExitFindings {
		t.Fatalf("scan: exit %d: %s", code, errb)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown scan ID", []string{"report", "--scan", "99"}, "no such scan"},
		{"not a scan", []string{"report", "--scan", "yesterday"}, "is not a scan"},
		{"no --scan", []string{"report"}, "--scan or --run-id is required"},
		{"--scan and --run-id", []string{"report", "--scan", "1", "--run-id", "x"}, "one of them"},
		{"unknown run", []string{"report", "--run-id", "nope"}, "no such run"},
		{"report bad format", []string{"report", "--scan", "1", "--format", "pdf"}, "--format"},
		{"diff unknown scan", []string{"diff", "--since", "42", "--demo"}, "no such scan"},
		{"diff bad duration", []string{"diff", "--since", "3x", "--demo"}, "is not a scan"},
		{"diff negative age", []string{"diff", "--since", "-2d", "--demo"}, "--since"},
		{"diff nothing that old", []string{"diff", "--since", "400d", "--demo"}, "none recorded 400d or longer ago"},
		{"diff --since with files", []string{"diff", "--since", "last", "a.json", "b.json"}, "takes no files"},
		{"history bad --since", []string{"history", "--since", "soon"}, "--since"},
		{"history bad format", []string{"history", "--format", "xml"}, "--format"},
		{"findings bad status", []string{"findings", "--status", "broken"}, "--status"},
		{"findings bad severity", []string{"findings", "--severity", "urgent"}, "--severity"},
		{"findings bad area", []string{"findings", "--area", "nowhere"}, "--area"},
		{"findings unknown check", []string{"findings", "--check", "no_such_check"}, "--check"},
		{"findings bad since", []string{"findings", "--since", "last week"}, "--since"},
		{"findings bad before", []string{"findings", "--before", "2026-13-45"}, "--before"},
		{"findings bad format", []string{"findings", "--format", "sarif"}, "--format"},
		{"findings bad control", []string{"findings", "--control", "fsbp:S3.999"}, "--control"},
		{"findings control without framework", []string{"findings", "--control", "S3.1"}, "FRAMEWORK:CONTROL"},
		{"findings ambiguous framework", []string{"findings", "--control", "cis:1.4"}, "several versions"},
		{"findings bad service", []string{"findings", "--service", "nosuch"}, "--service"},
		{"findings bad sort", []string{"findings", "--sort", "random"}, "--sort"},
		{"findings bad limit", []string{"findings", "--limit", "-1"}, "--limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errb := run(t, append(tc.args, "--store", dsn)...)
			if code != ExitError || !strings.Contains(errb, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errb, tc.want)
			}
		})
	}
	// An empty store has no last scan.
	empty := filepath.Join(t.TempDir(), "empty.db")
	if code, _, errb := run(t, "report", "--scan", "last", "--store", empty); code != ExitError || !strings.Contains(errb, "no such scan") {
		t.Errorf("report --scan last of an empty store: exit %d: %s", code, errb)
	}
}
