package awsfake_test

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/collect"
	collectaws "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// withoutDetails is a with the data of Detail operations removed (the IAM
// access keys and users' hardware MFA devices) and, when budgetSkipped, that
// of the Budgeted snapshot reads: the accounts each snapshot is shared with
// (not "all": public snapshots are listed in bulk).
func withoutDetails(a *state.Account, budgetSkipped bool) *state.Account {
	b := *a
	b.EC2.Snapshots = append([]state.Snapshot(nil), a.EC2.Snapshots...)
	for i, s := range b.EC2.Snapshots {
		if !budgetSkipped {
			break
		}
		b.EC2.Snapshots[i].SharedWith = nil
		if s.Public() {
			b.EC2.Snapshots[i].SharedWith = []string{"all"}
		}
	}
	virtual := map[string]bool{}
	for _, d := range a.IAM.VirtualMFADevices {
		virtual[d.SerialNumber] = true
	}
	b.IAM.Users = append([]state.User(nil), a.IAM.Users...)
	for i, u := range b.IAM.Users {
		b.IAM.Users[i].AccessKeys = nil
		b.IAM.Users[i].MFADevices = nil
		for _, s := range u.MFADevices {
			if virtual[s] {
				b.IAM.Users[i].MFADevices = append(b.IAM.Users[i].MFADevices, s)
			}
		}
	}
	b.Gaps = state.Gaps{}
	return &b
}

// TestSkippedDetailsChangeNoCheck collects the same accounts with every
// detail read and with none (and with auto under a rate that makes the
// budgeted snapshot reads too slow): no check result may differ, except
// that a check judging a skipped budgeted read may turn unknown (never
// another verdict); the state may lack only the skipped data, each skipped
// read is a `skipped` gap that says how to read it, and no skipped call is
// sent.
func TestSkippedDetailsChangeNoCheck(t *testing.T) {
	accounts := map[string]*state.Account{"demo": demoWithoutGaps(t), "synth": awsfake.Expressible(synth.Account(synth.Options{Seed: 3, Resources: 400}))}
	// over is how many snapshots a region needs for the mode to skip their
	// sharing reads (budgeted: a check judges them): none, like auto at the
	// default 20/s burst 100, allows 100 + 20 × 30 s = 700; auto at 0.1/s
	// burst 1 allows 1 + 0.1 × 30 s = 4.
	modes := map[string]struct {
		tune func(*collectaws.Options)
		over int
	}{
		"none": {func(o *collectaws.Options) { o.Details = collect.DetailsNone }, 700},
		"auto, slow snapshot reads": {func(o *collectaws.Options) {
			o.Details = collect.DetailsAuto
			o.Rates = map[string]collect.Rate{"ec2:DescribeSnapshotAttribute": {RPS: 0.1, Burst: 1}}
		}, 4},
	}
	for name, a := range accounts {
		_, full, _ := scan(t, a, awsfake.Options{}, nil)
		for mode, m := range modes {
			t.Run(name+"/"+mode, func(t *testing.T) {
				res, rep, st := scan(t, a, awsfake.Options{}, m.tune)
				if len(rep.Results) != len(full.Results) {
					t.Errorf("%d results, %d with every detail read", len(rep.Results), len(full.Results))
				}
				was := index(full)
				for k, f := range index(rep) {
					w := was[k]
					if judgesSnapshotSharing[k.check] && ((f.Status == check.Unknown && strings.Contains(f.Message, "DescribeSnapshotAttribute")) ||
						(f.Status == w.Status && strings.Contains(f.Message, "Access Analyzer"))) {
						continue // its input was skipped: unknown, or the same verdict from Access Analyzer's findings
					}
					if w.Status != f.Status || w.Message != f.Message {
						t.Errorf("%s on %s: %s %q, with details %s %q", k.check, k.resource, f.Status, f.Message, w.Status, w.Message)
					}
				}
				skipped := map[string]bool{}
				for _, g := range res.Account.Gaps.All() {
					if g.Reason == state.ReasonRegionDisabled {
						continue
					}
					if g.Reason != state.ReasonSkipped {
						t.Errorf("unexpected gap %s", g)
						continue
					}
					skipped[g.Service+":"+g.Operation+"@"+g.Region] = true
					if g.Message == "" {
						t.Errorf("skipped gap %s does not say what was skipped", g)
					}
				}
				if m.over < 700 && st.Calls["ec2:DescribeSnapshotAttribute"] != 0 {
					t.Errorf("%d DescribeSnapshotAttribute calls sent while skipped", st.Calls["ec2:DescribeSnapshotAttribute"])
				}
				for _, r := range a.ScannedRegions() {
					n := 0
					for _, s := range a.EC2.Snapshots {
						if s.Region == r {
							n++
						}
					}
					if want := n > m.over; skipped["ec2:DescribeSnapshotAttribute@"+r] != want {
						t.Errorf("%s: %d snapshots, skipped gap %v", r, n, !want)
					}
				}
				if mode == "none" && !skipped["iam:ListAccessKeys@"] {
					t.Errorf("no skipped gap for ListAccessKeys: %v", skipped)
				}
				// A user with a hardware device loses it without details.
				hardware := false
				for i, u := range withoutDetails(a, false).IAM.Users {
					hardware = hardware || len(u.MFADevices) != len(a.IAM.Users[i].MFADevices)
				}
				if mode == "none" && hardware != skipped["iam:ListMFADevices@"] {
					t.Errorf("users with hardware MFA: %v, skipped gap for ListMFADevices: %v", hardware, skipped["iam:ListMFADevices@"])
				}
				want := withoutDetails(a, m.over < 700)
				if mode != "none" {
					want.IAM.Users = a.IAM.Users // auto read the few access keys and MFA devices
				}
				got := *res.Account
				got.Gaps = state.Gaps{}
				assertSame(t, want, &got)
			})
		}
	}
}

// judgesSnapshotSharing are the checks that judge the Budgeted
// DescribeSnapshotAttribute reads.
var judgesSnapshotSharing = map[string]bool{"ec2_snapshot_shared_trusted_only": true}
