package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/findfilter"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/serve"
	"github.com/shoulder-dev/shoulder/internal/store"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// filterStore records, at dsn, the demo twice (under its policy, then the
// default one: statuses, severities and waivers change, some findings
// go) and two synthetic organization members, one in Root/Workloads/Prod
// and one in Root/Sandbox. It returns the members' account IDs.
func filterStore(t *testing.T, dsn string) (prod, sandbox string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	pol, err := policy.Parse("demo shoulder.yaml", demo.Policy(), policyNames())
	if err != nil {
		t.Fatal(err)
	}
	o := synth.OrgOptions{Seed: 7, Accounts: 3, Regions: []string{"eu-west-1", "us-east-1"}, Resources: 60}
	reps := []*engine.Report{engine.Run(checks.All(), a, pol)}
	for i, ou := range []string{"Root/Workloads/Prod", "Root/Sandbox"} {
		r := engine.Run(checks.All(), synth.OrgAccount(o, i+1), policy.Default())
		for j := range r.Results {
			r.Results[j].OUPath = ou
		}
		reps = append(reps, r)
	}
	a2, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	reps = append(reps, engine.Run(checks.All(), a2, policy.Default()))
	for _, r := range reps {
		if _, err := st.Record(ctx, store.FromReport(r, store.Meta{Who: "test@host", Version: "test"})); err != nil {
			t.Fatal(err)
		}
	}
	return reps[1].AccountID, reps[2].AccountID
}

// filterKey is one finding's lifecycle key.
type filterKey struct{ Check, Account, Region, Resource string }

// TestFindingsCLIAndExplorerAgree: one filter, written as flags of
// `shoulder findings` and as the dashboard explorer's URL, selects the
// same findings on both backends (both go through findfilter.Spec), and a
// few of the selections are checked against what they must hold.
func TestFindingsCLIAndExplorerAgree(t *testing.T) {
	fws, err := frameworks.All()
	if err != nil {
		t.Fatal(err)
	}
	fsbpS31 := map[string]bool{}
	for _, c := range fws {
		if c.ID == "fsbp-1.0.0" {
			for _, ctl := range c.Controls {
				if ctl.ID == "S3.1" || ctl.ID == "S3.8" {
					for _, id := range ctl.Checks {
						fsbpS31[id] = true
					}
				}
			}
		}
	}
	byID := checks.ByID()
	for name, dsnOf := range historyStores(t) {
		t.Run(name, func(t *testing.T) {
			dsn := dsnOf(t)
			prod, sandbox := filterStore(t, dsn)
			st, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			srv, err := serve.New(st, "test", t.Logf)
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv.Handler())
			defer ts.Close()

			cases := []struct {
				name string
				sp   findfilter.Spec
				// must holds for every finding selected (nil: nothing more).
				must func(filterKey) bool
				// empty: the selection must be empty (else non-empty).
				empty bool
				// all: it selects every finding (every scan is recent).
				all bool
			}{
				{name: "everything", sp: findfilter.Spec{}},
				{name: "open or gone", sp: findfilter.Spec{Statuses: []string{"open", "gone"}}},
				{name: "fail, high or critical, by severity", sp: findfilter.Spec{Statuses: []string{"fail"}, Severities: []string{"high", "critical"}, Sort: "severity"}},
				{name: "area network", sp: findfilter.Spec{Areas: []string{"network"}},
					must: func(k filterKey) bool { return byID[k.Check].Area == "network" }},
				{name: "service s3", sp: findfilter.Spec{Services: []string{"s3"}},
					must: func(k filterKey) bool { return byID[k.Check].Service == "s3" }},
				{name: "controls", sp: findfilter.Spec{Controls: []string{"fsbp:S3.1", "FSBP-1.0.0:s3.8"}},
					must: func(k filterKey) bool { return fsbpS31[k.Check] }},
				{name: "cis control, open", sp: findfilter.Spec{Controls: []string{"cis-v7.0:2.1.1"}, Statuses: []string{"open"}},
					must: func(k filterKey) bool { return k.Check == "organizations_member_root_centralized" }},
				{name: "ou Workloads (its descendants)", sp: findfilter.Spec{OUs: []string{"Workloads"}},
					must: func(k filterKey) bool { return k.Account == prod }},
				{name: "ou path", sp: findfilter.Spec{OUs: []string{"Root/Sandbox"}, Sort: "check"},
					must: func(k filterKey) bool { return k.Account == sandbox }},
				{name: "ou root, one account", sp: findfilter.Spec{OUs: []string{"Root"}, Accounts: []string{sandbox}},
					must: func(k filterKey) bool { return k.Account == sandbox }},
				{name: "ou without accounts", sp: findfilter.Spec{OUs: []string{"Nowhere"}}, empty: true},
				{name: "first seen since a date", sp: findfilter.Spec{Since: "2000-01-01", Sort: "first_seen"}, all: true},
				{name: "first seen before a date", sp: findfilter.Spec{Before: "2000-01-01"}, empty: true},
				{name: "check and account", sp: findfilter.Spec{Checks: []string{"s3_bucket_public_access_block"}, Accounts: []string{prod, sandbox}},
					must: func(k filterKey) bool { return k.Check == "s3_bucket_public_access_block" }},
			}
			var everything int
			for _, c := range cases {
				cli := cliFindings(t, dsn, c.sp)
				web := explorerFindings(t, ts.URL, c.sp)
				if c.empty != (len(cli) == 0) {
					t.Errorf("%s: %d findings, want them empty: %v", c.name, len(cli), c.empty)
				}
				if c.name == "everything" {
					everything = len(cli)
				} else if !c.empty && (len(cli) >= everything) != c.all {
					t.Errorf("%s: selects all %d findings: the case proves nothing", c.name, len(cli))
				}
				for _, k := range cli {
					if c.must != nil && !c.must(k) {
						t.Errorf("%s: selects %v", c.name, k)
						break
					}
				}
				sorted := append([]filterKey{}, cli...)
				sortFilterKeys(sorted)
				sortFilterKeys(web)
				if !reflect.DeepEqual(sorted, web) {
					t.Errorf("%s: shoulder findings selects %d findings, the explorer %d", c.name, len(cli), len(web))
				}
			}
		})
	}
}

