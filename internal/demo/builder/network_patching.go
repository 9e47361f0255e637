package builder

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// networkPatching adds what the network, VPN, load balancer, patching,
// sharing and residency checks read beyond the base account: load
// balancers, Client VPN, endpoints, DB subnets and routes, stopped
// instances, SSM associations and documents, a replica and a multi-region
// key that left the EU. It runs after the base resources exist.
func (x *b) networkPatching() {
	x.loadBalancers()
	x.clientVPN()
	x.vpcExtras()
	x.instanceExtras()
	x.ssmExtras()
	x.residencyExtras()
}

const acmFra = "arn:aws:acm:eu-central-1:" + AccountID + ":certificate/5b1c0000-0000-4000-8000-0000000000a1"

func (x *b) loadBalancers() {
	lb := func(region, typ, name, scheme string, azs int, mut func(*state.LoadBalancer)) {
		res := "loadbalancer/app/" + name + "/50dc6c495c0c9188"
		switch typ {
		case state.LBNetwork:
			res = "loadbalancer/net/" + name + "/6ac3c1b1c8b4f7e2"
		case state.LBClassic:
			res = "loadbalancer/" + name
		}
		l := state.LoadBalancer{Meta: state.Meta{ARN: x.arn("elasticloadbalancing", region, res), Region: region, Tags: tags("owner", "platform")},
			Name: name, Type: typ, Scheme: scheme, VPCID: vpcOf(region), DNSName: name + "." + region + ".elb.amazonaws.com"}
		for _, az := range []string{"a", "b", "c"}[:azs] {
			l.AvailabilityZones = append(l.AvailabilityZones, region+az)
		}
		mut(&l)
		x.a.ELB.LoadBalancers = append(x.a.ELB.LoadBalancers, l)
	}
	redirect := []state.ListenerAction{{Type: "redirect", RedirectProtocol: "HTTPS"}}
	forward := []state.ListenerAction{{Type: "forward"}}
	// Frankfurt's public API: the way it should be.
	lb("eu-central-1", state.LBApplication, "api-public", "internet-facing", 3, func(l *state.LoadBalancer) {
		l.SecurityGroups = []string{"sg-web-eu-central-1"}
		l.Listeners = []state.Listener{
			{Protocol: "HTTPS", Port: 443, SSLPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", Certificates: []string{acmFra}, DefaultActions: forward},
			{Protocol: "HTTP", Port: 80, DefaultActions: redirect},
		}
		l.AccessLogs, l.AccessLogsBucket = true, "alpenglow-access-logs"
		l.DeletionProtection, l.DropInvalidHeaders, l.DesyncMitigationMode, l.CrossZone = true, true, "defensive", true
		l.WebACLARN = x.arn("wafv2", "eu-central-1", "regional/webacl/api-protection/0d6b7c1e")
	})
	// Frankfurt's internal NLB in front of the ingest workers: TLS, but one plain TCP listener.
	lb("eu-central-1", state.LBNetwork, "ingest-internal", "internal", 2, func(l *state.LoadBalancer) {
		l.Listeners = []state.Listener{
			{Protocol: "TLS", Port: 443, SSLPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", Certificates: []string{acmFra}},
			{Protocol: "TCP", Port: 9092},
		}
		l.DeletionProtection, l.CrossZone = true, true
	})
	// Ireland's DR copy of the API: set up in a hurry.
	lb("eu-west-1", state.LBApplication, "dr-api", "internet-facing", 2, func(l *state.LoadBalancer) {
		l.SecurityGroups = []string{"sg-web-eu-west-1"}
		l.Listeners = []state.Listener{
			{Protocol: "HTTPS", Port: 443, SSLPolicy: "ELBSecurityPolicy-2016-08", Certificates: []string{x.arn("acm", "eu-west-1", "certificate/5b1c0000-0000-4000-8000-0000000000b2")}, DefaultActions: forward},
			{Protocol: "HTTP", Port: 80, DefaultActions: forward},
		}
		l.DesyncMitigationMode = "monitor"
	})
	// The US marketing stack still runs a classic load balancer with the old IAM certificate.
	lb("us-east-1", state.LBClassic, "marketing-legacy", "internet-facing", 1, func(l *state.LoadBalancer) {
		l.SecurityGroups = []string{"sg-web-us-east-1"}
		l.Listeners = []state.Listener{
			{Protocol: "HTTP", Port: 80, InstanceProtocol: "HTTP"},
			{Protocol: "HTTPS", Port: 443, InstanceProtocol: "HTTP", SSLPolicy: "ELBSample-OpenSSLDefaultNegotiationPolicy", ReferenceSecurityPolicy: "ELBSecurityPolicy-2016-08",
				Certificates: []string{"arn:aws:iam::" + AccountID + ":server-certificate/legacy-portal"}},
		}
		l.DesyncMitigationMode = "monitor"
	})
}

func (x *b) clientVPN() {
	x.a.EC2.ClientVPNEndpoints = []state.ClientVPNEndpoint{
		{Meta: state.Meta{ARN: x.arn("ec2", "eu-central-1", "client-vpn-endpoint/cvpn-endpoint-0staff"), Region: "eu-central-1", Tags: tags("Name", "staff-remote")},
			ID: "cvpn-endpoint-0staff", Status: "available", AuthenticationTypes: []string{"federated-authentication"}, ConnectionLogging: true, SplitTunnel: true, ClientCIDR: vpnCIDR,
			AuthorizationRules: []state.ClientVPNAuthRule{{DestinationCIDR: "10.0.0.0/16", GroupID: "alpenglow-engineers"}, {DestinationCIDR: "10.0.1.0/24", GroupID: "alpenglow-analysts"}}},
		{Meta: state.Meta{ARN: x.arn("ec2", "eu-west-1", "client-vpn-endpoint/cvpn-endpoint-0contractors"), Region: "eu-west-1", Tags: tags("Name", "contractors")},
			ID: "cvpn-endpoint-0contractors", Status: "available", AuthenticationTypes: []string{"directory-service-authentication"}, ClientCIDR: "10.210.0.0/16",
			AuthorizationRules: []state.ClientVPNAuthRule{{DestinationCIDR: "0.0.0.0/0", AccessAll: true}}},
	}
}

func (x *b) vpcExtras() {
	e := &x.a.EC2
	fra := "eu-central-1"
	for _, svc := range []string{"ec2", "ssm"} {
		id := "vpce-" + svc + "fra"
		e.VPCEndpoints = append(e.VPCEndpoints, state.VPCEndpoint{Meta: state.Meta{ARN: x.arn("ec2", fra, "vpc-endpoint/"+id), Region: fra}, ID: id, VPCID: vpcOf(fra),
			ServiceName: "com.amazonaws." + fra + "." + svc, Type: "Interface"})
	}
	// Frankfurt's private subnets route to a NAT gateway; the other regions
	// left every subnet on the main table, whose default route is the IGW.
	var private []string
	for si := 0; si < 3; si++ {
		private = append(private, fmt.Sprintf("subnet-%d%dpri", indexOf(fra), si))
	}
	e.RouteTables = append(e.RouteTables, state.RouteTable{Meta: state.Meta{ARN: x.arn("ec2", fra, "route-table/rtb-private-fra"), Region: fra}, ID: "rtb-private-fra", VPCID: vpcOf(fra),
		SubnetIDs: private, Routes: []state.Route{{Destination: "10.0.0.0/16", Target: "local"}, {Destination: "0.0.0.0/0", Target: "nat-0fra000000000001"}}})
	for i := range x.a.RDS.Instances {
		db := &x.a.RDS.Instances[i]
		ri := indexOf(db.Region)
		db.SubnetIDs = []string{fmt.Sprintf("subnet-%d0pri", ri), fmt.Sprintf("subnet-%d1pri", ri)}
	}
	for i := range e.RegionSettings {
		e.RegionSettings[i].VPCBlockPublicAccess = "off"
		if e.RegionSettings[i].Region == fra {
			e.RegionSettings[i].VPCBlockPublicAccess = "block-ingress"
		}
	}
}

func (x *b) instanceExtras() {
	e := &x.a.EC2
	// AMI IDs are regional: the Ireland DR fleet runs the golden image's copy there.
	e.Images = append(e.Images, state.Image{Meta: state.Meta{ARN: x.arn("ec2", "eu-west-1", "image/"+amiGolden), Region: "eu-west-1"}, ID: amiGolden,
		Name: "alpenglow-golden-2026-10", OwnerID: AccountID, CreationDate: days(39), EncryptedSnapshots: true, State: "available"})
	on := true
	for i := range e.Instances {
		e.Instances[i].ENICount = 1
		e.Instances[i].VirtualizationType = "hvm"
		e.Instances[i].SourceDestCheck = &on
		if e.Instances[i].Tags["role"] == "etl" && i%2 == 0 {
			e.Instances[i].ENICount = 2 // dual-homed into the partner subnet
		}
	}
	stopped := func(region, id, role, ami string, stoppedDays int) {
		t := days(stoppedDays)
		e.Instances = append(e.Instances, state.Instance{Meta: state.Meta{ARN: x.arn("ec2", region, "instance/"+id), Region: region, Tags: tags("Name", role, "role", role)},
			ID: id, State: "stopped", Type: "t3.large", ImageID: ami, LaunchTime: days(stoppedDays + 300), VPCID: vpcOf(region),
			SubnetID: fmt.Sprintf("subnet-%d0pri", indexOf(region)), PrivateIP: fmt.Sprintf("10.%d.1.200", indexOf(region)), SecurityGroups: []string{"sg-app-" + region},
			MetadataHTTPTokens: "optional", MetadataHTTPEndpoint: "enabled", MetadataHopLimit: 1, ENICount: 1, StateTransitionTime: &t})
	}
	stopped("us-east-1", "i-0a1f0stopped0001", "campaign-2025-render", amiOld, 140)
	stopped("eu-central-1", "i-0a1f0stopped0002", "worker-canary", amiGolden, 4)
	// The 2014 FTP gateway, long forgotten: paravirtual, and it forwards traffic.
	off := false
	stopped("us-east-1", "i-0a1f0legacyftp01", "legacy-ftp", amiOld, 700)
	ftp := &e.Instances[len(e.Instances)-1]
	ftp.Type, ftp.VirtualizationType, ftp.SourceDestCheck = "m1.small", "paravirtual", &off
	lt := func(region, id, name string, version int64, public bool, tokens string) {
		e.LaunchTemplates = append(e.LaunchTemplates, state.LaunchTemplate{Meta: state.Meta{ARN: x.arn("ec2", region, "launch-template/"+id), Region: region},
			ID: id, Name: name, DefaultVersion: version, AssociatePublicIP: public, MetadataHTTPTokens: tokens})
	}
	lt("eu-central-1", "lt-0a1f0api000000001", "api", 12, false, "required")
	lt("eu-west-1", "lt-0a1f0etl000000002", "etl-worker", 4, false, "")
	lt("us-east-1", "lt-0a1f0mkt000000003", "marketing-web", 7, true, "optional")
	e.TransitGateways = []state.TransitGateway{{Meta: state.Meta{ARN: x.arn("ec2", "eu-central-1", "transit-gateway/tgw-0a1f000000000001"), Region: "eu-central-1"},
		ID: "tgw-0a1f000000000001", State: "available", AutoAcceptSharedAttachments: true}}
}

func (x *b) ssmExtras() {
	s := &x.a.SSM
	for i, m := range s.ManagedInstances {
		ac := state.AssociationCompliance{Meta: m.Meta, InstanceID: m.InstanceID, Status: "COMPLIANT"}
		if m.PlatformType == "Windows" || (m.Region == "eu-west-1" && i%3 == 0) {
			ac.Status, ac.NonCompliantCount = "NON_COMPLIANT", 1
		}
		s.AssociationCompliance = append(s.AssociationCompliance, ac)
	}
	doc := func(region, name string, public bool, shared ...string) {
		s.Documents = append(s.Documents, state.SSMDocument{Meta: state.Meta{ARN: x.arn("ssm", region, "document/"+name), Region: region}, Name: name, Public: public, SharedWith: shared})
	}
	doc("eu-central-1", "Alpenglow-HardenLinux", false)
	doc("eu-central-1", "Alpenglow-RotateAppSecrets", false, TrustedPartner)
	doc("eu-west-1", "Alpenglow-ETLBootstrap", false, UntrustedPartner)
	doc("us-east-1", "Marketing-DeployWebsite", true)
	for _, r := range scanned {
		s.RegionSettings = append(s.RegionSettings, state.SSMRegionSettings{Region: r, DocumentPublicSharingBlocked: r == "eu-central-1"})
	}
}

func (x *b) residencyExtras() {
	// A reporting replica of the customer database was created in
	// N. Virginia for the US marketing team.
	src := &x.a.RDS.Instances[0] // customers-prod
	replica := *src
	replica.ID = "customers-reporting-us"
	replica.Meta = state.Meta{ARN: x.arn("rds", "us-east-1", "db:"+replica.ID), Region: "us-east-1", Tags: tags("data-classification", "confidential")}
	replica.KMSKeyID = x.arn("kms", "us-east-1", "key/aaaards-us-east-1")
	replica.ReadReplicaSource, replica.ReadReplicas, replica.ReplicatedBackupRegions = src.ARN, nil, nil
	replica.VPCID, replica.SecurityGroups = vpcOf("us-east-1"), []string{"sg-db-us-east-1"}
	replica.SubnetIDs = []string{"subnet-20pri", "subnet-21pri"}
	replica.MultiAZ, replica.DeletionProtection = false, false
	src.ReadReplicas = []string{replica.ARN}
	x.a.RDS.Instances = append(x.a.RDS.Instances, replica)
	// The Aurora events cluster has an EU secondary (fine).
	x.a.RDS.Clusters[0].GlobalClusterID, x.a.RDS.Clusters[0].GlobalClusterRegions = "events-global", []string{"eu-west-1"}
	// A multi-region key made for the marketing stack, replicated to the US.
	x.a.KMS.Keys = append(x.a.KMS.Keys, state.Key{Meta: state.Meta{ARN: x.arn("kms", "eu-central-1", "key/mrk-7a0c0000000040008000000000marketing"), Region: "eu-central-1"},
		ID: "mrk-7a0c0000000040008000000000marketing", Aliases: []string{"alias/marketing-shared"}, Manager: "CUSTOMER", Origin: "AWS_KMS", State: "Enabled",
		Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT", CreationDate: days(250), RotationEnabled: true, RotationPeriodDays: 365, Policy: defaultKeyPolicy(),
		MultiRegion: true, MultiRegionType: "PRIMARY", PrimaryRegion: "eu-central-1", ReplicaRegions: []string{"us-east-1"}})
	// The demo scans as a member account: SCPs can only be listed from the
	// management account, and the call says so.
	x.a.Gaps.Add(state.Gap{Service: "organizations", Operation: "ListPolicies", Reason: state.ReasonAccessDenied,
		Message: "AccessDeniedException: You don't have permissions to access this resource (member accounts cannot list service control policies)"})
}
