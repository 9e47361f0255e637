package report_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// replayAccounts are the every-status report for three accounts that
// differ where the first result decides a format's header: the account
// added first (333...) is last in the report, has the China partition, a
// check's severity overridden and a title of its own; the second has no
// results; the third (111..., first in the report) has its results in
// another region than the others.
func replayAccounts() ([]*engine.Report, report.Options) {
	var reps []*engine.Report
	var o report.Options
	for _, id := range []string{"333333333333", "222222222222", "111111111111"} {
		r, opts := everyStatusReport()
		o = opts
		r.AccountID, r.AccountName = id, ""
		for i := range r.Results {
			f := &r.Results[i]
			switch id {
			case "333333333333":
				f.Resource = strings.Replace(f.Resource, "arn:aws:", "arn:aws-cn:", 1)
				f.Severity = check.Low
				f.Title = "Own title of " + f.CheckID
			case "111111111111":
				if f.Region != "" {
					f.Region = "ap-south-1"
				}
			}
		}
		// As the engine gives them (report order): each area's and
		// service's results together, which the table's replaying writer
		// relies on.
		r.Results = groupedResults(r.Results)
		if id == "222222222222" {
			r.Results = []engine.Finding{}
			r.Summary = engine.Summary{ByStatus: map[check.Status]int{}}
		}
		reps = append(reps, r)
	}
	// A check without text of its own: its rule's title is its first
	// result's; no default region: ASFF's is the busiest one.
	delete(o.Checks, "ec2_pass")
	o.Region = ""
	return reps, o
}

// groupedResults orders results as the engine does within one account:
// each area and service together, the groups in the order they first
// appear, a group's results in their order.
func groupedResults(fs []engine.Finding) []engine.Finding {
	type key struct {
		area    check.Area
		service string
	}
	first := map[key]int{}
	for _, f := range fs {
		k := key{f.Area, f.Service}
		if _, ok := first[k]; !ok {
			first[k] = len(first)
		}
	}
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(x, y engine.Finding) int {
		return first[key{x.Area, x.Service}] - first[key{y.Area, y.Service}]
	})
	return out
}

// TestReplayByteIdentical: every format with a replaying writer
// (Format.Replay) writes, from a combined report whose results were kept
// in files as each account was added (engine.Combiner.SpillTo) and
// digested account by account in the order they came, exactly the bytes
// its Write gives for the same report held whole; and the formats
// without one are the ones that rank, group or count across the report.
func TestReplayByteIdentical(t *testing.T) {
	tree := &state.OrgTree{Roots: []state.OrgRoot{{ID: "r-1"}}, Accounts: []state.OrgAccount{{ID: "111111111111", Name: "alpha", ParentID: "r-1"}}}
	reps, o := replayAccounts()
	held, err := engine.Combine(reps, map[string]string{"444444444444": "AssumeRole: AccessDenied"}, tree, "o-test")
	if err != nil {
		t.Fatal(err)
	}
	if len(held.Results) != 12 || held.Results[0].AccountID != "111111111111" {
		t.Fatalf("held report: %d results", len(held.Results))
	}
	var replayable []string
	for _, fm := range report.Formats() {
		if fm.Replay == nil {
			continue
		}
		replayable = append(replayable, fm.Name)
		var want bytes.Buffer
		if err := fm.Write(&want, held, o); err != nil {
			t.Fatalf("%s: %v", fm.Name, err)
		}
		reps, _ := replayAccounts()
		c := engine.NewCombiner()
		c.SpillTo(t.TempDir())
		d := report.NewDigest()
		for _, r := range reps {
			d.Add(r.AccountID, r.Results)
			if err := c.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.AddUnread("444444444444", "", "AssumeRole: AccessDenied"); err != nil {
			t.Fatal(err)
		}
		rep := c.Report(tree, "o-test")
		var got bytes.Buffer
		s := fm.Replay(&got, o, d)
		if err := s.Start(rep); err != nil {
			t.Fatal(err)
		}
		if err := c.ReplayResults(rep, func(fs []engine.Finding) error { return s.Findings(nil, fs) }); err != nil {
			t.Fatal(err)
		}
		if err := s.End(rep); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: the replayed report differs from the held one:\n%s\nwant:\n%s", fm.Name, got.String(), want.String())
		}
	}
	if got, want := strings.Join(replayable, ","), "table,json,sarif,junit,csv,asff,ocsf"; got != want {
		t.Errorf("formats that replay: %s, want %s", got, want)
	}
	// The header the digest decides is the first account's, not the
	// first added: the partition, the busiest region over all accounts, and the China account's own severity
	// and title nowhere in the rules.
	var sarif, asff bytes.Buffer
	if err := report.SARIF(&sarif, held, o); err != nil {
		t.Fatal(err)
	}
	if err := report.ASFF(&asff, held, o); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sarif.String(), "Own title of ec2_pass") || !strings.Contains(sarif.String(), `"text":"Title of ec2_pass"`) {
		t.Errorf("SARIF rule of ec2_pass does not take its first result's title:\n%s", sarif.String())
	}
	if !strings.Contains(asff.String(), `"ProductArn":"arn:aws:securityhub:ap-south-1:111111111111:`) {
		t.Errorf("ASFF: want the partition of the first account and the busiest region:\n%.600s", asff.String())
	}
}

// TestJUnitOrgSuitesPerAccount: in a combined report each JUnit suite is
// one account's check, named by both, with the account as a property, so
// the suites follow the results account by account; the totals count
// every case.
func TestJUnitOrgSuitesPerAccount(t *testing.T) {
	r, o := orgReport(t)
	var b bytes.Buffer
	if err := report.JUnit(&b, r, o); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`<testsuites name="shoulder organization o-test" tests="12" failures="2" errors="0" time="0">`,
		`<testsuite name="111111111111 ec2_fail" tests="1" failures="1"`,
		`<testsuite name="222222222222 ec2_fail" tests="1" failures="1"`,
		`<property name="account" value="222222222222"></property>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("JUnit lacks %s:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "<testsuite "); n != 12 {
		t.Errorf("%d suites, want 12 (6 checks in 2 accounts)", n)
	}
}
