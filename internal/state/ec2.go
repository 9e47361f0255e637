package state

import "time"

// EC2 holds compute, network and block storage resources of every scanned region.
type EC2 struct {
	// RegionSettings holds the per-region account settings, one per scanned region.
	RegionSettings []EC2RegionSettings `json:"region_settings,omitempty"`
	Instances      []Instance          `json:"instances,omitempty"`
	SecurityGroups []SecurityGroup     `json:"security_groups,omitempty"`
	NetworkACLs    []NetworkACL        `json:"network_acls,omitempty"`
	VPCs           []VPC               `json:"vpcs,omitempty"`
	Subnets        []Subnet            `json:"subnets,omitempty"`
	RouteTables    []RouteTable        `json:"route_tables,omitempty"`
	FlowLogs       []FlowLog           `json:"flow_logs,omitempty"`
	Volumes        []Volume            `json:"volumes,omitempty"`
	Snapshots      []Snapshot          `json:"snapshots,omitempty"`
	// PublicSnapshotRegions are the regions where the account's public
	// snapshots were listed in bulk (DescribeSnapshots with
	// RestorableByUserIds=all). There a snapshot is public exactly when its
	// SharedWith holds "all", whether or not its own createVolumePermission
	// (the account IDs it is shared with) was read.
	PublicSnapshotRegions []string `json:"public_snapshot_regions,omitempty"`
	// Images are the AMIs this account owns plus, marked InUseOnly, the
	// foreign AMIs that running instances were launched from.
	Images         []Image         `json:"images,omitempty"`
	VPNConnections []VPNConnection `json:"vpn_connections,omitempty"`
	VPCEndpoints   []VPCEndpoint   `json:"vpc_endpoints,omitempty"`
	// ClientVPNEndpoints are the AWS Client VPN endpoints (remote-access VPN).
	ClientVPNEndpoints []ClientVPNEndpoint `json:"client_vpn_endpoints,omitempty"`
	// LaunchTemplates are the launch templates, reduced to their default version.
	LaunchTemplates []LaunchTemplate `json:"launch_templates,omitempty"`
	// TransitGateways are the transit gateways the account owns.
	TransitGateways []TransitGateway `json:"transit_gateways,omitempty"`
	// PrefixLists are the managed prefix lists visible in each scanned
	// region (DescribeManagedPrefixLists: the account's own, those shared
	// with it and AWS's), which security group rules reference by ID.
	PrefixLists []PrefixList `json:"prefix_lists,omitempty"`
	// svc-gaps3: SpotFleetRequests are the region's Spot Fleet requests.
	SpotFleetRequests []SpotFleetRequest `json:"spot_fleet_requests,omitempty"`
}

// EC2RegionSettings are account-level EC2 settings of one region.
type EC2RegionSettings struct {
	Region string `json:"region"`
	// EBSEncryptionByDefault is the account's EBS default encryption.
	EBSEncryptionByDefault bool `json:"ebs_encryption_by_default"`
	// EBSDefaultKMSKeyID is the default key (alias/aws/ebs when unset).
	EBSDefaultKMSKeyID string `json:"ebs_default_kms_key_id,omitempty"`
	// SnapshotBlockPublicAccess is block-all-sharing, block-new-sharing or unblocked.
	SnapshotBlockPublicAccess string `json:"snapshot_block_public_access,omitempty"`
	// ImageBlockPublicAccess is block-new-sharing or unblocked.
	ImageBlockPublicAccess string `json:"image_block_public_access,omitempty"`
	// InstanceMetadataDefaults: HttpTokens account default (required, optional, "" = no preference).
	IMDSDefaultHTTPTokens string `json:"imds_default_http_tokens,omitempty"`
	// VPCBlockPublicAccess is the VPC Block Public Access mode:
	// block-bidirectional, block-ingress or off ("" when not read).
	VPCBlockPublicAccess string `json:"vpc_block_public_access,omitempty"`
}

// RegionSettings returns the EC2 settings recorded for a region.
func (e *EC2) Settings(region string) (EC2RegionSettings, bool) {
	for _, s := range e.RegionSettings {
		if s.Region == region {
			return s, true
		}
	}
	return EC2RegionSettings{}, false
}

