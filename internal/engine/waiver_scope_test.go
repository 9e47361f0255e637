package engine

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestWaiverStaleOnlyWhenEvaluated: a waiver that matched nothing is stale
// only when its check ran over every enabled region; a scan narrowed by
// --check or --regions reports it as not evaluated, with the reason.
func TestWaiverStaleOnlyWhenEvaluated(t *testing.T) {
	waiver := func(resource string) policy.Waiver {
		return policy.Waiver{Check: "test_fixed", Resource: resource, Reason: "r", Owner: "o", Expires: now.AddDate(1, 0, 0)}
	}
	other := check.Check{ID: "test_other", Area: check.Logging, Service: "test", Run: func(*state.Account, *policy.Policy) []check.Result { return nil }}
	regions := func(rs ...state.Region) *state.Account {
		a := acct()
		a.Regions = rs
		return a
	}
	all := regions(state.Region{Name: "eu-west-1", Enabled: true, Scanned: true}, state.Region{Name: "af-south-1"})
	narrow := regions(state.Region{Name: "eu-west-1", Enabled: true, Scanned: true}, state.Region{Name: "us-east-1", Enabled: true}, state.Region{Name: "eu-central-1", Enabled: true})
	tests := []struct {
		name      string
		checks    []check.Check
		acct      *state.Account
		resource  string
		want, why string
	}{
		{"full scan", []check.Check{fixed(), other}, all, "arn:aws:s3:::gone", WaiverStale, ""},
		{"check narrowed to the waiver's", []check.Check{fixed()}, all, "arn:aws:s3:::gone", WaiverStale, ""},
		{"check not run", []check.Check{other}, all, "arn:aws:s3:::gone", WaiverUnevaluated, "its check test_fixed was not run"},
		{"regions narrowed", []check.Check{fixed(), other}, narrow, "arn:aws:s3:::gone", WaiverUnevaluated, "enabled regions not scanned (--regions): eu-central-1, us-east-1"},
		{"regions narrowed, waiver in a scanned region", []check.Check{fixed()}, narrow, "arn:aws:ec2:eu-west-1:1:security-group/sg-*", WaiverStale, ""},
		{"regions narrowed, waiver in an unscanned region", []check.Check{fixed()}, narrow, "arn:aws:ec2:us-east-1:1:security-group/sg-1", WaiverUnevaluated, "eu-central-1, us-east-1"},
		{"regions narrowed, any region", []check.Check{fixed()}, narrow, "arn:aws:ec2:*:1:security-group/sg-1", WaiverUnevaluated, "eu-central-1, us-east-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Run(tc.checks, tc.acct, &policy.Policy{Waivers: []policy.Waiver{waiver(tc.resource)}})
			if len(rep.WaiverIssues) != 1 {
				t.Fatalf("waiver issues %+v, want one", rep.WaiverIssues)
			}
			wi := rep.WaiverIssues[0]
			if wi.Problem != tc.want || !strings.Contains(wi.Reason, tc.why) {
				t.Errorf("got %q (%s), want %q (%s)", wi.Problem, wi.Reason, tc.want, tc.why)
			}
			if tc.want == WaiverUnevaluated && !strings.Contains(wi.Reason, "not evaluated in this scan") {
				t.Errorf("reason %q does not say it was not evaluated in this scan", wi.Reason)
			}
		})
	}
}
