package checks

import (
	"net/netip"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Shorthands for the network, VPN, ELB, patching, sharing and residency
// test tables.
const (
	stP  = check.Pass
	stF  = check.Fail
	stU  = check.Unknown
	stNA = check.NotApplicable
)

func sts(s ...check.Status) []check.Status { return s }

// nwEUMeta is a resource in eu-west-1 of the test account.
func nwEUMeta(service, res string) state.Meta {
	return state.Meta{ARN: "arn:aws:" + service + ":eu-west-1:" + testAccountID + ":" + res, Region: "eu-west-1"}
}

// nwUSGap is a gap for a whole listing in us-east-1 (results: one unknown first).
func nwUSGap(service, op string) func(*state.Account) {
	return withGap(state.Gap{Service: service, Region: "us-east-1", Operation: op, Reason: state.ReasonAccessDenied})
}

// nwEUGap is a gap for a whole listing in eu-west-1.
func nwEUGap(service, op string) func(*state.Account) {
	return withGap(state.Gap{Service: service, Region: "eu-west-1", Operation: op, Reason: state.ReasonAccessDenied})
}

func nwCorpPolicy(cidrs ...string) *policy.Policy {
	p := &policy.Policy{}
	for _, c := range cidrs {
		p.CorporateCIDRs = append(p.CorporateCIDRs, netip.MustParsePrefix(c))
	}
	return p
}

func nwSG(id, name string, enis int, in ...state.SGRule) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.SecurityGroups = append(a.EC2.SecurityGroups, state.SecurityGroup{Meta: nwEUMeta("ec2", "security-group/"+id), ID: id, Name: name, VPCID: "vpc-1", Ingress: in, AttachedENIs: enis})
	}
}

func nwTCP(from, to int, cidrs ...string) state.SGRule {
	return state.SGRule{Protocol: "tcp", FromPort: from, ToPort: to, CIDRs: cidrs}
}

func nwVPC(id string, isDefault bool) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.VPCs = append(a.EC2.VPCs, state.VPC{Meta: nwEUMeta("ec2", "vpc/"+id), ID: id, CIDR: "10.0.0.0/16", IsDefault: isDefault})
	}
}

func nwInstance(id string, mut func(*state.Instance)) func(*state.Account) {
	return func(a *state.Account) {
		in := state.Instance{Meta: nwEUMeta("ec2", "instance/"+id), ID: id, State: "running", ImageID: "ami-1", VPCID: "vpc-1",
			LaunchTime: testTime.AddDate(0, 0, -10), MetadataHTTPTokens: "required", MetadataHTTPEndpoint: "enabled", ENICount: 1}
		if mut != nil {
			mut(&in)
		}
		a.EC2.Instances = append(a.EC2.Instances, in)
	}
}

func nwACL(id string, isDefault bool, subnets []string, entries ...state.ACLEntry) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.NetworkACLs = append(a.EC2.NetworkACLs, state.NetworkACL{Meta: nwEUMeta("ec2", "network-acl/"+id), ID: id, VPCID: "vpc-1", IsDefault: isDefault, SubnetIDs: subnets, Entries: entries})
	}
}

func nwEC2Settings(eu, us state.EC2RegionSettings) func(*state.Account) {
	return func(a *state.Account) {
		eu.Region, us.Region = "eu-west-1", "us-east-1"
		a.EC2.RegionSettings = []state.EC2RegionSettings{eu, us}
	}
}

func nwLaunchTemplate(public bool, tokens, endpoint string) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.LaunchTemplates = append(a.EC2.LaunchTemplates, state.LaunchTemplate{Meta: nwEUMeta("ec2", "launch-template/lt-1"), ID: "lt-1", Name: "app", DefaultVersion: 3,
			AssociatePublicIP: public, MetadataHTTPTokens: tokens, MetadataHTTPEndpoint: endpoint})
	}
}

func nwTGW(auto bool) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.TransitGateways = append(a.EC2.TransitGateways, state.TransitGateway{Meta: nwEUMeta("ec2", "transit-gateway/tgw-1"), ID: "tgw-1", State: "available", AutoAcceptSharedAttachments: auto})
	}
}

