package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/responsibility"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	mgmtID = "100000000001"
	prodID = "200000000002"
	devID  = "300000000003"
)

// orgTreeFixture is the OU tree the management account's snapshot holds.
func orgTreeFixture() *state.OrgTree {
	return &state.OrgTree{
		Roots: []state.OrgRoot{{ID: "r-ab12"}},
		Units: []state.OrgUnit{{ID: "ou-ab12-work", Name: "Workloads", ParentID: "r-ab12"}, {ID: "ou-ab12-prod", Name: "Prod", ParentID: "ou-ab12-work"}},
		Accounts: []state.OrgAccount{
			{ID: mgmtID, Name: "management", Status: "ACTIVE", ParentID: "r-ab12"},
			{ID: prodID, Name: "prod-eu", Status: "ACTIVE", ParentID: "ou-ab12-prod"},
			{ID: devID, Name: "dev", Status: "ACTIVE", ParentID: "ou-ab12-work"},
		},
	}
}

// writeOrgSnapshot saves the demo account as account id of organization
// org (with the tree for the management account) into dir.
func writeOrgSnapshot(t *testing.T, dir, file, id, org string, mgmt bool) {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	a.AccountID, a.Name = id, ""
	a.Organization = &state.Organization{ID: org, MasterAccountID: mgmtID, IsManagementAccount: mgmt}
	if mgmt {
		a.Organization.Tree = orgTreeFixture()
	}
	if err := state.SaveSnapshot(filepath.Join(dir, file), a, "test"); err != nil {
		t.Fatal(err)
	}
}

func writeOrgFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestScanOrgDir: a directory of account snapshots is one report; every
// result names its account, OU paths come from the management account's
// tree, and an account accounts.json lists as not read is reported.
func TestScanOrgDir(t *testing.T) {
	dir := t.TempDir()
	writeOrgSnapshot(t, dir, mgmtID+".json", mgmtID, "o-demo", true)
	writeOrgSnapshot(t, dir, prodID+".json", prodID, "o-demo", false)
	writeOrgSnapshot(t, dir, devID+".json", devID, "o-demo", false)
	writeOrgFile(t, filepath.Join(dir, "accounts.json"), `{"accounts":[{"account_id":"400000000004","role_arn":"arn:aws:iam::400000000004:role/ShoulderAudit","read":"none","reason":"AssumeRole: AccessDenied"}]}`)

	code, out, errOut := run(t, "scan", "--snapshot", dir, "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(errOut, "4 accounts: 3 read fully, 0 partly (coverage gaps), 1 not at all") &&
		!strings.Contains(errOut, "4 accounts: 0 read fully, 3 partly (coverage gaps), 1 not at all") {
		t.Errorf("stderr lacks the read summary: %s", errOut)
	}
	res, err := report.ReadJSON("out", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	if rep.OrganizationID != "o-demo" || rep.AccountID != "" || len(rep.Accounts) != 4 {
		t.Fatalf("org %q account %q accounts %d", rep.OrganizationID, rep.AccountID, len(rep.Accounts))
	}
	want := map[string]string{mgmtID: "Root", prodID: "Root/Workloads/Prod", devID: "Root/Workloads"}
	per := map[string]int{}
	for _, f := range rep.Results {
		per[f.AccountID]++
		if p, ok := want[f.AccountID]; !ok || f.OUPath != p {
			t.Fatalf("finding %s %s: account %q ou %q", f.CheckID, f.Resource, f.AccountID, f.OUPath)
		}
	}
	// Each account has exactly the results of a scan of its own snapshot.
	total := 0
	for id := range want {
		a, err := state.LoadSnapshot(filepath.Join(dir, id+".json"))
		if err != nil {
			t.Fatal(err)
		}
		n := len(engine.Run(checks.All(), a, nil).Results)
		total += n
		if per[id] != n || n == 0 {
			t.Errorf("account %s: %d results, want %d", id, per[id], n)
		}
	}
	if last := rep.Accounts[3]; last.ID != "400000000004" || last.Read != engine.ReadNone || !strings.Contains(last.Reason, "AccessDenied") {
		t.Errorf("unread account: %+v", last)
	}
	if e := rep.Accounts[1]; e.Name != "prod-eu" || e.OUPath != "Root/Workloads/Prod" {
		t.Errorf("names from the tree: %+v", e)
	}
	if rep.Summary.Total != total {
		t.Errorf("summary total %d, want %d", rep.Summary.Total, total)
	}
}

// TestScanOrgDirRefuses: what is not one organization's snapshots is bad
// input (exit 2) with a message naming the problem.
func TestScanOrgDirRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"empty", func(*testing.T, string) {}, "holds no account snapshot"},
		{"stray file", func(t *testing.T, dir string) {
			writeOrgSnapshot(t, dir, prodID+".json", prodID, "o-demo", false)
			writeOrgFile(t, filepath.Join(dir, "notes.txt"), "hello")
		}, "notes.txt is not an account snapshot"},
		{"not a snapshot", func(t *testing.T, dir string) {
			writeOrgFile(t, filepath.Join(dir, prodID+".json"), `{"hello": 1}`)
		}, prodID + ".json"},
		{"wrong name", func(t *testing.T, dir string) {
			writeOrgSnapshot(t, dir, prodID+".json", devID, "o-demo", false)
		}, "holds account \"" + devID + "\""},
		{"mixed organizations", func(t *testing.T, dir string) {
			writeOrgSnapshot(t, dir, prodID+".json", prodID, "o-demo", false)
			writeOrgSnapshot(t, dir, devID+".json", devID, "o-other", false)
		}, "mix organizations"},
		{"duplicate account", func(t *testing.T, dir string) {
			writeOrgSnapshot(t, dir, prodID+".json", prodID, "o-demo", false)
			writeOrgFile(t, filepath.Join(dir, "accounts.json"), `{"accounts":[{"account_id":"`+prodID+`","read":"none","reason":"x"}]}`)
		}, "there twice"},
		{"bad accounts.json", func(t *testing.T, dir string) {
			writeOrgSnapshot(t, dir, prodID+".json", prodID, "o-demo", false)
			writeOrgFile(t, filepath.Join(dir, "accounts.json"), `{"accounts":[{"account_id":"12","read":"none"}]}`)
		}, "not 12 digits"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			code, _, errOut := run(t, "scan", "--snapshot", dir)
			if code != ExitError || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errOut, tc.want)
			}
		})
	}
}

