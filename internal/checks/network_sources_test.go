package checks

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// nwPL adds a managed prefix list in eu-west-1 owned by owner (the test
// account, or state.AWSPrefixListOwner) with entries.
func nwPL(id, owner string, entries ...string) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.PrefixLists = append(a.EC2.PrefixLists, state.PrefixList{Meta: nwEUMeta("ec2", "prefix-list/"+id), ID: id, Name: "list-" + id,
			OwnerID: owner, AddressFamily: "IPv4", Entries: entries})
	}
}

// nwPLRule is a TCP rule for from..to whose sources are prefix lists.
func nwPLRule(from, to int, lists ...string) state.SGRule {
	return state.SGRule{Protocol: "tcp", FromPort: from, ToPort: to, PrefixLists: lists}
}

// nwEntriesGap is a failed GetManagedPrefixListEntries for list id.
func nwEntriesGap(id string) func(*state.Account) {
	return withGap(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "GetManagedPrefixListEntries", Resource: nwEUMeta("ec2", "prefix-list/"+id).ARN, Reason: state.ReasonAccessDenied})
}

// networkSourceCases are the security group cases about where rules admit
// traffic from: prefix lists (item 1 of issue 10 §4), protocols other than
// TCP/UDP/ICMP (item 2), sets of CIDRs that together cover the internet
// (item 3) and evidence naming both families (item 4). Each fails on the
// code before prefix lists were read.
func networkSourceCases() map[string][]checkCase {
	sg := func(rules ...state.SGRule) func(*state.Account) { return nwSG("sg-1", "web", 1, rules...) }
	me := testAccountID
	open := nwPL("pl-open", me, "0.0.0.0/0")
	halves := nwPL("pl-halves", me, "0.0.0.0/1", "128.0.0.0/1")
	office := nwPL("pl-office", me, "198.51.100.0/24")
	partner := nwPL("pl-partner", me, "203.0.113.0/24")
	connect := nwPL("pl-connect", state.AWSPrefixListOwner) // com.amazonaws.eu-west-1.ec2-instance-connect: entries not read
	unread := nwPL("pl-unread", me)
	unreadGap := nwEntriesGap("pl-unread")
	listingGap := nwEUGap("ec2", "DescribeManagedPrefixLists")
	both := func(r state.SGRule) state.SGRule { r.IPv6 = []string{"::/0"}; return r }
	proto := func(p string) state.SGRule {
		return state.SGRule{Protocol: p, FromPort: -1, ToPort: -1, CIDRs: []string{"0.0.0.0/0"}}
	}
	corp := nwCorpPolicy("198.51.100.0/24")
	aclAllow := func(n int, cidr string) state.ACLEntry {
		return state.ACLEntry{RuleNumber: n, Protocol: "-1", Action: "allow", CIDR: cidr}
	}
	aclDeny := func(n int, cidr string) state.ACLEntry {
		return state.ACLEntry{RuleNumber: n, Protocol: "-1", Action: "deny", CIDR: cidr}
	}
	dbIn := func(subnets ...string) func(*state.Account) {
		return func(a *state.Account) {
			a.RDS.Instances = append(a.RDS.Instances, state.DBInstance{Meta: nwEUMeta("rds", "db:db1"), ID: "db1", VPCID: "vpc-1", SubnetIDs: subnets})
		}
	}
	routes := func(subnet string, rs ...state.Route) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.RouteTables = append(a.EC2.RouteTables, state.RouteTable{Meta: nwEUMeta("ec2", "route-table/rtb-db"), ID: "rtb-db", VPCID: "vpc-1", SubnetIDs: []string{subnet},
				Routes: append([]state.Route{{Destination: "10.0.0.0/16", Target: "local"}}, rs...)})
		}
	}
	return map[string][]checkCase{
		"ec2_sg_no_admin_ports_from_internet": {
			// Item 1: prefix lists.
			{name: "ssh from a prefix list holding 0.0.0.0/0", acct: baseAccount(open, sg(nwPLRule(22, 22, "pl-open"))), want: sts(stF), msg: "22 from pl-open (0.0.0.0/0)"},
			{name: "ssh from a prefix list whose halves cover the internet", acct: baseAccount(halves, sg(nwPLRule(22, 22, "pl-halves"))), want: sts(stF), msg: "22 from pl-halves (0.0.0.0/1, 128.0.0.0/1)"},
			{name: "ssh from an office prefix list", acct: baseAccount(office, sg(nwPLRule(22, 22, "pl-office"))), want: sts(stP)},
			{name: "ssh from an AWS-managed prefix list", acct: baseAccount(connect, sg(nwPLRule(22, 22, "pl-connect"))), want: sts(stP)},
			{name: "ssh from a prefix list whose entries were denied", acct: baseAccount(unread, unreadGap, sg(nwPLRule(22, 22, "pl-unread"))), want: sts(stU), msg: "pl-unread could not be read"},
			{name: "ssh from a prefix list never listed", acct: baseAccount(sg(nwPLRule(22, 22, "pl-gone"))), want: sts(stU), msg: "pl-gone was not collected"},
			{name: "ssh from a prefix list while the listing was denied", acct: baseAccount(listingGap, sg(nwPLRule(22, 22, "pl-open"))), want: sts(stU), msg: "access_denied"},
			{name: "unread prefix list on a web port only", acct: baseAccount(unread, unreadGap, sg(nwPLRule(443, 443, "pl-unread"))), want: sts(stP)},
			{name: "a source that is not a CIDR is unknown", acct: baseAccount(sg(nwTCP(22, 22, "0.0.0.0/0x"))), want: sts(stU), msg: `source "0.0.0.0/0x" is not a CIDR`},
			{name: "open from anywhere beats an unread list", acct: baseAccount(unread, unreadGap, sg(nwPLRule(22, 22, "pl-unread"), nwTCP(22, 22, "0.0.0.0/0"))), want: sts(stF)},
			{name: "prefix list half plus a cidr half", acct: baseAccount(nwPL("pl-low", me, "0.0.0.0/1"), sg(state.SGRule{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"128.0.0.0/1"}, PrefixLists: []string{"pl-low"}})), want: sts(stF)},
			// Item 3: CIDRs that together cover the internet.
			{name: "two halves in one rule", acct: baseAccount(sg(nwTCP(22, 22, "0.0.0.0/1", "128.0.0.0/1"))), want: sts(stF), msg: "22 from 0.0.0.0/1 + 128.0.0.0/1"},
			{name: "two halves across rules and port ranges", acct: baseAccount(sg(nwTCP(22, 22, "0.0.0.0/1"), nwTCP(0, 1024, "128.0.0.0/1"))), want: sts(stF), msg: "22 from"},
			{name: "ipv6 halves", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 3389, ToPort: 3389, IPv6: []string{"::/1", "8000::/1"}})), want: sts(stF), msg: "3389 from ::/1 + 8000::/1"},
			{name: "a hole is not the internet", acct: baseAccount(sg(nwTCP(22, 22, "0.0.0.0/1", "128.0.0.0/2", "224.0.0.0/3"))), want: sts(stP)},
			{name: "tcp half and udp half do not add up", acct: baseAccount(sg(nwTCP(22, 22, "0.0.0.0/1"), state.SGRule{Protocol: "udp", FromPort: 22, ToPort: 22, CIDRs: []string{"128.0.0.0/1"}})), want: sts(stP)},
			{name: "rdp over udp", acct: baseAccount(sg(state.SGRule{Protocol: "udp", FromPort: 3389, ToPort: 3389, CIDRs: []string{"0.0.0.0/0"}})), want: sts(stF), msg: "3389/udp from 0.0.0.0/0"},
			// Item 4: both families named.
			{name: "ssh from both families", acct: baseAccount(sg(both(nwTCP(22, 22, "0.0.0.0/0")))), want: sts(stF), msg: "22 from 0.0.0.0/0 and ::/0"},
		},
		"ec2_sg_no_db_ports_from_internet": {
			{name: "postgres from a prefix list holding the internet", acct: baseAccount(open, sg(nwPLRule(5432, 5432, "pl-open"))), want: sts(stF), msg: "5432 from pl-open (0.0.0.0/0)"},
			{name: "postgres from an unread prefix list", acct: baseAccount(unread, unreadGap, sg(nwPLRule(5432, 5432, "pl-unread"))), want: sts(stU)},
			{name: "postgres from a partner list", acct: baseAccount(partner, sg(nwPLRule(5432, 5432, "pl-partner"))), want: sts(stP)},
			{name: "postgres from both families", acct: baseAccount(sg(both(nwTCP(5432, 5432, "0.0.0.0/0")))), want: sts(stF), msg: "5432 from 0.0.0.0/0 and ::/0"},
		},
		"ec2_sg_no_high_risk_ports_from_internet": {
			{name: "telnet from covering halves", acct: baseAccount(halves, sg(nwPLRule(23, 23, "pl-halves"))), want: sts(stF), msg: "23 from"},
			{name: "telnet from an unread list", acct: baseAccount(unread, unreadGap, sg(nwPLRule(23, 23, "pl-unread"))), want: sts(stU)},
		},
		"ec2_sg_only_authorized_ports_open": {
			// Item 2: protocols other than TCP, UDP and ICMP.
			{name: "gre", acct: baseAccount(sg(proto("47"))), want: sts(stF), msg: "protocol 47 (GRE) from 0.0.0.0/0"},
			{name: "esp", acct: baseAccount(sg(proto("50"))), want: sts(stF), msg: "protocol 50 (ESP)"},
			{name: "sctp", acct: baseAccount(sg(state.SGRule{Protocol: "132", FromPort: 0, ToPort: 65535, CIDRs: []string{"0.0.0.0/0"}})), want: sts(stF), msg: "protocol 132 (SCTP)"},
			{name: "all traffic by name", acct: baseAccount(sg(state.SGRule{Protocol: "all", IPv6: []string{"::/0"}})), want: sts(stF), msg: "all traffic from ::/0"},
			{name: "icmpv6 not judged", acct: baseAccount(sg(proto("58"))), want: sts(stP)},
			{name: "gre from the office", acct: baseAccount(sg(state.SGRule{Protocol: "47", FromPort: -1, ToPort: -1, CIDRs: []string{"198.51.100.0/24"}})), want: sts(stP)},
			// Items 1 and 3.
			{name: "all tcp from halves across rules", acct: baseAccount(sg(nwTCP(0, 65535, "0.0.0.0/1"), nwTCP(0, 65535, "128.0.0.0/1"))), want: sts(stF), msg: "tcp 0-65535"},
			{name: "web ports from halves", acct: baseAccount(sg(nwTCP(80, 80, "0.0.0.0/1", "128.0.0.0/1"), nwTCP(443, 443, "0.0.0.0/1"), nwTCP(443, 443, "128.0.0.0/1"))), want: sts(stP)},
			{name: "all traffic from halves", acct: baseAccount(sg(state.SGRule{Protocol: "-1", CIDRs: []string{"0.0.0.0/1"}}, state.SGRule{Protocol: "-1", CIDRs: []string{"128.0.0.0/1"}})), want: sts(stF), msg: "all traffic from 0.0.0.0/1 + 128.0.0.0/1"},
			{name: "ssh from a prefix list of the internet", acct: baseAccount(open, sg(nwPLRule(22, 22, "pl-open"))), want: sts(stF), msg: "tcp 22 from pl-open (0.0.0.0/0)"},
			{name: "https from an unread list", acct: baseAccount(unread, unreadGap, sg(nwPLRule(443, 443, "pl-unread"))), want: sts(stP)},
			{name: "ssh from an unread list", acct: baseAccount(unread, unreadGap, sg(nwPLRule(22, 22, "pl-unread"))), want: sts(stU), msg: "pl-unread"},
			{name: "ssh from an AWS-managed list", acct: baseAccount(connect, sg(nwPLRule(22, 22, "pl-connect"))), want: sts(stP)},
			// Item 4.
			{name: "udp from both families", acct: baseAccount(sg(both(state.SGRule{Protocol: "udp", FromPort: 53, ToPort: 53, CIDRs: []string{"0.0.0.0/0"}}))), want: sts(stF), msg: "udp 53 from 0.0.0.0/0 and ::/0"},
		},
		"ec2_sg_cifs_restricted": {
			{name: "smb from a prefix list of the internet", acct: baseAccount(halves, sg(nwPLRule(445, 445, "pl-halves"))), want: sts(stF), msg: "445 from"},
			{name: "smb from a partner list outside corporate", acct: baseAccount(partner, sg(nwPLRule(445, 445, "pl-partner"))), pol: corp, want: sts(stF), msg: "pl-partner (203.0.113.0/24)"},
			{name: "smb from the corporate list", acct: baseAccount(office, sg(nwPLRule(445, 445, "pl-office"))), pol: corp, want: sts(stP)},
			{name: "smb from an unread list", acct: baseAccount(unread, unreadGap, sg(nwPLRule(445, 445, "pl-unread"))), pol: corp, want: sts(stU)},
			{name: "smb from an unread list, no corporate networks", acct: baseAccount(unread, unreadGap, sg(nwPLRule(445, 445, "pl-unread"))), want: sts(stU)},
		},
		"ec2_subnet_db_no_internet_route": {
			{name: "halves to the internet gateway", acct: baseAccount(dbIn("subnet-a"), routes("subnet-a", state.Route{Destination: "0.0.0.0/1", Target: "igw-1"}, state.Route{Destination: "128.0.0.0/1", Target: "igw-1"})),
				want: sts(stF), msg: "subnet-a (rtb-db: 0.0.0.0/1 + 128.0.0.0/1 -> igw-1)"},
			{name: "ipv6 default to the gateway", acct: baseAccount(dbIn("subnet-a"), routes("subnet-a", state.Route{Destination: "::/0", Target: "igw-1"})), want: sts(stF), msg: "::/0 -> igw-1"},
			{name: "one half to the gateway, one to a NAT", acct: baseAccount(dbIn("subnet-a"), routes("subnet-a", state.Route{Destination: "0.0.0.0/1", Target: "igw-1"}, state.Route{Destination: "128.0.0.0/1", Target: "nat-1"})), want: sts(stP)},
			{name: "a prefix list of the internet to the gateway", acct: baseAccount(halves, dbIn("subnet-a"), routes("subnet-a", state.Route{Destination: "pl-halves", Target: "igw-1"})), want: sts(stF), msg: "pl-halves (0.0.0.0/1, 128.0.0.0/1) -> igw-1"},
			{name: "an unread prefix list to the gateway", acct: baseAccount(unread, unreadGap, dbIn("subnet-a"), routes("subnet-a", state.Route{Destination: "pl-unread", Target: "igw-1"})), want: sts(stU), msg: "pl-unread could not be read"},
		},
		"ec2_nacl_no_admin_ports_from_internet": {
			{name: "allowed halves", acct: baseAccount(nwACL("acl-1", true, nil, aclAllow(100, "0.0.0.0/1"), aclAllow(110, "128.0.0.0/1"))), want: sts(stF), msg: "22 from 0.0.0.0/1 + 128.0.0.0/1 (rules 100, 110)"},
			{name: "ipv6 halves", acct: baseAccount(nwACL("acl-1", true, nil, state.ACLEntry{RuleNumber: 100, Protocol: "-1", Action: "allow", IPv6CIDR: "::/1"},
				state.ACLEntry{RuleNumber: 101, Protocol: "-1", Action: "allow", IPv6CIDR: "8000::/1"})), want: sts(stF), msg: "22 from ::/1 + 8000::/1"},
			{name: "denied halves before allow-all", acct: baseAccount(nwACL("acl-1", true, nil, aclDeny(90, "0.0.0.0/1"), aclDeny(91, "128.0.0.0/1"), aclAllow(100, "0.0.0.0/0"))), want: sts(stP)},
			{name: "one allowed half", acct: baseAccount(nwACL("acl-1", true, nil, aclAllow(100, "0.0.0.0/1"))), want: sts(stP)},
		},
		"ec2_sg_admin_ports_corporate_only": {
			{name: "ssh from the corporate list", acct: baseAccount(office, sg(nwPLRule(22, 22, "pl-office"))), pol: corp, want: sts(stP)},
			{name: "ssh from a partner list", acct: baseAccount(partner, sg(nwPLRule(22, 22, "pl-partner"))), pol: corp, want: sts(stF), msg: "pl-partner (203.0.113.0/24)"},
			{name: "ssh from EC2 Instance Connect's AWS-managed list", acct: baseAccount(connect, sg(nwPLRule(22, 22, "pl-connect"))), pol: corp, want: sts(stP), msg: "AWS-managed prefix lists pl-connect"},
			{name: "ssh from an unread list", acct: baseAccount(unread, unreadGap, sg(nwPLRule(22, 22, "pl-unread"))), pol: corp, want: sts(stU), msg: "access_denied"},
		},
	}
}

