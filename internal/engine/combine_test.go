package engine

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// orgTree is a management account and two members under Root/Workloads/Prod
// and Root/Sandbox.
func orgTree() *state.OrgTree {
	return &state.OrgTree{
		Roots: []state.OrgRoot{{ID: "r-1"}},
		Units: []state.OrgUnit{{ID: "ou-w", Name: "Workloads", ParentID: "r-1"}, {ID: "ou-p", Name: "Prod", ParentID: "ou-w"}, {ID: "ou-s", Name: "Sandbox", ParentID: "r-1"}},
		Accounts: []state.OrgAccount{
			{ID: "111111111111", Name: "management", ParentID: "r-1"},
			{ID: "222222222222", Name: "prod-eu", ParentID: "ou-p"},
			{ID: "333333333333", Name: "dev", ParentID: "ou-s"},
		},
	}
}

func runFor(id string, gaps []state.Gap, p *policy.Policy, res ...check.Result) *Report {
	a := &state.Account{AccountID: id, CollectedAt: now}
	for _, g := range gaps {
		a.Gaps.Add(g)
	}
	return Run([]check.Check{fixed(res...)}, a, p)
}

func TestRunSetsTheAccountOnEveryFinding(t *testing.T) {
	tests := []struct {
		name       string
		acct       *state.Account
		wantName   string
		wantOUPath string
	}{
		{"standalone", &state.Account{AccountID: "222222222222", Name: "alias", CollectedAt: now}, "alias", ""},
		{"member without tree", &state.Account{AccountID: "222222222222", CollectedAt: now,
			Organization: &state.Organization{ID: "o-1"}}, "", ""},
		{"with tree", &state.Account{AccountID: "222222222222", CollectedAt: now,
			Organization: &state.Organization{ID: "o-1", Tree: orgTree()}}, "", "Root/Workloads/Prod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Run([]check.Check{fixed(check.Result{Status: check.Fail, Resource: "arn:aws:s3:::a"}, check.Result{Status: check.Pass, Resource: "arn:aws:s3:::b"})}, tt.acct, nil)
			if len(rep.Results) != 2 {
				t.Fatalf("results: %d", len(rep.Results))
			}
			for _, f := range rep.Results {
				if f.AccountID != tt.acct.AccountID || f.AccountName != tt.wantName || f.OUPath != tt.wantOUPath {
					t.Errorf("finding %s: account %q name %q ou %q, want %q %q %q", f.Resource, f.AccountID, f.AccountName, f.OUPath,
						tt.acct.AccountID, tt.wantName, tt.wantOUPath)
				}
			}
		})
	}
}

func TestCombine(t *testing.T) {
	stale := policy.Waiver{Check: "test_fixed", Resource: "arn:aws:s3:::gone", Owner: "ops", Reason: "r", Expires: now.AddDate(1, 0, 0)}
	usedInOne := policy.Waiver{Check: "test_fixed", Resource: "arn:aws:s3:::only-in-b", Owner: "ops", Reason: "r", Expires: now.AddDate(1, 0, 0)}
	p := &policy.Policy{Waivers: []policy.Waiver{stale, usedInOne}}
	// Added out of ID order: the combined report orders accounts by ID.
	b := runFor("333333333333", []state.Gap{{Service: "s3", Operation: "GetBucketPolicy", Reason: state.ReasonAccessDenied}}, p,
		check.Result{Status: check.Fail, Resource: "arn:aws:s3:::only-in-b"},
		check.Result{Status: check.Unknown, Resource: "arn:aws:s3:::u"})
	a := runFor("222222222222", nil, p,
		check.Result{Status: check.Fail, Resource: "arn:aws:s3:::x"},
		check.Result{Status: check.Pass, Resource: "arn:aws:s3:::y"})
	rep, err := Combine([]*Report{b, a}, map[string]string{"444444444444": "AssumeRole: AccessDenied"}, orgTree(), "o-1")
	if err != nil {
		t.Fatal(err)
	}
	if !rep.IsOrg() || rep.AccountID != "" || rep.OrganizationID != "o-1" {
		t.Errorf("combined report: org=%v account %q organization %q", rep.IsOrg(), rep.AccountID, rep.OrganizationID)
	}
	var ids, reads []string
	for _, e := range rep.Accounts {
		ids = append(ids, e.ID)
		reads = append(reads, e.Read)
	}
	if got := strings.Join(ids, ","); got != "222222222222,333333333333,444444444444" {
		t.Errorf("accounts: %s", got)
	}
	if got := strings.Join(reads, ","); got != "full,partial,none" {
		t.Errorf("read levels: %s", got)
	}
	if e := rep.Accounts[2]; e.Reason == "" || e.Summary != nil {
		t.Errorf("unread account: %+v", e)
	}
	if e := rep.Accounts[0]; e.Name != "prod-eu" || e.OUPath != "Root/Workloads/Prod" || e.Summary.Total != 2 {
		t.Errorf("first account: %+v", e)
	}
	if len(rep.Results) != 4 {
		t.Fatalf("results: %d", len(rep.Results))
	}
	for i, want := range []string{"222222222222", "222222222222", "333333333333", "333333333333"} {
		if f := rep.Results[i]; f.AccountID != want {
			t.Errorf("result %d: account %s, want %s", i, f.AccountID, want)
		}
	}
	if f := rep.Results[2]; f.AccountName != "dev" || f.OUPath != "Root/Sandbox" {
		t.Errorf("names from the tree: %+v", f)
	}
	if rep.Summary.Total != 4 || rep.Summary.ByStatus[check.Fail] != 1 || rep.Summary.ByStatus[check.Waived] != 1 || rep.Summary.ByStatus[check.Unknown] != 1 ||
		rep.Summary.GapsByReason[state.ReasonAccessDenied] != 1 || rep.Summary.Checks != 1 {
		t.Errorf("summary: %+v", rep.Summary)
	}
	if a.Results != nil || b.Results != nil {
		t.Error("the accounts' results must move into the combined report")
	}
	// The waiver used in one account is not stale; the one used nowhere is.
	if len(rep.WaiverIssues) != 1 || rep.WaiverIssues[0].Waiver.Resource != stale.Resource || rep.WaiverIssues[0].Problem != WaiverStale {
		t.Errorf("waiver issues: %+v", rep.WaiverIssues)
	}
	if cov := rep.Coverage(); cov.Applicable != 4 || cov.Evaluated != 3 {
		t.Errorf("coverage over every account: %+v", cov)
	}
}

