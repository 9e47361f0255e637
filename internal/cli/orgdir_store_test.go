package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/store"
)

// TestScanOrgDirRecorded: scan --demo-org records one scan per account
// under one run ID, finished once the combined report is written, on
// both backends: history lists the run, findings sees every account,
// report --run-id rebuilds the scan's own results, and diff --since
// run:ID against the same organization finds no change.
func TestScanOrgDirRecorded(t *testing.T) {
	for name, dsnOf := range historyStores(t) {
		t.Run(name, func(t *testing.T) {
			dsn := dsnOf(t)
			own := filepath.Join(t.TempDir(), "org.json")
			code, _, errb := run(t, "scan", "--demo-org", "--format", "json", "-o", own, "--store", dsn)
			if code != ExitFindings {
				t.Fatalf("scan --demo-org: exit %d: %s", code, errb)
			}
			code, out, errb := run(t, "history", "--format", "json", "--store", dsn)
			if code != ExitOK {
				t.Fatalf("history: exit %d: %s", code, errb)
			}
			var h struct {
				Scans []struct {
					Accounts string `json:"accounts"`
				} `json:"scans"`
				Runs []store.RunState `json:"runs"`
			}
			if err := json.Unmarshal([]byte(out), &h); err != nil {
				t.Fatal(err)
			}
			if len(h.Runs) != 1 || !h.Runs[0].Complete() || len(h.Runs[0].Scans) != 4 || len(h.Scans) != 4 {
				t.Fatalf("history: %d scans, runs %+v; want 4 scans in one finished run", len(h.Scans), h.Runs)
			}
			runID := h.Runs[0].ID

			// The scan's own JSON, the run rebuilt and the findings agree.
			var mine, rebuilt struct {
				Results []struct {
					AccountID string `json:"account_id"`
					CheckID   string `json:"check_id"`
					Region    string `json:"region"`
					Resource  string `json:"resource"`
					Status    string `json:"status"`
				} `json:"results"`
			}
			b, err := os.ReadFile(own)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &mine); err != nil {
				t.Fatal(err)
			}
			code, out, errb = run(t, "report", "--run-id", runID, "--format", "json", "--store", dsn)
			if code != ExitOK {
				t.Fatalf("report --run-id: exit %d: %s", code, errb)
			}
			if err := json.Unmarshal([]byte(out), &rebuilt); err != nil {
				t.Fatal(err)
			}
			keys := func(rs any) []string {
				var out []string
				b, _ := json.Marshal(rs)
				var flat []map[string]string
				json.Unmarshal(b, &flat)
				for _, r := range flat {
					out = append(out, fmt.Sprint(r["account_id"], r["check_id"], r["region"], r["resource"], r["status"]))
				}
				sort.Strings(out)
				return out
			}
			if a, b := keys(mine.Results), keys(rebuilt.Results); len(a) == 0 || strings.Join(a, "\n") != strings.Join(b, "\n") {
				t.Errorf("report --run-id rebuilt %d results, the scan wrote %d; they differ", len(b), len(a))
			}
			code, out, errb = run(t, "findings", "--format", "csv", "--store", dsn)
			if code != ExitOK {
				t.Fatalf("findings: exit %d: %s", code, errb)
			}
			accounts := map[string]bool{}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
				accounts[strings.Split(line, ",")[1]] = true
			}
			if len(accounts) != 4 {
				t.Errorf("findings lists accounts %v, want the organization's 4", accounts)
			}

			code, out, errb = run(t, "diff", "--since", "run:"+runID, "--demo-org", "--store", dsn)
			if code != ExitOK || !strings.Contains(out, "0 new failures, 0 fixed") || !strings.Contains(out, "stored run "+runID) {
				t.Errorf("diff --since run:%s --demo-org: exit %d: %s\n%s", runID, code, errb, out)
			}
		})
	}
}
