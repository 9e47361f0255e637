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
				if len(t.EBSVolumes) == 0 {
					return check.NotApplicableR(t, "the default version of %s maps no EBS volumes: they come from the AMI", t.Name)
				}
				return judgeEBSMappings(a, t, "the default version of "+t.Name, t.Name, t.EBSVolumes)
			})
		},
	}
}

// judgeEBSMappings is the one rule for EBS volumes a launch configuration
// maps (launch templates, EC2.181; Spot Fleet launch specifications,
// EC2.173): a volume set to encryption off fails; one left unset follows
// the snapshot and the region's EBS encryption by default, so it passes
// where that is on, fails where it is off and is unknown where it was not
// read. what names r in the messages about explicit settings, name in
// those about unset ones.
func judgeEBSMappings[R state.Resource](a *state.Account, r R, what, name string, vols []state.TemplateVolume) check.Result {
	region := r.Ref().Region
	var off, unset []string
	for _, v := range vols {
		switch {
		case v.Encrypted == nil:
			unset = append(unset, v.Device)
		case !*v.Encrypted:
			off = append(off, v.Device)
		}
	}
	switch {
	case len(off) > 0:
		return check.FailR(r, "%s sets encryption off for %s", what, strings.Join(off, ", "))
	case len(unset) == 0:
		return check.PassR(r, "%s encrypts its %d EBS volume(s)", what, len(vols))
	}
	if g, ok := a.Gaps.ForInput(state.InputEBSEncryptionByDefault, region, ""); ok {
		return check.GapR(r, g)
	}
	s, ok := a.EC2.Settings(region)
	switch {
	case !ok:
		return check.UnknownR(r, "%s leaves encryption of %s to EBS encryption by default, which was not collected in %s", name, strings.Join(unset, ", "), region)
	case s.EBSEncryptionByDefault:
		return check.PassR(r, "%s leaves encryption of %s unset and EBS encryption by default is on in %s", name, strings.Join(unset, ", "), region)
	}
	return check.FailR(r, "%s leaves encryption of %s unset and EBS encryption by default is off in %s", name, strings.Join(unset, ", "), region)
}
