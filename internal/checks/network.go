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
		ec2VPCEndpointService("ec2"),
		ec2VPCEndpointService("ssm"),
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
func sgPortCheck(id, what string, ports []int) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			res := newSGResolver(a)
			return eachRegional(a, "ec2", []state.Input{state.InputEC2SecurityGroups}, a.EC2.SecurityGroups, func(g state.SecurityGroup) check.Result {
				return judgeSGPorts(g, res.ingress(g), ports, what)
			})
		},
	}
}

func ec2SGNoAdminPortsFromInternet() check.Check {
	return sgPortCheck("ec2_sg_no_admin_ports_from_internet", "SSH/RDP", adminPorts())
}

func ec2SGNoDBPortsFromInternet() check.Check {
	return sgPortCheck("ec2_sg_no_db_ports_from_internet", "database or cache ports", dbPorts())
}

func ec2SGNoHighRiskPortsFromInternet() check.Check {
	return sgPortCheck("ec2_sg_no_high_risk_ports_from_internet", "high-risk ports", highRiskPorts())
}

func ec2SGCIFSRestricted() check.Check {
	return check.Check{
		ID: "ec2_sg_cifs_restricted",
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
		ID: "ec2_sg_admin_ports_corporate_only",
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
		ID: "ec2_sg_only_authorized_ports_open",
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
		ID: "ec2_sg_default_restricts_all",
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
		ID: "ec2_sg_unused",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			out := check.Results(a, len(a.EC2.SecurityGroups)) // at most one per group
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
		ID: "ec2_nacl_no_admin_ports_from_internet",
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
		ID: "ec2_nacl_unused",
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
		ID: "ec2_vpc_flow_logs_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			// The flow logs of each resource, in the listing's order:
			// reading every flow log for each VPC cost as much as the
			// rest of the check at 1M resources.
			byResource := make(map[string][]int, len(a.EC2.FlowLogs))
			for i, f := range a.EC2.FlowLogs {
				byResource[f.ResourceID] = append(byResource[f.ResourceID], i)
			}
			return eachRegional(a, "ec2", []state.Input{state.InputEC2VPCs}, a.EC2.VPCs, func(v state.VPC) check.Result {
				partial := ""
				for _, i := range byResource[v.ID] {
					f := a.EC2.FlowLogs[i]
					if f.Status != "" && f.Status != "ACTIVE" {
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
		ID: "ec2_vpc_default_unused",
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

// vpcService is a VPC ID and the service name of an endpoint in it.
type vpcService struct{ vpc, service string }

// vpcEndpointsKey is the key of the account's endpoints by VPC and
// service (state.Derive).
type vpcEndpointsKey struct{}

// vpcEndpoints returns the VPC and service of every VPC endpoint, built
// once per evaluation: the eight endpoint checks asked about each VPC by
// reading every endpoint (5,000 VPCs and as many endpoints at 1M
// resources: about 1 CPU-s). Shared: not to be changed.
func vpcEndpoints(a *state.Account) map[vpcService]bool {
	return state.Derive(a, vpcEndpointsKey{}, func() map[vpcService]bool {
		m := make(map[vpcService]bool, len(a.EC2.VPCEndpoints))
		for _, e := range a.EC2.VPCEndpoints {
			m[vpcService{e.VPCID, e.ServiceName}] = true
		}
		return m
	})
}

// hasEndpoint reports whether vpc has an endpoint for the regional service
// (com.amazonaws.<region>.<svc>); eps is vpcEndpoints(a).
func hasEndpoint(eps map[vpcService]bool, vpcID, region, svc string) bool {
	return eps[vpcService{vpcID, "com.amazonaws." + region + "." + svc}]
}

// ec2VPCEndpointService builds the FSBP "VPC has an interface endpoint for
// <service>" checks. Default VPCs are not judged (see ec2_vpc_default_unused).
func ec2VPCEndpointService(svc string) check.Check {
	return check.Check{
		// ecr.api -> ec2_vpc_endpoint_ecr_api, ssm-contacts -> ec2_vpc_endpoint_ssm_contacts.
		ID: "ec2_vpc_endpoint_" + strings.NewReplacer(".", "_", "-", "_").Replace(svc),
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			eps := vpcEndpoints(a)
			return eachRegional(a, "ec2", []state.Input{state.InputEC2VPCs, state.InputEC2VPCEndpoints}, a.EC2.VPCs, func(v state.VPC) check.Result {
				switch {
				case v.IsDefault:
					return check.NotApplicableR(v, "%s is the default VPC", v.ID)
				case hasEndpoint(eps, v.ID, v.Region, svc):
					return check.PassR(v, "%s has an endpoint for com.amazonaws.%s.%s", v.ID, v.Region, svc)
				}
				return check.FailR(v, "%s has no endpoint for com.amazonaws.%s.%s", v.ID, v.Region, svc)
			})
		},
	}
}

func ec2VPCEndpointS3() check.Check {
	return check.Check{
		ID: "ec2_vpc_endpoint_s3",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			// Instances per VPC, counted once (not once per VPC).
			perVPC := map[string]int{}
			for _, in := range a.EC2.Instances {
				if in.State != "terminated" {
					perVPC[in.VPCID]++
				}
			}
			eps := vpcEndpoints(a)
			return eachRegional(a, "ec2", []state.Input{state.InputEC2VPCs, state.InputEC2VPCEndpoints, state.InputEC2Instances}, a.EC2.VPCs, func(v state.VPC) check.Result {
				n := perVPC[v.ID]
				switch {
				case n == 0:
					return check.NotApplicableR(v, "%s has no instances that would use an S3 endpoint", v.ID)
				case hasEndpoint(eps, v.ID, v.Region, "s3"):
					return check.PassR(v, "%s (%d instances) has an S3 endpoint", v.ID, n)
				}
				return check.FailR(v, "%s has %d instances and no S3 endpoint: their S3 traffic leaves through the internet or NAT gateway", v.ID, n)
			})
		},
	}
}

func ec2VPCBlockPublicAccess() check.Check {
	return check.Check{
		ID: "ec2_vpc_block_public_access",
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
		ID: "ec2_subnet_no_auto_public_ip",
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
		ID: "ec2_subnet_db_no_internet_route",
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
		out := check.Results(a, len(a.EC2.Instances)) // at most one per instance
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
		ID: "ec2_instance_no_public_ip",
	}, func(_ *state.Account, _ *policy.Policy, in state.Instance) check.Result {
		if in.PublicIP != "" {
			return check.FailR(in, "%s has public IPv4 %s", in.ID, in.PublicIP)
		}
		return check.PassR(in, "%s has no public IPv4 address", in.ID)
	})
}

func ec2InstanceIMDSv2Required() check.Check {
	return instanceCheck(check.Check{
		ID: "ec2_instance_imdsv2_required",
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
		ID: "ec2_instance_imdsv2_account_default",
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
		ID: "ec2_instance_in_vpc",
	}, func(_ *state.Account, _ *policy.Policy, in state.Instance) check.Result {
		if in.VPCID == "" {
			return check.FailR(in, "%s is not in a VPC", in.ID)
		}
		return check.PassR(in, "%s runs in %s", in.ID, in.VPCID)
	})
}

func ec2InstanceSingleENI() check.Check {
	return instanceCheck(check.Check{
		ID: "ec2_instance_single_eni",
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
		ID: "ec2_instance_source_dest_check",
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
		ID: "ec2_instance_not_paravirtual",
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
		ID: "ec2_instance_launch_template_no_public_ip",
	}, func(_ *state.Account, t state.LaunchTemplate) check.Result {
		if t.AssociatePublicIP {
			return check.FailR(t, "launch template %s (version %d) assigns public IPv4 addresses", t.Name, t.DefaultVersion)
		}
		return check.PassR(t, "launch template %s assigns no public IPv4 address", t.Name)
	})
}

func ec2InstanceLaunchTemplateIMDSv2() check.Check {
	return launchTemplateCheck(check.Check{
		ID: "ec2_instance_launch_template_imdsv2",
	}, func(a *state.Account, t state.LaunchTemplate) check.Result {
		return launchIMDSv2(a, t, "launch template "+t.Name, t.MetadataHTTPTokens, t.MetadataHTTPEndpoint)
	})
}

// launchIMDSv2 is the one rule for "do instances launched from this
// template or configuration require IMDSv2": the metadata service turned
// off or tokens required pass; metadata options left unset inherit the
// region's account default (IMDSv2 required passes, an unread default is
// unknown); anything else allows IMDSv1. Launch templates (EC2) and Auto
// Scaling launch configurations are judged by it alike.
func launchIMDSv2(a *state.Account, r state.Resource, what, tokens, endpoint string) check.Result {
	region := r.Ref().Region
	switch {
	case endpoint == "disabled":
		return check.PassR(r, "%s turns the metadata service off", what)
	case tokens == "required":
		return check.PassR(r, "%s requires IMDSv2", what)
	case tokens == "":
		if s, ok := a.EC2.Settings(region); ok && s.IMDSDefaultHTTPTokens == "required" {
			return check.PassR(r, "%s inherits the account default, IMDSv2 required in %s", what, region)
		}
		if g, ok := a.Gaps.ForInput(state.InputEC2InstanceMetadataDefaults, region, ""); ok {
			return check.GapR(r, g)
		}
		return check.FailR(r, "%s sets no metadata version and %s has no IMDSv2 account default", what, region)
	}
	return check.FailR(r, "%s allows IMDSv1 (http_tokens %s)", what, tokens)
}

func ec2VPCTransitGatewayNoAutoAccept() check.Check {
	return check.Check{
		ID: "ec2_vpc_transit_gateway_no_auto_accept",
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
