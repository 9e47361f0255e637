package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func networkCases() map[string][]checkCase {
	sg := func(rules ...state.SGRule) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.SecurityGroups = append(a.EC2.SecurityGroups, state.SecurityGroup{
				Meta: state.Meta{ARN: "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1", Region: "eu-west-1"},
				ID:   "sg-1", Name: "web", Ingress: rules,
			})
		}
	}
	return map[string][]checkCase{
		"ec2_sg_no_admin_ports_from_internet": {
			{name: "https only", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: []string{"0.0.0.0/0"}})), want: []check.Status{check.Pass}},
			{name: "ssh from office", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"203.0.113.0/24"}})), want: []check.Status{check.Pass}},
			{name: "ssh from anywhere", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}})), want: []check.Status{check.Fail}, msg: "22 from 0.0.0.0/0"},
			{name: "rdp in range from ipv6 anywhere", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 3000, ToPort: 4000, IPv6: []string{"::/0"}})), want: []check.Status{check.Fail}, msg: "3389 from ::/0"},
			{name: "all traffic", acct: baseAccount(sg(state.SGRule{Protocol: "-1", FromPort: -1, ToPort: -1, CIDRs: []string{"0.0.0.0/0"}})), want: []check.Status{check.Fail}},
			{name: "udp 22 is not ssh", acct: baseAccount(sg(state.SGRule{Protocol: "icmp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}})), want: []check.Status{check.Pass}},
			{name: "listing denied in one region", acct: baseAccount(sg(), withGap(state.Gap{Service: "ec2", Region: "us-east-1", Operation: "DescribeSecurityGroups", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Unknown, check.Pass}},
		},
	}
}
