package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/org"
)

// shardReport is what the shard tests compare of a report.json.
type shardReport struct {
	AccountID string            `json:"account_id"`
	Results   []json.RawMessage `json:"results"`
	Run       *engine.RunInfo   `json:"run"`
}

func readShardReport(t *testing.T, path string) shardReport {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r shardReport
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func readRunOfAccountsFile(t *testing.T, dir string) engine.RunInfo {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "accounts.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Run engine.RunInfo `json:"run"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Run
}

// TestScanOrgShards: the organization run split into 3 shards (one
// --run-id) reads every account in exactly one shard (the one
// org.ShardOf names, skipped accounts included), and each account's
// results equal the unsplit run's, result for result: the shards that do
// not hold the management account read it for its organization-wide facts
// only (no report of it). Every report.json and accounts.json names the run
// and the shard. The shards run side by side, as an Indexed Job's pods do.
func TestScanOrgShards(t *testing.T) {
	r := startOrgFake(t, 3*time.Millisecond)
	base := t.TempDir()
	scan := func(dir string, extra ...string) (int, string) {
		args := append([]string{"scan", "--org", "-q", "--endpoint-url", r.URL, "--regions", "eu-west-1", "--fail-on", "none",
			"--format", "json", "-o", dir, "--account-concurrency", "2"}, extra...)
		code, _, errOut := run(t, args...)
		return code, errOut
	}
	whole := filepath.Join(base, "whole")
	if code, errOut := scan(whole); code != ExitOK {
		t.Fatalf("unsplit run: exit %d: %s", code, errOut)
	}
	wholeReads := readAccountsFile(t, whole)
	if got := readRunOfAccountsFile(t, whole); got.Shards != 1 || got.Shard != 0 || got.ID == "" {
		t.Errorf("unsplit run: accounts.json run %+v, want a derived ID, shard 0 of 1", got)
	}

	// The shards run at once, as the pods of an Indexed Job do.
	const n = 3
	shardDir := func(i int) string { return filepath.Join(base, "shard", string(rune('0'+i))) }
	// The shards record into one store; the run is finished once all three
	// have (TestRunShards and TestReportRunID test a missing one).
	db := filepath.Join(base, "shoulder.db")
	codes, errOuts := make([]int, n), make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], errOuts[i] = scan(shardDir(i), "--shard", string(rune('0'+i))+"/3", "--run-id", "nightly-42", "--store", db)
		}()
	}
	wg.Wait()
	held := map[string]int{}
	for i := 0; i < n; i++ {
		dir, errOut := shardDir(i), errOuts[i]
		if codes[i] != ExitOK {
			t.Fatalf("shard %d: exit %d: %s", i, codes[i], errOut)
		}
		if got := readRunOfAccountsFile(t, dir); got != (engine.RunInfo{ID: "nightly-42", Shard: i, Shards: n}) {
			t.Errorf("shard %d: accounts.json run %+v", i, got)
		}
		holdsMgmt := org.ShardOf(orgMgmt, n) == i
		if facts := strings.Contains(errOut, "read for its organization-wide facts only"); facts == holdsMgmt {
			t.Errorf("shard %d (holds the management account: %v): facts-only read announced %v:\n%s", i, holdsMgmt, facts, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, orgMgmt)); (err == nil) != holdsMgmt {
			t.Errorf("shard %d: management account's reports present %v, want %v", i, err == nil, holdsMgmt)
		}
		if got := readShardReport(t, filepath.Join(dir, "report.json")).Run; got == nil || *got != (engine.RunInfo{ID: "nightly-42", Shard: i, Shards: n}) {
			t.Errorf("shard %d: combined report run %+v", i, got)
		}
		for _, a := range readAccountsFile(t, dir) {
			held[a.AccountID]++
			if s := org.ShardOf(a.AccountID, n); s != i {
				t.Errorf("account %s listed by shard %d, but it is shard %d's", a.AccountID, i, s)
			}
			if a.Read != readFull && a.Read != readPartial {
				continue
			}
			got := readShardReport(t, filepath.Join(dir, a.AccountID, "report.json"))
			want := readShardReport(t, filepath.Join(whole, a.AccountID, "report.json"))
			if got.Run == nil || got.Run.ID != "nightly-42" || got.Run.Shard != i {
				t.Errorf("account %s: report run %+v", a.AccountID, got.Run)
			}
			if len(got.Results) == 0 || !reflect.DeepEqual(got.Results, want.Results) {
				t.Errorf("account %s: shard %d's %d results differ from the unsplit run's %d", a.AccountID, i, len(got.Results), len(want.Results))
			}
		}
	}
	for _, w := range wholeReads {
		if held[w.AccountID] != 1 {
			t.Errorf("account %s (%s) listed by %d shards, want 1", w.AccountID, w.Read, held[w.AccountID])
		}
	}
	if len(held) != len(wholeReads) {
		t.Errorf("the shards list %d accounts, the unsplit run %d", len(held), len(wholeReads))
	}
	if code, out, errb := run(t, "report", "--run-id", "nightly-42", "--format", "json", "--store", db); code != ExitOK || !strings.Contains(out, `"results"`) {
		t.Errorf("report --run-id of the finished run: exit %d: %s", code, errb)
	}
	// A second run of which shard 1 never ran is not finished.
	for _, i := range []int{0, 2} {
		if code, errOut := scan(filepath.Join(base, "again", string(rune('0'+i))), "--shard", string(rune('0'+i))+"/3", "--run-id", "nightly-43", "--store", db); code != ExitOK {
			t.Fatalf("nightly-43 shard %d: exit %d: %s", i, code, errOut)
		}
	}
	if code, _, errb := run(t, "report", "--run-id", "nightly-43", "--store", db); code != ExitError || !strings.Contains(errb, "missing shard 1 (of 0-2)") {
		t.Errorf("report --run-id of the run without shard 1: exit %d: %s", code, errb)
	}
}

