package checks

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func networkChecks() []check.Check {
	return []check.Check{
		ec2SGNoAdminPortsFromInternet(),
		ec2SGNoDBPortsFromInternet(),
		ec2SGNoHighRiskPortsFromInternet(),
		ec2SGOnlyAuthorizedPortsOpen(),
		ec2SGCIFSRestricted(),
		ec2SGAdminPortsCorporateOnly(),
		ec2SGDefaultRestrictsAll(),
		ec2SGUnused(),
		ec2NACLNoAdminPortsFromInternet(),
		ec2NACLUnused(),
		ec2VPCFlowLogsEnabled(),
		ec2VPCDefaultUnused(),
		ec2VPCEndpointService("ec2", "EC2", "EC2.10", check.Medium),
		ec2VPCEndpointService("ssm", "Systems Manager", "EC2.57", check.Medium),
		ec2VPCEndpointS3(),
		ec2VPCBlockPublicAccess(),
		ec2SubnetNoAutoPublicIP(),
		ec2SubnetDBNoInternetRoute(),
		ec2InstanceNoPublicIP(),
		ec2InstanceIMDSv2Required(),
		ec2InstanceIMDSv2AccountDefault(),
		ec2InstanceInVPC(),
		ec2InstanceSingleENI(),
		ec2InstanceSourceDestCheck(),
		ec2InstanceNotParavirtual(),
		ec2InstanceLaunchTemplateNoPublicIP(),
		ec2InstanceLaunchTemplateIMDSv2(),
		ec2VPCTransitGatewayNoAutoAccept(),
	}
}

// isInternet reports whether a CIDR admits the whole internet.
func isInternet(cidr string) bool { return cidr == "0.0.0.0/0" || cidr == "::/0" }

// adminPorts are remote administration ports (SSH, RDP), as CIS defines them.
func adminPorts() []int { return []int{22, 3389} }

// dbPorts are the default ports of the database and cache engines a
// customer runs on EC2 or in RDS, Redshift, ElastiCache and OpenSearch.
func dbPorts() []int {
	return []int{1433, 1521, 3306, 5432, 5439, 5984, 6379, 7000, 9042, 9200, 9300, 11211, 27017}
}

// highRiskPorts is FSBP EC2.19's list of high-risk ports.
func highRiskPorts() []int {
	return []int{20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300}
}

// sgPortCheck builds a check that fails security groups admitting any of
// ports from the internet.
func sgPortCheck(id, title, desc, what string, sev check.Severity, ports []int, fix check.Remediation) check.Check {
	return check.Check{
		ID: id, Title: title, Description: desc, Area: check.Network, Service: "ec2", Severity: sev, Remediation: fix,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			res := newSGResolver(a)
			return eachRegional(a, "ec2", []state.Input{state.InputEC2SecurityGroups}, a.EC2.SecurityGroups, func(g state.SecurityGroup) check.Result {
				return judgeSGPorts(g, res.ingress(g), ports, what)
			})
		},
	}
}

func revokeFix(port string) check.Remediation {
	return check.Remediation{
		Console:   "EC2 > Security Groups > select the group > Inbound rules > Edit: remove the rules for 0.0.0.0/0 and ::/0 on the port, or narrow them to your corporate or VPN range; reach databases and admin ports through private subnets, a VPN or SSM Session Manager.",
		CLI:       "aws ec2 revoke-security-group-ingress --group-id <SG_ID> --protocol tcp --port " + port + " --cidr 0.0.0.0/0\naws ec2 revoke-security-group-ingress --group-id <SG_ID> --ip-permissions 'IpProtocol=tcp,FromPort=" + port + ",ToPort=" + port + ",Ipv6Ranges=[{CidrIpv6=::/0}]'",
		Terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"restricted\" {\n  security_group_id            = aws_security_group.this.id\n  ip_protocol                  = \"tcp\"\n  from_port                    = " + port + "\n  to_port                      = " + port + "\n  referenced_security_group_id = aws_security_group.app.id # or cidr_ipv4 = var.corporate_cidr\n}",
	}
}

func ec2SGNoAdminPortsFromInternet() check.Check {
	c := sgPortCheck("ec2_sg_no_admin_ports_from_internet",
		"No security group admits SSH (22) or RDP (3389) from the internet",
		"Administration from the open internet invites brute force and exploits; admin access should come from the corporate network or a VPN.",
		"SSH/RDP", check.High, adminPorts(), check.Remediation{
			Console:   "EC2 > Security Groups > select the group > Inbound rules > Edit: replace 0.0.0.0/0 and ::/0 on ports 22/3389 with your corporate CIDR or VPN range, or use SSM Session Manager instead.",
			CLI:       "aws ec2 revoke-security-group-ingress --group-id <SG_ID> --protocol tcp --port 22 --cidr 0.0.0.0/0",
			Terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"ssh\" {\n  security_group_id = aws_security_group.app.id\n  ip_protocol       = \"tcp\"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = var.corporate_cidr\n}",
		})
	return c
}

func ec2SGNoDBPortsFromInternet() check.Check {
	return sgPortCheck("ec2_sg_no_db_ports_from_internet",
		"No security group admits database or cache ports from the internet",
		"Database engines (SQL Server 1433, Oracle 1521, MySQL 3306, PostgreSQL 5432, Redshift 5439, Redis 6379, Cassandra 9042, OpenSearch 9200/9300, Memcached 11211, MongoDB 27017, ...) reachable from anywhere are scanned and brute-forced within minutes; data stores belong in private subnets.",
		"database or cache ports", check.Critical, dbPorts(), revokeFix("5432"))
}

func ec2SGNoHighRiskPortsFromInternet() check.Check {
	return sgPortCheck("ec2_sg_no_high_risk_ports_from_internet",
		"No security group admits FSBP's high-risk ports from the internet",
		"FTP, Telnet, SMTP, POP3, IMAP, RPC, SMB, SQL, RDP and common admin/dev ports (3000, 5000, 5601, 8080, 8088, 8888, 9200, ...) open to 0.0.0.0/0 or ::/0 are frequent entry points.",
		"high-risk ports", check.Critical, highRiskPorts(), revokeFix("<PORT>"))
}