func TestCombineRefuses(t *testing.T) {
	one := func() *Report {
		return runFor("222222222222", nil, nil, check.Result{Status: check.Pass, Resource: "r"})
	}
	combined, err := Combine([]*Report{one()}, nil, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		reps   []*Report
		unread map[string]string
		want   string
	}{
		{"duplicate", []*Report{one(), one()}, nil, "twice"},
		{"read and unread", []*Report{one()}, map[string]string{"222222222222": "x"}, "twice"},
		{"no account", []*Report{{}}, nil, "names no account"},
		{"combined again", []*Report{combined}, nil, "combined again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Combine(tt.reps, tt.unread, nil, ""); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestAccountRank(t *testing.T) {
	sum := func(c, h int) *Summary { return &Summary{FailBySeverity: map[string]int{"critical": c, "high": h}} }
	r := &Report{Accounts: []AccountEntry{
		{ID: "a", Summary: sum(0, 9)}, {ID: "b", Summary: sum(2, 0)}, {ID: "c"}, {ID: "d", Summary: sum(2, 1)}, {ID: "e", Summary: sum(0, 9)},
	}}
	var got []string
	for _, i := range AccountRank(r) {
		got = append(got, r.Accounts[i].ID)
	}
	if s := strings.Join(got, ","); s != "d,b,a,e,c" {
		t.Errorf("rank: %s", s)
	}
}

// TestCombinerSpill: a combiner that keeps each account's results in a file
// (SpillTo) finishes the same report as one that holds them, and replays
// exactly the results, in the order and with the names and OU paths, the
// holding one puts in Results; accounts added out of ID order, one with no
// results, one not read.
func TestCombinerSpill(t *testing.T) {
	p := &policy.Policy{}
	reports := func() []*Report {
		return []*Report{
			runFor("333333333333", []state.Gap{{Service: "s3", Operation: "GetBucketPolicy", Reason: state.ReasonAccessDenied}}, p,
				check.Result{Status: check.Fail, Resource: "arn:aws:s3:::b1", Tags: map[string]string{"k": "v"}},
				check.Result{Status: check.Unknown, Resource: "arn:aws:s3:::b2"}),
			runFor("111111111111", nil, p),
			runFor("222222222222", nil, p,
				check.Result{Status: check.Fail, Resource: "arn:aws:s3:::a1"},
				check.Result{Status: check.Pass, Resource: "arn:aws:s3:::a2"}),
		}
	}
	combine := func(spill string) (*Combiner, *Report) {
		c := NewCombiner()
		if spill != "" {
			c.SpillTo(spill)
		}
		for _, r := range reports() {
			if err := c.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.AddUnread("444444444444", "", "AssumeRole: AccessDenied"); err != nil {
			t.Fatal(err)
		}
		return c, c.Report(orgTree(), "o-1")
	}
	_, held := combine("")
	dir := t.TempDir()
	c, spilled := combine(dir)
	if len(spilled.Results) != 0 {
		t.Fatalf("a spilling combiner holds %d results", len(spilled.Results))
	}
	var replayed []Finding
	if err := c.ReplayResults(spilled, func(fs []Finding) error {
		replayed = append(replayed, fs...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(held.Results) != 4 || len(replayed) != len(held.Results) {
		t.Fatalf("replayed %d results, held %d", len(replayed), len(held.Results))
	}
	for i := range held.Results {
		h, r := held.Results[i], replayed[i]
		if h.AccountID != r.AccountID || h.AccountName != r.AccountName || h.OUPath != r.OUPath || h.Resource != r.Resource ||
			h.Status != r.Status || h.Message != r.Message || h.Tags["k"] != r.Tags["k"] {
			t.Errorf("result %d: replayed %+v, held %+v", i, r, h)
		}
	}
	held.Results, spilled.Results = nil, nil
	if hs, ss := held.Summary, spilled.Summary; hs.Total != ss.Total || len(held.Accounts) != len(spilled.Accounts) {
		t.Errorf("summaries differ: held %+v, spilled %+v", hs, ss)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("spill files left after the replay: %v", left)
	}
	if err := NewCombiner().ReplayResults(held, func([]Finding) error { return nil }); err == nil {
		t.Error("replaying a combiner that did not spill succeeded")
	}
}
