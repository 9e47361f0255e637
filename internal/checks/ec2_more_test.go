package checks

import "github.com/shoulder-dev/shoulder/internal/state"

// svc-gaps: EC2.55, .56, .58, .60 interface endpoints and EC2.181 launch
// template volumes.

func ec2MoreCases() map[string][]checkCase {
	endpoint := func(svc string) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.VPCEndpoints = append(a.EC2.VPCEndpoints, state.VPCEndpoint{Meta: nwEUMeta("ec2", "vpc-endpoint/vpce-"+svc), ID: "vpce-" + svc, VPCID: "vpc-1",
				ServiceName: "com.amazonaws.eu-west-1." + svc, Type: "Interface"})
		}
	}
	endpointCases := func(svc, other string) []checkCase {
		return []checkCase{
			{name: "has endpoint", acct: baseAccount(nwVPC("vpc-1", false), endpoint(svc)), want: sts(stP), msg: svc},
			{name: "other service only", acct: baseAccount(nwVPC("vpc-1", false), endpoint(other)), want: sts(stF), msg: "com.amazonaws.eu-west-1." + svc},
			{name: "default vpc", acct: baseAccount(nwVPC("vpc-d", true)), want: sts(stNA)},
			{name: "endpoints not read", acct: baseAccount(nwVPC("vpc-1", false), endpoint(svc), nwEUGap("ec2", "DescribeVpcEndpoints")), want: sts(stU)},
		}
	}
	on, off := true, false
	lt := func(byDefault *bool, vols ...state.TemplateVolume) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.LaunchTemplates = append(a.EC2.LaunchTemplates, state.LaunchTemplate{Meta: nwEUMeta("ec2", "launch-template/lt-1"), ID: "lt-1", Name: "app", DefaultVersion: 3, EBSVolumes: vols})
			if byDefault != nil {
				a.EC2.RegionSettings = []state.EC2RegionSettings{{Region: "eu-west-1", EBSEncryptionByDefault: *byDefault}, {Region: "us-east-1"}}
			}
		}
	}
	root := func(enc *bool) state.TemplateVolume { return state.TemplateVolume{Device: "/dev/xvda", Encrypted: enc} }
	data := func(enc *bool) state.TemplateVolume { return state.TemplateVolume{Device: "/dev/sdf", Encrypted: enc} }
	return map[string][]checkCase{
		"ec2_vpc_endpoint_ecr_api":       endpointCases("ecr.api", "ecr.dkr"),
		"ec2_vpc_endpoint_ecr_dkr":       endpointCases("ecr.dkr", "ecr.api"),
		"ec2_vpc_endpoint_ssm_contacts":  endpointCases("ssm-contacts", "ssm-incidents"),
		"ec2_vpc_endpoint_ssm_incidents": endpointCases("ssm-incidents", "ssm-contacts"),
		"ec2_launch_template_ebs_encrypted": {
			{name: "every volume encrypted", acct: baseAccount(lt(nil, root(&on), data(&on))), want: sts(stP), msg: "2 EBS volume"},
			{name: "one volume off", acct: baseAccount(lt(&on, root(&on), data(&off))), want: sts(stF), msg: "/dev/sdf"},
			{name: "unset, default on", acct: baseAccount(lt(&on, root(nil))), want: sts(stP), msg: "by default is on"},
			{name: "unset, default off", acct: baseAccount(lt(&off, root(nil))), want: sts(stF), msg: "by default is off"},
			{name: "unset, default not read", acct: baseAccount(lt(&on, root(nil)), nwEUGap("ec2", "GetEbsEncryptionByDefault")), want: sts(stU)},
			{name: "unset, settings missing", acct: baseAccount(lt(nil, root(nil))), want: sts(stU)},
			{name: "no volumes", acct: baseAccount(lt(nil)), want: sts(stNA)},
			{name: "templates not read", acct: baseAccount(lt(nil, root(&off)), nwEUGap("ec2", "DescribeLaunchTemplateVersions")), want: sts(stU)},
		},
	}
}