func ec2SGCIFSRestricted() check.Check {
	return check.Check{
		ID:          "ec2_sg_cifs_restricted",
		Title:       "CIFS/SMB (445) is reachable only from trusted networks",
		Description: "SMB exposed beyond trusted networks has carried worms such as WannaCry; CIS asks that port 445 be open only to trusted (corporate) networks.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.High,
		Remediation: revokeFix("445"),
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			res := newSGResolver(a)
			return eachRegional(a, "ec2", []state.Input{state.InputEC2SecurityGroups}, a.EC2.SecurityGroups, func(g state.SecurityGroup) check.Result {
				rules := res.ingress(g)
				open, unread := openPorts(rules, []int{445})
				if len(open) > 0 {
					return check.FailR(g, "%s (%s) admits %s", g.ID, g.Name, strings.Join(open, ", "))
				}
				if len(p.CorporateCIDRs) > 0 {
					bad, more, _ := untrustedSourcesOf(rules, []int{445}, p.IsCorporate)
					if len(bad) > 0 {
						return check.FailR(g, "%s (%s) admits SMB from outside the corporate networks: %s", g.ID, g.Name, strings.Join(bad, ", "))
					}
					unread = more
				}
				if len(unread) > 0 {
					return unreadResult(g, "SMB (445)", unread)
				}
				return check.PassR(g, "%s admits no SMB (445) from untrusted networks", g.ID)
			})
		},
	}
}

// privateRanges are address ranges that cannot be routed from the internet:
// traffic from them comes from inside the VPC, a peered VPC or the VPN.
func privateRanges() []netip.Prefix {
	return []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("100.64.0.0/10"),
		netip.MustParsePrefix("fc00::/7"),
	}
}

// isPrivateCIDR reports whether cidr lies entirely within a private range.
func isPrivateCIDR(cidr string) bool {
	pf, err := netip.ParsePrefix(cidr)
	if err != nil {
		return false
	}
	for _, r := range privateRanges() {
		if r.Bits() <= pf.Bits() && r.Contains(pf.Addr()) {
			return true
		}
	}
	return false
}

func ec2SGAdminPortsCorporateOnly() check.Check {
	return check.Check{
		ID:          "ec2_sg_admin_ports_corporate_only",
		Title:       "SSH and RDP are reachable only from the corporate networks",
		Description: "Administrative access should come from the corporate site or its VPN (the policy's corporate_cidrs). Sources inside private address ranges (the VPC, peered VPCs, the VPN) and other security groups count as internal, and AWS-managed prefix lists (such as EC2 Instance Connect's) as AWS service ranges; any other public address, including the entries of customer-managed prefix lists, is outside the corporate perimeter.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "EC2 > Security Groups > select the group > Inbound rules > Edit: restrict port 22/3389 sources to the corporate or VPN CIDRs listed in shoulder.yaml (or to a bastion's security group).",
			CLI:       "aws ec2 revoke-security-group-ingress --group-id <SG_ID> --protocol tcp --port 22 --cidr <PUBLIC_CIDR>\naws ec2 authorize-security-group-ingress --group-id <SG_ID> --protocol tcp --port 22 --cidr <CORPORATE_CIDR>",
			Terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"ssh_corp\" {\n  for_each          = toset(var.corporate_cidrs)\n  security_group_id = aws_security_group.bastion.id\n  ip_protocol       = \"tcp\"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = each.value\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			if len(p.CorporateCIDRs) == 0 {
				return []check.Result{check.NotApplicableR(accountRef(a), "the policy names no corporate networks: set corporate_cidrs (office and VPN ranges) in shoulder.yaml to check where administration comes from")}
			}
			res := newSGResolver(a)
			return eachRegional(a, "ec2", []state.Input{state.InputEC2SecurityGroups}, a.EC2.SecurityGroups, func(g state.SecurityGroup) check.Result {
				bad, unread, aws := untrustedSourcesOf(res.ingress(g), adminPorts(), p.IsCorporate)
				switch {
				case len(bad) > 0:
					return check.FailR(g, "%s (%s) admits SSH/RDP from outside the corporate networks: %s", g.ID, g.Name, strings.Join(bad, ", "))
				case len(unread) > 0:
					return unreadResult(g, "SSH/RDP", unread)
				case len(aws) > 0:
					return check.PassR(g, "%s admits SSH/RDP only from corporate, private or security-group sources and AWS service ranges (AWS-managed prefix lists %s)", g.ID, strings.Join(aws, ", "))
				}
				return check.PassR(g, "%s admits SSH/RDP only from corporate, private or security-group sources", g.ID)
			})
		},
	}
}

// authorizedInternetPort reports whether EC2.18 lets a security group open
// a TCP port to the internet (Security Hub's default authorizedTcpPorts).
func authorizedInternetPort(port int) bool { return port == 80 || port == 443 }

func ec2SGOnlyAuthorizedPortsOpen() check.Check {
	return check.Check{
		ID:          "ec2_sg_only_authorized_ports_open",
		Title:       "Security groups open only ports 80 and 443 to the internet",
		Description: "Unrestricted inbound rules (0.0.0.0/0 or ::/0, or sources that together cover the whole internet, prefix list entries included) should exist only for the web ports a public service needs (TCP 80 and 443, FSBP's default); anything else, including all-traffic, UDP and other protocols (GRE, ESP, SCTP, ...), exposes more than intended. ICMP rules are not judged.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.High,
		Remediation: revokeFix("<PORT>"),
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			res := newSGResolver(a)
			return eachRegional(a, "ec2", []state.Input{state.InputEC2SecurityGroups}, a.EC2.SecurityGroups, func(g state.SecurityGroup) check.Result {
				bad, unread := openBeyondWeb(res.ingress(g))
				switch {
				case len(bad) > 0:
					return check.FailR(g, "%s (%s) opens %s to the internet", g.ID, g.Name, strings.Join(bad, ", "))
				case len(unread) > 0:
					return unreadResult(g, "traffic other than TCP 80/443", unread)
				}
				return check.PassR(g, "%s opens nothing but TCP 80/443 to the internet", g.ID)
			})
		},
	}
}

func portRange(proto string, from, to int) string {
	if from == to {
		return fmt.Sprintf("%s %d", proto, from)
	}
	return fmt.Sprintf("%s %d-%d", proto, from, to)
}

func ec2SGDefaultRestrictsAll() check.Check {
	return check.Check{
		ID:          "ec2_sg_default_restricts_all",
		Title:       "The default security group of every VPC has no rules",
		Description: "Resources launched without an explicit group land in the default group; with no inbound or outbound rules it isolates them until someone chooses a purpose-built group.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "VPC > Security groups > the group named default > Inbound rules and Outbound rules: delete every rule (move any resource that relied on them to a purpose-built group first).",
			CLI:       "aws ec2 revoke-security-group-ingress --group-id <DEFAULT_SG_ID> --ip-permissions \"$(aws ec2 describe-security-groups --group-ids <DEFAULT_SG_ID> --query 'SecurityGroups[0].IpPermissions')\"\naws ec2 revoke-security-group-egress --group-id <DEFAULT_SG_ID> --ip-permissions \"$(aws ec2 describe-security-groups --group-ids <DEFAULT_SG_ID> --query 'SecurityGroups[0].IpPermissionsEgress')\"",
			Terraform: "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = aws_vpc.main.id\n  # no ingress or egress blocks: Terraform removes all rules\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			bad := regionalListingUnknown(a, "ec2", &out, state.InputEC2SecurityGroups)
			for _, g := range a.EC2.SecurityGroups {
				if bad[g.Region] || !g.IsDefault() {
					continue
				}
				if n := len(g.Ingress) + len(g.Egress); n > 0 {
					out = append(out, check.FailR(g, "default group %s of %s has %d inbound and %d outbound rules", g.ID, g.VPCID, len(g.Ingress), len(g.Egress)))
				} else {
					out = append(out, check.PassR(g, "default group %s of %s has no rules", g.ID, g.VPCID))
				}
			}
			return out
		},
	}
}

