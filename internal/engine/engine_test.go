package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func fixed(results ...check.Result) check.Check {
	return check.Check{ID: "test_fixed", Title: "t", Area: check.EncryptionAtRest, Service: "test", Severity: check.Medium,
		Run: func(*state.Account, *policy.Policy) []check.Result { return results }}
}

var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func acct() *state.Account { return &state.Account{AccountID: "1", CollectedAt: now} }

func TestWaiversAndOverrides(t *testing.T) {
	res := []check.Result{
		{Status: check.Fail, Resource: "arn:aws:s3:::logs-a", Message: "m"},
		{Status: check.Fail, Resource: "arn:aws:s3:::data", Message: "m", Tags: map[string]string{"data-classification": "pii"}},
		{Status: check.Pass, Resource: "arn:aws:s3:::logs-b", Message: "m"},
	}
	p := &policy.Policy{
		SeverityOverrides: map[string]string{"test_fixed": "low"},
		Waivers: []policy.Waiver{
			{Check: "test_fixed", Resource: "arn:aws:s3:::logs-*", Reason: "log buckets", Owner: "sec", Expires: now.AddDate(0, 1, 0)},
			{Check: "test_fixed", Resource: "arn:aws:s3:::data", Reason: "old", Owner: "ops", Expires: now.AddDate(0, -1, 0)},
			{Check: "test_fixed", Resource: "arn:aws:s3:::gone", Reason: "nothing", Owner: "ops", Expires: now.AddDate(1, 0, 0)},
		},
	}
	rep := Run([]check.Check{fixed(res...)}, acct(), p)
	got := map[string]Finding{}
	for _, f := range rep.Results {
		got[f.Resource] = f
	}
	if f := got["arn:aws:s3:::logs-a"]; f.Status != check.Waived || f.Waiver == nil || !strings.Contains(f.Message, "sec") {
		t.Errorf("logs-a: %+v", f)
	}
	if f := got["arn:aws:s3:::logs-b"]; f.Status != check.Pass {
		t.Errorf("a pass is never waived: %+v", f)
	}
	f := got["arn:aws:s3:::data"]
	if f.Status != check.Fail {
		t.Errorf("expired waiver must not apply: %+v", f)
	}
	if f.Severity != check.Medium || !f.Sensitive {
		t.Errorf("override to low then +1 for pii should give medium, got %v sensitive=%v", f.Severity, f.Sensitive)
	}
	if len(rep.WaiverIssues) != 2 || rep.WaiverIssues[0].Problem != "expired" || rep.WaiverIssues[1].Problem != "stale" {
		t.Errorf("waiver issues: %+v", rep.WaiverIssues)
	}
	if rep.Summary.ByStatus[check.Waived] != 1 || rep.Summary.ByStatus[check.Fail] != 1 || rep.Summary.FailBySeverity["medium"] != 1 {
		t.Errorf("summary: %+v", rep.Summary)
	}
}

func TestPanickingCheckIsUnknown(t *testing.T) {
	c := check.Check{ID: "test_boom", Area: check.Logging, Service: "test", Run: func(*state.Account, *policy.Policy) []check.Result { panic("nil map") }}
	rep := Run([]check.Check{c}, acct(), nil)
	if len(rep.Results) != 1 || rep.Results[0].Status != check.Unknown || !strings.Contains(rep.Results[0].Message, "crashed") {
		t.Fatalf("got %+v", rep.Results)
	}
}

func TestMatchResource(t *testing.T) {
	tests := []struct {
		pattern, arn string
		want         bool
	}{
		{"arn:aws:s3:::a", "arn:aws:s3:::a", true},
		{"arn:aws:s3:::a*", "arn:aws:s3:::abc", true},
		{"arn:aws:ec2:*:1:instance/*", "arn:aws:ec2:eu-west-1:1:instance/i-1", true},
		{"arn:aws:ec2:*:1:volume/*", "arn:aws:ec2:eu-west-1:1:instance/i-1", false},
		{"*", "anything", true},
		{"arn:aws:s3:::?", "arn:aws:s3:::ab", false},
	}
	for _, tc := range tests {
		if got := MatchResource(tc.pattern, tc.arn); got != tc.want {
			t.Errorf("MatchResource(%q, %q) = %v", tc.pattern, tc.arn, got)
		}
	}
}

// TestResultsOrderedStably: a check's results are ordered by resource, and
// results for the same resource keep the order the check gave them.
func TestResultsOrderedStably(t *testing.T) {
	res := []check.Result{
		{Status: check.Pass, Resource: "arn:aws:s3:::c", Message: "c1"},
		{Status: check.Fail, Resource: "arn:aws:s3:::a", Message: "a1"},
		{Status: check.Pass, Resource: "arn:aws:s3:::c", Message: "c2"},
		{Status: check.Unknown, Resource: "arn:aws:s3:::b", Message: "b1"},
		{Status: check.Fail, Resource: "arn:aws:s3:::a", Message: "a2"},
		{Status: check.Pass, Resource: "arn:aws:s3:::c", Message: "c3"},
	}
	rep := Run([]check.Check{fixed(res...)}, acct(), nil)
	var got []string
	for _, f := range rep.Results {
		got = append(got, f.Message)
	}
	if want := "a1 a2 b1 c1 c2 c3"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}
