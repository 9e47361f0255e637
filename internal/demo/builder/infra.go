package builder

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// vpcOf is the main VPC per region.
func vpcOf(region string) string {
	return map[string]string{"eu-central-1": "vpc-0a1f00000000001", "eu-west-1": "vpc-0a1f00000000002", "us-east-1": "vpc-0a1f00000000003", "me-central-1": "vpc-0a1f00000000004"}[region]
}

const officeCIDR = "198.51.100.0/24"
const vpnCIDR = "10.200.0.0/16"

func (x *b) network() {
	e := &x.a.EC2
	for ri, r := range scanned {
		vpc := vpcOf(r)
		e.VPCs = append(e.VPCs, state.VPC{Meta: state.Meta{ARN: x.arn("ec2", r, "vpc/"+vpc), Region: r, Tags: tags("Name", "main")}, ID: vpc, CIDR: fmt.Sprintf("10.%d.0.0/16", ri), State: "available"})
		def := fmt.Sprintf("vpc-def%014d", ri)
		e.VPCs = append(e.VPCs, state.VPC{Meta: state.Meta{ARN: x.arn("ec2", r, "vpc/"+def), Region: r}, ID: def, CIDR: "172.31.0.0/16", IsDefault: true, State: "available"})
		var subnets []string
		for si, az := range []string{"a", "b", "c"} {
			for _, tier := range []string{"public", "private"} {
				id := fmt.Sprintf("subnet-%d%d%s", ri, si, tier[:3])
				subnets = append(subnets, id)
				e.Subnets = append(e.Subnets, state.Subnet{Meta: state.Meta{ARN: x.arn("ec2", r, "subnet/"+id), Region: r, Tags: tags("tier", tier)}, ID: id, VPCID: vpc,
					CIDR: fmt.Sprintf("10.%d.%d.0/24", ri, si*2+map[string]int{"public": 0, "private": 1}[tier]), AvailabilityZone: r + az, MapPublicIPOnLaunch: tier == "public" && r != "eu-central-1"})
			}
		}
		e.RouteTables = append(e.RouteTables, state.RouteTable{Meta: state.Meta{ARN: x.arn("ec2", r, "route-table/rtb-"+vpc[4:]), Region: r}, ID: "rtb-" + vpc[4:], VPCID: vpc, Main: true,
			Routes: []state.Route{{Destination: fmt.Sprintf("10.%d.0.0/16", ri), Target: "local"}, {Destination: "0.0.0.0/0", Target: "igw-" + vpc[4:]}}})
		// Security groups: default (closed in Frankfurt only), web, app, db, bastion.
		defIngress := []state.SGRule{{Protocol: "-1", FromPort: -1, ToPort: -1, SourceGroups: []string{"sg-default-" + r}}}
		if r == "eu-central-1" {
			defIngress = nil
		}
		sgs := []state.SecurityGroup{
			{ID: "sg-default-" + r, Name: "default", Description: "default VPC security group", Ingress: defIngress, Egress: []state.SGRule{{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}}}},
			{ID: "sg-web-" + r, Name: "web", Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: []string{"0.0.0.0/0"}, IPv6: []string{"::/0"}}}, AttachedENIs: 4},
			{ID: "sg-app-" + r, Name: "app", Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 8080, ToPort: 8080, SourceGroups: []string{"sg-web-" + r}}}, AttachedENIs: 6},
			{ID: "sg-db-" + r, Name: "db", Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 5432, ToPort: 5432, SourceGroups: []string{"sg-app-" + r}}}, AttachedENIs: 2},
			{ID: "sg-bastion-" + r, Name: "bastion", Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{officeCIDR, vpnCIDR}}}, AttachedENIs: 1},
		}
		switch r {
		case "us-east-1":
			sgs = append(sgs,
				state.SecurityGroup{ID: "sg-legacy-ssh-" + r, Name: "legacy-ssh", Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}}}, AttachedENIs: 2},
				state.SecurityGroup{ID: "sg-win-rdp-" + r, Name: "windows-rdp", Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 3389, ToPort: 3389, CIDRs: []string{"0.0.0.0/0"}}}, AttachedENIs: 1},
				state.SecurityGroup{ID: "sg-wide-open-" + r, Name: "debug-all", Ingress: []state.SGRule{{Protocol: "-1", FromPort: -1, ToPort: -1, CIDRs: []string{"0.0.0.0/0"}}}},
			)
		case "eu-west-1":
			sgs = append(sgs, state.SecurityGroup{ID: "sg-pg-partner-" + r, Name: "db-partner", Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDRs: []string{"0.0.0.0/0"}}}, AttachedENIs: 1})
			// A "contractor" prefix list someone filled with the two halves
			// of the IPv4 space: SSH from it is SSH from the internet.
			e.PrefixLists = append(e.PrefixLists, state.PrefixList{Meta: state.Meta{ARN: x.arn("ec2", r, "prefix-list/pl-0contractors"), Region: r, Tags: tags("owner", "platform")},
				ID: "pl-0contractors", Name: "contractor-access", OwnerID: AccountID, AddressFamily: "IPv4", Entries: []string{"0.0.0.0/1", "128.0.0.0/1"}})
			sgs = append(sgs, state.SecurityGroup{ID: "sg-contractor-ssh-" + r, Name: "contractor-ssh", Ingress: []state.SGRule{{Protocol: "tcp", FromPort: 22, ToPort: 22, PrefixLists: []string{"pl-0contractors"}, Description: "contractors"}}, AttachedENIs: 1})
		}
		for _, g := range sgs {
			if r == "me-central-1" {
				break // DescribeSecurityGroups was throttled there (see gaps)
			}
			g.Meta = state.Meta{ARN: x.arn("ec2", r, "security-group/"+g.ID), Region: r}
			g.VPCID = vpc
			if g.Egress == nil {
				g.Egress = []state.SGRule{{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}}}
			}
			e.SecurityGroups = append(e.SecurityGroups, g)
		}
		acl := state.NetworkACL{Meta: state.Meta{ARN: x.arn("ec2", r, "network-acl/acl-"+vpc[4:]), Region: r}, ID: "acl-" + vpc[4:], VPCID: vpc, IsDefault: true, SubnetIDs: subnets,
			Entries: []state.ACLEntry{
				{RuleNumber: 100, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"},
				{RuleNumber: 32767, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"},
				{RuleNumber: 100, Egress: true, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"},
			}}
		if r == "eu-central-1" {
			acl.Entries = []state.ACLEntry{
				{RuleNumber: 90, Protocol: "6", Action: "deny", CIDR: "0.0.0.0/0", FromPort: 22, ToPort: 22},
				{RuleNumber: 91, Protocol: "6", Action: "deny", CIDR: "0.0.0.0/0", FromPort: 3389, ToPort: 3389},
				{RuleNumber: 100, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"},
				{RuleNumber: 100, Egress: true, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"},
			}
		}
		e.NetworkACLs = append(e.NetworkACLs, acl)
		if r == "eu-central-1" || r == "eu-west-1" {
			e.FlowLogs = append(e.FlowLogs, state.FlowLog{Meta: state.Meta{ARN: x.arn("ec2", r, "vpc-flow-log/fl-"+vpc[4:]), Region: r}, ID: "fl-" + vpc[4:], ResourceID: vpc, TrafficType: map[bool]string{true: "ALL", false: "REJECT"}[r == "eu-central-1"], Status: "ACTIVE", DestType: "s3", Destination: "arn:aws:s3:::alpenglow-access-logs"})
		}
	}
	e.VPCEndpoints = []state.VPCEndpoint{{Meta: state.Meta{ARN: x.arn("ec2", "eu-central-1", "vpc-endpoint/vpce-s3fra"), Region: "eu-central-1"}, ID: "vpce-s3fra", VPCID: vpcOf("eu-central-1"), ServiceName: "com.amazonaws.eu-central-1.s3", Type: "Gateway"}}
	// Site-to-site VPN: Munich office to Frankfurt (good), Zurich office to Ireland (one tunnel down, IKEv1, SHA1/DH2 defaults).
	e.VPNConnections = []state.VPNConnection{
		{Meta: state.Meta{ARN: x.arn("ec2", "eu-central-1", "vpn-connection/vpn-0munich"), Region: "eu-central-1", Tags: tags("Name", "munich-office")}, ID: "vpn-0munich", State: "available", Type: "ipsec.1", VPNGatewayID: "vgw-fra", CustomerGatewayID: "cgw-munich",
			Tunnels: []state.VPNTunnel{strongTunnel("3.120.0.10"), strongTunnel("3.120.0.11")}},
		{Meta: state.Meta{ARN: x.arn("ec2", "eu-west-1", "vpn-connection/vpn-0zurich"), Region: "eu-west-1", Tags: tags("Name", "zurich-office")}, ID: "vpn-0zurich", State: "available", Type: "ipsec.1", VPNGatewayID: "vgw-dub", CustomerGatewayID: "cgw-zurich",
			Tunnels: []state.VPNTunnel{
				{OutsideIP: "52.16.0.20", Status: "UP"},
				{OutsideIP: "52.16.0.21", Status: "DOWN", StatusMessage: "IPSEC IS DOWN"},
			}},
	}
}

func strongTunnel(ip string) state.VPNTunnel {
	return state.VPNTunnel{OutsideIP: ip, Status: "UP", IKEVersions: []string{"ikev2"},
		Phase1Encryption: []string{"AES256-GCM-16"}, Phase1Integrity: []string{"SHA2-384"}, Phase1DHGroups: []int{20},
		Phase2Encryption: []string{"AES256-GCM-16"}, Phase2Integrity: []string{"SHA2-384"}, Phase2DHGroups: []int{20}, LoggingEnabled: true}
}

// AMIs: a fresh golden image, an old one, a deprecated Amazon image, and a
// public image someone shared by mistake.
const (
	amiGolden     = "ami-0a1f0golden0001"
	amiOld        = "ami-0a1f0old0000002"
	amiDeprecated = "ami-0amzn2deprecated"
	amiPublic     = "ami-0a1f0public0003"
)

func (x *b) compute() {
	e := &x.a.EC2
	e.Images = []state.Image{
		{Meta: state.Meta{ARN: x.arn("ec2", "eu-central-1", "image/"+amiGolden), Region: "eu-central-1"}, ID: amiGolden, Name: "alpenglow-golden-2026-10", OwnerID: AccountID, CreationDate: days(40), EncryptedSnapshots: true, State: "available"},
		{Meta: state.Meta{ARN: x.arn("ec2", "us-east-1", "image/"+amiOld), Region: "us-east-1"}, ID: amiOld, Name: "alpenglow-golden-2024-03", OwnerID: AccountID, CreationDate: days(980), State: "available", SharedWith: []string{UntrustedPartner}},
		{Meta: state.Meta{ARN: x.arn("ec2", "eu-west-1", "image/"+amiPublic), Region: "eu-west-1"}, ID: amiPublic, Name: "alpenglow-etl-worker", OwnerID: AccountID, CreationDate: days(120), Public: true, State: "available"},
		{Meta: state.Meta{ARN: "arn:aws:ec2:eu-west-1::image/" + amiDeprecated, Region: "eu-west-1"}, ID: amiDeprecated, Name: "amzn2-ami-hvm-2.0.2023", OwnerID: "137112412989", CreationDate: days(700), DeprecationTime: tp(days(200)), InUseOnly: true, State: "available"},
	}
	type fleet struct {
		region, role, ami string
		n                 int
		public, imdsv1    bool
		ssm               string // "", "compliant", "noncompliant"
	}
	fleets := []fleet{
		{"eu-central-1", "api", amiGolden, 8, false, false, "compliant"},
		{"eu-central-1", "worker", amiGolden, 10, false, false, "compliant"},
		{"eu-central-1", "bastion", amiGolden, 1, true, false, "compliant"},
		{"eu-west-1", "etl", amiDeprecated, 6, false, true, "noncompliant"},
		{"eu-west-1", "dr-api", amiGolden, 2, false, false, ""},
		{"us-east-1", "marketing-web", amiOld, 4, true, true, ""},
		{"us-east-1", "win-reporting", amiOld, 1, true, true, "noncompliant"},
	}
	n := 0
	for _, f := range fleets {
		for i := 0; i < f.n; i++ {
			n++
			id := fmt.Sprintf("i-0a1f%012d", n)
			in := state.Instance{Meta: state.Meta{ARN: x.arn("ec2", f.region, "instance/"+id), Region: f.region, Tags: tags("Name", fmt.Sprintf("%s-%d", f.role, i+1), "role", f.role)},
				ID: id, State: "running", Type: "m6i.large", ImageID: f.ami, LaunchTime: days(10 + x.rng.IntN(200)), VPCID: vpcOf(f.region),
				SubnetID:       fmt.Sprintf("subnet-%d%dpri", indexOf(f.region), i%3),
				PrivateIP:      fmt.Sprintf("10.%d.%d.%d", indexOf(f.region), (i%3)*2+1, 10+i),
				SecurityGroups: []string{"sg-app-" + f.region}, MetadataHTTPTokens: "required", MetadataHTTPEndpoint: "enabled", MetadataHopLimit: 1,
				InstanceProfileARN: "arn:aws:iam::" + AccountID + ":instance-profile/ec2-app-role"}
			if f.public {
				in.PublicIP = fmt.Sprintf("3.%d.%d.%d", 64+indexOf(f.region), n, 10+i)
				in.SubnetID = fmt.Sprintf("subnet-%d%dpub", indexOf(f.region), i%3)
				in.SecurityGroups = []string{"sg-web-" + f.region}
			}
			switch f.role {
			case "bastion":
				in.SecurityGroups = []string{"sg-bastion-" + f.region}
			case "marketing-web":
				in.SecurityGroups = append(in.SecurityGroups, "sg-legacy-ssh-"+f.region)
				in.InstanceProfileARN = ""
			case "win-reporting":
				in.SecurityGroups = []string{"sg-win-rdp-" + f.region}
				in.Platform = "windows"
			}
			if f.imdsv1 {
				in.MetadataHTTPTokens = "optional"
			}
			vol := fmt.Sprintf("vol-0a1f%012d", n)
			in.VolumeIDs = []string{vol}
			e.Instances = append(e.Instances, in)
			encrypted := f.region != "us-east-1" && f.role != "etl"
			v := state.Volume{Meta: state.Meta{ARN: x.arn("ec2", f.region, "volume/"+vol), Region: f.region, Tags: tags("data-classification", map[bool]string{true: "confidential", false: "internal"}[f.role == "worker" || f.role == "etl"])},
				ID: vol, SizeGiB: 50 + 10*x.rng.IntN(20), Type: "gp3", State: "in-use", Encrypted: encrypted, CreateTime: in.LaunchTime, AttachedTo: id}
			if encrypted {
				v.KMSKeyID = x.arn("kms", f.region, "alias/aws/ebs")
				if f.role == "worker" {
					v.KMSKeyID = x.arn("kms", "eu-central-1", "key/1f0c6a7e-0000-4000-8000-00000000d474")
				}
			}
			e.Volumes = append(e.Volumes, v)
			if f.ssm != "" {
				x.a.SSM.ManagedInstances = append(x.a.SSM.ManagedInstances, state.ManagedInstance{Meta: state.Meta{ARN: x.arn("ssm", f.region, "managed-instance/"+id), Region: f.region},
					InstanceID: id, PingStatus: "Online", PlatformType: map[bool]string{true: "Windows", false: "Linux"}[in.Platform == "windows"], AgentVersion: "3.3.1142.0", LastPingTime: Now.Add(-5 * 60e9)})
				pc := state.PatchCompliance{Meta: state.Meta{ARN: x.arn("ssm", f.region, "managed-instance/"+id), Region: f.region}, InstanceID: id, Status: "COMPLIANT", LastOperationTime: days(2)}
				if f.ssm == "noncompliant" {
					pc.Status, pc.Severity, pc.MissingCount, pc.LastOperationTime = "NON_COMPLIANT", "CRITICAL", 3+x.rng.IntN(9), days(45)
				}
				x.a.SSM.PatchCompliance = append(x.a.SSM.PatchCompliance, pc)
			}
		}
	}
}

func indexOf(region string) int {
	for i, r := range scanned {
		if r == region {
			return i
		}
	}
	return -1
}

func (x *b) storage() {
	e := &x.a.EC2
	for _, r := range scanned {
		s := state.EC2RegionSettings{Region: r, EBSEncryptionByDefault: r == "eu-central-1" || r == "eu-west-1", SnapshotBlockPublicAccess: "unblocked", ImageBlockPublicAccess: "unblocked", IMDSDefaultHTTPTokens: "required"}
		if r == "eu-central-1" {
			s.EBSDefaultKMSKeyID = x.arn("kms", r, "key/1f0c6a7e-0000-4000-8000-00000000d474")
			s.SnapshotBlockPublicAccess = "block-all-sharing"
			s.ImageBlockPublicAccess = "block-new-sharing"
		} else {
			s.EBSDefaultKMSKeyID = "alias/aws/ebs"
			s.IMDSDefaultHTTPTokens = ""
		}
		e.RegionSettings = append(e.RegionSettings, s)
		// shoulder lists each region's public snapshots in bulk.
		e.PublicSnapshotRegions = append(e.PublicSnapshotRegions, r)
	}
	// Unattached volumes and snapshots, a few shared.
	for i := 0; i < 12; i++ {
		r := scanned[i%3]
		id := fmt.Sprintf("vol-0detached%06d", i)
		e.Volumes = append(e.Volumes, state.Volume{Meta: state.Meta{ARN: x.arn("ec2", r, "volume/"+id), Region: r, Tags: tags("data-classification", "internal")},
			ID: id, SizeGiB: 100, Type: "gp2", State: "available", Encrypted: i%2 == 0, CreateTime: days(400 + i)})
	}
	for i := 0; i < 40; i++ {
		r := scanned[i%3]
		id := fmt.Sprintf("snap-0a1f%010d", i)
		sn := state.Snapshot{Meta: state.Meta{ARN: x.arn("ec2", r, "snapshot/"+id), Region: r, Tags: tags("data-classification", "confidential")},
			ID: id, VolumeID: fmt.Sprintf("vol-0a1f%012d", i+1), Encrypted: r != "us-east-1", StartTime: days(i * 3), SizeGiB: 80}
		if sn.Encrypted {
			sn.KMSKeyID = x.arn("kms", r, "alias/aws/ebs")
		}
		switch i {
		case 7:
			sn.SharedWith = []string{"all"}
		case 8:
			sn.SharedWith = []string{UntrustedPartner}
		case 9:
			sn.SharedWith = []string{TrustedPartner}
		case 10, 11:
			sn.SourceRegion = "eu-central-1" // 11 is a copy that left the EU
		}
		e.Snapshots = append(e.Snapshots, sn)
	}
}