func ec2SGUnused() check.Check {
	return check.Check{
		ID:          "ec2_sg_unused",
		Title:       "Security groups that no network interface uses are removed",
		Description: "Unused groups accumulate permissive rules nobody reviews and get attached again by mistake; removing them keeps the firewall inventory honest.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "EC2 > Security Groups: for each group with no network interfaces (check EC2 > Network interfaces filtered by group), delete it.",
			CLI:       "aws ec2 describe-network-interfaces --filters Name=group-id,Values=<SG_ID> --query 'length(NetworkInterfaces)'\naws ec2 delete-security-group --group-id <SG_ID>",
			Terraform: "# Remove the aws_security_group resource that nothing references any more.",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			bad := regionalListingUnknown(a, "ec2", &out, state.InputEC2SecurityGroups, state.InputEC2NetworkInterfaces)
			for _, g := range a.EC2.SecurityGroups {
				switch {
				case bad[g.Region]:
				case g.IsDefault():
					out = append(out, check.NotApplicableR(g, "%s is its VPC's default group, which cannot be deleted", g.ID))
				case g.AttachedENIs == 0:
					out = append(out, check.FailR(g, "%s (%s) is attached to no network interface", g.ID, g.Name))
				default:
					out = append(out, check.PassR(g, "%s is used by %d network interfaces", g.ID, g.AttachedENIs))
				}
			}
			return out
		},
	}
}

// aclCovers reports whether a NACL entry's protocol carries traffic to
// port (TCP, UDP or all; RDP also uses UDP 3389).
func aclCovers(e state.ACLEntry, port int) bool {
	switch strings.ToLower(e.Protocol) {
	case "-1", "all":
		return true
	case "6", "tcp", "17", "udp":
		return e.FromPort <= port && port <= e.ToPort
	}
	return false
}

// naclOpenToInternet evaluates the ingress entries in rule order, as AWS
// does, for traffic from anywhere to the port, per address family: the
// internet is admitted once the allow entries met so far together cover
// the family (0.0.0.0/0, or 0.0.0.0/1 and 128.0.0.0/1, ...), and shut once
// the deny entries do. Entries for narrower sources do not decide for the
// internet at large: a narrow deny leaves the rest open, a narrow allow
// opens only that range.
func naclOpenToInternet(entries []state.ACLEntry, port int) []string {
	in := make([]state.ACLEntry, 0, len(entries))
	for _, e := range entries {
		if !e.Egress {
			in = append(in, e)
		}
	}
	sort.SliceStable(in, func(i, j int) bool { return in[i].RuleNumber < in[j].RuleNumber })
	var out []string
	for _, fam := range []struct {
		v6   bool
		cidr func(state.ACLEntry) string
	}{{false, func(e state.ACLEntry) string { return e.CIDR }}, {true, func(e state.ACLEntry) string { return e.IPv6CIDR }}} {
		var allow, deny []netip.Prefix
		var cidrs, rules []string
		for _, e := range in {
			p, err := netip.ParsePrefix(fam.cidr(e))
			if err != nil || p.Addr().Is6() != fam.v6 || !aclCovers(e, port) {
				continue
			}
			if !strings.EqualFold(e.Action, "allow") {
				if deny = append(deny, p); coversSpace(deny, fam.v6) {
					break
				}
				continue
			}
			allow = append(allow, p)
			cidrs, rules = append(cidrs, fam.cidr(e)), append(rules, strconv.Itoa(e.RuleNumber))
			if coversSpace(allow, fam.v6) {
				if p.Bits() == 0 {
					cidrs, rules = cidrs[len(cidrs)-1:], rules[len(rules)-1:]
				}
				which := "rule "
				if len(rules) > 1 {
					which = "rules "
				}
				out = append(out, fmt.Sprintf("%d from %s (%s%s)", port, strings.Join(capped(cidrs), " + "), which, strings.Join(capped(rules), ", ")))
				break
			}
		}
	}
	return out
}

func ec2NACLNoAdminPortsFromInternet() check.Check {
	return check.Check{
		ID:          "ec2_nacl_no_admin_ports_from_internet",
		Title:       "No network ACL admits SSH (22) or RDP (3389) from the internet",
		Description: "Network ACLs are the subnet-level firewall; evaluated in rule order, they should deny administration ports from 0.0.0.0/0 and ::/0 so that one permissive security group is not enough to expose a server.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Network ACLs > select the ACL > Inbound rules > Edit: add DENY rules for TCP 22 and 3389 from 0.0.0.0/0 and ::/0 with rule numbers lower than the broad ALLOW rule, or narrow the ALLOW rules to corporate ranges.",
			CLI:       "aws ec2 create-network-acl-entry --network-acl-id <ACL_ID> --ingress --rule-number 90 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny\naws ec2 create-network-acl-entry --network-acl-id <ACL_ID> --ingress --rule-number 91 --protocol tcp --port-range From=3389,To=3389 --cidr-block 0.0.0.0/0 --rule-action deny",
			Terraform: "resource \"aws_network_acl_rule\" \"deny_ssh\" {\n  network_acl_id = aws_network_acl.main.id\n  rule_number    = 90\n  egress         = false\n  protocol       = \"tcp\"\n  rule_action    = \"deny\"\n  cidr_block     = \"0.0.0.0/0\"\n  from_port      = 22\n  to_port        = 22\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2NetworkACLs}, a.EC2.NetworkACLs, func(n state.NetworkACL) check.Result {
				var open []string
				for _, port := range adminPorts() {
					open = append(open, naclOpenToInternet(n.Entries, port)...)
				}
				if len(open) > 0 {
					return check.FailR(n, "%s admits %s", n.ID, strings.Join(open, ", "))
				}
				return check.PassR(n, "%s admits no SSH/RDP from the internet", n.ID)
			})
		},
	}
}