// Instance is an EC2 instance.
type Instance struct {
	Meta
	ID         string    `json:"id"`
	State      string    `json:"state"` // pending, running, stopped, ...
	Type       string    `json:"type,omitempty"`
	ImageID    string    `json:"image_id"`
	LaunchTime time.Time `json:"launch_time"`
	VPCID      string    `json:"vpc_id,omitempty"`
	SubnetID   string    `json:"subnet_id,omitempty"`
	PublicIP   string    `json:"public_ip,omitempty"`
	PrivateIP  string    `json:"private_ip,omitempty"`
	// SecurityGroups are the IDs of the instance's security groups.
	SecurityGroups []string `json:"security_groups,omitempty"`
	// InstanceProfileARN is the attached profile, empty when none.
	InstanceProfileARN string `json:"instance_profile_arn,omitempty"`
	// MetadataHTTPTokens is required (IMDSv2 only) or optional.
	MetadataHTTPTokens string `json:"metadata_http_tokens,omitempty"`
	// MetadataHTTPEndpoint is enabled or disabled.
	MetadataHTTPEndpoint string `json:"metadata_http_endpoint,omitempty"`
	MetadataHopLimit     int    `json:"metadata_hop_limit,omitempty"`
	KeyName              string `json:"key_name,omitempty"`
	Platform             string `json:"platform,omitempty"` // windows or "" (Linux/UNIX)
	// VolumeIDs are the attached EBS volumes.
	VolumeIDs         []string `json:"volume_ids,omitempty"`
	MonitoringEnabled bool     `json:"monitoring_enabled,omitempty"`
	// ENICount is the number of network interfaces.
	ENICount int `json:"eni_count,omitempty"`
	// StateTransitionTime is when the instance entered its current state,
	// parsed from StateTransitionReason ("User initiated (2026-01-02 10:00:00 GMT)");
	// nil when AWS gave no time.
	StateTransitionTime *time.Time `json:"state_transition_time,omitempty"`
	// VirtualizationType is hvm or paravirtual ("" when not read).
	VirtualizationType string `json:"virtualization_type,omitempty"`
	// SourceDestCheck is the primary interface's source/destination check;
	// nil when not read.
	SourceDestCheck *bool `json:"source_dest_check,omitempty"`
}

// SecurityGroup is a VPC security group.
type SecurityGroup struct {
	Meta
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	VPCID       string   `json:"vpc_id,omitempty"`
	Ingress     []SGRule `json:"ingress,omitempty"`
	Egress      []SGRule `json:"egress,omitempty"`
	// AttachedENIs counts the network interfaces that use the group.
	AttachedENIs int `json:"attached_enis"`
}

// IsDefault is true for the VPC's default group.
func (g SecurityGroup) IsDefault() bool { return g.Name == "default" }

// SGRule is one security group rule. Protocol "-1" means all traffic, and
// then the ports are -1 (or 0..65535).
type SGRule struct {
	Protocol string   `json:"protocol"`
	FromPort int      `json:"from_port"`
	ToPort   int      `json:"to_port"`
	CIDRs    []string `json:"cidrs,omitempty"`
	IPv6     []string `json:"ipv6_cidrs,omitempty"`
	// SourceGroups are referenced security group IDs.
	SourceGroups []string `json:"source_groups,omitempty"`
	PrefixLists  []string `json:"prefix_lists,omitempty"`
	Description  string   `json:"description,omitempty"`
}

// CoversPort reports whether the rule admits TCP traffic to port.
func (r SGRule) CoversPort(port int) bool {
	if r.Protocol == "-1" || r.Protocol == "all" {
		return true
	}
	if r.Protocol != "tcp" && r.Protocol != "6" && r.Protocol != "udp" && r.Protocol != "17" {
		return false
	}
	return r.FromPort <= port && port <= r.ToPort
}

// AWSPrefixListOwner is the OwnerId AWS gives its own managed prefix lists
// (com.amazonaws.<region>.s3, com.amazonaws.global.cloudfront.origin-facing, ...).
const AWSPrefixListOwner = "AWS"

// PrefixList is a managed prefix list: a named set of CIDRs of one address
// family that security group rules and routes reference by ID.
type PrefixList struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// OwnerID is the owning account, or AWSPrefixListOwner for the lists
	// AWS maintains for its services.
	OwnerID string `json:"owner_id,omitempty"`
	// AddressFamily is IPv4 or IPv6.
	AddressFamily string `json:"address_family,omitempty"`
	// Entries are the list's CIDRs, read with GetManagedPrefixListEntries
	// for every list not owned by AWS. AWS-managed lists' entries are not
	// read (they are AWS's service ranges). Whether an empty list was read
	// is told by the gaps: a failed read leaves a GetManagedPrefixListEntries
	// gap for the list's ARN.
	Entries []string `json:"entries,omitempty"`
}

// AWSManaged reports whether AWS maintains the list for one of its services.
func (p PrefixList) AWSManaged() bool { return p.OwnerID == AWSPrefixListOwner }

// NetworkACL is a VPC network ACL.
type NetworkACL struct {
	Meta
	ID        string     `json:"id"`
	VPCID     string     `json:"vpc_id"`
	IsDefault bool       `json:"is_default"`
	Entries   []ACLEntry `json:"entries,omitempty"`
	SubnetIDs []string   `json:"subnet_ids,omitempty"`
}

