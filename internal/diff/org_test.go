package diff

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// orgRep combines accounts (ID -> findings) and unread accounts into one
// organization result.
func orgRep(t *testing.T, accts map[string][]engine.Finding, unread map[string]string) *engine.Report {
	t.Helper()
	var reps []*engine.Report
	for id, fs := range accts {
		r := &engine.Report{AccountID: id, Results: fs, ChecksRun: []string{"a"}, RegionsScanned: []string{"eu-west-1"}}
		reps = append(reps, r)
	}
	r, err := engine.Combine(reps, unread, nil, "o-1")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCompareOrg: results are keyed by account, check and resource (the
// same check and resource in two accounts are two results); an account
// absent from the new side or not read there is reported, and its
// failures are no longer evaluated, never fixed.
func TestCompareOrg(t *testing.T) {
	const a, b, c, d = "111111111111", "222222222222", "333333333333", "444444444444"
	old := orgRep(t, map[string][]engine.Finding{
		a: {fnd("a", "r1", check.Fail, check.High), fnd("a", "r2", check.Fail, check.High)},
		b: {fnd("a", "r1", check.Pass, check.High)},
		c: {fnd("a", "r9", check.Fail, check.Critical)},
		d: {fnd("a", "r8", check.Fail, check.Low)},
	}, nil)
	new := orgRep(t, map[string][]engine.Finding{
		a:              {fnd("a", "r1", check.Fail, check.High), fnd("a", "r2", check.Pass, check.High)},
		b:              {fnd("a", "r1", check.Fail, check.High)}, // the same pair as a's r1, new in b
		"555555555555": {fnd("a", "r7", check.Fail, check.Medium)},
	}, map[string]string{d: "AssumeRole: AccessDenied"})
	df := Compare(old, new)
	got := func(l []Change) string {
		var out []string
		for _, ch := range l {
			out = append(out, ch.AccountID+"/"+ch.Resource)
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct{ name, got, want string }{
		{"new", got(df.NewFailures), b + "/r1,555555555555/r7"},
		{"still", got(df.StillFailing), a + "/r1"},
		{"fixed", got(df.Fixed), a + "/r2"},
		{"no longer evaluated", got(df.NoLongerEvaluated), c + "/r9," + d + "/r8"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, tc.got, tc.want)
		}
	}
	for _, ch := range df.NoLongerEvaluated {
		want := map[string]string{c: "account " + c + " is not in the new result", d: "account " + d + " was not read in the new scan: AssumeRole: AccessDenied"}[ch.AccountID]
		if ch.Reason != want {
			t.Errorf("%s: reason %q, want %q", ch.AccountID, ch.Reason, want)
		}
	}
	if df.Narrowed.AccountChanged {
		t.Error("two results of one organization are not of different accounts")
	}
	notes := map[string]string{}
	for _, ac := range df.Accounts {
		notes[ac.AccountID] = ac.Note
	}
	if len(df.Accounts) != 5 || !strings.HasPrefix(notes[c], "only in the old result") || notes["555555555555"] != "only in the new result" ||
		!strings.HasPrefix(notes[d], "not read in the new scan") || notes[a] != "" {
		t.Errorf("accounts: %+v", df.Accounts)
	}
	if df.Accounts[0].Fixed != 1 || df.Accounts[0].StillFailing != 1 || df.Accounts[1].NewFailures != 1 {
		t.Errorf("per-account counts: %+v", df.Accounts[:2])
	}
	if df.GateAtOrAbove(check.Critical) != 1 {
		t.Errorf("the gate must count the unread account's critical failure")
	}
	var tb, md bytes.Buffer
	if err := Table(&tb, df); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&md, df); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{tb.String(), md.String()} {
		if !strings.Contains(out, "only in the old result") || !strings.Contains(out, "555555555555") {
			t.Errorf("rendering lacks the accounts:\n%s", out)
		}
	}
}
