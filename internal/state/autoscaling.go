package state

// AutoScaling holds the EC2 Auto Scaling groups and launch configurations
// of every scanned region.
//
// Gaps: DescribeAutoScalingGroups hides a region's groups and
// DescribeLaunchConfigurations its launch configurations (both are bulk
// listings; nothing is read per item).
type AutoScaling struct {
	Groups               []AutoScalingGroup    `json:"groups,omitempty"`
	LaunchConfigurations []LaunchConfiguration `json:"launch_configurations,omitempty"`
}

// AutoScalingGroup is an EC2 Auto Scaling group.
type AutoScalingGroup struct {
	Meta
	Name string `json:"name"`
	// AvailabilityZones are the zones the group launches instances in.
	AvailabilityZones []string `json:"availability_zones,omitempty"`
	// HealthCheckType is EC2, ELB, VPC_LATTICE or EBS (AWS may combine
	// them; the API reports one).
	HealthCheckType string `json:"health_check_type,omitempty"`
	// LoadBalancers are what the group registers its instances with:
	// Classic Load Balancer names, target group ARNs and other traffic
	// sources' identifiers.
	LoadBalancers []string `json:"load_balancers,omitempty"`
	// LaunchConfigurationName names the launch configuration the group
	// launches from; empty when it uses a launch template.
	LaunchConfigurationName string `json:"launch_configuration_name,omitempty"`
	// LaunchTemplateID and LaunchTemplateVersion name the launch template
	// the group launches from (directly or through its mixed instances
	// policy); empty when it uses a launch configuration.
	LaunchTemplateID      string `json:"launch_template_id,omitempty"`
	LaunchTemplateName    string `json:"launch_template_name,omitempty"`
	LaunchTemplateVersion string `json:"launch_template_version,omitempty"`
	// MixedInstances is true when the group has a mixed instances policy;
	// InstanceTypes are its overrides' instance types and
	// AttributeBased is true when an override selects instance types by
	// attributes (instance requirements) instead of naming them.
	MixedInstances bool     `json:"mixed_instances,omitempty"`
	InstanceTypes  []string `json:"instance_types,omitempty"`
	AttributeBased bool     `json:"attribute_based,omitempty"`
}

// UsesLaunchTemplate reports whether the group launches from a launch
// template (its own or its mixed instances policy's).
func (g AutoScalingGroup) UsesLaunchTemplate() bool {
	return g.LaunchTemplateID != "" || g.LaunchTemplateName != ""
}

// LaunchConfiguration is an EC2 Auto Scaling launch configuration, with
// the settings the checks read.
type LaunchConfiguration struct {
	Meta
	Name string `json:"name"`
	// AssociatePublicIP is true when the configuration asks for a public
	// IPv4 address on every instance (unset leaves it to the subnet).
	AssociatePublicIP bool `json:"associate_public_ip,omitempty"`
	// MetadataHTTPTokens is required, optional, or "" when the
	// configuration sets no metadata options (the AMI's and the account's
	// defaults apply).
	MetadataHTTPTokens string `json:"metadata_http_tokens,omitempty"`
	// MetadataHTTPEndpoint is enabled, disabled or "".
	MetadataHTTPEndpoint string `json:"metadata_http_endpoint,omitempty"`
}