// ACLEntry is one network ACL rule.
type ACLEntry struct {
	RuleNumber int    `json:"rule_number"`
	Egress     bool   `json:"egress"`
	Protocol   string `json:"protocol"` // "-1", "6", "17", ...
	Action     string `json:"action"`   // allow or deny
	CIDR       string `json:"cidr,omitempty"`
	IPv6CIDR   string `json:"ipv6_cidr,omitempty"`
	FromPort   int    `json:"from_port,omitempty"`
	ToPort     int    `json:"to_port,omitempty"`
}

// VPC is a virtual private cloud.
type VPC struct {
	Meta
	ID        string `json:"id"`
	CIDR      string `json:"cidr"`
	IsDefault bool   `json:"is_default"`
	State     string `json:"state,omitempty"`
}

// Subnet is a VPC subnet.
type Subnet struct {
	Meta
	ID                  string `json:"id"`
	VPCID               string `json:"vpc_id"`
	CIDR                string `json:"cidr"`
	AvailabilityZone    string `json:"availability_zone"`
	MapPublicIPOnLaunch bool   `json:"map_public_ip_on_launch"`
	DefaultForAZ        bool   `json:"default_for_az,omitempty"`
}

// RouteTable is a VPC route table reduced to its routes and associations.
type RouteTable struct {
	Meta
	ID        string   `json:"id"`
	VPCID     string   `json:"vpc_id"`
	Main      bool     `json:"main,omitempty"`
	SubnetIDs []string `json:"subnet_ids,omitempty"`
	Routes    []Route  `json:"routes,omitempty"`
}

// Route is one route; Target is the gateway, NAT, peering or endpoint ID.
type Route struct {
	Destination string `json:"destination"`
	Target      string `json:"target"`
}

// FlowLog is a VPC, subnet or ENI flow log.
type FlowLog struct {
	Meta
	ID          string `json:"id"`
	ResourceID  string `json:"resource_id"`
	TrafficType string `json:"traffic_type"` // ACCEPT, REJECT, ALL
	Status      string `json:"status,omitempty"`
	DestType    string `json:"destination_type,omitempty"`
	Destination string `json:"destination,omitempty"`
}

// Volume is an EBS volume.
type Volume struct {
	Meta
	ID         string    `json:"id"`
	SizeGiB    int       `json:"size_gib"`
	Type       string    `json:"type,omitempty"`
	State      string    `json:"state"`
	Encrypted  bool      `json:"encrypted"`
	KMSKeyID   string    `json:"kms_key_id,omitempty"`
	CreateTime time.Time `json:"create_time"`
	// AttachedTo is the instance ID, empty when unattached.
	AttachedTo string `json:"attached_to,omitempty"`
}

// Snapshot is an EBS snapshot owned by the account.
type Snapshot struct {
	Meta
	ID        string    `json:"id"`
	VolumeID  string    `json:"volume_id,omitempty"`
	Encrypted bool      `json:"encrypted"`
	KMSKeyID  string    `json:"kms_key_id,omitempty"`
	StartTime time.Time `json:"start_time"`
	SizeGiB   int       `json:"size_gib,omitempty"`
	// SharedWith lists the create-volume permission: account IDs, or "all" when public.
	SharedWith []string `json:"shared_with,omitempty"`
	// SourceRegion is set when the snapshot is a cross-region copy.
	SourceRegion string `json:"source_region,omitempty"`
}

// Public is true when the snapshot can be restored by anyone.
func (s Snapshot) Public() bool { return containsString(s.SharedWith, "all") }

// PublicListed reports whether the region's public snapshots were listed in
// bulk, so that a snapshot's Public answer does not depend on its own
// sharing attribute having been read.
func (e *EC2) PublicListed(region string) bool {
	return containsString(e.PublicSnapshotRegions, region)
}

// Image is an AMI.
type Image struct {
	Meta
	ID              string     `json:"id"`
	Name            string     `json:"name,omitempty"`
	OwnerID         string     `json:"owner_id"`
	CreationDate    time.Time  `json:"creation_date"`
	DeprecationTime *time.Time `json:"deprecation_time,omitempty"`
	Public          bool       `json:"public"`
	// SharedWith lists the launch permission's account IDs.
	SharedWith []string `json:"shared_with,omitempty"`
	// InUseOnly marks a foreign AMI recorded because instances use it.
	InUseOnly bool `json:"in_use_only,omitempty"`
	// EncryptedSnapshots is true when every EBS snapshot behind the AMI is encrypted.
	EncryptedSnapshots bool   `json:"encrypted_snapshots,omitempty"`
	State              string `json:"state,omitempty"`
}