func ec2NACLUnused() check.Check {
	return check.Check{
		ID:          "ec2_nacl_unused",
		Title:       "Network ACLs associated with no subnet are removed",
		Description: "An ACL that protects no subnet is clutter that can be associated by mistake; remove it or associate it deliberately.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "VPC > Network ACLs: select the ACL with no associated subnets > Actions > Delete network ACL.",
			CLI:       "aws ec2 delete-network-acl --network-acl-id <ACL_ID>",
			Terraform: "# Remove the aws_network_acl resource, or give it subnet_ids.",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2NetworkACLs}, a.EC2.NetworkACLs, func(n state.NetworkACL) check.Result {
				switch {
				case n.IsDefault:
					return check.NotApplicableR(n, "%s is its VPC's default ACL, which cannot be deleted", n.ID)
				case len(n.SubnetIDs) == 0:
					return check.FailR(n, "%s is associated with no subnet", n.ID)
				}
				return check.PassR(n, "%s protects %d subnets", n.ID, len(n.SubnetIDs))
			})
		},
	}
}

func ec2VPCFlowLogsEnabled() check.Check {
	return check.Check{
		ID:          "ec2_vpc_flow_logs_enabled",
		Title:       "Every VPC has an active flow log that records rejected traffic",
		Description: "Flow logs are the only record of who tried to reach what inside a VPC; without them an intrusion or exfiltration leaves no network trace. CIS asks for at least rejected traffic.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Your VPCs > select the VPC > Flow logs > Create flow log: filter All (or Reject), destination CloudWatch Logs or S3.",
			CLI:       "aws ec2 create-flow-logs --resource-type VPC --resource-ids <VPC_ID> --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<BUCKET>",
			Terraform: "resource \"aws_flow_log\" \"vpc\" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = \"ALL\"\n  log_destination_type = \"s3\"\n  log_destination      = aws_s3_bucket.flow_logs.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2VPCs}, a.EC2.VPCs, func(v state.VPC) check.Result {
				partial := ""
				for _, f := range a.EC2.FlowLogs {
					if f.ResourceID != v.ID || (f.Status != "" && f.Status != "ACTIVE") {
						continue
					}
					if f.TrafficType == "ALL" || f.TrafficType == "REJECT" {
						return check.PassR(v, "flow log %s records %s traffic of %s", f.ID, f.TrafficType, v.ID)
					}
					partial = f.ID
				}
				if g, ok := a.Gaps.ForInput(state.InputEC2FlowLogs, v.Region, ""); ok {
					return check.GapR(v, g)
				}
				if partial != "" {
					return check.FailR(v, "flow log %s of %s records only accepted traffic", partial, v.ID)
				}
				return check.FailR(v, "%s has no active flow log", v.ID)
			})
		},
	}
}

func ec2VPCDefaultUnused() check.Check {
	return check.Check{
		ID:          "ec2_vpc_default_unused",
		Title:       "Workloads do not run in the default VPC",
		Description: "The default VPC has only public subnets that hand out public IPs and a route to the internet; workloads there sit in a network nobody designed. Use purpose-built VPCs and delete the default one where it is unused.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "Move the listed resources to a purpose-built VPC, then VPC > Your VPCs > the default VPC > Actions > Delete VPC.",
			CLI:       "aws ec2 describe-network-interfaces --filters Name=vpc-id,Values=<DEFAULT_VPC_ID>\naws ec2 delete-vpc --vpc-id <DEFAULT_VPC_ID>  # after deleting its subnets, IGW and groups",
			Terraform: "resource \"aws_default_vpc\" \"default\" {\n  force_destroy = true # Terraform >= AWS provider 5: deletes the default VPC on destroy\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2VPCs}, a.EC2.VPCs, func(v state.VPC) check.Result {
				if !v.IsDefault {
					return check.NotApplicableR(v, "%s is not a default VPC", v.ID)
				}
				if g, ok := a.Gaps.ForInputs(v.Region, "", state.InputEC2Instances, state.InputEC2SecurityGroups, state.InputEC2NetworkInterfaces); ok {
					return check.GapR(v, g)
				}
				var users []string
				for _, in := range a.EC2.Instances {
					if in.VPCID == v.ID && in.State != "terminated" {
						users = append(users, in.ID)
					}
				}
				enis := 0
				for _, g := range a.EC2.SecurityGroups {
					if g.VPCID == v.ID {
						enis += g.AttachedENIs
					}
				}
				for _, lb := range a.ELB.LoadBalancers {
					if lb.VPCID == v.ID {
						users = append(users, lb.Name)
					}
				}
				for _, db := range a.RDS.Instances {
					if db.VPCID == v.ID {
						users = append(users, db.ID)
					}
				}
				switch {
				case len(users) > 0:
					return check.FailR(v, "default VPC %s holds %s", v.ID, strings.Join(users, ", "))
				case enis > 0:
					return check.FailR(v, "default VPC %s has %d network interfaces in use", v.ID, enis)
				}
				// Load balancers and databases count as workloads too: a
				// listing of them that failed leaves "no workloads" unproven.
				if g, ok := a.Gaps.ForInput(state.InputRDSInstances, v.Region, ""); ok {
					return check.GapR(v, g)
				}
				for _, svc := range []string{state.ELBServiceV2, state.ELBServiceClassic} {
					if g, ok := listingGap(a, v.Region, elbListing(svc)); ok {
						return check.GapR(v, g)
					}
				}
				return check.PassR(v, "default VPC %s holds no workloads", v.ID)
			})
		},
	}
}

// hasEndpoint reports whether vpc has an endpoint for the regional service
// (com.amazonaws.<region>.<svc>).
func hasEndpoint(a *state.Account, vpcID, region, svc string) bool {
	want := "com.amazonaws." + region + "." + svc
	for _, e := range a.EC2.VPCEndpoints {
		if e.VPCID == vpcID && e.ServiceName == want {
			return true
		}
	}
	return false
}

