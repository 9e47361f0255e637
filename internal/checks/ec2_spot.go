package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ec2SpotChecks are svc-gaps3's EC2 duty: Spot Fleet requests that carry
// launch parameters encrypt the EBS volumes they map (FSBP EC2.173), by
// the launch templates' rule (judgeEBSMappings).
func ec2SpotChecks() []check.Check {
	return []check.Check{{
		ID: "ec2_spot_fleet_ebs_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputSpotFleetRequests}, a.EC2.SpotFleetRequests, func(r state.SpotFleetRequest) check.Result {
				switch {
				case !r.Launches():
					return check.NotApplicableR(r, "Spot Fleet request %s is %s: it launches nothing more", r.ID, r.State)
				case r.LaunchSpecifications == 0:
					return check.NotApplicableR(r, "Spot Fleet request %s launches from launch templates (judged by ec2_launch_template_ebs_encrypted)", r.ID)
				case len(r.EBSVolumes) == 0:
					return check.NotApplicableR(r, "the launch specifications of Spot Fleet request %s map no EBS volumes: they come from the AMI", r.ID)
				}
				return judgeEBSMappings(a, r, "Spot Fleet request "+r.ID, "Spot Fleet request "+r.ID, r.EBSVolumes)
			})
		},
	}}
}
