package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// The fake organization of these tests: a management account and six
// members under Workloads/Prod, Workloads/Dev and the root.
const (
	orgMgmt      = "100000000001"
	orgProd      = "200000000002"
	orgNoRole    = "200000000003" // the member role is missing
	orgSuspended = "200000000004"
	orgSCP       = "300000000005" // an SCP denies DescribeInstances
	orgThrottled = "300000000006" // throttled, then answers
	orgSlow      = "400000000007" // every call slow (the Ctrl-C test)
)

func orgState(t *testing.T, id string) *state.Account {
	t.Helper()
	a, err := synth.ForAccount(synth.Options{Seed: 3, Regions: []string{"eu-west-1"}, Resources: 60}, id)
	if err != nil {
		t.Fatal(err)
	}
	a.Gaps = state.Gaps{}
	return awsfake.Expressible(a)
}

// startOrgFake serves the organization and points the default credential
// chain at the management account's key.
func startOrgFake(t *testing.T, slow time.Duration) *awsfake.RunningOrg {
	t.Helper()
	t.Setenv("AWS_ACCESS_KEY_ID", awsfake.AccessKey(orgMgmt))
	t.Setenv("AWS_SECRET_ACCESS_KEY", "fake")
	t.Setenv("AWS_REGION", "us-east-1")
	lat := awsfake.Options{Latency: 3 * time.Millisecond}
	member := func(id, name, parent string) awsfake.OrgMember {
		return awsfake.OrgMember{Account: orgState(t, id), Name: name, Parent: parent, Options: lat}
	}
	o := awsfake.OrgOptions{
		RootID: "r-ab12",
		Units: []state.OrgUnit{
			{ID: "ou-ab12-work0001", Name: "Workloads", ParentID: "r-ab12"},
			{ID: "ou-ab12-prod0001", Name: "Prod", ParentID: "ou-ab12-work0001"},
			{ID: "ou-ab12-devv0001", Name: "Dev", ParentID: "ou-ab12-work0001"},
		},
		Management: member(orgMgmt, "management", ""),
		Members: []awsfake.OrgMember{
			member(orgProd, "prod", "ou-ab12-prod0001"),
			member(orgNoRole, "prod-legacy", "ou-ab12-prod0001"),
			member(orgSuspended, "prod-old", "ou-ab12-prod0001"),
			member(orgSCP, "dev", "ou-ab12-devv0001"),
			member(orgThrottled, "dev-2", "ou-ab12-devv0001"),
			member(orgSlow, "sandbox", ""),
		},
	}
	o.Members[1].NoRole = true
	o.Members[2].Status = "SUSPENDED"
	o.Members[3].Options.Faults = []awsfake.Fault{{Service: "ec2", Action: "DescribeInstances", Kind: awsfake.FaultAccessDenied}}
	o.Members[4].Options.Faults = []awsfake.Fault{{Service: "ec2", Action: "DescribeVpcs", Kind: awsfake.FaultThrottle, Limit: 2}}
	o.Members[5].Options.Latency = slow
	r, err := awsfake.StartOrg(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

type accountsDoc struct {
	Accounts []accountRead `json:"accounts"`
}

func readAccountsFile(t *testing.T, dir string) []accountRead {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "accounts.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f accountsDoc
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Accounts
}

// TestScanOrgFake: scan --org against a fake organization of 7 accounts
// read 3 side by side: the management account is read with the caller's
// credentials, members through the member role; the suspended account is
// skipped with the reason, the one without the role is not read (its
// reason kept), the SCP-denied one is read partly, the throttled one fully;
// every report is filed under its own account; accounts.json is in
// account-ID order with names and OU paths.
func TestScanOrgFake(t *testing.T) {
	r := startOrgFake(t, 3*time.Millisecond)
	dir := filepath.Join(t.TempDir(), "org")
	code, out, errOut := run(t, "scan", "--org", "-q", "--endpoint-url", r.URL, "--regions", "eu-west-1", "--fail-on", "none",
		"--format", "json,sarif,junit,asff,ocsf", "-o", dir, "--account-concurrency", "3")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout %q, want the reports in -o DIR", out)
	}
	for _, want := range []string{
		"organization o-fake0000001: 7 accounts selected, 6 to read, 1 skipped",
		"account " + orgNoRole + " NOT READ",
		"7 accounts: 4 read fully, 1 partly (coverage gaps), 1 not at all, 1 skipped",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	reads := readAccountsFile(t, dir)
	want := []struct{ id, read, name, path string }{
		{orgMgmt, "full", "management", "Root"},
		{orgProd, "full", "prod", "Root/Workloads/Prod"},
		{orgNoRole, "none", "prod-legacy", "Root/Workloads/Prod"},
		{orgSuspended, "skipped", "prod-old", "Root/Workloads/Prod"},
		{orgSCP, "partial", "dev", "Root/Workloads/Dev"},
		{orgThrottled, "full", "dev-2", "Root/Workloads/Dev"},
		{orgSlow, "full", "sandbox", "Root"},
	}
	if len(reads) != len(want) {
		t.Fatalf("accounts.json: %+v", reads)
	}
	for i, w := range want {
		got := reads[i]
		if got.AccountID != w.id || got.Name != w.name || got.OUPath != w.path || got.Read != w.read {
			t.Errorf("accounts.json[%d] = %s %q %q read %s, want %s %q %q read %s", i, got.AccountID, got.Name, got.OUPath, got.Read, w.id, w.name, w.path, w.read)
		}
	}
	if m := reads[0]; m.RoleARN != "" {
		t.Errorf("management account read through %q, want the caller's credentials", m.RoleARN)
	}
	if s := reads[3]; !strings.Contains(s.Reason, "SUSPENDED") || s.Summary != nil {
		t.Errorf("suspended account: %+v", s)
	}
	if n := reads[2]; !strings.Contains(n.Reason, "AccessDenied") || n.RoleARN != "arn:aws:iam::"+orgNoRole+":role/ShoulderAudit" {
		t.Errorf("role-missing account: %+v", n)
	}
	for _, g := range reads {
		_, err := os.Stat(filepath.Join(dir, g.AccountID, "report.json"))
		if (g.Read == "full" || g.Read == "partial") != (err == nil) {
			t.Errorf("account %s (%s): report.json %v", g.AccountID, g.Read, err)
			continue
		}
		if err != nil {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, g.AccountID, "report.json"))
		var rep struct {
			AccountID string `json:"account_id"`
		}
		if json.Unmarshal(b, &rep) != nil || rep.AccountID != g.AccountID {
			t.Errorf("report of %s is filed for account %q", g.AccountID, rep.AccountID)
		}
	}
	// The tree was read once, by the management account, and never by a member.
	calls := r.Calls()
	if calls["organizations:ListRoots"] != 1 {
		t.Errorf("ListRoots called %d times, want once", calls["organizations:ListRoots"])
	}
	if n := r.Server(orgProd).Stats().Calls["organizations:ListAccountsForParent"]; n != 0 {
		t.Errorf("a member listed the tree %d times", n)
	}
	if n := r.Server(orgSuspended).Stats().Calls; len(n) != 0 {
		t.Errorf("the suspended account was called: %v", n)
	}
	// The organization-wide facts were read once, by the management
	// account: a member leaves them to it (they are applied to it) and
	// records them as skipped, so its state alone says unknown.
	for _, op := range []string{"organizations:ListPolicies", "organizations:ListDelegatedAdministrators",
		"organizations:ListAWSServiceAccessForOrganization", "iam:ListOrganizationsFeatures"} {
		if n := r.Server(orgMgmt).Stats().Calls[op]; n < 1 {
			t.Errorf("the management account called %s %d times, want it read", op, n)
		}
		for _, id := range []string{orgProd, orgSCP, orgThrottled, orgSlow} {
			if n := r.Server(id).Stats().Calls[op]; n != 0 {
				t.Errorf("member %s called %s %d times, want 0 (read once from the management account)", id, op, n)
			}
		}
	}
	assertOrgReportConcatenates(t, dir, reads)
	assertOrgListFormats(t, dir)
	b, err := os.ReadFile(filepath.Join(dir, orgProd, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Gaps []state.Gap `json:"gaps"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	skipped := 0
	for _, g := range rep.Gaps {
		if g.Service == "organizations" && g.Operation == "ListPolicies" {
			if g.Reason != state.ReasonSkipped {
				t.Errorf("member's ListPolicies gap %+v, want skipped", g)
			}
			skipped++
		}
	}
	if skipped != 1 {
		t.Errorf("member report has %d ListPolicies gaps, want the one skipped", skipped)
	}
}

// TestScanOrgOUs: --ous reads only the accounts under the OU, nested OUs
// included; --exclude-accounts leaves one out (listed as skipped); one
// table per account on standard output, in account-ID order.
func TestScanOrgOUs(t *testing.T) {
	r := startOrgFake(t, 3*time.Millisecond)
	code, out, errOut := run(t, "scan", "--org", "--ous", "ou-ab12-work0001", "--exclude-accounts", orgProd, "-q",
		"--endpoint-url", r.URL, "--regions", "eu-west-1", "--fail-on", "none", "--account-concurrency", "2")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "5 accounts: 1 read fully, 1 partly (coverage gaps), 1 not at all, 2 skipped") {
		t.Errorf("summary:\n%s", errOut)
	}
	if !strings.Contains(errOut, "organization o-fake0000001: 5 accounts selected, 3 to read, 2 skipped") {
		t.Errorf("selection line:\n%s", errOut)
	}
	// Tables of the read accounts, in ID order; none of accounts outside the OU.
	i1, i2 := strings.Index(out, "account "+orgSCP), strings.Index(out, "account "+orgThrottled)
	if i1 < 0 || i2 < 0 || i1 > i2 {
		t.Errorf("tables of %s and %s not in ID order (%d, %d)", orgSCP, orgThrottled, i1, i2)
	}
	for _, id := range []string{orgMgmt, orgProd, orgSlow} {
		if strings.Contains(out, "account "+id) {
			t.Errorf("account %s outside the selection was scanned", id)
		}
	}
}

// TestOrgFlagErrors: bad organization input is refused with exit 2 and a
// message naming the problem.
func TestOrgFlagErrors(t *testing.T) {
	r := startOrgFake(t, 3*time.Millisecond)
	live := []string{"-q", "--endpoint-url", r.URL, "--regions", "eu-west-1"}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", "--org", "--accounts", "111122223333"}, "exclusive"},
		{[]string{"scan", "--ous", "ou-ab12-prod0001"}, "--ous needs --org"},
		{[]string{"scan", "--exclude-accounts", orgProd}, "--exclude-accounts needs --org"},
		{[]string{"scan", "--account-concurrency", "2"}, "--account-concurrency needs --accounts or --org"},
		{[]string{"scan", "--org", "--account-concurrency", "0"}, "want 1 or more"},
		{[]string{"scan", "--org", "--ous", "ou-AB"}, "want ou-"},
		{[]string{"scan", "--org", "--ous", orgProd}, "want ou-"},
		{[]string{"scan", "--org", "--exclude-accounts", "12345"}, "want 12 digits"},
		{[]string{"scan", "--org", "--member-role", "path/Role"}, "plain role name"},
		{[]string{"scan", "--org", "--role-arn", "arn:aws:iam::111122223333:role/X"}, "exclusive"},
		{[]string{"scan", "--org", "--demo"}, "--demo"},
		{[]string{"scan", "--org", "--ous", "ou-ab12-nope0001"}, "not an organizational unit or root of this organization"},
		{[]string{"scan", "--org", "--exclude-accounts", "999999999999"}, "not an account of this organization"},
		{[]string{"scan", "--org", "--ous", "ou-ab12-devv0001", "--exclude-accounts", orgSCP + "," + orgThrottled}, "no account to read"},
		{[]string{"collect", "--org"}, "--output FILE is required"},
	} {
		code, _, errOut := run(t, append(tc.args, live...)...)
		if code != ExitError || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	// A member's credentials cannot list the organization.
	t.Setenv("AWS_ACCESS_KEY_ID", awsfake.AccessKey(orgProd))
	code, _, errOut := run(t, append([]string{"scan", "--org"}, live...)...)
	if code != ExitError || !strings.Contains(errOut, "cannot list organization") || !strings.Contains(errOut, "management account") {
		t.Errorf("member caller: exit %d: %s", code, errOut)
	}
}

// TestCollectOrgInterrupted: Ctrl-C during an organization run keeps what
// the finished accounts read (their snapshots and accounts.json), lists
// the accounts not read with the reason, and exits 2.
func TestCollectOrgInterrupted(t *testing.T) {
	r := startOrgFake(t, 2*time.Second)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	app := &App{Stdout: &out, Stderr: &syncWriter{w: &errb}, Stdin: strings.NewReader(""),
		IsTTY: func(io.Writer) bool { return false }, Getenv: func(string) string { return "" }}
	done := make(chan int)
	go func() {
		done <- app.Run(ctx, []string{"collect", "--org", "-q", "--endpoint-url", r.URL, "--regions", "eu-west-1",
			"--account-concurrency", "2", "-o", dir})
	}()
	// The slow account (every call 2 s) is still being read when the
	// fast ones are saved: interrupt then.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(filepath.Join(dir, orgThrottled+".json")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the fast accounts were never saved")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	var code int
	select {
	case code = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the interrupted run did not end")
	}
	if code != ExitError || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	reads := readAccountsFile(t, dir)
	byID := map[string]accountRead{}
	for _, g := range reads {
		byID[g.AccountID] = g
	}
	for _, id := range []string{orgMgmt, orgProd, orgSCP, orgThrottled} {
		g := byID[id]
		if g.Read != "full" && g.Read != "partial" {
			t.Errorf("finished account %s: %+v", id, g)
		}
		if _, err := state.LoadSnapshot(filepath.Join(dir, id+".json")); err != nil {
			t.Errorf("finished account %s: %v", id, err)
		}
	}
	if s := byID[orgSlow]; s.Reason == "" || s.Read == "full" {
		t.Errorf("the interrupted account: %+v", s)
	}
}

// assertOrgListFormats: the organization's SARIF, JUnit, ASFF and OCSF
// reports (written by their replaying writers from the results kept in
// files, report.Format.Replay) hold one item per result of its JSON
// report, each of its own account, in the same order.
func assertOrgListFormats(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := report.ReadJSON("report.json", b)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range d.Report.Results {
		want = append(want, f.AccountID)
	}
	read := func(name string, v any) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".xml") {
			err = xml.Unmarshal(b, v)
		} else {
			err = json.Unmarshal(b, v)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				Properties struct {
					AccountID string `json:"accountId"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	var junit struct {
		Tests  int `xml:"tests,attr"`
		Suites []struct {
			Cases []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	var asff []struct {
		AwsAccountID string `json:"AwsAccountId"`
	}
	var ocsf []struct {
		Cloud struct {
			Account struct {
				UID string `json:"uid"`
			} `json:"account"`
		} `json:"cloud"`
	}
	read("report.sarif", &sarif)
	read("report.junit.xml", &junit)
	read("report.asff.json", &asff)
	read("report.ocsf.json", &ocsf)
	got := map[string][]string{}
	for _, r := range sarif.Runs[0].Results {
		got["sarif"] = append(got["sarif"], r.Properties.AccountID)
	}
	for _, s := range junit.Suites {
		for _, c := range s.Cases {
			acct, _, _ := strings.Cut(c.Name, " ")
			got["junit"] = append(got["junit"], acct)
		}
	}
	for _, f := range asff {
		got["asff"] = append(got["asff"], f.AwsAccountID)
	}
	for _, e := range ocsf {
		got["ocsf"] = append(got["ocsf"], e.Cloud.Account.UID)
	}
	if junit.Tests != len(want) {
		t.Errorf("junit: tests=%d, want %d", junit.Tests, len(want))
	}
	for _, name := range []string{"sarif", "junit", "asff", "ocsf"} {
		if strings.Join(got[name], ",") != strings.Join(want, ",") {
			t.Errorf("organization %s report: %d results, want %d in the JSON report's order", name, len(got[name]), len(want))
		}
	}
}

// assertOrgReportConcatenates: the organization's report DIR/report.json
// (written from results kept in files while the accounts were read, see
// engine.Combiner.SpillTo) holds every read account's results, in
// account-ID order and each account's own order, with the account's name
// and OU path.
func assertOrgReportConcatenates(t *testing.T, dir string, reads []accountRead) {
	t.Helper()
	read := func(path string) *engine.Report {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := report.ReadJSON(path, b)
		if err != nil {
			t.Fatal(err)
		}
		return d.Report
	}
	comb := read(filepath.Join(dir, "report.json"))
	var want []engine.Finding
	for _, r := range reads {
		if r.Read != "full" && r.Read != "partial" {
			continue
		}
		want = append(want, read(filepath.Join(dir, r.AccountID, "report.json")).Results...)
	}
	if len(want) == 0 || len(comb.Results) != len(want) {
		t.Fatalf("organization report: %d results, the accounts' reports %d", len(comb.Results), len(want))
	}
	names := map[string]accountRead{}
	for _, r := range reads {
		names[r.AccountID] = r
	}
	for i, w := range want {
		g := comb.Results[i]
		if g.AccountID != w.AccountID || g.CheckID != w.CheckID || g.Resource != w.Resource || g.Status != w.Status || g.Message != w.Message {
			t.Fatalf("organization report result %d: %s %s %s %s, the account's: %s %s %s %s", i,
				g.AccountID, g.CheckID, g.Resource, g.Status, w.AccountID, w.CheckID, w.Resource, w.Status)
		}
		if a := names[g.AccountID]; g.AccountName != a.Name || g.OUPath != a.OUPath {
			t.Fatalf("organization report result %d: account %s named %q at %q, want %q at %q", i, g.AccountID, g.AccountName, g.OUPath, a.Name, a.OUPath)
		}
	}
	if comb.Summary.Total != len(want) {
		t.Errorf("organization summary counts %d results, the report has %d", comb.Summary.Total, len(want))
	}
}