// ec2VPCEndpointService builds the FSBP "VPC has an interface endpoint for
// <service>" checks. Default VPCs are not judged (see ec2_vpc_default_unused).
func ec2VPCEndpointService(svc, name, control string, sev check.Severity) check.Check {
	return check.Check{
		ID:          "ec2_vpc_endpoint_" + svc,
		Title:       "Every VPC has an interface endpoint for " + name,
		Description: "With an interface endpoint, calls to the " + name + " API from the VPC stay on the AWS network instead of crossing the internet through a NAT or internet gateway, and the endpoint policy can limit them (FSBP " + control + ").",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    sev,
		Remediation: check.Remediation{
			Console:   "VPC > Endpoints > Create endpoint: AWS service com.amazonaws.<region>." + svc + ", type Interface, choose the VPC's private subnets and a security group admitting 443 from the VPC, enable private DNS.",
			CLI:       "aws ec2 create-vpc-endpoint --vpc-id <VPC_ID> --vpc-endpoint-type Interface --service-name com.amazonaws.<REGION>." + svc + " --subnet-ids <SUBNET_IDS> --security-group-ids <SG_ID> --private-dns-enabled",
			Terraform: "resource \"aws_vpc_endpoint\" \"" + svc + "\" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = \"com.amazonaws.${var.region}." + svc + "\"\n  vpc_endpoint_type   = \"Interface\"\n  subnet_ids          = aws_subnet.private[*].id\n  security_group_ids  = [aws_security_group.endpoints.id]\n  private_dns_enabled = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2VPCs, state.InputEC2VPCEndpoints}, a.EC2.VPCs, func(v state.VPC) check.Result {
				switch {
				case v.IsDefault:
					return check.NotApplicableR(v, "%s is the default VPC", v.ID)
				case hasEndpoint(a, v.ID, v.Region, svc):
					return check.PassR(v, "%s has an endpoint for com.amazonaws.%s.%s", v.ID, v.Region, svc)
				}
				return check.FailR(v, "%s has no endpoint for com.amazonaws.%s.%s", v.ID, v.Region, svc)
			})
		},
	}
}

func ec2VPCEndpointS3() check.Check {
	return check.Check{
		ID:          "ec2_vpc_endpoint_s3",
		Title:       "VPCs with instances reach S3 through a VPC endpoint",
		Description: "A gateway endpoint for S3 is free and keeps instance-to-S3 traffic on the AWS network; it also lets bucket policies require aws:SourceVpce. VPCs without instances are not judged.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "VPC > Endpoints > Create endpoint: AWS service com.amazonaws.<region>.s3, type Gateway, select the VPC's route tables.",
			CLI:       "aws ec2 create-vpc-endpoint --vpc-id <VPC_ID> --vpc-endpoint-type Gateway --service-name com.amazonaws.<REGION>.s3 --route-table-ids <RTB_IDS>",
			Terraform: "resource \"aws_vpc_endpoint\" \"s3\" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = \"com.amazonaws.${var.region}.s3\"\n  vpc_endpoint_type = \"Gateway\"\n  route_table_ids   = aws_route_table.private[*].id\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			// Instances per VPC, counted once (not once per VPC).
			perVPC := map[string]int{}
			for _, in := range a.EC2.Instances {
				if in.State != "terminated" {
					perVPC[in.VPCID]++
				}
			}
			return eachRegional(a, "ec2", []state.Input{state.InputEC2VPCs, state.InputEC2VPCEndpoints, state.InputEC2Instances}, a.EC2.VPCs, func(v state.VPC) check.Result {
				n := perVPC[v.ID]
				switch {
				case n == 0:
					return check.NotApplicableR(v, "%s has no instances that would use an S3 endpoint", v.ID)
				case hasEndpoint(a, v.ID, v.Region, "s3"):
					return check.PassR(v, "%s (%d instances) has an S3 endpoint", v.ID, n)
				}
				return check.FailR(v, "%s has %d instances and no S3 endpoint: their S3 traffic leaves through the internet or NAT gateway", v.ID, n)
			})
		},
	}
}

func ec2VPCBlockPublicAccess() check.Check {
	return check.Check{
		ID:          "ec2_vpc_block_public_access",
		Title:       "VPC Block Public Access blocks internet gateway traffic in every region",
		Description: "VPC Block Public Access is an account-level switch that stops traffic through internet gateways (bidirectional or ingress-only) regardless of routes and security groups; deliberate exceptions are made per VPC or subnet.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Settings > Block public access > Edit: turn on, choose Ingress-only or Bidirectional; add exclusions for subnets that must stay public. Repeat per region.",
			CLI:       "aws ec2 modify-vpc-block-public-access-options --internet-gateway-block-mode block-ingress --region <REGION>",
			Terraform: "resource \"aws_vpc_block_public_access_options\" \"this\" {\n  internet_gateway_block_mode = \"block-ingress\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range everyRegion(a, "ec2", &out) {
				ref := regionRef(a, "ec2", r)
				if g, ok := a.Gaps.ForInput(state.InputEC2VPCBlockPublicAccess, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				s, ok := a.EC2.Settings(r)
				switch {
				case !ok || s.VPCBlockPublicAccess == "":
					out = append(out, check.UnknownR(ref, "VPC Block Public Access was not collected in %s", r))
				case s.VPCBlockPublicAccess == "block-bidirectional" || s.VPCBlockPublicAccess == "block-ingress":
					out = append(out, check.PassR(ref, "VPC Block Public Access is %s in %s", s.VPCBlockPublicAccess, r))
				default:
					out = append(out, check.FailR(ref, "VPC Block Public Access is %s in %s", s.VPCBlockPublicAccess, r))
				}
			}
			return out
		},
	}
}

func ec2SubnetNoAutoPublicIP() check.Check {
	return check.Check{
		ID:          "ec2_subnet_no_auto_public_ip",
		Title:       "Subnets do not assign public IPv4 addresses automatically",
		Description: "With MapPublicIpOnLaunch on, every instance launched into the subnet is reachable from the internet unless its security group stops it; public addresses should be a deliberate choice per instance or load balancer.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Subnets > select the subnet > Actions > Edit subnet settings: clear Enable auto-assign public IPv4 address.",
			CLI:       "aws ec2 modify-subnet-attribute --subnet-id <SUBNET_ID> --no-map-public-ip-on-launch",
			Terraform: "resource \"aws_subnet\" \"this\" {\n  # ...\n  map_public_ip_on_launch = false\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2Subnets}, a.EC2.Subnets, func(s state.Subnet) check.Result {
				if s.MapPublicIPOnLaunch {
					return check.FailR(s, "%s (%s) assigns a public IPv4 address to every instance launched in it", s.ID, s.CIDR)
				}
				return check.PassR(s, "%s does not assign public IPv4 addresses", s.ID)
			})
		},
	}
}

// routeTables answers which route table a subnet uses: its explicit
// association, else its VPC's main table. Built once per check run.
type routeTables struct {
	a      *state.Account
	subnet map[string]int // subnet ID -> first table associating it
	main   map[string]int // VPC ID -> its main table (the last one listed)
}

func indexRouteTables(a *state.Account) *routeTables {
	x := &routeTables{a: a, subnet: map[string]int{}, main: map[string]int{}}
	for i, rt := range a.EC2.RouteTables {
		for _, s := range rt.SubnetIDs {
			if _, seen := x.subnet[s]; !seen {
				x.subnet[s] = i
			}
		}
		if rt.Main {
			x.main[rt.VPCID] = i
		}
	}
	return x
}

