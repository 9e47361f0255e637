package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dsSpotFleet adds active Spot Fleet request sfr-1 in eu-west-1 with one
// launch specification mapping an encrypted root volume, edited by mut.
func dsSpotFleet(mut func(r *state.SpotFleetRequest)) func(*state.Account) {
	return func(a *state.Account) {
		on := true
		r := state.SpotFleetRequest{Meta: nwEUMeta("ec2", "spot-fleet-request/sfr-1"), ID: "sfr-1", State: "active", LaunchSpecifications: 1,
			EBSVolumes: []state.TemplateVolume{{Device: "1:/dev/xvda", Encrypted: &on}}}
		if mut != nil {
			mut(&r)
		}
		a.EC2.SpotFleetRequests = append(a.EC2.SpotFleetRequests, r)
	}
}

func ec2SpotCases() map[string][]checkCase {
	off := false
	c := func(name string, mut func(*state.SpotFleetRequest), msg string, want check.Status, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){dsSpotFleet(mut)}, more...)...), want: dsWant(want), msg: msg}
	}
	unset := func(r *state.SpotFleetRequest) { r.EBSVolumes[0].Encrypted = nil }
	ebsDefault := func(on bool) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.RegionSettings = append(a.EC2.RegionSettings, state.EC2RegionSettings{Region: "eu-west-1", EBSEncryptionByDefault: on})
		}
	}
	return map[string][]checkCase{
		"ec2_spot_fleet_ebs_encrypted": {
			c("encrypted", nil, "encrypts its 1", dsP),
			c("encryption off", func(r *state.SpotFleetRequest) { r.EBSVolumes[0].Encrypted = &off }, "1:/dev/xvda", dsF),
			c("unset, default on", unset, "is on", dsP, ebsDefault(true)),
			c("unset, default off", unset, "is off", dsF, ebsDefault(false)),
			c("unset, default not read", unset, "not collected", dsU),
			c("unset, default denied", unset, "", dsU, dsGap("ec2", "eu-west-1", "GetEbsEncryptionByDefault", "")),
			c("launch templates", func(r *state.SpotFleetRequest) { r.LaunchSpecifications, r.EBSVolumes = 0, nil }, "launch templates", dsNA),
			c("cancelled", func(r *state.SpotFleetRequest) { r.State, r.EBSVolumes[0].Encrypted = "cancelled", &off }, "", dsNA),
			c("listing denied", nil, "", dsU, dsGap("ec2", "eu-west-1", "DescribeSpotFleetRequests", "")),
		},
	}
}
