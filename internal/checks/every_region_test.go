package checks

import (
	"fmt"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestEveryRegionChecksDoNotPassUnscannedRegions: a setting that must be on
// in every region, read as on in every scanned region, is unknown (never an
// implied pass) in an enabled region left out of the scan and, when the
// region list could not be read, for the account; a disabled region is
// not judged.
func TestEveryRegionChecksDoNotPassUnscannedRegions(t *testing.T) {
	on := state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-all-sharing", ImageBlockPublicAccess: "block-new-sharing",
		VPCBlockPublicAccess: "block-ingress", IMDSDefaultHTTPTokens: "required"}
	settings := func(a *state.Account) {
		nwEC2Settings(on, on)(a)
		a.SSM.RegionSettings = []state.SSMRegionSettings{{Region: "eu-west-1", DocumentPublicSharingBlocked: true}, {Region: "us-east-1", DocumentPublicSharingBlocked: true}}
	}
	unscanned := func(a *state.Account) {
		a.Regions = append(a.Regions, state.Region{Name: "ap-south-1", Enabled: true, OptInStatus: "opt-in-not-required"},
			state.Region{Name: "af-south-1", OptInStatus: "not-opted-in"})
	}
	noRegionList := withGap(state.Gap{Service: "ec2", Operation: "DescribeRegions", Reason: state.ReasonAccessDenied})
	cases := []struct {
		name string
		acct *state.Account
		// want maps a result's region ("" for the account) to its status.
		want map[string]check.Status
	}{
		{"every enabled region scanned", baseAccount(settings), map[string]check.Status{"eu-west-1": stP, "us-east-1": stP}},
		{"an enabled region not scanned", baseAccount(settings, unscanned), map[string]check.Status{"eu-west-1": stP, "us-east-1": stP, "ap-south-1": stU}},
		{"region list unknown", baseAccount(settings, noRegionList), map[string]check.Status{"": stU, "eu-west-1": stP, "us-east-1": stP}},
	}
	by := ByID()
	for _, id := range []string{"ec2_snapshot_public_access_blocked", "ec2_image_public_access_blocked", "ssm_document_public_sharing_blocked",
		"ec2_vpc_block_public_access", "ec2_instance_imdsv2_account_default"} {
		c, ok := by[id]
		if !ok {
			t.Fatalf("no check %s", id)
		}
		for _, tc := range cases {
			t.Run(id+"/"+tc.name, func(t *testing.T) {
				got := map[string]check.Status{}
				for _, r := range c.Run(tc.acct, policy.Default()) {
					if _, dup := got[r.Region]; dup {
						t.Errorf("two results for region %q", r.Region)
					}
					got[r.Region] = r.Status
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.want) {
					t.Errorf("statuses by region = %v, want %v", got, tc.want)
				}
			})
		}
	}
}