func (x *routeTables) forSubnet(subnetID, vpcID string) (state.RouteTable, bool) {
	if i, ok := x.subnet[subnetID]; ok {
		return x.a.EC2.RouteTables[i], true
	}
	if i, ok := x.main[vpcID]; ok {
		return x.a.EC2.RouteTables[i], true
	}
	return state.RouteTable{}, false
}

// internetRoute says how a route table sends the whole internet (of
// either family) to an internet gateway: a default route, or routes whose
// destinations together cover it ("0.0.0.0/1 + 128.0.0.0/1 -> igw-1"),
// prefix-list destinations by their entries. unread names a prefix list
// destination to a gateway whose entries are unknown.
func internetRoute(rt state.RouteTable, lists *sgResolver) (route, unread string) {
	var srcs []sgSource
	var targets []string
	for _, r := range rt.Routes {
		if !strings.HasPrefix(r.Target, "igw-") {
			continue
		}
		if !slices.Contains(targets, r.Target) {
			targets = append(targets, r.Target)
		}
		if strings.HasPrefix(r.Destination, "pl-") {
			x := lists.rule(rt.Region, state.SGRule{PrefixLists: []string{r.Destination}})
			srcs = append(srcs, x.sources...)
			if len(x.unread) > 0 && unread == "" {
				unread = x.unread[0].String()
			}
			continue
		}
		if p, err := netip.ParsePrefix(r.Destination); err == nil {
			srcs = append(srcs, sgSource{prefix: p, cidr: r.Destination})
		}
	}
	if from := internetFrom([]*sgRule{{sources: srcs}}); from != "" {
		return from + " -> " + strings.Join(targets, ", "), ""
	}
	return "", unread
}

func ec2SubnetDBNoInternetRoute() check.Check {
	return check.Check{
		ID:          "ec2_subnet_db_no_internet_route",
		Title:       "Subnets holding databases have no route to an internet gateway",
		Description: "A database subnet whose route table sends 0.0.0.0/0 (or routes that together cover it, such as 0.0.0.0/1 and 128.0.0.0/1) to an internet gateway is one 'publicly accessible' flag away from the internet; database subnets should route only inside the VPC (and to NAT for updates if needed).",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "VPC > Route tables: give the DB subnet group's subnets a route table without a 0.0.0.0/0 -> igw-... route (use a NAT gateway if the database needs outbound access), or move the DB subnet group to private subnets.",
			CLI:       "aws ec2 create-route-table --vpc-id <VPC_ID>\naws ec2 associate-route-table --route-table-id <PRIVATE_RTB_ID> --subnet-id <DB_SUBNET_ID>",
			Terraform: "resource \"aws_route_table_association\" \"db\" {\n  for_each       = toset(aws_db_subnet_group.db.subnet_ids)\n  subnet_id      = each.value\n  route_table_id = aws_route_table.private.id\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			badRDS := regionalListingUnknown(a, "rds", &out, state.InputRDSInstances)
			badEC2 := regionalListingUnknown(a, "ec2", &out, state.InputEC2RouteTables)
			tables := indexRouteTables(a)
			lists := newSGResolver(a)
			for _, db := range a.RDS.Instances {
				if badRDS[db.Region] || badEC2[db.Region] {
					continue
				}
				if len(db.SubnetIDs) == 0 {
					out = append(out, check.UnknownR(db, "the subnets of %s's DB subnet group were not collected", db.ID))
					continue
				}
				var open []string
				unknown, unread := "", ""
				for _, s := range db.SubnetIDs {
					rt, ok := tables.forSubnet(s, db.VPCID)
					if !ok {
						unknown = s
						continue
					}
					route, pl := internetRoute(rt, lists)
					if route != "" {
						open = append(open, fmt.Sprintf("%s (%s: %s)", s, rt.ID, route))
					}
					if pl != "" {
						unread = fmt.Sprintf("subnet %s of %s routes to an internet gateway through a %s", s, db.ID, pl)
					}
				}
				switch {
				case len(open) > 0:
					out = append(out, check.FailR(db, "%s sits in subnets routed to the internet: %s", db.ID, strings.Join(open, ", ")))
				case unknown != "":
					out = append(out, check.UnknownR(db, "no route table found for subnet %s of %s", unknown, db.ID))
				case unread != "":
					out = append(out, check.UnknownR(db, "%s", unread))
				default:
					out = append(out, check.PassR(db, "the %d subnets of %s have no route to an internet gateway", len(db.SubnetIDs), db.ID))
				}
			}
			return out
		},
	}
}

// liveInstance is false for terminated and terminating instances.
func liveInstance(in state.Instance) bool {
	return in.State != "terminated" && in.State != "shutting-down"
}

// instanceCheck builds a check over live instances of every scanned region.
func instanceCheck(c check.Check, f func(a *state.Account, p *policy.Policy, in state.Instance) check.Result) check.Check {
	c.Run = func(a *state.Account, p *policy.Policy) []check.Result {
		out := make([]check.Result, 0, len(a.EC2.Instances)) // at most one per instance
		bad := regionalListingUnknown(a, "ec2", &out, state.InputEC2Instances)
		for _, in := range a.EC2.Instances {
			if bad[in.Region] || !liveInstance(in) {
				continue
			}
			out = append(out, f(a, p, in))
		}
		return out
	}
	return c
}

func ec2InstanceNoPublicIP() check.Check {
	return instanceCheck(check.Check{
		ID:          "ec2_instance_no_public_ip",
		Title:       "EC2 instances have no public IPv4 address",
		Description: "An instance with a public address is one security group rule away from the internet; expose services through a load balancer and reach instances through a VPN or Session Manager.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "Put the workload behind a load balancer in a private subnet: launch a replacement without a public IP (Network settings > Auto-assign public IP: Disable), or disassociate the Elastic IP.",
			CLI:       "aws ec2 modify-instance-attribute ... # a public IPv4 cannot be removed in place: relaunch in a private subnet\naws ec2 disassociate-address --association-id <EIP_ASSOC_ID>",
			Terraform: "resource \"aws_instance\" \"app\" {\n  # ...\n  subnet_id                   = aws_subnet.private.id\n  associate_public_ip_address = false\n}",
		},
	}, func(_ *state.Account, _ *policy.Policy, in state.Instance) check.Result {
		if in.PublicIP != "" {
			return check.FailR(in, "%s has public IPv4 %s", in.ID, in.PublicIP)
		}
		return check.PassR(in, "%s has no public IPv4 address", in.ID)
	})
}