// orgDirFixture writes three accounts of one organization (the management
// account with the tree) and one unread account.
func orgDirFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeOrgSnapshot(t, dir, mgmtID+".json", mgmtID, "o-demo", true)
	writeOrgSnapshot(t, dir, prodID+".json", prodID, "o-demo", false)
	writeOrgSnapshot(t, dir, devID+".json", devID, "o-demo", false)
	writeOrgFile(t, filepath.Join(dir, "accounts.json"), `{"accounts":[{"account_id":"400000000004","read":"none","reason":"AssumeRole: AccessDenied"}]}`)
	return dir
}

// TestMatrixOrgDir: per service and duty, the accounts counted in each
// status are those whose own matrix gives that status.
func TestMatrixOrgDir(t *testing.T) {
	dir := orgDirFixture(t)
	code, out, errOut := run(t, "matrix", "--snapshot", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var om responsibility.OrgMatrix
	if err := json.Unmarshal([]byte(out), &om); err != nil {
		t.Fatal(err)
	}
	if om.OrganizationID != "o-demo" || len(om.Accounts) != 4 || om.Accounts[3].Read != "none" || om.Accounts[1].OUPath != "Root/Workloads/Prod" {
		t.Fatalf("accounts: %+v", om.Accounts)
	}
	// Each account's own matrix, duty by duty.
	want := map[string]map[responsibility.DutyStatus]int{}
	for _, id := range []string{mgmtID, prodID, devID} {
		code, out, errOut := run(t, "matrix", "--snapshot", filepath.Join(dir, id+".json"), "--format", "json")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", id, code, errOut)
		}
		var m responsibility.Matrix
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		for _, s := range m.Services {
			for _, d := range s.Duties {
				if want[d.ID] == nil {
					want[d.ID] = map[responsibility.DutyStatus]int{}
				}
				want[d.ID][d.Status]++
			}
		}
	}
	n := 0
	for _, s := range om.Services {
		for _, d := range s.Duties {
			n++
			for _, st := range responsibility.DutyStatuses {
				if d.Accounts[st] != want[d.ID][st] {
					t.Errorf("%s: %d accounts %s, want %d", d.ID, d.Accounts[st], st, want[d.ID][st])
				}
			}
		}
	}
	if n == 0 || n != len(want) {
		t.Errorf("%d duties in the org matrix, %d in the accounts'", n, len(want))
	}
	code, out, _ = run(t, "matrix", "--snapshot", dir)
	if code != 0 || !strings.Contains(out, "organization o-demo, 4 accounts (3 read)") || !strings.Contains(out, "400000000004 NOT READ") {
		t.Errorf("matrix table: exit %d\n%s", code, out)
	}
}

