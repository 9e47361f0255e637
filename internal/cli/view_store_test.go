package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/store"
)

// resultKeys are a report JSON's results as account, check, region,
// resource and status lines, sorted.
func resultKeys(t *testing.T, doc []byte) []string {
	t.Helper()
	var rep struct {
		Results []struct {
			AccountID string `json:"account_id"`
			CheckID   string `json:"check_id"`
			Region    string `json:"region"`
			Resource  string `json:"resource"`
			Status    string `json:"status"`
		} `json:"results"`
	}
	if err := json.Unmarshal(doc, &rep); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rep.Results {
		out = append(out, fmt.Sprint(r.AccountID, " ", r.CheckID, " ", r.Region, " ", r.Resource, " ", r.Status))
	}
	sort.Strings(out)
	return out
}

// TestViewOrgRecorded: matrix and datamap over an organization
// (--demo-org, --snapshot DIR) record every read account's scan under one
// run ID, finished once the view is written, as scan does, on both
// backends: the run rebuilt by report --run-id has the results of scan
// over the same source; --no-store records nothing; a store that fails
// leaves the view written and exits 2.
func TestViewOrgRecorded(t *testing.T) {
	dir := orgDirFixture(t)
	sources := map[string][]string{"demo-org": {"--demo-org"}, "snapshot-dir": {"--snapshot", dir}}
	want := map[string][]string{}
	accounts := map[string]int{"demo-org": 4, "snapshot-dir": 3} // the fixture's fourth account is unread
	for name, src := range sources {
		out := filepath.Join(t.TempDir(), "scan.json")
		code, _, errb := run(t, append([]string{"scan", "--no-store", "--format", "json", "-o", out}, src...)...)
		if code != ExitFindings && code != ExitOK {
			t.Fatalf("scan %s: exit %d: %s", name, code, errb)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if want[name] = resultKeys(t, b); len(want[name]) == 0 {
			t.Fatalf("scan %s: no results", name)
		}
	}
	recorded := regexp.MustCompile(`recorded (\d+) accounts as run (\S+) `)
	for backend, dsnOf := range historyStores(t) {
		for _, cmd := range []string{"matrix", "datamap"} {
			for name, src := range sources {
				t.Run(backend+"/"+cmd+"/"+name, func(t *testing.T) {
					dsn := dsnOf(t)
					code, out, errb := run(t, append([]string{cmd, "--format", "json", "--store", dsn}, src...)...)
					if code != ExitOK || !json.Valid([]byte(out)) {
						t.Fatalf("exit %d: %s", code, errb)
					}
					m := recorded.FindStringSubmatch(errb)
					if m == nil || m[1] != fmt.Sprint(accounts[name]) {
						t.Fatalf("stderr does not name the recorded run of %d accounts: %s", accounts[name], errb)
					}
					runID := m[2]
					code, out, errb = run(t, "history", "--format", "json", "--store", dsn)
					if code != ExitOK {
						t.Fatalf("history: exit %d: %s", code, errb)
					}
					var h struct {
						Scans []struct{}       `json:"scans"`
						Runs  []store.RunState `json:"runs"`
					}
					if err := json.Unmarshal([]byte(out), &h); err != nil {
						t.Fatal(err)
					}
					if len(h.Runs) != 1 || h.Runs[0].ID != runID || !h.Runs[0].Complete() || len(h.Scans) != accounts[name] {
						t.Fatalf("history: %d scans, runs %+v; want %d scans in the finished run %s", len(h.Scans), h.Runs, accounts[name], runID)
					}
					code, out, errb = run(t, "report", "--run-id", runID, "--format", "json", "--store", dsn)
					if code != ExitOK {
						t.Fatalf("report --run-id: exit %d: %s", code, errb)
					}
					if got := resultKeys(t, []byte(out)); strings.Join(got, "\n") != strings.Join(want[name], "\n") {
						t.Errorf("the recorded run has %d results, scan over the same source %d; they differ", len(got), len(want[name]))
					}
				})
			}
		}
	}
	t.Run("no-store", func(t *testing.T) {
		for _, cmd := range []string{"matrix", "datamap"} {
			code, _, errb := run(t, cmd, "--demo-org", "--no-store")
			if code != ExitOK || strings.Contains(errb, "recorded") {
				t.Errorf("%s --no-store: exit %d: %s", cmd, code, errb)
			}
		}
	})
	t.Run("store fails", func(t *testing.T) {
		notDir := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(notDir, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"matrix", "datamap"} {
			out := filepath.Join(t.TempDir(), "view.json")
			code, _, errb := run(t, cmd, "--demo-org", "--format", "json", "-o", out, "--store", filepath.Join(notDir, "s.db"))
			b, err := os.ReadFile(out)
			if code != ExitError || err != nil || !json.Valid(b) {
				t.Errorf("%s with a failing store: exit %d (want 2), view written: %v: %s", cmd, code, err, errb)
			}
		}
	})
}