func TestCoversSpace(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cidrs []string
		v6    bool
		want  bool
	}{
		{"nothing", nil, false, false},
		{"the whole space", []string{"0.0.0.0/0"}, false, true},
		{"two halves", []string{"128.0.0.0/1", "0.0.0.0/1"}, false, true},
		{"halves given with host bits", []string{"10.0.0.0/1", "200.1.2.3/1"}, false, true},
		{"one half", []string{"0.0.0.0/1"}, false, false},
		{"quarters with overlap", []string{"0.0.0.0/2", "0.0.0.0/1", "128.0.0.0/2", "64.0.0.0/2", "192.0.0.0/2"}, false, true},
		{"a hole at the top", []string{"0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5", "248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8"}, false, false},
		{"a hole at the bottom", []string{"0.0.0.1/32", "0.0.0.2/31", "0.0.0.4/30", "0.0.0.8/29", "0.0.0.16/28", "0.0.0.32/27", "0.0.0.64/26", "0.0.0.128/25",
			"0.0.1.0/24", "0.0.2.0/23", "0.0.4.0/22", "0.0.8.0/21", "0.0.16.0/20", "0.0.32.0/19", "0.0.64.0/18", "0.0.128.0/17", "0.1.0.0/16", "0.2.0.0/15",
			"0.4.0.0/14", "0.8.0.0/13", "0.16.0.0/12", "0.32.0.0/11", "0.64.0.0/10", "0.128.0.0/9", "1.0.0.0/8", "2.0.0.0/7", "4.0.0.0/6", "8.0.0.0/5",
			"16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"}, false, false},
		{"the same with the bottom address", []string{"0.0.0.0/32", "0.0.0.1/32", "0.0.0.2/31", "0.0.0.4/30", "0.0.0.8/29", "0.0.0.16/28", "0.0.0.32/27", "0.0.0.64/26", "0.0.0.128/25",
			"0.0.1.0/24", "0.0.2.0/23", "0.0.4.0/22", "0.0.8.0/21", "0.0.16.0/20", "0.0.32.0/19", "0.0.64.0/18", "0.0.128.0/17", "0.1.0.0/16", "0.2.0.0/15",
			"0.4.0.0/14", "0.8.0.0/13", "0.16.0.0/12", "0.32.0.0/11", "0.64.0.0/10", "0.128.0.0/9", "1.0.0.0/8", "2.0.0.0/7", "4.0.0.0/6", "8.0.0.0/5",
			"16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"}, false, true},
		{"private ranges", []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}, false, false},
		{"ipv4 halves do not cover ipv6", []string{"0.0.0.0/1", "128.0.0.0/1"}, true, false},
		{"ipv6 whole space", []string{"::/0"}, true, true},
		{"ipv6 halves", []string{"8000::/1", "::/1"}, true, true},
		{"ipv6 half and a quarter", []string{"::/1", "8000::/2"}, true, false},
		{"ipv6 does not cover ipv4", []string{"::/0"}, false, false},
		{"ipv6 nested halves up to the top", []string{"::/1", "8000::/2", "c000::/3", "e000::/4", "f000::/5", "f800::/6", "fc00::/7", "fe00::/8", "ff00::/9", "ff80::/10",
			"ffc0::/11", "ffe0::/12", "fff0::/13", "fff8::/14", "fffc::/15", "fffe::/16", "ffff::/16"}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ps []netip.Prefix
			for _, c := range tc.cidrs {
				ps = append(ps, netip.MustParsePrefix(c))
			}
			if got := coversSpace(ps, tc.v6); got != tc.want {
				t.Errorf("coversSpace(%v, v6=%v) = %v, want %v", tc.cidrs, tc.v6, got, tc.want)
			}
		})
	}
}