func sortFilterKeys(ks []filterKey) {
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		return a.Account+"\x00"+a.Check+"\x00"+a.Region+"\x00"+a.Resource < b.Account+"\x00"+b.Check+"\x00"+b.Region+"\x00"+b.Resource
	})
}

// specArgs writes sp as the flags of `shoulder findings`.
func specArgs(sp findfilter.Spec) []string {
	var args []string
	add := func(flag string, vals []string) {
		if len(vals) > 0 {
			args = append(args, "--"+flag, strings.Join(vals, ","))
		}
	}
	add("status", sp.Statuses)
	add("severity", sp.Severities)
	add("area", sp.Areas)
	add("service", sp.Services)
	add("check", sp.Checks)
	add("control", sp.Controls)
	add("account", sp.Accounts)
	for _, ou := range sp.OUs {
		args = append(args, "--ou", ou)
	}
	for flag, v := range map[string]string{"since": sp.Since, "before": sp.Before, "sort": sp.Sort} {
		if v != "" {
			args = append(args, "--"+flag, v)
		}
	}
	return args
}

// specQuery writes sp as the explorer's URL query.
func specQuery(sp findfilter.Spec) url.Values {
	v := url.Values{}
	for k, vals := range map[string][]string{"status": sp.Statuses, "severity": sp.Severities, "area": sp.Areas,
		"service": sp.Services, "check": sp.Checks, "control": sp.Controls, "account": sp.Accounts, "ou": sp.OUs} {
		if len(vals) > 0 {
			v[k] = vals
		}
	}
	for k, s := range map[string]string{"since": sp.Since, "before": sp.Before, "sort": sp.Sort} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// cliFindings runs `shoulder findings --format json` with sp's flags and
// returns the keys in its order.
func cliFindings(t *testing.T, dsn string, sp findfilter.Spec) []filterKey {
	t.Helper()
	args := append([]string{"findings", "--format", "json", "--store", dsn}, specArgs(sp)...)
	code, out, errb := run(t, args...)
	if code != ExitOK {
		t.Fatalf("%v: exit %d: %s", args, code, errb)
	}
	var doc struct {
		Findings []struct {
			CheckID   string `json:"check_id"`
			AccountID string `json:"account_id"`
			Region    string `json:"region"`
			Resource  string `json:"resource"`
		} `json:"findings"`
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	if doc.Total != len(doc.Findings) {
		t.Errorf("%v: total %d, %d findings", args, doc.Total, len(doc.Findings))
	}
	ks := []filterKey{}
	for _, f := range doc.Findings {
		ks = append(ks, filterKey{f.CheckID, f.AccountID, f.Region, f.Resource})
	}
	return ks
}

// explorerFindings reads the explorer's JSON export of sp's view.
func explorerFindings(t *testing.T, base string, sp findfilter.Spec) []filterKey {
	t.Helper()
	u := base + "/findings.json?" + specQuery(sp).Encode()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", u, resp.StatusCode, b)
	}
	var rep struct {
		Results []struct {
			CheckID   string `json:"check_id"`
			AccountID string `json:"account_id"`
			Region    string `json:"region"`
			Resource  string `json:"resource"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	ks := []filterKey{}
	for _, r := range rep.Results {
		ks = append(ks, filterKey{r.CheckID, r.AccountID, r.Region, r.Resource})
	}
	return ks
}

// TestReportRunID: a run split into 3 shards (one account each) where
// shard 1 has recorded its scan but not finished: report --run-id and
// history name the missing shard (exit 2 for the report); once shard 1
// finishes, report --run-id writes the combined report of the 3 accounts.
// Both backends.
func TestReportRunID(t *testing.T) {
	for name, dsnOf := range historyStores(t) {
		t.Run(name, func(t *testing.T) {
			dsn := dsnOf(t)
			ctx := context.Background()
			st, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			o := synth.OrgOptions{Seed: 5, Accounts: 4, Regions: []string{"eu-west-1"}, Resources: 30}
			var accounts []string
			for shard := 0; shard < 3; shard++ {
				r := engine.Run(checks.All(), synth.OrgAccount(o, shard+1), policy.Default())
				accounts = append(accounts, r.AccountID)
				m := store.Meta{Who: "test@host", Version: "test", RunID: "nightly-7", Shard: shard, Shards: 3}
				if _, err := st.Record(ctx, store.FromReport(r, m)); err != nil {
					t.Fatal(err)
				}
				if shard != 1 {
					if err := st.FinishShard(ctx, "nightly-7", shard, 3, time.Now()); err != nil {
						t.Fatal(err)
					}
				}
			}
			code, _, errb := run(t, "report", "--run-id", "nightly-7", "--format", "json", "--store", dsn)
			if code != ExitError || !strings.Contains(errb, "2 of 3 shards recorded; missing shard 1 (of 0-2)") {
				t.Errorf("report of the unfinished run: exit %d: %s", code, errb)
			}
			// diff --since run:ID waits for the same shards.
			code, _, errb = run(t, "diff", "--since", "run:nightly-7", "--demo", "--store", dsn)
			if code != ExitError || !strings.Contains(errb, "--since run:nightly-7: not finished: 2 of 3 shards recorded; missing shard 1 (of 0-2)") {
				t.Errorf("diff --since the unfinished run: exit %d: %s", code, errb)
			}
			if code, _, errb := run(t, "diff", "--since", "run:nope", "--demo", "--store", dsn); code != ExitError || !strings.Contains(errb, "no such run") {
				t.Errorf("diff --since an unknown run: exit %d: %s", code, errb)
			}
			code, out, errb := run(t, "history", "--format", "json", "--store", dsn)
			if code != ExitOK {
				t.Fatalf("history: exit %d: %s", code, errb)
			}
			var h struct {
				Runs []store.RunState `json:"runs"`
			}
			if err := json.Unmarshal([]byte(out), &h); err != nil {
				t.Fatal(err)
			}
			if len(h.Runs) != 1 || h.Runs[0].ID != "nightly-7" || fmt.Sprint(h.Runs[0].Missing) != "[1]" || h.Runs[0].Shards != 3 {
				t.Errorf("history runs %+v, want nightly-7 with shard 1 missing", h.Runs)
			}
			if code, out, _ := run(t, "history", "--store", dsn); code != ExitOK || !strings.Contains(out, "missing shard 1") {
				t.Errorf("history table: exit %d, no missing shard in:\n%s", code, out)
			}

			if err := st.FinishShard(ctx, "nightly-7", 1, 3, time.Now()); err != nil {
				t.Fatal(err)
			}
			code, out, errb = run(t, "report", "--run-id", "nightly-7", "--format", "json", "--store", dsn)
			if code != ExitOK {
				t.Fatalf("report of the finished run: exit %d: %s", code, errb)
			}
			var rep struct {
				Results []struct {
					AccountID string `json:"account_id"`
				} `json:"results"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, r := range rep.Results {
				got[r.AccountID]++
			}
			for _, a := range accounts {
				if got[a] == 0 {
					t.Errorf("the run's report has no result of account %s (%v)", a, got)
				}
			}
			if len(got) != 3 {
				t.Errorf("the run's report covers %d accounts, want 3: %v", len(got), got)
			}
		})
	}
}