// VPNConnection is a site-to-site VPN connection.
type VPNConnection struct {
	Meta
	ID                string      `json:"id"`
	State             string      `json:"state"`
	Type              string      `json:"type,omitempty"`
	VPNGatewayID      string      `json:"vpn_gateway_id,omitempty"`
	TransitGatewayID  string      `json:"transit_gateway_id,omitempty"`
	CustomerGatewayID string      `json:"customer_gateway_id,omitempty"`
	Tunnels           []VPNTunnel `json:"tunnels,omitempty"`
}

// VPNTunnel is one tunnel's status and its configured options. Empty
// algorithm lists mean "AWS defaults", which include weak choices (SHA1, DH group 2).
type VPNTunnel struct {
	OutsideIP        string   `json:"outside_ip"`
	Status           string   `json:"status"` // UP or DOWN
	StatusMessage    string   `json:"status_message,omitempty"`
	IKEVersions      []string `json:"ike_versions,omitempty"`
	Phase1Encryption []string `json:"phase1_encryption,omitempty"`
	Phase1Integrity  []string `json:"phase1_integrity,omitempty"`
	Phase1DHGroups   []int    `json:"phase1_dh_groups,omitempty"`
	Phase2Encryption []string `json:"phase2_encryption,omitempty"`
	Phase2Integrity  []string `json:"phase2_integrity,omitempty"`
	Phase2DHGroups   []int    `json:"phase2_dh_groups,omitempty"`
	LoggingEnabled   bool     `json:"logging_enabled,omitempty"`
}

// ClientVPNEndpoint is an AWS Client VPN endpoint with its authentication,
// logging and authorization rules.
type ClientVPNEndpoint struct {
	Meta
	ID     string `json:"id"`
	Status string `json:"status,omitempty"` // pending-associate, available, deleting, deleted
	// AuthenticationTypes are certificate-authentication,
	// directory-service-authentication and/or federated-authentication.
	AuthenticationTypes []string `json:"authentication_types,omitempty"`
	ConnectionLogging   bool     `json:"connection_logging"`
	SplitTunnel         bool     `json:"split_tunnel,omitempty"`
	// ClientCIDR is the address range handed to clients.
	ClientCIDR string `json:"client_cidr,omitempty"`
	// AuthorizationRules are read with DescribeClientVpnAuthorizationRules
	// (a Gap for the endpoint's ARN when they could not be read).
	AuthorizationRules []ClientVPNAuthRule `json:"authorization_rules,omitempty"`
}

// ClientVPNAuthRule is one Client VPN authorization rule: which users may
// reach which destination network.
type ClientVPNAuthRule struct {
	DestinationCIDR string `json:"destination_cidr"`
	// AccessAll is true when every authenticated user may use the rule.
	AccessAll bool `json:"access_all"`
	// GroupID is the directory or IdP group the rule is limited to.
	GroupID string `json:"group_id,omitempty"`
}

// LaunchTemplate is a launch template with the settings of its default
// version that the checks read.
type LaunchTemplate struct {
	Meta
	ID             string `json:"id"`
	Name           string `json:"name"`
	DefaultVersion int64  `json:"default_version"`
	// AssociatePublicIP is true when a network interface of the default
	// version asks for a public IPv4 address.
	AssociatePublicIP bool `json:"associate_public_ip,omitempty"`
	// MetadataHTTPTokens is required, optional, or "" when the template
	// leaves it to the AMI and account default.
	MetadataHTTPTokens string `json:"metadata_http_tokens,omitempty"`
	// MetadataHTTPEndpoint is enabled, disabled or "".
	MetadataHTTPEndpoint string `json:"metadata_http_endpoint,omitempty"`
	// EBSVolumes are the default version's EBS block device mappings
	// (svc-gaps: EC2.181).
	EBSVolumes []TemplateVolume `json:"ebs_volumes,omitempty"`
}

// TemplateVolume is an EBS block device mapping of a launch template.
type TemplateVolume struct {
	Device string `json:"device"`
	// Encrypted is the mapping's setting; nil when the template leaves it
	// to the snapshot and the region's EBS encryption by default.
	Encrypted *bool `json:"encrypted,omitempty"`
}

// TransitGateway is a transit gateway and the option the checks read.
type TransitGateway struct {
	Meta
	ID    string `json:"id"`
	State string `json:"state,omitempty"`
	// AutoAcceptSharedAttachments is true when attachment requests from
	// other accounts are accepted without review.
	AutoAcceptSharedAttachments bool `json:"auto_accept_shared_attachments"`
}

// VPCEndpoint is an interface or gateway endpoint.
type VPCEndpoint struct {
	Meta
	ID          string `json:"id"`
	VPCID       string `json:"vpc_id"`
	ServiceName string `json:"service_name"`
	Type        string `json:"type"`
	Policy      string `json:"policy,omitempty"`
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
