package checks

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func networkChecks() []check.Check {
	return []check.Check{
		ec2SGNoAdminPortsFromInternet(),
	}
}

// isInternet reports whether a CIDR admits the whole internet.
func isInternet(cidr string) bool { return cidr == "0.0.0.0/0" || cidr == "::/0" }

// openToInternet returns the admin ports of ports that an ingress rule
// admits from anywhere.
func openToInternet(rules []state.SGRule, ports []int) []string {
	var out []string
	for _, r := range rules {
		anywhere := ""
		for _, c := range append(append([]string(nil), r.CIDRs...), r.IPv6...) {
			if isInternet(c) {
				anywhere = c
				break
			}
		}
		if anywhere == "" {
			continue
		}
		for _, p := range ports {
			if r.CoversPort(p) {
				out = append(out, fmt.Sprintf("%d from %s", p, anywhere))
			}
		}
	}
	return out
}

func ec2SGNoAdminPortsFromInternet() check.Check {
	return check.Check{
		ID:          "ec2_sg_no_admin_ports_from_internet",
		Title:       "No security group admits SSH (22) or RDP (3389) from the internet",
		Description: "Administration from the open internet invites brute force and exploits; admin access should come from the corporate network or a VPN.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "EC2 > Security Groups > select the group > Inbound rules > Edit: replace 0.0.0.0/0 and ::/0 on ports 22/3389 with your corporate CIDR or VPN range, or use SSM Session Manager instead.",
			CLI:       "aws ec2 revoke-security-group-ingress --group-id <SG_ID> --protocol tcp --port 22 --cidr 0.0.0.0/0",
			Terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"ssh\" {\n  security_group_id = aws_security_group.app.id\n  ip_protocol       = \"tcp\"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = var.corporate_cidr\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			bad := regionalListingUnknown(a, "ec2", &out, "DescribeSecurityGroups")
			for _, g := range a.EC2.SecurityGroups {
				if bad[g.Region] {
					continue
				}
				if open := openToInternet(g.Ingress, []int{22, 3389}); len(open) > 0 {
					out = append(out, check.FailR(g, "%s (%s) admits %s", g.ID, g.Name, strings.Join(open, ", ")))
				} else {
					out = append(out, check.PassR(g, "%s admits no SSH/RDP from the internet", g.ID))
				}
			}
			return out
		},
	}
}