func ec2InstanceIMDSv2Required() check.Check {
	return instanceCheck(check.Check{
		ID:          "ec2_instance_imdsv2_required",
		Title:       "EC2 instances require IMDSv2 (session tokens) for instance metadata",
		Description: "IMDSv1 answers any GET, so an SSRF bug in an application hands out the instance role's credentials; IMDSv2's session token stops that.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "EC2 > Instances > select > Actions > Instance settings > Modify instance metadata options: IMDSv2 Required.",
			CLI:       "aws ec2 modify-instance-metadata-options --instance-id <INSTANCE_ID> --http-tokens required --http-endpoint enabled",
			Terraform: "resource \"aws_instance\" \"app\" {\n  # ...\n  metadata_options {\n    http_tokens   = \"required\"\n    http_endpoint = \"enabled\"\n  }\n}",
		},
	}, func(_ *state.Account, _ *policy.Policy, in state.Instance) check.Result {
		switch {
		case in.MetadataHTTPEndpoint == "disabled":
			return check.PassR(in, "%s has the metadata service turned off", in.ID)
		case in.MetadataHTTPTokens == "required":
			return check.PassR(in, "%s requires IMDSv2", in.ID)
		case in.MetadataHTTPTokens == "":
			return check.UnknownR(in, "the metadata options of %s were not collected", in.ID)
		}
		return check.FailR(in, "%s accepts IMDSv1 (http_tokens %s)", in.ID, in.MetadataHTTPTokens)
	})
}

func ec2InstanceIMDSv2AccountDefault() check.Check {
	return check.Check{
		ID:          "ec2_instance_imdsv2_account_default",
		Title:       "The account default for new instances is IMDSv2 required, in every region",
		Description: "The account-level instance metadata default makes every new instance require IMDSv2 unless its launch request says otherwise, so old AMIs and templates cannot quietly bring IMDSv1 back.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "EC2 > Settings (Data protection and security) > IMDS defaults > Manage: Metadata version V2 only (token required). Repeat per region.",
			CLI:       "aws ec2 modify-instance-metadata-defaults --http-tokens required --region <REGION>",
			Terraform: "resource \"aws_ec2_instance_metadata_defaults\" \"this\" {\n  http_tokens = \"required\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range everyRegion(a, "ec2", &out) {
				ref := regionRef(a, "ec2", r)
				if g, ok := a.Gaps.ForInput(state.InputEC2InstanceMetadataDefaults, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				s, ok := a.EC2.Settings(r)
				switch {
				case !ok:
					out = append(out, check.UnknownR(ref, "EC2 account settings were not collected in %s", r))
				case s.IMDSDefaultHTTPTokens == "required":
					out = append(out, check.PassR(ref, "new instances in %s require IMDSv2 by default", r))
				case s.IMDSDefaultHTTPTokens == "":
					out = append(out, check.FailR(ref, "%s has no account default for IMDS: new instances follow their AMI, which may allow IMDSv1", r))
				default:
					out = append(out, check.FailR(ref, "the account default in %s is http_tokens %s", r, s.IMDSDefaultHTTPTokens))
				}
			}
			return out
		},
	}
}

func ec2InstanceInVPC() check.Check {
	return instanceCheck(check.Check{
		ID:          "ec2_instance_in_vpc",
		Title:       "EC2 instances run inside a VPC",
		Description: "Instances outside a VPC (EC2-Classic) share a flat network with other customers and get no security group egress, flow logs or NACLs; they must be migrated.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Create an AMI of the instance and launch it into a subnet of a VPC; then terminate the old instance.",
			CLI:       "aws ec2 create-image --instance-id <INSTANCE_ID> --name migrate\naws ec2 run-instances --image-id <AMI_ID> --subnet-id <SUBNET_ID> ...",
			Terraform: "resource \"aws_instance\" \"app\" {\n  # ...\n  subnet_id = aws_subnet.private.id\n}",
		},
	}, func(_ *state.Account, _ *policy.Policy, in state.Instance) check.Result {
		if in.VPCID == "" {
			return check.FailR(in, "%s is not in a VPC", in.ID)
		}
		return check.PassR(in, "%s runs in %s", in.ID, in.VPCID)
	})
}

func ec2InstanceSingleENI() check.Check {
	return instanceCheck(check.Check{
		ID:          "ec2_instance_single_eni",
		Title:       "EC2 instances use a single network interface",
		Description: "An instance with several network interfaces can bridge subnets (and their security boundaries) that were meant to stay apart; use one unless the design requires more.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "EC2 > Network interfaces: select the secondary interface attached to the instance > Actions > Detach (and delete it if unused).",
			CLI:       "aws ec2 detach-network-interface --attachment-id <ATTACHMENT_ID>",
			Terraform: "# Remove the aws_network_interface_attachment for the secondary interface.",
		},
	}, func(_ *state.Account, _ *policy.Policy, in state.Instance) check.Result {
		switch {
		case in.ENICount == 0:
			return check.UnknownR(in, "the network interfaces of %s were not collected", in.ID)
		case in.ENICount > 1:
			return check.FailR(in, "%s has %d network interfaces", in.ID, in.ENICount)
		}
		return check.PassR(in, "%s has one network interface", in.ID)
	})
}

func ec2InstanceSourceDestCheck() check.Check {
	return instanceCheck(check.Check{
		ID:          "ec2_instance_source_dest_check",
		Title:       "EC2 instances keep the source/destination check on",
		Description: "With the check off, an instance accepts and forwards traffic not addressed to it: right for a NAT or firewall appliance, a routing hole anywhere else. Appliances should be waived by name.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Instances > select > Actions > Networking > Change source/destination check: Start (stop forwarding).",
			CLI:       "aws ec2 modify-instance-attribute --instance-id <INSTANCE_ID> --source-dest-check",
			Terraform: "resource \"aws_instance\" \"app\" {\n  # ...\n  source_dest_check = true\n}",
		},
	}, func(_ *state.Account, _ *policy.Policy, in state.Instance) check.Result {
		switch {
		case in.SourceDestCheck == nil:
			return check.UnknownR(in, "the source/destination check of %s was not collected", in.ID)
		case !*in.SourceDestCheck:
			return check.FailR(in, "%s forwards traffic not addressed to it (source/destination check off)", in.ID)
		}
		return check.PassR(in, "%s keeps the source/destination check on", in.ID)
	})
}