// TestDatamapOrgDir: every store of every account with its account and OU;
// --account and --ou select; bad values and single-account use are refused.
func TestDatamapOrgDir(t *testing.T) {
	dir := orgDirFixture(t)
	read := func(args ...string) *datamap.Map {
		t.Helper()
		code, out, errOut := run(t, append([]string{"datamap", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var m datamap.Map
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		return &m
	}
	all := read("--snapshot", dir)
	per := map[string]int{}
	for _, s := range all.Stores {
		per[s.AccountID]++
	}
	for _, id := range []string{mgmtID, prodID, devID} {
		one := read("--snapshot", filepath.Join(dir, id+".json"))
		if len(one.Stores) == 0 || per[id] != len(one.Stores) {
			t.Errorf("account %s: %d stores in the org map, %d in its own", id, per[id], len(one.Stores))
		}
	}
	if len(all.Accounts) != 4 || all.Summary.Stores != len(all.Stores) {
		t.Errorf("accounts %d, summary %d of %d stores", len(all.Accounts), all.Summary.Stores, len(all.Stores))
	}
	for _, tc := range []struct {
		args []string
		want func(s datamap.Store) bool
	}{
		{[]string{"--ou", "Prod"}, func(s datamap.Store) bool { return s.AccountID == prodID && s.OUPath == "Root/Workloads/Prod" }},
		{[]string{"--ou", "Root/Workloads"}, func(s datamap.Store) bool { return s.AccountID == prodID || s.AccountID == devID }},
		{[]string{"--account", devID}, func(s datamap.Store) bool { return s.AccountID == devID }},
	} {
		m := read(append([]string{"--snapshot", dir}, tc.args...)...)
		wantN := 0
		for _, s := range all.Stores {
			if tc.want(s) {
				wantN++
			}
		}
		if len(m.Stores) != wantN || wantN == 0 {
			t.Errorf("%v: %d stores, want %d", tc.args, len(m.Stores), wantN)
		}
		for _, s := range m.Stores {
			if !tc.want(s) {
				t.Errorf("%v: store %s of %s (%s) selected", tc.args, s.ARN, s.AccountID, s.OUPath)
			}
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"datamap", "--snapshot", dir, "--account", "12"}, "not an account ID"},
		{[]string{"datamap", "--demo", "--ou", "Prod"}, "use them with --snapshot DIR"},
		{[]string{"matrix", "--snapshot", t.TempDir()}, "holds no account snapshot"},
	} {
		code, _, errOut := run(t, tc.args...)
		if code != ExitError || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	code, out, _ := run(t, "datamap", "--snapshot", dir, "--ou", "Prod")
	if code != 0 || !strings.Contains(out, "ACCOUNT") || !strings.Contains(out, prodID) || strings.Contains(out, devID+"  ") {
		t.Errorf("datamap table: exit %d\n%s", code, out)
	}
}

// TestDemoOrg: --demo-org is the embedded organization on scan, matrix and
// datamap, under the demo's policy; the demo account is one of its
// accounts with exactly the results --demo gives it.
func TestDemoOrg(t *testing.T) {
	code, out, errOut := run(t, "scan", "--demo-org", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	res, err := report.ReadJSON("out", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report
	if len(rep.Accounts) != 4 || rep.OrganizationID != "o-alpenglow01" || rep.Policy != demo.PolicyName {
		t.Fatalf("accounts %d, organization %q, policy %q", len(rep.Accounts), rep.OrganizationID, rep.Policy)
	}
	for _, e := range rep.Accounts {
		if e.OUPath == "" || e.Read == engine.ReadNone {
			t.Errorf("account %+v: no OU path or not read", e)
		}
	}
	// The management account's facts reach every member: the dev account's
	// own state holds no OU tree, yet its OU is known (pass: under the
	// Workloads OU the policy names), not unknown.
	placed := false
	for _, f := range rep.Results {
		if f.AccountID == builder.DevAccount && f.CheckID == "organizations_account_in_policy_ou" {
			placed = f.Status == check.Pass && strings.Contains(f.Message, "Root/Workloads/Dev")
		}
	}
	if !placed {
		t.Error("the dev account was not placed in the management account's tree (organization facts not applied)")
	}
	_, single, _ := run(t, "scan", "--demo", "--format", "json")
	one, err := report.ReadJSON("single", []byte(single))
	if err != nil {
		t.Fatal(err)
	}
	var inOrg []engine.Finding
	for _, f := range rep.Results {
		if f.AccountID == one.Report.AccountID {
			inOrg = append(inOrg, f)
		}
	}
	if len(inOrg) != len(one.Report.Results) {
		t.Fatalf("the demo account has %d results in the org, %d alone", len(inOrg), len(one.Report.Results))
	}
	for i := range inOrg {
		a, b := inOrg[i], one.Report.Results[i]
		if a.CheckID != b.CheckID || a.Resource != b.Resource || a.Status != b.Status || b.OUPath != "" || a.OUPath != "Root/Workloads/Analytics" {
			t.Fatalf("result %d differs: %+v vs %+v", i, a, b)
		}
	}
	for _, args := range [][]string{{"matrix", "--demo-org"}, {"datamap", "--demo-org", "--ou", "Sandbox"}} {
		if code, out, errOut := run(t, args...); code != 0 || !strings.Contains(out, "organization o-alpenglow01") {
			t.Errorf("%v: exit %d %s\n%s", args, code, errOut, out)
		}
	}
	for _, args := range [][]string{{"scan", "--demo-org", "--demo"}, {"matrix", "--demo-org", "--snapshot", "x.json"}, {"scan", "--demo-org", "--accounts", "111122223333"}} {
		if code, _, errOut := run(t, args...); code != ExitError || !strings.Contains(errOut, "--demo") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2", args, code, errOut)
		}
	}
}

// TestInjectionOrg feeds an organization whose OU and account names (from
// the management account's tree) and the injected demo account carry the
// payload through the organization's table, Markdown, HTML, matrix and
// data map: account text never acts.
func TestInjectionOrg(t *testing.T) {
	snap, pol := injectedSnapshot(t)
	dir := t.TempDir()
	b, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	writeOrgFile(t, filepath.Join(dir, "210987654321.json"), string(b))
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	a.AccountID, a.Name = mgmtID, ""
	tree := orgTreeFixture()
	tree.Units[1].Name = "Prod" + injectionPayload
	tree.Accounts = append(tree.Accounts, state.OrgAccount{ID: "210987654321", Name: "evil" + injectionPayload, ParentID: "ou-ab12-prod"})
	a.Organization = &state.Organization{ID: "o-alpenglow01", MasterAccountID: mgmtID, IsManagementAccount: true, Tree: tree}
	if err := state.SaveSnapshot(filepath.Join(dir, mgmtID+".json"), a, "test"); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "scan", "--snapshot", dir, "--config", pol, "--color", "never", "--format", "table,markdown,html", "-o", out)
	if code != ExitFindings {
		t.Fatalf("scan exit %d: %s", code, stderr)
	}
	assertTerminalSafe(t, "org table", stdout)
	if !strings.Contains(stdout, "Root/Workloads/Prod") {
		t.Error("the org table never showed the injected OU path")
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	assertMarkdownSafe(t, "org markdown", string(md))
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("<script>alert(1)")) || bytes.Count(page, []byte("<script")) != 2 {
		t.Errorf("org html: the payload's markup is raw in the page (%d script tags)", bytes.Count(page, []byte("<script")))
	}
	for _, args := range [][]string{
		{"matrix", "--snapshot", dir, "--config", pol, "--color", "never"},
		{"datamap", "--snapshot", dir, "--config", pol, "--color", "never"},
	} {
		code, out, stderr := run(t, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if args[0] == "matrix" {
			// The org matrix prints account IDs and counts, no names.
			for _, bad := range terminalActive {
				if strings.Contains(out, bad) {
					t.Errorf("matrix org table: raw %q", bad)
				}
			}
			continue
		}
		assertTerminalSafe(t, args[0]+" org table", out)
	}
}

// TestDiffOrg: an account's result diffed against the organization's is
// compared per account: the other accounts are listed as only in the new
// result, and the demo account's own results are unchanged.
func TestDiffOrg(t *testing.T) {
	dir := t.TempDir()
	single, org := filepath.Join(dir, "single.json"), filepath.Join(dir, "org.json")
	if code, _, errOut := run(t, "scan", "--demo", "--format", "json", "-o", single); code != ExitFindings {
		t.Fatalf("scan --demo: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "scan", "--demo-org", "--format", "json", "-o", org); code != ExitFindings {
		t.Fatalf("scan --demo-org: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "diff", single, org, "--format", "json", "--fail-on", "none")
	if code != ExitOK {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	var d struct {
		Accounts []struct {
			AccountID   string `json:"account_id"`
			Note        string `json:"note"`
			NewFailures int    `json:"new_failures"`
			Fixed       int    `json:"fixed"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Accounts) != 4 {
		t.Fatalf("accounts: %+v", d.Accounts)
	}
	for _, a := range d.Accounts {
		own := a.AccountID == "210987654321"
		if own && (a.Note != "" || a.NewFailures != 0 || a.Fixed != 0) {
			t.Errorf("the demo account changed: %+v", a)
		}
		if !own && (a.Note != "only in the new result" || a.NewFailures == 0) {
			t.Errorf("account %s: %+v", a.AccountID, a)
		}
	}
	// The other way round: the accounts missing from the new side are not
	// fixed, and the gate counts their failures.
	code, out, _ = run(t, "diff", org, single, "--fail-on", "critical")
	if code != ExitFindings || !strings.Contains(out, "only in the old result") || !strings.Contains(out, "NO LONGER EVALUATED") {
		t.Errorf("diff org -> single: exit %d\n%s", code, out)
	}
}
