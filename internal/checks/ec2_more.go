package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ec2MoreChecks are the EC2 duties svc-gaps added: interface endpoints
// for ECR, Incident Manager and its contacts (FSBP EC2.55, .56, .58, .60;
// the rule of EC2.10 and EC2.57) and encrypted EBS volumes in launch
// templates (EC2.181).
func ec2MoreChecks() []check.Check {
	return []check.Check{
		ec2VPCEndpointService("ecr.api"),
		ec2VPCEndpointService("ecr.dkr"),
		ec2VPCEndpointService("ssm-contacts"),
		ec2VPCEndpointService("ssm-incidents"),
		ec2LaunchTemplateEBSEncrypted(),
	}
}

func ec2LaunchTemplateEBSEncrypted() check.Check {
	return check.Check{
		ID: "ec2_launch_template_ebs_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2LaunchTemplates}, a.EC2.LaunchTemplates, func(t state.LaunchTemplate) check.Result {
				var off, unset []string
				for _, v := range t.EBSVolumes {
					switch {
					case v.Encrypted == nil:
						unset = append(unset, v.Device)
					case !*v.Encrypted:
						off = append(off, v.Device)
					}
				}
				switch {
				case len(t.EBSVolumes) == 0:
					return check.NotApplicableR(t, "the default version of %s maps no EBS volumes: they come from the AMI", t.Name)
				case len(off) > 0:
					return check.FailR(t, "the default version of %s sets encryption off for %s", t.Name, strings.Join(off, ", "))
				case len(unset) == 0:
					return check.PassR(t, "the default version of %s encrypts its %d EBS volume(s)", t.Name, len(t.EBSVolumes))
				}
				// Unset: the volumes follow the snapshot and the region's
				// EBS encryption by default.
				if g, ok := a.Gaps.ForInput(state.InputEBSEncryptionByDefault, t.Region, ""); ok {
					return check.GapR(t, g)
				}
				s, ok := a.EC2.Settings(t.Region)
				switch {
				case !ok:
					return check.UnknownR(t, "%s leaves encryption of %s to EBS encryption by default, which was not collected in %s", t.Name, strings.Join(unset, ", "), t.Region)
				case s.EBSEncryptionByDefault:
					return check.PassR(t, "%s leaves encryption of %s unset and EBS encryption by default is on in %s", t.Name, strings.Join(unset, ", "), t.Region)
				}
				return check.FailR(t, "%s leaves encryption of %s unset and EBS encryption by default is off in %s", t.Name, strings.Join(unset, ", "), t.Region)
			})
		},
	}
}