func ec2InstanceNotParavirtual() check.Check {
	return instanceCheck(check.Check{
		ID:          "ec2_instance_not_paravirtual",
		Title:       "EC2 instances use HVM, not paravirtual, virtualization",
		Description: "Paravirtual (PV) instances run only on previous-generation types with old kernels and miss the Nitro system's protections and current OS releases; they cannot be kept patched.",
		Area:        check.Patching,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Rebuild the workload on a current HVM AMI and a current-generation instance type, then terminate the PV instance.",
			CLI:       "aws ec2 describe-images --owners amazon --filters Name=virtualization-type,Values=hvm Name=name,Values='al2023-ami-*'\naws ec2 run-instances --image-id <HVM_AMI_ID> --instance-type m7i.large ...",
			Terraform: "data \"aws_ami\" \"al2023\" {\n  most_recent = true\n  owners      = [\"amazon\"]\n  filter {\n    name   = \"virtualization-type\"\n    values = [\"hvm\"]\n  }\n}",
		},
	}, func(_ *state.Account, _ *policy.Policy, in state.Instance) check.Result {
		switch in.VirtualizationType {
		case "":
			return check.UnknownR(in, "the virtualization type of %s was not collected", in.ID)
		case "paravirtual":
			return check.FailR(in, "%s (%s) is paravirtual", in.ID, in.Type)
		}
		return check.PassR(in, "%s uses %s virtualization", in.ID, in.VirtualizationType)
	})
}

// launchTemplateCheck builds a check over launch templates' default versions.
// The collector lists the templates with one DescribeLaunchTemplateVersions
// call per region ($Default of every template), so a failure of that call
// hides the region's templates: it is a listing gap, as DescribeLaunchTemplates'
// would be.
func launchTemplateCheck(c check.Check, f func(a *state.Account, t state.LaunchTemplate) check.Result) check.Check {
	c.Area, c.Service = check.Network, "ec2"
	c.Run = func(a *state.Account, _ *policy.Policy) []check.Result {
		return eachRegional(a, "ec2", []state.Input{state.InputEC2LaunchTemplates}, a.EC2.LaunchTemplates, func(t state.LaunchTemplate) check.Result {
			if g, ok := a.Gaps.ForInput(state.InputEC2LaunchTemplates, t.Region, t.ARN); ok {
				return check.GapR(t, g)
			}
			return f(a, t)
		})
	}
	return c
}

func ec2InstanceLaunchTemplateNoPublicIP() check.Check {
	return launchTemplateCheck(check.Check{
		ID:          "ec2_instance_launch_template_no_public_ip",
		Title:       "Launch templates do not give instances public IPv4 addresses",
		Description: "Every instance an Auto Scaling group or a person starts from such a template is reachable from the internet as soon as a security group allows it.",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "EC2 > Launch templates > select > Actions > Modify template (Create new version): Advanced network configuration > Auto-assign public IP: Disable; set it as the default version.",
			CLI:       "aws ec2 create-launch-template-version --launch-template-id <LT_ID> --source-version <VERSION> --launch-template-data '{\"NetworkInterfaces\":[{\"DeviceIndex\":0,\"AssociatePublicIpAddress\":false}]}'\naws ec2 modify-launch-template --launch-template-id <LT_ID> --default-version <NEW_VERSION>",
			Terraform: "resource \"aws_launch_template\" \"app\" {\n  # ...\n  network_interfaces {\n    associate_public_ip_address = false\n  }\n}",
		},
	}, func(_ *state.Account, t state.LaunchTemplate) check.Result {
		if t.AssociatePublicIP {
			return check.FailR(t, "launch template %s (version %d) assigns public IPv4 addresses", t.Name, t.DefaultVersion)
		}
		return check.PassR(t, "launch template %s assigns no public IPv4 address", t.Name)
	})
}

func ec2InstanceLaunchTemplateIMDSv2() check.Check {
	return launchTemplateCheck(check.Check{
		ID:          "ec2_instance_launch_template_imdsv2",
		Title:       "Launch templates require IMDSv2",
		Description: "A template that allows IMDSv1 recreates SSRF-exposed instances on every scale-out. A template that says nothing inherits the region's account default, which passes only when that default is IMDSv2 required.",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Launch templates > select > Actions > Modify template (Create new version): Advanced details > Metadata version: V2 only (token required); make it the default version.",
			CLI:       "aws ec2 create-launch-template-version --launch-template-id <LT_ID> --source-version <VERSION> --launch-template-data '{\"MetadataOptions\":{\"HttpTokens\":\"required\",\"HttpEndpoint\":\"enabled\"}}'\naws ec2 modify-launch-template --launch-template-id <LT_ID> --default-version <NEW_VERSION>",
			Terraform: "resource \"aws_launch_template\" \"app\" {\n  # ...\n  metadata_options {\n    http_tokens   = \"required\"\n    http_endpoint = \"enabled\"\n  }\n}",
		},
	}, func(a *state.Account, t state.LaunchTemplate) check.Result {
		switch {
		case t.MetadataHTTPEndpoint == "disabled":
			return check.PassR(t, "launch template %s turns the metadata service off", t.Name)
		case t.MetadataHTTPTokens == "required":
			return check.PassR(t, "launch template %s requires IMDSv2", t.Name)
		case t.MetadataHTTPTokens == "":
			if s, ok := a.EC2.Settings(t.Region); ok && s.IMDSDefaultHTTPTokens == "required" {
				return check.PassR(t, "launch template %s inherits the account default, IMDSv2 required in %s", t.Name, t.Region)
			}
			if g, ok := a.Gaps.ForInput(state.InputEC2InstanceMetadataDefaults, t.Region, ""); ok {
				return check.GapR(t, g)
			}
			return check.FailR(t, "launch template %s sets no metadata version and %s has no IMDSv2 account default", t.Name, t.Region)
		}
		return check.FailR(t, "launch template %s allows IMDSv1 (http_tokens %s)", t.Name, t.MetadataHTTPTokens)
	})
}

func ec2VPCTransitGatewayNoAutoAccept() check.Check {
	return check.Check{
		ID:          "ec2_vpc_transit_gateway_no_auto_accept",
		Title:       "Transit gateways do not accept shared VPC attachments automatically",
		Description: "With auto-accept on, any account the gateway is shared with can attach its VPC and route into every network behind the gateway without anyone reviewing it.",
		Area:        check.Network,
		Service:     "ec2",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "VPC > Transit gateways > select > Actions > Modify transit gateway: clear Auto accept shared attachments.",
			CLI:       "aws ec2 modify-transit-gateway --transit-gateway-id <TGW_ID> --options AutoAcceptSharedAttachments=disable",
			Terraform: "resource \"aws_ec2_transit_gateway\" \"this\" {\n  # ...\n  auto_accept_shared_attachments = \"disable\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2TransitGateways}, a.EC2.TransitGateways, func(t state.TransitGateway) check.Result {
				if t.AutoAcceptSharedAttachments {
					return check.FailR(t, "transit gateway %s accepts shared attachments automatically", t.ID)
				}
				return check.PassR(t, "transit gateway %s requires attachments to be accepted", t.ID)
			})
		},
	}
}