// TestCoversSpaceAgreesWithSampling checks the sweep against a brute-force
// answer on random sets of short IPv4 prefixes: whether each of the 256
// /8 blocks is inside some prefix (prefixes no longer than /8 either hold
// a /8 block whole or miss it).
func TestCoversSpaceAgreesWithSampling(t *testing.T) {
	seed := uint32(7)
	next := func(n uint32) uint32 { seed = seed*1664525 + 1013904223; return (seed >> 8) % n }
	for i := 0; i < 2000; i++ {
		var ps []netip.Prefix
		for k := next(12); k > 0; k-- {
			bits := int(next(8) + 1)
			addr := netip.AddrFrom4([4]byte{byte(next(256)), 0, 0, 0})
			ps = append(ps, netip.PrefixFrom(addr, bits).Masked())
		}
		want := true
		for blk := 0; blk < 256 && want; blk++ {
			a := netip.AddrFrom4([4]byte{byte(blk), 0, 0, 0})
			in := false
			for _, p := range ps {
				in = in || p.Contains(a)
			}
			want = in
		}
		if got := coversSpace(ps, false); got != want {
			t.Fatalf("coversSpace(%v) = %v, brute force says %v", ps, got, want)
		}
	}
}

func TestSGProtocol(t *testing.T) {
	for in, want := range map[string]string{"-1": "all", "ALL": "all", "tcp": "tcp", "6": "tcp", "UDP": "udp", "17": "udp", "icmp": "icmp", "1": "icmp",
		"icmpv6": "icmpv6", "58": "icmpv6", "47": "47", "50": "50", "132": "132"} {
		if got := sgProtocol(in); got != want {
			t.Errorf("sgProtocol(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEvidenceCapped keeps the message short when many sources add up.
func TestEvidenceCapped(t *testing.T) {
	var cidrs []string
	for i := 0; i < 16; i++ {
		cidrs = append(cidrs, netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(i * 16), 0, 0, 0}), 4).String())
	}
	a := baseAccount()
	rules := newSGResolver(a).ingress(state.SecurityGroup{Meta: nwEUMeta("ec2", "security-group/sg-1"), Ingress: []state.SGRule{nwTCP(22, 22, cidrs...)}})
	got := internetFrom(rules)
	if !strings.HasSuffix(got, "12 more") || strings.Count(got, " + ") != maxEvidence {
		t.Errorf("evidence %q: want %d sources and a count of the rest", got, maxEvidence)
	}
	l := state.PrefixList{Meta: nwEUMeta("ec2", "prefix-list/pl-1"), ID: "pl-1", OwnerID: testAccountID, Entries: cidrs}
	a.EC2.PrefixLists = []state.PrefixList{l}
	rules = newSGResolver(a).ingress(state.SecurityGroup{Meta: nwEUMeta("ec2", "security-group/sg-1"), Ingress: []state.SGRule{nwPLRule(22, 22, "pl-1")}})
	if got := internetFrom(rules); got != "pl-1 (0.0.0.0/4, 16.0.0.0/4, 32.0.0.0/4, 48.0.0.0/4, 12 more)" {
		t.Errorf("evidence %q: want the list's entries grouped and capped", got)
	}
}