func networkCases() map[string][]checkCase {
	anyone := []string{"0.0.0.0/0"}
	sg := func(rules ...state.SGRule) func(*state.Account) { return nwSG("sg-1", "web", 1, rules...) }
	endpoint := func(svc string) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.VPCEndpoints = append(a.EC2.VPCEndpoints, state.VPCEndpoint{Meta: nwEUMeta("ec2", "vpc-endpoint/vpce-"+svc), ID: "vpce-" + svc, VPCID: "vpc-1", ServiceName: "com.amazonaws.eu-west-1." + svc})
		}
	}
	flow := func(traffic, status string) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.FlowLogs = append(a.EC2.FlowLogs, state.FlowLog{Meta: nwEUMeta("ec2", "vpc-flow-log/fl-1"), ID: "fl-1", ResourceID: "vpc-1", TrafficType: traffic, Status: status})
		}
	}
	db := func(subnets ...string) func(*state.Account) {
		return func(a *state.Account) {
			a.RDS.Instances = append(a.RDS.Instances, state.DBInstance{Meta: nwEUMeta("rds", "db:db1"), ID: "db1", VPCID: "vpc-1", SubnetIDs: subnets})
		}
	}
	rtb := func(id string, main bool, igw bool, subnets ...string) func(*state.Account) {
		return func(a *state.Account) {
			rt := state.RouteTable{Meta: nwEUMeta("ec2", "route-table/"+id), ID: id, VPCID: "vpc-1", Main: main, SubnetIDs: subnets, Routes: []state.Route{{Destination: "10.0.0.0/16", Target: "local"}}}
			if igw {
				rt.Routes = append(rt.Routes, state.Route{Destination: "0.0.0.0/0", Target: "igw-1"})
			} else {
				rt.Routes = append(rt.Routes, state.Route{Destination: "0.0.0.0/0", Target: "nat-1"})
			}
			a.EC2.RouteTables = append(a.EC2.RouteTables, rt)
		}
	}
	allow := func(n int, proto string, from, to int, cidr string) state.ACLEntry {
		return state.ACLEntry{RuleNumber: n, Protocol: proto, Action: "allow", CIDR: cidr, FromPort: from, ToPort: to}
	}
	deny := func(n int, port int) state.ACLEntry {
		return state.ACLEntry{RuleNumber: n, Protocol: "6", Action: "deny", CIDR: "0.0.0.0/0", FromPort: port, ToPort: port}
	}
	sgGap := nwUSGap("ec2", "DescribeSecurityGroups")
	instGap := nwUSGap("ec2", "DescribeInstances")
	vpcGap := nwUSGap("ec2", "DescribeVpcs")
	return map[string][]checkCase{
		"ec2_sg_no_admin_ports_from_internet": {
			{name: "https only", acct: baseAccount(sg(nwTCP(443, 443, anyone...))), want: sts(stP)},
			{name: "ssh from office", acct: baseAccount(sg(nwTCP(22, 22, "203.0.113.0/24"))), want: sts(stP)},
			{name: "ssh from anywhere", acct: baseAccount(sg(nwTCP(22, 22, anyone...))), want: sts(stF), msg: "22 from 0.0.0.0/0"},
			{name: "rdp in range from ipv6 anywhere", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 3000, ToPort: 4000, IPv6: []string{"::/0"}})), want: sts(stF), msg: "3389 from ::/0"},
			{name: "all traffic", acct: baseAccount(sg(state.SGRule{Protocol: "-1", FromPort: -1, ToPort: -1, CIDRs: anyone})), want: sts(stF)},
			{name: "icmp is not ssh", acct: baseAccount(sg(state.SGRule{Protocol: "icmp", FromPort: 22, ToPort: 22, CIDRs: anyone})), want: sts(stP)},
			{name: "listing denied in one region", acct: baseAccount(sg(), sgGap), want: sts(stU, stP)},
		},
		"ec2_sg_no_db_ports_from_internet": {
			{name: "postgres from app group", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 5432, ToPort: 5432, SourceGroups: []string{"sg-app"}})), want: sts(stP)},
			{name: "postgres from anywhere", acct: baseAccount(sg(nwTCP(5432, 5432, anyone...))), want: sts(stF), msg: "5432 from 0.0.0.0/0"},
			{name: "whole tcp range over ipv6", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 0, ToPort: 65535, IPv6: []string{"::/0"}})), want: sts(stF), msg: "1433 from ::/0"},
			{name: "mongodb", acct: baseAccount(sg(nwTCP(27017, 27017, anyone...))), want: sts(stF), msg: "27017"},
			{name: "denied", acct: baseAccount(sgGap), want: sts(stU)},
		},
		"ec2_sg_no_high_risk_ports_from_internet": {
			{name: "https", acct: baseAccount(sg(nwTCP(443, 443, anyone...))), want: sts(stP)},
			{name: "8080", acct: baseAccount(sg(nwTCP(8080, 8080, anyone...))), want: sts(stF), msg: "8080 from 0.0.0.0/0"},
			{name: "telnet from office", acct: baseAccount(sg(nwTCP(23, 23, "198.51.100.0/24"))), want: sts(stP)},
			{name: "denied", acct: baseAccount(sgGap, sg()), want: sts(stU, stP)},
		},
		"ec2_sg_only_authorized_ports_open": {
			{name: "80 and 443", acct: baseAccount(sg(nwTCP(80, 80, anyone...), nwTCP(443, 443, anyone...))), want: sts(stP)},
			{name: "range 80-443", acct: baseAccount(sg(nwTCP(80, 443, anyone...))), want: sts(stF), msg: "tcp 80-443"},
			{name: "udp dns", acct: baseAccount(sg(state.SGRule{Protocol: "udp", FromPort: 53, ToPort: 53, CIDRs: anyone})), want: sts(stF), msg: "udp 53"},
			{name: "all traffic ipv6", acct: baseAccount(sg(state.SGRule{Protocol: "-1", IPv6: []string{"::/0"}})), want: sts(stF), msg: "all traffic"},
			{name: "icmp not judged", acct: baseAccount(sg(state.SGRule{Protocol: "icmp", FromPort: -1, ToPort: -1, CIDRs: anyone})), want: sts(stP)},
			{name: "ssh from office is not unrestricted", acct: baseAccount(sg(nwTCP(22, 22, "198.51.100.0/24"))), want: sts(stP)},
			{name: "denied", acct: baseAccount(sgGap), want: sts(stU)},
		},
		"ec2_sg_cifs_restricted": {
			{name: "no smb", acct: baseAccount(sg(nwTCP(443, 443, anyone...))), want: sts(stP)},
			{name: "smb from anywhere", acct: baseAccount(sg(nwTCP(445, 445, anyone...))), want: sts(stF), msg: "445 from 0.0.0.0/0"},
			{name: "smb from a public range outside corporate", acct: baseAccount(sg(nwTCP(445, 445, "203.0.113.0/24"))), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stF), msg: "203.0.113.0/24"},
			{name: "smb from corporate", acct: baseAccount(sg(nwTCP(445, 445, "198.51.100.0/25"))), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stP)},
			{name: "denied", acct: baseAccount(sgGap), want: sts(stU)},
		},
		"ec2_sg_admin_ports_corporate_only": {
			{name: "no corporate networks stated", acct: baseAccount(sg(nwTCP(22, 22, anyone...))), want: sts(stNA), msg: "corporate_cidrs"},
			{name: "ssh from corporate subnet", acct: baseAccount(sg(nwTCP(22, 22, "198.51.100.128/25"))), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stP)},
			{name: "ssh from vpc range and a bastion group", acct: baseAccount(sg(nwTCP(22, 22, "10.20.0.0/16"), state.SGRule{Protocol: "tcp", FromPort: 22, ToPort: 22, SourceGroups: []string{"sg-bastion"}})), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stP)},
			{name: "ssh from a home address", acct: baseAccount(sg(nwTCP(22, 22, "203.0.113.7/32"))), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stF), msg: "203.0.113.7/32"},
			{name: "rdp from a wider range than corporate", acct: baseAccount(sg(nwTCP(3389, 3389, "198.51.0.0/16"))), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stF)},
			{name: "web port from anywhere is not admin", acct: baseAccount(sg(nwTCP(443, 443, anyone...))), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stP)},
			{name: "prefix list", acct: baseAccount(sg(state.SGRule{Protocol: "tcp", FromPort: 22, ToPort: 22, PrefixLists: []string{"pl-123"}})), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stU), msg: "pl-123"},
			{name: "denied", acct: baseAccount(sgGap, sg()), pol: nwCorpPolicy("198.51.100.0/24"), want: sts(stU, stP)},
		},
		"ec2_sg_default_restricts_all": {
			{name: "closed default", acct: baseAccount(nwSG("sg-d", "default", 0)), want: sts(stP)},
			{name: "default with self ingress", acct: baseAccount(nwSG("sg-d", "default", 0, state.SGRule{Protocol: "-1", SourceGroups: []string{"sg-d"}})), want: sts(stF), msg: "1 inbound"},
			{name: "default with egress", acct: baseAccount(nwSG("sg-d", "default", 0), func(a *state.Account) {
				a.EC2.SecurityGroups[0].Egress = []state.SGRule{{Protocol: "-1", CIDRs: anyone}}
			}), want: sts(stF), msg: "1 outbound"},
			{name: "other groups are not judged", acct: baseAccount(sg(nwTCP(22, 22, anyone...))), want: nil},
			{name: "denied", acct: baseAccount(sgGap), want: sts(stU)},
		},
		"ec2_sg_unused": {
			{name: "used", acct: baseAccount(nwSG("sg-1", "app", 3)), want: sts(stP)},
			{name: "unused", acct: baseAccount(nwSG("sg-1", "old", 0)), want: sts(stF), msg: "no network interface"},
			{name: "default", acct: baseAccount(nwSG("sg-d", "default", 0)), want: sts(stNA)},
			{name: "interfaces not read", acct: baseAccount(nwSG("sg-1", "old", 0), nwEUGap("ec2", "DescribeNetworkInterfaces")), want: sts(stU)},
		},
		"ec2_nacl_no_admin_ports_from_internet": {
			{name: "denies before allow-all", acct: baseAccount(nwACL("acl-1", true, nil, deny(90, 22), deny(91, 3389), allow(100, "-1", 0, 0, "0.0.0.0/0"))), want: sts(stP)},
			{name: "allow all", acct: baseAccount(nwACL("acl-1", true, nil, allow(100, "-1", 0, 0, "0.0.0.0/0"))), want: sts(stF), msg: "22 from 0.0.0.0/0 (rule 100)"},
			{name: "deny after allow does not help", acct: baseAccount(nwACL("acl-1", true, nil, allow(100, "-1", 0, 0, "0.0.0.0/0"), deny(200, 22), deny(201, 3389))), want: sts(stF)},
			{name: "ipv6 allow all", acct: baseAccount(nwACL("acl-1", true, nil, deny(90, 22), deny(91, 3389), allow(100, "-1", 0, 0, "0.0.0.0/0"),
				state.ACLEntry{RuleNumber: 101, Protocol: "-1", Action: "allow", IPv6CIDR: "::/0"})), want: sts(stF), msg: "::/0 (rule 101)"},
			{name: "only https open", acct: baseAccount(nwACL("acl-1", false, []string{"subnet-1"}, allow(100, "6", 443, 443, "0.0.0.0/0"))), want: sts(stP)},
			{name: "ssh from office only", acct: baseAccount(nwACL("acl-1", false, []string{"subnet-1"}, allow(100, "6", 22, 22, "198.51.100.0/24"))), want: sts(stP)},
			{name: "egress rules are not ingress", acct: baseAccount(nwACL("acl-1", true, nil, state.ACLEntry{RuleNumber: 100, Egress: true, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"})), want: sts(stP)},
			{name: "denied", acct: baseAccount(nwUSGap("ec2", "DescribeNetworkAcls")), want: sts(stU)},
		},
		"ec2_nacl_unused": {
			{name: "associated", acct: baseAccount(nwACL("acl-1", false, []string{"subnet-1"})), want: sts(stP)},
			{name: "orphan", acct: baseAccount(nwACL("acl-1", false, nil)), want: sts(stF)},
			{name: "default", acct: baseAccount(nwACL("acl-1", true, nil)), want: sts(stNA)},
			{name: "denied", acct: baseAccount(nwUSGap("ec2", "DescribeNetworkAcls")), want: sts(stU)},
		},
		"ec2_vpc_flow_logs_enabled": {
			{name: "all traffic", acct: baseAccount(nwVPC("vpc-1", false), flow("ALL", "ACTIVE")), want: sts(stP)},
			{name: "reject only", acct: baseAccount(nwVPC("vpc-1", false), flow("REJECT", "")), want: sts(stP)},
			{name: "accept only", acct: baseAccount(nwVPC("vpc-1", false), flow("ACCEPT", "ACTIVE")), want: sts(stF), msg: "only accepted"},
			{name: "none", acct: baseAccount(nwVPC("vpc-1", false)), want: sts(stF), msg: "no active flow log"},
			{name: "failed flow log", acct: baseAccount(nwVPC("vpc-1", false), flow("ALL", "FAILED")), want: sts(stF)},
			{name: "flow logs not read", acct: baseAccount(nwVPC("vpc-1", false), nwEUGap("ec2", "DescribeFlowLogs")), want: sts(stU)},
			{name: "vpcs not read", acct: baseAccount(vpcGap), want: sts(stU)},
		},
		"ec2_vpc_default_unused": {
			{name: "unused default", acct: baseAccount(nwVPC("vpc-d", true)), want: sts(stP)},
			{name: "not default", acct: baseAccount(nwVPC("vpc-1", false)), want: sts(stNA)},
			{name: "instance in default", acct: baseAccount(nwVPC("vpc-d", true), nwInstance("i-1", func(i *state.Instance) { i.VPCID = "vpc-d" })), want: sts(stF), msg: "i-1"},
			{name: "interfaces in default", acct: baseAccount(nwVPC("vpc-d", true), nwSG("sg-x", "lambda", 2), func(a *state.Account) { a.EC2.SecurityGroups[0].VPCID = "vpc-d" }), want: sts(stF), msg: "2 network interfaces"},
			{name: "instances not read", acct: baseAccount(nwVPC("vpc-d", true), nwEUGap("ec2", "DescribeInstances")), want: sts(stU)},
		},
		"ec2_vpc_endpoint_ec2": {
			{name: "has endpoint", acct: baseAccount(nwVPC("vpc-1", false), endpoint("ec2")), want: sts(stP)},
			{name: "s3 only", acct: baseAccount(nwVPC("vpc-1", false), endpoint("s3")), want: sts(stF), msg: "com.amazonaws.eu-west-1.ec2"},
			{name: "default vpc", acct: baseAccount(nwVPC("vpc-d", true)), want: sts(stNA)},
			{name: "endpoints not read", acct: baseAccount(nwVPC("vpc-1", false), nwUSGap("ec2", "DescribeVpcEndpoints")), want: sts(stU, stF)},
		},
		"ec2_vpc_endpoint_ssm": {
			{name: "has endpoint", acct: baseAccount(nwVPC("vpc-1", false), endpoint("ssm")), want: sts(stP)},
			{name: "missing", acct: baseAccount(nwVPC("vpc-1", false), endpoint("ec2")), want: sts(stF)},
			{name: "vpcs not read", acct: baseAccount(vpcGap), want: sts(stU)},
		},
		"ec2_vpc_endpoint_s3": {
			{name: "instances and endpoint", acct: baseAccount(nwVPC("vpc-1", false), nwInstance("i-1", nil), endpoint("s3")), want: sts(stP)},
			{name: "instances without endpoint", acct: baseAccount(nwVPC("vpc-1", false), nwInstance("i-1", nil)), want: sts(stF), msg: "1 instances"},
			{name: "no instances", acct: baseAccount(nwVPC("vpc-1", false)), want: sts(stNA)},
			{name: "instances not read", acct: baseAccount(instGap), want: sts(stU)},
		},
		"ec2_vpc_block_public_access": {
			{name: "ingress and bidirectional", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{VPCBlockPublicAccess: "block-ingress"}, state.EC2RegionSettings{VPCBlockPublicAccess: "block-bidirectional"})), want: sts(stP, stP)},
			{name: "off in us", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{VPCBlockPublicAccess: "block-ingress"}, state.EC2RegionSettings{VPCBlockPublicAccess: "off"})), want: sts(stP, stF)},
			{name: "not collected", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{}, state.EC2RegionSettings{VPCBlockPublicAccess: "off"})), want: sts(stU, stF)},
			{name: "denied", acct: baseAccount(nwEUGap("ec2", "DescribeVpcBlockPublicAccessOptions")), want: sts(stU, stU)},
		},
		"ec2_subnet_no_auto_public_ip": {
			{name: "private", acct: baseAccount(func(a *state.Account) {
				a.EC2.Subnets = []state.Subnet{{Meta: nwEUMeta("ec2", "subnet/subnet-1"), ID: "subnet-1", VPCID: "vpc-1"}}
			}), want: sts(stP)},
			{name: "auto public", acct: baseAccount(func(a *state.Account) {
				a.EC2.Subnets = []state.Subnet{{Meta: nwEUMeta("ec2", "subnet/subnet-1"), ID: "subnet-1", VPCID: "vpc-1", MapPublicIPOnLaunch: true}}
			}), want: sts(stF)},
			{name: "denied", acct: baseAccount(nwUSGap("ec2", "DescribeSubnets")), want: sts(stU)},
		},
		"ec2_subnet_db_no_internet_route": {
			{name: "private route table", acct: baseAccount(db("subnet-a"), rtb("rtb-main", true, true), rtb("rtb-priv", false, false, "subnet-a")), want: sts(stP)},
			{name: "main table routes to igw", acct: baseAccount(db("subnet-a", "subnet-b"), rtb("rtb-main", true, true), rtb("rtb-priv", false, false, "subnet-a")), want: sts(stF), msg: "subnet-b (rtb-main: 0.0.0.0/0 -> igw-1)"},
			{name: "subnets not collected", acct: baseAccount(db()), want: sts(stU), msg: "not collected"},
			{name: "no route table", acct: baseAccount(db("subnet-a")), want: sts(stU), msg: "no route table"},
			{name: "route tables not read", acct: baseAccount(db("subnet-a"), nwEUGap("ec2", "DescribeRouteTables")), want: sts(stU)},
		},
		"ec2_instance_no_public_ip": {
			{name: "private", acct: baseAccount(nwInstance("i-1", nil)), want: sts(stP)},
			{name: "public", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.PublicIP = "3.3.3.3" })), want: sts(stF), msg: "3.3.3.3"},
			{name: "terminated is skipped", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.State, i.PublicIP = "terminated", "3.3.3.3" })), want: nil},
			{name: "denied", acct: baseAccount(instGap, nwInstance("i-1", nil)), want: sts(stU, stP)},
		},
		"ec2_instance_imdsv2_required": {
			{name: "required", acct: baseAccount(nwInstance("i-1", nil)), want: sts(stP)},
			{name: "metadata off", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.MetadataHTTPTokens, i.MetadataHTTPEndpoint = "optional", "disabled" })), want: sts(stP)},
			{name: "optional", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.MetadataHTTPTokens = "optional" })), want: sts(stF), msg: "IMDSv1"},
			{name: "not collected", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.MetadataHTTPTokens, i.MetadataHTTPEndpoint = "", "" })), want: sts(stU)},
			{name: "denied", acct: baseAccount(instGap), want: sts(stU)},
		},
		"ec2_instance_imdsv2_account_default": {
			{name: "required everywhere", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{IMDSDefaultHTTPTokens: "required"}, state.EC2RegionSettings{IMDSDefaultHTTPTokens: "required"})), want: sts(stP, stP)},
			{name: "no preference in us", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{IMDSDefaultHTTPTokens: "required"}, state.EC2RegionSettings{})), want: sts(stP, stF)},
			{name: "optional", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{IMDSDefaultHTTPTokens: "optional"}, state.EC2RegionSettings{IMDSDefaultHTTPTokens: "required"})), want: sts(stF, stP)},
			{name: "denied and missing", acct: baseAccount(nwEUGap("ec2", "GetInstanceMetadataDefaults")), want: sts(stU, stU)},
		},
		"ec2_instance_in_vpc": {
			{name: "in vpc", acct: baseAccount(nwInstance("i-1", nil)), want: sts(stP)},
			{name: "classic", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.VPCID = "" })), want: sts(stF)},
			{name: "denied", acct: baseAccount(instGap), want: sts(stU)},
		},
		"ec2_instance_source_dest_check": {
			{name: "on", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { on := true; i.SourceDestCheck = &on })), want: sts(stP)},
			{name: "off", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { off := false; i.SourceDestCheck = &off })), want: sts(stF), msg: "forwards traffic"},
			{name: "not collected", acct: baseAccount(nwInstance("i-1", nil)), want: sts(stU)},
			{name: "denied", acct: baseAccount(instGap), want: sts(stU)},
		},
		"ec2_instance_not_paravirtual": {
			{name: "hvm", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.VirtualizationType = "hvm" })), want: sts(stP)},
			{name: "pv", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.VirtualizationType, i.Type = "paravirtual", "m1.small" })), want: sts(stF), msg: "m1.small"},
			{name: "not collected", acct: baseAccount(nwInstance("i-1", nil)), want: sts(stU)},
			{name: "denied", acct: baseAccount(instGap), want: sts(stU)},
		},
		"ec2_instance_launch_template_no_public_ip": {
			{name: "private", acct: baseAccount(nwLaunchTemplate(false, "required", "")), want: sts(stP)},
			{name: "public", acct: baseAccount(nwLaunchTemplate(true, "required", "")), want: sts(stF), msg: "version 3"},
			{name: "versions not read", acct: baseAccount(nwLaunchTemplate(true, "", ""), nwEUGap("ec2", "DescribeLaunchTemplateVersions")), want: sts(stU)},
			{name: "listing denied", acct: baseAccount(nwUSGap("ec2", "DescribeLaunchTemplateVersions")), want: sts(stU)},
		},
		"ec2_instance_launch_template_imdsv2": {
			{name: "required", acct: baseAccount(nwLaunchTemplate(false, "required", "")), want: sts(stP)},
			{name: "metadata off", acct: baseAccount(nwLaunchTemplate(false, "optional", "disabled")), want: sts(stP)},
			{name: "optional", acct: baseAccount(nwLaunchTemplate(false, "optional", "")), want: sts(stF), msg: "allows IMDSv1"},
			{name: "unset, account default required", acct: baseAccount(nwLaunchTemplate(false, "", ""), nwEC2Settings(state.EC2RegionSettings{IMDSDefaultHTTPTokens: "required"}, state.EC2RegionSettings{})), want: sts(stP), msg: "inherits"},
			{name: "unset, no account default", acct: baseAccount(nwLaunchTemplate(false, "", ""), nwEC2Settings(state.EC2RegionSettings{}, state.EC2RegionSettings{})), want: sts(stF)},
			{name: "unset, account default not read", acct: baseAccount(nwLaunchTemplate(false, "", ""), nwEUGap("ec2", "GetInstanceMetadataDefaults")), want: sts(stU)},
			{name: "versions not read", acct: baseAccount(nwLaunchTemplate(false, "optional", ""), nwEUGap("ec2", "DescribeLaunchTemplateVersions")), want: sts(stU)},
		},
		"ec2_vpc_transit_gateway_no_auto_accept": {
			{name: "manual acceptance", acct: baseAccount(nwTGW(false)), want: sts(stP)},
			{name: "auto accept", acct: baseAccount(nwTGW(true)), want: sts(stF)},
			{name: "denied", acct: baseAccount(nwUSGap("ec2", "DescribeTransitGateways"), nwTGW(false)), want: sts(stU, stP)},
		},
		"ec2_instance_single_eni": {
			{name: "one", acct: baseAccount(nwInstance("i-1", nil)), want: sts(stP)},
			{name: "three", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.ENICount = 3 })), want: sts(stF), msg: "3 network interfaces"},
			{name: "not collected", acct: baseAccount(nwInstance("i-1", func(i *state.Instance) { i.ENICount = 0 })), want: sts(stU)},
			{name: "denied", acct: baseAccount(instGap), want: sts(stU)},
		},
	}
}