// TestShardFlagErrors: bad --shard / --run-id input is refused with exit 2
// and a message naming the problem.
func TestShardFlagErrors(t *testing.T) {
	r := startOrgFake(t, 3*time.Millisecond)
	live := []string{"-q", "--endpoint-url", r.URL, "--regions", "eu-west-1"}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", "--shard", "0/2", "--run-id", "x"}, "--shard needs --accounts or --org"},
		{[]string{"scan", "--run-id", "x"}, "--run-id needs --accounts or --org"},
		{[]string{"scan", "--org", "--shard", "2/2", "--run-id", "x"}, "0 to 1"},
		{[]string{"scan", "--org", "--shard", "-1/2", "--run-id", "x"}, "0 to 1"},
		{[]string{"scan", "--org", "--shard", "0/0", "--run-id", "x"}, "n must be 1 or more"},
		{[]string{"scan", "--org", "--shard", "two", "--run-id", "x"}, "want i/n"},
		{[]string{"collect", "--org", "-o", t.TempDir(), "--shard", "1/x", "--run-id", "x"}, "whole numbers"},
		{[]string{"scan", "--org", "--shard", "1/2"}, "needs --run-id"},
		{[]string{"scan", "--org", "--run-id", "bad id"}, "--run-id"},
		{[]string{"scan", "--org", "--run-id", "-x"}, "starting with a letter or digit"},
		{[]string{"scan", "--accounts", orgProd, "--run-id", strings.Repeat("a", 129)}, "1-128"},
	} {
		code, _, errOut := run(t, append(tc.args, live...)...)
		if code != ExitError || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestShardEmpty: with more shards than accounts, a shard that holds none
// succeeds (exit 0), reads nothing and still writes accounts.json naming
// the run; the shard that holds the account reads it.
func TestShardEmpty(t *testing.T) {
	r := startOrgFake(t, 3*time.Millisecond)
	const n = 4
	holder := org.ShardOf(orgProd, n)
	for i := 0; i < n; i++ {
		dir := t.TempDir()
		code, _, errOut := run(t, "collect", "--accounts", orgProd, "--shard", string(rune('0'+i))+"/4", "--run-id", "r1",
			"-q", "--endpoint-url", r.URL, "--regions", "eu-west-1", "-o", dir)
		if code != ExitOK {
			t.Fatalf("shard %d: exit %d: %s", i, code, errOut)
		}
		reads := readAccountsFile(t, dir)
		_, err := os.Stat(filepath.Join(dir, orgProd+".json"))
		if i == holder {
			if len(reads) != 1 || reads[0].AccountID != orgProd || err != nil {
				t.Errorf("holding shard %d: reads %+v, snapshot %v", i, reads, err)
			}
			continue
		}
		if len(reads) != 0 || err == nil || !strings.Contains(errOut, "holds no account to read") {
			t.Errorf("empty shard %d: reads %+v, snapshot written %v, stderr %q", i, reads, err == nil, errOut)
		}
		if got := readRunOfAccountsFile(t, dir); got != (engine.RunInfo{ID: "r1", Shard: i, Shards: n}) {
			t.Errorf("empty shard %d: run %+v", i, got)
		}
	}
}
